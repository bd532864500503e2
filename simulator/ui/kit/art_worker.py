"""The thread that draws pictures for :class:`~simulator.ui.kit.art.ArtCache`, and how it stops.

Pictures are rasterised off the main thread (SDL_image releases the
interpreter lock while it draws). The thread holds no reference to the
cache, and ends after :data:`IDLE_EXIT` seconds with nothing to draw, so a
window that is closed (or every window a test suite opens) does not leave a
thread and its pictures behind for good; a later request starts another.

It is also stopped, and waited for, when its window closes
(:meth:`Worker.stop`, from ``App.close``) and when the interpreter exits
(an ``atexit`` hook): a daemon thread still waiting for work, or drawing,
when Python tears itself down wakes into a freed interpreter and crashes
the process (a segmentation fault at exit, about one run in ten of a short
script that watched a case and quit; tests/test_ui_exit.py).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

import pygame

Key = tuple[Any, ...]
Job = tuple[int, int, Key, Callable[[], pygame.Surface]]
IDLE_EXIT = 2.0  # seconds a worker waits for another picture before its thread ends (a new request starts another)
STOP_WAIT = 5.0  # the longest a closing window waits for a picture being drawn (a bounded SVG takes well under a second)
_STOP: Key = ("stop",)


def _nothing() -> pygame.Surface:
    raise ValueError("stop")


class Worker:
    """The drawing thread and its queues, apart from the cache."""

    def __init__(self) -> None:
        self.jobs: queue.PriorityQueue[Job] = queue.PriorityQueue()
        self.done: queue.Queue[tuple[Key, pygame.Surface | None, str]] = queue.Queue()
        self._lock = threading.Lock()
        self._running = False
        self._thread: threading.Thread | None = None
        _WORKERS.add(self)

    @property
    def running(self) -> bool:
        with self._lock:
            return self._running

    def put(self, job: Job) -> None:
        with self._lock:
            self.jobs.put(job)
            if not self._running:
                self._running = True
                self._thread = threading.Thread(target=self._run, name="doorstep-art", daemon=True)
                self._thread.start()

    def stop(self, timeout: float = STOP_WAIT) -> None:
        """Drop what is still to draw, end the thread and wait for it (the picture being drawn is finished first)."""
        with self._lock:
            thread = self._thread
            if thread is None or not self._running:
                return
            with contextlib.suppress(queue.Empty):
                while True:
                    self.jobs.get_nowait()
            self.jobs.put((-1, -1, _STOP, _nothing))  # before anything: the thread wakes now, not after IDLE_EXIT
        if thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        # On Linux a thread can be niced on its own: drawing ahead should never slow a frame on a two-core laptop.
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        while True:
            try:
                _, _, key, job = self.jobs.get(timeout=IDLE_EXIT)
            except queue.Empty:
                key = None
            if key is None or key == _STOP:
                with self._lock:  # a request between the timeout and here finds the flag still set: look again
                    if key == _STOP or self.jobs.empty():
                        self._running = False
                        self._thread = None
                        return
                continue
            try:
                self.done.put((key, job(), ""))
            except (pygame.error, OSError, ValueError) as exc:
                self.done.put((key, None, str(exc)))
            del job  # a finished job's closure (and the cache it may reach) is not kept while the thread waits


_WORKERS: weakref.WeakSet[Worker] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """At exit, before the interpreter is torn down: every drawing thread still alive is ended and waited for."""
    for worker in list(_WORKERS):
        worker.stop()
