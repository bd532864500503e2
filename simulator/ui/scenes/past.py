"""Past playthroughs: every finished and unfinished playthrough in the records, newest first.

A finished one opens its debrief or the compare timeline (so the debrief
is there "for any saved record", with the reflections written before); an
unfinished one can be continued where it stopped. Playthroughs set aside
when a new one was begun are kept in the records but not listed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulator.ui.scenes.menu import MenuScene
from simulator.ui.text import Para, para
from simulator.ui.widgets import Button

LISTED = 60  # the newest; older ones stay in the records and in any export


def when(iso: str) -> str:
    """A stored UTC time as the trainee's local date and time ("Tue 3 Mar 2026, 14:05")."""
    try:
        d = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{d:%a} {d.day} {d:%b %Y}, {d:%H:%M}"


class PastScene(MenuScene):
    """The list; Enter on one offers what can be done with it."""

    name = "past"
    heading = "Past playthroughs"
    width = 860

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.rows: list[Any] = []
        self.set_aside = 0
        self.problem = ""
        self.reload()

    def reload(self) -> None:
        from simulator.records.store import StoreError

        flow = self.app.flow
        self.rows, self.set_aside, self.problem = [], 0, ""
        if flow.store is None:
            self.problem = "Your records could not be opened, so there is nothing to show."
            return
        flow.settle()
        try:
            rows = flow.store.playthroughs()
        except StoreError as exc:
            self.problem = str(exc)
            return
        self.rows = [p for p in rows if not p.abandoned][:LISTED]
        self.set_aside = sum(1 for p in rows if p.abandoned)

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

    def _ending_title(self, p: Any) -> str:
        found = self.app.flow.catalog.find(p.scenario_id) if p.ending else None
        node = found[1].nodes.get(p.ending) if found is not None else None
        return node.ending.title if node is not None and node.ending is not None else ""

    def buttons(self) -> list[Button]:
        out: list[Button] = []
        for p in self.rows:
            if p.damaged:
                out.append(Button(p.scenario_title, None, detail="Damaged on disk: it cannot be opened", enabled=False, key=f"p{p.id}"))
                continue
            if p.finished:
                ending = self._ending_title(p)
                state = f"Finished: {ending}" if ending else "Finished"
            else:
                state = f"Unfinished, {p.steps} step{'s' if p.steps != 1 else ''} in"
            detail = f"{state} \u00b7 {when(p.started_at)} \u00b7 {p.mode} setting"
            out.append(Button(p.scenario_title, (lambda p=p: self.choose(p)), detail=detail, key=f"p{p.id}"))
        out.append(Button("Back to the title", self.back, kind="primary" if not self.rows else "normal", key="back"))
        return out

    def choose(self, p: Any) -> None:
        self.app.push(PastMenu(self.app, p))


class PastMenu(MenuScene):
    """What to do with one playthrough."""

    name = "past-menu"
    width = 720

    def __init__(self, app: Any, playthrough: Any) -> None:
        super().__init__(app)
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
        self.app.flow.resume_latest(self.p)

    def open(self, what: str) -> None:
        from simulator.ui.review import Review, ReviewError
        from simulator.ui.scenes.compare import CompareScene
        from simulator.ui.scenes.debrief import DebriefScene

        flow = self.app.flow
        found = flow.catalog.find(self.p.scenario_id)
        if found is None:
            flow.notice("This case is not here", [f"{self.p.scenario_title} is not installed on this computer (or has problems in its files). The playthrough is kept safely in your records."])
            return
        flow.settle()
        try:
            review = Review.of_saved(found[1], self.p, flow.store, flow.saver, on_problem=flow.problem)
        except ReviewError as exc:
            flow.notice("This playthrough cannot be opened", [str(exc), "It is kept in your records; nothing was changed."])
            return
        self.app.pop()
        self.app.push(DebriefScene(self.app, review, from_list=True) if what == "debrief" else CompareScene(self.app, review))
