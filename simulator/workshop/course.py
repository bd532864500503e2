"""What the room goes through: a case played together, or its two versions watched and predicted.

Both courses hand the facilitator's controls the same thing, a :class:`Stop`:
an episode's card (its title and what to notice), a moment of the case (the
place, the people, what is said, and at a decision its options), or the
ending. :class:`PlayCourse` is one playthrough the room steers: at each
decision the facilitator takes the option the room settled on, and feedback,
trust and the case clock move on as in play. :class:`WatchCourse` walks the
canonical enabler version of each episode (the barrier version where only it
goes), and at each decision knows what both versions' workers chose, so the
room can predict before the facilitator reveals them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from simulator.analysis.paths import Trace, canonical_paths
from simulator.engine.actions import CONTINUE, SKIP
from simulator.engine.session import Session
from simulator.engine.shown import Option
from simulator.scenario.model import Ending, Scenario
from simulator.services.moment import Moment, snapshot
from simulator.services.reels import EpisodeReel, Frame, build_reels, contrast, endings
from simulator.services.words import WHERE, changes_in_words, episode_when

Kind = Literal["card", "moment", "ending"]


@dataclass(frozen=True, slots=True)
class Stop:
    """Where the room is: a card, a moment (a decision when it has options), or the ending."""

    kind: Kind
    episode: str
    heading: str
    lines: tuple[str, ...] = ()
    moment: Moment | None = None
    options: tuple[tuple[str, str], ...] = ()  # (choice id, words) at a decision, in the order shown
    number: int = 0  # counts every stop, so each is told apart

    @property
    def decision(self) -> bool:
        return bool(self.options)

    @property
    def node(self) -> str:
        return self.moment.node if self.moment is not None else ""


@dataclass(frozen=True, slots=True)
class Taken:
    """What the room's choice did in play: the feedback, and what it changed, in words."""

    option: Option
    feedback: str
    changes: tuple[str, ...]


class Course(Protocol):
    scenario: Scenario

    @property
    def stop(self) -> Stop: ...

    @property
    def finished(self) -> bool: ...

    def forward(self) -> None:
        """Move on from a stop that is not a decision."""

    def skip_episode(self) -> str:
        """Leave the rest of this episode; a sentence saying what happened."""


def card_stop(scenario: Scenario, session: Session, number: int) -> Stop:
    card = session.card()
    episode = scenario.episode_by_id[card.episode]
    lines = [episode_when(scenario, episode)]
    lines += [p for p in (card.transition, card.summary) if p]
    if card.notice:
        lines.append("Things to notice:")
        lines += [f"• {n}" for n in card.notice]
    return Stop("card", card.episode, card.title, tuple(lines), number=number)


def ending_lines(ending: Ending, kind_words: str) -> tuple[str, ...]:
    return tuple(p for p in (ending.text, ending.outcome, kind_words) if p)


class PlayCourse:
    """One playthrough of the case, steered by the room (the facilitator takes each choice)."""

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.session = Session.start(scenario, seed=seed)
        self.seed = seed
        self._count = 0
        self._stop = card_stop(scenario, self.session, 0)
        self.traces: dict[str, Trace] = canonical_paths(scenario, seed)
        self.skipped: list[str] = []

    @property
    def stop(self) -> Stop:
        return self._stop

    @property
    def finished(self) -> bool:
        return self._stop.kind == "ending"

    def _next(self, previous_episode: str) -> None:
        """The stop after an action: the new episode's card first, when the case moved into one."""
        self._count += 1
        session = self.session
        if session.finished:
            ending = session.ending
            assert ending is not None
            self._stop = Stop("ending", session.state.episode, ending.title, ending_lines(ending, WHERE.get(ending.kind, "")), snapshot(session), number=self._count)
        elif session.state.episode != previous_episode:
            self._stop = card_stop(self.scenario, session, self._count)
        else:
            self._show_moment()

    def _show_moment(self) -> None:
        session = self.session
        options = tuple((o.id, o.text) for o in session.options)
        self._stop = Stop("moment", session.state.episode, session.card().title, moment=snapshot(session), options=options, number=self._count)

    def forward(self) -> None:
        stop = self._stop
        if stop.kind == "ending":
            return
        if stop.kind == "card":
            self._count += 1
            self._show_moment()
            return
        if stop.decision:
            raise ValueError("this is a decision: the room chooses an option to move on")
        episode = self.session.state.episode
        self.session.act(CONTINUE)
        self._next(episode)

    def option(self, choice_id: str) -> Option:
        return self.session.option(choice_id)

    def choose(self, choice_id: str) -> Taken:
        """Take the option the room settled on; what it did, in words."""
        if not self._stop.decision or all(cid != choice_id for cid, _ in self._stop.options):
            raise ValueError(f"`{choice_id}` is not an option here")
        option = self.session.option(choice_id)
        episode = self.session.state.episode
        before = self.session.state.copy()
        step = self.session.choose(choice_id)
        effects = tuple((d, v - before.scores.get(d, 0)) for d, v in step.scores)
        trust = tuple((c, v - before.trust.get(c, 0)) for c, v in step.trust)
        changes = changes_in_words(self.session, effects, trust) + [e.text for e in step.events]
        self._next(episode)
        return Taken(option, option.feedback, tuple(changes))

    def skip_episode(self) -> str:
        if self.finished:
            return "The case has ended; there is no scene to skip."
        episode = self.session.state.episode
        title = self.session.card().title
        self.session.act(SKIP)
        self.skipped.append(episode)
        self._next(episode)
        return f"Skipped the rest of “{title}”: not scored; the case goes on as if a middle way had been taken."

    def canonical_choice(self, path: str, node: str) -> str | None:
        """The option the canonical ``path`` took at ``node``, if it came this way."""
        trace = self.traces.get(path)
        step = trace.at(node) if trace is not None else None
        return step.choice.id if step is not None and step.choice is not None else None


