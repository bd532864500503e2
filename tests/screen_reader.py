"""A real screen reader for tests: Orca (Debian's), listening on a private desktop (tests/desktop.py), saying what it says.

Orca runs as a trainee's would, with its default settings, on the test's
own session bus (started by tests/orca_run.py); what it speaks is read from
its debug log (its own ``SPEECH OUTPUT`` lines), so a test hears exactly the
words Orca hands to its voice. The voice itself is speech-dispatcher speaking into ALSA's null
device: a private home and configuration, so nothing of the machine's own
is touched. Everything started here (Orca, speech-dispatcher and its voice
module) is stopped when the ``with`` block ends.

    with desktop() as desk, orca(desk, tmp_path) as reader:
        ...  # start the window with desk.start(..., **reader.env)
        reader.wait_for("New playthrough push button")
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from desktop import Desktop

SPOKEN = re.compile(r" - SPEECH OUTPUT: '(.*)'(?: voice=\w+)?\{.*\}$")


def require_orca() -> None:
    """Fail (never skip) without Orca and speech-dispatcher, naming the Debian packages (make test installs them)."""
    missing = [pkg for cmd, pkg in (("orca", "orca"), ("speech-dispatcher", "speech-dispatcher")) if shutil.which(cmd) is None]
    if missing:
        pytest.fail(f"the screen reader test needs {', '.join(missing)} (make test installs them: apt-get install {' '.join(missing)})")


@dataclass
class Orca:
    """What Orca has said so far, read from its debug log."""

    log: Path
    env: dict[str, str]

    def said(self) -> list[str]:
        if not self.log.exists():
            return []
        out = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            found = SPOKEN.search(line)
            if found:
                out.append(found.group(1))
        return out

    def settle(self) -> None:
        _settle(self.log)

    def wait_for(self, found: str | Callable[[list[str]], bool], after: int = 0, seconds: float = 30) -> list[str]:
        """What Orca said after its ``after``-th utterance, once it includes ``found`` (words, or a test of the list)."""
        test = found if callable(found) else (lambda said: any(found in s for s in said))
        deadline = time.monotonic() + seconds
        while True:
            said = self.said()[after:]
            if test(said):
                return said
            if time.monotonic() > deadline:
                pytest.fail(f"Orca never said {found!r}; it said: {said[-15:]}")
            time.sleep(0.2)


def _settle(log: Path, quiet: float = 2.0, seconds: float = 30) -> None:
    """Until Orca's log has not grown for ``quiet`` seconds (it has finished starting up)."""
    deadline = time.monotonic() + seconds
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size if log.exists() else 0
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.2)


def _home(tmp: Path) -> dict[str, str]:
    """A private home: speech-dispatcher's own configuration, speaking through ALSA's null device."""
    home, config, run = tmp / "home", tmp / "home" / ".config", tmp / "run"
    speechd = config / "speech-dispatcher"
    speechd.mkdir(parents=True, exist_ok=True)
    run.mkdir(mode=0o700, exist_ok=True)
    system = Path("/etc/speech-dispatcher")
    conf = (system / "speechd.conf").read_text(encoding="utf-8") if (system / "speechd.conf").exists() else ""
    (speechd / "speechd.conf").write_text(conf + '\nAudioOutputMethod "alsa"\n', encoding="utf-8")
    if (system / "modules").is_dir() and not (speechd / "modules").exists():
        shutil.copytree(system / "modules", speechd / "modules")
    (home / ".asoundrc").write_text("pcm.!default { type null }\nctl.!default { type hw card 0 }\n", encoding="utf-8")
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_RUNTIME_DIR": str(run)}


def _end(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGTERM)
    for _ in range(30):
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def orca(desk: Desktop, tmp: Path) -> Iterator[Orca]:
    """Orca on the desktop's bus, its debug log in ``tmp``; stopped, with the speech-dispatcher it started, at the end."""
    require_orca()
    env = _home(tmp)
    # As on a desktop, the accessibility registry is up before the screen reader (asking it for the applications starts it).
    desk.read("tree", "1")
    log = tmp / "orca-debug.out"
    proc = desk.start(["/usr/bin/python3", str(Path(__file__).parent / "orca_run.py"), str(log)], **env)
    reader = Orca(log, env)
    try:
        reader.wait_for("Screen reader on", seconds=60)
        reader.settle()  # as on a desktop, Orca is up and idle before the trainee opens the window
        yield reader
    finally:
        _end(proc.pid)  # Orca 43 can hang on its way out: desk.stop ends its group, by force if need be
        desk.stop(proc)
        for pid in _ours(tmp):  # speech-dispatcher leaves the session it was started in: found by its private paths
            _end(pid)


def _ours(tmp: Path) -> list[int]:
    """Processes whose command line names this test's private folder (the speech-dispatcher Orca started, its voice module)."""
    mine = str(tmp).encode()
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            with contextlib.suppress(OSError):
                if mine in (entry / "cmdline").read_bytes():
                    out.append(int(entry.name))
    return out
