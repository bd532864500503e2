"""The suite's guard against a hanging test: pytest-timeout, configured in pyproject.toml, fails a test that
never returns (with its stack) and lets the rest of the suite run, instead of holding `make test` forever."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_suite_has_a_timeout_longer_than_any_test_needs():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert 300 <= int(options["timeout"]) <= 900
    assert options["timeout_method"] == "signal"  # the hung test fails; the run goes on to the next


def test_a_hanging_test_fails_and_the_next_one_still_runs(tmp_path: Path):
    (tmp_path / "test_hang.py").write_text(
        "import time\n"
        "def test_hangs():\n"
        "    while True:\n"
        "        time.sleep(0.05)\n"
        "def test_after():\n"
        "    assert True\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "timeout=2", "--rootdir", str(tmp_path),
         str(tmp_path / "test_hang.py")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed, 1 passed" in done.stdout
    assert "Timeout" in done.stdout
