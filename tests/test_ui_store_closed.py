"""The window closes the record store on every way out, so SQLite's -wal and -shm files do not outlive it.

A store left open when the process ends keeps what was saved (WAL is
durable), but leaves two extra files beside it and skips the backup taken on
closing. Checked on the real command at its end (``watch --auto-advance``),
when the window is closed, and on SIGTERM.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

from simulator.ui.driver import Driver, make_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "small-visit"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("records.sqlite3-*"))


def watch(tmp: Path, *more: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "DOORSTEP_DATA_DIR": str(tmp / "data"), "DOORSTEP_CONFIG_DIR": str(tmp / "config")}
    command = [sys.executable, "-m", "simulator", "watch", str(EXAMPLE), "--auto-advance", *more]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_watch_auto_advance_leaves_only_the_store(tmp_path: Path) -> None:
    """`doorstep watch --auto-advance` to its end: exit 0, the store there, no -wal or -shm beside it."""
    proc = watch(tmp_path, "--speed", "50")
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert (tmp_path / "data" / "records.sqlite3").is_file()
    assert leftovers(tmp_path / "data") == []


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM as POSIX sends it")
def test_sigterm_closes_the_store_first(tmp_path: Path) -> None:
    """SIGTERM while watching (the store open, its -wal beside it): exit 0 and the -wal and -shm are gone."""
    proc = watch(tmp_path, "--speed", "0.5")
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "data" / "records.sqlite3-wal").exists():
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert leftovers(tmp_path / "data") == []


def test_closing_the_window_closes_the_store(tmp_path: Path) -> None:
    """The window's close button: the loop ends, the app closes, and the store's -wal and -shm go with it."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert d.app.flow.store is not None and leftovers(tmp_path / "data")  # open: SQLite's own files are there
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert d.app.step() is False
    d.app.close()
    assert d.app.flow.store is None and leftovers(tmp_path / "data") == []
