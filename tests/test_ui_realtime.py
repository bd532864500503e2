"""The real loop against the wall clock: watch keeps the pace its screens ask for, and --speed means one thing.

Every other window test hands the loop its own time step; these run
:meth:`App.run` as a facilitator's projector does and time it with the
wall clock. The intended pacing is what the same screens ask for when the
loop is stepped in simulated time (each card and beat's own timer), so the
test holds the loop to the scenes rather than to a number written here.
The bounds are generous (20%), and the episode short. The time a screen
waits for its pictures counts: a picture the screen on show waits for is
drawn at once by a thread that is not niced (simulator/ui/kit/art_worker.py),
so a busy machine costs a fraction of a second, where the starved, niced
thread once made a card wait seconds for its backdrop.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.engine.autoplay import policy
from simulator.ui.driver import Driver, make_app
from simulator.ui.flow import WatchOptions
from simulator.ui.kit.pilot import Pilot

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
EPISODE = "doorstep"
SPEEDS = (12.0, 24.0)  # the episode's 107 s at a room's pace: about 9 s and 4.5 s here
STEP_S = 0.005


def watching(folder: Path, speed: float):
    """An app (dummy driver) running one episode of the example by itself at ``speed``, one version after the other."""
    app = make_app(folder, EXAMPLE, size=(1280, 720))
    scenario = app.flow.catalog.scenario(EXAMPLE)
    assert scenario is not None
    app.flow.open_watch(scenario, WatchOptions(episode=EPISODE, rate=speed, side_by_side=False, auto=True))
    return app


def simulated_seconds(folder: Path, speed: float) -> float:
    """How long the episode's screens ask to be shown, summed by stepping the loop in simulated time."""
    app = watching(folder, speed)
    d = Driver(app)
    elapsed = 0.0
    while app.step([], dt=0.0) and d.settle():  # pictures in at no cost of time: the timers start once a screen is whole
        app.step([], dt=STEP_S)
        elapsed += STEP_S
        assert elapsed < 600, "the episode never finished in simulated time"
    app.close()
    return elapsed


def wall_seconds(folder: Path, speed: float) -> tuple[float, float]:
    """How long the real loop (:meth:`App.run`, its naps and the wall clock) takes over the same episode.

    Returns (seconds in all, of which seconds waiting for a whole screen). A screen's timer starts once it is
    whole (its pictures in, the work after the first frame done), as in :func:`simulated_seconds`, where pictures
    come at no cost of time; the waiting is reported apart, so a failure says whether pictures or the loop's naps
    took the time.
    """
    app = watching(folder, speed)
    waiting = 0.0
    step = app.step

    def timed_step(events=None, dt=None):  # type: ignore[no-untyped-def]
        nonlocal waiting
        top = app.top
        before = time.perf_counter()
        unsettled = top is not None and not top.settled()
        going = step(events, dt)
        if unsettled:
            waiting += time.perf_counter() - before + (before - timed_step.last)
        timed_step.last = time.perf_counter()
        return going

    start = time.perf_counter()
    timed_step.last = start  # type: ignore[attr-defined]
    app.step = timed_step  # type: ignore[method-assign]
    code = app.run()
    took = time.perf_counter() - start
    assert code == 0
    return took, waiting


def test_watch_keeps_to_the_clock_and_halves_as_speed_doubles(tmp_path: Path):
    """One episode watched by the real loop takes its screens' own pacing (within 20%), and half as long at twice the speed."""
    slow, fast = SPEEDS
    meant = {s: simulated_seconds(tmp_path / f"sim-{s}", s) for s in SPEEDS}
    assert meant[slow] == pytest.approx(2 * meant[fast], rel=0.05)  # the screens' own timers divide by the speed
    runs = {s: wall_seconds(tmp_path / f"wall-{s}", s) for s in SPEEDS}
    took = {s: runs[s][0] for s in SPEEDS}
    for s in SPEEDS:
        assert took[s] == pytest.approx(meant[s], rel=0.2), (
            f"at speed {s:g} the episode meant {meant[s]:.2f} s and took {took[s]:.2f} s"
            f" (of which {runs[s][1]:.2f} s waiting for pictures)"
        )
    assert took[slow] / took[fast] == pytest.approx(2.0, rel=0.2)


def test_a_line_held_by_the_real_loop_lasts_its_own_time(tmp_path: Path):
    """The first beat of a version, timed by the wall clock from the moment it is drawn, lasts what its timer asked (within 20%)."""
    app = watching(tmp_path, 2.0)
    d = Driver(app)
    assert d.until(lambda: app.top is not None and app.top.name == "watch-barrier", lambda: (app.step([], dt=60.0), d.settle()), 20)
    scene = app.top
    while app.drawn != (id(scene), scene.screen_key()):
        app.step([], dt=0.0)
        d.settle()
    meant = scene.timer
    tick = scene.tick
    start = time.perf_counter()
    while app.running and app.top is scene and scene.tick == tick:
        app.step(app.wait())
    took = time.perf_counter() - start
    assert meant > 1.0
    assert took == pytest.approx(meant, rel=0.2)
    app.close()


@pytest.mark.parametrize("speed", [1.0, 2.0, 4.0])
def test_auto_play_speed_means_faster_as_in_watch(speed: float):
    """play --auto's --speed divides each screen's time as watch's does: 2 is twice as fast, 0 does not wait."""

    class Screen:
        def marking(self) -> bool:
            return False

        def words(self) -> int:
            return 20

    at_one = Pilot(policy("enabler", 0), 1.0).delay(Screen())  # type: ignore[arg-type]
    assert Pilot(policy("enabler", 0), speed).delay(Screen()) == pytest.approx(at_one / speed)  # type: ignore[arg-type]
    assert Pilot(policy("enabler", 0), 0.0).delay(Screen()) == 0.0  # type: ignore[arg-type]


def test_help_says_bigger_is_faster_for_both_commands(capsys):
    """`doorstep play --help` and `doorstep watch --help` say what --speed means, the same way."""
    from simulator.cli import main

    for command in ("play", "watch"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "2 twice as fast" in text and "bigger is faster" in text, command
    pygame.quit()
