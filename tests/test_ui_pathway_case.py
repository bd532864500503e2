"""The care leaver's pathway plan in the window: played to its debrief round the hub, every page in its own words."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from conftest import FIXTURES
from ui_check import on_path, start_new

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

CASE = FIXTURES / "pathway-plan"
NOT_THIS_CASE = re.compile(r"\b(Harris|Fiona|John|Chloe|child protection plan|Month \d+ of 12)\b|\{[a-z][a-z0-9-]*\}|[a-z-]+~[a-z+-]+")


def test_the_window_plays_the_hub_to_the_debrief_in_the_case_own_words(tmp_path: Path):
    """Four rounds of the hub, a text message at night, the review: no other case's words, no `{name}`, no round's
    own id; and at a decision of two options the keys read "Press 1 or 2", as a sentence says them (not "1 to 2")."""
    d = Driver(make_app(tmp_path, CASE))
    start_new(d, "coach")
    choose = on_path("enabler")
    shown: list[str] = []
    hints: dict[int, str] = {}
    for _ in range(3000):
        top = d.top
        shown.append(" ".join(run.text for page in getattr(top, "pages", ()) for row in page.rows for run in row.runs))
        if top.name == "debrief":
            break
        if top.name == "play" and top.stages[top.index][0] == "choose":
            offered = top.run.session.choices
            hints.setdefault(len(offered), top.hint)
            d.choose(choose(offered))
        else:
            d.key(pygame.K_RETURN)
    assert d.top.name == "debrief", d.top.name
    text = "\n".join(shown)
    assert "Kayla" in text and "A plan that is hers" in text
    assert not sorted({m.group(0) for m in NOT_THIS_CASE.finditer(text)})
    assert "Press 1 or 2, " in hints[2] and "Press 1 to 3, " in hints[3], hints
    d.app.close()
