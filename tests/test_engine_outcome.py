"""play_out, the spread's playthrough played for its outcome only, ends exactly where play_random's does."""

from __future__ import annotations

import dataclasses
import random
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, PROJECT
from hypothesis import HealthCheck, given, settings
from scenario_strategy import Generated, scenarios

from simulator.analysis.spread import play_random
from simulator.engine import lanes, outcome, rng
from simulator.engine.outcome import Pending, _settled, _settled_from, play_out, reads_score
from simulator.engine.plan import plan_of
from simulator.engine.state import State
from simulator.scenario import load_scenario
from simulator.scenario.conditions import Condition, refs
from simulator.scenario.model import Scenario

CASES = ("scenarios/harris-family", "scenarios/jay-residential", "scenarios/campbell-care-act", "docs/examples/small-visit", "tests/fixtures/adult")
SEEDS = (*range(40), 2**32 + 5, 2**64 - 1, 2**70 + 3, -7)


def _load(path: str | Path) -> Scenario:
    result = load_scenario(PROJECT / path)
    assert result.scenario is not None
    return result.scenario


@pytest.fixture(scope="module", params=CASES)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return _load(request.param)


def _outcome(state: State) -> dict[str, Any]:
    """Everything about where a playthrough stands but what only a host draws (steps, stage, moods)."""
    d = state.to_dict()
    for drawn in ("steps", "stage", "moods"):
        del d[drawn]
    return d


def _agree(scenario: Scenario, seeds: tuple[int, ...], policies: tuple[str, ...]) -> None:
    for name in policies:
        for seed in seeds:
            played = play_random(scenario, seed, name, keep_steps=False).state
            assert _outcome(play_out(scenario, seed, name)) == _outcome(played), f"{name} seed {seed}"


def test_play_out_ends_where_play_random_does(scenario: Scenario):
    """For every policy and seed (huge and negative ones too), play_out's state is play_random's: node, clock, scores, trust, flags, choices, trail, generator."""
    _agree(scenario, SEEDS, ("random", "enabler", "barrier"))


def test_play_out_leaves_out_only_what_is_drawn():
    """The state it returns has no steps, stage or moods, and a last-effects dict of its own (never the one shared between playthroughs)."""
    harris = _load("scenarios/harris-family")
    first, second = play_out(harris, 1), play_out(harris, 1)
    assert first.steps == [] and first.stage is None and first.stage_in is None and first.moods == {} and first.moods_in is None
    assert first.last_effects == second.last_effects and first.last_effects is not second.last_effects


def test_the_shortcuts_keep_the_stage_where_an_arrival_reads_it():
    """In Harris, lateness costs the trust of whoever is in the room: arrivals keep their stage, and played without it some seeds end with other trust."""
    harris = _load("scenarios/harris-family")
    plan = plan_of(harris)
    cuts = plan.shortcuts()
    arrivals = {n.id for n in harris.nodes.values() if n.arrive and harris.episode_by_id[n.episode].appointment is not None}
    assert arrivals and arrivals <= cuts.staged and not arrivals & cuts.quiet and harris.start not in cuts.quiet
    for node_id in cuts.quiet:
        node = harris.nodes[node_id]
        assert not (node.flags or node.effects or node.trust or node.minutes or node.moods or node.arrive), node_id
    plan._shortcuts = replace(cuts, staged=frozenset())  # what leaving the stage out everywhere would do
    try:
        blind = [play_out(harris, seed).trust for seed in range(60)]
    finally:
        plan._shortcuts = cuts
    assert blind != [play_out(harris, seed).trust for seed in range(60)]


def _conditions_in(thing: object) -> list[Condition]:
    """Every condition anywhere inside a node or an episode, found by walking all their fields (not the ones reads_score names)."""
    found: list[Condition] = []
    todo = [thing]
    while todo:
        item = todo.pop()
        if isinstance(item, Condition):
            found.append(item)
        elif dataclasses.is_dataclass(item):
            todo.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, (tuple, list, frozenset, set)):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
    return found


