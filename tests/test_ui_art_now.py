"""A picture the screen on show is waiting for is drawn at once, however busy or starved the drawing ahead is.

The drawing thread was niced so that drawing ahead never slows a frame; on a
loaded machine it was starved, and a watch card (whose timer starts once its
backdrop is in) or a play screen waited seconds for its picture behind it.
Now what is wanted on show has a lane of its own, not niced
(simulator/ui/kit/art_worker.py). Each test here holds the ahead lane still
on purpose, as a starved thread is held, and asks for a picture now.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from test_ui_art import ROOM, display  # noqa: F401  (display: its autouse fixture, a window for convert(), here too)

from simulator.assets import Art
from simulator.ui.driver import make_app
from simulator.ui.flow import WatchOptions
from simulator.ui.kit import art as art_module
from simulator.ui.kit.art import ArtCache

pytestmark = pytest.mark.ui

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "small-visit"
AHEAD, ON_SHOW = (321, 180), (320, 180)
HELD = 30.0  # the most a held picture waits for the test to let it go (a test that fails lets it go at once)
ARRIVES = 10.0  # the most a picture wanted now may take: far more than drawing a flat 320x180 rectangle takes


class Held:
    """rasterise_cover with the pictures at sizes in ``hold`` kept waiting (as a starved thread would be) until let go."""

    def __init__(self, hold: set[tuple[int, int]]) -> None:
        self.hold = hold
        self.go = threading.Event()
        self.started = threading.Event()
        self.drawn: list[tuple[tuple[int, int], int]] = []  # (size, the drawing thread's nice value)
        self.finished = 0
        self.real = art_module.rasterise_cover

    def __call__(self, path: Path, size: tuple[int, int]):  # type: ignore[no-untyped-def]
        self.drawn.append((size, os.getpriority(os.PRIO_PROCESS, 0)))
        if size in self.hold:
            self.started.set()
            self.go.wait(HELD)
        try:
            return self.real(path, size)
        finally:
            self.finished += 1


@pytest.fixture
def art(tmp_path: Path) -> Art:
    (tmp_path / "room.svg").write_text(ROOM)
    return Art(folder=tmp_path, locations={"room": tmp_path / "room.svg"}, location_labels={"room": "A room"})


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    h = Held({AHEAD})
    monkeypatch.setattr(art_module, "rasterise_cover", h)
    yield h
    h.go.set()


def arrived(cache: ArtCache, size: tuple[int, int]) -> bool:
    """Whether the room at ``size`` comes in (polled as the loop does) within :data:`ARRIVES` seconds."""
    until = time.monotonic() + ARRIVES
    while time.monotonic() < until:
        cache.poll()
        surf, placeholder = cache.background("room", size)
        if surf is not None:
            return not placeholder
        time.sleep(0.01)
    return False


def test_a_picture_on_show_is_not_held_behind_drawing_ahead(art: Art, held: Held):
    """The ahead lane part way through a picture and held there: the picture the screen on show asks for still comes."""
    cache = ArtCache(art)
    cache.prefetch(locations=[("room", AHEAD)])
    assert held.started.wait(ARRIVES), "the picture asked ahead was never started"
    assert arrived(cache, ON_SHOW), "the screen on show waited for the drawing ahead"
    held.go.set()
    cache.flush(ARRIVES)
    assert cache.background("room", AHEAD)[0] is not None
    cache.close()


def test_a_picture_asked_ahead_and_then_wanted_now_is_hurried(art: Art, held: Held):
    """Asked ahead behind a held picture, then wanted on show: it is drawn now, not when the ahead lane reaches it."""
    cache = ArtCache(art)
    cache.prefetch(locations=[("room", AHEAD)])
    assert held.started.wait(ARRIVES)
    cache.prefetch(locations=[("room", ON_SHOW)])  # queued ahead, behind the held one
    assert arrived(cache, ON_SHOW), "a picture asked ahead and then wanted on show was left in the ahead queue"
    held.go.set()
    cache.flush(ARRIVES)
    assert [size for size, _ in held.drawn].count(ON_SHOW) == 1, "the ahead lane drew again what was drawn now"
    cache.close()


def test_a_picture_being_drawn_ahead_and_wanted_now_is_handed_over_once(art: Art, held: Held):
    """The starved ahead lane part way through the very picture the screen now wants: the now lane draws it too; one copy is taken in."""
    cache = ArtCache(art)
    cache.prefetch(locations=[("room", AHEAD)])
    assert held.started.wait(ARRIVES)
    held.hold = set()  # the now lane's copy is not held
    assert arrived(cache, AHEAD), "the screen on show waited for the ahead lane's copy"
    version = cache.version
    held.go.set()
    deadline = time.monotonic() + ARRIVES
    while held.finished < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not cache.poll() and cache.version == version, "the second copy was taken in too"
    cache.close()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="a thread's own nice value is a Linux matter")
def test_drawing_ahead_stays_niced_and_drawing_now_does_not(art: Art, held: Held):
    """Drawing ahead still never competes with frames; only what is on show is drawn at the window's own priority."""
    held.hold = set()
    cache = ArtCache(art)
    base = os.getpriority(os.PRIO_PROCESS, 0)
    cache.prefetch(locations=[("room", AHEAD)])
    cache.flush(ARRIVES)
    assert arrived(cache, ON_SHOW)
    nice = dict(held.drawn)
    assert nice[AHEAD] == min(19, base + 10)
    assert nice[ON_SHOW] == base
    cache.close()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="a thread's own nice value is a Linux matter")
