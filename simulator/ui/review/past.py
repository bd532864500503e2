"""Past playthroughs: every finished and unfinished playthrough in the records, newest first.

A finished one opens its debrief or the compare timeline (so the debrief
is there "for any saved record", with the reflections written before); an
unfinished one can be continued where it stopped. Playthroughs set aside
when a new one was begun are kept in the records but not listed.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

from simulator.records.store import Playthrough
from simulator.services.catalog import Catalog
from simulator.services.past import ending_title, when
from simulator.ui.kit.menu import MenuScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.review.moves import ReviewMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App


class PastScene(MenuScene[ReviewMoves]):
    """The list; Enter on one offers what can be done with it."""

    name = "past"
    heading = "Past playthroughs"
    width = 860

    def __init__(self, app: App, moves: ReviewMoves, catalog: Catalog) -> None:
        super().__init__(app, moves)
        self.catalog = catalog
        self.rows: tuple[Playthrough, ...] = ()
        self.set_aside = 0
        self.problem = ""
        self.reload()

    def reload(self) -> None:
        listed = self.moves.past_list()
        self.rows, self.set_aside, self.problem = listed.rows, listed.set_aside, listed.problem

    def on_enter(self) -> None:
        self.reload()
        self.layout(self.look)

    def intro(self) -> list[Para]:
        if self.problem:
            return [para(self.problem, "body", "text", space_after=0.2)]
        if not self.rows:
            return [para("Nothing yet: a playthrough appears here as soon as you begin one.", "body", "muted", space_after=0.2)]
        aside = f" {self.set_aside} set aside when you began again {'is' if self.set_aside == 1 else 'are'} kept in your records." if self.set_aside else ""
        return [para(f"Newest first. A finished one opens its debrief; an unfinished one can be continued.{aside}", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        out: list[Button] = []
        for p in self.rows:
            if p.damaged:
                out.append(Button(p.scenario_title, None, detail="Damaged on disk: it cannot be opened", enabled=False, key=f"p{p.id}"))
                continue
            if p.finished:
                ending = ending_title(self.catalog, p)
                state = f"Finished: {ending}" if ending else "Finished"
            else:
                state = f"Unfinished, {p.steps} step{'s' if p.steps != 1 else ''} in"
            detail = f"{state} \u00b7 {when(p.started_at)} \u00b7 {p.mode} setting"
            out.append(Button(p.scenario_title, functools.partial(self.choose, p), detail=detail, key=f"p{p.id}"))
        out.append(Button("Back to the title", self.back, kind="primary" if not self.rows else "normal", key="back"))
        return out

    def choose(self, p: Playthrough) -> None:
        self.moves.past_menu(p)


class PastMenu(MenuScene[ReviewMoves]):
    """What to do with one playthrough."""

    name = "past-menu"
    width = 720

    def __init__(self, app: App, moves: ReviewMoves, playthrough: Playthrough) -> None:
        super().__init__(app, moves)
        self.p = playthrough
        self.heading = playthrough.scenario_title

    def intro(self) -> list[Para]:
        state = "Finished" if self.p.finished else f"Unfinished, {self.p.steps} steps in"
        return [para(f"{state}. Begun {when(self.p.started_at)}, in the {self.p.mode} setting.", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        if self.p.finished:
            return [
                Button("Debrief", lambda: self.open("debrief"), detail="Scores, moments, reflection, evidence, export", kind="primary", key="debrief"),
                Button("Compare paths", lambda: self.open("compare"), detail="Your path against the barrier and enabler paths", key="compare"),
                Button("Back", self.back, key="back"),
            ]
        return [
            Button("Continue", self.resume, detail="From the moment you stopped", kind="primary", key="continue"),
            Button("Debrief so far", lambda: self.open("debrief"), detail="What happened until you stopped", key="debrief"),
            Button("Back", self.back, key="back"),
        ]

    def resume(self) -> None:
        self.moves.resume_latest(self.p)

    def open(self, what: Literal["debrief", "compare"]) -> None:
        self.moves.open_saved(self.p, what)
