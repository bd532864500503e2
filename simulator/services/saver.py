"""The saver thread: store writes committed in order, off the thread that draws.

A window must never wait for an fsync. :class:`Saver` takes each write as a
job and commits it on a thread with its own connection to the record store
(synchronous and fsynced, as every store write is), a few milliseconds
later and in the order handed over. :meth:`Saver.drain` waits for what was
handed over so far, before anything reads the store again; a write that
fails stops the jobs after it (their step numbers would be wrong) and is
reported through :meth:`Saver.problems`, which the playthrough polls.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from simulator.records.store import Store, StoreError

Job = Callable[[Store], None]


class Saver:
    """Commits store writes in order on a thread with its own connection, so no frame waits for an fsync."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._problems: queue.Queue[str] = queue.Queue()
        self._thread: threading.Thread | None = None
        # Called on the saver's thread after each write is committed (the xAPI sender's nudge); it must not block.
        self.after: Callable[[], None] | None = None

    def submit(self, job: Job) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="doorstep-saver", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _run(self) -> None:
        store: Store | None = None
        try:
            store, _ = Store.open(self.path, repair=False)
        except StoreError as exc:
            self._problems.put(str(exc))
        try:
            while True:
                job = self._jobs.get()
                try:
                    if job is None:
                        return
                    if store is not None:
                        job(store)
                        if self.after is not None and not getattr(job, "quiet", False):
                            self.after()  # a quiet job (where a trainee is reading) is no saved choice: nothing to send
                except StoreError as exc:
                    # Later steps would be numbered wrongly after a failed one: stop writing this run.
                    self._problems.put(str(exc))
                    if store is not None:
                        store.close()
                    store = None
                finally:
                    self._jobs.task_done()
        finally:
            if store is not None:
                store.close()

    def drain(self) -> None:
        """Wait until every write handed over so far is on disk."""
        if self._thread is not None:
            self._jobs.join()

    def problems(self) -> list[str]:
        out = []
        while True:
            try:
                out.append(self._problems.get_nowait())
            except queue.Empty:
                return out

    def close(self) -> None:
        """Finish the writes and stop the thread (when the window closes)."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout=30)
            self._thread = None