def test_the_scores_are_written_in_before_every_condition_that_reads_one(scenario: Scenario):
    """reads_score names every node whose own conditions, or its episode's opening's, read a score (found by walking every field), and
    such a node is never entered the quiet way; in Harris the review's outcome reads the honesty score, and played with the scores
    written in only at the end some seeds end elsewhere."""
    records = plan_of(scenario).shortcuts()
    play_out(scenario, 0)
    for node in scenario.nodes.values():
        asked = _conditions_in(node) + _conditions_in(scenario.episode_by_id[node.episode])
        assert reads_score(node, scenario.episode_by_id[node.episode]) == any(any(r == "score" for r, _, _ in refs(c.tree)) for c in asked), node.id
        record = records.nodes.get(node.id)
        if record is not None and record[-1]:
            assert not record[1], f"{node.id} reads a score and is entered quietly"
    if scenario.id != "harris-family":
        return
    played = [play_out(scenario, seed).node for seed in range(200)]
    plan_of(scenario)._shortcuts = replace(records)  # new records, made as if no condition read a score
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(outcome, "reads_score", lambda node, episode: False)
            late = [play_out(scenario, seed).node for seed in range(200)]
    finally:
        plan_of(scenario)._shortcuts = records
    assert late != played


def test_pending_scores_add_up_as_one_by_one():
    """Pending.write gives what adding each effect to the scores one at a time gives, for gains and losses of any size the fields allow, in any order."""
    harris = _load("scenarios/harris-family")
    pack = Pending(harris)
    dims = harris.dimensions
    draw = random.Random(11)
    room = pack.half // 1000
    for _ in range(300):
        effects = [tuple((draw.choice(dims), draw.choice([draw.randint(-9, 9), draw.randint(-room, room)])) for _ in range(draw.randint(0, 5))) for _ in range(draw.randint(0, 40))]
        one_by_one = dict.fromkeys(dims, draw.randint(-50, 50))
        written = dict(one_by_one)
        pending = pack.bias
        for gained in effects:
            for dim, delta in gained:
                one_by_one[dim] += delta
            pending += pack.of(gained)
        pack.write(written, pending)
        assert written == one_by_one
    with pytest.raises(KeyError):
        pack.of((("no-such-dimension", 1),))


def test_trust_moved_off_the_table_is_kept_within_0_and_100(monkeypatch: pytest.MonkeyPatch):
    """Pending.clamp[value + delta - lowest] is value + delta kept within 0 to 100, for every trust a playthrough can hold (the cast's,
    50 for someone else, 0 to 100 once moved) and every move an option makes; worked out each time instead of listed, the same."""
    harris = _load("scenarios/harris-family")
    pack = Pending(harris)
    deltas = {delta for node in harris.nodes.values() for c in node.choices for _, delta in c.trust}
    assert deltas and isinstance(pack.clamp, tuple)
    held = {*range(101), 50, *(c.trust for c in harris.cast if c.trust is not None)}
    for value in held:
        for delta in deltas:
            assert pack.clamp[value + delta - pack.lowest] == min(100, max(0, value + delta)), (value, delta)
    monkeypatch.setattr(outcome, "CLAMP_TABLE", 0)
    plan_of(harris)._shortcuts = None  # records made again, with the clamp worked out each time
    _agree(harris, tuple(range(20)), ("random",))
    assert not isinstance(plan_of(harris).shortcuts().pending.clamp, tuple)


def test_options_that_share_an_order_still_see_the_shuffle():
    """A scenario built in code may leave every option's order at 0: the canonical paths then take the first on their path in the shuffled order, as play_random does."""
    scenario = _load("tests/fixtures/adult")
    for node_id, node in list(scenario.nodes.items()):
        if node.choices:  # every option `other`, in one order: which is taken is up to the shuffle
            scenario.nodes[node_id] = replace(node, choices=tuple(replace(c, order=0, path="other") for c in node.choices))
    assert any(plan_of(scenario).nodes[n].tied for n, node in scenario.nodes.items() if len(node.choices) > 1)
    _agree(scenario, tuple(range(30)), ("enabler", "barrier", "random"))


def test_an_unknown_policy_is_refused():
    """As play_random does: a policy name it does not know is a ValueError, not a silent random play."""
    with pytest.raises(ValueError, match="unknown policy"):
        play_out(_load("docs/examples/small-visit"), 0, "kindest")


def test_the_settled_place_is_the_shuffles():
    """_settled(items, at, seed) is rng.shuffled(items, rng.seed_state(seed))[at] for every length and place, from any seed."""
    for seed in [0, 1, 2, 7, 1234567, 2**63, 2**64 - 1, *range(100, 700, 7)]:
        for n in range(2, 10):
            items = list(range(n))
            order = rng.shuffled(items, rng.seed_state(seed))
            for at in range(n):
                assert _settled(items, at, seed) == order[at], (seed, n, at)


