"""What one moment of a playthrough shows, frozen: the place, who is there (and where, and in what mood), what is said, the options.

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
from simulator.engine.stage import Person, View

Figure = Person  # someone drawn: who, their name, mood, pose, spot and whom they hold


@dataclass(frozen=True)
class Moment:
    """A frozen copy of what the session shows at one node.

    ``views`` is the stage as each of ``lines`` shows it (one for one);
    ``view`` is the stage at the decision, once every line is read.
    """

    node: str
    episode: str
    episode_title: str
    location: str
    view: View
    views: tuple[View, ...]
    lines: tuple[Shown, ...]
    choices: tuple[tuple[str, str], ...]
    can_proceed: bool
    finished: bool
    clock: ClockView
    episode_number: int = 0  # this episode's place in the case (1-based), and how many the case has: "Episode 3 of 14"
    episodes_total: int = 0

    @property
    def figures(self) -> tuple[Person, ...]:
        """Who is drawn at the decision."""
        return self.view.people

    def view_at(self, line: int | None) -> View:
        """The stage as a line shows it (None: at the decision)."""
        if line is None or not 0 <= line < len(self.views):
            return self.view
        return self.views[line]

    def figures_at(self, line: int | None) -> tuple[Person, ...]:
        """Who is drawn as a line shows it, in their moods as of that line."""
        return self.view_at(line).people


def snapshot(session: Session) -> Moment:
    """What the session shows now."""
    view = session.view()
    return Moment(
        node=session.state.node,
        episode=session.state.episode,
        episode_title=session.card().title,
        location=view.location,
        view=view,
        views=tuple(session.views()),
        lines=tuple(session.lines()),
        choices=tuple((o.id, o.text) for o in session.options),
        can_proceed=session.can_proceed,
        finished=session.finished,
        clock=clock_view(session),
        episode_number=episode_place(session)[0],
        episodes_total=len(session.scenario.episodes),
    )


def episode_place(session: Session) -> tuple[int, int]:
    """This episode's place in the case (1-based, 0 if unknown) and how many the case has: "Episode 3 of 14" in every host."""
    episodes = session.scenario.episodes
    return next((i for i, ep in enumerate(episodes, 1) if ep.id == session.state.episode), 0), len(episodes)
