"""A playthrough as a library the host pulls from.

The host (terminal, window, tests, benchmarks) asks what is on screen
(:attr:`Session.node`, :meth:`Session.lines`, :attr:`Session.choices`) and
acts (:meth:`Session.choose`, :meth:`Session.proceed`) until
:attr:`Session.finished`. The session never blocks, prints, sleeps, reads
the wall clock or imports pygame; its randomness is a seeded generator kept
in the state, so every playthrough can be saved, restored and replayed.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.engine import rng
from simulator.engine.state import SKIP, Event, State, StateError, Step
from simulator.scenario.calendar import clock_text
from simulator.scenario.model import Choice, Ending, Episode, Node, Scenario

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")


def fill_names(scenario: Scenario, text: str, player_name: str | None = None) -> str:
    """Text with ``{character}`` placeholders replaced by names, as a session shows it.

    The player's placeholder becomes ``player_name`` when one was chosen; an
    id that names no character is left as its bare id (validation reports it).
    """
    if "{" not in text:
        return text

    def name(m: re.Match[str]) -> str:
        cid = m.group(1)
        if cid == scenario.player and player_name:
            return player_name
        char = scenario.characters.get(cid)
        return char.short if char else cid

    return _PLACEHOLDER.sub(name, text)


class SessionError(RuntimeError):
    """The host asked for something the session cannot do (a programming error)."""


@dataclass(frozen=True, slots=True)
class Shown:
    """A line ready to show: names filled in, speaker's display name resolved."""

    text: str
    speaker: str | None
    name: str | None
    mood: str | None
    cue: str | None


