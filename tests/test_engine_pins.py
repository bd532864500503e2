"""Same inputs, same results: seeded plays, spreads and analyses match the pins the unoptimised engine computed.

The pins (tests/engine_pins.json) were written by tests/engine_pins.py running
the engine as it was before it was made faster; every optimisation must leave
each seeded playthrough's steps, scores, trust and ending, each spread's
counts and each analysis exactly as they were.
"""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT
from engine_pins import CASES, PINS, PLAYS, SPREAD, digest, play, play_pin

from simulator.analysis import spread as spread_module
from simulator.analysis.overview import analyze
from simulator.analysis.overview import to_dict as overview_dict
from simulator.analysis.spread import spread
from simulator.analysis.spread import to_dict as spread_dict
from simulator.scenario import load_scenario
from simulator.scenario.model import Scenario

PINNED = json.loads(PINS.read_text(encoding="utf-8"))
HINT = "if the scenario's content changed on purpose, run `python tests/engine_pins.py` and read the diff"


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[str, Scenario]:
    result = load_scenario(PROJECT / request.param)
    assert result.scenario is not None
    return request.param, result.scenario


def test_seeded_plays_are_step_for_step_as_pinned(case: tuple[str, Scenario]) -> None:
    """Every pinned play (random, canonical with chance, with skips) takes the same actions to the same steps, state and ending."""
    name, scenario = case
    for policy, seed, skip in PLAYS:
        key = f"{policy} {seed} skip {skip}"
        assert play_pin(play(scenario, policy, seed, skip)) == PINNED[name]["plays"][key], f"{name} {key}: {HINT}"


def test_spreads_count_as_pinned(case: tuple[str, Scenario], monkeypatch: pytest.MonkeyPatch) -> None:
    """`analyze --spread 200 --policy P` finds the same counts, first seeds, ranges and quartiles, in one process and shared among workers."""
    name, scenario = case
    monkeypatch.setattr(spread_module, "PARALLEL_FROM", 0)  # so two workers really share the 200
    for policy, pinned in PINNED[name]["spreads"].items():
        for workers in (1, 2):
            whole = spread_dict(spread(scenario, SPREAD, policy=policy, workers=workers))
            endings = {e["node"]: [e["count"], e["first_seed"]] for e in whole["endings"]}
            assert endings == pinned["endings"], f"{name} {policy}: {HINT}"
            assert digest(whole) == pinned["digest"], f"{name} {policy}: ranges or quartiles differ; {HINT}"


def test_analysis_is_as_pinned(case: tuple[str, Scenario]) -> None:
    """The bounds, reachable endings and both canonical paths traced step by step are what the unoptimised analysis gave."""
    name, scenario = case
    whole = overview_dict(analyze(scenario))
    pinned = PINNED[name]["analysis"]
    assert {d: [r["low"], r["high"]] for d, r in whole["bounds"]["total"].items()} == pinned["bounds"], f"{name}: {HINT}"
    assert {e["node"]: e["reachable"] for e in whole["endings"]} == pinned["reachable"], f"{name}: {HINT}"
    assert digest(whole) == pinned["digest"], f"{name}: a canonical path or an episode's bounds differ; {HINT}"
