"""Long records: a report's work grows with the record's steps, never with their square, and a record longer than
any playthrough can be is refused in one line before any work is done on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import materialize

from simulator.analysis.paths import Trace
from simulator.cli import main
from simulator.records.record import MAX_STEPS, RecordError, check_record
from simulator.report.debrief import build_debrief
from simulator.scenario.budget import MAX_NODES


def _played(tmp_path: Path, scenario: Path) -> dict:
    target = tmp_path / "run.json"
    assert main(["play", str(scenario), "--text", "--auto", "enabler", "--record", str(target)]) == 0
    return json.loads(target.read_text(encoding="utf-8"))


def test_no_playthrough_has_more_steps_than_a_scenario_may_have_nodes():
    """A story never loops (G507), so a playthrough takes at most one step at each node: the budget's node limit bounds a record."""
    assert MAX_STEPS == MAX_NODES
    step = {"node": "visit.desk", "choice": "go-now"}
    check_record({"format": 1, "scenario": "mini", "seed": 0, "steps": [step] * MAX_STEPS})
    with pytest.raises(RecordError, match=f"the record has {MAX_STEPS + 1:,} steps, more than any playthrough can have"):
        check_record({"format": 1, "scenario": "mini", "seed": 0, "steps": [step] * (MAX_STEPS + 1)})


def test_report_refuses_a_record_longer_than_any_playthrough_in_one_line_before_loading_a_scenario(tmp_path: Path, capsys):
    """Told at once, whatever the scenario: before, it was loaded, replayed and rebuilt step by step (tens of seconds)."""
    record = tmp_path / "long.json"
    steps = [{"node": "visit.desk", "choice": "go-now"}] * (MAX_STEPS + 1)
    record.write_text(json.dumps({"format": 1, "kind": "doorstep-record", "scenario": "mini", "seed": 0, "steps": steps}), encoding="utf-8")
    missing = tmp_path / "no-such-case"
    assert main(["report", str(record), "--html", str(tmp_path / "r.html"), "--scenario", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{MAX_STEPS + 1:,} steps" in err and str(missing) not in err, err
    assert not (tmp_path / "r.html").exists()


def test_a_long_record_looks_up_each_episodes_day_once_not_once_a_decision(tmp_path: Path, monkeypatch):
    """The debrief dated every moment and every evidence item by walking the path's episodes again.

    A record rebuilt from its stored steps (the case changed since) has one snapshot for each run of steps
    in one episode, so interleaved episodes made that walk as long as the record: the square of its steps.
    """
    from simulator.scenario import load_scenario

    scenario_path = materialize(None, tmp_path)
    scenario = load_scenario(scenario_path).scenario
    assert scenario is not None
    record = _played(tmp_path, scenario_path)
    first, *_ = [s for s in record["steps"] if s["episode"] == "visit" and s["choice"]]
    elsewhere = dict(first, node="review.start", episode="review", choice=None)
    assert "review.start" in scenario.nodes
    record["steps"] = [first, elsewhere] * 150
    record.pop("ending", None)
    calls = 0
    original = Trace.episode

    def counted(self: Trace, episode_id: str):
        nonlocal calls
        calls += 1
        return original(self, episode_id)

    monkeypatch.setattr(Trace, "episode", counted)
    debrief = build_debrief(scenario, record)
    assert debrief.changed, "the interleaved record is rebuilt from its stored steps"
    assert debrief.decisions == 150 and len(debrief.episodes) == 300
    assert calls <= 2, f"Trace.episode was asked {calls} times for 150 decisions"


def test_cohort_names_a_record_longer_than_any_playthrough_among_those_it_skips(tmp_path: Path, capsys):
    scenario = materialize(None, tmp_path)
    record = _played(tmp_path, scenario)
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "fine.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "long.json").write_text(json.dumps(dict(record, steps=record["steps"][:1] * (MAX_STEPS + 1))), encoding="utf-8")
    capsys.readouterr()
    assert main(["cohort", str(folder), "--scenario", str(scenario), "--json", str(tmp_path / "c.json")]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "long.json" in err and f"{MAX_STEPS + 1:,} steps" in err, err
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["playthroughs"] == 1
