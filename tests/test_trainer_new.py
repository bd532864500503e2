"""`doorstep new` with the folder names trainers give: accents kept readable in the id, an empty name refused plainly,
and the scaffold's own comment never naming a path that is wrong from where the trainer stands."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.authoring.scaffold import slug
from simulator.cli import main
from simulator.scenario.loader import load_scenario


def test_accented_folder_names_give_readable_ids():
    """`Café visit` is `cafe-visit` (not `caf-visit`), `Ward_Visit 2` is `ward-visit-2`, and a name with no letters still gives an id."""
    assert slug("Café visit") == "cafe-visit"
    assert slug("Ward_Visit 2") == "ward-visit-2"
    assert slug("Zoë's case") == "zoe-s-case"
    assert slug("2026") == "scenario-2026" and slug("!!!") == "my-scenario"


@pytest.mark.parametrize("name", ["Café visit", "deep/in/a/ward", "x.yaml"])
def test_new_in_any_named_folder_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str):
    """Whatever the folder is called or wherever it is, the new scenario loads clean and its comment names no path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert main(["new", name]) == 0
    result = load_scenario(os.path.join(name))
    assert result.scenario is not None and not [d for d in result.diagnostics if d.severity.value != "info"]
    first = (tmp_path / name / "scenario.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert "`doorstep validate` on this folder" in first and Path(name).name not in first


def test_new_with_an_empty_name_is_a_usage_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`doorstep new ""` exits 2 with one line saying what to give, not "  already exists"."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", ""]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "doorstep new scenarios/" in err and "already exists" not in err


def test_the_new_scenario_shows_no_markdown_to_a_trainee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The window and the report show text as written: the scaffold's "`Soon` leaves Alex waiting" put backticks on screen."""
    from simulator.analysis.summary import authored_texts

    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert main(["new", str(tmp_path / "visit")]) == 0
    scenario = load_scenario(tmp_path / "visit").scenario
    assert scenario is not None
    texts = authored_texts(scenario)
    assert any("Soon" in t for t in texts) and not [t for t in texts if "`" in t or "**" in t]
