"""The room: who has joined, the question on the projector, one vote per phone, and what may be seen when.

A question goes through phases the facilitator moves it along:
``waiting`` (on the projector, voting not yet open), ``open`` (phones vote,
and may change their vote), ``closed`` (no more votes; how many voted is
shown), ``revealed`` (the tally is shown) and ``settled`` (the room's choice
made, or the versions' answers shown). The tally is in no view, the
projector's or a phone's, before ``revealed``: only how many have voted.

Votes are anonymous: a phone is known only by a random token (kept in its
cookie so a phone that drops off the Wi-Fi and comes back keeps its one
vote), and nothing about a token outlives the workshop. The room is shared
by the web server's thread and the window's, so every method takes its lock;
listeners are called after each change, outside the lock, so a host can wake
its own loop (they must not block). Times are passed in, never read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.workshop import codes

Phase = Literal["waiting", "open", "closed", "revealed", "settled"]
PHASES: tuple[Phase, ...] = ("waiting", "open", "closed", "revealed", "settled")
Mode = Literal["play", "watch"]
MAX_PHONES = 500  # far more than a training room; a flood of joins stops here
# Phones joined from one address (a phone that lost its cookie joins again; a few browsers on one laptop): a device
# joining over and over would otherwise fill the room, and the phones that came to the workshop could not join.
PHONES_PER_SOURCE = 20
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


class RoomError(Exception):
    """A request the room refuses; the message is for the person who made it (a phone or the facilitator)."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a question as the room sees it: its letter, its words."""

    id: str
    letter: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    """What the room is asked at a decision: a prompt and the options (letters A, B, C... in the order shown)."""

    key: str
    prompt: str
    options: tuple[Choice, ...]
    context: str = ""  # where the case is (the episode and the last words said), for phones that cannot see the screen

    @classmethod
    def of(cls, key: str, prompt: str, options: tuple[tuple[str, str], ...], context: str = "") -> Question:
        """A question from (id, text) pairs, lettered in order."""
        return cls(key, prompt, tuple(Choice(oid, LETTERS[i % len(LETTERS)], text) for i, (oid, text) in enumerate(options)), context)

    def letter_of(self, option_id: str) -> str:
        for c in self.options:
            if c.id == option_id:
                return c.letter
        return "?"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the projector says once a question is settled (the phones see it too): a heading and a few lines."""

    heading: str
    lines: tuple[str, ...] = ()
    marks: Mapping[str, str] = field(default_factory=dict)  # option id -> what it was ("The room's choice", "Enabler worker")


@dataclass(frozen=True, slots=True)
class Timer:
    """A discussion timer: when it was started (the host's clock, in seconds) and for how long."""

    started: float
    seconds: float

    def left(self, now: float) -> float:
        return max(0.0, self.started + self.seconds - now)


@dataclass(frozen=True, slots=True)
class View:
    """What the room shows now, to the projector or to one phone: the tally only once revealed."""

    version: int
    phase: Phase | None
    question: Question | None
    voted: int
    joined: int
    tally: Mapping[str, int] | None
    outcome: Outcome | None
    paused: bool
    stepped_out: bool
    timer: Timer | None
    mine: str | None = None  # this phone's vote (phones only)
    ended: bool = False
    heading: str = ""  # what the room is watching (the episode), for phones between questions


Listener = Callable[[], None]


class Room:
    """One workshop's room. Thread-safe; every change bumps :attr:`version` and calls the listeners."""

    def __init__(self, code: str, mode: Mode, *, new_token: Callable[[], str] = codes.new_token, max_phones: int = MAX_PHONES) -> None:
        self.code = code
        self.mode: Mode = mode
        self._new_token = new_token
        self._max_phones = max_phones
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._phones: set[str] = set()
        self._sources: dict[str, int] = {}  # phones joined from each address
        self._votes: dict[str, str] = {}
        self._question: Question | None = None
        self._phase: Phase | None = None
        self._outcome: Outcome | None = None
        self._paused = False
        self._stepped_out = False
        self._timer: Timer | None = None
        self._ended = False
        self._heading = ""
        self.version = 0
        self.votes_cast = 0  # every vote taken, changes included (for the load benchmark's count)

    # -- listening ----------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _changed(self) -> None:
        """Called with the lock held; listeners run after it is released (see :meth:`_after`)."""
        self.version += 1

    def _notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener()

    # -- phones -------------------------------------------------------------------
    def join(self, typed_code: str, token: str | None = None, source: str | None = None) -> str:
        """A phone joins with the code it typed; its token (the same one again for a phone that had one).

        ``source`` is the address it joined from (None: not counted, as the facilitator's own machine is not);
        at most :data:`PHONES_PER_SOURCE` phones join from one.
        """
        if not codes.matches(typed_code, self.code):
            raise RoomError("That is not this room's code. Check the code on the screen and try again.")
        with self._lock:
            if token is not None and token in self._phones:
                return token
            if len(self._phones) >= self._max_phones:
                raise RoomError("The room is full.")
            if source is not None and self._sources.get(source, 0) >= PHONES_PER_SOURCE:
                raise RoomError(f"{PHONES_PER_SOURCE} phones have already joined from this device's network address; ask the facilitator if you need to join.")
            if source is not None:
                self._sources[source] = self._sources.get(source, 0) + 1
            token = self._new_token()
            self._phones.add(token)
            self._changed()
        self._notify()
        return token

    def knows(self, token: str | None) -> bool:
        with self._lock:
            return token is not None and token in self._phones

    @property
    def joined(self) -> int:
        with self._lock:
            return len(self._phones)

    def vote(self, token: str | None, option_id: str) -> str:
        """Take (or change) a phone's vote; the letter voted for. :class:`RoomError` saying why when refused."""
        with self._lock:
            if token is None or token not in self._phones:
                raise RoomError("This phone has not joined the room: open the room's address again and enter its code.")
            if self._stepped_out:
                raise RoomError("The room has stepped out for a while; there is nothing to vote on.")
            if self._question is None or self._phase != "open":
                raise RoomError("Voting is not open just now." if self._question is not None else "There is no question to vote on just now.")
            if all(c.id != option_id for c in self._question.options):
                raise RoomError("That is not one of the options on the screen.")
            previous = self._votes.get(token)
            self.votes_cast += 1
            if previous == option_id:
                return self._question.letter_of(option_id)
            self._votes[token] = option_id
            self._changed()
            letter = self._question.letter_of(option_id)
        self._notify()
        return letter

    # -- the question and its phases (the facilitator) ---------------------------------
    def ask(self, question: Question | None, heading: str | None = None) -> None:
        """Put a question on the projector, voting not yet open (None: the room is reading, nothing to vote on)."""
        with self._lock:
            self._question = question
            self._phase = "waiting" if question is not None else None
            self._votes = {}
            self._outcome = None
            if heading is not None:
                self._heading = heading
            self._changed()
        self._notify()

    def _move(self, allowed: tuple[Phase | None, ...], to: Phase, what: str) -> None:
        with self._lock:
            if self._question is None:
                raise RoomError(f"There is no question to {what}.")
            if self._phase not in allowed:
                raise RoomError(f"Cannot {what} now: the question is {self._phase}.")
            self._phase = to
            self._changed()
        self._notify()

    def open_voting(self) -> None:
        """Phones may vote (and change their vote). Opening again after closing keeps the votes already cast."""
        self._move(("waiting", "closed"), "open", "open voting")

    def cancel_voting(self) -> None:
        """Back to waiting, every vote dropped (voting was opened by mistake)."""
        with self._lock:
            if self._phase != "open":
                raise RoomError("Voting is not open.")
            self._votes = {}
            self._phase = "waiting"
            self._changed()
        self._notify()

    def close_voting(self) -> None:
        self._move(("open",), "closed", "close voting")

    def reveal(self) -> None:
        """Show the tally (closing voting first if it was open)."""
        self._move(("open", "closed"), "revealed", "reveal the votes")

    def settle(self, outcome: Outcome) -> dict[str, int]:
        """The question is answered: voting ends and the outcome is shown. Returns the final tally."""
        with self._lock:
            if self._question is None:
                raise RoomError("There is no question to settle.")
            self._phase = "settled"
            self._outcome = outcome
            tally = self._tally()
            self._changed()
        self._notify()
        return tally

    def _tally(self) -> dict[str, int]:
        counts = {c.id: 0 for c in self._question.options} if self._question is not None else {}
        for option_id in self._votes.values():
            counts[option_id] = counts.get(option_id, 0) + 1
        return counts

    def tally(self) -> dict[str, int]:
        """The votes per option now (for the record; no view shows it before the reveal)."""
        with self._lock:
            return self._tally()

    @property
    def phase(self) -> Phase | None:
        with self._lock:
            return self._phase

    @property
    def question(self) -> Question | None:
        with self._lock:
            return self._question

    # -- the whole room --------------------------------------------------------------------
    def set_paused(self, paused: bool) -> None:
        """Pause for discussion (the projector says so, phones too); voting stays as it was."""
        self._set("_paused", paused)

    def set_stepped_out(self, out: bool) -> None:
        """The whole room steps out: the projector and the phones show the support information instead."""
        self._set("_stepped_out", out)

    def set_heading(self, heading: str) -> None:
        self._set("_heading", heading)

    def _set(self, name: str, value: Any) -> None:
        with self._lock:
            if getattr(self, name) == value:
                return
            setattr(self, name, value)
            self._changed()
        self._notify()

    def start_timer(self, seconds: float, now: float) -> None:
        if seconds <= 0:
            raise RoomError("A discussion timer needs a number of seconds above 0.")
        self._set("_timer", Timer(now, float(seconds)))

    def stop_timer(self) -> None:
        self._set("_timer", None)

    def end(self) -> None:
        """The workshop is over: phones are told, and nothing more can be voted."""
        with self._lock:
            self._ended = True
            self._question = None
            self._phase = None
            self._votes = {}
            self._changed()
        self._notify()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stepped_out(self) -> bool:
        return self._stepped_out

    @property
    def ended(self) -> bool:
        return self._ended

    # -- views -------------------------------------------------------------------------------
    def view(self, token: str | None = None) -> View:
        """What the projector (no token) or one phone sees now."""
        with self._lock:
            shown = self._phase in ("revealed", "settled")
            return View(
                version=self.version,
                phase=self._phase,
                question=self._question,
                voted=len(self._votes),
                joined=len(self._phones),
                tally=self._tally() if shown else None,
                outcome=self._outcome,
                paused=self._paused,
                stepped_out=self._stepped_out,
                timer=self._timer,
                mine=self._votes.get(token) if token is not None else None,
                ended=self._ended,
                heading=self._heading,
            )
