"""The facilitator's controls by name, for every host: the window's keys and the browser's buttons, one at a time.

The window (on its own thread) and the web server (on another) both drive
one :class:`~simulator.workshop.facilitate.Workshop`; :class:`Control` takes
a lock around every action so they never interleave, and turns a refused
action into a sentence instead of an exception. With a journal, an action
returns (and the facilitator is told it was done) only once it is saved.
Times are passed in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from simulator.workshop.facilitate import Workshop
from simulator.workshop.journal import Journal
from simulator.workshop.room import RoomError

ACTIONS = (
    "forward",
    "back",
    "open",
    "close",
    "reveal",
    "choose",
    "up",
    "down",
    "pause",
    "step-out",
    "skip",
    "timer",
    "timer-stop",
    "note",
    "end",
)
MAX_TIMER_S = 60 * 60
SAVE_WAIT_S = 10.0  # a store that hangs longer than this does not freeze the facilitator's controls


@dataclass(frozen=True, slots=True)
class Done:
    """What an action did: ok, and a sentence for the facilitator."""

    ok: bool
    said: str = ""
    ended: bool = False  # this action ended the workshop (End, or PageDown past the ending)


class Control:
    """One workshop's controls, safe to call from any thread."""

    def __init__(self, workshop: Workshop, on_end: Callable[[], object] | None = None, *, lock: threading.RLock | None = None) -> None:
        self.workshop = workshop
        self.lock = lock or threading.RLock()
        self._on_end = on_end
        self.journal: Journal | None = None  # saves the session after every change (see :mod:`journal`)

    def saved(self) -> None:
        """Wait until every change so far is saved (no journal: at once)."""
        journal = self.journal
        if journal is not None:
            journal.wait(journal.changed(), SAVE_WAIT_S)

    def act(self, action: str, value: str = "", *, now: float) -> Done:
        """Do one named action (see :data:`ACTIONS`); refused actions say why."""
        if action not in ACTIONS:
            return Done(False, f"There is no control called {action[:40]!r}.")
        with self.lock:
            ws = self.workshop
            if ws.ended and action != "note":
                return Done(False, "The workshop has ended.")
            try:
                said = self._do(ws, action, value, now)
            except RoomError as exc:
                return Done(False, str(exc))
            ended = ws.ended
        self.saved()
        if ended and action != "note" and self._on_end is not None:
            self._on_end()
        return Done(True, said, ended=ended and action != "note")

    def _do(self, ws: Workshop, action: str, value: str, now: float) -> str:
        room = ws.room
        if action == "forward":
            ws.forward()
        elif action == "back":
            ws.back()
        elif action == "open":
            room.open_voting()
        elif action == "close":
            room.close_voting()
        elif action == "reveal":
            room.reveal()
        elif action == "choose":
            ws.settle(self._option(ws, value))
        elif action in ("up", "down"):
            ws.move_candidate(-1 if action == "up" else 1)
        elif action == "pause":
            return "Paused for discussion." if ws.toggle_pause() else "Carrying on."
        elif action == "step-out":
            return "The room has stepped out." if ws.toggle_step_out() else "The room is back."
        elif action == "skip":
            return ws.skip_scene()
        elif action == "timer":
            seconds = _seconds(value)
            room.start_timer(seconds, now)
            return f"Discussion timer: {_minutes(seconds)}."
        elif action == "timer-stop":
            room.stop_timer()
        elif action == "note":
            ws.note(value)
            return "Note kept." if value.strip() else "An empty note is not kept."
        elif action == "end":
            ws.end()
            return "The workshop has ended."
        return ""

    @staticmethod
    def _option(ws: Workshop, value: str) -> str | None:
        """An option named by its id, its letter or its number on the screen (empty: the room's own choice)."""
        value = value.strip()
        question = ws.room.question
        if not value or question is None:
            return None
        for i, c in enumerate(question.options, 1):
            if value in (c.id, c.letter, c.letter.lower(), str(i)):
                return c.id
        raise RoomError("That is not one of the options on the screen.")


def _seconds(value: str) -> float:
    """A timer length: seconds ("90"), or minutes and seconds ("2:30"), up to an hour."""
    try:
        if ":" in value:
            minutes, _, seconds = value.partition(":")
            if len(value) > 12:
                raise ValueError(value)
            total = int(minutes) * 60 + int(seconds or 0)
        else:
            total = int(float(value))
    except (ValueError, OverflowError):  # OverflowError: "inf" or "1e999" is a float no int can hold
        raise RoomError("A timer is a number of seconds, or minutes:seconds such as 2:30.") from None
    if not 0 < total <= MAX_TIMER_S:
        raise RoomError("A discussion timer runs for between 1 second and an hour.")
    return float(total)


def _minutes(seconds: float) -> str:
    whole = int(seconds)
    if whole % 60 == 0:
        return f"{whole // 60} minute{'s' if whole != 60 else ''}"
    return f"{whole // 60}:{whole % 60:02d}"
