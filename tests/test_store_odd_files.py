"""The store with things beside it that are not files: SQLite's working files, its backups' and the store itself.

Found by bench/fuzz_hostile.py (the state kind): a FIFO named
``records.sqlite3-journal`` made every command that opens the store wait for
ever (SQLite opens it to look for a hot journal), and so did one beside the
newest backup (read on every open, and when restoring). A folder or a device
link in their place made the store unusable with an error blaming the disk.
Now the store's own odd working files are moved aside with a note (or, for a
second connection, refused in one line), a backup with one is passed over, and
a store that is itself a FIFO, socket or device is treated as damaged.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
from pathlib import Path

import pytest
from test_store import T0, play_saving

from simulator.records import backups
from simulator.records.store import Store, StoreDamaged, StoreError

ODD = ["fifo", "folder", "device", "loop", "dangling"]



@pytest.fixture
def path(tmp_path: Path, visit) -> Path:
    """A closed store (so backed up) holding two playthroughs."""
    where = tmp_path / "data" / "records.sqlite3"
    with Store.open(where, at=T0)[0] as store:
        for seed in (1, 2):
            play_saving(store, visit, seed)
    return where


def make_odd(place: Path, how: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        place.unlink()
    if how == "fifo":
        os.mkfifo(place)
    elif how == "folder":
        place.mkdir()
    elif how == "device":
        place.symlink_to("/dev/zero")
    elif how == "loop":
        place.symlink_to(place.name)
    elif how == "dangling":
        place.symlink_to(place.parent / "gone" / "x")
    else:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(place))


def within(seconds: float, call, folder: Path):
    """Call in a thread: its result, or fail (and free a thread blocked opening a FIFO under ``folder``) if it has not returned in time."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the test
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for fifo in (p for p in folder.rglob("*") if p.is_fifo()):
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"still waiting after {seconds} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]


def opened(path: Path) -> tuple[int, list[str]]:
    """Open the store as the trainee's first command does, count its playthroughs and close it: the count and the notes."""
    store, notes = Store.open(path, at=T0)
    with store:
        return len(store.playthroughs()), notes


@pytest.mark.parametrize("suffix", backups.SIDES)
@pytest.mark.parametrize("how", ODD)
def test_an_odd_working_file_is_moved_aside_and_the_playthroughs_open_as_they_were(path, suffix, how):
    side = path.with_name(path.name + suffix)
    make_odd(side, how)
    count, notes = within(20, lambda: opened(path), path.parent)
    assert count == 2
    assert len(notes) == 1 and f"Doorstep found {side.name} beside your saved playthroughs" in notes[0] and "(nothing was deleted)" in notes[0]
    assert os.path.lexists(side.with_name(f"{side.name}.odd-20260302T090000Z"))


@pytest.mark.parametrize("suffix", backups.SIDES)
def test_a_second_connection_refuses_an_odd_working_file_in_one_line_and_leaves_it(path, suffix):
    side = path.with_name(path.name + suffix)
    make_odd(side, "fifo")
    with pytest.raises(StoreError) as caught:
        within(20, lambda: Store.open(path, repair=False)[0].close(), path.parent)
    assert f"{side.name} beside it is SQLite's working file, but it is a pipe (FIFO), not a file; move it away." in str(caught.value)
    assert "\n" not in str(caught.value) and side.is_fifo()


@pytest.mark.parametrize("damaged", [False, True])
def test_a_backup_with_an_odd_working_file_is_passed_over(path, damaged):
    """Read on every open (is the newest backup the same?) and when restoring: it must never block."""
    (newest,) = backups.existing(path)
    os.mkfifo(newest.with_name(newest.name + "-journal"))
    if damaged:
        path.write_bytes(b"not a database at all" * 100)
    count, _ = within(20, lambda: opened(path), path.parent)
    assert count == (0 if damaged else 2)
    assert newest.is_file()  # kept, never deleted


@pytest.mark.parametrize(("how", "said"), [("fifo", "it is a pipe (FIFO), not a file"), ("socket", "it is a socket, not a file"), ("device", "it is a device, not a file")])
def test_a_store_that_is_not_a_file_is_set_aside_and_the_backup_restored(path, how, said):
    make_odd(path, how)
    with pytest.raises(StoreDamaged, match=re.escape(f"cannot be used: {said}.")):
        Store.open(path, repair=False)
    count, notes = within(20, lambda: opened(path), path.parent)
    assert count == 2
    assert f"could not be opened because {said}" in notes[0] and "restored" in notes[0]
