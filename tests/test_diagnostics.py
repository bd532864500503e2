"""Every diagnostic code has a bad example that produces it, located, with a clean exit."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import BAD, PROJECT, art_catalog, bad_cases, materialize
from diagnostics_doc import render

from simulator.cli import main
from simulator.scenario import CODES, Severity, load_scenario


def _expect(case: Path) -> tuple[str, str]:
    for line in (case / "CASE").read_text().splitlines():
        if line.startswith("expect "):
            _, code, where = line.split(" ", 2)
            return code, where
    raise AssertionError(f"{case} has no expect line")


def test_every_code_has_a_bad_example():
    """Each code in the table has a folder under tests/bad/ named after it."""
    covered = {p.name.split("-")[0] for p in bad_cases()}
    assert set(CODES) - covered == set()
    assert covered - set(CODES) == set()


def test_at_least_thirty_malformed_inputs():
    """The suite keeps at least thirty malformed inputs."""
    assert len(bad_cases()) >= 30


@pytest.mark.parametrize("case", bad_cases(), ids=lambda p: p.name)
def test_bad_example_produces_its_code_where_expected(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Loading the bad example reports its code at the pinned file:line:col, and never raises."""
    code, where = _expect(case)
    monkeypatch.chdir(tmp_path)
    path = materialize(case, tmp_path)
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    located = [d.location for d in result.diagnostics if d.code == code]
    assert located, [d.render() for d in result.diagnostics]
    assert located[0] == where
    if CODES[code].severity is Severity.ERROR:
        assert result.scenario is None


@pytest.mark.parametrize("case", bad_cases(), ids=lambda p: p.name)
def test_validate_exits_one_with_a_message(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`doorstep validate` prints the code and exits 1, with no traceback."""
    code, _ = _expect(case)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_ASSETS", str(PROJECT / "tests" / "fixtures" / "assets"))
    path = materialize(case, tmp_path)
    rc = main(["validate", "--strict", os.path.relpath(path)])
    out, err = capsys.readouterr()
    assert rc == 1
    assert f" {code} " in out
    assert "Traceback" not in out + err
    # Every {name} a message shows is the author's own text, never one of Doorstep's unfilled placeholders (R413 once said `{cid}`).
    written = "".join(f.read_text(encoding="utf-8", errors="replace") for f in tmp_path.rglob("*") if f.is_file() and f.suffix in (".yaml", ".yml"))
    unfilled = [b for b in re.findall(r"\{[a-z_][a-z0-9_.-]*\}", out) if b not in written]
    assert not unfilled, (unfilled, out)


def test_validate_json_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`--format json` gives editors the code, severity, file, line and column of each problem."""
    monkeypatch.chdir(tmp_path)
    path = materialize(BAD / "R401-unknown-node", tmp_path)
    assert main(["validate", "--format", "json", os.path.relpath(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    diag = next(d for d in data["results"][0]["diagnostics"] if d["code"] == "R401")
    assert (diag["file"], diag["line"], diag["col"], diag["severity"]) == ("mini/episodes/visit.yaml", 23, 17, "error")
    assert diag["suggestion"] == "did you mean `door`?"


def test_clean_scenario_validates_with_exit_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The mini scenario itself is clean: exit 0 and `ok`."""
    monkeypatch.setenv("DOORSTEP_ASSETS", str(PROJECT / "tests" / "fixtures" / "assets"))
    path = materialize(None, tmp_path)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith(": ok")


def test_diagnostics_page_is_current():
    """docs/diagnostics.md matches the codes and examples (regenerate with tests/diagnostics_doc.py)."""
    assert (PROJECT / "docs" / "diagnostics.md").read_text(encoding="utf-8") == render()
