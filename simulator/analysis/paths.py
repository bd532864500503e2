"""The canonical enabler and barrier paths, and a step-by-step trace of any playthrough.

A path through a scenario is not a fixed list of nodes: routes read state
(trust, flags, the clock), so where the enabler path goes depends on what it
did before. The canonical paths are therefore *simulations*: the engine plays
the scenario with :func:`~simulator.engine.autoplay.prefer`, from seed 0 by
default, so they are deterministic and always agree with what a trainee who
took those options would see.

A :class:`Trace` says, for every step, what was chosen, what it changed
(scores and trust, including the clock's own penalties), and where the case
stood afterwards; and, for every episode, the standing at its start and end.
A trainee's own playthrough is traced the same way (:func:`trace_actions`),
so the watch mode, the compare timeline and the debrief read all three alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.engine.actions import CONTINUE, SKIP, Action, Choose, Code, Skip, decode
from simulator.engine.autoplay import Policy, prefer
from simulator.engine.save import Save
from simulator.engine.session import Session
from simulator.engine.state import Event, Step
from simulator.scenario.loops import written_id
from simulator.scenario.model import Choice, Scenario

Pairs = tuple[tuple[str, int], ...]
CANONICAL = ("enabler", "barrier")


class TraceError(ValueError):
    """The actions given do not fit the scenario (a record from another version of it)."""


@dataclass(slots=True, unsafe_hash=True)
class ChoiceRef:
    """A choice as reports show it: its id, the words on the button, and its path tag (never changed once made).

    Not frozen only because a trace makes one per decision, and a frozen
    dataclass takes about three times as long to make (see :class:`PathStep`);
    it hashes and compares by value all the same.
    """

    id: str
    text: str
    path: str

    @classmethod
    def of(cls, choice: Choice) -> ChoiceRef:
        return cls(choice.id, choice.text, choice.path)


@dataclass(slots=True, unsafe_hash=True)
class Standing:
    """Scores and trust at one moment, in rubric and cast order (never changed once made; not frozen, as :class:`ChoiceRef`)."""

    scores: Pairs
    trust: Pairs

    def score(self, dimension: str) -> int:
        return dict(self.scores).get(dimension, 0)

    def trust_of(self, character: str) -> int:
        return dict(self.trust).get(character, 0)

    def value(self, kind: str, key: str) -> int:
        """A score (``kind`` "score") or a trust value (``kind`` "trust")."""
        return self.score(key) if kind == "score" else self.trust_of(key)


@dataclass(slots=True)
class PathStep:
    """One host action and everything it led to (never changed once made).

    ``effects`` and ``trust_change`` are the whole change over the step: the
    choice itself, any nodes entered on the way, and the clock's events
    (lateness, a milestone held late); only what moved is listed. ``episode`` is where the action was
    taken; ``arrived`` is the episode the step ended in. ``skipped`` marks
    the trainee stepping out of the rest of an episode (it is not scored).

    Not frozen only because a trace makes one per action, and a frozen
    dataclass of this many fields takes about five times as long to make
    (each field is set through ``object.__setattr__``).
    """

    index: int
    node: str
    episode: str
    choice: ChoiceRef | None
    effects: Pairs
    trust_change: Pairs
    events: tuple[Event, ...]
    day: int
    month: int
    minutes: int
    late: int
    after: Standing
    arrived: str
    skipped: bool = False

    @property
    def is_decision(self) -> bool:
        return self.choice is not None

    def change(self, kind: str, key: str) -> int:
        """The step's change to a score (``kind`` "score") or to someone's trust."""
        return dict(self.effects if kind == "score" else self.trust_change).get(key, 0)


@dataclass(frozen=True, slots=True)
class EpisodeSnapshot:
    """What a path did in one episode: the standing as the worker arrived and as they left.

    Whatever the episode does on arrival (a milestone held late, lateness,
    its first node's own effects) counts in this episode, as the score bounds
    count it; so one episode's ``end`` is the next one's ``start``, and the
    changes of all episodes add up to the whole playthrough's.
    """

    episode: str
    day: int
    month: int
    start: Standing
    end: Standing
    steps: tuple[int, ...]
    choices: tuple[str, ...]

    def change(self, kind: str, key: str) -> int:
        return self.end.value(kind, key) - self.start.value(kind, key)


@dataclass(frozen=True, slots=True)
class Trace:
    """A whole playthrough, step by step and episode by episode."""

    label: str
    seed: int
    start: Standing
    steps: tuple[PathStep, ...]
    episodes: tuple[EpisodeSnapshot, ...]
    finished: bool
    ending: str | None
    ending_kind: str | None
    ending_title: str | None
    final: Standing

    @property
    def decisions(self) -> tuple[PathStep, ...]:
        return tuple(s for s in self.steps if s.choice is not None)

    def at(self, node: str) -> PathStep | None:
        """The step taken at ``node`` (the graph is acyclic, so there is at most one)."""
        for step in self.steps:
            if step.node == node:
                return step
        return None

    def episode(self, episode_id: str) -> EpisodeSnapshot | None:
        for snap in self.episodes:
            if snap.episode == episode_id:
                return snap
        return None

    def actions(self, upto: int | None = None) -> list[Action]:
        """The actions of the first ``upto`` steps (all by default)."""
        chosen = self.steps if upto is None else self.steps[:upto]
        return [Choose(s.choice.id) if s.choice is not None else SKIP if s.skipped else CONTINUE for s in chosen]

    def save(self, scenario: str, upto: int | None = None, player_name: str | None = None) -> Save:
        """This playthrough after its first ``upto`` steps, as a save.

        Restoring ``save(id, i)`` puts a new session exactly at step ``i``'s
        decision with the state this path had there: "replay from here".
        """
        return Save(scenario, self.seed, player_name, tuple(self.actions(upto)))


def _standing(session: Session) -> Standing:
    s = session.state
    return Standing(tuple(s.scores.items()), tuple(s.trust.items()))


def _leaving(before: Standing, choice: Choice | None) -> Standing:
    """The standing just after a choice, before the node it leads to does anything."""
    if choice is None:
        return before
    scores = dict(before.scores)
    for dim, delta in choice.effects:
        scores[dim] = scores.get(dim, 0) + delta
    trust = dict(before.trust)
    for who, delta in choice.trust:
        # The engine's own rule: trust stays within 0-100.
        trust[who] = min(100, max(0, trust.get(who, 50) + delta))
    return Standing(tuple(scores.items()), tuple(trust.items()))


def _without_events(after: Standing, events: Sequence[Event]) -> Standing:
    """The standing before the clock's events on arrival: how a skipped episode was left."""
    scores, trust = dict(after.scores), dict(after.trust)
    for ev in events:
        for dim, delta in ev.effects:
            scores[dim] = scores.get(dim, 0) - delta
        for who, delta in ev.trust:
            trust[who] = trust.get(who, 0) - delta
    return Standing(tuple(scores.items()), tuple(trust.items()))


def _diff(after: Pairs, before: Pairs) -> Pairs:
    """What changed, and only that (most steps move one or two things)."""
    if len(after) == len(before):
        # One session's scores or trust, whose keys keep their order: compared side by side.
        moved = []
        for i, (key, value) in enumerate(after):  # not zip(..., strict=True), whose keyword is parsed at every call
            was, old = before[i]
            if key != was:
                break
            if value != old:
                moved.append((key, value - old))
        else:
            return tuple(moved)
    olds = dict(before)
    return tuple((k, v - olds.get(k, 0)) for k, v in after if v != olds.get(k, 0))


class _Tracer:
    """Drives a session one action at a time, noting what each step changed."""

    def __init__(self, session: Session, label: str) -> None:
        self.session = session
        self.label = label
        sc = session.scenario
        # Before the first node does anything: every score 0, trust as the cast starts.
        self.start = Standing(tuple((d, 0) for d in sc.dimensions), tuple((c.id, c.trust) for c in sc.cast if c.trust is not None))
        self.steps: list[PathStep] = []
        self.snapshots: list[EpisodeSnapshot] = []
        self._now = _standing(session)  # kept between steps: each step's "before" is the last one's "after"
        self._open(self.start)

    def _open(self, standing: Standing) -> None:
        s = self.session.state
        self._episode = s.episode
        self._ep_day, self._ep_month = s.day, s.month
        self._ep_start = standing
        self._ep_first = len(self.steps)  # the episode's steps are the trace's from here on
        self._ep_choices: list[str] = []

    def _close(self, end: Standing) -> None:
        self.snapshots.append(
            EpisodeSnapshot(
                episode=self._episode,
                day=self._ep_day,
                month=self._ep_month,
                start=self._ep_start,
                end=end,
                steps=tuple(range(self._ep_first, len(self.steps))),
                choices=tuple(self._ep_choices),
            )
        )

    def act(self, action: Action) -> None:
        node = self.session.node
        choice = self.session.scenario.choice_by_id[action.choice] if isinstance(action, Choose) else None
        self._note(node.id, node.episode, choice, self.session.act(action), isinstance(action, Skip))

    def _note(self, node_id: str, episode: str, choice: Choice | None, step: Step, skipped: bool) -> None:
        """Keep the step just taken at ``node_id`` (in ``episode``) as a :class:`PathStep`."""
        before = self._now
        s = self.session.state
        # The step's scores and trust are the state's, as tuples shared with the step before when nothing moved.
        scores, trust = step.scores, step.trust
        was_scores, was_trust = before.scores, before.trust
        if scores is was_scores:
            effects: Pairs = ()
            if trust is was_trust:
                after, moved = before, effects
            else:
                after = self._now = Standing(scores, trust)
                moved = _diff(trust, was_trust)
        else:
            after = self._now = Standing(scores, trust)
            effects = _diff(scores, was_scores)
            moved = () if trust is was_trust else _diff(trust, was_trust)
        self.steps.append(
            PathStep(  # in field order (index, node, episode, choice, effects, trust_change, events, day, month, minutes, late, after, arrived, skipped)
                len(self.steps),
                node_id,
                episode,
                ChoiceRef(choice.id, choice.text, choice.path) if choice is not None else None,
                effects,
                moved,
                step.events,
                s.day,
                s.month,
                s.minutes,
                s.late,
                after,
                s.episode,
                skipped,
            )
        )
        if choice is not None:
            self._ep_choices.append(choice.id)
        if s.episode != self._episode:
            left = _without_events(after, step.events) if skipped else _leaving(before, choice)
            self._close(left)
            self._open(left)

    def done(self) -> Trace:
        session = self.session
        final = _standing(session)
        self._close(final)
        ending = session.ending
        return Trace(
            label=self.label,
            seed=session.state.seed,
            start=self.start,
            steps=tuple(self.steps),
            episodes=tuple(self.snapshots),
            finished=session.finished,
            ending=session.state.node if ending is not None else None,
            ending_kind=ending.kind if ending is not None else None,
            ending_title=ending.title if ending is not None else None,
            final=final,
        )


def trace_actions(
    scenario: Scenario,
    seed: int,
    actions: Iterable[Action | Code],
    *,
    label: str = "you",
    nodes: Sequence[str | None] | None = None,
    player_name: str | None = None,
) -> Trace:
    """Replay actions (typed, or as records keep them) from the start and trace them.

    With ``nodes`` (where each action was taken, as a record says; None
    where unknown), every step is checked to land where it should; :class:`TraceError` says where
    the scenario and the actions part company.
    """
    tracer = _Tracer(Session.start(scenario, seed, player_name), label)
    for i, action in enumerate(actions):
        at = tracer.session.state.node
        if nodes is not None and i < len(nodes) and nodes[i] is not None and nodes[i] != at and nodes[i] != written_id(at):  # a record names a loop's round as written
            raise TraceError(f"step {i + 1}: expected to be at `{nodes[i]}` but the scenario is at `{written_id(at)}` (has the scenario changed?)")
        try:
            tracer.act(decode(action))
        except Exception as exc:  # SessionError: this version of the scenario does not offer it; ActionError: not an action
            raise TraceError(f"step {i + 1}: {exc}") from exc
    return tracer.done()


def trace_policy(scenario: Scenario, chooser: Policy, *, seed: int = 0, label: str = "policy", by_order: bool = False) -> Trace:
    """Play the scenario to its end with ``chooser`` picking every choice, and trace it.

    The graph is acyclic, so the playthrough ends within one step per node;
    a node whose every choice is ruled out by its conditions ends the trace
    early (``finished`` is False) instead of looping. ``by_order``: the chooser
    picks by the options' authored order, whatever order they are shown in
    (:meth:`Session.choices_by_order`), so they need not be shuffled; and as
    the trace keeps nothing of the stage or moods, they are worked out only
    where the words of an event need them (``Session.start(drawn=False)``).
    """
    tracer = _Tracer(Session.start(scenario, seed, drawn=not by_order), label)
    session = tracer.session
    offer = session.choices_by_order if by_order else lambda: session.choices
    take, note = session.take, tracer._note  # an option offered now (as Session.take takes it), or None to continue
    nodes, state = scenario.nodes, session.state
    for _ in range(len(nodes) + 1):
        node_id = state.node
        node = nodes[node_id]
        if node.ending is not None:
            break
        if not node.choices:  # nothing to choose (nothing is offered): continue
            note(node_id, state.episode, None, take(None), False)
            continue
        offered = offer()
        if not offered:
            break
        picked = chooser(offered)
        for c in offered:
            if c is picked:
                note(node_id, state.episode, picked, take(picked), False)
                break
        else:  # not one of the options as offered: taken, or refused, by its id
            tracer.act(Choose(picked.id))
    return tracer.done()


def canonical_path(scenario: Scenario, path: str, seed: int = 0) -> Trace:
    """The canonical ``path`` ("enabler" or "barrier"): its first option at every decision."""
    if path not in CANONICAL:
        raise ValueError(f"canonical paths are {', '.join(CANONICAL)}, not {path!r}")
    return trace_policy(scenario, prefer(path), seed=seed, label=path, by_order=True)


def canonical_paths(scenario: Scenario, seed: int = 0) -> dict[str, Trace]:
    """Both canonical paths, enabler first."""
    return {p: canonical_path(scenario, p, seed) for p in CANONICAL}


def series_keys(scenario: Scenario) -> list[tuple[str, str, str]]:
    """Every tracked quantity as (kind, id, label): each dimension, then each trusting character."""
    out = [("score", d.id, d.label) for d in scenario.rubric]
    out.extend(("trust", c, f"{scenario.characters[c].short}'s trust") for c in scenario.trusting)
    return out

