"""The xAPI outbox in the local store: statements kept until a Learning Record Store has them.

Rows are written in transactions committed before each call returns, like
every other row of the store, and carry a checksum: a statement changed on
disk is never sent. A row is ``waiting`` until the LRS has it (``sent``),
refused it (``rejected``, with the LRS's reason), or it was taken back after
being sent (``voided``: a rewind in practice mode, a reflection rewritten or
no longer shared). ``tries`` counts the attempts that never heard back, so
that what may already be in the LRS is looked up before being sent again.
What is in the statements is :mod:`simulator.xapi`'s business; this module
only keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator import strictjson
from simulator.records.storefile import COLUMNS, StoreDamaged, canonical, checksum, insert, intact, select
from simulator.wording import stored_time

if TYPE_CHECKING:
    from simulator.records.store import Store

STATES = ("waiting", "sent", "voided", "rejected")


@dataclass(frozen=True, slots=True)
class Row:
    """One statement in the outbox."""

    statement_id: str
    seq: int
    playthrough_id: int | None
    registration: str
    slot: str
    statement: dict[str, Any]
    queued_at: str
    state: str
    settled_at: str | None
    note: str | None
    tries: int


@dataclass(frozen=True, slots=True)
class New:
    """A statement to queue: its id, where it comes from, and the slot (kind and key) it fills."""

    statement_id: str
    playthrough_id: int | None
    registration: str
    slot: str
    statement: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Status:
    """How sending last went, for the outbox screen and ``doorstep xapi outbox``."""

    counts: dict[str, int]
    failures: int
    last_attempt_at: str | None
    last_success_at: str | None
    last_error: str | None
    retry_at: str | None

    @property
    def waiting(self) -> int:
        return self.counts.get("waiting", 0)


def _row(raw: Sequence[Any]) -> Row:
    if not intact("outbox", raw):
        raise StoreDamaged(f"An outbox statement (outbox row statement_id={raw[0]}) was changed outside Doorstep or damaged on disk; it will not be sent.")
    values = dict(zip(COLUMNS["outbox"], raw[:-1], strict=True))
    try:
        values["statement"] = strictjson.loads(values["statement"])
    except strictjson.JSONRefused as exc:
        raise StoreDamaged(f"An outbox statement (outbox row statement_id={raw[0]}) cannot be read: {exc}.") from None
    return Row(**values)


def secret(store: Store) -> str:
    """The secret the trainee's pseudonym on this store is derived from."""
    rows = store.reading("SELECT secret FROM outbox_status WHERE id = 1")
    if not rows or not isinstance(rows[0][0], str) or not rows[0][0]:
        raise StoreDamaged("The outbox's settings row is missing from the saved playthroughs file.")
    return str(rows[0][0])


def rows(store: Store, *, registration: str | None = None, states: Iterable[str] = STATES) -> list[Row]:
    """The outbox's rows (of one registration, in some states), in the order they were queued."""
    wanted = tuple(states)
    marks = ", ".join("?" * len(wanted))
    where = f" WHERE state IN ({marks})" + (" AND registration = ?" if registration is not None else "")
    args = (*wanted, *((registration,) if registration is not None else ()))
    return [_row(r) for r in store.reading(select("outbox") + where + " ORDER BY seq", args)]


def waiting(store: Store, limit: int | None = None) -> tuple[list[Row], list[str]]:
    """Statements waiting to be sent, oldest first, and a sentence for each damaged one (skipped)."""
    out: list[Row] = []
    problems: list[str] = []
    sql = select("outbox") + " WHERE state = 'waiting' ORDER BY seq" + (f" LIMIT {int(limit)}" if limit else "")
    for raw in store.reading(sql):
        try:
            out.append(_row(raw))
        except StoreDamaged as exc:
            problems.append(str(exc))
    return out, problems


def queue(store: Store, items: Sequence[New], at: str) -> int:
    """Add statements not already in the outbox (by id); how many were added."""
    if not items:
        return 0
    added = 0
    with store.writing("queue statements for the LRS") as conn:
        seq = conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
        for item in items:
            if conn.execute("SELECT 1 FROM outbox WHERE statement_id = ?", (item.statement_id,)).fetchone():
                continue
            seq += 1
            values = (
                item.statement_id,
                seq,
                item.playthrough_id,
                item.registration,
                item.slot,
                canonical(item.statement),
                at,
                "waiting",
                None,
                None,
                0,
            )
            insert(conn, "outbox", values)
            added += 1
    return added


