"""The store's file: schema and migrations, row checksums and chains, plain-words errors.

Everything about the SQLite file's contents lives here, so
:mod:`simulator.records.store` can be about playthroughs. The schema is
versioned in ``meta``; :data:`MIGRATIONS` upgrades older files step by step
in one transaction, and is also the single description of what a file of a
given version must contain (:func:`expected_layout` replays the migrations
into an empty in-memory database), so a table added by a migration is
expected from then on without another list to keep. Checking a file before
use, setting it aside and restoring it from a backup is
:mod:`simulator.records.storeguard`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 4
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
# A row's checksum catches a changed row; it cannot catch a deleted one. So a
# playthrough also carries how many steps and reflections it has and the head
# of a hash chain over their checksums (:func:`chain`): deleting the last step,
# a reflection, or changing one and recomputing its checksum, all break that.
PLAYTHROUGH_V1 = (
    "id",
    "scenario_id",
    "scenario_title",
    "seed",
    "mode",
    "player_name",
    "started_at",
    "updated_at",
    "status",
    "ending",
    "touched",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "playthroughs": (*PLAYTHROUGH_V1, "step_count", "step_head", "reflection_count", "reflection_head"),
    "steps": ("playthrough_id", "idx", "action", "step"),
    "records": ("playthrough_id", "record", "finished_at"),
    "reflections": ("id", "playthrough_id", "prompt_id", "text", "saved_at"),
    "outbox": ("statement_id", "seq", "playthrough_id", "registration", "slot", "statement", "queued_at", "state", "settled_at", "note", "tries"),
    "workshops": ("id", "scenario_id", "scenario_title", "mode", "started_at", "finished_at", "summary"),
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
    conn.execute(
        f"INSERT INTO {table} ({', '.join(COLUMNS[table])}, checksum) VALUES ({marks})", (*values, checksum(table, values))
    )


def intact(table: str, row: Sequence[Any]) -> bool:
    try:
        return bool(row[-1] == checksum(table, row[:-1]))
    except (TypeError, ValueError):  # a blob or an infinite real: a value Doorstep never writes, so a row changed outside it
        return False


CHAIN_START = ""


def link(head: str, row_checksum: str) -> str:
    """The chain's head after one more row (its checksum) is added."""
    return hashlib.sha256(f"{head}:{row_checksum}".encode("ascii", "replace")).hexdigest()


def chain(row_checksums: Sequence[str]) -> str:
    """The head of the chain over rows' checksums in order (:data:`CHAIN_START` for none)."""
    head = CHAIN_START
    for digest in row_checksums:
        head = link(head, str(digest))
    return head


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


def _chain_v2(conn: sqlite3.Connection) -> None:
    """Version 2: each playthrough carries the count and chain head of its steps and reflections.

    Existing rows get their chains computed now. A playthrough row that
    already fails its checksum keeps its old checksum, so it stays damaged
    rather than being vouched for afresh.
    """
    for column, kind in (
        ("step_count", "INTEGER NOT NULL DEFAULT 0"),
        ("step_head", "TEXT NOT NULL DEFAULT ''"),
        ("reflection_count", "INTEGER NOT NULL DEFAULT 0"),
        ("reflection_head", "TEXT NOT NULL DEFAULT ''"),
    ):
        conn.execute(f"ALTER TABLE playthroughs ADD COLUMN {column} {kind}")
    for row in conn.execute(f"SELECT {', '.join(PLAYTHROUGH_V1)}, checksum FROM playthroughs").fetchall():
        if row[-1] != checksum("playthroughs", row[:-1]):
            continue
        steps = [r[0] for r in conn.execute("SELECT checksum FROM steps WHERE playthrough_id = ? ORDER BY idx", (row[0],))]
        notes = [r[0] for r in conn.execute("SELECT checksum FROM reflections WHERE playthrough_id = ? ORDER BY id", (row[0],))]
        values = (*row[:-1], len(steps), chain(steps), len(notes), chain(notes))
        conn.execute(
            "UPDATE playthroughs SET step_count = ?, step_head = ?, reflection_count = ?, reflection_head = ?, checksum = ? WHERE id = ?",
            (*values[-4:], checksum("playthroughs", values), row[0]),
        )


def _outbox_v3(conn: sqlite3.Connection) -> None:
    """Version 3: the xAPI outbox, statements kept until a Learning Record Store has them.

    ``outbox`` holds each statement (its JSON, id included) from when it is
    queued until it is settled (``state`` sent, voided or rejected, with when
    and why); ``outbox_marks`` remembers what each playthrough looked like
    when its statements were last worked out, so unchanged ones are skipped;
    ``outbox_status`` is the one row of how sending last went, with the secret
    the trainee's pseudonym is derived from (made here, once per store).
    """
    script = """
        CREATE TABLE outbox (
            statement_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            playthrough_id INTEGER REFERENCES playthroughs (id) ON DELETE CASCADE,
            registration TEXT NOT NULL,
            slot TEXT NOT NULL,
            statement TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'voided', 'rejected')),
            settled_at TEXT,
            note TEXT,
            tries INTEGER NOT NULL DEFAULT 0,
            checksum TEXT NOT NULL
        );
        CREATE INDEX outbox_by_state ON outbox (state, seq);
        CREATE INDEX outbox_by_registration ON outbox (registration, slot);
        CREATE TABLE outbox_marks (
            playthrough_id INTEGER PRIMARY KEY REFERENCES playthroughs (id) ON DELETE CASCADE,
            mark TEXT NOT NULL
        );
        CREATE TABLE outbox_status (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            secret TEXT NOT NULL,
            failures INTEGER NOT NULL,
            last_attempt_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            retry_at TEXT
        );
    """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO outbox_status (id, secret, failures) VALUES (1, ?, 0)", (secrets.token_hex(16),))


