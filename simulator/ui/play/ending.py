"""The ending of the case: how it turned out for the family, over the last place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.services.run import Run
from simulator.services.words import WHERE
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.play.moves import PlayMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


class EndingScene(DocScene[PlayMoves]):
    name = "ending"
    fit = True
    fixed = True  # made, laid out and drawn while the last page before it is read (flow/play.py)

    def __init__(self, app: App, moves: PlayMoves, run: Run) -> None:
        super().__init__(app, moves)
        self.run = run
        ending = run.session.ending
        assert ending is not None
        self.ending = ending
        self.heading = ending.title
        self.backdrop = run.session.location

    def subtitle(self) -> str:
        return self.ending.outcome

    def paras(self) -> list[Para]:
        return [
            para(self.ending.text, "body", "text", space_after=0.5),
            para(WHERE.get(self.ending.kind, ""), "body", "muted", space_after=0.0),
        ]

    def actions(self) -> list[Button]:
        return [Button("See your debrief", self.done, kind="primary", key="done")]

    def back(self) -> None:
        """Esc here pauses nothing (the case is over): it moves on like the button."""
        self.done()

    def done(self) -> None:
        self.moves.debrief(self.run)

    def autoplay(self, pilot: Pilot) -> bool:
        self.done()
        return True
