"""A private desktop for tests that need a real one: an X server (Xvfb), a session bus, the AT-SPI bus.

Started by the tests that use it and stopped by them, nothing left behind
(each piece is its own process group, ended as a group). A part that is not
installed fails the test with what to install: ``make test`` installs them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, which has pyatspi; the venv's Python does not
NEEDS = {
    "Xvfb": "xvfb",
    "dbus-daemon": "dbus",
    "dbus-send": "dbus",
    "xdotool": "xdotool",
}


def require_desktop() -> None:
    """Fail (never skip) when a part of the desktop is missing, naming the Debian packages that bring it."""
    missing = sorted({pkg for cmd, pkg in NEEDS.items() if shutil.which(cmd) is None})
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        missing.append("at-spi2-core")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True) if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        missing.append("python3-pyatspi")
    if missing:
        pytest.fail(f"the accessibility tests need {', '.join(missing)} (make test installs them: apt-get install {' '.join(missing)})")


def _group(pgid: int) -> list[int]:
    """The processes in a process group other than its leader (what a bus started for itself)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != pgid:
            with contextlib.suppress(OSError, ValueError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                    out.append(int(entry.name))
    return out


def _stop(proc: subprocess.Popen[Any]) -> None:
    # What the process started goes first, so it is reaped by its parent rather than left a zombie.
    for pid in _group(proc.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 3
    while _group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("children", ()):
        yield from _walk(child)


@dataclass
class Desktop:
    """An X display and a session bus with AT-SPI switched on, as a desktop with a screen reader running has."""

    display: str
    bus: str
    procs: list[subprocess.Popen[Any]] = field(default_factory=list)
    runtime: str = ""  # the desktop's own XDG_RUNTIME_DIR (where its accessibility bus has its socket)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SDL_", "PYTHON"))}
        env.update(DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=self.bus, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy", NO_AT_BRIDGE="0")
        if self.runtime:
            env.update(XDG_RUNTIME_DIR=self.runtime)
        env.update(extra)
        return env

    def start(self, argv: list[str], **extra: str) -> subprocess.Popen[Any]:
        proc = subprocess.Popen(argv, env=self.env(**extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[Any]) -> str:
        _stop(proc)
        out = proc.stdout.read().decode(errors="replace") if proc.stdout is not None else ""
        return out

    def screen_reader(self, on: bool) -> None:
        """What Orca does when it starts (or stops): tell every application on the bus that a screen reader is listening."""
        subprocess.run(
            ["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply", "/org/a11y/bus", "org.freedesktop.DBus.Properties.Set",
             "string:org.a11y.Status", "string:IsEnabled", f"variant:boolean:{'true' if on else 'false'}"],
            env=self.env(), check=True, capture_output=True, timeout=30,
        )  # fmt: skip

    def a11y_bus(self) -> str:
        """The accessibility bus's address, as org.a11y.Bus gives it to every application and screen reader."""
        done = subprocess.run(
            ["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply=literal", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            env=self.env(), capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        return done.stdout.strip()

    # -- a screen reader's view --------------------------------------------------------
    def read(self, *args: str, timeout: float = 30) -> Any:
        """Run the AT-SPI client (tests/atspi_read.py, Debian's python3) and return its JSON."""
        done = subprocess.run([SYSTEM_PYTHON, str(TESTS / "atspi_read.py"), *args], env=self.env(), capture_output=True, text=True, timeout=timeout)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        assert lines, f"the AT-SPI client said nothing: {done.stderr[-2000:]}"
        return json.loads(lines[-1])

    def tree(self) -> dict[str, Any]:
        """The window's tree as the bus says it, read again while it is mid-change (two nodes focused: the old and the new)."""
        for _ in range(10):
            tree = self.read("tree", "15")
            if sum(1 for n in _walk(tree) if "focused" in n.get("states", ())) <= 1:
                return tree
            time.sleep(0.1)
        return tree

    def wait_for(self, found: Callable[[dict[str, Any]], bool], what: str, seconds: float = 20) -> dict[str, Any]:
        """Read the tree until ``found`` holds (the window answers the bus a moment after a key); fail saying ``what`` was not seen."""
        deadline = time.monotonic() + seconds
        tree = self.tree()
        while "error" in tree or not found(tree):  # no window on the bus yet (a loaded machine starts it slowly): look again
            if time.monotonic() > deadline:
                pytest.fail(f"{what} never appeared on the accessibility bus; last tree: {json.dumps(tree)[:3000]}")
            time.sleep(0.3)
            tree = self.tree()
        return tree

    def key(self, *keys: str) -> None:
        """Press keys on the X server's keyboard (XTest), into the window under the pointer."""
        presses = [word for k in keys for word in ("key", k)]
        subprocess.run(["xdotool", "mousemove", "5", "5", *presses], env=self.env(), check=True, timeout=20)


@contextlib.contextmanager
def desktop(size: tuple[int, int] = (1280, 720), *, screen_reader: bool = True) -> Iterator[Desktop]:
    """Xvfb on a free display and a session bus with AT-SPI on; everything they started is stopped at the end.

    ``screen_reader=False``: AT-SPI is off until :meth:`Desktop.screen_reader` switches it on (a screen reader started late).

    The accessibility bus is private to the desktop too. at-spi-bus-launcher
    (started by the session bus, with its environment) puts the bus's socket
    at $XDG_RUNTIME_DIR/at-spi/bus_$DISPLAY, or ~/.cache/at-spi/bus with
    neither set: one path for every test desktop on the machine. A second
    desktop's bus took the path over, and the first to stop deleted it, so a
    window or reader starting then on any other desktop found no bus, or
    another desktop's (the AT-SPI tests' flake whenever two suites ran at
    once). Each desktop now has a runtime folder of its own, removed at the end.
    """
    require_desktop()
    runtime = tempfile.mkdtemp(prefix="doorstep-desktop-")  # 0700, as XDG_RUNTIME_DIR must be
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    bus: subprocess.Popen[Any] | None = None
    try:
        assert xvfb.stdout is not None
        number = xvfb.stdout.readline().decode().strip()
        assert number.isdigit(), "Xvfb did not say which display it opened"
        # GSettings in memory: whether a screen reader runs is the desktop's alone, never written to the machine's dconf
        # (where an Orca run had left it on for every later desktop, and a change reached every desktop running).
        bus_env = {**os.environ, "XDG_RUNTIME_DIR": runtime, "DISPLAY": f":{number}", "GSETTINGS_BACKEND": "memory"}
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True, env=bus_env,
        )  # fmt: skip
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        assert address, "dbus-daemon did not say where the session bus is"
        d = Desktop(f":{number}", address, [xvfb, bus], runtime)
        if screen_reader:
            d.screen_reader(True)
        # And what a running Orca has done by the time any application starts: the registry on the accessibility bus
        # is up and answering (the window itself need not wait for it: tests/test_access_kit_thread.py).
        said = d.read("ready", "60", timeout=90)
        assert said.get("ready"), f"the accessibility registry never answered on the test desktop: {said}"
        assert d.a11y_bus().startswith(f"unix:path={runtime}/"), f"the accessibility bus is not the desktop's own: {d.a11y_bus()}"
        yield d
    finally:
        for proc in [*reversed(locals().get("d", Desktop("", "")).procs), bus, xvfb]:
            if proc is not None:
                _stop(proc)
        shutil.rmtree(runtime, ignore_errors=True)