class Session:
    """One playthrough of a scenario."""

    __slots__ = ("_choices", "_events", "_snap", "scenario", "state")

    def __init__(self, scenario: Scenario, state: State) -> None:
        if state.scenario != scenario.id:
            raise StateError(f"this state belongs to `{state.scenario}`, not `{scenario.id}`")
        if state.node and state.node not in scenario.nodes:
            raise StateError(f"the saved position `{state.node}` is not in this version of the scenario")
        self.scenario = scenario
        self.state = state
        self._choices: list[Choice] | None = None
        self._events: list[Event] = []
        # The last (score values, trust values, score items, trust items) recorded,
        # so steps that change neither share tuples instead of allocating new ones.
        self._snap: tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] = ((), (), (), ())

    # -- starting and restoring ------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario, seed: int = 0, player_name: str | None = None) -> Session:
        """A new playthrough at the scenario's first node."""
        state = State(
            scenario=scenario.id,
            seed=seed,
            rng=rng.seed_state(seed),
            scores=dict.fromkeys(scenario.dimensions, 0),
            trust={c.id: c.trust for c in scenario.cast if c.trust is not None},
            player_name=player_name,
        )
        session = cls(scenario, state)
        session._enter(scenario.start)
        session._events.clear()
        return session

    @classmethod
    def from_dict(cls, scenario: Scenario, data: dict[str, Any]) -> Session:
        return cls(scenario, State.from_dict(data))

    def to_dict(self) -> dict[str, Any]:
        return self.state.to_dict()

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, actions: Iterable[str | None], player_name: str | None = None) -> Session:
        """Play the given actions (choice ids, None for continue) from the start."""
        session = cls.start(scenario, seed, player_name)
        for action in actions:
            if action is None:
                session.proceed()
            elif action == SKIP:
                session.skip_episode()
            else:
                session.choose(action)
        return session

    def rewind(self) -> Session:
        """A new session back at the decision where the latest choice was made.

        For practice mode: the state is exactly as it was before that choice.
        With no choice made yet, the session starts again.
        """
        actions = [step.choice for step in self.state.steps]
        last = max((i for i, a in enumerate(actions) if a is not None), default=0)
        return Session.replay(self.scenario, self.state.seed, actions[:last], self.state.player_name)

    # -- what is on screen -----------------------------------------------
    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state.node]

    @property
    def episode(self) -> Episode:
        return self.scenario.episode_by_id[self.state.episode]

    @property
    def location(self) -> str:
        return self.node.location or self.episode.location

    @property
    def present(self) -> tuple[str, ...]:
        node = self.node
        return node.present if node.present is not None else self.episode.present

    @property
    def choices(self) -> list[Choice]:
        """The options offered now (their conditions hold), in display order; empty when not deciding.

        Options are shuffled for each playthrough, so the practice the research
        supports is not always option 1: the order depends only on the seed and
        the node, so it is the same after a save, a restore or a replay. A node
        with ``keep_order: true`` shows them as written. Options marked
        ``otherwise`` are offered only when no other option is; the loader has
        proved that a decision always offers something.
        """
        if self._choices is None:
            s = self.state
            node = self.node
            offered = [c for c in node.choices if not c.otherwise and (c.when is None or c.when(s))]
            if not offered:
                offered = [c for c in node.choices if c.otherwise]
            if len(offered) > 1 and not node.keep_order:
                offered = _shuffled(offered, s.seed, node.id)
            self._choices = offered
        return self._choices

    @property
    def can_proceed(self) -> bool:
        """True when the node is read and the host should offer "Continue"."""
        node = self.node
        return node.ending is None and not node.choices

    @property
    def finished(self) -> bool:
        return self.node.ending is not None

    @property
    def ending(self) -> Ending | None:
        return self.node.ending

    def name_of(self, character: str) -> str:
        if character == self.scenario.player and self.state.player_name:
            return self.state.player_name
        char = self.scenario.characters.get(character)
        return char.short if char else character

    def fill(self, text: str) -> str:
        """Text with ``{character}`` placeholders replaced by names."""
        return fill_names(self.scenario, text, self.state.player_name)

    def lines(self) -> list[Shown]:
        """The node's narration and the lines whose conditions hold, ready to show."""
        s = self.state
        node = self.node
        out: list[Shown] = []
        if node.narration:
            out.append(Shown(self.fill(node.narration), None, None, None, None))
        for line in node.lines:
            if line.when is not None and not line.when(s):
                continue
            name = self.name_of(line.speaker) if line.speaker else None
            out.append(Shown(self.fill(line.text), line.speaker, name, line.mood, self.fill(line.cue) if line.cue else None))
        return out

    def mood_of(self, character: str) -> str | None:
        """The mood to draw: set by a line or node, else by trust, else the first the art has."""
        mood = self.state.moods.get(character)
        if mood:
            return mood
        char = self.scenario.characters.get(character)
        if char is None:
            return None
        by_trust = char.mood_for_trust(self.state.trust.get(character, 50))
        return by_trust or (char.moods[0] if char.moods else None)

    # -- acting ------------------------------------------------------------
    def choose(self, choice: int | str | Choice) -> Step:
        """Take an offered choice (by index among :attr:`choices`, id, or object)."""
        offered = self.choices
        picked: Choice | None = None
        if isinstance(choice, int):
            if not 0 <= choice < len(offered):
                raise SessionError(f"there is no choice {choice} here ({len(offered)} offered)")
            picked = offered[choice]
        else:
            wanted = choice.id if isinstance(choice, Choice) else choice
            for c in offered:
                if c.id == wanted:
                    picked = c
                    break
            if picked is None:
                raise SessionError(f"the choice `{wanted}` is not offered at `{self.state.node}`")
        node_id = self.state.node
        self._events = []
        self._apply(picked)
        return self._record(node_id, picked.id)

    def proceed(self) -> Step:
        """Move on from a node without choices (narration, a route)."""
        if not self.can_proceed:
            raise SessionError("there is nothing to continue to: choose an option, or the case has ended")
        node = self.node
        node_id = node.id
        self._events = []
        self._enter(self._exit_of(node))
        return self._record(node_id, None)

    def skip_episode(self) -> Step:
        """Step out of the rest of this episode without it being scored.

        Part of psychological safety: a trainee may opt out of a scene without
        penalty. The story carries on as if the middle way had been taken (the
        first `other` option at each decision, else the first offered), so
        trust and flags stay coherent for later episodes, but the scores are
        put back as they were; what the clock does on arriving in the next
        episode still counts. Recorded as one :data:`SKIP` action, so replay
        is exact.
        """
        from simulator.engine.autoplay import prefer  # local: autoplay imports this module's types

        if self.finished:
            raise SessionError("the case has ended; there is nothing to skip")
        s = self.state
        episode = s.episode
        node_id = s.node
        saved = dict(s.scores)
        pick = prefer("other")
        events: list[Event] = []
        while not self.finished and s.episode == episode:
            if self.choices:
                chosen = pick(self.choices)
                self._events = []
                self._apply(chosen)
            else:
                self._events = []
                self._enter(self._exit_of(self.node))
            events = list(self._events)
        s.scores = saved
        carried = [e for e in events if self.scenario.nodes[e.node].episode != episode]
        for event in carried:
            for dim, delta in event.effects:
                s.scores[dim] += delta
        s.last_effects = {}
        s.last_path = ""
        if episode not in s.skipped:
            s.skipped.append(episode)
        self._events = carried
        return self._record(node_id, SKIP)

    # -- internals -------------------------------------------------------
    def _apply(self, picked: Choice) -> None:
        """Apply a choice's effects and move on to where it leads."""
        s = self.state
        scores = s.scores
        for dim, delta in picked.effects:
            scores[dim] += delta
        s.last_effects = dict(picked.effects)
        s.last_path = picked.path
        if picked.trust:
            self._move_trust(picked.trust)
        if picked.flags:
            s.flags.update(picked.flags)
        s.chosen.add(picked.id)
        s.minutes += picked.minutes
        if picked.days:
            # Days later, the day starts again at the episode's usual time. A
            # milestone stays held on the day its episode began: `days` models
            # drift before the next meeting, which that meeting's own due
            # date then catches.
            s.day += picked.days
            s.month = self.scenario.calendar.month_of(s.day)
            s.minutes = self.episode.time
        if picked.phones_ahead:
            s.phoned = True
        self._enter(picked.next)

    def _record(self, node_id: str, choice: str | None) -> Step:
        s = self.state
        score_values = tuple(s.scores.values())
        trust_values = tuple(s.trust.values())
        last_scores, last_trust, score_items, trust_items = self._snap
        if score_values != last_scores:
            score_items = tuple(s.scores.items())
        if trust_values != last_trust:
            trust_items = tuple(s.trust.items())
        self._snap = (score_values, trust_values, score_items, trust_items)
        step = Step(
            node=node_id,
            choice=choice,
            day=s.day,
            minutes=s.minutes,
            late=s.late,
            scores=score_items,
            trust=trust_items,
            events=tuple(self._events) if self._events else (),
        )
        s.steps.append(step)
        self._events = []
        return step

    def _exit_of(self, node: Node) -> str:
        if node.route:
            s = self.state
            for option in node.route:
                if option.when is not None and not option.when(s):
                    continue
                if option.chance is not None:
                    roll, s.rng = rng.draw(s.rng)
                    if roll >= option.chance:
                        continue
                return option.next
            raise SessionError(f"no route option can be taken at `{node.id}`")  # the loader forbids this
        if node.next is None:
            raise SessionError(f"`{node.id}` has no way forward")
        return node.next

    def _move_trust(self, deltas: Sequence[tuple[str, int]]) -> None:
        trust = self.state.trust
        for who, delta in deltas:
            value = trust.get(who, 50) + delta
            trust[who] = 0 if value < 0 else 100 if value > 100 else value

    def _enter(self, node_id: str) -> None:
        nodes = self.scenario.nodes
        s = self.state
        while True:
            node = nodes[node_id]
            if node.episode != s.episode:
                self._enter_episode(self.scenario.episode_by_id[node.episode])
            s.node = node_id
            s.seen.add(node_id)
            s.trail.append(node_id)
            self._choices = None
            if node.flags:
                s.flags.update(node.flags)
            if node.effects:
                for dim, delta in node.effects:
                    s.scores[dim] += delta
            if node.trust:
                self._move_trust(node.trust)
            if node.minutes:
                s.minutes += node.minutes
            if node.moods:
                s.moods.update(node.moods)
            for line in node.lines:
                if line.mood and line.speaker and (line.when is None or line.when(s)):
                    s.moods[line.speaker] = line.mood
            if node.arrive:
                self._arrive(node)
            if node.has_content or node.choices or node.ending is not None:
                return
            node_id = self._exit_of(node)

    def _enter_episode(self, ep: Episode) -> None:
        s = self.state
        cal = self.scenario.calendar
        s.episode = ep.id
        if ep.day > s.day:
            s.day = ep.day
            s.minutes = ep.time
        elif ep.day < s.day:
            # Pushed back by an earlier postponement: it happens at its usual time.
            s.minutes = ep.time
        elif ep.time > s.minutes:
            s.minutes = ep.time
        s.month = cal.month_of(s.day)
        s.late = 0
        s.phoned = False
        s.moods = dict(ep.moods)
        if ep.milestone:
            self._hold(ep.milestone, ep, ep.start)

    def _hold(self, milestone_id: str, ep: Episode, node: str) -> None:
        """Hold a milestone today (on entering its episode); score it if later than its due date."""
        s = self.state
        s.held[milestone_id] = s.day
        due = due_day(self.scenario, s.held, milestone_id)
        if due is None or s.day <= due:
            return
        days_late = s.day - due
        s.overdue[milestone_id] = days_late
        rules = self.scenario.rules
        ms = self.scenario.milestone_by_id[milestone_id]
        effects: tuple[tuple[str, int], ...] = ()
        if rules.overdue_dimension and rules.overdue_points:
            s.scores[rules.overdue_dimension] -= rules.overdue_points
            effects = ((rules.overdue_dimension, -rules.overdue_points),)
        plural = "s" if days_late != 1 else ""
        self._events.append(
            Event(
                kind="overdue",
                node=node,
                text=f"The {ms.short} was held {days_late} working day{plural} after its statutory due date ({self.scenario.rule_of(milestone_id)}).",
                effects=effects,
            )
        )

    def _arrive(self, node: Node) -> None:
        s = self.state
        ep = self.episode
        if ep.appointment is None:
            return
        late = s.minutes - ep.appointment
        s.late = late if late > 0 else 0
        rules = self.scenario.rules
        if not rules.punctuality_dimension or s.late <= rules.grace_minutes:
            return
        over = s.late - rules.grace_minutes
        points = min(rules.max_points, -(-over // rules.minutes_per_point))
        if s.phoned:
            points //= 2
        trust: tuple[tuple[str, int], ...] = ()
        if not s.phoned and rules.late_trust:
            present = node.present if node.present is not None else ep.present
            trust = tuple((who, -rules.late_trust) for who in present if who in s.trust)
            self._move_trust(trust)
        effects: tuple[tuple[str, int], ...] = ()
        if points:
            s.scores[rules.punctuality_dimension] -= points
            effects = ((rules.punctuality_dimension, -points),)
        when = clock_text(s.minutes)
        if s.phoned:
            text = f"You arrived at {when}, {s.late} minutes late; you had phoned ahead, so the family knew."
        else:
            text = f"You arrived at {when}, {s.late} minutes late, without letting the family know."
        self._events.append(Event(kind="late", node=node.id, text=text, effects=effects, trust=trust))


def _shuffled(items: list[Choice], seed: int, node_id: str) -> list[Choice]:
    """A Fisher-Yates shuffle seeded by the playthrough's seed and the node (stable across runs)."""
    state = rng.seed_state((seed * 0x100000001B3) ^ zlib.crc32(node_id.encode("utf-8")))
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        roll, state = rng.draw(state)
        j = int(roll * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def due_day(scenario: Scenario, held: dict[str, int], milestone_id: str) -> int | None:
    """The working day a milestone is due, if the milestone it counts from is held."""
    ms = scenario.milestone_by_id[milestone_id]
    if ms.after is None or ms.after not in held:
        return None
    base = held[ms.after]
    if ms.working_days is not None:
        return base + ms.working_days
    if ms.months is not None:
        return scenario.calendar.months_after(base, ms.months)
    return None
