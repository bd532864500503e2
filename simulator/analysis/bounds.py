"""Score bounds and reachable endings, by dynamic programming over the story graph.

For every rubric dimension: the lowest and highest score a playthrough can
finish with, in total and within each episode, and which endings can be
reached at all. The story graph is acyclic (the loader rejects loops with
G507), so one pass in reverse topological order gives each node the range
of what can still happen from it; the work is linear in nodes plus ways out,
and no path is ever enumerated.

What is counted, exactly as the engine counts it:

- a choice's ``effects``;
- a node's own ``effects``, whenever it is entered;
- what the case clock can take by itself: at an arrival, lateness, from none
  to what the longest way there could cost; on entering an episode, a
  milestone held late, from none to its points, where it can be
  (:mod:`simulator.analysis.clockcost` works both out).

Routes and ``when`` conditions are treated as "any branch possible": every
offered choice and every route option up to the first unconditional one is
assumed takeable, whatever the state. That is a sound over-approximation:
every real playthrough scores inside the bounds, and a bound is reached by
some path through the graph, though state may rule that path out. Each
dimension's low and high are found independently, so the lowest tone and
the lowest timeliness may come from different paths.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import reduce
from itertools import repeat
from operator import add, attrgetter

from simulator.analysis.clockcost import Reached, overdue_possible, worst_lateness
from simulator.analysis.packed import Lanes
from simulator.scenario.model import Node, Scenario


class AnalysisError(ValueError):
    """The scenario cannot be analysed (a loop: the loader should have rejected it)."""


@dataclass(frozen=True, slots=True)
class Range:
    """The lowest and highest value achievable."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high

    @property
    def span(self) -> int:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class EpisodeBounds:
    """What one episode can add to each dimension, from any way in to any way out."""

    episode: str
    entries: tuple[str, ...]
    ranges: tuple[tuple[str, Range], ...]

    def range(self, dimension: str) -> Range:
        return dict(self.ranges)[dimension]


@dataclass(frozen=True, slots=True)
class EndingReach:
    """An ending and whether any sequence of choices and routes reaches it."""

    node: str
    kind: str
    title: str
    reachable: bool


@dataclass(frozen=True, slots=True)
class Bounds:
    """Score bounds for the whole case and each episode, and the endings' reachability."""

    total: tuple[tuple[str, Range], ...]
    episodes: tuple[EpisodeBounds, ...]
    endings: tuple[EndingReach, ...]

    def range(self, dimension: str) -> Range:
        return dict(self.total)[dimension]

    def episode(self, episode_id: str) -> EpisodeBounds | None:
        for eb in self.episodes:
            if eb.episode == episode_id:
                return eb
        return None

    @property
    def reachable_endings(self) -> tuple[EndingReach, ...]:
        return tuple(e for e in self.endings if e.reachable)

    @property
    def reachable_kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.kind for e in self.endings if e.reachable))


Pairs = tuple[tuple[str, int], ...]

Interval = tuple[int, ...]
"""What can still happen from a node, for the whole case and within its episode, in ``4 n`` whole numbers.

First the whole case, then the episode; each half is each dimension's
lowest value, then each one's highest negated (low_1 .. low_n, -high_1 ..
-high_n). Keeping the highs negated makes widening one lane-by-lane lowest
and moving by effects one lane-by-lane sum; keeping both halves together
does each once for both. While the pass runs, each node's figures are
packed side by side in one integer (:mod:`simulator.analysis.packed`),
where both are a few integer operations. A half that no way fills (no
ending can be reached from there, or no way out of the episode) holds
:attr:`~simulator.analysis.packed.Lanes.dead`, above any total a path can
add up to, which widening passes over.
"""


def _figures(effects: Pairs, index: Mapping[str, int]) -> Interval:
    """What a set of effects does to an :data:`Interval` (both halves alike)."""
    n = len(index)
    out = [0] * (4 * n)
    for dim, delta in effects:
        i = index.get(dim)
        if i is not None:
            for at in (i, 2 * n + i):  # the low end of each half moves with the effect,
                out[at] += delta
                out[at + n] -= delta  # the high end, kept negated, the other way
    return tuple(out)


_next = attrgetter("next")
_effects = attrgetter("effects")


