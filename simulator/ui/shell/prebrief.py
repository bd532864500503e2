"""Before the case: what you will practise, the fiction contract, content notes, pause and
step-out, the choice between the coach and assessment settings, and the worker's name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.care import MODES, SAFETY
from simulator.services.settings import Mode
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.shell.moves import ShellMoves

if TYPE_CHECKING:
    from simulator.records.store import Playthrough
    from simulator.scenario.model import Scenario
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot

class PrebriefScene(DocScene[ShellMoves]):
    name = "prebrief"
    heading = "Before you start"

    def __init__(self, app: App, moves: ShellMoves, scenario: Scenario, replacing: list[Playthrough], *, assessment: bool = False) -> None:
        super().__init__(app, moves)
        self.scenario = scenario
        self.replacing = replacing
        self.mode: Mode = "assessment" if assessment else app.settings.mode
        self.name_label = 0  # which of name_labels() the name button wears

    def name_labels(self) -> tuple[str, ...]:
        """The name button's label, fullest first."""
        return (f"Your name: {self.worker}", f"Name: {self.worker}", "Your name")

    def _layout_in(self, look: Look, card: pygame.Rect) -> int:
        # A second row of buttons costs a line of reading on every page (14 pages instead of 10 for Harris at 1024x600
        # with the largest text), so the name button says less before the row wraps; the text above names the worker anyway.
        self.name_label = 0
        used = super()._layout_in(look, card)
        while len({b.rect.y for b in self.group.buttons if b.rect is not None}) > 1 and self.name_label < len(self.name_labels()) - 1:
            self.name_label += 1
            used = super()._layout_in(look, card)
        return used

    def subtitle(self) -> str:
        return self.scenario.title

    def paras(self) -> list[Para]:
        s = self.scenario
        out: list[Para] = []
        if s.prebrief:
            out.append(para(s.prebrief, "body", "text", space_after=0.3))
        # Right after the prebrief, which may say "you can use your own name instead".
        out.append(para(f"In this playthrough you are {self.worker}; the name button below changes that.", "bold", "text", space_after=0.5))
        if s.learning_objectives:
            out.append(para("What you will practise", "heading", "text", space_after=0.2, keep_with_next=True))
            out.extend(para(o, "body", "text", bullet=True, space_after=0.1) for o in s.learning_objectives)
        out.append(para("The fiction contract", "heading", "text", space_before=0.5, space_after=0.2, keep_with_next=True))
        out.append(para(s.fiction_contract, "body", "text"))
        if s.content_notes:
            out.append(para("Content notes", "heading", "text", space_before=0.5, space_after=0.2, keep_with_next=True))
            out.extend(para(n, "body", "text", bullet=True, space_after=0.1) for n in s.content_notes)
        out.append(para("Pause and step out", "heading", "text", space_before=0.5, space_after=0.2, keep_with_next=True))
        out.append(para(s.safety or SAFETY, "body", "text"))
        out.append(para("Feedback", "heading", "text", space_before=0.5, space_after=0.2, keep_with_next=True))
        out.append(para(MODES["coach"], "body", "text", bullet=True, space_after=0.1))
        out.append(para(MODES["assessment"], "body", "text", bullet=True))
        out.append(para(f"Chosen: the {self.mode} setting. The button below switches it.", "bold", "text", space_before=0.2))
        if self.replacing:
            out.append(para(
                "You have an unfinished playthrough of this case. Beginning a new one sets it aside: it stays in your records, "
                "but Continue will offer the new one.", "body", "muted", space_before=0.4))
        return out

    def actions(self) -> list[Button]:
        label = "Coach" if self.mode == "coach" else "Assessment"
        return [
            Button(f"Setting: {label}", self.switch, key="mode"),
            Button(self.name_labels()[self.name_label], self.change_name, key="name"),
            Button("Begin", self.begin, kind="primary", key="begin"),
            Button("Back", self.back, key="back"),
        ]

    def switch(self) -> None:
        self.mode = "assessment" if self.mode == "coach" else "coach"
        self.app.apply_settings(self.app.settings.with_changes(mode=self.mode))

    @property
    def worker(self) -> str:
        """The name a playthrough begun now would give the worker."""
        return self.moves.name_in_use(self.scenario)

    def change_name(self) -> None:
        self.moves.name_entry(self.scenario)

    def begin(self) -> None:
        self.moves.begin(self.scenario, self.mode)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.page, self.mode, self.worker)

    def autoplay(self, pilot: Pilot) -> bool:
        if self.turn(1):
            return True
        self.group.focus_key("begin")
        self.begin()
        return True
