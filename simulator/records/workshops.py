"""Workshop sessions in the local store: each one's anonymous summary, checksummed like every row.

A row holds what the workshop report is written from (the tally of each
decision, the path the room followed, the facilitator's notes): counts of
votes, never who voted. It is written once, in one transaction, when the
session ends (or is stopped), and read back with its checksum checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator import strictjson
from simulator.records.storefile import COLUMNS, StoreDamaged, canonical, insert, intact, select

if TYPE_CHECKING:
    from simulator.records.store import Store


@dataclass(frozen=True, slots=True)
class Kept:
    """One workshop as listed: which case, how it was run, when."""

    id: int
    scenario_id: str
    scenario_title: str
    mode: str
    started_at: str
    finished_at: str


def save(store: Store, summary: Mapping[str, Any]) -> int:
    """Keep a workshop's summary; its id in the store."""
    with store.writing("keep the workshop's record") as conn:
        next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM workshops").fetchone()[0])
        values = (
            next_id,
            str(summary["scenario"]),
            str(summary["scenario_title"]),
            str(summary["mode"]),
            str(summary["started_at"]),
            str(summary["finished_at"]),
            canonical(summary),
        )
        insert(conn, "workshops", values)
    return next_id


def _checked(raw: Sequence[Any]) -> Sequence[Any]:
    if not intact("workshops", raw):
        raise StoreDamaged(f"Workshop {raw[0]} in the saved file was changed outside Doorstep or damaged on disk.")
    return raw


def listing(store: Store) -> list[Kept]:
    """Every kept workshop, newest first (damaged rows left out)."""
    out = []
    for raw in store.reading(select("workshops") + " ORDER BY id DESC"):
        if intact("workshops", raw):
            out.append(Kept(*raw[:6]))
    return out


def summary(store: Store, workshop_id: int) -> dict[str, Any] | None:
    """A kept workshop's summary (None if there is no such workshop); :class:`StoreDamaged` if the row was changed."""
    found = store.reading(select("workshops") + " WHERE id = ?", (workshop_id,))
    if not found:
        return None
    raw = _checked(found[0])
    try:
        data = strictjson.loads(raw[COLUMNS["workshops"].index("summary")])
    except strictjson.JSONRefused as exc:
        raise StoreDamaged(f"Workshop {workshop_id} cannot be read: {exc}.") from None
    if not isinstance(data, dict):
        raise StoreDamaged(f"Workshop {workshop_id} is not a workshop record.")
    return data
