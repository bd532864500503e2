"""The store's file: schema and migrations, row checksums, durable settings, damage set aside.

Everything about the SQLite file itself lives here, so :mod:`simulator.records.store`
can be about playthroughs. A file is inspected read-only before anything
writes to it: one that is damaged, not a Doorstep store, or from a newer
Doorstep is renamed aside with its WAL (never deleted, never checkpointed
into) and a fresh file started. The schema is versioned in ``meta``;
:data:`MIGRATIONS` upgrades older files step by step in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
APP = "doorstep"
BUSY_TIMEOUT_S = 5.0


class StoreError(Exception):
    """The store cannot do what was asked; the message says why in words a trainee can read."""


class StoreDamaged(StoreError):
    """The file, or a row in it, is not what Doorstep wrote (changed outside Doorstep or damaged on disk)."""


class StoreTooNew(StoreError):
    """The file was written by a newer Doorstep whose records this version cannot read."""


# -- rows and checksums ----------------------------------------------------
# Each checksum covers every column except itself, in this order, prefixed
# with the table name so a row copied into another table does not verify.
COLUMNS: dict[str, tuple[str, ...]] = {
    "playthroughs": ("id", "scenario_id", "scenario_title", "seed", "mode", "player_name", "started_at", "updated_at", "status", "ending", "touched"),
    "steps": ("playthrough_id", "idx", "action", "step"),
    "records": ("playthrough_id", "record", "finished_at"),
    "reflections": ("id", "playthrough_id", "prompt_id", "text", "saved_at"),
}


def canonical(value: Any) -> str:
    """One JSON text per value (sorted keys, no spaces), so equal content has equal checksums."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def checksum(table: str, values: Sequence[Any]) -> str:
    """SHA-256 over the canonical JSON of a row's content."""
    return hashlib.sha256(canonical([table, *values]).encode("utf-8")).hexdigest()


def select(table: str) -> str:
    return f"SELECT {', '.join(COLUMNS[table])}, checksum FROM {table}"


def insert(conn: sqlite3.Connection, table: str, values: Sequence[Any]) -> None:
    marks = ", ".join("?" * (len(values) + 1))
    conn.execute(f"INSERT INTO {table} ({', '.join(COLUMNS[table])}, checksum) VALUES ({marks})", (*values, checksum(table, values)))


def intact(table: str, row: Sequence[Any]) -> bool:
    return bool(row[-1] == checksum(table, row[:-1]))


# -- schema and migrations -------------------------------------------------
def _create_v1(conn: sqlite3.Connection) -> None:
    """Version 0 is an empty file: create the first schema."""
    # Statement by statement: executescript would commit the migration's transaction half-way.
    script = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE playthroughs (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            scenario_title TEXT NOT NULL,
            seed INTEGER NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('coach', 'assessment')),
            player_name TEXT,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'finished', 'abandoned')),
            ending TEXT,
            touched INTEGER NOT NULL,
            checksum TEXT NOT NULL
        );
        CREATE INDEX playthroughs_by_scenario ON playthroughs (scenario_id, status, touched);
        CREATE TABLE steps (
            playthrough_id INTEGER NOT NULL REFERENCES playthroughs (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            action TEXT,
            step TEXT NOT NULL,
            checksum TEXT NOT NULL,
            PRIMARY KEY (playthrough_id, idx)
        );
        CREATE TABLE records (
            playthrough_id INTEGER PRIMARY KEY REFERENCES playthroughs (id) ON DELETE CASCADE,
            record TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            checksum TEXT NOT NULL
        );
        CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            playthrough_id INTEGER NOT NULL REFERENCES playthroughs (id) ON DELETE CASCADE,
            prompt_id TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            checksum TEXT NOT NULL
        );
        CREATE INDEX reflections_by_playthrough ON reflections (playthrough_id, prompt_id, id);
    """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('app', ?)", (APP,))


# MIGRATIONS[v] turns a version-v file into version v+1, inside the caller's
# transaction: a failed upgrade rolls back and leaves the file as it was.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1}


def _version(conn: sqlite3.Connection) -> int:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is None:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the file up to :data:`SCHEMA_VERSION`; return the versions it passed through.

    Raises :class:`StoreTooNew` (changing nothing) for a file from a newer Doorstep.
    """
    applied: list[int] = []
    with transaction(conn):
        version = _version(conn)
        if version > SCHEMA_VERSION:
            raise StoreTooNew(_too_new(version))
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),))
            applied.append(version)
    return applied


