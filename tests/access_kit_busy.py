"""A window's bridge whose loop calls AccessKit as often as it can while AT-SPI takes it up (tests/test_access_kit_thread.py).

Run on the test desktop with the venv's Python: it opens the real Unix
adapter with the title screen's tree, then for SECONDS calls every bridge
method the loop calls (update, window focus, window bounds) in a tight loop,
the way a busy window's loop can at the moment a screen reader connects.
It prints ``connected N`` (N: how many calls it made) and then waits, on the
bus, to be read; a bridge that deadlocks with AccessKit's thread prints its
threads and exits 3 instead of hanging.
"""

from __future__ import annotations

import faulthandler
import sys
import time

from simulator.ui.kit.access_kit import Bridge
from simulator.ui.kit.access_tree import ROOT, Node, Tree


def main(seconds: float) -> int:
    faulthandler.dump_traceback_later(seconds + 20, exit=True)  # exits 1 with every thread's stack: a hang, said
    screen = Node("s1", "screen", "Doorstep", children=(Node("s1:new", "button", "New playthrough", focusable=True),))
    tree = Tree(Node(ROOT, "window", "Doorstep", children=(screen,)), focus="s1:new")
    bridge = Bridge()
    calls = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end or not bridge.active:
        bridge.update(tree)
        bridge.window_focused(True)
        bridge.window_bounds((0, 0), (1280, 720))
        calls += 3
    faulthandler.cancel_dump_traceback_later()
    print(f"connected {calls}", flush=True)
    time.sleep(120)  # read from the bus meanwhile; the test stops it
    return 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1])))
