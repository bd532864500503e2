"""Keeping a workshop: as it goes, in the store; when it ends, its summary there and its report as HTML and JSON.

While the session runs, :meth:`Keeper.live` is the :class:`~simulator.workshop.journal.Journal`
that saves it after every change (a running row, see :mod:`simulator.records.workshops`),
so a power cut loses nothing the room was told was taken; the next start keeps
such a session (:mod:`simulator.workshop.recover`). The end is done once per session (:class:`Keeper` is safe to call from the window's
thread and the server's), whatever ended it: the facilitator's End, the
window closing, Ctrl-C. The files go to ``--report-dir``, else the folder the
debrief exports use (``$DOORSTEP_EXPORT_DIR``, else Documents/Doorstep), else
beside the store; in play, the full debrief of the room's path is written
beside the report. A store or folder that cannot be written is a sentence in
:attr:`Kept.problems`, never an exception: the report is worth having even
if the store is not.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson
from simulator.records import workshops
from simulator.records.store import Store, StoreError, data_dir, default_path
from simulator.report.debrief import Debrief
from simulator.report.html import render
from simulator.services.review import export_folder
from simulator.workshop.facilitate import Workshop
from simulator.workshop.journal import Journal
from simulator.workshop.report_html import render_workshop
from simulator.workshop.summary import build_summary


@dataclass
class Kept:
    """Where a workshop was kept, and what could not be."""

    summary: dict[str, Any]
    html: str
    files: list[Path] = field(default_factory=list)
    stored: int | None = None
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the facilitator is told, one line each."""
        out = []
        if self.files:
            out.append("Workshop report written to " + " and ".join(str(p) for p in self.files))
        if self.stored is not None:
            out.append(f"Kept in the saved playthroughs file as workshop {self.stored}.")
        return out + self.problems


class Keeper:
    """Keeps one workshop, once."""

    def __init__(
        self,
        workshop: Workshop,
        *,
        started_at: str,
        clock: Callable[[], str],
        folder: Path | None = None,
        store_path: Path | None = None,
        lock: threading.RLock | None = None,
    ) -> None:
        self.workshop = workshop
        self.started_at = started_at
        self.clock = clock
        self.folder = folder
        self.store_path = store_path
        self.lock = lock or threading.RLock()
        self._keeping = threading.Lock()  # one end, whichever thread asks first (the window's, the server's, Ctrl-C's)
        self.kept: Kept | None = None
        self.row: int | None = None  # the session's row in the store, once the journal has saved it
        self.journal: Journal | None = None
        self._live_store: Store | None = None
        self._base: tuple[tuple[object, ...], dict[str, Any]] | None = None

    # -- as it goes -------------------------------------------------------------------------
    def live(self, on_problem: Callable[[str], None] | None = None) -> Journal:
        """Start saving the session after every change (the journal's writer owns its own connection to the store)."""
        self.journal = Journal(self.snapshot, self._save_live, on_problem=on_problem, finish=self._close_live).start()
        return self.journal

    def snapshot(self) -> dict[str, Any]:
        """The session as it stands, for the store: its summary, the question being voted on, and whose session it is."""
        with self.lock:
            ws = self.workshop
            course = ws.course
            key = (len(ws.results), len(ws.notes), len(ws.events), len(course.skipped), ws.ended, course.finished)
            if self._base is None or self._base[0] != key:  # the debrief of the path is rebuilt only when the path moved
                base = build_summary(ws, started_at=self.started_at, finished_at="", phones=0)
                self._base = (key, strictjson.loads(json.dumps(base)))  # what a reader will see, made so once, not at every vote
            at = self.clock()
            data = dict(self._base[1], phones=ws.room.joined, finished_at=at)
            data["open"] = open_question(ws)
            data["live"] = {"pid": os.getpid(), "boot": boot_id(), "saved_at": at}
        return data

    def _save_live(self, summary: dict[str, Any]) -> None:
        if self._live_store is None:
            self._live_store, _notes = Store.open(self.store_path or default_path(), at=summary["live"]["saved_at"])
        self.row = workshops.save(self._live_store, summary, self.row, running=True)

    def _close_live(self) -> None:
        store, self._live_store = self._live_store, None
        if store is not None:
            store.close(at=self.clock())

    def keep(self) -> Kept:
        """Write the record and the report (the first call does; later calls return what it did).

        The facilitator waits on this to stop, and each write waits for the disk (a sync, seconds each on a busy
        disk): the report's files are written together, beside the last save rather than after it, and the last
        save goes through the journal's own open store after what it had pending, not through the store opened
        again (13 syncs one after another became 9, in 3 waves: bench/bench_workshop_stop.py).
        """
        with self._keeping:
            if self.kept is not None:
                return self.kept
            with self.lock:
                ws = self.workshop
                at = self.clock()
                summary = build_summary(ws, started_at=self.started_at, finished_at=at, phones=ws.room.joined)
            summary = strictjson.loads(json.dumps(summary))  # exactly what a reader of the file will see
            kept = Kept(summary, render_workshop(summary))
            written: list[tuple[list[Path], str | None]] = []
            failed: list[BaseException] = []

            def write() -> None:
                try:
                    written.append(write_files(kept.summary, kept.html, at, self.folder))
                except BaseException as exc:  # raised below, on the caller's thread, as it was before the files had a thread
                    failed.append(exc)

            files = threading.Thread(target=write, name="doorstep-workshop-report")
            files.start()
            if self.journal is None or not self.journal.close(last=lambda: self._store(kept, self._live_store)):
                self._store(kept)
            files.join()
            if failed:
                raise failed[0]
            kept.files, problem = written[0]
            if problem:
                kept.problems.append(problem)
            self.kept = kept
            return kept

    def _store(self, kept: Kept, live: Store | None = None) -> None:
        """The summary in the store: through ``live`` (the journal's open store, on its thread) if given and it works, else the store opened afresh."""
        if live is not None:
            try:
                kept.stored = workshops.save(live, kept.summary, self.row)
                return
            except StoreError:
                pass  # the live connection failed (a full disk earlier on): a fresh one may not
        try:
            store, notes = Store.open(self.store_path or default_path(), at=kept.summary["finished_at"])
        except StoreError as exc:
            kept.problems.append(f"The workshop could not be kept in the saved playthroughs file: {exc}")
            return
        kept.problems.extend(notes)
        try:
            kept.stored = workshops.save(store, kept.summary, self.row)
        except StoreError as exc:
            kept.problems.append(f"The workshop could not be kept in the saved playthroughs file: {exc}")
        finally:
            store.close(at=kept.summary["finished_at"])


