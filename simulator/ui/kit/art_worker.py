"""The threads that draw pictures for :class:`~simulator.ui.kit.art.ArtCache`, and how they stop.

Pictures are rasterised off the main thread (SDL_image releases the
interpreter lock while it draws), in two lanes, each with its own thread:

* **ahead** draws what the next screens will want. Its thread is niced, so
  drawing ahead never slows a frame on a two-core laptop;
* **now** draws what the screen on show is waiting for (a watch card's timer
  starts only once its backdrop is in). Its thread is not niced: on a laptop
  busy with something else a niced thread is starved, and the screen waited
  seconds for its picture. A picture asked ahead and then wanted now is
  drawn by this lane at once, however long the ahead queue or however
  starved its thread; whichever lane finishes it first hands it over, once.

A thread holds no reference to the cache, and ends after :data:`IDLE_EXIT`
seconds with nothing to draw, so a window that is closed (or every window a
test suite opens) does not leave a thread and its pictures behind for good;
a later request starts another.

Both are also stopped, and waited for, when their window closes
(:meth:`Worker.stop`, from ``App.close``) and when the interpreter exits
(an ``atexit`` hook): a daemon thread still waiting for work, or drawing,
when Python tears itself down wakes into a freed interpreter and crashes
the process (a segmentation fault at exit, about one run in ten of a short
script that watched a case and quit; tests/test_ui_exit.py).
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

import pygame

Key = tuple[Any, ...]
Draw = Callable[[], pygame.Surface]
NOW, SOON = 0, 1  # request priorities: needed by the screen on show, or asked ahead
IDLE_EXIT = 2.0  # seconds a thread waits for another picture before it ends (a new request starts another)
STOP_WAIT = 5.0  # the longest a closing window waits for a picture being drawn (a bounded SVG takes well under a second)
AHEAD_NICE = 10  # how much lower the ahead lane's thread runs than the window (Linux: a thread can be niced on its own)


class Ticket:
    """One picture asked for, however many lanes it was queued on: drawn by the first lane to reach it, handed over once."""

    __slots__ = ("draw", "drawing", "handed", "key", "priority")

    def __init__(self, key: Key, draw: Draw, priority: int) -> None:
        self.key = key
        self.draw: Draw | None = draw
        self.priority = priority  # the most urgent it was asked at
        self.drawing = False
        self.handed = False


_STOP = Ticket(("stop",), lambda: pygame.Surface((1, 1)), -1)


class Lane:
    """One queue and the thread that empties it (started on demand, ended when idle or stopped)."""

    def __init__(self, worker: Worker, name: str, nice: int) -> None:
        self.jobs: queue.PriorityQueue[tuple[int, int, Ticket]] = queue.PriorityQueue()
        self.name = name
        self.nice = nice
        self.running = False
        self.thread: threading.Thread | None = None
        self._worker = weakref.ref(worker)
        self._lock = worker.lock
        self._done = worker.done

    def put(self, priority: int, order: int, ticket: Ticket) -> None:
        """Queue ``ticket`` (the worker's lock held) and start the thread if none is running."""
        self.jobs.put((priority, order, ticket))
        if not self.running:
            self.running = True
            self.thread = threading.Thread(target=self._run, args=(self.jobs,), name="doorstep-art", daemon=True)
            self.thread.start()

    def drop(self) -> threading.Thread | None:
        """Drop what is queued and ask the thread to end (the worker's lock held); the thread to wait for, if any."""
        thread, jobs = self.thread, self.jobs
        if thread is None or not self.running:
            return None
        with contextlib.suppress(queue.Empty):
            while True:
                jobs.get_nowait()
        jobs.put((-1, -1, _STOP))  # the thread wakes now, not after IDLE_EXIT, and ends
        self.jobs = queue.PriorityQueue()  # a later request starts a thread of its own on a queue of its own
        self.running = False
        self.thread = None
        return thread

    def _run(self, jobs: queue.PriorityQueue[tuple[int, int, Ticket]]) -> None:
        try:
            self._serve(jobs)
        finally:  # however it ends, a later request starts another thread rather than queueing for a dead one
            with self._lock:
                if self.jobs is jobs and self.thread is threading.current_thread():
                    self.running = False
                    self.thread = None

    def _serve(self, jobs: queue.PriorityQueue[tuple[int, int, Ticket]]) -> None:
        if self.nice:
            with contextlib.suppress(AttributeError, OSError):
                tid = threading.get_native_id()
                os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + self.nice))
        while True:
            try:
                _, _, ticket = jobs.get(timeout=IDLE_EXIT)
            except queue.Empty:
                ticket = None
            if ticket is _STOP:
                return
            if ticket is None:
                with self._lock:  # a request between the timeout and here finds the flag still set: look again
                    if jobs.empty():
                        self.running = False
                        self.thread = None
                        return
                continue
            self._draw(ticket)
            del ticket  # a finished job's closure (and the cache it may reach) is not kept while the thread waits

    def _draw(self, ticket: Ticket) -> None:
        with self._lock:
            draw = ticket.draw
            # The ahead lane leaves a picture another lane took; the now lane draws it even if the (starved) ahead
            # lane is part way through it: the screen on show should not wait for a niced thread.
            if draw is None or ticket.handed or (ticket.drawing and self.nice):
                return
            ticket.drawing = True
        try:
            result: tuple[pygame.Surface | None, str] = (draw(), "")
        except Exception as exc:  # any picture that cannot be drawn is a placeholder and a note; the lane goes on
            result = (None, str(exc) or type(exc).__name__)
        del draw
        with self._lock:
            if ticket.handed:
                return
            ticket.handed = True
            ticket.draw = None
            worker = self._worker()
            if worker is not None and worker.tickets.get(ticket.key) is ticket:
                del worker.tickets[ticket.key]
            self._done.put((ticket.key, *result))


class Worker:
    """The two drawing lanes and the queue of finished pictures, apart from the cache."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done: queue.Queue[tuple[Key, pygame.Surface | None, str]] = queue.Queue()
        self.tickets: dict[Key, Ticket] = {}  # pictures asked for and not yet handed over
        self._order = itertools.count()
        self.now = Lane(self, "now", 0)
        self.ahead = Lane(self, "ahead", AHEAD_NICE)
        _WORKERS.add(self)

    @property
    def running(self) -> bool:
        with self.lock:
            return self.now.running or self.ahead.running

    def put(self, priority: int, key: Key, draw: Draw) -> None:
        """Ask for a picture: NOW goes to the un-niced lane, anything else ahead. Asking again at NOW hurries it."""
        with self.lock:
            ticket = self.tickets.get(key)
            if ticket is None:
                ticket = self.tickets[key] = Ticket(key, draw, priority)
            elif priority >= ticket.priority:
                return  # asked already, as soon or sooner
            ticket.priority = priority
            (self.now if priority <= NOW else self.ahead).put(priority, next(self._order), ticket)

    def stop(self, timeout: float = STOP_WAIT) -> None:
        """Drop what is still to draw, end both threads and wait for them (pictures being drawn are finished first)."""
        with self.lock:
            self.tickets.clear()
            threads = [t for t in (self.now.drop(), self.ahead.drop()) if t is not None]
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout)


_WORKERS: weakref.WeakSet[Worker] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """At exit, before the interpreter is torn down: every drawing thread still alive is ended and waited for."""
    for worker in list(_WORKERS):
        worker.stop()
