"""A validate with no cache does only the work a clean case needs: what it imports, and the shortcuts that spare it."""

from __future__ import annotations

import calendar
import os
import subprocess
import sys
from pathlib import Path

from simulator.scenario.calendar import month_days

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


def imported(*argv: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``python -m simulator ARGV`` with no load cache, and the modules it imported."""
    code = "import sys, runpy\nsys.argv[0] = 'doorstep'\ntry:\n    runpy.run_module('simulator', run_name='__main__')\nfinally:\n    print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=PROJECT, timeout=120, env={**os.environ, "DOORSTEP_CACHE": "0"})
    return done, set(done.stderr.split("\n")[-2].split())


def test_a_clean_case_is_read_without_the_reporting_reader_or_the_standard_calendar() -> None:
    done, modules = imported("validate", str(HARRIS))
    assert done.returncode == 0, done.stderr[-500:]
    assert "simulator.scenario.yamllean" in modules and "simulator.scenario.model" in modules  # it did read and build the case
    assert not {"simulator.scenario.yamlreport", "simulator.scenario.yamlhints", "calendar", "locale"} & modules


def test_a_file_with_something_to_report_still_gets_the_reporting_reader(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "scenario.yaml").write_text("format: 1\nid: x\nid: y\n", encoding="utf-8")
    done, modules = imported("validate", str(case))
    assert done.returncode == 1
    assert "scenario.yaml:3:1: error Y102 `id` appears twice" in done.stdout, done.stdout
    assert "simulator.scenario.yamlreport" in modules


def test_month_days_is_the_standard_calendars() -> None:
    for year in (1, 4, 100, 400, 1900, 2000, 2024, 2026, 2100, 2999, 9999):
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)
