"""The care leaver's pathway plan in the window: played to its debrief round the hub, every page in its own words."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from conftest import FIXTURES
from ui_check import on_path, read_to_debrief, start_new

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

CASE = FIXTURES / "pathway-plan"
NOT_THIS_CASE = re.compile(r"\b(Harris|Fiona|John|Chloe|child protection plan|Month \d+ of 12)\b|\{[a-z][a-z0-9-]*\}|[a-z-]+~[a-z+-]+")


def test_the_window_plays_the_hub_to_the_debrief_in_the_case_own_words(tmp_path: Path):
    """Four rounds of the hub, a text message at night, the review: no other case's words, no `{name}`, no round's
    own id; and at a decision of two options the keys read "Press 1 or 2", as a sentence says them (not "1 to 2")."""
    d = Driver(make_app(tmp_path, CASE))
    start_new(d, "coach")
    hints: dict[int, str] = {}
    shown = read_to_debrief(d, on_path("enabler"), lambda top, offered: hints.setdefault(len(offered), top.hint))
    assert d.top.name == "debrief", d.top.name
    text = "\n".join(shown)
    assert "Kayla" in text and "A plan that is hers" in text
    assert not sorted({m.group(0) for m in NOT_THIS_CASE.finditer(text)})
    assert "Press 1 or 2, " in hints[2] and "Press 1 to 3, " in hints[3], hints
    d.app.close()
