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

from array import array
from bisect import bisect_right
from collections.abc import Iterable

from simulator.engine import rng
from simulator.engine.actions import CONTINUE, SKIP_CODE, Action, Choose, Code, Continue, Skip
from simulator.engine.autoplay import prefer
from simulator.engine.casework import due_day as due_day  # re-exported: the clock and the timeline ask it
from simulator.engine.casework import enter_episode, move_trust
from simulator.engine.plan import NodePlan, plan_of
from simulator.engine.rng import MASK, SHUFFLE_PRIME, seed_state, shuffle, steps
from simulator.engine.save import Save, SaveError
from simulator.engine.scene import staged
from simulator.engine.screen import Screen
from simulator.engine.shown import Names, Option
from simulator.engine.state import Event, State, Step
from simulator.scenario.model import Choice, Node, Scenario

_new_step = tuple.__new__
LANES_FROM = 4  # the shuffle at which a playthrough draws every decision's first two swaps at once (Session._shuffled)
_TWO, _THREE = steps(2), steps(3)


class SessionError(RuntimeError):
    """The host asked for something the session cannot do (a programming error, or a save that no longer fits)."""


class Session(Screen):
    """One playthrough of a scenario (what it shows a host: :class:`~simulator.engine.screen.Screen`)."""

    __slots__ = (
        "_choices", "_drawn", "_events", "_opening", "_plan", "_score_items", "_scores_was", "_shuffles", "_swaps", "_trust_items", "_trust_was", "_unkept",
        "names", "scenario", "state",
    )  # fmt: skip

    def __init__(self, scenario: Scenario, state: State, drawn: bool = True) -> None:
        self.scenario = scenario
        self._drawn = drawn  # False: nobody is shown this playthrough, so moods and the stage are worked out only where they count
        self.state = state
        self.names = Names(scenario, state.player_name)
        self._choices: list[Choice] | None = None
        self._options = None
        self._views = None
        self._plan = plan_of(scenario)  # what every node's questions come to whatever the state, worked out once per scenario
        self._events: list[Event] = []  # what the clock did during the action being taken
        self._unkept = 0  # actions taken by advance(), which keeps no step
        self._opening: tuple[Event, ...] = ()  # what the clock did as the case opened (late at its first node), told with the first step
        self._shuffles = 0  # the shuffles drawn one at a time so far (choices)
        self._swaps: array[int] | None = None  # every decision's first two swaps for this seed, once drawn (_shuffled)
        # The scores and trust as the last step recorded them (copies) and as its tuples, which steps that change neither share.
        self._scores_was: dict[str, int] | None = None
        self._trust_was: dict[str, int] | None = None
        self._score_items: tuple[tuple[str, int], ...] = ()
        self._trust_items: tuple[tuple[str, int], ...] = ()

    # -- starting, saving and restoring ------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario, seed: int = 0, player_name: str | None = None, *, drawn: bool = True) -> Session:
        """A new playthrough at the scenario's first node.

        ``drawn=False`` is for a playthrough nobody is shown (a trace, an
        analysis): everything that decides how it goes, and every step, is as
        usual, but moods are not kept, and who is on stage only where an
        arrival reads it (in a scene that carries its stage, everywhere), so
        :meth:`views`, :attr:`stage` and :meth:`mood_of` are not to be asked.
        """
        session = cls(scenario, State.fresh(scenario, seed, player_name), drawn)
        session._enter(scenario.start)
        session._opening = tuple(session._events)  # no action made it happen, so the first step tells it
        session._events.clear()
        return session

    def save(self) -> Save:
        """This playthrough as it is kept: restoring it gives a session in exactly this state."""
        if self._unkept:
            raise SessionError("this playthrough was moved on without keeping its steps (Session.advance), so it cannot be saved")
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
        twin = Session(self.scenario, self.state.copy(), self._drawn)
        twin._unkept = self._unkept
        twin._opening = self._opening
        return twin

    def rewind(self) -> Session:
        """A new session back at the decision where the latest choice was made.

        For practice mode: the state is exactly as it was before that choice.
        With no choice made yet, the session starts again.
        """
        save = self.save()
        last = max((i for i, a in enumerate(save.actions) if isinstance(a, Choose)), default=0)
        return Session.restore(self.scenario, save.upto(last))

    # -- what is offered --------------------------------------------------
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
        offered = self._choices
        if offered is None:
            s = self.state
            plan = self._plan.nodes[s.node]
            offered = list(plan.offer) if plan.offer is not None else [c for c, when in plan.checks if when is None or when(s)]
            if not offered:
                offered = list(plan.otherwise)
            if len(offered) > 1 and not plan.node.keep_order:
                # Seeded by the playthrough's seed and the node, so stable across runs, saves and replays.
                if self._swaps is None and self._shuffles < LANES_FROM - 1:
                    self._shuffles += 1
                    offered = shuffle(offered, seed_state((s.seed * SHUFFLE_PRIME) ^ plan.salt))
                else:
                    offered = self._shuffled(offered, plan)
            self._choices = offered
        return offered

    def _shuffled(self, offered: list[Choice], plan: NodePlan) -> list[Choice]:
        """``shuffle(offered, seed_state((seed * SHUFFLE_PRIME) ^ salt))``: from this playthrough's LANES_FROM-th shuffle on, two or
        three options are put in order by the first two swaps of every decision's shuffle, drawn at once for the seed
        (:meth:`lanes.Decisions.swaps <simulator.engine.lanes.Decisions.swaps>`), each the output the shuffle draws one at a time."""
        s = self.state
        n = len(offered)
        if n <= 3:
            swaps = self._swaps
            if swaps is None and self._plan.decisions().count:
                swaps = self._swaps = self._plan.decisions().swaps((s.seed * SHUFFLE_PRIME) & MASK)
            if swaps is not None:
                decisions = self._plan.decisions()
                lane = decisions.lane.get(plan.node.id)
                if lane is not None:  # Fisher-Yates from the last place down: place 2 swaps first (among three), then place 1 (among two)
                    j = bisect_right(_THREE if n == 3 else _TWO, swaps[2 * lane])
                    offered[n - 1], offered[j] = offered[j], offered[n - 1]
                    if n == 3:
                        j = bisect_right(_TWO, swaps[2 * lane + 1])
                        offered[1], offered[j] = offered[j], offered[1]
                    return offered
        return shuffle(offered, seed_state((s.seed * SHUFFLE_PRIME) ^ plan.salt))

    def choices_by_order(self) -> list[Choice]:
        """The options offered now, for a policy that picks by their authored order (``Choice.order``, as the canonical paths do).

        As written, without shuffling them, since such a policy takes the same
        option in any order; but where two options share an order (a scenario
        built in code), in the shown order, which then decides between them.
        """
        if self._choices is not None:
            return self._choices
        plan = self._plan.nodes[self.state.node]
        return self.choices if plan.tied else self._offered_as_written(plan)

    def _offered_as_written(self, plan: NodePlan) -> list[Choice]:
        s = self.state
        offered = list(plan.offer) if plan.offer is not None else [c for c, when in plan.checks if when is None or when(s)]
        return offered or list(plan.otherwise)

    def option(self, choice_id: str) -> Option:
        """Any choice of the scenario as this playthrough would show it (for history, debriefs, feedback)."""
        choice = self.scenario.choice_by_id.get(choice_id)
        if choice is None:
            raise SessionError(f"there is no choice `{choice_id}` in this scenario")
        return self._option(choice)

    @property
    def can_proceed(self) -> bool:
        """True when the node is read and the host should offer "Continue"."""
        node = self.scenario.nodes[self.state.node]
        return node.ending is None and not node.choices

    @property
    def finished(self) -> bool:
        return self.scenario.nodes[self.state.node].ending is not None

    # -- acting ------------------------------------------------------------
    def act(self, action: Action) -> Step:
        """Take one host action and return the step it made: the one way a playthrough moves on."""
        node_id = self.state.node
        if type(action) is Choose:  # what a host does most: no dispatch
            self._events.clear()
            self._apply(self._offered(action.choice))
            return self._record(node_id, action.choice)
        if action is CONTINUE:
            return self.take(None)
        return self._record(node_id, self._take(action))

    def take(self, choice: Choice | None) -> Step:
        """:meth:`act` for a policy driving the session: ``choice`` is one of the options offered now, as
        :attr:`choices` or :meth:`choices_by_order` gave it (so it is not looked up or checked again), or None to continue."""
        node_id = self.state.node
        self._events.clear()
        if choice is None:
            node = self.scenario.nodes[node_id]
            if node.ending is not None or node.choices:
                raise SessionError("there is nothing to continue to: choose an option, or the case has ended")
            self._enter(self._exit_of(node))
            return self._record(node_id, None)
        self._apply(choice)
        return self._record(node_id, choice.id)

    def advance(self, action: Action) -> None:
        """Take an action as :meth:`act` does, keeping no step: for analyses that only ask where playthroughs end.

        Everything else happens exactly as in :meth:`act` (the same options,
        chance rolls, scores, trust and clock); but a session moved on this way
        has no history to save, review or report, so :meth:`save` refuses it.
        """
        self._take(action)
        self._events.clear()
        self._opening = ()
        self._unkept += 1

    def _take(self, action: Action) -> Code:
        """Apply an action; returns it as records keep it (see :func:`simulator.engine.actions.encode`)."""
        self._events.clear()
        if isinstance(action, Choose):
            self._apply(self._offered(action.choice))
            return action.choice
        if isinstance(action, Continue):
            if not self.can_proceed:
                raise SessionError("there is nothing to continue to: choose an option, or the case has ended")
            self._enter(self._exit_of(self.scenario.nodes[self.state.node]))
            return None
        if isinstance(action, Skip):
            self._skip()
            return SKIP_CODE
        raise SessionError(f"{action!r} is not an action")

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
        if self._choices is None:
            choice = self.scenario.choice_by_id.get(choice_id)
            if choice is not None and choice.node == self.state.node and choice.when is None and not choice.otherwise:
                return choice  # an option with no condition is always offered at its node
            offered = self._offered_as_written(self._plan.nodes[self.state.node])  # the same options as shown, in another order
        else:
            offered = self._choices
        for c in offered:
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
        scores, trust = s.scores, s.trust
        # A step that changes neither scores nor trust shares the last step's tuples; the dicts are compared where they stand.
        if scores != self._scores_was:
            self._scores_was = scores.copy()
            self._score_items = tuple(scores.items())
        if trust != self._trust_was:
            self._trust_was = trust.copy()
            self._trust_items = tuple(trust.items())
        events = self._events
        if self._opening:
            events[:0] = self._opening
            self._opening = ()
        # tuple.__new__ makes the named tuple as Step(...) does, without its constructor's own Python frame: one per action.
        step = _new_step(Step, (node_id, choice, s.day, s.minutes, s.late, self._score_items, self._trust_items, tuple(events) if events else ()))
        s.steps.append(step)
        if events:
            events.clear()
        return step

    def _exit_of(self, node: Node) -> str:
        if node.route:
            s = self.state
            for when, chance, target in self._plan.nodes[node.id].routes:
                if when is not None and not when(s):
                    continue
                if chance is not None:
                    roll, s.rng = rng.draw(s.rng)
                    if roll >= chance:
                        continue
                return target
            raise SessionError(f"no route option can be taken at `{node.id}`")  # the loader forbids this
        if node.next is None:
            raise SessionError(f"`{node.id}` has no way forward")
        return node.next

    def _enter(self, node_id: str) -> None:
        plans = self._plan.nodes
        s = self.state
        self._choices = None
        self._options = None
        self._views = None
        while True:
            plan = plans[node_id]
            node = plan.node
            # The stage carries on within a format 2 episode; a new episode (or any node of a format 1 one) starts from its opening.
            if node.episode == s.episode:
                base = s.stage if plan.carries else None
            else:
                base = None
                enter_episode(self.scenario, s, plan.episode, self._events)
            s.node = node_id
            s.seen.add(node_id)
            s.trail.append(node_id)
            if plan.touches:
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
            if self._drawn:
                moods_in = None  # the moods before this node's lines, kept only when a line changes one
                for when, speaker, mood in plan.moody:
                    if when is None or when(s):
                        if moods_in is None:
                            moods_in = tuple(s.moods.items())
                        s.moods[speaker] = mood
                s.moods_in = moods_in
            if plan.still and base is not None:
                s.stage_in = s.stage = base  # no directions, no arrival: the stage carries on as it was
            elif self._drawn or plan.carries or node.arrive:  # undrawn, a scene that starts afresh at each node needs it only to arrive
                s.stage = staged(self.scenario, self._plan, plan, s, base, self.holds, self._events)
            if plan.waits:
                return
            node_id = self._exit_of(node)
