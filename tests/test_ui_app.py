"""The loop: draw only after a change, sleep while waiting for the trainee, animate moods only when allowed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.assets import load_art
from simulator.engine.stage import Person as Figure
from simulator.engine.stage import View
from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.art import ArtCache
from simulator.ui.kit.stage import FRAME_S, Stage

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def at_decision(d: Driver) -> None:
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 50)


def test_unchanged_screen_is_not_redrawn(tmp_path: Path):
    """At a decision with nothing animating, passes of the loop without input draw nothing and ask to sleep indefinitely."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    at_decision(d)
    d.app.art.flush()  # pictures asked for ahead are drawn on their own thread
    d.step()
    frames = d.app.frames
    for _ in range(50):
        d.step(dt=0.1)
    assert d.app.frames == frames
    assert d.app.wake_in() is None
    d.key(pygame.K_TAB)
    assert d.app.frames == frames + 1
    d.app.close()


def test_mouse_moving_over_nothing_does_not_redraw(tmp_path: Path):
    """Mouse motion that changes no hover state costs no frame."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    at_decision(d)
    frames = d.app.frames
    for x in range(5):
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5 + x, 5), rel=(1, 0), buttons=(0, 0, 0)))
        d.step()
    assert d.app.frames == frames
    d.app.close()


def animated_figure(art) -> Figure:
    for character, moods in art.moods.items():
        for mood, frames in moods.items():
            if len(frames) > 1 and all(f.is_file() for f in frames):
                return Figure(character, character, mood)
    pytest.skip("no two-frame mood in the art yet")


def test_mood_frames_alternate_slowly_and_never_with_reduced_motion():
    """A two-frame mood wakes the loop every 0.9 s to change frame; with reduced motion it never wakes."""
    pygame.display.init()
    pygame.display.set_mode((320, 200))
    art = load_art()
    if art is None:
        pytest.skip("no art manifest")
    cache = ArtCache(art)
    stage = Stage()
    stage.set(View("office", (animated_figure(art),)))
    assert stage.wake_in(cache) == pytest.approx(FRAME_S)
    assert not stage.update(FRAME_S / 2, cache)
    assert stage.update(FRAME_S / 2 + 0.01, cache)
    stage.animate = False
    assert stage.wake_in(cache) is None and not stage.update(5.0, cache)
    pygame.display.quit()


def test_reduced_motion_skips_the_fade(tmp_path: Path):
    """With reduced motion the episode card is settled from its first frame; otherwise it fades in."""
    for reduced in (False, True):
        d = Driver(make_app(tmp_path / str(reduced), EXAMPLE, settings=Settings(reduced_motion=reduced)))
        d.tab_to("new")
        d.keys(pygame.K_RETURN, pygame.K_RETURN)
        d.until(lambda d=d: d.top.name != "prebrief", lambda d=d: d.key(pygame.K_RETURN), 20)
        assert d.top.name == "transition"
        assert d.top.settled() == reduced
        d.app.close()


def test_closing_the_window_quits_cleanly_and_keeps_the_size(tmp_path: Path):
    """The window's close button ends the loop with code 0, and the next start opens at the size it had."""
    d = Driver(make_app(tmp_path, EXAMPLE, size=(1100, 640)))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert d.app.step() is False and d.app.exit_code == 0
    d.app.close()
    again = make_app(tmp_path, EXAMPLE, size=None)
    assert again.look.size == (1100, 640)
    again.close()
