"""The most the case clock can take from a score: lateness on arrival and milestones held late.

The score bounds (:mod:`simulator.analysis.bounds`) count what the clock does
by itself as the engine counts it. Both questions here are answered from
the story graph and the calendar alone, whatever the choices:

- at an ``arrive`` node of an episode with an appointment, the punctuality
  rule's penalty can run from none to what the longest way there could
  cost: the most minutes any path inside the episode can spend before that
  arrival (choice and node minutes, by one forward pass in topological
  order) set against the appointment. Where the clock may not start at the
  episode's own time (another episode earlier the same day, or a
  postponement earlier in the case that could land on its day), it is
  assumed to start as late as any earlier episode could end;
- on entering an episode that holds a milestone with a due date, the overdue
  rule can take its ``points`` when the milestone can be held late: when
  some choice moves the calendar (``days:``), or when the calendar as
  written already schedules it late.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from simulator.scenario.model import REFERRAL, Scenario

Way = tuple[str, tuple[int, ...] | None, int, bool]
"""A way out of a node as :mod:`simulator.analysis.bounds` keeps it: (where it leads, what it does to the bounds, the minutes it spends, whether it leaves the episode)."""


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


def late_points(scenario: Scenario, late: int) -> int:
    """The punctuality rule's penalty for arriving ``late`` minutes after the appointment."""
    rules = scenario.rules
    if late <= rules.grace_minutes:
        return 0
    return min(rules.max_points, -(-(late - rules.grace_minutes) // rules.minutes_per_point))


def worst_lateness(scenario: Scenario, order: Sequence[str], ways: Mapping[str, Sequence[Way]]) -> dict[str, int]:
    """For each scored arrival, the most punctuality points any way there can lose.

    ``order`` has every node after everything it leads to. A forward pass
    keeps, for each node, the most minutes spent in its episode before it is
    entered (a node's own minutes count before its arrival check, as in the engine).
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
    arrivals: list[str] = []
    for node_id in reversed(order):  # topological: every node before what it leads to
        node = nodes[node_id]
        episode = node.episode
        if node.arrive:
            arrivals.append(node_id)
        spent = most.setdefault(node_id, 0) + node.minutes
        if spent > longest.setdefault(episode, 0):
            longest[episode] = spent
        for target_id, _, minutes, leaves in ways[node_id]:
            if leaves:
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
    for node_id in arrivals:
        node = nodes[node_id]
        ep = scenario.episode_by_id[node.episode]
        if ep.appointment is not None:
            out[node_id] = late_points(scenario, start[ep.id] + most.get(node_id, 0) + node.minutes - ep.appointment)
    return out
