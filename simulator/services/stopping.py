"""A polite kill or a closed terminal stops a command as Ctrl-C does, and only while that command runs.

``doorstep play``, ``watch`` and ``workshop`` turn SIGTERM (a logout, a
``kill``) and SIGHUP (the terminal closed) into an exception their loop
already handles like Ctrl-C: saves finished, the store closed, the report
written. :func:`stopped_by_signals` installs that for the length of a
``with`` block and then puts back whatever handled the signals before, so a
run made in-process (a test, a tool calling :func:`simulator.cli.main`)
leaves the process as it found it: a pool forked afterwards does not inherit
a handler that raises in its workers.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

NAMES = ("SIGTERM", "SIGHUP")

Handler = Callable[[int, Any], Any] | int | None


@contextmanager
def stopped_by_signals(stop: Callable[[], BaseException]) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise ``stop()``; afterwards the handlers from before are back."""
    before: list[tuple[int, Handler]] = []
    if threading.current_thread() is threading.main_thread():  # Python lets only the main thread set handlers

        def raise_stop(signum: int, frame: object) -> None:
            raise stop()

        for name in NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                before.append((number, signal.getsignal(number)))
                signal.signal(number, raise_stop)
    try:
        yield
    finally:
        for number, handler in before:
            # None: set outside Python; the default is the closest thing to put back
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
