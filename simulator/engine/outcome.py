"""Where a seeded playthrough ends, played in one tight loop: what the spread of a thousand plays asks.

:func:`play_out` plays exactly the playthrough ``doorstep play --auto POLICY
--seed SEED`` plays (:func:`simulator.analysis.spread.play_random`): the same
options offered, in the same shuffled order, the same picks, chance rolls,
scores, trust, flags and clock. It returns the playthrough's
:class:`~simulator.engine.state.State` with everything that decides how the
case goes and ends, and leaves out what only a host shows:

- no steps (as :meth:`Session.advance <simulator.engine.session.Session.advance>`);
- no moods: a line's mood is drawn, never read by a condition;
- who is on stage only where an arrival later in the same scene may need it
  (late-arrival trust is lost with whoever is in the room): elsewhere the
  stage is drawn, never read;
- the random policy's pick is read straight off the shuffle: only the swaps
  that settle the picked place are drawn (Fisher-Yates from the last place
  down never touches a place again once it is settled), so the same option
  is taken with fewer draws;
- the generator's outputs are drawn many at once (:mod:`simulator.engine.lanes`):
  the random policy's next 64, and the first two swaps of every decision's
  shuffle for this seed, each the same number rng.output gives one at a time;
  a place is read off a table of thresholds (:func:`simulator.engine.rng.steps`)
  rather than the float sum, with the same result.

``stage``, ``stage_in``, ``moods`` and ``moods_in`` are left empty in the
state it returns. tests/test_engine_outcome.py holds it to ``play_random``
on the shipped cases and on generated scenarios of any shape.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, TypeVar

from simulator.engine import lanes, rng
from simulator.engine.autoplay import RANDOM_SALT
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.casework import arrive, enter_episode, late_at, move_trust
from simulator.engine.plan import Plan, plan_of
from simulator.engine.scene import staged
from simulator.engine.session import SessionError
from simulator.engine.shortcuts import Shortcuts
from simulator.engine.state import State, starting_trust
from simulator.scenario.conditions import Condition, refs
from simulator.scenario.model import Choice, Episode, Node, Scenario

T = TypeVar("T")
MASK = rng.MASK
GOLDEN = rng.GOLDEN
STEPS = rng.STEPS
SHUFFLE_PRIME = rng.SHUFFLE_PRIME
EMPTY: Sequence[int] = ()
CLAMP_TABLE = 10_000  # the most trust values Pending.clamp lists (past it, each is worked out)


def play_out(scenario: Scenario, seed: int, policy: str = "random") -> State:
    """The state a seeded playthrough by ``policy`` ends in (see the module's note for what is left out)."""
    plan = plan_of(scenario)
    cuts = plan.shortcuts()
    decisions = plan.decisions()
    records, choices = cuts.nodes, cuts.choices
    pack = cuts.pending
    if pack is None:
        pack = cuts.pending = Pending(scenario)
    bias = pending = pack.bias  # the scores gained since they were last written into s.scores (Pending)
    clamp = pack.clamp
    episodes = scenario.episode_by_id
    calendar = scenario.calendar
    pick = None if policy == "random" else named_policy(policy, seed)
    shuffle_seed = (seed * SHUFFLE_PRIME) & MASK  # a node's shuffle starts from this mixed with its salt (Session.choices)
    places = STEPS  # filled up to the most options a decision met has (_node_record)
    half = rng.steps(2)[0]  # a swap among two places takes the second from this output up
    steps3 = rng.steps(3)  # a place among three
    swaps: Sequence[int] = EMPTY
    if pick is None and decisions.count:
        # The first two swaps of every decision's shuffle, drawn at once (lanes.Decisions), and the generator states for the
        # playthrough's chance rolls (State.rng) and for the random policy's own draws (autoplay.seeded_random) with them.
        swaps = decisions.swaps(shuffle_seed, seed, seed ^ RANDOM_SALT)
        state, draw = swaps[2 * decisions.count + 1], swaps[2 * decisions.count + 3]
    else:
        state, draw = rng.seed_state(seed), rng.seed_state(seed ^ RANDOM_SALT)
    s = State.fresh(scenario, seed, start=(state, pack.dims, pack.trust))
    seen, trail, chosen, scores, trust = s.seen, s.trail, s.chosen, s.scores, s.trust
    # The random policy's next draws, made a batch at a time (lanes.more), at even indexes: first as many as the most a playthrough of
    # this scenario has taken (Pending.picks), then twice the batch before.
    outputs: Sequence[int] = EMPTY
    end = at_pick = drawn = 0  # where they end, the next one's index, and how many were drawn in the batches before
    most = pack.picks
    openings = plan.openings
    limit = 4 * len(scenario.nodes) + 4  # as play_random: the graph is acyclic, a playthrough is never longer

    def holds(condition: Condition) -> bool:
        return bool(condition(s))

    node_id = scenario.start
    while True:
        # Entering a node: Session._enter, without moods, and the stage only where it is needed.
        try:  # (a try costs nothing on the way through)
            r = records[node_id]
        except KeyError:
            r = records[node_id] = _node_record(plan, cuts, node_id)
        p, quiet, needs_stage, waits, ending, decision, routes, after, gain, sync = r
        seen.add(node_id)  # (s.node is set where the playthrough stops: nothing on the way reads it)
        trail.append(node_id)
        if not quiet:
            node = p.node
            if node.episode == s.episode:
                base = s.stage if p.carries else None
            else:
                base = None
                enter_episode(scenario, s, p.episode, None)  # what the clock did is told only to hosts
            if p.touches:
                if node.flags:
                    s.flags.update(node.flags)
                pending += gain  # the node's effects
                if node.trust:
                    move_trust(s, node.trust)
                s.minutes += node.minutes
            if sync:  # a condition of this node reads a score: the scores gained are written in first
                pack.write(scores, pending)
                pending = bias
            if needs_stage:
                if base is None:
                    base = openings.get(p.episode.id)  # an opening with no condition, as Plan.opening finds it (else staged does)
                if base is None:
                    s.stage = staged(scenario, plan, p, s, base, holds, None)
                elif p.still:
                    s.stage = base
                elif (
                    p.pure
                    and (through := p.through) is not None
                    and (known := through.get(id(base))) is not None
                    and known[0] is base
                    and not (node.arrive and late_at(scenario, s, p.episode))
                ):
                    s.stage = known[2]  # what scene.staged reads off for a node whose directions have no condition, arriving in time
                else:
                    s.stage = staged(scenario, plan, p, s, base, holds, None)
            elif node.arrive:
                arrive(scenario, s, p.episode, node, None, _nobody)  # late or not, nobody's trust is at stake
        if waits:
            # The node waits for the host, who continues or chooses (as play_random does, at most `limit` times).
            if ending or not limit:
                break
            limit -= 1
            if decision is not None:
                # Session.choices and the policy's pick, among the options' records (_choice_record)
                three = decision[0]
                if three is not None and pick is None:
                    # The same three options whatever the state, shuffled, their first two swaps in lanes (most decisions): the option
                    # shown at the place picked, read off a table of that place and the two swaps.
                    if at_pick == end:
                        drawn += end // 2
                        outputs, draw, end, at_pick = lanes.more(draw, end or most)
                    at_pick += 2
                    table, first_swap, second_swap = three
                    at = 6 * bisect_right(steps3, outputs[at_pick - 2]) + 2 * bisect_right(steps3, swaps[first_swap])
                    picked = table[at + (swaps[second_swap] >= half)]
                else:
                    _, offer, checks, otherwise, shuffles, salt, lane = decision
                    offered: Sequence[tuple[Any, ...]] = offer if offer is not None else [c for c, when in checks if when is None or when(s)]
                    if not offered:
                        offered = otherwise
                        if not offered:
                            raise SessionError(f"nothing is offered at `{node_id}`")  # the loader proves a decision always offers something
                    n = len(offered)
                    if pick is not None:  # a canonical path: it sorts the options by their authored order, so only ties see the shuffle
                        shown = [c[0] for c in offered]
                        if p.tied and n > 1 and shuffles:
                            shown = rng.shuffled(shown, rng.seed_state(shuffle_seed ^ salt))
                        first = pick(shown)
                        picked = choices[f"{first.node} {first.id}"]
                    else:
                        if at_pick == end:
                            drawn += end // 2
                            outputs, draw, end, at_pick = lanes.more(draw, end or most)
                        at_pick += 2
                        if n == 1:
                            picked = offered[0]  # one option: the draw is taken, and whatever it is, it picks place 0
                        else:
                            steps = places[n]
                            at = bisect_right(steps, outputs[at_pick - 2])  # int((output >> 11) / TWO_53 * n)
                            if not shuffles:
                                picked = offered[at]
                            elif lane >= 0:  # _settled from the swaps drawn in lanes
                                j = bisect_right(steps, swaps[lane])  # the first swap settles the last place
                                if at == n - 1:
                                    picked = offered[j]
                                elif n == 3:  # the two swaps settle it: read off a table (most decisions show three options)
                                    picked = offered[THREE[6 * at + 2 * j + (swaps[lane + 1] >= half)]]
                                else:
                                    picked = _settled_from(offered, at, j, swaps[lane + 1], shuffle_seed ^ salt)
                            else:
                                picked = _settled(offered, at, shuffle_seed ^ salt)
                # Session._apply
                _, gained, last, path, moves, flags, choice_id, minutes, later, node_id = picked
                pending += gained  # every effect of the option, in one addition
                s.last_effects = last  # the choice's effects as a dict, made once and shared (only ever read)
                s.last_path = path
                if moves:
                    for who, shifted in moves:
                        trust[who] = clamp[trust.get(who, 50) + shifted]  # move_trust: kept within 0 to 100
                if flags:
                    s.flags.update(flags)
                chosen.add(choice_id)
                s.minutes += minutes
                if later is not None:
                    days, phones = later
                    if days:
                        s.day += days
                        s.month = calendar.month_of(s.day)
                        s.minutes = episodes[s.episode].time
                    if phones:
                        s.phoned = True
                continue
        # Moving on by itself or by a continue: Session._exit_of
        if routes:
            for when, chance, target in routes:
                if when is not None and not when(s):
                    continue
                if chance is not None:
                    roll, s.rng = rng.draw(s.rng)
                    if roll >= chance:
                        continue
                node_id = target
                break
            else:
                raise SessionError(f"no route option can be taken at `{node_id}`")
        elif after is not None:
            node_id = after
        else:
            raise SessionError(f"`{node_id}` has no way forward")
    pack.write(scores, pending)
    taken = drawn + at_pick // 2
    if taken > most:
        pack.picks = taken
    s.node = node_id
    s.last_effects = dict(s.last_effects)  # its own, not the shared one
    s.stage = s.stage_in = None
    s.moods = {}
    s.moods_in = None
    return s


def _node_record(plan: Plan, cuts: Shortcuts, node_id: str) -> tuple[Any, ...]:
    """What play_out reads of a node, in the order it reads it: (plan, quiet, its stage needed, waits, an ending, the decision, routes, next,
    its effects as :class:`Pending` adds them, whether a condition it may ask reads a score).

    The decision is None where the node has no options, else (for the same three options whatever the state, shuffled and in
    lanes, the options by :data:`THREE` and where their first and second swaps' outputs are among lanes.Decisions.swaps, or None;
    the options offered whatever the state or None,
    each option with its test, the options offered otherwise, whether they are shuffled, the shuffle's salt, where
    its first swap's output is among lanes.Decisions.swaps or -1), every option as its record (:func:`_choice_record`).
    """
    p = plan.nodes[node_id]
    node = p.node
    pack: Pending = cuts.pending  # made before any record
    decision = None
    if node.choices:
        lane = plan.decisions().lane.get(node_id, -1)
        rng.steps(len(node.choices))
        choices = cuts.choices
        for c in node.choices:  # by node and id: a loop's rounds (scenario/loops.py) share ids, each leading on its way
            if (key := f"{c.node} {c.id}") not in choices:
                choices[key] = _choice_record(c, pack)
        offer = tuple(choices[f"{c.node} {c.id}"] for c in p.offer) if p.offer is not None else None
        three = None
        if offer is not None and len(offer) == 3 and not node.keep_order and lane >= 0:
            three = (tuple(offer[i] for i in THREE), 2 * lane, 2 * lane + 1)
        decision = (
            three,
            offer,
            tuple((choices[f"{c.node} {c.id}"], when) for c, when in p.checks),
            tuple(choices[f"{c.node} {c.id}"] for c in p.otherwise),
            not node.keep_order,
            p.salt,
            2 * lane if lane >= 0 else -1,
        )
    sync = reads_score(node, p.episode)
    quiet = node_id in cuts.quiet and not sync  # the scores are written in on the loud way
    return (p, quiet, node_id in cuts.staged, p.waits, node.ending is not None, decision, p.routes, node.next, pack.of(node.effects), sync)


def _choice_record(c: Choice, pack: Pending) -> tuple[Any, ...]:
    """What taking an option changes, as play_out applies it: (the option, effects as :class:`Pending` adds them, effects as a dict, path, trust
    (each move less :attr:`Pending.lowest`), flags, id, minutes, (days, phones ahead) or None where neither, next)."""
    moves = tuple((who, delta - pack.lowest) for who, delta in c.trust)  # read off Pending.clamp
    later = (c.days, c.phones_ahead) if c.days or c.phones_ahead else None
    return (c, pack.of(c.effects), dict(c.effects), c.path, moves, c.flags, c.id, c.minutes, later, c.next)


class Pending:
    """A scenario's scores side by side in one integer: the effects a playthrough gains, added with one addition each.

    Each dimension has a field of :attr:`width` bits, the first the lowest,
    holding what it gained plus half the field (:attr:`bias`, so a loss
    borrows from nobody). The fields are wide enough for every effect the
    scenario has, all taken at once, and room for a trillion times more, so a
    field never spills into the next: :meth:`write` reads back exactly what
    adding each effect to the scores one by one gives. Additions commute, so
    written in late (before a condition that reads a score, and at the end)
    the scores are what they would have been.

    It also keeps what :meth:`State.fresh <simulator.engine.state.State.fresh>` starts a
    playthrough from (the dimensions and the cast's trust), and how an option moves trust: ``clamp[value + delta - lowest]``
    is ``value + delta`` kept within 0 to 100 (:func:`~simulator.engine.casework.move_trust`)
    for every trust a playthrough can hold and every move an option makes.
    """

    __slots__ = ("bias", "clamp", "dims", "half", "lowest", "mask", "picks", "trust", "width")

    def __init__(self, scenario: Scenario) -> None:
        self.dims = scenario.dimensions
        gains = [n.effects for n in scenario.nodes.values()] + [c.effects for n in scenario.nodes.values() for c in n.choices]
        most = sum(abs(delta) for effects in gains for _, delta in effects)
        self.width = most.bit_length() + 42
        self.half = 1 << (self.width - 1)
        self.mask = (1 << self.width) - 1
        self.bias = sum(self.half << (self.width * i) for i in range(len(self.dims)))
        self.trust = starting_trust(scenario)
        self.picks = 0  # the most draws the random policy has taken in a playthrough of the scenario (play_out makes that many at once)
        # Trust is 50 for someone not in the cast's, the cast's own to begin with, and within 0 to 100 once moved.
        held = [50, 0, 100, *(c.trust for c in scenario.cast if c.trust is not None)]
        moved = [0, *(delta for n in scenario.nodes.values() for c in n.choices for _, delta in c.trust)]
        self.lowest = min(held) + min(moved)
        highest = max(held) + max(moved)
        self.clamp: tuple[int, ...] | _Clamp = tuple(map(_clamped, range(self.lowest, highest + 1))) if highest - self.lowest < CLAMP_TABLE else _Clamp(self.lowest)

    def of(self, effects: Sequence[tuple[str, int]]) -> int:
        """``effects`` as one number to add: each delta in its dimension's field (a dimension the scenario lacks is a KeyError, as in the scores)."""
        at = {dim: self.width * i for i, dim in enumerate(self.dims)}
        return sum(delta << at[dim] for dim, delta in effects)

    def write(self, scores: dict[str, int], pending: int) -> None:
        """Add what ``pending`` (started from :attr:`bias`) gained into ``scores``."""
        mask, half, width = self.mask, self.half, self.width
        for dim in self.dims:
            gained = (pending & mask) - half
            if gained:
                scores[dim] += gained
            pending >>= width


def _clamped(value: int) -> int:
    return 0 if value < 0 else 100 if value > 100 else value


class _Clamp:
    """Pending.clamp where moves are too large for a table: worked out each time."""

    __slots__ = ("lowest",)

    def __init__(self, lowest: int) -> None:
        self.lowest = lowest

    def __getitem__(self, shifted: int) -> int:
        return _clamped(shifted + self.lowest)


def reads_score(node: Node, episode: Episode) -> bool:
    """Whether entering ``node`` may ask a condition that reads a score: of its routes, options, lines, their and its stage directions,
    or its episode's opening (a condition kept without its tree is taken to read one)."""
    placings = [*node.stage.placings(), *episode.opening, *(p for line in node.lines for p in line.stage.placings())]
    asked = [*(r.when for r in node.route), *(c.when for c in node.choices), *(line.when for line in node.lines), *(p.when for p in placings)]
    return any(c is not None and (not c.tree or any(root == "score" for root, _, _ in refs(c.tree))) for c in asked)


def _nobody() -> tuple[str, ...]:
    return ()


def _settled(items: Sequence[T], at: int, seed: int) -> T:
    """``rng.shuffled(items, rng.seed_state(seed))[at]``, drawing only the swaps down to place ``at`` (later ones never touch it)."""
    z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & MASK  # rng.seed_state, written out
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    state = ((z ^ (z >> 31)) + GOLDEN) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    n = len(items)
    places = STEPS  # filled up to n (_node_record)
    j = bisect_right(places[n], z ^ (z >> 31))  # rng.shuffled's swap, written out
    if at == n - 1:  # settled by the first swap
        return items[j]
    out = list(items)
    out[n - 1], out[j] = out[j], out[n - 1]
    _swap_down(out, state, n - 2, at if at > 1 else 1)
    return out[at]


def _two_swaps(n: int, at: int, j: int, j2: int) -> int:
    """Where place ``at`` of a shuffle of ``n`` takes its item from, when its first two swaps (of the last place with ``j``, then the one before with ``j2``) are all that touch it."""
    out = list(range(n))
    out[n - 1], out[j] = out[j], out[n - 1]
    out[n - 2], out[j2] = out[j2], out[n - 2]
    return out[at]


THREE = tuple(_two_swaps(3, at, j, j2) for at in range(3) for j in range(3) for j2 in range(2))
"""For three options, the place picked, the first swap's and the second's: the option shown there, at ``6 * at + 2 * j + j2``."""


def _settled_from(items: Sequence[T], at: int, j: int, second: int, seed: int) -> T:
    """:func:`_settled` for a place before the last, given where the first swap took the last place from (``j``) and the second swap's output (lanes.Decisions.swaps); later swaps are drawn from ``seed`` here."""
    n = len(items)
    places = STEPS  # filled up to n (_node_record)
    out = list(items)
    out[n - 1], out[j] = out[j], out[n - 1]
    stop = at if at > 1 else 1  # Fisher-Yates swaps down to place 1
    if n - 2 >= stop:
        j = bisect_right(places[n - 1], second)
        out[n - 2], out[j] = out[j], out[n - 2]
        if n - 3 >= stop:
            _swap_down(out, (rng.seed_state(seed) + 2 * GOLDEN) & MASK, n - 3, stop)  # from the state the second swap drew
    return out[at]


def _swap_down(out: list[T], state: int, top: int, stop: int) -> None:
    """Fisher-Yates' swaps of places ``top`` down to ``stop`` (rng.shuffled's, written out), drawing on from ``state``, the state the swap above drew."""
    places = STEPS  # filled up to top + 1 (_node_record)
    for i in range(top, stop - 1, -1):
        state = (state + GOLDEN) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = bisect_right(places[i + 1], z ^ (z >> 31))
        out[i], out[j] = out[j], out[i]
