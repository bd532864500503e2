"""JSON export of a saved playthrough: what the trainee keeps and what a trainer receives.

An export is one versioned document: who played what and when, the actions
(enough to replay, finished or not), the final record when there is one,
and the trainee's reflections. It is built from the store's reads and
written atomically, so a half-written export never replaces a good one.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import fileio

if TYPE_CHECKING:  # the store imports this module; only the type is needed here
    from simulator.records.store import Playthrough

EXPORT_FORMAT = 1
EXPORT_KIND = "doorstep-export"


def build_export(
    playthrough: Playthrough,
    actions: list[str | None],
    record: dict[str, Any] | None,
    reflections: dict[str, str],
    *,
    xapi: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One JSON-ready dict for a playthrough.

    ``xapi`` (the registration and pseudonymous account the window sends the
    playthrough under) lets ``doorstep xapi push`` of the export land in the
    same registration; it holds nothing the LRS would not be sent anyway.
    """
    about = asdict(playthrough)
    about.pop("damaged", None)  # an export is only built from rows that verified
    export = {
        "format": EXPORT_FORMAT,
        "kind": EXPORT_KIND,
        "playthrough": about,
        "actions": list(actions),
        "record": record,
        "reflections": dict(sorted(reflections.items())),
    }
    if xapi:
        export["xapi"] = dict(xapi)
    return export


def dumps(export: dict[str, Any]) -> str:
    """The export as readable, strict JSON text (UTF-8, indented, stable key order; no NaN)."""
    return json.dumps(export, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def write_export(path: str | os.PathLike[str], export: dict[str, Any]) -> Path:
    """Write the export to ``path`` atomically (temporary file, flushed, then renamed)."""
    return fileio.write_atomic(path, dumps(export))
