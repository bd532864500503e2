"""The score bounds are exactly what the plain dynamic programming gives, on any scenario, dead ends and loops included.

:func:`plain_bounds` is the bounds as they were computed before the pass
was tightened (main at 5432d5f): each node's ways out as (target, effects,
minutes), the effects worked out per way, a dictionary of None-or-interval
for the whole case and another for the episode, and lateness by a forward
pass over the same ways. :func:`~simulator.analysis.bounds.score_bounds`
must give the same :class:`Bounds`, figure for figure and in the same
order (ways in, endings), on the shipped cases, the fixtures, generated
cases and random valid scenarios, and on scenarios cut to leave dead ends
(nodes with no way on), which the loader never lets through but a scenario
built in code may have.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from operator import add
from pathlib import Path

import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_strategy import Generated, scenarios

from simulator.analysis.bounds import AnalysisError, Bounds, EndingReach, EpisodeBounds, Range, score_bounds
from simulator.analysis.clockcost import late_points, overdue_possible
from simulator.scenario import load_scenario
from simulator.scenario.model import Node, Scenario

Interval = tuple[int, ...]
Way = tuple[str, tuple[tuple[str, int], ...], int]


def _ways_out(node: Node) -> list[Way]:
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


def _order(scenario: Scenario) -> tuple[list[str], dict[str, list[Way]]]:
    nodes = scenario.nodes
    order: list[str] = []
    ways = {scenario.start: _ways_out(nodes[scenario.start])}
    state = {scenario.start: 1}
    stack: list[tuple[str, Iterator[Way]]] = [(scenario.start, reversed(ways[scenario.start]))]
    while stack:
        node_id, todo = stack[-1]
        for nxt, _, _ in todo:
            mark = state.get(nxt)
            if mark is None:
                state[nxt] = 1
                ways[nxt] = _ways_out(nodes[nxt])
                stack.append((nxt, reversed(ways[nxt])))
                break
            if mark == 1:
                raise AnalysisError(f"the story loops back to `{nxt}`; the graph must be acyclic")
        else:
            state[node_id] = 2
            order.append(node_id)
            stack.pop()
    return order, ways


def _worst_lateness(scenario: Scenario, order: list[str], ways: dict[str, list[Way]]) -> dict[str, int]:
    rules = scenario.rules
    if not rules.punctuality_dimension or rules.max_points <= 0:
        return {}
    nodes = scenario.nodes
    uncertain: set[str] = set()
    seen_days: set[int] = set()
    reach, pushed = -1, 0
    days: dict[str, int] = {}
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
    for node_id in reversed(order):
        node = nodes[node_id]
        spent = most.setdefault(node_id, 0) + node.minutes
        longest[node.episode] = max(longest.get(node.episode, 0), spent)
        for target_id, _, minutes in ways[node_id]:
            if nodes[target_id].episode != node.episode:
                most.setdefault(target_id, 0)
                longest[node.episode] = max(longest[node.episode], spent + minutes)
            elif spent + minutes > most.get(target_id, -1):
                most[target_id] = spent + minutes
    start: dict[str, int] = {}
    latest_end = 0
    for ep in scenario.episodes:
        start[ep.id] = max(ep.time, latest_end) if ep.id in uncertain else ep.time
        latest_end = max(latest_end, start[ep.id] + longest.get(ep.id, 0))
    out: dict[str, int] = {}
    for node_id in order:
        node = nodes[node_id]
        ep = scenario.episode_by_id[node.episode]
        if node.arrive and ep.appointment is not None:
            out[node_id] = late_points(scenario, start[ep.id] + most.get(node_id, 0) + node.minutes - ep.appointment)
    return out


def plain_bounds(scenario: Scenario) -> Bounds:
    dims = scenario.dimensions
    index = {d: i for i, d in enumerate(dims)}
    n = len(dims)
    nodes, rules = scenario.nodes, scenario.rules

    def vector(effects: tuple[tuple[str, int], ...]) -> Interval:
        out = [0] * (2 * n)
        for dim, delta in effects:
            if dim in index:
                out[index[dim]] += delta
                out[n + index[dim]] -= delta
        return tuple(out)

    def penalty(dim: str | None, points: int) -> Interval:
        out = [0] * (2 * n)
        if dim in index:
            out[index[dim]] = -points
        return tuple(out)

    def shift(a: Interval | None, b: Interval) -> Interval | None:
        return None if a is None else tuple(map(add, a, b))

    def widen(a: Interval | None, b: Interval | None) -> Interval | None:
        return b if a is None else a if b is None else tuple(map(min, a, b))

    overdue = overdue_possible(scenario)
    crossing = penalty(rules.overdue_dimension, rules.overdue_points) if rules.overdue_dimension in index else None
    order, ways = _order(scenario)
    worst_late = _worst_lateness(scenario, order, ways) if rules.punctuality_dimension in index else {}
    zero = (0,) * (2 * n)
    whole: dict[str, Interval | None] = {}
    local: dict[str, Interval | None] = {}
    entries: dict[str, list[str]] = {}
    for node_id in order:
        node = nodes[node_id]
        best_w = best_l = zero if node.ending is not None else None
        for target_id, effects, _ in ways[node_id]:
            rest, inner = whole[target_id], local[target_id]
            target_episode = nodes[target_id].episode
            if target_episode != node.episode:
                entries.setdefault(target_episode, []).append(target_id)
                if crossing is not None and target_episode in overdue:
                    rest = shift(rest, crossing)
                inner = zero
            best_w = widen(best_w, shift(rest, vector(effects)))
            best_l = widen(best_l, shift(inner, vector(effects)))
        late = worst_late.get(node_id, 0)
        for by in (vector(node.effects), penalty(rules.punctuality_dimension, late)):
            best_w, best_l = shift(best_w, by), shift(best_l, by)
        whole[node_id], local[node_id] = best_w, best_l

    def ranges(interval: Interval) -> tuple[tuple[str, Range], ...]:
        return tuple((d, Range(interval[i], -interval[n + i])) for i, d in enumerate(dims))

    entries.setdefault(nodes[scenario.start].episode, []).insert(0, scenario.start)
    per_episode = []
    for ep in scenario.episodes:
        ways_in = list(dict.fromkeys(entries.get(ep.id, ())))
        found = None
        for node_id in ways_in:
            inner = local[node_id]
            if inner is not None and crossing is not None and node_id != scenario.start and ep.id in overdue:
                inner = shift(inner, crossing)
            found = widen(found, inner)
        if found is not None:
            per_episode.append(EpisodeBounds(ep.id, tuple(ways_in), ranges(found)))
    endings = tuple(EndingReach(x.id, x.ending.kind, x.ending.title, x.id in whole) for x in nodes.values() if x.ending is not None)
    return Bounds(ranges(whole[scenario.start] or zero), tuple(per_episode), endings)


def _same(scenario: Scenario) -> None:
    try:
        expected = plain_bounds(scenario)
    except AnalysisError as plain:
        with pytest.raises(AnalysisError) as raised:
            score_bounds(scenario)
        assert str(raised.value) == str(plain)
        return
    assert score_bounds(scenario) == expected


def _load(folder: Path) -> Scenario:
    result = load_scenario(folder)
    assert result.scenario is not None, folder
    return result.scenario


@pytest.mark.parametrize(
    "case",
    ["scenarios/harris-family", "scenarios/jay-residential", "scenarios/campbell-care-act", "docs/examples/small-visit", "tests/fixtures/adult", "tests/fixtures/ward-to-home", "tests/fixtures/youth-justice"],
)
def test_the_shipped_cases_and_fixtures_are_bounded_as_plainly(case: str):
    _same(_load(PROJECT / case))


def test_generated_cases_are_bounded_as_plainly(tmp_path: Path):
    sys.path.insert(0, str(PROJECT / "bench"))
    from generate import generate

    for nodes, seed in ((300, 1), (300, 2), (1200, 3)):
        _same(_load(generate(tmp_path / f"gen{seed}", nodes=nodes, seed=seed)))


def _cut(scenario: Scenario, at: list[int], loop: bool) -> Scenario:
    """The scenario with the chosen nodes left with no way on (or, with ``loop``, the first one led back to the start)."""
    nodes = dict(scenario.nodes)
    ids = [i for i in nodes if nodes[i].ending is None]
    for k, pick in enumerate(at):
        node = nodes[ids[pick % len(ids)]]
        if loop and k == 0:
            nodes[node.id] = replace(node, choices=(), route=(), next=scenario.start)
        else:
            nodes[node.id] = replace(node, choices=(), route=(), next=None)
    return replace(scenario, nodes=nodes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios(), st.lists(st.integers(0, 10_000), max_size=4), st.booleans())
def test_random_scenarios_and_their_dead_ends_are_bounded_as_plainly(generated: Generated, cuts: list[int], loop: bool):
    """Random valid scenarios of any shape; then the same with nodes cut off (no ending reachable from them, or none
    from a whole episode onwards), and with a loop back to the start, which both refuse alike."""
    with tempfile.TemporaryDirectory(prefix="doorstep-bounds-") as tmp:
        scenario = _load(generated.write(Path(tmp)))
    _same(scenario)
    _same(_cut(scenario, cuts, loop))


def test_dead_ends_in_the_mini_case(mini):
    """Every single node of a small case cut off in turn: the bounds skip what reaches no ending, as plainly."""
    for k in range(len(mini.nodes)):
        _same(_cut(mini, [k], False))


def _scaled(scenario: Scenario, factor: int) -> Scenario:
    """The scenario with every effect (of a choice or a node) multiplied by ``factor``."""

    def times(effects: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
        return tuple((dim, delta * factor) for dim, delta in effects)

    nodes = {
        i: replace(n, effects=times(n.effects), choices=tuple(replace(c, effects=times(c.effects)) for c in n.choices))
        for i, n in scenario.nodes.items()
    }
    return replace(scenario, nodes=nodes)


@pytest.mark.parametrize("factor", [17, -40, 1_000_003])
@pytest.mark.parametrize("case", ["scenarios/harris-family", "tests/fixtures/youth-justice"])
def test_effects_far_larger_than_any_case_has_are_bounded_as_plainly(case: str, factor: int):
    """The pass packs each node's figures side by side, laid out first for effects of 16 points at most: a scenario
    built in code with larger ones is laid out again, wider, and bounded exactly as plainly."""
    _same(_scaled(_load(PROJECT / case), factor))


def _timed(scenario: Scenario, divisor: int) -> Scenario:
    """The scenario with every node's and choice's minutes divided by ``divisor`` (0: no minutes at all)."""

    def cut(minutes: int) -> int:
        return minutes // divisor if divisor else 0

    nodes = {
        i: replace(n, minutes=cut(n.minutes), choices=tuple(replace(c, minutes=cut(c.minutes)) for c in n.choices))
        for i, n in scenario.nodes.items()
    }
    return replace(scenario, nodes=nodes)


@pytest.mark.parametrize("divisor", [0, 20, 6, 3, 1])
def test_lateness_where_clocks_may_start_late_is_bounded_as_plainly(tmp_path: Path, divisor: int):
    """Generated cases whose postponements leave most episodes' clocks uncertain, with visits from no minutes at all (no
    one late) to their full length (arrivals losing the most points from early on, after which no episode's length
    matters): the lateness at each arrival, and so the bounds, as plainly."""
    sys.path.insert(0, str(PROJECT / "bench"))
    from generate import generate

    for nodes, seed in ((1200, 3), (2000, 1)):
        _same(_timed(_load(generate(tmp_path / f"gen{seed}", nodes=nodes, seed=seed)), divisor))
