"""Past playthroughs as listed: newest first, set-aside ones counted not shown, each finished one's ending by title."""

from __future__ import annotations

from pathlib import Path

from simulator.engine import Session
from simulator.records.record import build_record
from simulator.records.store import Store
from simulator.services.catalog import Catalog
from simulator.services.past import ending_title, past_playthroughs

AT = "2026-03-02T09:00:00+00:00"


def test_the_list_leaves_out_set_aside_playthroughs_and_counts_them(mini, tmp_path: Path):
    """Two begun, one set aside: one listed, one counted; without a store, a sentence saying why there is nothing."""
    store, _ = Store.open(tmp_path / "records.sqlite3")
    first = store.begin(mini.id, mini.title, 1, "coach", None, AT)
    second = store.begin(mini.id, mini.title, 2, "coach", None, AT)
    store.abandon(first, at=AT)
    listed = past_playthroughs(store)
    assert [p.id for p in listed.rows] == [second] and listed.set_aside == 1 and listed.problem == ""
    assert past_playthroughs(store, limit=0).rows == ()
    assert "could not be opened" in past_playthroughs(None).problem


def test_a_finished_playthrough_shows_its_ending_by_title(mini, tmp_path: Path):
    """The ending's title comes from the installed case; an unknown case gives no title rather than an error."""
    store, _ = Store.open(tmp_path / "records.sqlite3")
    pid = store.begin(mini.id, mini.title, 0, "coach", None, AT)
    s = Session.start(mini)
    s.choose("go-now")
    s.choose("explain")
    for i, step in enumerate(s.state.steps):
        store.add_step(pid, i, step.choice, step.to_dict(), at=AT)
    store.finish(pid, build_record(s), AT)
    (row,) = store.playthroughs()
    catalog = Catalog([], art=None)
    assert ending_title(catalog, row) == ""  # the case is not in the catalog
    catalog = _with(mini)
    assert ending_title(catalog, row) == s.ending.title


def _with(scenario) -> Catalog:
    """A catalog that knows only ``scenario``."""

    class Known(Catalog):
        def find(self, scenario_id: str):
            return (Path("."), scenario) if scenario_id == scenario.id else None

    return Known([])
