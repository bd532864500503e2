"""All of simulator/ type-checks under mypy --strict, the window included (configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def test_mypy_covers_the_whole_package():
    """pyproject.toml points mypy at all of simulator/, not a list of parts that could leave one out."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and config["files"] == ["simulator"]


@pytest.mark.slow
def test_the_package_is_strictly_typed():
    """mypy --strict finds no problems anywhere in simulator/."""
    if shutil.which("mypy") is None and subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.fail("mypy is part of the test extras; install with `pip install -e .[test]`")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
