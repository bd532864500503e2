"""Strict YAML reading: plain data, exact positions, no surprises.

Scenario files are written by trainers in a text editor, so the reader is
deliberately narrower than YAML itself:

* it builds data straight from libyaml's parse events, so anchors and
  aliases are refused before anything is expanded (an "alias bomb" costs
  nothing) and nesting depth is counted without recursion;
* every plain scalar is resolved by a small YAML 1.2-style table: ``no``,
  ``on``, ``1:20`` and ``2026-03-02`` stay the text the author wrote,
  instead of becoming YAML 1.1 booleans, sexagesimal numbers and dates;
* tags, merge keys (``<<``), duplicate keys and second documents are
  reported, with the line and column of each, rather than silently obeyed.

The result keeps the position of every key and item, so that later checks
(JSON Schema, references) can point at the exact line.

Two readers share the work (:func:`parse`): the lean one
(:mod:`simulator.scenario.yamllean`) takes a file with nothing to report, which
is nearly every file, with the least work per event; any file it declines is
read again by the reporting one (:mod:`simulator.scenario.yamlreport`), which
says what is wrong and where. Both make the same data and positions
(:mod:`simulator.scenario.yamldoc`).
"""

from __future__ import annotations

import os

from simulator import fileio
from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.yamldoc import MAX_DEPTH as MAX_DEPTH
from simulator.scenario.yamldoc import MAX_NUMBER_CHARS as MAX_NUMBER_CHARS
from simulator.scenario.yamldoc import Document as Document
from simulator.scenario.yamldoc import Pos as Pos
from simulator.scenario.yamldoc import Positions as Positions
from simulator.scenario.yamllean import read as _lean

MAX_FILE_BYTES = 8 * 1024 * 1024


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, refusing what is too large or not UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(file, len(raw))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from simulator.scenario.yamlhints import not_utf8  # here: only a file saved another way needs it

        return None, [not_utf8(raw, exc.start, file)]
    return text, []


def too_large(file: str, size: int) -> Diagnostic:
    """Y107 for a file of ``size`` bytes."""
    return make(
        "Y107",
        f"the file is {size / (1024 * 1024):.1f} MB; scenario files may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB",
        file,
        suggestion="split the episode into several files",
    )


def read_file(path: str | os.PathLike[str], file: str, diags: list[Diagnostic]) -> bytes | None:
    """A scenario or evidence file's bytes through the guarded reader; None (and Y107 or Y112 in ``diags``) if refused."""
    try:
        return fileio.read_bytes(path, limit=MAX_FILE_BYTES)
    except fileio.FileTooLarge as exc:
        diags.append(too_large(file, exc.size))
    except fileio.FileRefused as exc:
        diags.append(make("Y112", f"cannot read the file: {exc}", file))
    return None


def parse(text: str, file: str = "") -> Document:
    """Parse one YAML document strictly; never raises on bad input."""
    doc = _lean(text)
    if doc is not None:
        return doc
    from simulator.scenario.yamlreport import report  # here: a clean file (every file of a case that loads) never needs it

    return report(text, file)