def _workshops_v4(conn: sqlite3.Connection) -> None:
    """Version 4: workshop sessions, each kept as its anonymous summary (votes as counts, no participant)."""
    conn.execute(
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            scenario_title TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('play', 'watch')),
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            summary TEXT NOT NULL,
            checksum TEXT NOT NULL
        )
        """
    )


# MIGRATIONS[v] turns a version-v file into version v+1, inside the caller's
# transaction: a failed upgrade rolls back and leaves the file as it was.
# They are history: never edit one that has shipped (the layout check compares
# files against what these produce); add the next version instead.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1, 1: _chain_v2, 2: _outbox_v3, 3: _workshops_v4}


def _version(conn: sqlite3.Connection) -> int:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is None:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        raise StoreDamaged("the file is damaged (its format number is unreadable)") from None


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


Layout = frozenset[tuple[str, str, str, str]]


def layout(conn: sqlite3.Connection) -> Layout:
    """What the file's schema holds: (type, name, table, SQL with whitespace collapsed) per object.

    The connection's ``text_factory`` may be ``bytes`` (an inspection that must
    not fail on a damaged byte); the SQL is compared as text with any bad byte
    replaced, so a changed byte is a difference, not an exception. SQLite's own
    statistics tables (made by ANALYZE) are not Doorstep's business.
    """
    found = set()
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"):
        kind, name, table = (_text(v) for v in (kind, name, table))
        if kind == "table" and name.startswith("sqlite_stat"):
            continue
        found.add((kind, name, table, " ".join(_text(sql).split())))
    return frozenset(found)


def expected_layout(version: int) -> Layout:
    """The layout a file of ``version`` must have: the migrations replayed into an empty database."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in range(version):
            MIGRATIONS[step](conn)
        return layout(conn)
    finally:
        conn.close()


def describe_difference(found: Layout, expected: Layout) -> str:
    """A short phrase for how a file's layout differs from Doorstep's (the first few differences)."""
    extra = sorted(found - expected)
    missing = sorted(expected - found)
    extra_names = {(k, n) for k, n, _, _ in extra}
    parts = [
        f"{'a' if k != 'index' else 'an'} {k} `{n}` that Doorstep did not make"
        for k, n, _, _ in extra
        if (k, n) not in {(k2, n2) for k2, n2, _, _ in missing}
    ]
    parts += [f"the {k} `{n}` is missing" for k, n, _, _ in missing if (k, n) not in extra_names]
    parts += [f"the {k} `{n}` was altered" for k, n, _, _ in missing if (k, n) in extra_names]
    shown = parts[:3] + ([f"{len(parts) - 3} more differences"] if len(parts) > 3 else [])
    return "; ".join(shown)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


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


# -- errors in plain words --------------------------------------------------
_PLAIN = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the file or its folder is read-only",
    "SQLITE_BUSY": "another Doorstep window kept the file busy for too long",
    "SQLITE_LOCKED": "another Doorstep window kept the file busy for too long",
    "SQLITE_CANTOPEN": "the file cannot be opened (check the folder exists and you may write to it)",
    "SQLITE_IOERR": "the disk reported an error",
    "SQLITE_PERM": "you do not have permission to use the file",
}
# Below this much free space an I/O error while writing is taken to be a full disk:
# SQLite reports a full disk as SQLITE_FULL only for some writes (not the WAL's index).
NEARLY_FULL_BYTES = 1024 * 1024


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file itself is damaged (rather than busy, full or forbidden)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def disk_full(folder: Path | None) -> bool:
    """Whether the disk holding ``folder`` has (almost) no space left; False when it cannot be told."""
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def failure(exc: sqlite3.Error, doing: str, folder: Path | None = None) -> StoreError:
    """A plain-words StoreError for a failed SQLite call (``folder``: where the file is, to recognise a full disk)."""
    if is_damage(exc):
        return StoreDamaged(f"Could not {doing}: the saved playthroughs file is damaged ({exc}).")
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN")) and disk_full(folder):
        return StoreError(f"Could not {doing}: the disk is full. Free some space and try again; nothing saved so far is lost.")
    reason = next((text for key, text in _PLAIN.items() if name.startswith(key)), str(exc))
    return StoreError(f"Could not {doing}: {reason}.")
