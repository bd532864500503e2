"""Rotated backups of the store, taken with SQLite's online backup API.

A backup is a whole, self-contained copy of the store (rollback journal, no
WAL beside it) in ``backups/`` next to the store, named
``records.sqlite3.backup-000042``; the newest :data:`GENERATIONS` are kept.
Copies are taken only at safe moments, by :mod:`simulator.records.storeguard`:
when a store that passed every check is opened, and when it is closed. A copy
is written to a temporary name and renamed into place, so a half-written
backup never exists under a backup's name. Each carries, in its ``meta``
table, a fingerprint of the content it holds (no new copy is taken while the
store has not changed) and, when the host said, when it was taken.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path

from simulator import fileio

GENERATIONS = 3
FOLDER = "backups"
_NAME = re.compile(r"\.backup-(\d{6,})$")
SIDES = ("-wal", "-shm", "-journal")  # the working files SQLite keeps beside a database


def folder_for(path: Path) -> Path:
    return path.parent / FOLDER


def existing(path: Path) -> list[Path]:
    """The backups of the store at ``path``, newest first."""
    where = folder_for(path)
    try:
        names = [entry.name for entry in os.scandir(where) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []
    numbered = [(int(m.group(1)), name) for name in names if name.startswith(path.name) and (m := _NAME.search(name))]
    return [where / name for _, name in sorted(numbered, reverse=True) if not odd_sides(where / name)]


def odd_sides(path: Path) -> list[tuple[Path, str]]:
    """SQLite's working files beside ``path`` that are there but are not plain files, each with what it is.

    SQLite opens them without asking what they are: a FIFO named ``-journal``
    blocks it for ever, and a folder or a device fails it with an error that
    blames the disk. None of them can hold anything of the database's, so a
    backup with one is passed over, and the store's own are moved aside
    (:mod:`simulator.records.storeguard`).
    """
    found = [(side, fileio.not_plain(side)) for side in (path.with_name(path.name + suffix) for suffix in SIDES)]
    return [(side, what) for side, what in found if what is not None]


def fingerprint(conn: sqlite3.Connection) -> str:
    """A digest of everything saved: each playthrough row's checksum (it changes with every step), the reflections, records and workshops."""
    digest = hashlib.sha256()
    for (row_checksum,) in conn.execute("SELECT checksum FROM playthroughs ORDER BY id"):
        digest.update(str(row_checksum).encode("ascii", "replace"))
    digest.update(repr(conn.execute("SELECT count(*), coalesce(max(id), 0) FROM reflections").fetchone()).encode())
    digest.update(repr(conn.execute("SELECT count(*) FROM records").fetchone()).encode())
    with contextlib.suppress(sqlite3.OperationalError):  # a file from before workshops were kept has no such table
        digest.update(repr(conn.execute("SELECT count(*), coalesce(max(id), 0) FROM workshops").fetchone()).encode())
    return digest.hexdigest()


def meta_of(backup: Path) -> dict[str, str]:
    """A backup's ``meta`` rows (empty if it cannot be read)."""
    try:
        conn = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return {}
    try:
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


def take(conn: sqlite3.Connection, path: Path, *, at: str | None = None) -> Path | None:
    """Copy the open store into a new backup unless the newest one holds the same; return the new backup.

    Never raises for a full disk or a read-only folder: a missing backup
    must not stop anyone playing (the store itself is what matters); it
    returns None instead.
    """
    try:
        if conn.execute("SELECT count(*) FROM playthroughs").fetchone()[0] == 0:
            return None
        mark = fingerprint(conn)
        found = existing(path)
        if found and meta_of(found[0]).get("backup_fingerprint") == mark:
            return None
        number = 1 + max((int(m.group(1)) for p in found if (m := _NAME.search(p.name))), default=0)
        target = folder_for(path) / f"{path.name}.backup-{number:06d}"
        extra = {"backup_fingerprint": mark, **({"backup_taken": at} if at else {})}
        copy(conn, target, extra)
    except (OSError, sqlite3.Error):
        return None
    for old in existing(path)[GENERATIONS:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def copy(source: sqlite3.Connection, target: Path, meta: Mapping[str, str | None]) -> None:
    """Write a consistent copy of ``source`` to ``target`` atomically, then set (or, for None, delete) meta keys."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            for key, value in meta.items():
                if value is None:
                    dest.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    dest.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        finally:
            dest.close()
        with open(tmp, "rb") as written:  # fsync needs a descriptor
            os.fsync(written.fileno())
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except BaseException:
        for leftover in (tmp, f"{tmp}-journal"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
