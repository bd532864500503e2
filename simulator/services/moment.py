"""What one moment of a playthrough shows, frozen: the place, who is there and in what mood, what is said, the options.

:func:`snapshot` copies what the session shows now into a :class:`Moment`,
so a screen can keep showing the moment of a decision while the feedback
card is up, though the engine has already moved on, and so the watch mode
can keep every moment of a version to step through. Everything in it comes
from the session ready to show (names filled in).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.clock import ClockView, clock_view
from simulator.engine.session import Session
from simulator.engine.shown import Shown


@dataclass(frozen=True)
class Figure:
    """Someone on stage: who, the name they go by, and their mood (drawn, and written on their name plate)."""

    id: str
    name: str
    mood: str | None


@dataclass(frozen=True)
class Moment:
    """A frozen copy of what the session shows at one node."""

    node: str
    episode: str
    episode_title: str
    location: str
    figures: tuple[Figure, ...]
    lines: tuple[Shown, ...]
    choices: tuple[tuple[str, str], ...]
    can_proceed: bool
    finished: bool
    clock: ClockView

    def figures_at(self, line: int | None) -> tuple[Figure, ...]:
        """Moods as of a line: a speaker's own mood on that line (or their last before it) wins."""
        if line is None:
            return self.figures
        latest: dict[str, str] = {}
        for shown in self.lines[: line + 1]:
            if shown.speaker and shown.mood:
                latest[shown.speaker] = shown.mood
        return tuple(Figure(f.id, f.name, latest.get(f.id, f.mood)) for f in self.figures)


def snapshot(session: Session) -> Moment:
    """What the session shows now."""
    scenario = session.scenario
    present = [c for c in session.present if c != scenario.player]
    figures = tuple(Figure(c, session.name_of(c), session.mood_of(c)) for c in present)
    return Moment(
        node=session.state.node,
        episode=session.state.episode,
        episode_title=session.card().title,
        location=session.location,
        figures=figures,
        lines=tuple(session.lines()),
        choices=tuple((o.id, o.text) for o in session.options),
        can_proceed=session.can_proceed,
        finished=session.finished,
        clock=clock_view(session),
    )