def _order(scenario: Scenario) -> list[Reached]:
    """Nodes reachable from the start, each after everything it leads to (DFS post-order), with where each can go.

    Each node's ways out are followed from the last to the first. A way
    out is a choice, a route option (up to the first one without a
    condition or chance: it is always taken, so the rest never are), or
    ``next``; every condition is assumed to be able to hold.
    """
    nodes = scenario.nodes
    members = {ep.id: frozenset(ep.nodes) for ep in scenario.episodes}  # each node is in its episode's list, as the loader builds it
    order: list[Reached] = []
    state: dict[str, int] = {}  # 1 on the stack, 2 finished
    stack: list[tuple[Reached | None, Iterator[str]]] = [(None, iter((scenario.start,)))]
    while stack:
        here, todo = stack[-1]
        for nxt in todo:
            mark = state.get(nxt)
            if mark is None:
                state[nxt] = 1
                node = nodes[nxt]
                targets: tuple[str, ...]
                if node.ending is not None:
                    targets = ()
                elif node.choices:
                    targets = tuple(map(_next, node.choices))
                elif node.route:
                    targets = _routed(node)
                else:
                    targets = (node.next,) if node.next is not None else ()
                reached = (nxt, node, targets, members[node.episode].issuperset(targets))
                stack.append((reached, reversed(targets)))
                break
            if mark == 1:
                raise AnalysisError(f"the story loops back to `{nxt}`; the graph must be acyclic")
        else:  # every way out followed
            stack.pop()
            if here is None:
                break
            state[here[0]] = 2
            order.append(here)
    return order


def _routed(node: Node) -> tuple[str, ...]:
    out: list[str] = []
    for option in node.route:
        out.append(option.next)
        if option.when is None and option.chance is None:
            break
    return tuple(out)


def _penalty(n_dims: int, dim: int | None, points: int, halves: tuple[int, ...]) -> Interval | None:
    """Taking ``points`` from dimension ``dim`` at most, in the given halves: the low end moves, the high end stays (None when nothing is taken)."""
    if dim is None or not points:
        return None
    out = [0] * (4 * n_dims)
    for half in halves:
        out[2 * n_dims * half + dim] = -points
    return tuple(out)


class _Wider(Exception):
    """A set of effects moves a figure further than the lanes were laid out for."""

    def __init__(self, needed: int) -> None:
        super().__init__(needed)
        self.needed = needed


class _Moves(dict[Pairs, int]):
    """What each set of effects does to a packed :data:`Interval`, worked out once per set; :class:`_Wider` when it moves a figure further than ``most``."""

    def __init__(self, index: Mapping[str, int], lanes: Lanes, most: int) -> None:
        super().__init__()
        self.index, self.lanes, self.most = index, lanes, most

    def __missing__(self, effects: Pairs) -> int:
        figures = _figures(effects, self.index)
        needed = max(map(abs, figures), default=0)
        if needed > self.most:
            raise _Wider(needed)
        self[effects] = change = self.lanes.shift(figures)
        return change


def score_bounds(scenario: Scenario) -> Bounds:
    """Bounds on every dimension, per episode and in total, and which endings are reachable."""
    dims = scenario.dimensions
    index = {d: i for i, d in enumerate(dims)}
    n_dims = len(dims)
    half = 2 * n_dims
    nodes = scenario.nodes
    rules = scenario.rules
    late_dim = index.get(rules.punctuality_dimension or "")
    over_dim = index.get(rules.overdue_dimension or "")
    overdue = overdue_possible(scenario)
    # The most the overdue rule can take on entering an episode from another: from the whole case's half only,
    # as the episode's own half is counted from its ways in.
    crossing = _penalty(n_dims, over_dim, rules.overdue_points, (0,))

    order = _order(scenario)
    late: dict[str, Interval] = {}  # what lateness can cost at an arrival, counted with the node's own effects
    if late_dim is not None:
        for node_id, points in worst_lateness(scenario, order).items():
            cost = _penalty(n_dims, late_dim, points, (0, 1))
            if cost is not None:
                late[node_id] = cost

    # Lanes wide enough for any total a path can add up to: each node on a path adds at most one way's
    # change, its own effects and what the clock can take there. Laid out first for effects that move a
    # figure by 16 at most (every case written so far), and again, wider, if some set moves one further.
    clock = max(rules.max_points, 0) + max(rules.overdue_points, 0)
    most = 16
    while True:
        lanes = Lanes(4 * n_dims, (2 * most + clock) * len(order) + 1)
        try:
            combined, entries = _widen(nodes, order, lanes, _Moves(index, lanes, most), crossing, overdue, late)
            break
        except _Wider as wider:
            most = max(wider.needed, 2 * most)

    start = scenario.start
    entries.setdefault(nodes[start].episode, []).insert(0, start)
    total = lanes.unpack(combined[start])
    live = lanes.bound  # a figure read back above this is dead
    per_episode: list[EpisodeBounds] = []
    for ep in scenario.episodes:
        ways_in = list(dict.fromkeys(entries.get(ep.id, ())))
        found: Interval | None = None
        for node_id in ways_in:
            inner = lanes.unpack(combined[node_id])[half:]
            if inner[0] > live:  # no way on from it
                continue
            if crossing is not None and node_id != start and ep.id in overdue:
                inner = tuple(map(add, inner, crossing[:half]))  # counted in this episode, as on the way in
            found = inner if found is None or found == inner else tuple(map(min, found, inner))
        if found is not None:
            per_episode.append(EpisodeBounds(ep.id, tuple(ways_in), _ranges(dims, found)))

    endings = tuple(
        EndingReach(n.id, n.ending.kind, n.ending.title, n.id in combined) for n in nodes.values() if n.ending is not None
    )
    return Bounds(total=_ranges(dims, total if total[0] <= live else (0,) * (2 * half)), episodes=tuple(per_episode), endings=endings)


