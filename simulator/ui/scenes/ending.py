"""The ending of the case: how it turned out for the family, over the last place."""

from __future__ import annotations

from typing import Any

from simulator.ui.runner import Run
from simulator.ui.scenes.doc import DocScene
from simulator.ui.text import Para, para
from simulator.ui.widgets import Button

WHERE = {
    "enabler": "This is one of the outcomes the enabler path leads towards.",
    "mixed": "This outcome sits between the enabler and barrier paths.",
    "barrier": "This is one of the outcomes the barrier path leads towards.",
}


class EndingScene(DocScene):
    name = "ending"
    fit = True

    def __init__(self, app: Any, run: Run, on_done: Any = None, button: str = "See your debrief") -> None:
        super().__init__(app)
        self.run = run
        self.on_done = on_done
        self.button = button
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
        return [Button(self.button, self.done, kind="primary", key="done")]

    def back(self) -> None:
        """Esc here pauses nothing (the case is over): it moves on like the button."""
        self.done()

    def done(self) -> None:
        if self.on_done is not None:
            self.on_done()
        else:
            self.app.flow.debrief(self.run)

    def autoplay(self, pilot: Any) -> bool:
        self.done()
        return True
