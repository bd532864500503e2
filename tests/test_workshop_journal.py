"""The workshop's journal: changes saved in order, many at one write, a failing store said once and never a stall."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from typing import Any

from simulator.workshop.journal import Journal
from simulator.workshop.keep import boot_id
from simulator.workshop.recover import ended, still_running


def test_each_change_is_saved_before_its_wait_returns_and_bursts_share_writes() -> None:
    """Every waiter sees a save that holds its change; 200 changes from 8 threads take far fewer writes than 200."""
    state = {"n": 0}
    lock = threading.Lock()
    saved: list[int] = []

    def snapshot() -> dict[str, Any]:
        with lock:
            return {"n": state["n"]}

    def write(data: dict[str, Any]) -> None:
        time.sleep(0.005)
        saved.append(int(data["n"]))

    journal = Journal(snapshot, write).start()
    seen: list[tuple[int, int]] = []

    def worker() -> None:
        for _ in range(25):
            with lock:
                state["n"] += 1
                mine = state["n"]
            assert journal.wait(journal.changed(), 10)
            seen.append((mine, saved[-1]))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    journal.close()
    assert all(mine <= at_save for mine, at_save in seen) and len(seen) == 200
    assert saved == sorted(saved) and saved[-1] == 200 and journal.writes < 150


def test_a_failing_store_is_said_once_and_the_room_goes_on() -> None:
    """A write that raises (a full disk) is reported once; waits still return; close still runs the finish."""
    problems: list[str] = []
    finished = threading.Event()

    def write(data: dict[str, Any]) -> None:
        raise OSError("the disk is full")

    journal = Journal(dict, write, on_problem=problems.append, finish=finished.set).start()
    for _ in range(5):
        assert journal.wait(journal.changed(), 5)
    journal.close()
    assert problems == ["the disk is full"] and finished.is_set()
    called = threading.Event()
    journal.when_saved(journal.changed(), called.set)  # after close: at once, never a hang
    assert called.is_set()


def test_a_session_is_running_only_while_its_process_lives_on_this_boot() -> None:
    """This process: running; a process that has exited, another boot or no owner: stopped."""
    assert still_running({"pid": os.getpid(), "boot": boot_id()})
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    if os.name == "posix":
        assert not still_running({"pid": int(gone.stdout), "boot": boot_id()})
    assert not still_running({"pid": os.getpid(), "boot": "another boot"})
    assert not still_running(None) and not still_running({"pid": "1"})


def test_a_stopped_session_keeps_the_question_it_was_voting_on() -> None:
    """The open question becomes a decision with its votes and nothing chosen, and the events say when it stopped."""
    summary = {
        "decisions": [{"number": 1}],
        "events": [],
        "finished": False,
        "finished_at": "",
        "live": {"pid": 1, "boot": "x", "saved_at": "2026-12-06T10:41:00+00:00"},
        "open": {"number": 2, "episode": "e", "episode_title": "E", "node": "n", "prompt": "P?", "options": [{"id": "a", "votes": 3}], "votes": 3, "revealed": False},
    }
    data = ended(summary)
    assert "live" not in data and "open" not in data and data["interrupted"] is True
    assert data["finished_at"] == "2026-12-06T10:41:00+00:00"
    assert data["decisions"][1]["chosen"] is None and data["decisions"][1]["votes"] == 3
    assert "decision 2" in data["events"][0] and "stopped without being ended" in data["events"][1]
