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
- at an ``arrive`` node of an episode with an appointment, the punctuality
  rule's penalty, anywhere from none to ``max_points``;
- on entering an episode that holds a milestone with a due date, the overdue
  rule's penalty, from none to ``points``, when the milestone can be held
  late: when some choice moves the calendar (``days:``), or when the
  calendar as written already schedules it late.

Routes and ``when`` conditions are treated as "any branch possible": every
offered choice and every route option up to the first unconditional one is
assumed takeable, whatever the state. That is a sound over-approximation:
every real playthrough scores inside the bounds, and a bound is reached by
some path through the graph, though state may rule that path out. Each
dimension's low and high are found independently, so the lowest tone and
the lowest timeliness may come from different paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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


Vec = list[int]
Interval = tuple[Vec, Vec]  # (lows, highs), one entry per dimension


def ways_out(node: Node) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    """Each (target, effects) a node can be left by, assuming any condition may hold.

    Route options after the first one without a condition or chance can
    never be taken (it always is), so they are left out.
    """
    if node.ending is not None:
        return []
    if node.choices:
        return [(c.next, c.effects) for c in node.choices]
    if node.route:
        out: list[tuple[str, tuple[tuple[str, int], ...]]] = []
        for option in node.route:
            out.append((option.next, ()))
            if option.when is None and option.chance is None:
                break
        return out
    return [(node.next, ())] if node.next is not None else []


def _order(scenario: Scenario) -> list[str]:
    """Nodes reachable from the start, each after everything it leads to (DFS post-order)."""
    nodes = scenario.nodes
    order: list[str] = []
    state: dict[str, int] = {scenario.start: 1}  # 1 on the stack, 2 finished
    stack: list[tuple[str, list[str]]] = [(scenario.start, [t for t, _ in ways_out(nodes[scenario.start])])]
    while stack:
        node_id, todo = stack[-1]
        if todo:
            nxt = todo.pop()
            mark = state.get(nxt)
            if mark == 1:
                raise AnalysisError(f"the story loops back to `{nxt}`; the graph must be acyclic")
            if mark is None:
                state[nxt] = 1
                stack.append((nxt, [t for t, _ in ways_out(nodes[nxt])]))
            continue
        state[node_id] = 2
        order.append(node_id)
        stack.pop()
    return order


def overdue_possible(scenario: Scenario) -> set[str]:
    """Episodes whose milestone might be held after its due date (see the module docstring)."""
    rules = scenario.rules
    if not rules.overdue_dimension or rules.overdue_points <= 0:
        return set()
    moves = any(c.days > 0 for c in scenario.choice_by_id.values())
    held_on: dict[str, list[int]] = {}
    for ep in scenario.episodes:
        if ep.milestone:
            held_on.setdefault(ep.milestone, []).append(ep.day)
    cal = scenario.calendar
    out: set[str] = set()
    for ep in scenario.episodes:
        ms = scenario.milestone_by_id.get(ep.milestone or "")
        if ms is None or ms.after is None or (ms.working_days is None and ms.months is None):
            continue
        if moves:
            out.add(ep.id)
            continue
        for base in held_on.get(ms.after, ()):
            due = base + ms.working_days if ms.working_days is not None else cal.months_after(base, ms.months or 0)
            if ep.day > due:
                out.add(ep.id)
                break
    return out


def _add(into: Interval, effects: tuple[tuple[str, int], ...], index: Mapping[str, int]) -> None:
    lo, hi = into
    for dim, delta in effects:
        i = index.get(dim)
        if i is not None:
            lo[i] += delta
            hi[i] += delta


