"""What the suite starts (an LRS, X servers, session buses) is stopped even when the suite itself is stopped.

Two cases, two guards:

- The suite is sent SIGTERM or SIGHUP (a CI job cancelled, a terminal closed, ``make`` interrupted): the
  signal is turned into the KeyboardInterrupt that Ctrl-C gives, so pytest ends the session the way it
  does for Ctrl-C, running every fixture's teardown, and the servers those fixtures started are stopped.
  Switched on by conftest.py (:func:`stop_as_interrupt`).
- The suite is killed outright (SIGKILL, nothing runs): a server started in its own process group would
  live on. A server we write ourselves (tests/ralph_serve.py) calls :func:`exit_with_parent`, which ends it
  within a second of its parent going.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from types import FrameType

_SUITE = os.getpid()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _SUITE:  # a process forked by a test (a pool's worker) inherited this: it ends as it would have
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise KeyboardInterrupt(f"the test run was stopped ({signal.Signals(signum).name})")


def stop_as_interrupt() -> None:
    """SIGTERM and SIGHUP end this process as Ctrl-C would (only where nothing else handles them)."""
    global _SUITE
    _SUITE = os.getpid()
    for stop in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(stop) in (signal.SIG_DFL, None):
            signal.signal(stop, _interrupt)


def exit_with_parent(poll: float = 0.5) -> None:
    """End this process soon after the process that started it ends (checked on a daemon thread)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
