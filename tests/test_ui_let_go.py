"""Pictures a frame stops using are freed while the trainee reads, not in that frame.

Freeing a picture the size of the window hands its memory back to the system: at 1920x1080 up to a millisecond
each. Turning to a new moment drawn ahead took over its pictures and dropped the two the page before had been drawn
ahead in (the page's frame and the still part it replaced), in that frame: the five dearest frames of bench_ui's
paging (2.0-2.9 ms of CPU in the moment's refresh alone). They are now held until the loop is next idle
(Loop.let_go). Every frame is still checked against a whole redraw (tests/test_ui_dirty.py's screen copy).
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from test_ui_ahead import HARRIS, Counts, reading
from test_ui_dirty import Screen, into_play, step, walk

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui


def test_a_new_moment_taken_over_frees_the_page_before_s_pictures_only_once_idle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    screen = Screen(monkeypatch)
    counts = Counts(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    held = 0
    for _top, key in walk(d, 120, reading):
        play = next((s for s in d.app.stack if s.name == "play"), None)  # under a card too: closing it shows the new moment
        if play is None:
            step(d, screen, "a key", key)
            continue
        old = weakref.ref(play.ahead)
        sizes = [s.get_size() for s in (play.ahead.frame, play.ahead.still) if s is not None]
        adopted = counts.adopted
        step(d, screen, "a key", key)
        if counts.adopted == adopted:
            continue
        assert old() is not None, "the pictures the page before was drawn ahead in were freed in the frame that left it"
        reading(d)
        assert old() is None, "the pictures the page before was drawn ahead in were kept after the loop was idle"
        held += (1920, 1080) in sizes
    assert held >= 5, held
    d.app.close()
