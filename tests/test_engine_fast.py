"""The engine's fast paths give what the plain code gives: the shuffle, the stage memo, node plans, and play without kept steps."""

from __future__ import annotations

import gc
import tempfile
import weakref
import zlib
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import FIXTURES, PROJECT
from hypothesis import HealthCheck, given, settings
from scenario_strategy import Generated, scenarios

from simulator.analysis.spread import play_random
from simulator.engine import rng
from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.autoplay import policy
from simulator.engine.plan import plan_of
from simulator.engine.session import Session, SessionError
from simulator.engine.stage import Stage, StageMemo, apply, opening
from simulator.scenario import load_scenario
from simulator.scenario.model import Choice, Scenario
from simulator.scenario.staging import Directions, Placing

T = TypeVar("T")
CASES = ("scenarios/harris-family", "scenarios/jay-residential", "scenarios/campbell-care-act", "docs/examples/small-visit")


def _load(path: str) -> Scenario:
    result = load_scenario(PROJECT / path)
    assert result.scenario is not None
    return result.scenario


@pytest.fixture(scope="module", params=CASES)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return _load(request.param)


def textbook_shuffle(items: list[T], state: int) -> list[T]:
    """Fisher-Yates as first written: swap item i (from the last down) with int(roll * (i + 1)), one draw each."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        roll, state = rng.draw(state)
        j = int(roll * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def test_the_inlined_shuffle_is_the_textbook_one():
    """rng.shuffled, with the draw written out, orders every length the same as one rng.draw per swap, from any state."""
    for seed in [0, 1, 2, 7, 1234567, 2**63, 2**64 - 1, *range(100, 400, 7)]:
        state = rng.seed_state(seed)
        for n in range(9):
            items = list(range(n))
            assert rng.shuffled(items, state) == textbook_shuffle(items, state)
            assert items == list(range(n))  # the input is left alone


def test_the_random_policy_picks_as_first_written():
    """seeded_random, with its draws made in batches (lanes.more) and the place read off rng.steps, picks what one rng.draw and int(roll * n) pick, for any seed and any number of options, past the first batch of draws."""
    for seed in [0, 1, 5, 2**63, 2**64 - 1, -3, *range(1000, 1300, 11)]:
        pick = policy("random", seed)
        state = rng.seed_state(seed ^ 0x5EED)
        for n in [1, 2, 3, 4, 5, 9, 40, 3, 2, 1, 17] * 13:
            options = list(range(n))
            roll, state = rng.draw(state)
            assert pick(options) == int(roll * n), (seed, n)  # type: ignore[arg-type]


def test_the_shuffle_in_place_is_the_copying_one():
    """rng.shuffle orders the list it is given, and returns it, as rng.shuffled orders a copy."""
    for seed in range(50):
        state = rng.seed_state(seed)
        for n in range(8):
            items = list(range(n))
            assert rng.shuffle(items, state) is items
            assert items == rng.shuffled(range(n), state) == textbook_shuffle(list(range(n)), state)


def test_a_place_read_off_the_steps_is_the_float_sums():
    """rng.index(output, n) is int((output >> 11) / TWO_53 * n), the draw as first written, at every step, just below it, at the ends and at spread-out outputs, for n up to 40."""
    import random

    spread_out = random.Random(10).getrandbits
    for n in range(1, 41):
        float_sum = [int((w >> 11) / rng.TWO_53 * n) for w in (0, rng.MASK)]
        assert [rng.index(0, n), rng.index(rng.MASK, n)] == float_sum == [0, n - 1]
        for step in rng.steps(n):
            for w in (step - 1, step, step + 2047, step + 2048):  # outputs sharing the step's top 53 bits, and the next
                assert rng.index(w, n) == int((w >> 11) / rng.TWO_53 * n), (n, w)
        for _ in range(200):
            w = spread_out(64)
            assert rng.index(w, n) == int((w >> 11) / rng.TWO_53 * n), (n, w)


def _plain_choices(session: Session) -> list[Choice]:
    """The options offered now, by the rule as first written: no plan, the textbook shuffle."""
    s = session.state
    node = session.node
    offered = [c for c in node.choices if not c.otherwise and (c.when is None or c.when(s))]
    if not offered:
        offered = [c for c in node.choices if c.otherwise]
    if len(offered) > 1 and not node.keep_order:
        offered = textbook_shuffle(offered, rng.seed_state((s.seed * 0x100000001B3) ^ zlib.crc32(node.id.encode("utf-8"))))
    return offered


def _plain_stages(scenario: Scenario, session: Session, entered: list[str], before: Stage | None, episode: str) -> tuple[Stage, Stage]:
    """The stage on entering the last of ``entered`` and at its end, by plain apply() from ``before``, with no memo or plan.

    Nodes passed through on the way (routes, wordless nodes) have no lines, so only their own directions count.
    """
    s = session.state
    holds = session.holds
    stage = before
    base = before
    for node_id in entered:
        node = scenario.nodes[node_id]
        ep = scenario.episode_by_id[node.episode]
        base = stage if stage is not None and node.episode == episode and ep.carries_stage else opening(ep.location, ep.opening, holds)
        episode = node.episode
        stage = apply(base, node.stage, holds)
        for line in node.lines:
            if line.when is None or line.when(s):
                stage = apply(stage, line.stage, holds)
    assert base is not None and stage is not None
    return base, stage


def test_memoised_stages_and_planned_options_are_what_plain_code_makes(scenario: Scenario):
    """At every step of seeded plays, the options offered are the plain rule's (in the textbook shuffle's order) and the stage as the node was entered and as it ends is what apply() makes, with no plan or memo."""
    _check_stages(scenario, seeds=6)


def _check_stages(scenario: Scenario, seeds: int) -> None:
    for seed in range(seeds):
        session = Session.start(scenario, seed)
        pick = policy("random", seed)
        before: Stage | None = None
        episode = ""
        seen = 0
        while True:
            s = session.state
            entered, left = _plain_stages(scenario, session, s.trail[seen:], before, episode)
            assert (s.stage_in, s.stage) == (entered, left), f"seed {seed} at {s.node}"
            assert session.choices == _plain_choices(session), f"seed {seed} at {s.node}"
            if session.finished:
                break
            before, episode, seen = s.stage, s.episode, len(s.trail)
            offered = session.choices
            session.act(Choose(pick(offered).id) if offered else CONTINUE)


def test_options_shuffled_from_swaps_drawn_at_once_are_in_the_textbook_order():
    """From a playthrough's LANES_FROM-th shuffle on, two or three options are ordered by every decision's first two swaps drawn at
    once for the seed (four or more as before), in the textbook shuffle's order, for any seed; a copy draws its own."""
    harris = _load("scenarios/harris-family")
    for seed in [0, 3, 2**64 - 1, 2**70 + 3, -7]:
        session = Session.start(harris, seed)
        pick = policy("random", seed)
        shown = 0
        while not session.finished:
            offered = session.choices
            assert offered == _plain_choices(session), f"seed {seed} at {session.state.node}"
            shown += len(offered) > 1
            if shown == 9:
                assert session.copy().choices == offered
            session.act(Choose(pick(offered).id) if offered else CONTINUE)
        assert session._swaps is not None  # it did draw them at once


