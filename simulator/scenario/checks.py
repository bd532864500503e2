"""Whole-scenario checks on the built model: graph shape and the calendar.

These run after every reference is known to resolve, and after any loop with a
way out is unrolled into rounds (:mod:`simulator.scenario.loops`, G507 for a
loop without one): unreachable nodes, whether
any ending can be reached, episodes out of calendar order, and statutory
milestones scheduled after their due dates.
"""

from __future__ import annotations

from collections import Counter

from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.model import Loc, Scenario


def _at(loc: Loc | None) -> tuple[str, tuple[int, int] | None]:
    if loc is None:
        return "", None
    return loc.file, (loc.line, loc.col)


def reachable(scenario: Scenario, start: str | None = None) -> set[str]:
    """Every node that some sequence of choices and routes can reach."""
    first = start or scenario.start
    seen = {first}
    todo = [first]
    nodes = scenario.nodes
    while todo:
        for nxt in nodes[todo.pop()].successors():
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def story_order(scenario: Scenario) -> list[str]:
    """The reachable nodes, each after every node that leads to it (the graph has no loops)."""
    live = reachable(scenario)
    indegree = dict.fromkeys(live, 0)
    for n in live:
        for nxt in scenario.nodes[n].successors():
            indegree[nxt] += 1
    ready = [n for n in live if indegree[n] == 0]
    out: list[str] = []
    while ready:
        n = ready.pop()
        out.append(n)
        for nxt in scenario.nodes[n].successors():
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return out


