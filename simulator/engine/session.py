"""A playthrough as a library the host pulls from.

The host (terminal, window, tests, benchmarks) asks what is on screen
(:attr:`Session.node`, :meth:`Session.lines`, :attr:`Session.options`,
:meth:`Session.card`, :attr:`Session.ending`), all ready to show with names
filled in, and acts with :meth:`Session.act` (``CONTINUE``, ``SKIP`` or
``Choose(id)`` from :mod:`simulator.engine.actions`) until
:attr:`Session.finished`. A playthrough is kept as a
:class:`~simulator.engine.save.Save` (:meth:`Session.save`,
:meth:`Session.restore`). The session never blocks, prints, sleeps, reads
the wall clock or imports pygame; its randomness is a seeded generator kept
in the state, so every playthrough replays exactly.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import replace

from simulator.engine import rng
from simulator.engine.actions import CONTINUE, Action, Choose, Code, Continue, Skip, encode
from simulator.engine.autoplay import prefer
from simulator.engine.casework import arrive, enter_episode, mark_late, move_trust
from simulator.engine.casework import due_day as due_day  # re-exported: the clock and the timeline ask it
from simulator.engine.save import Save, SaveError
from simulator.engine.shown import Card, Names, Option, Shown
from simulator.engine.stage import Stage, View, fixed_stages, opening
from simulator.engine.stage import apply as apply_stage
from simulator.engine.staged import views_of
from simulator.engine.state import Event, State, Step
from simulator.scenario.conditions import Condition
from simulator.scenario.model import Choice, Ending, Episode, Node, Scenario
from simulator.scenario.staging import NO_DIRECTIONS


class SessionError(RuntimeError):
    """The host asked for something the session cannot do (a programming error, or a save that no longer fits)."""


class Session:
    """One playthrough of a scenario."""

    __slots__ = ("_choices", "_events", "_fixed", "_options", "_snap", "_views", "names", "scenario", "state")

    def __init__(self, scenario: Scenario, state: State) -> None:
        self.scenario = scenario
        self.state = state
        self.names = Names(scenario, state.player_name)
        self._choices: list[Choice] | None = None
        self._options: tuple[Option, ...] | None = None
        self._views: list[View] | None = None
        self._fixed = fixed_stages(scenario)  # stages that depend on no condition: episode openings, format 1 nodes
        self._events: list[Event] = []
        # The last (score values, trust values, score items, trust items) recorded,
        # so steps that change neither share tuples instead of allocating new ones.
        self._snap: tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] = ((), (), (), ())

    # -- starting, saving and restoring ------------------------------------------
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

    def save(self) -> Save:
        """This playthrough as it is kept: restoring it gives a session in exactly this state."""
        s = self.state
        return Save(s.scenario, s.seed, s.player_name, tuple(step.action for step in s.steps))

    @classmethod
    def restore(cls, scenario: Scenario, save: Save) -> Session:
        """Replay a save; :class:`SaveError` if it is another scenario's, :class:`SessionError` if an action no longer fits."""
        if save.scenario != scenario.id:
            raise SaveError(f"this playthrough belongs to `{save.scenario}`, not `{scenario.id}`")
        session = cls.start(scenario, save.seed, save.player_name)
        for action in save.actions:
            session.act(action)
        return session

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, actions: Iterable[Action | Code], player_name: str | None = None) -> Session:
        """Shorthand for :meth:`restore`: play ``actions`` (typed, or as records keep them) from the start."""
        return cls.restore(scenario, Save.of(scenario.id, seed, actions, player_name))

    def copy(self) -> Session:
        """An independent session in the same state (to try an action without taking it)."""
        return Session(self.scenario, self.state.copy())

    def rewind(self) -> Session:
        """A new session back at the decision where the latest choice was made.

        For practice mode: the state is exactly as it was before that choice.
        With no choice made yet, the session starts again.
        """
        save = self.save()
        last = max((i for i, a in enumerate(save.actions) if isinstance(a, Choose)), default=0)
        return Session.restore(self.scenario, save.upto(last))

    # -- what is on screen -----------------------------------------------
    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state.node]

    @property
    def episode(self) -> Episode:
        return self.scenario.episode_by_id[self.state.episode]

    @property
    def stage(self) -> Stage:
        """Who is on stage once the node's lines are read (at its decision), as the engine keeps it."""
        stage = self.state.stage
        return stage if stage is not None else Stage(self.episode.location)

    @property
    def location(self) -> str:
        """Where the scene is once the node's lines are read."""
        return self.stage.location

    @property
    def present(self) -> tuple[str, ...]:
        """Everyone in the room once the node's lines are read (carried children too; not those only heard)."""
        return self.stage.in_person()

    def views(self) -> list[View]:
        """The stage as each of :meth:`lines` shows it, one for one: who is drawn, in what pose, mood and place, and who is heard.

        A line's stage directions take effect as it is shown, so the picture
        changes with the words; a speaker's mood is theirs from their line on.
        """
        if self._views is None:
            self._views = views_of(self)
        return self._views

    def view(self) -> View:
        """The stage at the decision (or the ending): after every line is read."""
        views = self.views()
        return views[-1] if views else views_of(self, final=True)[0]

    @property
    def choices(self) -> list[Choice]:
        """The authored choices offered now (their conditions hold), in display order; empty when not deciding.

        Options are shuffled for each playthrough, so the practice the research
        supports is not always option 1: the order depends only on the seed and
        the node, so it is the same after a save, a restore or a replay. A node
        with ``keep_order: true`` shows them as written. Options marked
        ``otherwise`` are offered only when no other option is; the loader has
        proved that a decision always offers something. Hosts show
        :attr:`options`; policies choose among these.
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
    def options(self) -> tuple[Option, ...]:
        """The options offered now, in display order, ready to show."""
        if self._options is None:
            self._options = tuple(self._option(c) for c in self.choices)
        return self._options

    def option(self, choice_id: str) -> Option:
        """Any choice of the scenario as this playthrough would show it (for history, debriefs, feedback)."""
        choice = self.scenario.choice_by_id.get(choice_id)
        if choice is None:
            raise SessionError(f"there is no choice `{choice_id}` in this scenario")
        return self._option(choice)

    def _option(self, choice: Choice) -> Option:
        fill = self.names.fill
        return Option(choice.id, fill(choice.text), fill(choice.feedback), choice.path, choice, fill(choice.safety))

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
        """How the case ended (None before the end), ready to show."""
        ending = self.node.ending
        if ending is None:
            return None
        fill = self.names.fill
        return replace(ending, title=fill(ending.title), text=fill(ending.text), outcome=fill(ending.outcome))

    def card(self, episode: str | None = None) -> Card:
        """The title card of an episode (this one by default), ready to show."""
        ep = self.scenario.episode_by_id[episode or self.state.episode]
        fill = self.names.fill
        return Card(ep.id, fill(ep.title), fill(ep.transition), fill(ep.summary), tuple(fill(n) for n in ep.notice), ep.location)

    def name_of(self, character: str) -> str:
        return self.names.of(character)

    def lines(self) -> list[Shown]:
        """The node's narration and the lines whose conditions hold, ready to show."""
        s = self.state
        node = self.node
        fill = self.names.fill
        out: list[Shown] = []
        if node.narration:
            out.append(Shown(fill(node.narration), None, None, None, None))
        for line in node.lines:
            if line.when is not None and not line.when(s):
                continue
            name = self.names.of(line.speaker) if line.speaker else None
            out.append(Shown(fill(line.text), line.speaker, name, line.mood, fill(line.cue) if line.cue else None))
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
    def act(self, action: Action) -> Step:
        """Take one host action and return the step it made: the one way a playthrough moves on."""
        node_id = self.state.node
        self._events = []
        if isinstance(action, Choose):
            self._apply(self._offered(action.choice))
        elif isinstance(action, Continue):
            if not self.can_proceed:
                raise SessionError("there is nothing to continue to: choose an option, or the case has ended")
            self._enter(self._exit_of(self.node))
        elif isinstance(action, Skip):
            self._skip()
        else:
            raise SessionError(f"{action!r} is not an action")
        return self._record(node_id, encode(action))

    def choose(self, choice: int | str | Choice | Option) -> Step:
        """Shorthand for ``act(Choose(id))``: an offered option by index among :attr:`options`, id, or object."""
        if isinstance(choice, int):
            offered = self.choices
            if not 0 <= choice < len(offered):
                raise SessionError(f"there is no choice {choice} here ({len(offered)} offered)")
            return self.act(Choose(offered[choice].id))
        return self.act(Choose(choice if isinstance(choice, str) else choice.id))

    def proceed(self) -> Step:
        """Shorthand for ``act(CONTINUE)``."""
        return self.act(CONTINUE)

    def _offered(self, choice_id: str) -> Choice:
        for c in self.choices:
            if c.id == choice_id:
                return c
        raise SessionError(f"the choice `{choice_id}` is not offered at `{self.state.node}`")

    def _skip(self) -> None:
        """Step out of the rest of this episode without it being scored.

        Part of psychological safety: a trainee may opt out of a scene without
        penalty. The story carries on as if the middle way had been taken (the
        first `other` option at each decision, else the first offered), so
        trust and flags stay coherent for later episodes, but the scores are
        put back as they were; what the clock does on arriving in the next
        episode still counts. Recorded as one skip action, so replay is exact.
        """
        if self.finished:
            raise SessionError("the case has ended; there is nothing to skip")
        s = self.state
        episode = s.episode
        saved = dict(s.scores)
        pick = prefer("other")
        events: list[Event] = []
        while not self.finished and s.episode == episode:
            self._events = []
            if self.choices:
                self._apply(pick(self.choices))
            else:
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
            move_trust(s, picked.trust)
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

    def _record(self, node_id: str, choice: Code) -> Step:
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

    def _enter(self, node_id: str) -> None:
        nodes = self.scenario.nodes
        s = self.state
        while True:
            node = nodes[node_id]
            # The stage carries on within a format 2 episode; a new episode (or any node of a format 1 one) starts from its opening.
            base = s.stage if node.episode == s.episode and self.episode.carries_stage else None
            if node.episode != s.episode:
                enter_episode(self.scenario, s, self.scenario.episode_by_id[node.episode], self._events)
            s.node = node_id
            s.seen.add(node_id)
            s.trail.append(node_id)
            self._choices = None
            self._options = None
            self._views = None
            if node.flags:
                s.flags.update(node.flags)
            if node.effects:
                for dim, delta in node.effects:
                    s.scores[dim] += delta
            if node.trust:
                move_trust(s, node.trust)
            if node.minutes:
                s.minutes += node.minutes
            if node.moods:
                s.moods.update(node.moods)
            moods_in = None  # the moods before this node's lines, kept only when a line changes one
            for line in node.lines:
                if line.mood and line.speaker and (line.when is None or line.when(s)):
                    if moods_in is None:
                        moods_in = tuple(s.moods.items())
                    s.moods[line.speaker] = line.mood
            s.moods_in = moods_in
            self._stage(node, base)
            if node.has_content or node.choices or node.ending is not None:
                return
            node_id = self._exit_of(node)

    def _stage(self, node: Node, base: Stage | None) -> None:
        """Who is on stage in this node: from the stage before (or the episode's opening), through its directions, its arrival and its lines."""
        s = self.state
        ep = self.episode
        holds = self.holds
        fixed = self._fixed
        if base is None:
            base = fixed.get(ep.id) or opening(ep.location, ep.opening, holds)
            if all(p.when is None for p in ep.opening):
                fixed[ep.id] = base
        s.stage_in = base
        if node.stage is NO_DIRECTIONS:
            stage = base
        elif base is fixed.get(ep.id) and node.id in fixed:
            stage = fixed[node.id]  # a format 1 node: the same every time it is entered
        else:
            stage = apply_stage(base, node.stage, holds)
            if base is fixed.get(ep.id) and not ep.carries_stage and all(p.when is None for p in node.stage.placings()):
                fixed[node.id] = stage
        if node.arrive:
            arrive(self.scenario, s, ep, node, self._events, self._met(stage, node))
        for line in node.lines:
            if line.stage is not NO_DIRECTIONS and (line.when is None or line.when(s)):
                stage = apply_stage(stage, line.stage, holds)
        s.stage = stage

    def _met(self, stage: Stage, node: Node) -> tuple[str, ...]:
        """Everyone the worker meets on arriving: in the room as the node opens, or coming in during its lines.

        So the picture can follow the words (Chloe drawn only from "Chloe comes in behind her") and
        whoever was kept waiting still notices the lateness. Line conditions are read as the lines
        will be shown: with ``clock.late`` already known.
        """
        mark_late(self.state, self.episode)
        met = list(stage.in_person())
        for line in node.lines:
            if line.stage is not NO_DIRECTIONS and (line.when is None or line.when(self.state)):
                stage = apply_stage(stage, line.stage, self.holds)
                met += [who for who in stage.in_person() if who not in met]
        return tuple(met)

    def holds(self, condition: Condition) -> bool:
        """Whether a condition holds now (stage directions' ``when``)."""
        return condition(self.state)


def _shuffled(items: list[Choice], seed: int, node_id: str) -> list[Choice]:
    """A Fisher-Yates shuffle seeded by the playthrough's seed and the node (stable across runs)."""
    state = rng.seed_state((seed * 0x100000001B3) ^ zlib.crc32(node_id.encode("utf-8")))
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        roll, state = rng.draw(state)
        j = int(roll * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out
