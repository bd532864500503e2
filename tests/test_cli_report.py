"""`doorstep report`, `analyze` and `graph`: files written, clean messages and exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, materialize

from simulator.cli import main


def _record(tmp_path: Path, scenario: Path, *extra: str) -> Path:
    target = tmp_path / "run.json"
    assert main(["play", str(scenario), "--text", "--auto", "random", "--seed", "3", "--record", str(target), *extra]) == 0
    return target


def test_report_writes_html_and_json(tmp_path: Path, capsys):
    """A record and its scenario give a self-contained HTML report and the same content as JSON."""
    scenario = materialize(None, tmp_path)
    record = _record(tmp_path, scenario)
    html, data = tmp_path / "out" / "report.html", tmp_path / "out" / "report.json"
    assert main(["report", str(record), "--html", str(html), "--json", str(data), "--scenario", str(scenario)]) == 0
    assert "Report written to" in capsys.readouterr().out
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "http" not in page
    content = json.loads(data.read_text(encoding="utf-8"))
    assert content["kind"] == "doorstep-debrief" and content["scenario"] == "mini"


def test_report_finds_the_scenario_by_the_records_id(tmp_path: Path, monkeypatch):
    """Without --scenario the report looks for scenarios/<id> under the scenarios folder."""
    scenario = materialize(None, tmp_path)
    record = _record(tmp_path, scenario)
    monkeypatch.setenv("DOORSTEP_SCENARIOS", str(tmp_path))
    assert main(["report", str(record), "--html", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").is_file()


def test_report_problems_are_messages_with_exit_1(tmp_path: Path, capsys, monkeypatch):
    """Missing, unreadable, malformed or another case's records, and unknown scenarios, each get a message and exit 1.

    (A record of the same case that no longer replays, because the case was edited, is rebuilt instead: test_changed_case.py.)
    """
    scenario = materialize(None, tmp_path)
    out = str(tmp_path / "r.html")
    assert main(["report", str(tmp_path / "missing.json"), "--html", out]) == 1
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["report", str(bad), "--html", out]) == 1
    assert "is not a Doorstep record" in capsys.readouterr().err
    record = _record(tmp_path, scenario)
    data = json.loads(record.read_text())
    data["scenario"] = "another-case"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(bad), "--html", out, "--scenario", str(scenario)]) == 1
    assert "does not fit" in capsys.readouterr().err
    monkeypatch.setenv("DOORSTEP_SCENARIOS", str(tmp_path / "nowhere"))
    assert main(["report", str(record), "--html", out]) == 1
    assert "give its folder with --scenario PATH" in capsys.readouterr().err
    assert not Path(out).exists()


def test_report_without_an_output_is_a_usage_error(tmp_path: Path, capsys):
    """Asking for a report without --html or --json exits 2 and says what to add."""
    assert main(["report", str(tmp_path / "r.json")]) == 2
    assert "--html OUT.html" in capsys.readouterr().err


def test_analyze_prints_text_and_json(tmp_path: Path, capsys):
    """`analyze` prints paths, bounds and endings, or the same as JSON."""
    scenario = materialize(None, tmp_path)
    assert main(["analyze", str(scenario)]) == 0
    out = capsys.readouterr().out
    assert "Enabler path: 2 decisions, ending review.good (enabler)" in out and "Score bounds" in out
    assert main(["analyze", str(scenario), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["paths"]["barrier"]["ending"] == "review.poor"
    assert main(["analyze", str(tmp_path / "nowhere")]) == 1


def test_graph_prints_dot_or_mermaid(tmp_path: Path, capsys):
    """`graph --format` prints DOT or Mermaid; an unknown format is a usage error."""
    scenario = materialize(None, tmp_path)
    assert main(["graph", str(scenario)]) == 0
    assert capsys.readouterr().out.startswith("// Mini (mini)")
    assert main(["graph", str(scenario), "--format", "mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD")
    done = subprocess.run([sys.executable, "-m", "simulator", "graph", str(scenario), "--format", "svg"], capture_output=True, text=True, cwd=PROJECT, env={**os.environ})
    assert done.returncode == 2 and "Traceback" not in done.stderr
