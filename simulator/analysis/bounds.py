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
  rule's penalty, from none to what the longest way there could cost: the
  most minutes any path inside the episode can spend before that arrival
  (choice and node minutes, by the same one-pass dynamic programming) set
  against the appointment. Where the clock may not start at the episode's
  own time (another episode earlier the same day, or a postponement earlier
  in the case that could land on its day), it is assumed to start as late
  as any earlier episode could end;
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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from operator import add

from simulator.scenario.model import REFERRAL, Node, Scenario


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
Way = tuple[str, Pairs, int]
"""A way out of a node: where it leads, the effects of taking it, and the minutes it spends."""

Interval = tuple[int, ...]
"""Each dimension's lowest value, then each one's highest negated: (low_1 .. low_n, -high_1 .. -high_n).

Keeping the highs negated makes widening one elementwise ``min`` and moving by
effects one elementwise ``+``. Never changed once made, so shared freely.
"""


def ways_out(node: Node) -> list[Way]:
    """Each (target, effects, minutes) a node can be left by, assuming any condition may hold.

    Route options after the first one without a condition or chance can
    never be taken (it always is), so they are left out. Only a choice
    spends minutes on the way out.
    """
    if node.ending is not None:
        return []
    if node.choices:
        return [(c.next, c.effects, c.minutes) for c in node.choices]
    if node.route:
        out: list[Way] = []
        for option in node.route:
            out.append((option.next, (), 0))
            if option.when is None and option.chance is None:
                break
        return out
    return [(node.next, (), 0)] if node.next is not None else []


Ways = dict[str, list[Way]]


def _order(scenario: Scenario) -> tuple[list[str], Ways]:
    """Nodes reachable from the start, each after everything it leads to (DFS post-order), and each one's ways out.

    Each node's ways out are followed from the last to the first.
    """
    nodes = scenario.nodes
    order: list[str] = []
    first = ways_out(nodes[scenario.start])
    ways: Ways = {scenario.start: first}
    state: dict[str, int] = {scenario.start: 1}  # 1 on the stack, 2 finished
    stack: list[tuple[str, Iterator[Way]]] = [(scenario.start, reversed(first))]
    while stack:
        node_id, todo = stack[-1]
        for nxt, _, _ in todo:
            mark = state.get(nxt)
            if mark is None:
                state[nxt] = 1
                out = ways[nxt] = ways_out(nodes[nxt])
                stack.append((nxt, reversed(out)))
                break
            if mark == 1:
                raise AnalysisError(f"the story loops back to `{nxt}`; the graph must be acyclic")
        else:  # every way out followed
            state[node_id] = 2
            order.append(node_id)
            stack.pop()
    return order, ways


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
        bases = (0,) if ms.after == REFERRAL and ms.after not in scenario.milestone_by_id else held_on.get(ms.after, ())
        for base in bases:
            due = base + ms.working_days if ms.working_days is not None else cal.months_after(base, ms.months or 0)
            if ep.day > due:
                out.add(ep.id)
                break
    return out


def _vector(effects: tuple[tuple[str, int], ...], index: Mapping[str, int], n_dims: int) -> Interval | None:
    """What ``effects`` do to an interval (see :data:`Interval`), or None when they move none of the rubric's dimensions."""
    if not effects:
        return None
    out = [0] * (2 * n_dims)
    moved = False
    for dim, delta in effects:
        i = index.get(dim)
        if i is not None and delta:
            out[i] += delta
            out[n_dims + i] -= delta  # the high end, kept negated, moves the other way
            moved = True
    return tuple(out) if moved else None


_UNSEEN: Interval = ()  # a set of effects not yet worked out (no interval is empty: every rubric has a dimension)


def _shift(interval: Interval, by: Interval) -> Interval:
    return tuple(map(add, interval, by))


def _widen(best: Interval | None, cand: Interval) -> Interval:
    """The lowest of the lows and the highest of the highs: with the highs kept negated, the lowest of every entry."""
    if best is None or best == cand:
        return cand
    return tuple(map(min, best, cand))


