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
from operator import add

from simulator.analysis.clockcost import Way, overdue_possible, worst_lateness
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
-high_n). Keeping the highs negated makes widening one elementwise ``min``
and moving by effects one elementwise ``+``; keeping both halves in one
tuple does each once for both. A half that no way fills (no ending can be
reached from there, or no way out of the episode) holds a number far above
any score (see :func:`score_bounds`), which ``min`` passes over and moving
keeps far above. Never changed once made, so shared freely.
"""


class _Changes(dict[Pairs, "Interval | None"]):
    """What each set of effects does to an :data:`Interval` (both halves alike), worked out once per set; None when it moves no dimension."""

    def __init__(self, index: Mapping[str, int]) -> None:
        super().__init__({(): None})
        self.index = index

    def __missing__(self, effects: Pairs) -> Interval | None:
        n = len(self.index)
        out = [0] * (4 * n)
        moved = False
        for dim, delta in effects:
            i = self.index.get(dim)
            if i is not None and delta:
                for at in (i, 2 * n + i):  # the low end of each half moves with the effect,
                    out[at] += delta
                    out[at + n] -= delta  # the high end, kept negated, the other way
                moved = True
        self[effects] = change = tuple(out) if moved else None
        return change


def _ways(node: Node, nodes: Mapping[str, Node], changes: _Changes) -> list[Way]:
    """Each way a node can be left by, assuming any condition may hold: (target, its change, minutes, whether it leaves the episode).

    Route options after the first one without a condition or chance can
    never be taken (it always is), so they are left out. Only a choice
    spends minutes on the way out.
    """
    episode = node.episode
    if node.ending is not None:
        return []
    if node.choices:
        return [(c.next, changes[c.effects], c.minutes, nodes[c.next].episode != episode) for c in node.choices]
    if node.route:
        out: list[Way] = []
        for option in node.route:
            out.append((option.next, None, 0, nodes[option.next].episode != episode))
            if option.when is None and option.chance is None:
                break
        return out
    return [(node.next, None, 0, nodes[node.next].episode != episode)] if node.next is not None else []


def _order(scenario: Scenario, changes: _Changes) -> tuple[list[str], dict[str, list[Way]], dict[str, Interval | None]]:
    """Nodes reachable from the start, each after everything it leads to (DFS post-order), each one's ways out and what its own effects do.

    Each node's ways out are followed from the last to the first.
    """
    nodes = scenario.nodes
    order: list[str] = []
    start = nodes[scenario.start]
    first = _ways(start, nodes, changes)
    ways = {scenario.start: first}
    own = {scenario.start: changes[start.effects]}
    state: dict[str, int] = {scenario.start: 1}  # 1 on the stack, 2 finished
    stack: list[tuple[str, Iterator[Way]]] = [(scenario.start, reversed(first))]
    while stack:
        node_id, todo = stack[-1]
        for way in todo:
            nxt = way[0]
            mark = state.get(nxt)
            if mark is None:
                state[nxt] = 1
                node = nodes[nxt]
                own[nxt] = changes[node.effects]
                out = ways[nxt] = _ways(node, nodes, changes)
                stack.append((nxt, reversed(out)))
                break
            if mark == 1:
                raise AnalysisError(f"the story loops back to `{nxt}`; the graph must be acyclic")
        else:  # every way out followed
            state[node_id] = 2
            order.append(node_id)
            stack.pop()
    return order, ways, own


def _penalty(n_dims: int, dim: int | None, points: int, halves: tuple[int, ...]) -> Interval | None:
    """Taking ``points`` from dimension ``dim`` at most, in the given halves: the low end moves, the high end stays (None when nothing is taken)."""
    if dim is None or not points:
        return None
    out = [0] * (4 * n_dims)
    for half in halves:
        out[2 * n_dims * half + dim] = -points
    return tuple(out)


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

    changes = _Changes(index)
    order, ways, own = _order(scenario, changes)
    if late_dim is not None:  # what lateness can cost at an arrival counts with the node's own effects
        for node_id, late in worst_lateness(scenario, order, ways).items():
            cost = _penalty(n_dims, late_dim, late, (0, 1))
            if cost is not None:
                mine = own[node_id]
                own[node_id] = cost if mine is None else tuple(map(add, mine, cost))

    # "Nothing reaches an ending (or leaves the episode) from here": above any total a path can add up to, so
    # min passes it over and no sum of effects brings it down to a score. Each node on a path adds at most
    # one way's change, its own effects and what the clock can take there.
    step = 2 * max((abs(v) for change in changes.values() if change is not None for v in change), default=0)
    step += max(rules.max_points, 0) + max(rules.overdue_points, 0)
    big = 4 * (step * len(order) + 1)
    zero: Interval = (0,) * (2 * half)
    dead: Interval = (big,) * (2 * half)
    fresh: Interval = (0,) * half  # the episode's half as a way into the next episode starts it
    combined: dict[str, Interval] = {}
    entries: dict[str, list[str]] = {}
    for node_id in order:
        out = ways[node_id]
        if len(out) == 1 and not out[0][3]:  # one way on, within the episode: most nodes that are not decisions
            target_id, change, _, _ = out[0]
            best = combined[target_id] if change is None else tuple(map(add, combined[target_id], change))
        elif out:
            reached: list[Interval] = []
            for target_id, change, _, leaves in out:
                reach = combined[target_id]
                if leaves:  # what this episode adds ends here; what the case adds goes on, with a milestone held late on the way in
                    target_episode = nodes[target_id].episode
                    entries.setdefault(target_episode, []).append(target_id)
                    reach = reach[:half] + fresh
                    if crossing is not None and target_episode in overdue:
                        reach = tuple(map(add, reach, crossing))
                reached.append(reach if change is None else tuple(map(add, reach, change)))
            # Widening: every lane's lowest over all the ways at once, which is where the analysis spends its time.
            best = reached[0] if len(reached) == 1 else tuple(map(min, *reached))
        else:  # an ending adds nothing more; a node with no way out reaches none
            best = zero if nodes[node_id].ending is not None else dead
        # The node's own effects, and at an arrival whatever lateness can cost, come first.
        change = own[node_id]
        if change is not None:
            best = tuple(map(add, best, change))
        combined[node_id] = best

    start = scenario.start
    entries.setdefault(nodes[start].episode, []).insert(0, start)
    total = combined[start]
    per_episode: list[EpisodeBounds] = []
    for ep in scenario.episodes:
        ways_in = list(dict.fromkeys(entries.get(ep.id, ())))
        found: Interval | None = None
        for node_id in ways_in:
            inner = combined[node_id][half:]
            if inner[0] >= big // 2:  # no way on from it
                continue
            if crossing is not None and node_id != start and ep.id in overdue:
                inner = tuple(map(add, inner, crossing[:half]))  # counted in this episode, as on the way in
            found = inner if found is None or found == inner else tuple(map(min, found, inner))
        if found is not None:
            per_episode.append(EpisodeBounds(ep.id, tuple(ways_in), _ranges(dims, found)))

    endings = tuple(
        EndingReach(n.id, n.ending.kind, n.ending.title, n.id in combined) for n in nodes.values() if n.ending is not None
    )
    return Bounds(total=_ranges(dims, total if total[0] < big // 2 else zero), episodes=tuple(per_episode), endings=endings)


def _ranges(dims: tuple[str, ...], interval: Interval) -> tuple[tuple[str, Range], ...]:
    n = len(dims)
    return tuple((d, Range(interval[i], -interval[n + i])) for i, d in enumerate(dims))