@dataclass(frozen=True, slots=True)
class Beat:
    """One stop of the watch course, with both versions' choices when it is a decision."""

    stop: Stop
    reel: int
    answers: tuple[tuple[str, str], ...] = ()  # (path, choice id) for each version that faced this decision
    asked: str = "enabler"  # which version the room predicts


def _decisions(frames: list[Frame]) -> dict[str, str]:
    return {f.moment.node: f.chosen for f in frames if f.decision and f.chosen is not None}


class WatchCourse:
    """Each episode as its enabler version played it (the barrier version's where only it went), pausing at every decision."""

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self.reels = build_reels(scenario, seed)
        self.traces = self.reels.traces
        self.beats: list[Beat] = []
        for index, reel in enumerate(self.reels.episodes):
            self._add_reel(index, reel)
        self.at = 0
        self.skipped: list[str] = []

    def _add_reel(self, index: int, reel: EpisodeReel) -> None:
        main = reel.take("enabler")
        if main is None or not main.reached:
            main = reel.take("barrier")
        if main is None:
            return
        other = reel.take("barrier" if main.path == "enabler" else "enabler")
        frames = main.frames(self.scenario, self.seed)
        other_choices = _decisions(other.frames(self.scenario, self.seed)) if other is not None and other.reached else {}
        title = reel.episode.title
        session = Session.start(self.scenario, self.seed)  # for its names: the cast's, as the versions show them
        ep = reel.episode
        lines = [episode_when(self.scenario, ep)] + [p for p in (ep.transition, ep.summary) if p]
        if ep.notice:
            lines += ["Things to notice:", *(f"• {n}" for n in ep.notice)]
        names = session.names.fill
        self._push(Stop("card", ep.id, names(title), tuple(names(x) for x in lines)), index)
        for frame in frames:
            moment = frame.moment
            if frame.ending is not None:
                ending = frame.ending
                words = f"This is how the {main.path} version ended." + (" " + WHERE[ending.kind] if ending.kind in WHERE else "")
                self._push(Stop("ending", ep.id, ending.title, ending_lines(ending, words), moment), index)
                continue
            if frame.decision and frame.chosen is not None:
                answers = [(main.path, frame.chosen)]
                if moment.node in other_choices and other is not None:
                    answers.append((other.path, other_choices[moment.node]))
                self._push(Stop("moment", ep.id, names(title), moment=moment, options=moment.choices), index, tuple(answers), main.path)
            else:
                self._push(Stop("moment", ep.id, names(title), moment=moment), index)
        changed = contrast(self.scenario, reel) + endings(reel, self.traces)
        if changed and not (self.beats and self.beats[-1].stop.kind == "ending"):
            self._push(Stop("card", ep.id, f"{names(title)}: what each version changed", tuple(changed)), index)

    def _push(self, stop: Stop, reel: int, answers: tuple[tuple[str, str], ...] = (), asked: str = "enabler") -> None:
        numbered = Stop(stop.kind, stop.episode, stop.heading, stop.lines, stop.moment, stop.options, len(self.beats))
        self.beats.append(Beat(numbered, reel, answers, asked))

    @property
    def beat(self) -> Beat:
        return self.beats[self.at]

    @property
    def stop(self) -> Stop:
        return self.beat.stop

    @property
    def finished(self) -> bool:
        return self.at >= len(self.beats) - 1

    def forward(self) -> None:
        if self.at < len(self.beats) - 1:
            self.at += 1

    def answers(self) -> dict[str, str]:
        return dict(self.beat.answers)

    def skip_episode(self) -> str:
        reel = self.beat.reel
        title = self.stop.heading
        self.skipped.append(self.stop.episode)
        while self.at < len(self.beats) - 1 and self.beats[self.at].reel == reel:
            self.at += 1
        if self.beats[self.at].reel == reel:
            return "That was the last episode."
        return f"Skipped the rest of “{title}”; the next episode starts here."

    def option_text(self, choice_id: str) -> str:
        moment = self.stop.moment
        if moment is not None:
            for cid, text in moment.choices:
                if cid == choice_id:
                    return text
        choice = self.scenario.choice_by_id.get(choice_id)
        return choice.text if choice is not None else choice_id

    def feedback(self, choice_id: str) -> str:
        session = Session.start(self.scenario, self.seed)
        return session.option(choice_id).feedback if choice_id in self.scenario.choice_by_id else ""
