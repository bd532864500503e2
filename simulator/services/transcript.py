"""What was said and chosen so far, for the history screen.

Pure Python. The transcript is rebuilt by replaying the playthrough's own
actions from the start, so it shows each line exactly as it read at the
time (lines that depend on state read as they did then), and it works the
same after a resume as in an unbroken session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simulator.engine.actions import Choose, Skip
from simulator.engine.clock import clock_view
from simulator.engine.session import Session

Kind = Literal["episode", "line", "choice", "skip"]


@dataclass(frozen=True)
class Entry:
    """One item of the history: an episode heading (title, newline, when), a line (narration if no name), or a choice."""

    kind: Kind
    text: str
    name: str | None = None
    cue: str | None = None


def transcript(session: Session, reached: int | None = None) -> list[Entry]:
    """Every episode, line and choice up to the current moment, in order.

    ``reached``: how many of the current moment's lines the trainee has been
    shown (None for all of them), so the history never tells what is still to come.
    """
    state = session.state
    replay = Session.start(session.scenario, state.seed, state.player_name)
    entries: list[Entry] = []
    episode = ""

    def show(upto: int | None = None) -> None:
        nonlocal episode
        lines = replay.lines()[:upto]
        if replay.state.episode != episode and (lines or upto is None):
            episode = replay.state.episode
            clock = clock_view(replay)
            entries.append(Entry("episode", f"{replay.card().title}\n{', '.join(clock.when)}"))
        for line in lines:
            entries.append(Entry("line", line.text, line.name, line.cue))

    for step in state.steps:
        show()
        action = step.action
        if isinstance(action, Skip):
            entries.append(Entry("skip", "You skipped the rest of this scene (not scored)."))
        elif isinstance(action, Choose):
            entries.append(Entry("choice", replay.option(action.choice).text))
        replay.act(action)
    show(reached)
    return entries
