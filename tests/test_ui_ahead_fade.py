"""A transition's fade blends its next step while one is on screen; a fade frame that copies it shows what a whole redraw shows.

Between two passes of the loop, as :meth:`App.wait` does, one piece of waiting
work runs: during a fade that is the next step blended ahead. Every frame is
compared pixel for pixel with the screen drawn whole (tests/test_ui_dirty.py's
copy of the screen), including frames the loop was late for (a step skipped,
so the step blended ahead is not the one to show) and frames after the look,
the window's size or the motion setting changed between blending and showing.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_dirty import Screen, into_play, step

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.play import transition
from simulator.ui.play.transition import FADE_HZ, FADE_S, TransitionScene, fade_alpha

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


class Blends:
    """Counts the fade frames that blended the window around the card themselves, and those blended ahead."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.in_frame = 0
        self.ahead = 0
        real = TransitionScene._bands

        def bands(scene: TransitionScene, surface: pygame.Surface, rects: list[pygame.Rect]) -> None:
            if surface is scene.app.surface:
                self.in_frame += 1
            else:
                self.ahead += 1
            real(scene, surface, rects)

        monkeypatch.setattr(TransitionScene, "_bands", bands)


def to_the_first_transition(d: Driver, screen: Screen) -> TransitionScene:
    into_play(d, screen)
    for _ in range(40):
        if d.top.name == "transition":
            break
        step(d, screen, "on to the first transition", [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)])
    top = d.top
    assert isinstance(top, TransitionScene)
    return top


def fade_frame(d: Driver, screen: Screen, dt: float = 1 / FADE_HZ) -> None:
    d.app.run_task()  # between passes the loop does one piece of waiting work (App.wait)
    step(d, screen, "a fade frame", dt=dt)


def test_the_fade_moves_in_whole_steps_from_the_veil_to_the_place():
    """The veil starts opaque, thins at every 60 Hz step and is gone when the fade ends."""
    steps = [fade_alpha(n / FADE_HZ) for n in range(round(FADE_S * FADE_HZ) + 1)]
    assert steps[0] == 255 and steps[-1] == 0
    assert all(a > b for a, b in itertools.pairwise(steps))
    assert fade_alpha(FADE_S + 1) == 0
    assert fade_alpha(3 / FADE_HZ + 0.004) == fade_alpha(3 / FADE_HZ), "a frame a few milliseconds late shows the same step"


def test_fade_frames_copy_the_step_blended_ahead_and_match_a_whole_redraw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """At 1920x1080 through the first transitions: nearly every fade frame copies the step blended ahead; every frame, late ones too, equals a whole redraw."""
    screen, blends = Screen(monkeypatch), Blends(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    faded = 0
    for _ in range(400):
        top = d.top
        if top.name in ("ending", "debrief") or faded >= 2:
            break
        if top.name == "transition":
            for n in range(90):
                if top.settled():
                    break
                # Now and then the loop is late (a step skipped: the one blended ahead is not the one to show) or early.
                fade_frame(d, screen, 2 / FADE_HZ if n == 9 else 0.4 / FADE_HZ if n == 14 else 1 / FADE_HZ)
            faded += 1
            step(d, screen, "leaving a transition", [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)])
        else:
            while d.app.run_task():
                pass
            key = pygame.K_1 if top.name == "play" and top.stages[top.index][0] == "choose" else pygame.K_RETURN
            step(d, screen, "on to the next transition", [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)])
    assert faded == 2
    used = blends.ahead - blends.in_frame  # a step blended ahead and not shown is redrawn in its frame
    assert blends.ahead >= 2 * 30, "the next step should be blended while one is on screen"
    assert used >= 2 * 25, f"fade frames should copy the step blended ahead ({blends.in_frame} blended in their frame)"
    assert blends.in_frame >= 1, "the late frame's step was not the one blended ahead: it is blended in its frame"
    d.app.close()


def test_a_step_blended_ahead_is_never_shown_once_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Largest text in high contrast at 1024x600: contrast, text size, the window's size and reduced motion changed between blending a step and showing it."""
    screen, blends = Screen(monkeypatch), Blends(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1024, 600), settings=Settings(text_size=3, high_contrast=True)))
    top = to_the_first_transition(d, screen)
    changes = [
        lambda app: app.apply_settings(app.settings.with_changes(high_contrast=False)),
        lambda app: app.apply_settings(app.settings.with_changes(text_size=0)),
        lambda app: (pygame.display.set_mode((1600, 900), pygame.RESIZABLE), app.handle(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))),
        lambda app: app.apply_settings(app.settings.with_changes(reduced_motion=True)),
    ]
    last = 0
    for n in range(90):
        if top.settled():
            break
        fade_frame(d, screen)
        if changes and n - last >= 3 and top._next is not None:
            last = n
            d.app.run_task()
            changes.pop(0)(d.app)  # the step blended ahead is now stale
            step(d, screen, "after the change", dt=1 / FADE_HZ)
    assert not changes, "every change should have been made mid-fade"
    assert top.settled() and not top.fading
    assert blends.ahead >= 4
    d.app.close()


def test_nothing_is_blended_ahead_without_a_fade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """With reduced motion there is no fade, so nothing is blended ahead and nothing is kept."""
    screen, blends = Screen(monkeypatch), Blends(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1280, 720), settings=Settings(reduced_motion=True)))
    to_the_first_transition(d, screen)
    for _ in range(5):
        fade_frame(d, screen)
    assert blends.ahead == 0 and d.top._next is None
    assert transition.FADE_HZ == FADE_HZ
    d.app.close()
