"""A page of play drawn ahead stays current when the people's mood frame moves on while the trainee reads.

Someone whose mood has a second frame moves every 0.9 s, so by the time a trainee has read a page the next one,
drawn ahead, showed them at an older frame: turning to it repainted them and drew its panel, text and buttons
afresh in that frame (most of a millisecond at 1920x1080). It is now drawn again, ahead, at each mood frame.
Every frame is checked against a whole redraw, pixel for pixel (tests/test_ui_dirty.py's screen copy)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import HARRIS, Counts, reading
from test_ui_dirty import Screen, draw_counts, into_play, press, step

from simulator.ui.driver import Driver, make_app
from simulator.ui.play import picture

pytestmark = pytest.mark.ui


def test_turning_to_a_page_drawn_ahead_after_a_mood_frame_draws_nothing_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    screen = Screen(monkeypatch)
    counts = Counts(monkeypatch)
    drawn = draw_counts(monkeypatch, picture)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    checked = moved = 0
    for _ in range(150):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)
        if top.name != "play" or top.stages[top.index][0] == "choose" or top.index + 1 >= len(top.stages):
            step(d, screen, "a key", press(pygame.K_1 if top.name == "play" and top.stages[top.index][0] == "choose" else pygame.K_RETURN))
            continue
        tick = top.stage.tick
        step(d, screen, "a mood frame while the page is read", dt=1.0)
        reading(d)
        before, shown = dict(drawn), counts.shown
        d.app.step(press(pygame.K_RETURN), dt=0.0)
        after = dict(drawn)
        screen.check(d, "turning the page")
        if d.top is top and counts.shown > shown:  # the page drawn ahead was shown
            assert after == before, f"a page drawn ahead was drawn again as it was shown ({after} after {before})"
            checked += 1
            moved += top.stage.tick != tick
    assert checked >= 10 and moved >= 5, (checked, moved)
    d.app.close()
