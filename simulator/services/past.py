"""Past playthroughs as the trainee sees them listed: newest first, those set aside counted, each with its ending.

Playthroughs set aside when a new one was begun stay in the records but are
not listed; a damaged one is listed, marked, and never opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.records.store import Playthrough, Store, StoreError
from simulator.services.catalog import Catalog
from simulator.wording import stored_time

LISTED = 60  # the newest; older ones stay in the records and in any export


@dataclass(frozen=True)
class PastList:
    """What Past playthroughs shows: the rows, how many were set aside, or why there is nothing to show."""

    rows: tuple[Playthrough, ...] = ()
    set_aside: int = 0
    problem: str = ""


def past_playthroughs(store: Store | None, limit: int = LISTED) -> PastList:
    """The newest ``limit`` playthroughs not set aside (call after the saver has drained)."""
    if store is None:
        return PastList(problem="Your records could not be opened, so there is nothing to show.")
    try:
        rows = store.playthroughs()
    except StoreError as exc:
        return PastList(problem=str(exc))
    return PastList(tuple(p for p in rows if not p.abandoned)[:limit], sum(1 for p in rows if p.abandoned))


def ending_title(catalog: Catalog, playthrough: Playthrough) -> str:
    """The title of the ending a finished playthrough reached ("" if unknown or its case is not installed)."""
    found = catalog.find(playthrough.scenario_id) if playthrough.ending else None
    node = found[1].nodes.get(playthrough.ending) if found is not None and playthrough.ending else None
    return node.ending.title if node is not None and node.ending is not None else ""


def when(iso: str) -> str:
    """A stored UTC time as the trainee's local date and time ("Tue 3 Mar 2026, 14:05")."""
    found = stored_time(iso)
    if found is None:
        return iso
    d = found.astimezone()
    return f"{d:%a} {d.day} {d:%b %Y}, {d:%H:%M}"