def test_the_place_settled_from_drawn_swaps_is_the_shuffles():
    """_settled_from(items, at, j, second, seed), given where the first swap took from and the second swap's output, is rng.shuffled(items, rng.seed_state(seed))[at] for every place but the last."""
    for seed in [0, 1, 7, 2**63, 2**64 - 1, *range(100, 700, 7)]:
        state = rng.seed_state(seed)
        first, second = rng.output(rng.next_state(state)), rng.output(rng.next_state(rng.next_state(state)))
        for n in range(2, 10):
            items = list(range(n))
            order = rng.shuffled(items, state)
            for at in range(n - 1):
                assert _settled_from(items, at, rng.index(first, n), second, seed) == order[at], (seed, n, at)


def test_outputs_drawn_in_lanes_are_the_generators():
    """lanes.picks gives the next 64 outputs of a generator, and Decisions.swaps each decision's first and second swap and the two seeds'
    generator states, as rng.output and rng.seed_state give them one at a time."""
    spread_out = random.Random(5).getrandbits
    for start in [0, 1, 2**64 - 1, *(spread_out(64) for _ in range(20))]:
        state, expected = start, []
        for _ in range(lanes.PICKS):
            state = rng.next_state(state)
            expected.append(rng.output(state))
        assert list(lanes.picks(start)[::2]) == expected
    salts = {f"n{i}": spread_out(32) for i in range(37)}
    decisions = lanes.Decisions(salts)
    for seed in [0, 5, 2**64 - 1, 2**70 + 3, -7]:
        shuffle_seed = (seed * rng.SHUFFLE_PRIME) & rng.MASK
        swaps = decisions.swaps(shuffle_seed, seed, seed ^ 0x5EED)
        assert (swaps[2 * decisions.count + 1], swaps[2 * decisions.count + 3]) == (rng.seed_state(seed), rng.seed_state(seed ^ 0x5EED))
        for lane, salt in enumerate(salts.values()):
            first = rng.next_state(rng.seed_state(shuffle_seed ^ salt))
            assert (swaps[2 * lane], swaps[2 * lane + 1]) == (rng.output(first), rng.output(rng.next_state(first))), (seed, lane)


def test_a_case_with_too_many_decisions_for_lanes_plays_the_same(monkeypatch: pytest.MonkeyPatch):
    """Past lanes.MOST decisions every shuffle is drawn where it is met, as Session draws it: the same playthroughs either way."""
    monkeypatch.setattr(lanes, "MOST", 2)
    harris = _load("scenarios/harris-family")
    _agree(harris, tuple(range(15)), ("random",))
    assert plan_of(harris).decisions().count == 0  # it did play without lanes


def test_draws_made_a_few_at_a_time_play_the_same(monkeypatch: pytest.MonkeyPatch):
    """The random policy's draws made 3 or 7 at a time (not 64, more than a Harris playthrough takes) give the same playthroughs: each batch carries on where the last ended."""
    harris = _load("scenarios/harris-family")
    for count in (3, 7):
        monkeypatch.setattr(lanes, "PICKS", count)
        _agree(harris, tuple(range(8)), ("random",))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios())
def test_play_out_agrees_on_generated_scenarios(generated: Generated):
    """On random valid scenarios of any shape (routes, chance, conditions, appointments, milestones), play_out ends as play_random does."""
    with tempfile.TemporaryDirectory(prefix="doorstep-outcome-") as tmp:
        scenario = load_scenario(generated.write(Path(tmp))).scenario
    assert scenario is not None
    _agree(scenario, tuple(range(10)), ("random", "enabler", "barrier"))


def test_the_adult_fixture_spreads_the_same_either_way():
    """A whole spread (counts, first seeds, ranges) from play_out is what play_random's states give."""
    from simulator.analysis.spread import spread

    adult = _load(FIXTURES / "adult")
    result = spread(adult, 80, workers=1)
    ends: dict[str, int] = {}
    for seed in range(80):
        node = play_random(adult, seed, keep_steps=False).state.node
        ends[node] = ends.get(node, 0) + 1
    assert {e.node: e.count for e in result.endings if e.count} == ends
