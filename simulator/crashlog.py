"""The last line of defence: an error nobody foresaw becomes one line and a crash log.

Every failure Doorstep expects (bad files, damaged records, a full disk) has
its own message where it happens. What reaches :func:`report` is a bug; the
person using Doorstep gets one line saying so and where the details are, and
the details (version, command, traceback) go to a file they can send to
whoever looks after Doorstep. The log is written to ``crash-logs/`` in
Doorstep's data folder, or the system's temporary folder if that cannot be
written; if neither can, the line says so instead of naming a file.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from simulator import __version__, fileio

FOLDER = "crash-logs"


def _folders() -> list[Path]:
    out: list[Path] = []
    with contextlib.suppress(Exception):  # a broken environment (even a package missing from the install) must not stop the report itself
        out.append(fileio.data_dir() / FOLDER)
    out.append(Path(tempfile.gettempdir()) / "doorstep-crash-logs")
    return out


def write(exc: BaseException, argv: list[str]) -> Path | None:
    """Write the details of ``exc`` to a new crash log; its path, or None if nowhere could be written."""
    when = datetime.now(UTC)
    body = "\n".join(
        [
            f"Doorstep {__version__} crash log, {when.isoformat(timespec='seconds')}",
            f"command: {' '.join(repr(a) if ' ' in a else a for a in argv)[:2000]}",
            f"python: {sys.version.split()[0]} on {platform.platform()}",
            "",
            "".join(traceback.format_exception(exc)),
        ]
    )
    name = f"crash-{when.strftime('%Y%m%dT%H%M%SZ')}-{os.getpid()}.txt"
    for folder in _folders():
        try:
            return fileio.write_atomic(folder / name, body, mode=0o600)
        except OSError:
            continue
    return None


def report(exc: BaseException, argv: list[str]) -> str:
    """The one line to show for an unforeseen error (the crash log is written first)."""
    where = write(exc, argv)
    kind = type(exc).__name__
    if where is None:
        return f"doorstep: an unexpected error ({kind}) stopped this command; this is a bug in Doorstep, and no crash log could be written."
    return f"doorstep: an unexpected error ({kind}) stopped this command; this is a bug in Doorstep, not in your files. Details are in {where}"
