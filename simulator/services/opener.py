"""Open a file or a folder with whatever the computer opens it with (a browser for the report, the file manager for a folder).

Pure Python. ``$DOORSTEP_OPEN`` names the program to use instead (a lab machine's
browser, or a test's stand-in); otherwise ``xdg-open`` on Linux, ``open`` on a
Mac, the shell's association on Windows. The program is started and left to
itself: the window never waits for a browser, and a missing program is a
sentence for the trainee, never a traceback.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

OPEN_ENV = "DOORSTEP_OPEN"


def _command() -> list[str] | None:
    chosen = os.environ.get(OPEN_ENV, "").strip()
    if chosen:
        return shlex.split(chosen)
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return ["xdg-open"]
    return None


def open_path(path: Path) -> str | None:
    """Open ``path``; None when it was handed over, else one sentence saying why not."""
    if not path.exists():
        return f"{path} is no longer there."
    command = _command()
    if command is None and hasattr(os, "startfile"):
        try:
            os.startfile(path)  # type: ignore[attr-defined,unused-ignore]  # Windows only
        except OSError as exc:
            return f"Windows could not open it ({exc.strerror or exc})."
        return None
    if command is None or shutil.which(command[0]) is None:
        name = command[0] if command else "a program to open files"
        return f"This computer has no {name} to open it with; open it from your file manager instead."
    try:
        subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        return f"{command[0]} could not be started ({exc.strerror or exc})."
    return None
