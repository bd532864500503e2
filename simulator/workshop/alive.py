"""Whether the process that saved a running workshop is still that process, alive: on Linux and macOS, and on Windows.

A workshop's running row names the process that saves it (its id, this
boot of the machine, when it last saved; see :mod:`simulator.workshop.keep`).
The next ``doorstep workshop`` asks whether that process still runs
before it keeps the session as stopped.

- POSIX: ``kill(pid, 0)`` asks without sending anything.
- Windows: ``os.kill`` there would end the process, so the question is asked
  of the kernel: open the process for a query, see whether it has exited,
  and compare when it was created with when the row was last saved. A
  process created after that is another program that was given the same id
  (Windows reuses ids quickly, and has no boot id here to tell a restart), and
  one this user may not open is not this user's workshop.

The Windows calls sit behind :class:`WindowsProcesses` so the reasoning is
tested on any machine with the calls replaced (tests/test_workshop_alive.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

#: Windows values (winbase.h, winnt.h).
WAIT_OBJECT_0 = 0  # the process has exited
WAIT_TIMEOUT = 0x102  # still running
SYNCHRONIZE = 0x00100000
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
EPOCH_AS_FILETIME = 116444736000000000  # 1970-01-01 in 100 ns steps since 1601-01-01
SLACK_S = 2.0  # a row's save time is kept to the second; a process is never created after its own save
WINDOWS = os.name == "nt"


class WindowsProcesses(Protocol):
    """The few kernel32 calls the Windows answer needs."""

    def open(self, pid: int) -> int:
        """A handle to the process, or 0 if it could not be opened (no such process, or not this user's to open)."""

    def exited(self, handle: int) -> bool:
        """Whether the process has ended (its handle may outlive it)."""

    def created(self, handle: int) -> float | None:
        """When the process was created, in seconds since 1970 (None if Windows would not say)."""

    def close(self, handle: int) -> None:
        """Let go of the handle."""


def saved_time(saved_at: object) -> float | None:
    """The row's last save as seconds since 1970, or None if it does not say."""
    if not isinstance(saved_at, str) or not saved_at:
        return None
    try:
        when = datetime.fromisoformat(saved_at)
    except ValueError:
        return None
    return when.timestamp() if when.tzinfo is not None else None


def windows_alive(pid: int, saved_at: object, api: WindowsProcesses) -> bool:
    """Whether ``pid`` is a running process, created no later than the row was last saved, that this user can open."""
    handle = api.open(pid)
    if not handle:
        return False  # no such process, or another user's or a protected one: not this user's workshop
    try:
        if api.exited(handle):
            return False
        created, saved = api.created(handle), saved_time(saved_at)
        return not (created is not None and saved is not None and created > saved + SLACK_S)
    finally:
        api.close(handle)


def posix_alive(pid: int, saved_at: object) -> bool:
    """Whether a process with that id exists (``kill(pid, 0)``; one of another user's counts, as before)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: it exists
    return True


def process_alive(pid: int, saved_at: object) -> bool:
    """This machine's answer: :func:`windows_alive` on Windows, :func:`posix_alive` elsewhere."""
    if WINDOWS:
        try:
            api = kernel32()
        except OSError:
            return False  # cannot ask: taken to have stopped, as before
        return windows_alive(pid, saved_at, api)
    return posix_alive(pid, saved_at)


Alive = Callable[[int, object], bool]


def kernel32() -> WindowsProcesses:
    """The real calls (Windows only; elsewhere an OSError)."""
    if sys.platform != "win32":
        raise OSError("kernel32 is only on Windows")
    import ctypes
    from ctypes import wintypes

    k = ctypes.WinDLL("kernel32")
    k.OpenProcess.restype = wintypes.HANDLE
    k.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    k.WaitForSingleObject.restype = wintypes.DWORD
    k.WaitForSingleObject.argtypes = (wintypes.HANDLE, wintypes.DWORD)
    k.GetProcessTimes.restype = wintypes.BOOL
    k.GetProcessTimes.argtypes = (wintypes.HANDLE, *[ctypes.POINTER(wintypes.FILETIME)] * 4)
    k.CloseHandle.restype = wintypes.BOOL
    k.CloseHandle.argtypes = (wintypes.HANDLE,)

    class Kernel32:
        def open(self, pid: int) -> int:
            return int(k.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, False, pid) or 0)

        def exited(self, handle: int) -> bool:
            return int(k.WaitForSingleObject(handle, 0)) != WAIT_TIMEOUT

        def created(self, handle: int) -> float | None:
            times = [wintypes.FILETIME() for _ in range(4)]
            if not k.GetProcessTimes(handle, *[ctypes.byref(t) for t in times]):
                return None
            ft = (times[0].dwHighDateTime << 32) | times[0].dwLowDateTime
            return (ft - EPOCH_AS_FILETIME) / 1e7

        def close(self, handle: int) -> None:
            k.CloseHandle(handle)

    return Kernel32()