def _too_new(version: int) -> str:
    return f"it was saved by a newer version of Doorstep (records format {version}; this version reads up to {SCHEMA_VERSION})"


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """An immediate write transaction, committed (and synced) on leaving."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        # A failed COMMIT (disk full, busy) leaves the transaction open: end it so the next call starts clean.
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the original error is the one worth reporting
                conn.execute("ROLLBACK")
        raise


# -- opening, checking and setting aside ------------------------------------
_PLAIN = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the file or its folder is read-only",
    "SQLITE_BUSY": "another Doorstep window kept the file busy for too long",
    "SQLITE_LOCKED": "another Doorstep window kept the file busy for too long",
    "SQLITE_CANTOPEN": "the file cannot be opened (check the folder exists and you may write to it)",
    "SQLITE_IOERR": "the disk reported an error",
    "SQLITE_PERM": "you do not have permission to use the file",
}


def _is_damage(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def failure(exc: sqlite3.Error, doing: str) -> StoreError:
    """A plain-words StoreError for a failed SQLite call."""
    if _is_damage(exc):
        return StoreDamaged(f"Could not {doing}: the saved playthroughs file is damaged ({exc}).")
    name = getattr(exc, "sqlite_errorname", "") or ""
    reason = next((text for key, text in _PLAIN.items() if name.startswith(key)), str(exc))
    return StoreError(f"Could not {doing}: {reason}.")


def _connect(path: Path) -> sqlite3.Connection:
    """A read-write connection to a file already inspected (or new)."""
    try:
        # isolation_level=None: we write BEGIN/COMMIT ourselves so each call is exactly one transaction.
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise failure(exc, f"open the saved playthroughs at {path}") from exc


def _prepare(conn: sqlite3.Connection) -> None:
    """Set the connection up for durable writes and bring the file to the current schema."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")  # each commit is on disk, not just with the OS
    conn.execute("PRAGMA journal_mode = WAL")  # persistent; readers in other windows never block the writer
    migrate(conn)


Unusable = tuple[type[StoreError], str]


def _inspect(path: Path) -> Unusable | None:
    """Why the file cannot be used as it stands (an error class and a phrase), or None.

    Read-only: a file about to be set aside must keep its original bytes, and
    a read-write connection would checkpoint (or delete) its WAL on closing.
    """
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise failure(exc, f"open the saved playthroughs at {path}") from exc
    try:
        return _examine(conn)
    finally:
        conn.close()


def _examine(conn: sqlite3.Connection) -> Unusable | None:
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        check = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if check != ["ok"]:
            return StoreDamaged, f"the file is damaged ({check[0]})"
        if not tables:
            return None
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        if meta.get("app") != APP or "schema_version" not in meta:
            return StoreDamaged, "the file is not a Doorstep records file"
        try:
            version = int(meta["schema_version"])
        except ValueError:
            return StoreDamaged, "the file is damaged (its format number is unreadable)"
        return (StoreTooNew, _too_new(version)) if version > SCHEMA_VERSION else None
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return StoreDamaged, "the file is damaged or is not a database"
        raise failure(exc, "open the saved playthroughs") from exc


_SIDE_FILES = ("-wal", "-shm", "-journal")


def _stamp(at: str) -> str:
    """A file-name-safe UTC stamp from an ISO time (e.g. 20260302T101500Z)."""
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return re.sub(r"[^0-9A-Za-z]", "", at) or "unknown"
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y%m%dT%H%M%SZ")


def set_aside(path: Path, at: str | None = None) -> Path:
    """Rename ``path`` (and its -wal/-shm files) to ``<name>.damaged-<stamp>``; return the new path.

    The side files move first: a stale WAL left beside a new store would be
    replayed into it by SQLite. An existing name gets a -2, -3... suffix.
    """
    base = f"{path.name}.damaged" + (f"-{_stamp(at)}" if at else "")
    target, n = path.with_name(base), 2
    while any(target.with_name(target.name + s).exists() for s in ("", *_SIDE_FILES)):
        target, n = path.with_name(f"{base}-{n}"), n + 1
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target


def open_file(path: Path, *, at: str | None = None, repair: bool = True) -> tuple[sqlite3.Connection, list[str]]:
    """A connection to a usable store file at ``path``, and notes for the trainee (see Store.open)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Could not create the folder {path.parent} for saved playthroughs: {exc.strerror or exc}.") from exc
    if path.is_dir():
        raise StoreError(f"Could not open the saved playthroughs: {path} is a folder, not a file.")
    notes: list[str] = []
    unusable = _inspect(path)
    if unusable is not None:
        kind, problem = unusable
        if not repair:
            raise kind(f"The saved playthroughs at {path} cannot be used: {problem}.")
        try:
            aside = set_aside(path, at)
        except OSError as exc:
            raise StoreError(f"The saved playthroughs at {path} cannot be used ({problem}) and could not be moved aside: {exc.strerror or exc}.") from exc
        notes.append(
            f"Your saved playthroughs could not be opened because {problem}. "
            f"Doorstep has kept the old file as {aside} (nothing in it was deleted) and started a new, empty one; "
            "a trainer or IT support can try to recover the old file."
        )
    conn = _connect(path)
    try:
        _prepare(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise failure(exc, "prepare the saved playthroughs") from exc
    except BaseException:
        conn.close()
        raise
    return conn, notes
