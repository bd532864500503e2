"""The local record store: every playthrough saved as it is played.

This module keeps the "nothing lost" promise. Each host action is one row,
committed before :meth:`Store.add_step` returns (WAL with ``synchronous=FULL``,
so it is on disk, not just handed to the OS), which means killing the process
at any moment leaves a store from which :meth:`Store.actions` replays the
playthrough to the same decision. Every row carries a SHA-256 checksum of its
content, so a row changed on disk is reported when read, never silently used,
and never rewritten with a fresh checksum. The file itself (schema,
migrations, damage set aside) is :mod:`simulator.records.storefile`.

The store never reads the wall clock: times are ISO strings the host passes in
(:func:`now` is a helper for hosts).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from simulator import fileio, strictjson
from simulator.records import audit, backups, outbox, storeguard, xapi_ids
from simulator.records import export as exporting
from simulator.records.record import check_record
from simulator.records.storefile import (
    CHAIN_START,
    COLUMNS,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    canonical,
    chain,
    checksum,
    failure,
    insert,
    intact,
    link,
    select,
    transaction,
)

__all__ = [
    "MODES",
    "Mode",
    "Playthrough",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreTooNew",
    "data_dir",
    "default_path",
    "now",
]

FILENAME = "records.sqlite3"
MODES = ("coach", "assessment")

Mode = Literal["coach", "assessment"]


@dataclass(frozen=True, slots=True)
class Playthrough:
    """One playthrough as listed: who, what, when, how far, how it ended.

    ``damaged`` is a sentence when the row does not match its checksum: the
    values are shown as found, but must not be trusted or replayed.
    """

    id: int
    scenario_id: str
    scenario_title: str
    seed: int
    mode: Mode
    player_name: str | None
    started_at: str
    updated_at: str
    steps: int
    finished: bool
    abandoned: bool
    ending: str | None
    damaged: str | None = None


def now() -> str:
    """The current UTC time as an ISO string, for hosts to pass in (the store never calls it)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def data_dir() -> Path:
    """Where Doorstep keeps the trainee's data: $DOORSTEP_DATA_DIR, else the platform's user data folder."""
    return fileio.data_dir()


def default_path() -> Path:
    """The store file the window and the command line use unless told otherwise."""
    return data_dir() / FILENAME


