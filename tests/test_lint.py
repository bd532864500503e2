"""The code passes ruff with the project's rules (each ignored rule has its reason in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import PROJECT


@pytest.mark.slow
def test_ruff_is_clean():
    """ruff check finds nothing in the package, the tests or the benchmarks."""
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "simulator", "tests", "bench"], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
