"""The trainer's two-year youth justice case in the window: played to its debrief, every page in its own words."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from conftest import FIXTURES
from test_any_scenario_youth import HARRISISMS
from ui_check import on_path, read_to_debrief, start_new

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

CASE = FIXTURES / "youth-justice"


@pytest.mark.parametrize("path", ["enabler", "barrier"])
def test_the_window_plays_the_case_to_its_debrief_in_its_own_words(path: str, tmp_path: Path):
    """Every page shown from the prebrief to the debrief names no Harris person or framework and no `{placeholder}`."""
    d = Driver(make_app(tmp_path, CASE))
    start_new(d, "coach")
    shown = read_to_debrief(d, on_path(path))
    assert d.top.name == "debrief", d.top.name
    text = "\n".join(shown)
    assert "Reece" in text and "Donna" in text
    assert ("A way forward" if path == "enabler" else "Back in court") in text  # the ending card was read too
    found = sorted({m.group(0) for m in HARRISISMS.finditer(text)})
    assert not found, found
    d.app.close()