def _penalty(n_dims: int, dim: int | None, points: int) -> Interval | None:
    """Taking ``points`` from dimension ``dim`` at most: the low end moves, the high end stays (None when nothing is taken)."""
    if dim is None or not points:
        return None
    out = [0] * (2 * n_dims)
    out[dim] = -points
    return tuple(out)


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
    # The most the overdue rule can take on entering an episode from another.
    crossing = _penalty(n_dims, over_dim, rules.overdue_points)

    order, ways = _order(scenario)
    worst_late = _worst_lateness(scenario, order, ways) if late_dim is not None else {}

    zero: Interval = (0,) * (2 * n_dims)
    vectors: dict[Pairs, Interval | None] = {(): None}  # what each set of effects does, worked out once (a case repeats a few sets)
    whole: dict[str, Interval | None] = {}
    local: dict[str, Interval | None] = {}
    entries: dict[str, list[str]] = {}
    for node_id in order:
        node = nodes[node_id]
        # An ending adds nothing more; a node with no way that ends stays None.
        ends = node.ending is not None
        best_w: Interval | None = zero if ends else None
        best_l: Interval | None = zero if ends else None
        episode = node.episode
        for target_id, effects, _ in ways[node_id]:
            by = vectors.get(effects, _UNSEEN)
            if by is _UNSEEN:
                by = vectors[effects] = _vector(effects, index, n_dims)
            rest = whole[target_id]
            inner = local[target_id]
            if (target_episode := nodes[target_id].episode) != episode:
                entries.setdefault(target_episode, []).append(target_id)
                if rest is not None and crossing is not None and target_episode in overdue:
                    rest = _shift(rest, crossing)
                inner = zero  # what this episode adds ends here
            # _shift and _widen, written out: this is the loop the analysis spends its time in.
            if rest is not None:
                if by is not None:
                    rest = tuple(map(add, rest, by))
                best_w = rest if best_w is None or best_w == rest else tuple(map(min, best_w, rest))
            if inner is not None:
                if by is not None:
                    inner = tuple(map(add, inner, by))
                best_l = inner if best_l is None or best_l == inner else tuple(map(min, best_l, inner))
        # The node's own effects, and at an arrival whatever lateness can cost, come first.
        own = vectors.get(node.effects, _UNSEEN)
        if own is _UNSEEN:
            own = vectors[node.effects] = _vector(node.effects, index, n_dims)
        late = worst_late.get(node_id)
        for by in (own, _penalty(n_dims, late_dim, late) if late else None):
            if by is not None:
                best_w = None if best_w is None else _shift(best_w, by)
                best_l = None if best_l is None else _shift(best_l, by)
        whole[node_id] = best_w
        local[node_id] = best_l

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
            if crossing is not None and node_id != start and ep.id in overdue:
                inner = _shift(inner, crossing)
            found = _widen(found, inner)
        if found is not None:
            per_episode.append(EpisodeBounds(ep.id, tuple(ways_in), _ranges(dims, found)))

    reached = set(order)
    endings = tuple(
        EndingReach(n.id, n.ending.kind, n.ending.title, n.id in reached) for n in nodes.values() if n.ending is not None
    )
    return Bounds(total=_ranges(dims, total or zero), episodes=tuple(per_episode), endings=endings)


def _late_points(scenario: Scenario, late: int) -> int:
    rules = scenario.rules
    if late <= rules.grace_minutes:
        return 0
    return min(rules.max_points, -(-(late - rules.grace_minutes) // rules.minutes_per_point))


def _worst_lateness(scenario: Scenario, order: list[str], ways: Ways) -> dict[str, int]:
    """For each scored arrival, the most punctuality points any way there can lose.

    A forward pass in topological order keeps, for each node, the most
    minutes spent in its episode before it is entered (a node's own minutes
    count before its arrival check, as in the engine).
    """
    rules = scenario.rules
    if not rules.punctuality_dimension or rules.max_points <= 0:
        return {}
    nodes = scenario.nodes
    # An episode's clock may start later than its own time only if an earlier
    # episode can end on the same day: one dated that day, or one whose
    # postponements (``days:``) can reach it.
    uncertain: set[str] = set()
    seen_days: set[int] = set()
    reach = -1  # the latest day earlier postponements could push the calendar to
    pushed = 0
    days: dict[str, int] = {}  # the days every choice of an episode could postpone by, together
    for node in nodes.values():
        for c in node.choices:
            if c.days:
                days[node.episode] = days.get(node.episode, 0) + c.days
    for ep in scenario.episodes:
        if ep.day in seen_days or ep.day <= reach:
            uncertain.add(ep.id)
        seen_days.add(ep.day)
        pushed += days.get(ep.id, 0)
        if pushed:
            reach = max(reach, ep.day + pushed)
    most: dict[str, int] = {}
    longest: dict[str, int] = {}
    for node_id in reversed(order):  # topological: every node before what it leads to
        node = nodes[node_id]
        episode = node.episode
        spent = most.setdefault(node_id, 0) + node.minutes
        if spent > longest.setdefault(episode, 0):
            longest[episode] = spent
        for target_id, _, minutes in ways[node_id]:
            if nodes[target_id].episode != episode:
                most.setdefault(target_id, 0)
                if spent + minutes > longest[episode]:
                    longest[episode] = spent + minutes
                continue
            if spent + minutes > most.get(target_id, -1):
                most[target_id] = spent + minutes
    # The latest the clock can read on entering each episode, in calendar order.
    start: dict[str, int] = {}
    latest_end = 0
    for ep in scenario.episodes:
        start[ep.id] = max(ep.time, latest_end) if ep.id in uncertain else ep.time
        latest_end = max(latest_end, start[ep.id] + longest.get(ep.id, 0))
    out: dict[str, int] = {}
    for node_id in order:
        node = nodes[node_id]
        ep = scenario.episode_by_id[node.episode]
        if not node.arrive or ep.appointment is None:
            continue
        out[node_id] = _late_points(scenario, start[ep.id] + most.get(node_id, 0) + node.minutes - ep.appointment)
    return out


def _ranges(dims: tuple[str, ...], interval: Interval) -> tuple[tuple[str, Range], ...]:
    n = len(dims)
    return tuple((d, Range(interval[i], -interval[n + i])) for i, d in enumerate(dims))
