"""History: everything said and chosen so far, newest last, opened at the latest page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.services.run import Run
from simulator.services.transcript import Entry, transcript
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.scene import Moves
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


def history_paras(entries: list[Entry]) -> list[Para]:
    paras: list[Para] = []
    for e in entries:
        if e.kind == "episode":
            title, _, when = e.text.partition("\n")
            paras.append(Para((Span(title, "bold", "accent"), Span(f"  {when}", "small", "muted")), space_before=0.5, space_after=0.25, keep_with_next=True))
        elif e.kind == "skip":
            paras.append(para(e.text, "italic", "muted", space_after=0.45))
        elif e.kind == "choice":
            paras.append(Para((Span("You: ", "bold", "accent"), Span(e.text, "bold", "text")), space_after=0.45))
        else:
            spans: list[Span] = []
            if e.name:
                spans.append(Span(f"{e.name}: ", "bold", "text"))
            if e.cue:
                spans.append(Span(f"({e.cue}) ", "italic", "muted"))
            spans.append(Span(e.text, "body", "text"))
            paras.append(Para(tuple(spans), space_after=0.35))
    if not paras:
        paras.append(para("Nothing has happened yet.", "body", "muted"))
    return paras


class HistoryScene(DocScene[Moves]):
    name = "history"
    heading = "History"
    start_at_end = True

    def __init__(self, app: App, moves: Moves, run: Run, reached: int | None = None) -> None:
        super().__init__(app, moves)
        self.body = history_paras(transcript(run.session, reached))

    def subtitle(self) -> str:
        return "What was said and what you chose, newest last."

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [Button("Back", self.back, kind="primary", key="back")]

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False  # opened by the trainee: wait for them
        self.back()
        return True