def score_bounds(scenario: Scenario) -> Bounds:
    """Bounds on every dimension, per episode and in total, and which endings are reachable."""
    dims = scenario.dimensions
    index = {d: i for i, d in enumerate(dims)}
    n_dims = len(dims)
    nodes = scenario.nodes
    rules = scenario.rules
    late_dim = index.get(rules.punctuality_dimension or "")
    over_dim = index.get(rules.overdue_dimension or "")
    overdue = overdue_possible(scenario)

    def entry(node: Node) -> Interval:
        interval: Interval = ([0] * n_dims, [0] * n_dims)
        _add(interval, node.effects, index)
        if node.arrive and late_dim is not None and rules.max_points > 0 and scenario.episode_by_id[node.episode].appointment is not None:
            interval[0][late_dim] -= rules.max_points
        return interval

    def crossing(target: Node) -> int:
        """The most the overdue rule can take on entering the target's episode from another."""
        return rules.overdue_points if over_dim is not None and target.episode in overdue else 0

    order = _order(scenario)
    whole: dict[str, Interval | None] = {}
    local: dict[str, Interval | None] = {}
    entries: dict[str, list[str]] = {}
    for node_id in order:
        node = nodes[node_id]
        base = entry(node)
        # An ending adds nothing more; a node with no way that ends stays None.
        ends = node.ending is not None
        best_w: Interval | None = ([0] * n_dims, [0] * n_dims) if ends else None
        best_l: Interval | None = ([0] * n_dims, [0] * n_dims) if ends else None
        for target_id, effects in ways_out(node):
            target = nodes[target_id]
            crossed = target.episode != node.episode
            if crossed:
                entries.setdefault(target.episode, []).append(target_id)
            rest = whole[target_id]
            if rest is not None:
                cand: Interval = (list(rest[0]), list(rest[1]))
                _add(cand, effects, index)
                if crossed and (pen := crossing(target)):
                    cand[0][over_dim or 0] -= pen
                best_w = _widen(best_w, cand)
            if crossed:
                step: Interval = ([0] * n_dims, [0] * n_dims)
                _add(step, effects, index)
                best_l = _widen(best_l, step)
            elif (inner := local[target_id]) is not None:
                cand = (list(inner[0]), list(inner[1]))
                _add(cand, effects, index)
                best_l = _widen(best_l, cand)
        whole[node_id] = _plus(base, best_w)
        local[node_id] = _plus(base, best_l)

    start = scenario.start
    entries.setdefault(nodes[start].episode, []).insert(0, start)
    total = whole[start]
    per_episode: list[EpisodeBounds] = []
    for ep in scenario.episodes:
        ways_in = list(dict.fromkeys(entries.get(ep.id, ())))
        found: Interval | None = None
        for node_id in ways_in:
            inner = local[node_id]
            if inner is None:
                continue
            cand = (list(inner[0]), list(inner[1]))
            if node_id != start and over_dim is not None and ep.id in overdue:
                cand[0][over_dim] -= rules.overdue_points
            found = _widen(found, cand)
        if found is not None:
            per_episode.append(EpisodeBounds(ep.id, tuple(ways_in), _ranges(dims, found)))

    reached = set(order)
    endings = tuple(
        EndingReach(n.id, n.ending.kind, n.ending.title, n.id in reached) for n in nodes.values() if n.ending is not None
    )
    zero: Interval = ([0] * n_dims, [0] * n_dims)
    return Bounds(total=_ranges(dims, total or zero), episodes=tuple(per_episode), endings=endings)


def _widen(best: Interval | None, cand: Interval) -> Interval:
    if best is None:
        return cand
    lo, hi = best
    for i, v in enumerate(cand[0]):
        if v < lo[i]:
            lo[i] = v
    for i, v in enumerate(cand[1]):
        if v > hi[i]:
            hi[i] = v
    return best


def _plus(base: Interval, rest: Interval | None) -> Interval | None:
    """The node's own interval followed by the best of its ways out; None if none ends."""
    if rest is None:
        return None
    return ([a + b for a, b in zip(base[0], rest[0], strict=True)], [a + b for a, b in zip(base[1], rest[1], strict=True)])


def _ranges(dims: tuple[str, ...], interval: Interval) -> tuple[tuple[str, Range], ...]:
    return tuple((d, Range(interval[0][i], interval[1][i])) for i, d in enumerate(dims))