def _rewrite(conn: Any, raw: Sequence[Any], **changes: Any) -> None:
    values = dict(zip(COLUMNS["outbox"], raw[:-1], strict=True))
    values.update(changes)
    ordered = [values[c] for c in COLUMNS["outbox"]]
    sets = ", ".join(f"{c} = ?" for c in COLUMNS["outbox"][1:])
    conn.execute(f"UPDATE outbox SET {sets}, checksum = ? WHERE statement_id = ?", (*ordered[1:], checksum("outbox", ordered), ordered[0]))


def _each(conn: Any, ids: Iterable[str]) -> Iterable[Sequence[Any]]:
    for sid in ids:
        raw = conn.execute(select("outbox") + " WHERE statement_id = ?", (sid,)).fetchone()
        if raw is not None and intact("outbox", raw):
            yield raw


def settle(store: Store, ids: Sequence[str], state: str, at: str, note: str | None = None) -> None:
    """Record what became of statements: ``sent``, ``rejected`` (note: why) or ``voided``."""
    if state not in STATES[1:]:
        raise ValueError(f"a statement is settled as sent, voided or rejected, not {state!r}")
    with store.writing("note what the LRS did with the statements") as conn:
        for raw in _each(conn, ids):
            _rewrite(conn, raw, state=state, settled_at=at, note=note)


def tried(store: Store, ids: Sequence[str]) -> None:
    """Note that statements are about to be sent: if no answer is recorded, they may be in the LRS already."""
    with store.writing("note the statements being sent") as conn:
        for raw in _each(conn, ids):
            _rewrite(conn, raw, tries=raw[COLUMNS["outbox"].index("tries")] + 1)


def drop(store: Store, ids: Sequence[str]) -> None:
    """Remove statements that were never sent and no longer describe the playthrough (after a rewind)."""
    with store.writing("update the statements waiting for the LRS") as conn:
        for sid in ids:
            conn.execute("DELETE FROM outbox WHERE statement_id = ? AND state = 'waiting'", (sid,))


def mark(store: Store, playthrough_id: int) -> str | None:
    """What the playthrough looked like when its statements were last worked out (None: never)."""
    found = store.reading("SELECT mark FROM outbox_marks WHERE playthrough_id = ?", (playthrough_id,))
    return str(found[0][0]) if found else None


def set_mark(store: Store, playthrough_id: int, value: str) -> None:
    with store.writing("remember which statements are queued") as conn:
        conn.execute("INSERT OR REPLACE INTO outbox_marks (playthrough_id, mark) VALUES (?, ?)", (playthrough_id, value))


def status(store: Store) -> Status:
    counts = {state: 0 for state in STATES}
    for state, n in store.reading("SELECT state, count(*) FROM outbox GROUP BY state"):
        counts[str(state)] = int(n)
    row = store.reading("SELECT failures, last_attempt_at, last_success_at, last_error, retry_at FROM outbox_status WHERE id = 1")
    failures, attempt, success, error, retry = row[0] if row else (0, None, None, None, None)
    # outbox_status has no checksum: a cell changed outside Doorstep is read as nothing known rather than trusted
    count = failures if isinstance(failures, int) and failures >= 0 else 0
    return Status(counts, count, _moment(attempt), _moment(success), error if isinstance(error, str) else None, _moment(retry))


def _moment(value: object) -> str | None:
    """A time the store keeps (ISO 8601 with its offset), or None for anything else."""
    when = stored_time(value)  # None too for a time so near year 1 or 9999 that no clock can show it
    return value if when is not None and when.tzinfo is not None and isinstance(value, str) else None


def record_attempt(store: Store, at: str, *, error: str | None, retry_at: str | None = None) -> None:
    """Note how an attempt to send went: a success clears the failures; an error counts one and says when to retry."""
    with store.writing("note how sending went") as conn:
        if error is None:
            conn.execute(
                "UPDATE outbox_status SET failures = 0, last_attempt_at = ?, last_success_at = ?, last_error = NULL, retry_at = NULL WHERE id = 1",
                (at, at),
            )
        else:
            conn.execute(
                "UPDATE outbox_status SET failures = failures + 1, last_attempt_at = ?, last_error = ?, retry_at = ? WHERE id = 1",
                (at, error, retry_at),
            )