def find_cycle(scenario: Scenario) -> list[str] | None:
    """One loop in the story graph as a list of node ids, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    nodes = scenario.nodes
    colour = dict.fromkeys(nodes, WHITE)
    for root in nodes:
        if colour[root] != WHITE:
            continue
        # Each frame keeps its node's successors, worked out once per node rather than once per step.
        stack: list[tuple[str, tuple[str, ...], int]] = [(root, nodes[root].successors(), 0)]
        path: list[str] = [root]
        colour[root] = GREY
        while stack:
            node, succ, i = stack[-1]
            if i < len(succ):
                stack[-1] = (node, succ, i + 1)
                nxt = succ[i]
                if colour[nxt] == GREY:
                    return [*path[path.index(nxt):], nxt]
                if colour[nxt] == WHITE:
                    colour[nxt] = GREY
                    stack.append((nxt, nodes[nxt].successors(), 0))
                    path.append(nxt)
            else:
                colour[node] = BLACK
                stack.pop()
                path.pop()
    return None


def check(scenario: Scenario) -> list[Diagnostic]:
    """Graph and calendar diagnostics for a built scenario."""
    diags: list[Diagnostic] = []
    seen = reachable(scenario)
    # A whole episode nothing reaches (an ending placed too early) is one warning at the episode, not one per node.
    reached = {scenario.nodes[i].episode for i in seen if i in scenario.nodes}
    lost = {ep.id for ep in scenario.episodes} - reached
    sizes = Counter(n.episode for n in scenario.nodes.values()) if lost else Counter[str]()
    for ep in scenario.episodes:
        if ep.id in lost:
            file, pos = _at(ep.loc)
            count = sizes[ep.id]
            diags.append(make("G501", f"episode `{ep.id}` can never be reached: nothing leads into it, so none of its {count} nodes is played", file, pos))
    for node_id, node in scenario.nodes.items():
        if node_id not in seen and node.episode not in lost:
            file, pos = _at(node.loc)
            diags.append(make("G501", f"node `{node.local_id}` of episode `{node.episode}` can never be reached", file, pos))
    if not any(scenario.nodes[n].ending is not None for n in seen):
        file, pos = _at(scenario.episodes[0].loc)
        diags.append(make("G503", "no ending can be reached from the start; add a node with `ending:`", file, pos))
    previous = None
    for ep in scenario.episodes:
        if previous is not None and ep.day < previous.day:
            file, pos = _at(ep.loc)
            diags.append(
                make(
                    "G504",
                    f"episode `{ep.id}` is on day {ep.day}, before `{previous.id}` (day {previous.day}), yet comes after it in the calendar",
                    file,
                    pos,
                    "order `episodes:` by day, or correct the day",
                )
            )
        elif previous is not None and ep.day == previous.day and ep.time < previous.time:
            # One day told in hours (a night shift): the clock would go back. Past midnight is the next day, not 25:00.
            file, pos = _at(ep.loc)
            small_hours = f"a time after midnight is on the next day: `day: {ep.day + 1}`; or " if ep.time < SMALL_HOURS and previous.time >= NOON else ""
            diags.append(make("G504", f"episode `{ep.id}` starts at {_hhmm(ep.time)} on day {ep.day}, before `{previous.id}` ({_hhmm(previous.time)} that day), yet comes after it in the calendar", file, pos,
                              f"{small_hours}order `episodes:` by day and time, or correct the time"))
        previous = ep
    diags.extend(_milestones(scenario))
    return diags


SMALL_HOURS, NOON = 6 * 60, 12 * 60  # before six after an afternoon or evening: most likely the night after, written on the same day


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _held_twice(scenario: Scenario) -> list[Diagnostic]:
    """G514: a later episode holding a milestone an earlier one on the same route already held.

    Alternatives are fine (the conference on day 15 on one route, day 20 on another): only an episode the
    earlier one's start can lead to is named, since a playthrough would then hold the milestone twice.
    """
    holders: dict[str, list[str]] = {}
    for ep in scenario.episodes:
        if ep.milestone:
            holders.setdefault(ep.milestone, []).append(ep.id)
    out: list[Diagnostic] = []
    by_id = {ep.id: ep for ep in scenario.episodes}
    for milestone, eps in holders.items():
        if len(eps) < 2:
            continue
        named: set[str] = set()
        for i, first in enumerate(eps):
            ahead = {scenario.nodes[n].episode for n in reachable(scenario, by_id[first].start) if n in scenario.nodes}
            for later in eps[i + 1 :]:
                if later in ahead and later not in named:
                    named.add(later)
                    ep = by_id[later]
                    file, pos = _at(ep.loc)
                    label = scenario.milestone_by_id[milestone].label if milestone in scenario.milestone_by_id else milestone
                    out.append(
                        make(
                            "G514",
                            f"episode `{later}` holds `{milestone}` ({label}), which `{first}` (day {by_id[first].day}) already held on the same route: "
                            f"holding it again moves its date to day {ep.day}, so milestones counted from it move too, and a late holding loses points again",
                            file,
                            pos,
                            suggestion="a second holding is a new step: give it its own milestone (`review-2`, due after the first), or take `milestone:` off this episode",
                        )
                    )
    return out


def _milestones(scenario: Scenario) -> list[Diagnostic]:
    held: dict[str, int] = {}
    where: dict[str, Loc | None] = {}
    for ep in scenario.episodes:
        if ep.milestone and (ep.milestone not in held or ep.day < held[ep.milestone]):
            held[ep.milestone] = ep.day
            where[ep.milestone] = ep.loc
    out: list[Diagnostic] = _held_twice(scenario)
    cal = scenario.calendar
    for ms in scenario.milestones:
        after = ms.after
        if ms.id in held and after is not None and after in scenario.milestone_by_id and held.get(after, held[ms.id] + 1) > held[ms.id]:
            # Counted from a milestone held only after it (or never): when it is held, there is nothing to count from yet.
            file, pos = _at(where[ms.id])
            later = f"`{after}` is held only later, on day {held[after]}" if after in held else f"no episode holds `{after}`"
            out.append(
                make(
                    "G513",
                    f"{ms.label} (day {held[ms.id]}) is due {scenario.rule_of(ms.id)}, but {later}, so its due date never applies",
                    file,
                    pos,
                    suggestion="count it from a milestone held before it, or from `referral`, day 0",
                )
            )
            continue
        base = ms.base_day(held, scenario.milestone_by_id)
        if ms.id not in held or base is None:
            continue
        if ms.working_days is not None:
            due = base + ms.working_days
        elif ms.months is not None:
            due = cal.months_after(base, ms.months)
        else:
            continue
        if held[ms.id] > due:
            file, pos = _at(where[ms.id])
            out.append(
                make(
                    "G510",
                    f"{ms.label} is scheduled on day {held[ms.id]} ({cal.date_of(held[ms.id]):%d %b %Y}), "
                    f"after its due date, day {due} ({cal.date_of(due):%d %b %Y}: {scenario.rule_of(ms.id)})",
                    file,
                    pos,
                )
            )
    return out
