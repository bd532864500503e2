"""The pure core type-checks under mypy --strict (configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_core_is_strictly_typed():
    """mypy --strict finds no problems in the scenario, engine, records, analysis and report packages."""
    if shutil.which("mypy") is None and subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.fail("mypy is part of the test extras; install with `pip install -e .[test]`")
    existing = [p for p in ("simulator/scenario", "simulator/engine", "simulator/records", "simulator/analysis", "simulator/report", "simulator/terminal.py", "simulator/assets.py") if (PROJECT / p).exists()]
    done = subprocess.run([sys.executable, "-m", "mypy", *existing], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
