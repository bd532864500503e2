"""Keeping a workshop when it ends: its summary in the store, its report as HTML and JSON in the reports folder.

Done once per session (:class:`Keeper` is safe to call from the window's
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
        self.kept: Kept | None = None

    def keep(self) -> Kept:
        """Write the record and the report (the first call does; later calls return what it did)."""
        with self.lock:
            if self.kept is not None:
                return self.kept
            ws = self.workshop
            at = self.clock()
            summary = build_summary(ws, started_at=self.started_at, finished_at=at, phones=ws.room.joined)
            summary = strictjson.loads(json.dumps(summary))  # exactly what a reader of the file will see
            kept = Kept(summary, render_workshop(summary))
            self._store(kept)
            self._files(kept, at)
            self.kept = kept
            return kept

    def _store(self, kept: Kept) -> None:
        try:
            store, notes = Store.open(self.store_path or default_path(), at=kept.summary["finished_at"])
        except StoreError as exc:
            kept.problems.append(f"The workshop could not be kept in the saved playthroughs file: {exc}")
            return
        kept.problems.extend(notes)
        try:
            kept.stored = workshops.save(store, kept.summary)
        except StoreError as exc:
            kept.problems.append(f"The workshop could not be kept in the saved playthroughs file: {exc}")
        finally:
            store.close(at=kept.summary["finished_at"])

    def _files(self, kept: Kept, at: str) -> None:
        summary = kept.summary
        stem = f"workshop-{summary['scenario']}-{re.sub(r'[^0-9]', '', at)[:12] or 'now'}"
        texts = [(f"{stem}.html", kept.html), (f"{stem}.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")]
        if summary.get("debrief"):
            texts.append((f"{stem}-debrief.html", render(Debrief.from_dict(summary["debrief"]))))
        tried = []
        for target in [self.folder] if self.folder is not None else [export_folder(), data_dir() / "exports"]:
            try:
                written = []
                for name, text in texts:
                    written.append(fileio.write_atomic(target / name, text))
                kept.files = written[:2]
                return
            except OSError as exc:
                tried.append(f"{target} ({fileio.reason(exc)})")
        kept.problems.append("The workshop report could not be written to " + " or ".join(tried) + ".")
