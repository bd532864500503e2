"""What the commands share: a scenario loaded or its problems printed, and a file written whole or a one-line reason.

Used by the command line (:mod:`simulator.cli`) and the commands kept in
modules of their own (:mod:`simulator.report_command`).
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from simulator import fileio, streams


def art_catalog() -> Any:
    from simulator.assets import load_art

    art = load_art()
    return art.catalog() if art is not None else None


def whole_scenario(path: str) -> str:
    """The scenario a command is given: a file or folder of one (an episode, episodes/, evidence/) stands for all of it.

    `validate` checks one file of a scenario; the commands that play, count or map a case need all of it, so a trainer
    who gives them the file open in their editor is told which folder is used instead of being refused.
    """
    info = fileio.probe(Path(path))
    if isinstance(info, OSError) or Path(path).name == "scenario.yaml":
        return path
    folder = stat.S_ISDIR(info.st_mode)
    if folder and not isinstance(fileio.probe(Path(path) / "scenario.yaml"), OSError):
        return path  # a scenario folder itself
    if not folder and not stat.S_ISREG(info.st_mode):
        return path
    from simulator.authoring.validate import scenario_of

    found = scenario_of(Path(path) / "scenario.yaml" if folder else Path(path))  # a folder of one (episodes/): from inside it
    if found is None:
        return path
    where = os.path.abspath(found) if os.path.isabs(path) else str(found)  # said as the path was given: from here, or from /
    print(f"doorstep: {path} is part of the scenario in {where}; using the whole scenario", file=sys.stderr)
    return where


def load(path: str, quiet: bool = False) -> Any:
    """Load a scenario or print its diagnostics to stderr; returns the scenario or None."""
    from simulator.scenario import Severity, load_scenario, settle

    with streams.still_working(f"checking {path}"):  # a giant case's first check takes seconds
        result = load_scenario(path, art=art_catalog(), cache=True)
    if not result.ok:
        # The errors (and, unless quiet, the warnings) that stop it; notes are only counted, as validate counts
        # them, so eighteen "no art yet" lines never bury the one error a trainer has to fix.
        shown = (Severity.ERROR,) if quiet else (Severity.ERROR, Severity.WARNING)
        for d in result.diagnostics:
            if d.severity in shown:
                print(d.render(), file=sys.stderr)
        from simulator.wording import count

        print(f"doorstep: {path} has {count(len(result.errors), 'error')}; run `doorstep validate {path}` for details", file=sys.stderr)
        return None
    warned = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    if warned and not quiet:  # it runs, but a trainer who only plays or analyses should still hear of a never-true `when`
        from simulator.wording import count

        print(f"doorstep: {path} has {count(warned, 'warning')}; `doorstep validate {path}` lists them", file=sys.stderr)
    settle()
    return result.scenario


def write_text(path: str, text: str, kind: str) -> bool:
    """Write text atomically, or say in one line why not.

    A lone surrogate (from a damaged record or a name given in bytes that are
    not UTF-8) is written as U+FFFD: the report is still worth having. What is
    at ``path`` is replaced only if an earlier output of this ``kind`` put it
    there (:func:`simulator.fileio.not_ours`): never the record being read,
    a scenario's file or the saved playthroughs.
    """
    from simulator import strictjson  # when a file is written: `doorstep play` never needs it before its first frame

    if not may_write(path, kind):
        return False
    try:
        fileio.write_atomic(path, strictjson.scrub(text))
    except OSError as exc:
        print(f"doorstep: cannot write {path}: {fileio.reason(exc)}", file=sys.stderr)
        return False
    return True


def write_json(path: str, data: Any) -> bool:
    """Write JSON atomically (see :func:`write_text`); it replaces only JSON of the same ``kind``."""
    import json  # here, not for the window's first frame

    kind = data.get("kind") if isinstance(data, dict) else None
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", kind if isinstance(kind, str) else "json")


def may_write(path: str, kind: str) -> bool:
    """Whether an output of ``kind`` may go to ``path``; if not, says why in one line (asked before the work, and again as it is written)."""
    why = fileio.not_ours(path, kind)
    if why is not None:
        print(f"doorstep: will not write over {path}: {why}; name another file, or move that one first", file=sys.stderr)
    return why is None


class Progress:
    """How far a long command has got, on one line of standard error: ``doorstep: random play, 120 of 200 playthroughs``.

    Said only on a terminal, and only once the work has taken :attr:`DELAY_S` (a real case's analysis is over
    before then, and a log, a pipe or a test gets exactly the output it got before); redrawn in place at most ten
    times a second, and wiped by :meth:`close`, so what the command prints after it starts on a clean line.
    """

    DELAY_S = 2.0

    def __init__(self, what: str, unit: str, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.what, self.unit, self.clock = what, unit, clock
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.on = bool(isatty is not None and isatty())
        self.start = clock()
        self.shown_at: float | None = None
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.on:
            return
        now = self.clock()
        if now - self.start < self.DELAY_S or (self.shown_at is not None and now - self.shown_at < 0.1):
            return
        text = f"doorstep: {self.what}, {done:,} of {total:,} {self.unit}"
        self.stream.write("\r")  # (a write of its own: a line starting `doorstep: ` is kept on one line, streams.OneLine)
        self.stream.write(text.ljust(self.width))
        self.stream.flush()
        self.shown_at, self.width = now, max(self.width, len(text))

    def close(self) -> None:
        if self.shown_at is not None:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.shown_at = None
