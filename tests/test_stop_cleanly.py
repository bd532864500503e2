"""A stopped suite stops what it started: SIGTERM runs the fixtures' teardown, and our LRS server ends with its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import TESTS

SUITE = '''
import pathlib, time, pytest

@pytest.fixture
def server(tmp_path_factory):
    yield
    pathlib.Path({stopped!r}).write_text("stopped")

def test_long(server):
    pathlib.Path({started!r}).write_text("started")
    time.sleep(60)
'''

CONFTEST = "from stop_cleanly import stop_as_interrupt\nstop_as_interrupt()\n"


def _wait_for(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_suite_sent_sigterm_runs_its_fixtures_teardown(tmp_path: Path):
    """pytest sent SIGTERM mid-test ends like Ctrl-C: the fixture's teardown (where a server would be stopped) runs."""
    suite = tmp_path / "suite"
    suite.mkdir()
    started, stopped = tmp_path / "started", tmp_path / "stopped"
    (suite / "conftest.py").write_text(CONFTEST)
    (suite / "test_long.py").write_text(SUITE.format(started=str(started), stopped=str(stopped)))
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite)],
        cwd=suite, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        assert _wait_for(started, 60), "the inner test never started"
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=60)[0].decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
    assert stopped.read_text() == "stopped", out
    assert "SIGTERM" in out and proc.returncode != 0, out


def test_a_server_that_exits_with_its_parent_ends_when_the_parent_is_killed(tmp_path: Path):
    """A child that called exit_with_parent ends within seconds of its parent's SIGKILL (nothing in the parent ran)."""
    pid_file = tmp_path / "child.pid"
    child = f"import os, time, pathlib; from stop_cleanly import exit_with_parent; exit_with_parent(0.1); p = pathlib.Path({str(pid_file)!r}); t = p.with_suffix('.tmp'); t.write_text(str(os.getpid())); t.replace(p); time.sleep(60)"
    parent = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {child!r}], start_new_session=True); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", parent], env={**os.environ, "PYTHONPATH": str(TESTS)})
    try:
        assert _wait_for(pid_file, 30), "the child never started"
        pid = int(pid_file.read_text())
        proc.kill()
        proc.wait(10)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z":
            assert time.monotonic() < deadline, "the child outlived its parent by 10 s"
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