# -- the store -------------------------------------------------------------
class Store:
    """The playthroughs of one machine (or one workshop folder), in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, keep_backups: bool = False) -> None:
        self._conn = conn
        self.path = path
        self._keep_backups = keep_backups

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, at: str | None = None, repair: bool = True) -> tuple[Store, list[str]]:
        """Open (or create) the store at ``path``; return it with notes for the trainee.

        A file that is damaged, not a Doorstep store, or from a newer Doorstep
        is renamed aside (``at``, the caller's UTC time, names it) and the
        newest good backup restored in its place (else a fresh store started);
        the note says what was kept and where the old file is. A usable store
        is backed up on opening and on closing. With ``repair=False`` (a
        second connection to a store already opened) nothing is set aside,
        restored or backed up: such a file raises :class:`StoreDamaged` or
        :class:`StoreTooNew` and is left untouched.
        """
        where = Path(path)
        conn, notes = storeguard.open_file(where, at=at, repair=repair)
        return cls(conn, where, keep_backups=repair), notes

    def close(self, *, at: str | None = None) -> None:
        """Close the file, first backing it up if anything changed (a safe moment: nothing is being written)."""
        if self._keep_backups:
            backups.take(self._conn, self.path, at=at)
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- internals ---------------------------------------------------------
    @contextmanager
    def _writing(self, doing: str) -> Iterator[sqlite3.Connection]:
        try:
            with transaction(self._conn):
                yield self._conn
        except sqlite3.Error as exc:
            raise failure(exc, doing, self.path.parent) from exc
        except UnicodeDecodeError:
            raise StoreDamaged(f"Could not {doing}: the saved playthroughs file is damaged (text in it is not UTF-8).") from None

    @contextmanager
    def writing(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One write transaction (``doing`` names it in an error), for a module that owns a table here (the xAPI outbox)."""
        with self._writing(doing) as conn:
            yield conn

    def reading(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """Rows of a query, errors in plain words, for a module that owns a table here."""
        return self._reading(sql, args)

    def _reading(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise failure(exc, "read the saved playthroughs", self.path.parent) from exc
        except UnicodeDecodeError:
            raise StoreDamaged(
                "Could not read the saved playthroughs: some text in the file is not UTF-8, so it was damaged on disk."
            ) from None

    def _row(self, playthrough_id: int) -> Any:
        rows = self._reading(select("playthroughs") + " WHERE id = ?", (playthrough_id,))
        if not rows:
            raise StoreError(f"There is no saved playthrough {playthrough_id}.")
        return rows[0]

    def _trusted(self, playthrough_id: int) -> Any:
        row = self._row(playthrough_id)
        if not intact("playthroughs", row) or audit.misshapen(audit.values_of(row)):
            raise StoreDamaged(audit.damaged_row(playthrough_id))
        return row

    def _update(self, conn: sqlite3.Connection, row: Any, **changes: Any) -> None:
        """Rewrite a playthrough row with changes, marking it the most recently touched."""
        touched = conn.execute("SELECT coalesce(max(touched), 0) + 1 FROM playthroughs").fetchone()[0]
        self._update_quietly(conn, row, touched=touched, **changes)

    def _update_quietly(self, conn: sqlite3.Connection, row: Any, **changes: Any) -> None:
        """Rewrite a playthrough row with changes and a fresh checksum, leaving its place in "most recent first"."""
        values = dict(zip(COLUMNS["playthroughs"], row[:-1], strict=True))
        values.update(changes)
        ordered = [values[c] for c in COLUMNS["playthroughs"]]
        sets = ", ".join(f"{c} = ?" for c in COLUMNS["playthroughs"][1:])
        conn.execute(
            f"UPDATE playthroughs SET {sets}, checksum = ? WHERE id = ?",
            (*ordered[1:], checksum("playthroughs", ordered), values["id"]),
        )

    def _open_row(self, playthrough_id: int, doing: str) -> Any:
        row = self._trusted(playthrough_id)
        status = row[COLUMNS["playthroughs"].index("status")]
        if status != "open":
            raise StoreError(f"Could not {doing}: playthrough {playthrough_id} is {status}.")
        return row

    def _listing(self, where: str, args: Sequence[Any]) -> list[Playthrough]:
        listed: list[Playthrough] = []
        for row in self._reading(select("playthroughs") + f"{where} ORDER BY touched DESC, id DESC", args):
            values = audit.values_of(row)
            if not intact("playthroughs", row) or audit.misshapen(values):
                problem: str | None = audit.damaged_row(values["id"])
            else:
                try:
                    # Each step's own checksum is checked when it is replayed (actions), not on every listing.
                    problem = audit.missing_parts(self._conn, values, rows_too=False)
                except (sqlite3.Error, UnicodeDecodeError):
                    problem = f"Saved playthrough {values['id']} could not be read to the end."
            listed.append(_playthrough(values, problem))
        return listed

    # -- playing -------------------------------------------------------------
    def begin(
        self, scenario_id: str, scenario_title: str, seed: int, mode: Mode, player_name: str | None, started_at: str
    ) -> int:
        """Start saving a new playthrough; return its id."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
            raise ValueError("the seed is a whole number that fits in 64 bits")
        with self._writing("start saving the playthrough") as conn:
            new_id, touched = conn.execute(
                "SELECT coalesce(max(id), 0) + 1, coalesce(max(touched), 0) + 1 FROM playthroughs"
            ).fetchone()
            insert(
                conn,
                "playthroughs",
                (
                    new_id,
                    scenario_id,
                    scenario_title,
                    seed,
                    mode,
                    player_name,
                    started_at,
                    started_at,
                    "open",
                    None,
                    touched,
                    0,
                    CHAIN_START,
                    0,
                    CHAIN_START,
                ),
            )
        return int(new_id)

    def add_step(
        self, playthrough_id: int, index: int, action: str | None, step: dict[str, Any], *, at: str | None = None
    ) -> None:
        """Save one host action (a choice id, or None for continue) and the engine's Step.to_dict().

        Durable when it returns. ``index`` must be the next one (0, 1, 2...);
        ``at``, if given, becomes the playthrough's ``updated_at`` and is kept
        with the step as ``saved_at`` (when the choice was made, for xAPI).
        """
        if not isinstance(step, dict):
            raise TypeError("step is the engine's Step.to_dict()")
        if step.get("choice", action) != action:
            raise ValueError(f"the action {action!r} is not the step's choice {step.get('choice')!r}")
        text = canonical(step if at is None else {**step, "saved_at": at})
        with self._writing("save your last choice") as conn:
            row = self._open_row(playthrough_id, "save your last choice")
            values = audit.values_of(row)
            count = conn.execute("SELECT count(*) FROM steps WHERE playthrough_id = ?", (playthrough_id,)).fetchone()[0]
            if count != values["step_count"]:
                raise StoreDamaged(
                    f"Could not save your last choice: saved playthrough {playthrough_id} had {values['step_count']} steps, but {count} are in the file."
                )
            if index != count:
                raise StoreError(
                    f"Could not save step {index + 1} of playthrough {playthrough_id}: {count} steps are saved, so the next is step {count + 1}."
                )
            new_row = (playthrough_id, index, action, text)
            insert(conn, "steps", new_row)
            # Read back inside the transaction: a trigger planted while the store is open must not swallow the step unseen.
            kept = conn.execute(
                "SELECT checksum FROM steps WHERE playthrough_id = ? AND idx = ?", (playthrough_id, index)
            ).fetchone()
            digest = checksum("steps", new_row)
            if kept is None or kept[0] != digest:
                raise StoreDamaged(
                    "Could not save your last choice: the file did not keep it (something outside Doorstep is changing it)."
                )
            head = link(row[COLUMNS["playthroughs"].index("step_head")], digest)
            self._update(conn, row, step_count=index + 1, step_head=head, **({"updated_at": at} if at else {}))

    def truncate(self, playthrough_id: int, keep: int, *, at: str | None = None) -> None:
        """Keep only the first ``keep`` actions (after a rewind in practice mode)."""
        if keep < 0:
            raise ValueError("keep counts actions, so it cannot be negative")
        with self._writing("rewind the saved playthrough") as conn:
            row = self._open_row(playthrough_id, "rewind the saved playthrough")
            conn.execute("DELETE FROM steps WHERE playthrough_id = ? AND idx >= ?", (playthrough_id, keep))
            kept = [
                r[0] for r in conn.execute("SELECT checksum FROM steps WHERE playthrough_id = ? ORDER BY idx", (playthrough_id,))
            ]
            self._update(conn, row, step_count=len(kept), step_head=chain(kept), **({"updated_at": at} if at else {}))

    def finish(self, playthrough_id: int, record: dict[str, Any], finished_at: str) -> None:
        """Store the final record (build_record) and mark the playthrough finished.

        A record that is not a record, or is of another scenario, raises ValueError.
        """
        check_record(record)
        with self._writing("save the finished playthrough") as conn:
            row = self._open_row(playthrough_id, "save the finished playthrough")
            scenario_id = row[COLUMNS["playthroughs"].index("scenario_id")]
            if record["scenario"] != scenario_id:
                raise ValueError(
                    f"the record is for `{record['scenario']}`, but playthrough {playthrough_id} is of `{scenario_id}`"
                )
            insert(conn, "records", (playthrough_id, canonical(record), finished_at))
            self._update(conn, row, status="finished", ending=record.get("ending"), updated_at=finished_at)

    def abandon(self, playthrough_id: int, *, at: str | None = None) -> None:
        """Mark an unfinished playthrough abandoned (the trainee started afresh instead)."""
        row = self._trusted(playthrough_id)
        if row[COLUMNS["playthroughs"].index("status")] == "abandoned":
            return
        with self._writing("set the playthrough aside") as conn:
            row = self._open_row(playthrough_id, "set the playthrough aside")
            self._update(conn, row, status="abandoned", **({"updated_at": at} if at else {}))

    def save_reflection(self, playthrough_id: int, prompt_id: str, text: str, saved_at: str) -> None:
        """Keep the trainee's reflection for one prompt; every version is kept, the latest wins."""
        if not isinstance(text, str) or not prompt_id:
            raise ValueError("a reflection is text for a named prompt")
        text = strictjson.scrub(text)  # a lone surrogate cannot be stored as UTF-8: keep the rest of the writing
        with self._writing("save your reflection") as conn:
            row = self._row(playthrough_id)  # a damaged playthrough row must not cost the trainee their writing
            latest = conn.execute(
                "SELECT text FROM reflections WHERE playthrough_id = ? AND prompt_id = ? ORDER BY id DESC LIMIT 1",
                (playthrough_id, prompt_id),
            ).fetchone()
            if latest is not None and latest[0] == text:
                return
            new_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM reflections").fetchone()[0]
            values = (new_id, playthrough_id, prompt_id, text, saved_at)
            insert(conn, "reflections", values)
            if intact("playthroughs", row) and not audit.misshapen(audit.values_of(row)):  # a damaged row is never vouched for afresh
                count, head = (row[COLUMNS["playthroughs"].index(c)] for c in ("reflection_count", "reflection_head"))
                self._update_quietly(
                    conn, row, reflection_count=count + 1, reflection_head=link(head, checksum("reflections", values))
                )

    # -- reading -------------------------------------------------------------
    def get(self, playthrough_id: int) -> Playthrough | None:
        found = self._listing(" WHERE id = ?", (playthrough_id,))
        return found[0] if found else None

    def playthroughs(self, scenario_id: str | None = None) -> list[Playthrough]:
        """Every playthrough, most recently played first."""
        if scenario_id is None:
            return self._listing("", ())
        return self._listing(" WHERE scenario_id = ?", (scenario_id,))

    def unfinished(self, scenario_id: str | None = None) -> list[Playthrough]:
        """Playthroughs to offer to continue (neither finished nor abandoned), most recent first."""
        if scenario_id is None:
            return self._listing(" WHERE status = 'open'", ())
        return self._listing(" WHERE status = 'open' AND scenario_id = ?", (scenario_id,))

    def actions(self, playthrough_id: int) -> list[str | None]:
        """The saved actions in order, for Session.replay; raises StoreDamaged naming a bad row."""
        playthrough = self._trusted(playthrough_id)  # the seed lives there: a damaged one cannot be replayed
        out: list[str | None] = []
        for expected, row in enumerate(
            self._reading(select("steps") + " WHERE playthrough_id = ? ORDER BY idx", (playthrough_id,))
        ):
            if row[1] != expected:
                raise StoreDamaged(
                    f"Step {expected + 1} of saved playthrough {playthrough_id} is missing, so it cannot be replayed."
                )
            if not intact("steps", row):
                raise StoreDamaged(
                    f"Step {expected + 1} of saved playthrough {playthrough_id} (steps row playthrough_id={playthrough_id}, idx={expected}) "
                    "was changed outside Doorstep or damaged on disk, so it cannot be replayed."
                )
            out.append(row[2])
        problem = self._missing_parts(playthrough)
        if problem:
            raise StoreDamaged(problem)
        return out

    def step_times(self, playthrough_id: int) -> list[str | None]:
        """When each saved action was made (None where it was saved without a time); checked like :meth:`actions`."""
        self.actions(playthrough_id)
        times: list[str | None] = []
        for row in self._reading(select("steps") + " WHERE playthrough_id = ? ORDER BY idx", (playthrough_id,)):
            try:
                saved = strictjson.loads(row[3]).get("saved_at")
            except (strictjson.JSONRefused, AttributeError):
                saved = None
            times.append(saved if isinstance(saved, str) else None)
        return times

    def _missing_parts(self, row: Any) -> str | None:
        try:
            return audit.missing_parts(self._conn, audit.values_of(row))
        except sqlite3.Error as exc:
            raise failure(exc, "read the saved playthroughs", self.path.parent) from exc

    def record(self, playthrough_id: int) -> dict[str, Any] | None:
        """The finished record, or None if the playthrough has not finished."""
        rows = self._reading(select("records") + " WHERE playthrough_id = ?", (playthrough_id,))
        if not rows:
            finished = self._row(playthrough_id)[COLUMNS["playthroughs"].index("status")] == "finished"
            if finished:
                raise StoreDamaged(f"The final record of saved playthrough {playthrough_id} was deleted outside Doorstep.")
            return None
        if not intact("records", rows[0]):
            raise StoreDamaged(
                f"The record of saved playthrough {playthrough_id} (records row playthrough_id={playthrough_id}) was changed outside Doorstep or damaged on disk."
            )
        try:
            record: dict[str, Any] = strictjson.loads(rows[0][1])
        except strictjson.JSONRefused as exc:
            raise StoreDamaged(f"The record of saved playthrough {playthrough_id} cannot be read: {exc}.") from None
        return record

    def reflections(self, playthrough_id: int) -> dict[str, str]:
        """The latest text per reflection prompt."""
        self._row(playthrough_id)
        latest: dict[str, str] = {}
        for row in self._reading(select("reflections") + " WHERE playthrough_id = ? ORDER BY id", (playthrough_id,)):
            if not intact("reflections", row):
                raise StoreDamaged(
                    f"A reflection of saved playthrough {playthrough_id} (reflections row id={row[0]}) was changed outside Doorstep or damaged on disk."
                )
            latest[row[2]] = row[3]
        return latest

    def export(self, playthrough_id: int) -> dict[str, Any]:
        """The playthrough, its record (if finished), actions and reflections as one JSON-ready dict."""
        found = self.get(playthrough_id)
        if found is None:
            raise StoreError(f"There is no saved playthrough {playthrough_id}.")
        if found.damaged:
            raise StoreDamaged(found.damaged)
        try:
            secret = outbox.secret(self)
            xapi = {"registration": xapi_ids.registration(secret, found.id, found.seed, found.started_at), "account": xapi_ids.pseudonym(secret)}
        except StoreDamaged:  # the export matters more than its xAPI names
            xapi = None
        return exporting.build_export(
            found, self.actions(playthrough_id), self.record(playthrough_id), self.reflections(playthrough_id), xapi=xapi
        )

    def verify(self) -> list[str]:
        """Check the whole file (SQLite's integrity check, every row's checksum, every playthrough's chains); the problems found."""
        return audit.verify(self._conn)


def _playthrough(values: dict[str, Any], problem: str | None) -> Playthrough:
    return Playthrough(
        id=values["id"],
        scenario_id=values["scenario_id"],
        scenario_title=values["scenario_title"],
        seed=values["seed"],
        mode=values["mode"],
        player_name=values["player_name"],
        started_at=values["started_at"],
        updated_at=values["updated_at"],
        steps=values["step_count"],
        finished=values["status"] == "finished",
        abandoned=values["status"] == "abandoned",
        ending=values["ending"],
        damaged=problem,
    )