def test_pictures_asked_by_work_done_ahead_are_drawn_ahead(tmp_path: Path, held: Held):
    """A page or beat drawn ahead in the loop's waiting time (App.later, unseen) asks for its pictures ahead: the niced lane."""
    held.hold = set()
    app = make_app(tmp_path, EXAMPLE, size=(640, 360))
    base = os.getpriority(os.PRIO_PROCESS, 0)
    app.later(lambda: app.art.background("front-door", AHEAD), unseen=True)
    while app.run_task():
        pass
    app.art.background("front-door", ON_SHOW)  # and the screen on show asks for its own
    app.art.flush(ARRIVES)
    nice = dict(held.drawn)
    assert nice[AHEAD] == min(19, base + 10), "a picture for work done ahead was drawn at the window's own priority"
    assert nice[ON_SHOW] == base
    app.close()


def test_a_screen_drawn_ahead_and_shown_waiting_has_its_pictures_hurried(art: Art, held: Held):
    """A page or beat drawn ahead asks ahead; shown before its pictures came (the screen takes over its layout without
    asking again), they are hurried, while pictures only prefetched for places further on stay in the held lane."""
    cache = ArtCache(art)
    cache.prefetch(locations=[("room", AHEAD)])  # a place further on: the ahead lane is part way through it, held
    assert held.started.wait(ARRIVES)
    with cache.asking_ahead():
        assert cache.background("room", ON_SHOW)[0] is None  # the next page, drawn ahead
    cache.hurry()  # shown, and waiting
    assert arrived(cache, ON_SHOW), "a screen drawn ahead and shown waited for the drawing ahead"
    assert [size for size, _ in held.drawn].count(AHEAD) == 1, "a picture only prefetched was hurried too"
    held.go.set()
    cache.close()


def test_with_drawing_ahead_starved_for_good_every_screen_of_a_watched_episode_still_comes_whole(tmp_path: Path, held: Held):
    """The real loop watching an episode by itself (cards, beats drawn ahead and taken over) while the ahead lane never
    draws again: each screen on show still gets its pictures, so its timer starts and the episode ends."""
    app = make_app(tmp_path, EXAMPLE, size=(1280, 720))
    app.art.prefetch(locations=[("front-door", AHEAD)])  # from here on the ahead lane is stuck, as a starved thread is
    assert held.started.wait(ARRIVES)
    scenario = app.flow.catalog.scenario(EXAMPLE)
    assert scenario is not None
    app.flow.open_watch(scenario, WatchOptions(episode="doorstep", rate=24.0, side_by_side=False, auto=True))
    whole: set[object] = set()
    since: tuple[object, float] | None = None  # the screen on show that is not whole yet, and since when
    while app.step([], dt=0.05):
        while app.run_task():  # the loop's waiting work: beats drawn ahead, their pictures asked ahead
            pass
        top = app.top
        if top is not None and top.settled():
            whole.add((id(top), top.screen_key()))
            since = None
        elif top is not None:
            key = (id(top), top.screen_key())
            since = since if since is not None and since[0] == key else (key, time.monotonic())
            assert time.monotonic() - since[1] < ARRIVES, f"{top.name} on show waited for the drawing ahead ({len(whole)} screens whole before it)"
            time.sleep(0.005)
    assert len(whole) > 5
    held.go.set()
    app.close()


def test_a_picture_that_cannot_be_drawn_is_told_so_the_screen_waiting_for_it_comes_whole(art: Art, held: Held):
    """A picture that fails is taken in as a placeholder and reported like one that arrived: the screen waiting for it
    is drawn again, whole, rather than left waiting (auto play and watch move on only from a whole screen)."""
    held.hold = set()
    (art.folder / "broken.svg").write_text("<svg this is not svg")
    art.locations["broken"] = art.folder / "broken.svg"
    cache = ArtCache(art)
    assert cache.background("broken", ON_SHOW)[0] is None
    told = False
    until = time.monotonic() + ARRIVES
    while cache.busy and time.monotonic() < until:
        told = cache.poll() or told
        time.sleep(0.01)
    assert told, "the screen waiting for a picture that failed was not told to draw again"
    assert cache.background("broken", ON_SHOW)[1], "a picture that failed should show as a placeholder"
    cache.close()


def test_a_lane_goes_on_after_a_picture_raises_something_unforeseen(art: Art, monkeypatch: pytest.MonkeyPatch):
    """A picture whose drawing raises an error nobody foresaw is a placeholder; the lane's thread does not die with it,
    leaving every later picture queued for a thread that is gone."""
    real = art_module.rasterise_cover
    (art.folder / "hall.svg").write_text(ROOM)
    art.locations["hall"] = art.folder / "hall.svg"

    def odd(path: Path, size: tuple[int, int]):  # type: ignore[no-untyped-def]
        if path.name == "hall.svg":
            raise ZeroDivisionError("an SVG of no width")
        return real(path, size)

    monkeypatch.setattr(art_module, "rasterise_cover", odd)
    cache = ArtCache(art)
    cache.background("hall", ON_SHOW)
    cache.flush(ARRIVES)
    assert arrived(cache, ON_SHOW), "after one picture raised, the next never came"
    assert cache.background("hall", ON_SHOW)[1], "the picture that raised should show as a placeholder"
    cache.close()
