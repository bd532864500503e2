"""Random valid scenarios of every shape: validate clean, then every policy and a hundred seeds reach an ending, and every tool runs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from scenario_strategy import Generated, check_runnable, scenarios


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios())
def test_a_scenario_that_validates_clean_runs_everywhere(generated: Generated):
    """The invariant of issue 10 on a bounded slice (the long slice: make fuzz, bench/fuzz_scenarios.py)."""
    with tempfile.TemporaryDirectory(prefix="doorstep-gen-") as tmp:
        folder = generated.write(Path(tmp))
        kinds = check_runnable(folder, seeds=100)
    assert sum(kinds.values()) == 100
