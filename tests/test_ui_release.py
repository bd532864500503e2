"""A closed window lets go of what it held: its fonts' open files, its pictures and caches, even after a case was loaded.

Loading a case freezes what is alive then (scenario.loader.settle), the
window's own reference cycles included; a frozen cycle is never collected,
so each window closed in a process that lives on (a test run, a bench) kept
about nine font files open and 60-90 MB until the process ended: ~1,800
open font files by the end of the suite.
"""

from __future__ import annotations

import gc
import os
import sys
import weakref
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def open_fonts() -> int:
    """How many font files this process has open (Linux: /proc/self/fd)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").endswith(".ttf")
        except OSError:
            continue
    return count


def play_a_little(folder: Path) -> weakref.ref:
    """A window with the case loaded, a few screens into a playthrough, then closed; a weak reference to it."""
    d = Driver(make_app(folder, EXAMPLE, size=(1024, 600)))
    for key in ("new", "start", "begin"):
        assert d.tab_to(key)
        d.key(pygame.K_RETURN)
    for _ in range(5):
        d.key(pygame.K_RETURN)
    d.app.close()
    return weakref.ref(d.app)


def test_a_closed_window_is_freed_with_everything_it_held(tmp_path: Path):
    """After close and a collection, nothing keeps the window alive (it was frozen with the case, for ever)."""
    gone = play_a_little(tmp_path / "one")
    gc.collect()
    assert gone() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts open files in /proc/self/fd")
def test_closing_windows_does_not_leave_font_files_open(tmp_path: Path):
    """Three windows opened and closed one after another leave no more font files open than before them."""
    gc.collect()
    before = open_fonts()
    for n in range(3):
        play_a_little(tmp_path / str(n))
    gc.collect()
    assert open_fonts() <= before
