"""Noticing saved changes to a scenario's files, by polling their sizes and times (no extra dependency).

``doorstep validate --watch`` and the window's reload use :class:`Watcher`:
a snapshot of every file under the folders it watches, compared with a new
one when asked. Editors often save by writing a new file and renaming it
over the old one, so a change is reported only once the files have stayed
the same for a moment (:meth:`Watcher.settled`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]
MAX_FILES = 20_000


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """Size and modification time of every file under the given folders (links not followed), by path."""
    out: Snapshot = {}
    stack = [Path(r) for r in roots]
    while stack and len(out) < MAX_FILES:
        here = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    stack.append(Path(entry.path))
            else:
                out[entry.path] = (info.st_mtime_ns, info.st_size)
    return out


class Watcher:
    """Tells when files under some folders have changed and then stayed still."""

    def __init__(self, roots: Callable[[], Iterable[Path]]) -> None:
        self._roots = roots
        self._last = snapshot(roots())
        self._pending: Snapshot | None = None

    def changed(self) -> list[str]:
        """The files added, removed or modified since the last settled look (empty when nothing changed or it is still changing)."""
        now = snapshot(self._roots())
        if now == self._last:
            self._pending = None
            return []
        if self._pending != now:
            self._pending = now  # still being written: look again before reporting
            return []
        names = sorted(set(now) ^ set(self._last) | {k for k in now.keys() & self._last.keys() if now[k] != self._last[k]})
        self._last = now
        self._pending = None
        return names
