"""Every command that needs a whole scenario takes a file of one, as `validate` does.

The held-out trainer trials (night duty, then leaving care) both gave `info` the episode open in their editor, as
`validate` had just accepted: it refused with "is a file". A file inside a scenario now stands for its scenario, with
a line on stderr saying which folder is used; a file in no scenario is still refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import scaffolded

from simulator.cli import main


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return scaffolded(tmp_path, "visit")


@pytest.mark.parametrize("part", ["episodes/follow-up.yaml", "evidence/principles.yaml", "art/art.yaml", "episodes", "art"])
def test_info_on_a_file_counts_its_whole_scenario(case: Path, part: str, capsys: pytest.CaptureFixture[str]):
    assert main(["info", str(case), "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert main(["info", str(case / part), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == whole
    assert err == f"doorstep: {case / part} is part of the scenario in {case}; using the whole scenario\n"


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "{file}", "--spread", "5"],
        ["graph", "{file}", "--format", "mermaid"],
        ["play", "{file}", "--text", "--auto", "enabler"],
    ],
)
def test_the_other_commands_take_the_file_too(case: Path, command: list[str], capsys: pytest.CaptureFixture[str]):
    file = case / "episodes" / "first-visit.yaml"
    assert main([part.replace("{file}", str(file)) for part in command]) == 0
    out, err = capsys.readouterr()
    assert "using the whole scenario" in err and "is a file" not in err and out


def test_a_relative_file_names_its_scenario_relative_too(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(case.parent)
    assert main(["info", os.path.join("visit", "episodes", "follow-up.yaml")]) == 0
    assert capsys.readouterr().err == f"doorstep: {os.path.join('visit', 'episodes', 'follow-up.yaml')} is part of the scenario in visit; using the whole scenario\n"


def test_a_report_given_a_file_of_its_scenario_is_written(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    record = tmp_path / "run.json"
    assert main(["play", str(case), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    capsys.readouterr()
    assert main(["report", str(record), "--scenario", str(case / "episodes" / "follow-up.yaml"), "--json", str(tmp_path / "r.json")]) == 0
    assert (tmp_path / "r.json").exists()


def test_a_file_in_no_scenario_is_still_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    assert main(["info", str(stray)]) == 1
    err = capsys.readouterr().err
    assert "F301" in err and "using the whole scenario" not in err
