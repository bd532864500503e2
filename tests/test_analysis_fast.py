"""The analysis's fast paths give what the plain code gives: canonical paths traced by order without drawing, the collector held."""

from __future__ import annotations

import contextlib
import gc
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_strategy import Generated, scenarios

from simulator import collector
from simulator.analysis.overview import analyze
from simulator.analysis.paths import CANONICAL, canonical_path, trace_policy
from simulator.cli import main
from simulator.engine.autoplay import prefer
from simulator.engine.session import Session
from simulator.scenario import load_scenario
from simulator.scenario.model import Choice, Scenario

CASES = ("scenarios/harris-family", "scenarios/jay-residential", "scenarios/campbell-care-act", "docs/examples/small-visit", "tests/fixtures/adult")


def _load(path: str | Path) -> Scenario:
    result = load_scenario(PROJECT / path)
    assert result.scenario is not None
    return result.scenario


def _same_as_shown(scenario: Scenario, seeds: range) -> None:
    """canonical_path (options as written, session undrawn) == the same policy traced from the shown, shuffled options of a drawn session."""
    for seed in seeds:
        for path in CANONICAL:
            shown = trace_policy(scenario, prefer(path), seed=seed, label=path)
            assert canonical_path(scenario, path, seed) == shown, f"{path} seed {seed}"


@pytest.mark.parametrize("case", CASES)
def test_canonical_paths_are_the_traces_of_the_shown_options(case: str):
    """Every step (choice, effects, trust, the clock's events and their words, the clock) is what a drawn session choosing among shuffled options gives."""
    _same_as_shown(_load(case), range(3))


def test_options_that_share_an_order_are_taken_in_the_shown_order():
    """Where options share an order (a scenario built in code), the canonical policy's pick depends on the shuffle, so the shown order is used."""
    scenario = _load("tests/fixtures/adult")
    for node_id, node in list(scenario.nodes.items()):
        if node.choices:
            scenario.nodes[node_id] = replace(node, choices=tuple(replace(c, order=0, path="other") for c in node.choices))
    _same_as_shown(scenario, range(6))


def test_an_undrawn_session_plays_and_steps_as_a_drawn_one():
    """Session.start(drawn=False) takes the same steps (clock, scores, trust, events) as a drawn session; only moods and the stage are left out."""
    harris = _load("scenarios/harris-family")
    from simulator.analysis.spread import play_random

    for seed in range(8):
        drawn = play_random(harris, seed)
        undrawn = Session.start(harris, seed, drawn=False)
        for action in drawn.save().actions:
            undrawn.act(action)
        assert undrawn.state.steps == drawn.state.steps
        assert (undrawn.state.node, undrawn.state.trust, undrawn.state.scores, undrawn.state.flags) == (drawn.state.node, drawn.state.trust, drawn.state.scores, drawn.state.flags)
        assert undrawn.copy()._drawn is False


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios())
def test_canonical_paths_agree_on_generated_scenarios(generated: Generated):
    """On random valid scenarios of any shape, tracing by order without drawing gives the shown-order trace."""
    with tempfile.TemporaryDirectory(prefix="doorstep-paths-") as tmp:
        scenario = load_scenario(generated.write(Path(tmp))).scenario
    assert scenario is not None
    _same_as_shown(scenario, range(3))


def test_what_a_settled_block_makes_is_kept_frozen():
    """collector.held(settled=True) freezes what the block made as it lets the collector go, so the next collection does
    not walk it; held() freezes nothing; either leaves the collector off when it was off."""
    gc.unfreeze()
    try:
        with collector.held():
            kept = [[i] for i in range(5000)]
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        with collector.held(settled=True):
            kept = [[i] for i in range(5000)]
        assert gc.get_freeze_count() >= 5000 and gc.isenabled()
        assert gc.get_count()[0] < 100  # nothing left for the young generation's next pass
        gc.disable()
        with collector.held(settled=True):
            kept.append([])
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_doorstep_analyze_keeps_its_analysis_frozen_with_the_scenario(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The command settles the scenario it loads, and asks for the analysis to be kept alike (collector.held(settled=True))."""
    asked: list[bool] = []
    held = collector.held

    def spy(settled: bool = False) -> contextlib.AbstractContextManager[None]:
        asked.append(settled)
        return held(settled)

    monkeypatch.setattr(collector, "held", spy)
    try:
        assert main(["analyze", str(PROJECT / "docs/examples/small-visit")]) == 0
    finally:
        gc.unfreeze()
    assert asked[0] is True and "Enabler path" in capsys.readouterr().out


def test_analysis_leaves_the_collector_as_it_found_it():
    """analyze() holds the cyclic collector off while it works and lets it go as it was: on stays on, off stays off."""
    small = _load("docs/examples/small-visit")
    assert gc.isenabled()
    analyze(small)
    assert gc.isenabled()
    gc.disable()
    try:
        analyze(small)
        assert not gc.isenabled()
    finally:
        gc.enable()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(("enabler", "barrier", "other", "mixed"))), min_size=1, max_size=6))
def test_prefer_picks_as_sorting_by_order_would(options: list[tuple[int, str]]):
    """prefer's one pass takes what a stable sort by order, then the first on the path (else `other`, else the first), takes: ties included."""
    choices = [Choice(id=f"c{i}", node="n", text="t", path=path, next="m", order=order) for i, (order, path) in enumerate(options)]
    ordered = sorted(choices, key=lambda c: c.order)
    for path in CANONICAL:
        expected = next((c for c in ordered if c.path == path), next((c for c in ordered if c.path == "other"), ordered[0]))
        assert prefer(path)(choices) is expected
