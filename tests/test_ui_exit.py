"""A window's drawing thread never outlives it into the interpreter's exit, where it crashed the process.

A short script that watched a case and quit died of a segmentation fault
about one run in ten: the art thread, a daemon idling up to two seconds for
another picture, woke while Python was tearing itself down. The thread now
ends when its window closes, and at exit when a script never closed it
(simulator/ui/kit/art_worker.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from simulator.ui.driver import make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"

# Opens the window on the example's watch mode, asks for pictures at sizes not drawn yet (so the drawing thread is
# busy or idling), then exits at once: closing the window first, or not at all (argv[1]).
SCRIPT = r"""
import atexit, os, sys, tempfile, threading
os.environ["SDL_VIDEODRIVER"] = "dummy"

def check() -> None:  # registered first, so it runs last, after the window's own exit hooks
    alive = [t.name for t in threading.enumerate() if t.name == "doorstep-art"]
    print("art threads at exit:", alive or "none", flush=True)

atexit.register(check)
import pygame
from simulator.ui.driver import Driver, make_app

d = Driver(make_app(tempfile.mkdtemp(), sys.argv[2], size=(1920, 1080)))
assert d.tab_to("watch")
d.keys(pygame.K_RETURN, pygame.K_RETURN)
for i in range(6):
    d.app.step(dt=1 / 60)
for w in range(1200, 1920, 60):
    d.app.art.background("front-door", (w, w * 9 // 16), 1)
if sys.argv[1] == "close":
    d.app.close()
"""


def art_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "doorstep-art" and t.is_alive()}


def test_closing_the_window_ends_its_drawing_thread(tmp_path: Path):
    """With pictures still queued, close() drops them and returns only once the window's drawing thread has ended."""
    others = art_threads()
    app = make_app(tmp_path, EXAMPLE, size=(1920, 1080))
    for w in range(1200, 1920, 60):
        app.art.background("front-door", (w, w * 9 // 16), 1)
    assert art_threads() - others, "no drawing thread was started"
    app.close()
    assert not (art_threads() - others), "the drawing thread outlived its window"
    assert not app.art.busy


@pytest.mark.parametrize("how", ["close", "no-close"])
def test_a_script_that_watches_then_exits_leaves_no_drawing_thread_and_never_crashes(how: str):
    """Run five times each: exit code 0 every time (not -11), and no drawing thread alive when the interpreter tears down."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(PROJECT), "DOORSTEP_ACCESSKIT": "0"}
    for run in range(5):
        done = subprocess.run([sys.executable, "-c", SCRIPT, how, str(EXAMPLE)], capture_output=True, text=True, timeout=120, env=env, cwd=PROJECT)
        assert done.returncode == 0, f"run {run}: exit code {done.returncode}\n{done.stderr[-2000:]}"
        assert "art threads at exit: none" in done.stdout, f"run {run}: {done.stdout}"
