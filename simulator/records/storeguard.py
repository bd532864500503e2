"""Opening the store's file safely: inspect before use, set damage aside, restore from a backup.

A file is inspected through a read-only connection first (a read-write one
would checkpoint or delete its WAL on closing) that decodes nothing (a
damaged byte in the schema text must be a finding, not a UnicodeDecodeError).
It must pass SQLite's integrity check, say it is Doorstep's, be of a format
this version reads, and hold exactly the tables and indexes Doorstep's
migrations make: no trigger, no view, nothing altered. A file that fails is
renamed aside with its WAL (never deleted, never checkpointed into), and the
newest backup that passes the same checks is restored in its place; the notes
say what was kept and where the old file is. A store that passes is backed up
(see :mod:`simulator.records.backups`) before anything is written to it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from datetime import UTC
from pathlib import Path

from simulator import fileio
from simulator.records import backups, storefile
from simulator.records.storefile import (
    APP,
    BUSY_TIMEOUT_S,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    describe_difference,
    expected_layout,
    failure,
    is_damage,
    layout,
    migrate,
)
from simulator.wording import stored_time

Unusable = tuple[type[StoreError], str]
LAYOUT_CHANGED = "its layout was changed outside Doorstep"
_SIDE_FILES = backups.SIDES


def _read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.text_factory = bytes  # nothing read while inspecting is decoded, so a bad byte cannot raise
    return conn


def inspect(path: Path) -> Unusable | None:
    """Why the file cannot be used as it stands (an error class and a phrase), or None (also for no file)."""
    try:
        if not path.exists():
            return None
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO, a socket, a device: SQLite would fail on it with a misleading error
            return StoreDamaged, fileio.kind_of(path.stat().st_mode)
        if path.stat().st_size == 0 and not _has_content(Path(f"{path}-wal")):
            # Empty: cut short if backups show there was something; else a creation that never finished.
            return (StoreDamaged, "the file is empty (0 bytes): it was cut short") if backups.existing(path) else None
        conn = _read_only(path)
    except OSError as exc:
        raise StoreError(f"Could not open the saved playthroughs at {path}: {fileio.reason(exc)}.") from exc
    except sqlite3.Error as exc:
        if is_damage(exc):
            return StoreDamaged, "the file is damaged or is not a database"
        raise failure(exc, f"open the saved playthroughs at {path}", path.parent) from exc
    try:
        return examine(conn)
    finally:
        conn.close()


def _has_content(side: Path) -> bool:
    try:
        return side.stat().st_size > 0
    except OSError:
        return False


def _first_problem(report: list[str]) -> str:
    """SQLite's integrity report in one short line: its first real finding (a report spans lines, headed '*** in database main ***')."""
    lines = [" ".join(line.split()) for item in report for line in item.splitlines()]
    found = [line for line in lines if line and not line.startswith("***")]
    first = found[0] if found else "SQLite's integrity check failed"
    return first[:160] + (f"; and {len(found) - 1} more" if len(found) > 1 else "")


