"""A window left waiting sleeps: the real loop, run against the wall clock, draws only when something is due.

Behaviour, not timing: these count what the loop did over a second or two
of real time (frames drawn, passes of the loop, naps), never how long it took.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.driver import Driver, make_app
from simulator.ui.kit import app as window
from simulator.ui.kit import loop
from simulator.ui.kit.stage import FRAME_S

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


class Counted:
    """Counts the loop's passes and naps while the real loop runs for ``seconds`` of wall-clock time."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, app: window.App, seconds: float) -> None:
        self.passes = 0
        self.naps: list[float] = []
        real_step, real_sleep = app.step, time.sleep

        def step(events: object = None, dt: float | None = None) -> bool:
            self.passes += 1
            return real_step(events, dt)  # type: ignore[arg-type]

        def sleep(s: float) -> None:
            self.naps.append(s)
            real_sleep(s)

        monkeypatch.setattr(app, "step", step)
        monkeypatch.setattr(window.time, "sleep", sleep)
        frames = app.frames
        while app.run_task():  # what is prepared while a person reads is done first: this counts only waiting
            pass
        pygame.event.clear()
        pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
        start = time.perf_counter()
        app.run()
        self.took = time.perf_counter() - start
        self.frames = app.frames - frames


def at_a_decision_with_people(d: Driver) -> None:
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)

    def there() -> bool:
        top = d.top
        return top.name == "play" and top.stages[top.index][0] == "choose" and bool(top.moment.figures) and top.stage.animated(d.app.art)

    def onward() -> None:
        top = d.top
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        d.key(pygame.K_1 if choosing else pygame.K_RETURN)

    assert d.until(there, onward, 400), "Harris should reach a decision with a mood that moves"


def test_waiting_at_a_decision_draws_only_the_mood_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Two seconds at a decision whose people have a moving mood: a frame per mood frame, each only the people, and naps between."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1280, 720)))
    at_a_decision_with_people(d)
    sent: list[object] = []
    real_update = pygame.display.update
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: (sent.append(rects), real_update(rects)))
    seen = Counted(monkeypatch, d.app, 2.0)
    due = seen.took / FRAME_S
    assert seen.frames <= due + 2, f"{seen.frames} frames drawn in {seen.took:.1f} s; the people change every {FRAME_S} s"
    assert seen.frames >= 1, "the mood should still move"
    assert seen.passes <= 2 * seen.frames + 4, f"{seen.passes} passes of the loop for {seen.frames} frames: it should sleep between"
    assert len(seen.naps) <= seen.took / loop.NAP_S + 10, "the loop should nap, not spin"
    assert sent and all(isinstance(rects, list) and rects for rects in sent), "a mood frame should send only the people, not the window"
    size = d.app.look.size[0] * d.app.look.size[1]
    for rects in sent:
        assert isinstance(rects, list)
        assert sum(r.width * r.height for r in rects) < size / 2


def test_a_still_screen_sleeps_and_naps_longer_once_nobody_is_at_the_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The title screen, untouched for a second and a half: nothing drawn, one pass, and the naps lengthen after the quiet spell."""
    monkeypatch.setattr(loop, "QUIET_S", 0.5)
    app = make_app(tmp_path, HARRIS, size=(1280, 720))
    app._input_at = time.perf_counter()  # as if a key had just been pressed
    seen = Counted(monkeypatch, app, 1.5)
    assert seen.frames <= 1, f"{seen.frames} frames drawn with nothing changing"
    assert seen.passes <= 3
    assert seen.naps and seen.naps[0] == pytest.approx(loop.NAP_S), "right after a key the loop looks often"
    assert seen.naps[-2] == pytest.approx(loop.LONG_NAP_S), "and once nobody has touched anything, less often"
    assert len(seen.naps) <= 0.5 / loop.NAP_S + 1.0 / loop.LONG_NAP_S + 10
