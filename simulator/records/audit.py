"""Checking what the store holds against what Doorstep wrote: checksums, chains, counts.

A row's checksum shows that row was changed; the count and chain head a
playthrough carries show that one of its steps or reflections was deleted or
replaced, and its status shows that its final record was deleted. These
functions only read; :mod:`simulator.records.store` turns their sentences into
``StoreDamaged`` or a playthrough's ``damaged`` note.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from simulator.records.storefile import COLUMNS, chain, intact, select


def values_of(row: Sequence[Any]) -> dict[str, Any]:
    """A playthrough row (as :func:`select` reads it) by column name."""
    return dict(zip(COLUMNS["playthroughs"], row[: len(COLUMNS["playthroughs"])], strict=True))


_KINDS: dict[str, type | tuple[type, ...]] = {
    "id": int, "scenario_id": str, "scenario_title": str, "seed": int, "mode": str, "player_name": (str, type(None)), "started_at": str,
    "updated_at": str, "status": str, "ending": (str, type(None)), "touched": int, "step_count": int, "step_head": str, "reflection_count": int,
    "reflection_head": str,
}  # fmt: skip


def misshapen(values: dict[str, Any]) -> bool:
    """Whether a playthrough row holds a value Doorstep never writes (a seed of text, a status of its own): its checksum
    was redone outside Doorstep, so the row is read as damaged rather than handed to the engine."""
    if any(isinstance(values.get(c), bool) or not isinstance(values.get(c), kind) for c, kind in _KINDS.items()):
        return True
    return values["mode"] not in ("coach", "assessment") or values["status"] not in ("open", "finished", "abandoned") or values["step_count"] < 0


def damaged_row(playthrough_id: Any) -> str:
    return f"Saved playthrough {playthrough_id} (playthroughs row id={playthrough_id}) was changed outside Doorstep or damaged on disk."


def missing_parts(conn: sqlite3.Connection, values: dict[str, Any], *, rows_too: bool = True) -> str | None:
    """A sentence if the playthrough's steps, reflections or record are not all there as saved, else None.

    ``rows_too`` also checks each step row's own checksum (``verify`` reports those separately).
    """
    pid = values["id"]
    rows = conn.execute(select("steps") + " WHERE playthrough_id = ? ORDER BY idx", (pid,)).fetchall()
    for row in rows if rows_too else ():
        if not intact("steps", row):
            return f"Step {row[1] + 1} of saved playthrough {pid} was changed outside Doorstep or damaged on disk, so it cannot be replayed."
    steps = [row[-1] for row in rows]
    if len(steps) != values["step_count"]:
        return (
            f"Saved playthrough {pid} had {values['step_count']} steps saved, but {len(steps)} {'is' if len(steps) == 1 else 'are'} in the file: "
            "steps were deleted or added outside Doorstep, so it cannot be replayed."
        )
    if chain(steps) != values["step_head"]:
        return f"The steps of saved playthrough {pid} were replaced outside Doorstep (their chain of checksums is broken), so it cannot be replayed."
    notes = [r[0] for r in conn.execute("SELECT checksum FROM reflections WHERE playthrough_id = ? ORDER BY id", (pid,))]
    if len(notes) != values["reflection_count"] or chain(notes) != values["reflection_head"]:
        return f"Reflections of saved playthrough {pid} were deleted or replaced outside Doorstep ({values['reflection_count']} saved, {len(notes)} in the file)."
    if (
        values["status"] == "finished"
        and conn.execute("SELECT 1 FROM records WHERE playthrough_id = ?", (pid,)).fetchone() is None
    ):
        return f"The final record of saved playthrough {pid} was deleted outside Doorstep."
    return None


def verify(conn: sqlite3.Connection) -> list[str]:
    """Every problem in the file: SQLite's integrity and foreign keys, each row's checksum, each playthrough's parts."""
    problems: list[str] = []
    try:
        problems += [f"SQLite integrity check: {r[0]}" for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"{r[0]} row {r[1]} points to a missing {r[2]} row" for r in conn.execute("PRAGMA foreign_key_check")]
        for table in COLUMNS:
            for row in conn.execute(select(table)):
                if not intact(table, row):
                    key = ", ".join(
                        f"{c}={v}" for c, v in zip(COLUMNS[table], row[:-1], strict=True) if c in ("id", "statement_id", "playthrough_id", "idx")
                    )
                    problems.append(f"{table} row ({key}) does not match its checksum")
        for pid, count, top in conn.execute("SELECT playthrough_id, count(*), max(idx) FROM steps GROUP BY playthrough_id"):
            if not isinstance(top, int):  # a step number changed outside Doorstep to text, a blob or a real
                problems.append(f"playthrough {pid} has a step whose number is not a whole number")
            elif top != count - 1:
                problems.append(f"playthrough {pid} has {count} steps saved but numbered up to {top + 1}: some are missing")
        for row in conn.execute(select("playthroughs")).fetchall():
            if intact("playthroughs", row):
                problem = damaged_row(row[0]) if misshapen(values_of(row)) else missing_parts(conn, values_of(row), rows_too=False)
                if problem:
                    problems.append(problem)
    except sqlite3.Error as exc:
        problems.append(f"the file could not be read to the end: {exc}")
    except UnicodeDecodeError:
        problems.append("the file could not be read to the end: some text in it is not UTF-8")
    return problems
