"""Workshop sessions in the local store: each one's anonymous summary, checksummed like every row.

A row holds what the workshop report is written from (the tally of each
decision, the path the room followed, the facilitator's notes): counts of
votes, never who voted. It is written as the session goes (:func:`begin`,
then :func:`save` over the same row after every acknowledged change, each in
one transaction): a row whose ``finished_at`` is empty is a workshop still
running, or one whose laptop stopped without ending it (:func:`running`).
Rows are read back with their checksums checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
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


RUNNING = ""  # finished_at of a workshop that has not ended (yet)


def save(store: Store, summary: Mapping[str, Any], workshop_id: int | None = None, *, running: bool = False) -> int:
    """Keep a workshop's summary (over row ``workshop_id`` when given, else as a new row); its id in the store.

    ``running``: the session goes on, so the row is marked as not yet ended.
    """
    with store.writing("keep the workshop's record") as conn:
        if workshop_id is None:
            workshop_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM workshops").fetchone()[0])
        else:
            conn.execute("DELETE FROM workshops WHERE id = ?", (workshop_id,))
        values = (
            workshop_id,
            str(summary["scenario"]),
            str(summary["scenario_title"]),
            str(summary["mode"]),
            str(summary["started_at"]),
            RUNNING if running else str(summary["finished_at"]),
            canonical(summary),
        )
        insert(conn, "workshops", values)
    return workshop_id


def running(store: Store) -> list[tuple[int, dict[str, Any]]]:
    """The workshops not marked as ended (still running, or stopped without ending), oldest first, with their summaries."""
    out = []
    for raw in store.reading(select("workshops") + " WHERE finished_at = ? ORDER BY id", (RUNNING,)):
        if not intact("workshops", raw):
            continue
        with suppress(StoreDamaged):
            data = summary(store, int(raw[0]))
            if data is not None:
                out.append((int(raw[0]), data))
    return out


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