def test_the_memo_shares_stages_but_reads_conditions_every_time():
    """Unconditional directions give one shared stage per (stage, directions); a placing with a condition is applied afresh, as the state says."""
    harris = _load("scenarios/harris-family")
    some = next(n for n in harris.nodes.values() if n.stage.enter or n.stage.present)
    memo = StageMemo()
    base = memo.keep(Stage("kitchen"))
    first = memo.apply(base, some.stage, True, lambda c: True)
    assert first == apply(Stage("kitchen"), some.stage, lambda c: True)
    assert memo.apply(base, some.stage, True, lambda c: True) is first
    assert memo.apply(Stage("kitchen"), some.stage, True, lambda c: True) == first  # an equal stage not the memo's own: same value
    condition = next(c.when for c in harris.choice_by_id.values() if c.when is not None)
    directions = Directions(enter=(Placing("fiona", when=condition),))
    held = memo.apply(base, directions, False, lambda c: True)
    not_held = memo.apply(base, directions, False, lambda c: False)
    assert held.has("fiona") and not not_held.has("fiona")


def test_a_scenario_and_its_plan_are_freed_together():
    """The plan kept for a scenario does not keep the scenario alive (a window that loads case after case does not grow)."""
    scenario = _load("docs/examples/small-visit")
    play_random(scenario, 0)
    assert plan_of(scenario).nodes
    ref = weakref.ref(scenario)
    del scenario
    gc.collect()
    assert ref() is None


def test_play_without_kept_steps_ends_exactly_as_play_with_them(scenario: Scenario):
    """Session.advance (what the spread uses) reaches the same state as Session.act for every policy and seed, only without the steps."""
    for name in ("random", "enabler", "barrier"):
        for seed in range(12):
            kept = play_random(scenario, seed, name).state.to_dict()
            lean = play_random(scenario, seed, name, keep_steps=False).state.to_dict()
            assert kept.pop("steps") and lean.pop("steps") == []
            assert lean == kept, f"{name} seed {seed}"


def test_a_playthrough_moved_on_without_its_steps_cannot_be_saved():
    """A save replays actions, so a session moved on by advance() refuses to make one (and so does its copy) instead of saving a wrong history."""
    adult = load_scenario(FIXTURES / "adult").scenario
    assert adult is not None
    session = play_random(adult, 3, keep_steps=False)
    with pytest.raises(SessionError, match="cannot be saved"):
        session.save()
    with pytest.raises(SessionError, match="cannot be saved"):
        session.copy().save()
    assert play_random(adult, 3).save().actions


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios())
def test_fast_paths_agree_with_plain_play_on_generated_scenarios(generated: Generated):
    """On random valid scenarios of any shape: play without kept steps ends as play with them, and options and stages are what plain code makes."""
    with tempfile.TemporaryDirectory(prefix="doorstep-fast-") as tmp:
        scenario = load_scenario(generated.write(Path(tmp))).scenario
    assert scenario is not None
    for seed in range(8):
        for name in ("random", "enabler"):
            kept = play_random(scenario, seed, name).state.to_dict()
            lean = play_random(scenario, seed, name, keep_steps=False).state.to_dict()
            del kept["steps"], lean["steps"]
            assert lean == kept, f"{name} seed {seed}"
    _check_stages(scenario, seeds=4)
