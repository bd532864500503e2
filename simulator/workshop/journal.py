"""Saving a workshop as it goes: a change is in the store before the room is told it was taken.

A power cut or a ``kill -9`` in the middle of a morning's workshop must not
lose the room's votes, the decisions it settled or the facilitator's notes.
So every change is announced to a :class:`Journal` (:meth:`Journal.changed`
gives it a number), and whoever acknowledges it (the phone's answer to its
vote, the window's "Note kept.") first waits for that number to be saved
(:meth:`Journal.wait`, or :meth:`Journal.when_saved` from an event loop).

One thread writes. It takes the newest snapshot of the whole session and
saves it in one transaction (the store syncs each commit), then tells every
change up to the number it had read that it is safe: a burst of a hundred
votes is a few writes, not a hundred (group commit). A write that fails
(a full disk) is said once through ``on_problem`` and the room carries on:
what is in memory is still kept when the workshop ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Snapshot = Callable[[], dict[str, Any]]
Writer = Callable[[dict[str, Any]], None]


class Journal:
    """The session's one writer: numbered changes, saved in order, waited on by whoever acknowledges them."""

    def __init__(self, snapshot: Snapshot, write: Writer, *, on_problem: Callable[[str], None] | None = None, finish: Callable[[], None] | None = None) -> None:
        self._snapshot = snapshot
        self._write = write
        self._finish = finish
        self._on_problem = on_problem
        self._cond = threading.Condition()
        self._asked = 0  # changes announced
        self._saved = 0  # changes saved (or given up on when a write failed)
        self._waiting: list[tuple[int, Callable[[], None]]] = []
        self._closing = False
        self._stopped = False
        self._last: Callable[[], None] | None = None  # the session's final save, run on this thread as it closes
        self._last_ran = False
        self.problem: str | None = None
        self.writes = 0
        self._thread = threading.Thread(target=self._run, name="doorstep-workshop-journal", daemon=True)

    def start(self) -> Journal:
        """Start the writer (the session's state as it starts is its first save)."""
        self.changed()
        self._thread.start()
        return self

    def changed(self) -> int:
        """Something in the session changed (after the change is made); the number to wait for."""
        with self._cond:
            self._asked += 1
            self._cond.notify_all()
            return self._asked

    def wait(self, number: int, timeout: float | None = None) -> bool:
        """Block until change ``number`` is saved (True), the journal stopped, or ``timeout`` passed (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._saved >= number or self._stopped, timeout) and self._saved >= number

    def when_saved(self, number: int, callback: Callable[[], None]) -> None:
        """Call ``callback`` (on the writer's thread, or now) once change ``number`` is saved or the journal has stopped."""
        with self._cond:
            if self._saved < number and not self._stopped:
                self._waiting.append((number, callback))
                return
        callback()

    def close(self, timeout: float = 30.0, *, last: Callable[[], None] | None = None) -> bool:
        """Save what is pending, run ``last`` (the session's final save, through the writer's own open store: opening
        the store again cost the stop its syncs), then stop the writer (it finishes its store). Whether ``last`` ran;
        if not (the writer had stopped, or did not finish within ``timeout``), it is the caller's to do."""
        with self._cond:
            if not self._closing and not self._stopped:
                self._last = last
            self._closing = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)
        with self._cond:
            return self._last_ran and last is not None and self._last is last

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._asked > self._saved or self._closing)
                    if self._asked <= self._saved:
                        break
                    target = self._asked
                try:
                    self._write(self._snapshot())  # taken after `target` was read: it holds every change up to it
                    self.writes += 1
                except Exception as exc:  # a full disk or a damaged store must not stop the room; said once
                    self._problem(str(exc) or type(exc).__name__)
                self._settle(target)
            if self._last is not None:
                try:
                    self._last()
                    with self._cond:
                        self._last_ran = True
                except Exception as exc:  # the caller saves it another way
                    self._problem(str(exc) or type(exc).__name__)
        finally:
            if self._finish is not None:
                try:
                    self._finish()
                except Exception as exc:
                    self._problem(str(exc) or type(exc).__name__)
            with self._cond:
                self._stopped = True
                ready, self._waiting = self._waiting, []
                self._cond.notify_all()
            for _, callback in ready:
                callback()

    def _settle(self, target: int) -> None:
        with self._cond:
            self._saved = target
            ready = [cb for n, cb in self._waiting if n <= target]
            self._waiting = [(n, cb) for n, cb in self._waiting if n > target]
            self._cond.notify_all()
        for callback in ready:
            callback()

    def _problem(self, what: str) -> None:
        if self.problem is None:
            self.problem = what
            if self._on_problem is not None:
                self._on_problem(what)
