"""The most the case clock can take from a score: lateness on arrival and milestones held late.

The score bounds (:mod:`simulator.analysis.bounds`) count what the clock does
by itself as the engine counts it. Both questions here are answered from
the story graph and the calendar alone, whatever the choices:

- at an ``arrive`` node of an episode with an appointment, the punctuality
  rule's penalty can run from none to what the longest way there could
  cost: the most minutes any path inside the episode can spend before that
  arrival (choice and node minutes) set against the appointment. Where the clock may not start at the
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
from itertools import chain, repeat
from operator import attrgetter

from simulator.scenario.model import REFERRAL, Node, Scenario

Reached = tuple[str, Node, tuple[str, ...], bool]
"""A node the story can reach, as :mod:`simulator.analysis.bounds` finds it: (its id, the node, where its ways out lead, whether all of them stay in its episode)."""

minutes_of = attrgetter("minutes")
_days = attrgetter("days")
_choices = attrgetter("choices")


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


def worst_lateness(scenario: Scenario, order: Sequence[Reached]) -> dict[str, int]:
    """For each scored arrival, the most punctuality points any way there can lose.

    ``order`` has every node the story can reach, each after everything it
    leads to. Forwards over the nodes that can lead to an arrival, the most
    minutes spent in the episode before each is entered (a node's own
    minutes count before its arrival check, as in the engine). Where an
    episode's clock may start late, the most minutes each earlier episode
    can take (:func:`_longest`), in calendar order, until arrivals that
    late would lose the most points anyway.
    """
    rules = scenario.rules
    if not rules.punctuality_dimension or rules.max_points <= 0:
        return {}
    nodes = scenario.nodes
    episodes = scenario.episode_by_id
    uncertain = _uncertain(scenario)
    timed: set[str] = set()  # episodes with an appointment one of whose arrivals is in the tail
    tail: list[Reached] = []  # from each timed episode's first arrival in ``order`` on: nothing before it leads to one
    kept: dict[str, list[Reached]] = {}  # where some clock may start late: each episode's nodes, in ``order``
    for reached in order:
        node = reached[1]
        if uncertain:
            kept.setdefault(node.episode, []).append(reached)
        if node.episode in timed:
            tail.append(reached)
        elif node.arrive and episodes[node.episode].appointment is not None:
            timed.add(node.episode)
            tail.append(reached)
    if not timed:
        return {}
    most: dict[str, int] = {}
    arrivals: list[tuple[str, Node]] = []
    for node_id, node, targets, within in reversed(tail):  # topological: every node before what it leads to
        episode = node.episode
        if node.arrive:
            arrivals.append((node_id, node))
        spent = most.get(node_id, 0) + node.minutes
        if targets and node.choices:  # the targets are where the choices lead, each spending its own minutes
            for choice in node.choices:
                target_id, m = choice.next, spent + choice.minutes
                if (within or nodes[target_id].episode == episode) and m > most.get(target_id, -1):
                    most[target_id] = m
        else:
            for target_id in targets:
                if (within or nodes[target_id].episode == episode) and spent > most.get(target_id, -1):
                    most[target_id] = spent
    # The latest the clock can read on entering each episode, in calendar order. An episode's end matters only to a
    # later one whose start is uncertain and which has a scored arrival, and not once even the one of those with the
    # latest appointment would be late enough to lose the most points there (lateness only grows from there on).
    calendar = scenario.episodes
    latest_appointment: list[int | None] = []  # for each episode, the latest such appointment after it
    appointment: int | None = None
    for ep in reversed(calendar):
        latest_appointment.append(appointment)
        if ep.id in uncertain and ep.id in timed and (appointment is None or (ep.appointment or 0) > appointment):
            appointment = ep.appointment
    latest_appointment.reverse()
    start: dict[str, int] = {}
    latest_end = 0
    for ep, later in zip(calendar, latest_appointment, strict=True):
        start[ep.id] = max(ep.time, latest_end) if ep.id in uncertain else ep.time
        if later is not None and late_points(scenario, latest_end - later) < rules.max_points:
            latest_end = max(latest_end, start[ep.id] + _longest(kept.get(ep.id, ()), nodes))
    out: dict[str, int] = {}
    for node_id, node in arrivals:
        ep = episodes[node.episode]
        if ep.appointment is not None:
            out[node_id] = late_points(scenario, start[ep.id] + most.get(node_id, 0) + node.minutes - ep.appointment)
    return out


def _longest(inside: Sequence[Reached], nodes: Mapping[str, Node]) -> int:
    """The most minutes any path can spend in an episode, given its nodes each after everything it leads to.

    Minutes are never negative (the schema's minimum), so that is the most
    any of its nodes can still spend from entering it: its own minutes and
    the most over its ways on (a way out of the episode spends only its own).
    """
    ahead: dict[str, int] = {}
    for node_id, node, targets, within in inside:
        further = 0  # plain loops: quicker than max() over a few
        if not targets:
            pass
        elif not within:
            minutes = map(minutes_of, node.choices) if node.choices else repeat(0)
            for target_id, m in zip(targets, minutes, strict=False):
                if nodes[target_id].episode == node.episode:
                    m += ahead[target_id]
                if m > further:
                    further = m
        elif node.choices:  # the targets are where the choices lead
            for choice in node.choices:
                m = choice.minutes + ahead[choice.next]
                if m > further:
                    further = m
        else:
            for target_id in targets:
                if ahead[target_id] > further:
                    further = ahead[target_id]
        ahead[node_id] = node.minutes + further
    return max(ahead.values(), default=0)


def _uncertain(scenario: Scenario) -> set[str]:
    """Episodes whose clock may start later than their own time: an earlier episode can end on the same day, one dated
    that day, or one whose postponements (``days:``) can reach it."""
    uncertain: set[str] = set()
    seen_days: set[int] = set()
    reach = -1  # the latest day earlier postponements could push the calendar to
    pushed = 0
    days: dict[str, int] = {}  # the days every choice of an episode could postpone by, together
    nodes = scenario.nodes
    for c in filter(_days, chain.from_iterable(map(_choices, nodes.values()))):  # the few that postpone
        episode = nodes[c.node].episode
        days[episode] = days.get(episode, 0) + c.days
    for ep in scenario.episodes:
        if ep.day in seen_days or ep.day <= reach:
            uncertain.add(ep.id)
        seen_days.add(ep.day)
        pushed += days.get(ep.id, 0)
        if pushed:
            reach = max(reach, ep.day + pushed)
    return uncertain