def _widen(
    nodes: Mapping[str, Node],
    order: list[Reached],
    lanes: Lanes,
    moves: _Moves,
    crossing: Interval | None,
    overdue: set[str],
    late: Mapping[str, Interval],
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each node's packed :data:`Interval`, node by node in ``order``, and the ways into each episode from another as they are met."""
    shift = lanes.shift
    lower = lanes.lower
    top, drop = lanes.top, lanes.width - 1
    zero, dead = lanes.zero, lanes.dead
    case = lanes.first(lanes.count // 2)
    fresh = zero & ~case  # the episode's half as a way into the next episode starts it
    over = 0 if crossing is None else shift(crossing)
    costs = {node_id: shift(cost) for node_id, cost in late.items()}
    combined: dict[str, int] = {}
    entries: dict[str, list[str]] = {}
    # Widening, the lane-by-lane lowest over a node's ways, is Lanes.lower written out in the loops (about a third
    # quicker than calling it): where the analysis spends its time, as plain loops over a few ways are quicker than
    # chains of map(). Where ``past`` has the top bit of each lane in which ``best`` is not below ``way``,
    # ``past - (past >> drop)`` fills those lanes with ones below their top bit, which no figure reaches: the bits
    # ``(past >> drop) * full`` would pick, without a multiplication.
    for node_id, node, targets, within in order:
        if within and targets:  # every way stays in the episode: most nodes
            choices = node.choices
            if choices:  # each way moved by its choice's effects (the targets are where the choices lead)
                best = -1
                for choice in choices:
                    way = combined[choice.next] + moves[choice.effects]
                    if best < 0:
                        best = way
                    else:
                        past = ((best | top) - way) & top
                        best ^= (best ^ way) & (past - (past >> drop))
            else:  # a route or `next`, which change nothing on the way
                best = -1
                for target_id in targets:
                    way = combined[target_id]
                    if best < 0:
                        best = way
                    else:
                        past = ((best | top) - way) & top
                        best ^= (best ^ way) & (past - (past >> drop))
        elif targets:
            episode = node.episode
            ways = map(moves.__getitem__, map(_effects, node.choices)) if node.choices else repeat(0)
            reached: list[int] = []
            for target_id, change in zip(targets, ways, strict=False):
                reach = combined[target_id]
                target_episode = nodes[target_id].episode
                if target_episode != episode:  # what this episode adds ends here; what the case adds goes on, with a milestone held late on the way in
                    entries.setdefault(target_episode, []).append(target_id)
                    reach = (reach & case) | fresh
                    if target_episode in overdue:
                        reach += over
                reached.append(reach + change)
            best = reduce(lower, reached)
        else:  # an ending adds nothing more; a node with no way out reaches none
            best = zero if node.ending is not None else dead
        # The node's own effects, and at an arrival whatever lateness can cost, come first.
        if node.effects:
            best += moves[node.effects]
        if node.arrive and node_id in costs:  # lateness is only ever costed at an arrival
            best += costs[node_id]
        combined[node_id] = best
    return combined, entries


def _ranges(dims: tuple[str, ...], interval: Interval) -> tuple[tuple[str, Range], ...]:
    n = len(dims)
    return tuple((d, Range(interval[i], -interval[n + i])) for i, d in enumerate(dims))
