"""Ending a workshop waits on the disk as little as it can: the facilitator's Ctrl-C after a busy session is prompt.

Every write at the end waits for a sync, seconds each on a busy disk (the loaded train, bench/attack_workshop.py):
13 syncs one after another took the server past the bench's 20 s to stop. Now the last save goes through the
journal's own open store after what it had pending (Journal.close(last=...)), not through the store opened again,
and the report's files are written together, beside that save. Measured with an LD_PRELOAD shim making each
fsync/fdatasync take 200 ms (bench/bench_workshop_stop.py): Ctrl-C to exit 2.72 s -> 0.64 s, 13 syncs one after
another -> 9 syncs in 3 waves.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from simulator import fileio
from simulator.records import workshops
from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.workshop import keep as keep_module
from simulator.workshop.facilitate import Workshop
from simulator.workshop.journal import Journal
from simulator.workshop.keep import Keeper
from simulator.workshop.room import Room

ROOT = Path(__file__).resolve().parent.parent
T = "2026-12-07T10:00:00+00:00"


def test_close_runs_the_last_save_on_the_writers_thread_after_what_was_pending() -> None:
    order: list[str] = []
    state = {"n": 0}

    def write(data: dict[str, Any]) -> None:
        order.append(f"save {data['n']} on {threading.current_thread().name}")

    journal = Journal(lambda: dict(state), write, finish=lambda: order.append("finish")).start()
    assert journal.wait(journal.changed(), 10)
    state["n"] = 7
    journal.changed()
    assert journal.close(last=lambda: order.append(f"last on {threading.current_thread().name}"))
    assert order[-3:] == ["save 7 on doorstep-workshop-journal", "last on doorstep-workshop-journal", "finish"]


def test_close_says_when_the_last_save_is_the_callers_to_do() -> None:
    """A journal already stopped, or a last save that fails, runs nothing of the caller's: close answers False."""
    journal = Journal(dict, lambda data: None).start()
    journal.close()
    ran: list[int] = []
    assert not journal.close(last=lambda: ran.append(1)) and ran == []
    problems: list[str] = []
    failing = Journal(dict, lambda data: None, on_problem=problems.append).start()

    def broken() -> None:
        raise OSError("the disk is full")

    assert not failing.close(last=broken) and problems == ["the disk is full"]


@pytest.mark.parametrize("mode", ["play", "watch"])
def test_the_end_opens_the_store_once_and_writes_the_reports_files_together(mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(ROOT / "docs" / "examples" / "small-visit").scenario
    assert scenario is not None
    room = Room("K7QM", mode)
    room.join("K7QM")
    workshop = Workshop.start(scenario, mode, room)
    store_path = tmp_path / "records.sqlite3"
    keeper = Keeper(workshop, started_at=T, clock=lambda: T, folder=tmp_path / "reports", store_path=store_path)
    opened: list[str] = []
    real_open = Store.open

    def counted(path: Any, **kw: Any) -> Any:
        opened.append(threading.current_thread().name)
        return real_open(path, **kw)

    monkeypatch.setattr(keep_module.Store, "open", counted)
    journal = keeper.live()
    workshop.note("A note the room was told was kept.")
    assert journal.wait(journal.changed(), 10)
    texts = 3 if mode == "play" else 2  # in play the room's debrief is written beside the report
    together = threading.Barrier(texts, timeout=20)  # each file waits here for the others: written one after another, it breaks
    real_write = fileio.write_atomic

    def write(path: Any, data: Any, **kw: Any) -> Path:
        together.wait()
        return real_write(path, data, **kw)

    monkeypatch.setattr(keep_module.fileio, "write_atomic", write)
    workshop.end()
    kept = keeper.keep()
    assert kept.problems == [] and len(kept.files) == 2 and all(p.is_file() for p in kept.files)
    assert opened == ["doorstep-workshop-journal"], "the last save went through the journal's open store, not the store opened again"
    assert keeper.keep() is kept
    store, _ = real_open(store_path)
    with store:
        listed = workshops.listing(store)
        assert [k.id for k in listed] == [kept.stored] and workshops.summary(store, kept.stored)["finished_at"] == T
        assert store.verify() == []