def examine(conn: sqlite3.Connection) -> Unusable | None:
    """The checks of :func:`inspect` on an open (read-only, bytes) connection."""
    try:
        check = [_str(r[0]) for r in conn.execute("PRAGMA integrity_check(5)")]
        if check != ["ok"]:
            return StoreDamaged, f"the file is damaged ({_first_problem(check)})"
        tables = {_str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        meta = {_str(k): _str(v) for k, v in conn.execute("SELECT key, value FROM meta")} if "meta" in tables else {}
        if meta.get("app") != APP or "schema_version" not in meta:
            return StoreDamaged, "the file is not a Doorstep records file"
        try:
            version = int(meta["schema_version"])
        except ValueError:
            return StoreDamaged, "the file is damaged (its format number is unreadable)"
        if version > storefile.SCHEMA_VERSION:
            return (
                StoreTooNew,
                f"it was saved by a newer version of Doorstep (records format {version}; this version reads up to {storefile.SCHEMA_VERSION})",
            )
        if version < 1:
            return StoreDamaged, "the file is damaged (its format number is unreadable)"
        found, expected = layout(conn), expected_layout(version)
        if found != expected:
            return StoreDamaged, f"{LAYOUT_CHANGED} ({describe_difference(found, expected)})"
        return None
    except sqlite3.DatabaseError as exc:
        if is_damage(exc) or "malformed" in str(exc):
            return StoreDamaged, "the file is damaged or is not a database"
        raise failure(exc, "open the saved playthroughs") from exc
    except UnicodeDecodeError:  # SQLite's own message quoting a damaged byte of the schema
        return StoreDamaged, "the file is damaged (its layout holds bytes that are not text)"


def _str(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _stamp(at: str) -> str:
    """A file-name-safe UTC stamp from an ISO time (e.g. 20260302T101500Z)."""
    when = stored_time(at)
    if when is None:
        return re.sub(r"[^0-9A-Za-z]", "", at)[:40] or "unknown"
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
    while any(os.path.lexists(target.with_name(target.name + s)) for s in ("", *_SIDE_FILES)):
        target, n = path.with_name(f"{base}-{n}"), n + 1
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if os.path.lexists(side):
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection to a file already inspected (or new), durable and migrated."""
    try:
        # isolation_level=None: we write BEGIN/COMMIT ourselves so each call is exactly one transaction.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise failure(exc, f"open the saved playthroughs at {path}", path.parent) from exc
    # A damaged byte inside saved text reads as U+FFFD instead of failing the whole query; the row's
    # checksum then no longer matches, so that row (and only that row) is reported as damaged.
    conn.text_factory = _lenient
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")  # each commit is on disk, not just with the OS
        conn.execute("PRAGMA journal_mode = WAL")  # persistent; readers in other windows never block the writer
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise failure(exc, "prepare the saved playthroughs", path.parent) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _lenient(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def open_file(path: Path, *, at: str | None = None, repair: bool = True) -> tuple[sqlite3.Connection, list[str]]:
    """A connection to a usable store file at ``path``, and notes for the trainee (see Store.open)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise StoreError(f"Could not open the saved playthroughs: {path} is a folder, not a file.")
    except OSError as exc:
        raise StoreError(f"Could not use the folder {path.parent} for saved playthroughs: {fileio.reason(exc)}.") from exc
    notes = _clear_side_files(path, at, repair)
    unusable = inspect(path)
    if unusable is not None:
        kind, problem = unusable
        if not repair:
            raise kind(f"The saved playthroughs at {path} cannot be used: {problem}.")
        try:
            aside = set_aside(path, at)
        except OSError as exc:
            raise StoreError(
                f"The saved playthroughs at {path} cannot be used ({problem}) and could not be moved aside: {fileio.reason(exc)}."
            ) from exc
        kept = f"Doorstep has kept the old file as {aside} (nothing in it was deleted)"
        copied = salvage(aside, path) if problem.startswith(LAYOUT_CHANGED) else None
        if copied is not None:
            plural = "playthrough" if copied == 1 else "playthroughs"
            notes.append(
                f"Your saved playthroughs could not be used as they were because {problem}. {kept}, and copied your "
                f"{copied} {plural} from it into a new file without those changes; any row changed outside Doorstep is marked damaged."
            )
            unusable = None
        restored = restore_newest(path) if unusable is not None else None
        if restored:
            notes.append(f"Your saved playthroughs could not be opened because {problem}. {kept} and {restored}")
        elif unusable is not None:
            notes.append(
                f"Your saved playthroughs could not be opened because {problem}. {kept} and started a new, empty one "
                "(there was no good backup to restore); a trainer or IT support can try to recover the old file."
            )
    elif not path.exists() and repair and backups.existing(path):
        restored = restore_newest(path)
        if restored:
            notes.append(f"Your saved playthroughs file was missing. Doorstep {restored.removeprefix('has ')}")
    existed = path.exists()
    try:
        conn = connect(path)
    except StoreError:
        if not existed:  # a full disk or a forbidden folder: leave nothing behind but what was there
            _remove_new(path)
        raise
    if repair:
        backups.take(conn, path, at=at)
    return conn, notes


def _clear_side_files(path: Path, at: str | None, repair: bool) -> list[str]:
    """Move aside (repair) or refuse (not) each of SQLite's working files that is not a plain file; the notes to show."""
    notes = []
    for side, what in backups.odd_sides(path):
        if not repair:
            raise StoreError(f"The saved playthroughs at {path} cannot be opened: {side.name} beside it is SQLite's working file, but {what}; move it away.")
        base, n = f"{side.name}.odd" + (f"-{_stamp(at)}" if at else ""), 2
        target = side.with_name(base)
        while os.path.lexists(target):
            target, n = side.with_name(f"{base}-{n}"), n + 1
        try:
            os.replace(side, target)
        except OSError as exc:
            raise StoreError(f"The saved playthroughs at {path} cannot be opened: {side.name} beside it {what.removeprefix('it ')}, and could not be moved aside: {fileio.reason(exc)}.") from exc
        notes.append(f"Doorstep found {side.name} beside your saved playthroughs, where SQLite keeps a working file, but {what}; it moved it aside as {target.name} (nothing was deleted) and opened your playthroughs as they were.")
    return notes


def _remove_new(path: Path) -> None:
    """Remove a file this call created and failed to set up: its one transaction failed, so it holds nothing."""
    for name in (str(path), *(f"{path}{s}" for s in _SIDE_FILES)):
        with contextlib.suppress(OSError):
            os.unlink(name)


def salvage(old: Path, path: Path) -> int | None:
    """Copy every row of Doorstep's own tables from a file whose only fault is its layout into a new store at ``path``.

    Used when SQLite finds the file whole and it is Doorstep's, of this
    version, but something was added or altered around the data (a trigger,
    a view, an extra column). Rows are copied as they are, checksums
    included, so a row someone changed stays damaged; only tables (never a
    view standing in for one) are read, and no trigger fires on reading.
    Returns how many playthroughs were copied, or None (leaving nothing at
    ``path``) when the rows cannot be copied; the caller then restores a backup.
    """
    try:
        source = sqlite3.connect(old.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error:
        return None
    source.text_factory = _lenient
    dest: sqlite3.Connection | None = None
    try:
        version = source.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if version is None or version[0] != str(storefile.SCHEMA_VERSION):
            return None
        dest = connect(path)
        dest.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table; they were consistent where they came from
        kinds = dict(source.execute("SELECT name, type FROM sqlite_master"))
        tables = [r[0] for r in dest.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name != 'meta'")]
        with storefile.transaction(dest):
            for table in tables:
                columns = [r[1] for r in dest.execute(f'PRAGMA table_info("{table}")')]
                if kinds.get(table) != "table" or not set(columns) <= {r[1] for r in source.execute(f'PRAGMA table_info("{table}")')}:
                    raise sqlite3.DatabaseError(f"the table {table} cannot be copied")
                names = ", ".join(f'"{c}"' for c in columns)
                dest.execute(f'DELETE FROM "{table}"')
                rows = source.execute(f'SELECT {names} FROM "{table}"')
                dest.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', rows)
            for key, value in source.execute("SELECT key, value FROM meta WHERE key NOT IN ('app', 'schema_version')"):
                dest.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        count: int = dest.execute("SELECT count(*) FROM playthroughs").fetchone()[0]
        return count
    except (sqlite3.Error, StoreError, OSError):
        if dest is not None:
            dest.close()
            dest = None
        _remove_new(path)
        return None
    finally:
        source.close()
        if dest is not None:
            dest.close()


def restore_newest(path: Path) -> str | None:
    """Put the newest backup that passes every check at ``path``; a sentence saying what was kept, or None."""
    for candidate in backups.existing(path):
        try:
            source = _read_only(candidate)
        except sqlite3.Error:
            continue
        try:
            if examine(source) is not None:
                continue
            count = source.execute("SELECT count(*) FROM playthroughs").fetchone()[0]
            taken = _str(next(iter(source.execute("SELECT value FROM meta WHERE key = 'backup_taken'").fetchone() or ()), ""))
            backups.copy(source, path, {"backup_fingerprint": None, "backup_taken": None})
        except (OSError, sqlite3.Error):
            continue
        finally:
            source.close()
        when = f"taken {taken}" if taken else "the most recent one"
        plural = "playthrough" if count == 1 else "playthroughs"
        return (
            f"has restored your saved playthroughs from a backup ({when}), with {count} {plural}; "
            "anything saved after that backup is only in the old file."
        )
    return None
