"""Sending the outbox: once (``doorstep xapi push``), or in the background for the window.

:func:`push` works out the statements of every playthrough that changed,
sends what is waiting and notes the outcome in the store. A failure (no
network, the LRS down, the password changed) is recorded with the time of
the next attempt, which backs off from half a minute to half an hour and
stays there: a laptop offline for a week still sends everything when it is
back, and a workshop's laptops coming back online together do not all
knock at once (the wait is spread by each store's own secret).

:class:`Sender` runs :func:`push` on its own thread with its own connection
to the store, waking when the host nudges it (a choice was saved) or when
the next attempt is due. The host's frame loop and saver thread never wait
for it, and killing the process at any moment loses nothing: what is not
recorded as sent is sent again, after asking the LRS what it already has.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from simulator.records import outbox
from simulator.records.store import Store, StoreError
from simulator.wording import stored_time
from simulator.xapi.delivery import BATCH, Outcome, Tally, deliver
from simulator.xapi.identity import Options
from simulator.xapi.lrs import Client, LRSError
from simulator.xapi.queue import ScenarioFor, Synced, sync

FIRST_WAIT_S = 30.0
LONGEST_WAIT_S = 30 * 60.0
STATE_OF: dict[Outcome, str] = {"new": "sent", "already": "sent", "conflict": "sent", "rejected": "rejected"}


def backoff(failures: int, secret: str) -> float:
    """Seconds to wait after ``failures`` failed attempts in a row: doubling, capped, spread by up to a quarter."""
    base = min(LONGEST_WAIT_S, FIRST_WAIT_S * 2.0 ** max(0, failures - 1))
    spread = int.from_bytes(hashlib.sha256(f"{secret}:{failures}".encode()).digest()[:2], "big") / 65535
    return base * (1 + 0.25 * spread)


@dataclass(slots=True)
class Pushed:
    """One push: what the pass over the store queued, what the LRS did, and the error that stopped it."""

    synced: Synced
    tally: Tally = field(default_factory=Tally)
    error: LRSError | None = None
    damaged: list[str] = field(default_factory=list)
    waiting: int = 0


def push(
    store: Store,
    client: Client,
    scenario_for: ScenarioFor,
    options: Options,
    now: Callable[[], datetime],
    *,
    batch: int = BATCH,
    send: bool = True,
) -> Pushed:
    """Bring the outbox up to date and (unless ``send`` is False) send what is waiting.

    A failure is recorded in the store (with when to retry) and returned, not raised.
    """

    def stamp() -> str:
        return now().isoformat(timespec="seconds")

    done = Pushed(sync(store, scenario_for, options, stamp()))
    rows, done.damaged = outbox.waiting(store) if send else ([], [])
    if rows:
        check = [r.registration for r in rows if r.tries > 0]

        def settled(ids: Sequence[str], outcome: Outcome, note: str | None) -> None:
            outbox.settle(store, ids, STATE_OF[outcome], stamp(), note)

        try:
            done.tally = deliver(
                client,
                [r.statement for r in rows],
                check=check,
                settled=settled,
                before_batch=lambda ids: outbox.tried(store, list(ids)),
                batch=batch,
            )
        except LRSError as exc:
            done.error = exc
    if done.error is not None:
        failures = outbox.status(store).failures + 1
        retry = now() + timedelta(seconds=backoff(failures, outbox.secret(store)))
        outbox.record_attempt(store, stamp(), error=str(done.error), retry_at=retry.isoformat(timespec="seconds"))
    elif rows:
        outbox.record_attempt(store, stamp(), error=None)
    done.waiting = outbox.status(store).waiting
    return done


class Sender:
    """The background sender: a thread that pushes when nudged or when a retry is due."""

    def __init__(
        self,
        open_store: Callable[[], Store],
        client: Client,
        scenario_for: ScenarioFor,
        options: Options,
        now: Callable[[], datetime],
        *,
        quiet_s: float = 1.5,
    ) -> None:
        self._open = open_store
        self._quiet_s = quiet_s
        self._client = client
        self._scenario_for = scenario_for
        self._options = options
        self._now = now
        self._wake = threading.Event()
        self._now_please = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: Pushed | None = None
        self.problem: str | None = None  # a store that could not be read, for the outbox screen

    @property
    def options(self) -> Options:
        """What the trainee chose to send, and the xAPI version spoken."""
        return self._options

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="doorstep-xapi-sender", daemon=True)
            self._thread.start()

    def nudge(self) -> None:
        """Something was saved: queue its statements soon and send them unless a retry is being waited for (never waits)."""
        self._wake.set()

    def retry_now(self) -> None:
        """The settings changed or the trainee asked: try sending at once, whatever the back-off says."""
        self._now_please.set()
        self._wake.set()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the thread to finish; an HTTP request in flight is left to time out on its own (the thread is a daemon)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _due_in(self, retry_at: str | None) -> float | None:
        if not retry_at:
            return None
        due = stored_time(retry_at)
        if due is None or due.tzinfo is None:  # not a time with a zone (the store edited by hand): try now
            return 0.0
        return max(0.0, (due - self._now()).total_seconds())

    def _quieten(self) -> None:
        """While the trainee is clicking (nudges keep coming), wait: the work is done in the first quiet moment.

        Working out statements costs a few milliseconds of Python; on this
        thread it would still share the interpreter with the frame loop, so
        it waits for a pause of ``quiet_s`` (at most ten of them in a row).
        """
        for _ in range(10):
            if self._stopping.is_set() or self._now_please.is_set() or not self._wake.wait(self._quiet_s):
                return
            self._wake.clear()

    def _run(self) -> None:
        wait: float | None = 0.0
        while not self._stopping.is_set():
            if wait is None or wait > 0:
                self._wake.wait(wait)
            self._wake.clear()
            self._quieten()
            if self._stopping.is_set():
                return
            try:
                store = self._open()
            except StoreError as exc:
                self.problem = str(exc)
                wait = LONGEST_WAIT_S
                continue
            try:
                forced = self._now_please.is_set()
                self._now_please.clear()
                due = self._due_in(outbox.status(store).retry_at)
                send = forced or not due
                self.last = push(store, self._client, self._scenario_for, self._options, self._now, send=send)
                self.problem = None
                wait = self._due_in(outbox.status(store).retry_at) if (self.last.error or not send) else None
            except StoreError as exc:
                self.problem = str(exc)
                wait = LONGEST_WAIT_S
            finally:
                store.close()