def report_texts(summary: dict[str, Any], html: str, at: str) -> list[tuple[str, str]]:
    """The report's files by name: HTML and JSON, and in play the debrief. A summary read back from the store may have been
    edited: its debrief that does not decode raises (CodecError, a ValueError), and its scenario names no folder."""
    scenario = re.sub(r"[^a-z0-9-]", "", str(summary.get("scenario", "")))[:100] or "case"  # never a path: `..` or `/` from an edited row
    stem = f"workshop-{scenario}-{re.sub(r'[^0-9]', '', at)[:12] or 'now'}"
    texts = [(f"{stem}.html", html), (f"{stem}.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")]
    if summary.get("debrief"):
        texts.append((f"{stem}-debrief.html", render(Debrief.from_dict(summary["debrief"]))))
    return texts


def write_files(summary: dict[str, Any], html: str, at: str, folder: Path | None, texts: list[tuple[str, str]] | None = None) -> tuple[list[Path], str | None]:
    """The report (HTML and JSON, and in play the debrief) in ``folder``, else the exports folder: the two paths, or why not."""
    texts = report_texts(summary, html, at) if texts is None else texts
    tried = []
    for target in [folder] if folder is not None else [export_folder(), data_dir() / "exports"]:
        try:
            return _together(target, texts)[:2], None
        except OSError as exc:
            tried.append(f"{target} ({fileio.reason(exc)})")
    return [], "The workshop report could not be written to " + " or ".join(tried) + "."


def _together(folder: Path, texts: list[tuple[str, str]]) -> list[Path]:
    """Each text written (atomically, synced) to ``folder`` on a thread of its own, so their waits for the disk overlap; the paths, or the first OSError."""
    done: list[Path | OSError] = [OSError("not written")] * len(texts)

    def one(i: int, name: str, text: str) -> None:
        try:
            done[i] = fileio.write_atomic(folder / name, text)
        except OSError as exc:
            done[i] = exc

    threads = [threading.Thread(target=one, args=(i, name, text), name="doorstep-workshop-file") for i, (name, text) in enumerate(texts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for item in done:
        if isinstance(item, OSError):
            raise item
    return [item for item in done if isinstance(item, Path)]


def open_question(ws: Workshop) -> dict[str, Any] | None:
    """The question the room is voting on (or has voted on, not yet settled) with its votes so far; None between questions."""
    room = ws.room
    question, phase = room.question, room.phase
    if question is None or phase not in ("open", "closed", "revealed"):
        return None
    tally = room.tally()
    stop = ws.stop
    paths = ws.scenario.choice_by_id
    options = [{"id": c.id, "letter": c.letter, "text": c.text, "path": paths[c.id].path if c.id in paths else "other", "votes": tally.get(c.id, 0)} for c in question.options]
    return {
        "number": len(ws.results) + 1,
        "episode": stop.episode,
        "episode_title": stop.heading,
        "node": stop.node,
        "prompt": question.prompt,
        "options": options,
        "votes": sum(tally.values()),
        "revealed": phase == "revealed",
        "phase": phase,
    }


def boot_id() -> str:
    """This boot of the machine (Linux says; elsewhere empty): a session saved in another boot has certainly stopped."""
    try:
        return fileio.read_text("/proc/sys/kernel/random/boot_id", limit=100).strip()[:64]
    except OSError:
        return ""
