"""Watch: the enabler and then the barrier journey played for the trainee, with time to read, and a way out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.driver import Driver, make_app
from simulator.ui.scenes.play import PlayScene
from simulator.ui.settings import Settings

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def start_watching(d: Driver) -> None:
    assert d.tab_to("watch")
    d.key(pygame.K_RETURN)
    assert d.top.name == "notice" and d.top.heading == "Watch the two journeys"
    d.key(pygame.K_RETURN)
    assert d.app.pilot is not None


def test_watch_plays_both_journeys_by_itself_and_saves_nothing(tmp_path: Path):
    """Given time, watch plays the enabler journey to its ending, then the barrier one, then returns to the title."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    start_watching(d)
    endings: dict[int, str] = {}  # each ending screen seen, in order
    for _ in range(400):
        if d.top.name == "ending":
            endings.setdefault(id(d.top), d.top.ending.kind)
        if d.top.name == "title":
            break
        d.step(dt=5.0)
        d.settle()
    assert d.top.name == "title" and d.app.pilot is None
    assert list(endings.values()) == ["enabler", "barrier"]
    assert d.top.resumable is None  # watching is not a playthrough of the trainee's
    d.app.close()


def test_watch_waits_for_enter_with_no_time_pressure(tmp_path: Path):
    """With no time pressure nothing moves on by itself while watching; Enter moves it on one screen."""
    d = Driver(make_app(tmp_path, EXAMPLE, settings=Settings(no_time_pressure=True)))
    start_watching(d)
    first = (d.top.name, d.top.screen_key())
    for _ in range(20):
        d.step(dt=5.0)
    assert (d.top.name, d.top.screen_key()) == first
    assert d.app.wake_in() is None
    d.key(pygame.K_RETURN)
    assert (d.top.name, d.top.screen_key()) != first
    d.app.close()


def test_esc_pauses_watching_and_stop_returns_home(tmp_path: Path):
    """Esc pauses the journey (the pilot leaves the pause menu alone); Stop watching goes back to the title."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    start_watching(d)
    assert d.until(lambda: isinstance(d.top, PlayScene), lambda: (d.step(dt=5.0), d.settle()), 50)
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "pause"
    for _ in range(10):
        d.step(dt=5.0)
    assert d.top.name == "pause"
    assert d.tab_to("step-out")
    d.key(pygame.K_RETURN)
    assert d.top.name == "title" and d.app.pilot is None
    d.app.close()
