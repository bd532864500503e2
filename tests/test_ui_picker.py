"""The case picker: a summary, the time it takes and the content notes before anything starts; broken cases say why."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest
from ui_check import words

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"



def test_picker_shows_summary_time_and_content_notes(tmp_path: Path):
    """Before starting, the picker gives the case's summary, its minutes and every content note."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    text = words(d.top)
    assert "5 minutes" in text and "A parent who is anxious about a social worker's visit" in text
    assert "two-episode example" in text
    d.app.close()


def test_prebrief_states_objectives_contract_and_what_pause_does(tmp_path: Path):
    """The prebrief lists the learning objectives, the fiction contract, and says what pause and step-out do."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    assert d.top.name == "prebrief"
    text = words(d.top)
    assert "Explain your role plainly at the door" in text
    assert "Dana is fictional" in text
    assert "Esc" in text and "step out" in text
    assert "Coach setting" in text and "Assessment setting" in text
    d.app.close()


def test_a_broken_case_says_why_and_cannot_start(tmp_path: Path):
    """A scenario with errors is listed with its problem count and the validate command, and Start is switched off."""
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE, broken)
    (broken / "episodes" / "doorstep.yaml").write_text((broken / "episodes" / "doorstep.yaml").read_text().replace("next: inside", "next: nowhere"))
    (broken / "scenario.yaml").write_text((broken / "scenario.yaml").read_text().replace("../../../seeds", str(PROJECT / "seeds")))
    d = Driver(make_app(tmp_path, broken))
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    assert "cannot be played yet" in words(d.top) and "doorstep validate" in words(d.top)
    start = next(b for b in d.top.group.buttons if b.key == "start")
    assert not start.enabled
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "title"
    d.app.close()
