"""The benchmark scenario generator writes valid, deterministic scenarios of the size asked for."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import PROJECT

from simulator.scenario import Severity, load_scenario

sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate


def test_generated_scenarios_load_cleanly(tmp_path: Path):
    """A generated scenario loads with no errors or warnings and has about the nodes asked for."""
    result = load_scenario(generate(tmp_path / "g", nodes=600, seed=4))
    assert result.scenario is not None, [d.render() for d in result.errors[:5]]
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO]
    assert 500 <= len(result.scenario.nodes) <= 600
    kinds = {n.ending.kind for n in result.scenario.nodes.values() if n.ending is not None}
    assert kinds == {"enabler", "mixed", "barrier"}


def test_generation_is_deterministic(tmp_path: Path):
    """The same size and seed write the same files; another seed writes different ones."""
    a, b, c = (generate(tmp_path / n, nodes=300, seed=s) for n, s in (("a", 1), ("b", 1), ("c", 2)))
    files = sorted(p.relative_to(a) for p in a.rglob("*.yaml"))
    assert files == sorted(p.relative_to(b) for p in b.rglob("*.yaml"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert any((a / f).read_bytes() != (c / f).read_bytes() for f in files if f.name != "scenario.yaml")
