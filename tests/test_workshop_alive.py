"""A running workshop's row is kept as stopped only when its process is gone: on Windows asked of the kernel (the calls replaced here), never with os.kill."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from simulator.workshop import alive
from simulator.workshop.alive import saved_time, windows_alive
from simulator.workshop.keep import boot_id
from simulator.workshop.recover import still_running

SAVED = "2026-12-06T10:41:00+00:00"
AT = saved_time(SAVED) or 0.0


@dataclass
class FakeKernel:
    """Processes by id: (exited, created at); ids not listed do not exist; ``denied`` ones belong to someone else."""

    processes: dict[int, tuple[bool, float | None]]
    denied: set[int] = field(default_factory=set)
    handles: dict[int, int] = field(default_factory=dict)
    closed: list[int] = field(default_factory=list)

    def open(self, pid: int) -> int:
        if pid in self.denied or pid not in self.processes:
            return 0
        handle = 1000 + len(self.handles)
        self.handles[handle] = pid
        return handle

    def exited(self, handle: int) -> bool:
        return self.processes[self.handles[handle]][0]

    def created(self, handle: int) -> float | None:
        return self.processes[self.handles[handle]][1]

    def close(self, handle: int) -> None:
        self.closed.append(handle)


KERNEL = {
    10: (False, AT - 3600),  # the workshop, started an hour before its last save, still running
    11: (True, AT - 3600),  # ended; someone still holds a handle to it
    12: (False, AT + 600),  # running, but started after the row was saved: the id was given to another program
    13: (False, None),  # running; Windows would not say when it started
    14: (False, AT + 1),  # started in the same second as the save (the save time is kept to the second)
}


@pytest.mark.parametrize(
    ("pid", "running"),
    [(10, True), (11, False), (12, False), (13, True), (14, True), (99, False), (7, False)],
    ids=["running", "exited", "id-reused", "no-start-time", "same-second", "no-such-process", "another-users"],
)
def test_windows_says_running_only_for_this_users_live_process_started_before_the_save(pid: int, running: bool):
    """Open the process (none, or denied: stopped), see it has not exited and was not created after the row's last save; every handle opened is closed."""
    kernel = FakeKernel(dict(KERNEL), denied={7})
    assert windows_alive(pid, SAVED, kernel) is running
    assert sorted(kernel.closed) == sorted(kernel.handles)


def test_without_a_save_time_the_start_time_cannot_rule_a_process_out():
    """A row whose saved_at is missing or unreadable: a live process with that id counts as the workshop."""
    for saved in (None, "", "yesterday", "2026-12-06T10:41:00"):  # the last has no zone: not comparable
        assert windows_alive(12, saved, FakeKernel(dict(KERNEL)))


def test_still_running_asks_windows_on_windows_and_never_os_kill(monkeypatch):
    """With the Windows path chosen, the row's pid and save time go to the kernel's answer, and os.kill (which would end the process there) is never called."""
    kernel = FakeKernel(dict(KERNEL))
    monkeypatch.setattr(alive, "WINDOWS", True)
    monkeypatch.setattr(alive, "kernel32", lambda: kernel)

    def no_kill(pid: int, sig: int) -> None:
        raise AssertionError("os.kill on Windows ends the process")

    monkeypatch.setattr(alive.os, "kill", no_kill)
    assert still_running({"pid": 10, "boot": boot_id(), "saved_at": SAVED})
    assert not still_running({"pid": 12, "boot": boot_id(), "saved_at": SAVED})
    assert not still_running({"pid": 99, "boot": boot_id(), "saved_at": SAVED})


def test_when_windows_cannot_be_asked_the_session_is_taken_to_have_stopped(monkeypatch):
    """No kernel32 to load: stopped (kept as such), as before this was asked."""
    monkeypatch.setattr(alive, "WINDOWS", True)

    def missing() -> alive.WindowsProcesses:
        raise OSError("no kernel32")

    monkeypatch.setattr(alive, "kernel32", missing)
    assert not still_running({"pid": 10, "boot": boot_id(), "saved_at": SAVED})


@pytest.mark.skipif(os.name != "posix", reason="the POSIX path")
def test_on_posix_a_live_child_is_running_and_a_reaped_one_is_not():
    """kill(pid, 0) as before: a process that lives is running; once it has ended and been reaped, it is not."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert still_running({"pid": child.pid, "boot": boot_id(), "saved_at": SAVED})
    finally:
        child.kill()
        child.wait()
    assert not still_running({"pid": child.pid, "boot": boot_id(), "saved_at": SAVED})


def test_the_real_kernel32_is_refused_off_windows():
    """Off Windows, asking for kernel32 is an OSError (which process_alive takes as 'cannot ask')."""
    if sys.platform == "win32":
        pytest.skip("on Windows kernel32 is real")
    with pytest.raises(OSError):
        alive.kernel32()
