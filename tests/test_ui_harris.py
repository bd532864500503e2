"""The Harris case itself, from the title to the debrief, by keyboard, when it validates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.scenario import load_scenario
from simulator.ui.driver import Driver, make_app

pytestmark = [pytest.mark.ui, pytest.mark.slow]

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


@pytest.fixture(scope="module")
def harris():
    if not (HARRIS / "scenario.yaml").is_file() or not load_scenario(HARRIS).ok:
        pytest.skip("the Harris case is not there or does not validate yet")
    return HARRIS


@pytest.mark.parametrize(("path", "mode"), [("enabler", "coach"), ("barrier", "assessment")])
def test_harris_by_keyboard_to_the_debrief(tmp_path: Path, harris: Path, path: str, mode: str):
    """Every screen of the Harris case answered with Enter or a number key reaches the debrief, saved as finished."""
    d = Driver(make_app(tmp_path, harris, size=(1024, 600)))
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    assert d.top.name == "picker"
    d.tab_to("start")
    d.key(pygame.K_RETURN)
    if d.top.mode != mode:
        d.tab_to("mode")
        d.key(pygame.K_RETURN)
    d.tab_to("begin")
    d.key(pygame.K_RETURN)
    for _ in range(4000):
        top = d.top
        if top.name == "debrief":
            break
        if top.name == "play" and top.stages[top.index][0] == "choose":
            offered = top.run.session.choices
            index = next((i for i, c in enumerate(offered) if c.path == path), 0)
            d.key(getattr(pygame, f"K_{index + 1}"))
        else:
            d.key(pygame.K_RETURN)
    assert d.top.name == "debrief"
    run = d.top.run
    assert run.session.finished and run.mode == mode
    run.flush()
    assert d.app.flow.store.get(run.pid).finished
    d.app.close()
