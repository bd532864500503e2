"""`doorstep cohort` with no records never assumes a scenario: it says there is nothing to pool, or uses the one asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SMALL = PROJECT / "docs" / "examples" / "small-visit"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulator", "cohort", *args], capture_output=True, text=True, timeout=300, cwd=PROJECT)


def test_an_empty_folder_is_one_line_about_no_records(tmp_path: Path) -> None:
    """No records and no --only: one line saying there is nothing to pool there, exit 1, no scenario named or looked for."""
    done = run(str(tmp_path), "--html", str(tmp_path / "c.html"))
    assert done.returncode == 1 and done.stderr.strip().splitlines() == [f"doorstep: no playthrough records to pool in {tmp_path}"], done.stderr
    assert "harris" not in done.stderr + done.stdout and not (tmp_path / "c.html").exists()


def test_files_that_are_not_records_are_named_in_the_same_line(tmp_path: Path) -> None:
    """A folder of files that are not records: the one line says so and names the first."""
    (tmp_path / "a.json").write_text('{"not": "a record"}')
    done = run(str(tmp_path), "--json", str(tmp_path / "c.json"))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and "no playthrough records to pool" in lines[0] and "a.json" in lines[0], done.stderr


def test_an_lrs_with_no_scenario_named_asks_which(tmp_path: Path) -> None:
    """--endpoint with no records, no --only and no --scenario: asked which scenario (exit 2), never Harris read by default."""
    done = run("--endpoint", "http://127.0.0.1:9/xapi/", "--html", str(tmp_path / "c.html"))
    assert done.returncode == 2 and "--only ID, or --scenario PATH" in done.stderr and "harris" not in done.stderr, done.stderr


def test_the_scenario_asked_for_is_the_one_used(tmp_path: Path) -> None:
    """No records but --scenario: that scenario is the cohort's (nothing to pool in it: one line, exit 1), not Harris."""
    done = run(str(tmp_path), "--scenario", str(SMALL), "--html", str(tmp_path / "c.html"))
    assert done.returncode == 1 and done.stderr.strip().splitlines() == ["doorstep: no playthroughs of `small-visit` to pool"], done.stderr
