"""A file's path shown in a box narrower than it: broken after its separators, the file name whole, the middle given way.

A path is one word to the wrapping code, which would break it anywhere
("/home/sam/Doc" / "uments/..."). :func:`path_rows` breaks it only after a
``/`` or ``\\``, keeps the file name whole on the last row, shortens a single
folder name wider than the box in its middle, and, when the path would take
more than ``most`` rows, lets folders from the middle give way to one "…"
(the start says which disc or home, the end which folder the file is in).
The full path stays reachable from the screen that shows it (a copy button,
or one that opens the folder).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

ELLIPSIS = "\u2026"
_SEGMENT = re.compile(r"[^/\\]*[/\\]|[^/\\]+$")


def segments(path: str) -> list[str]:
    """The path's folders, each with the separator after it, then the file name (if any)."""
    return _SEGMENT.findall(path)


def _shorten(segment: str, width: int, measure: Callable[[str], int]) -> str:
    """A folder name wider than the box, shortened in its middle ("Documents and Sett…ings/")."""
    if measure(segment) <= width:
        return segment
    head, tail = segment[: len(segment) // 2], segment[len(segment) // 2 :]
    while (head or tail) and measure(head + ELLIPSIS + tail) > width:
        if len(head) >= len(tail) - (1 if tail.endswith(("/", "\\")) else 0):
            head = head[:-1]
        else:
            tail = tail[1:]
    return head + ELLIPSIS + tail


def _pack(parts: Sequence[str], width: int, measure: Callable[[str], int]) -> list[str]:
    rows: list[str] = []
    for part in parts:
        if rows and measure(rows[-1] + part) <= width:
            rows[-1] += part
        else:
            rows.append(part)
    return rows


def path_rows(path: str, width: int, measure: Callable[[str], int], most: int = 3) -> list[str]:
    """``path`` as rows at most ``width`` wide (by ``measure``), broken only after separators, the file name whole on the last row.

    A file name wider than the whole box is the one thing left wider (the
    wrapping code then breaks it rather than hide part of it).
    """
    parts = segments(path)
    if not parts:
        return [path]
    name = parts[-1] if not parts[-1].endswith(("/", "\\")) else ""
    folders = [_shorten(s, width, measure) for s in (parts[:-1] if name else parts)]
    rows = _pack([*folders, name] if name else folders, width, measure)
    if len(rows) <= most or len(folders) < 2:
        return rows
    # Too many rows: folders from the middle give way, one at a time, to a single "…/", keeping the first one (the disc or home).
    sep = "\\" if "\\" in path and "/" not in path else "/"
    for gone in range(1, len(folders)):
        start = max(1, (len(folders) - gone + 1) // 2)
        kept = [*folders[:start], ELLIPSIS + sep, *folders[start + gone :]]
        rows = _pack([*kept, name] if name else kept, width, measure)
        if len(rows) <= most:
            return rows
    return rows
