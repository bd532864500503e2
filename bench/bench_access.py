"""What the accessibility tree costs the window: describing the screen after a frame, against drawing that frame.

The tree is made after every frame that changed (kit/access_hub.py), so its
cost is set beside a frame's. Measured on the play screen of the Harris case
and on the prebrief (the longest document), each as: a frame drawn with
nobody listening, and the same frame with the tree made and compared (as when
a screen reader or self-voicing listens). Prints the ratio; none of it is a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ["DOORSTEP_ACCESSKIT"] = "0"  # the adapter's own work happens on its thread; this measures ours

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame

from simulator.ui.driver import Driver, make_app

ROUNDS = 300


def per_frame(app: object, listening: bool) -> float:
    access = app.access  # type: ignore[attr-defined]
    access.listeners[:] = [lambda before, after: None] if listening else []
    times = []
    for _ in range(ROUNDS):
        access.tree = None  # as if the screen had changed: the tree is made and compared every time
        start = time.perf_counter()
        app.draw()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    app = make_app(folder, Path(__file__).resolve().parent.parent / "scenarios" / "harris-family")
    d = Driver(app)
    d.key(pygame.K_RETURN)
    d.tab_to("start")
    d.key(pygame.K_RETURN)
    plain, told = per_frame(app, False), per_frame(app, True)
    print(f"prebrief: a frame {plain * 1000:.2f} ms; with the tree made {told * 1000:.2f} ms; ratio {told / plain:.2f}")
    d.tab_to("begin")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    plain, told = per_frame(app, False), per_frame(app, True)
    print(f"play: a frame {plain * 1000:.2f} ms; with the tree made {told * 1000:.2f} ms; ratio {told / plain:.2f}")
    app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
