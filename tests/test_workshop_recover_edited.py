"""A workshop a power cut stopped, whose row was edited in the store and signed again: the next start says so in one line.

`doorstep workshop` first keeps every session that stopped without ending (workshop/recover.py). A summary edited
in the store (with its checksum redone, as someone with a SQLite editor and Doorstep's source could) reached the
report's renderer and the debrief's decoder, and every later start of a workshop ended in a crash log
(bench/fuzz_hostile.py's workshop kind: 23 of 40 mutants). Now such a row stays as it was and the facilitator is
told in one line; and a scenario id edited into a path (`../..`) never names where the report is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT

from simulator.records import workshops
from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.workshop.facilitate import Workshop
from simulator.workshop.keep import boot_id
from simulator.workshop.recover import keep_stopped
from simulator.workshop.room import Room
from simulator.workshop.summary import build_summary

T = "2026-03-02T10:00:00+00:00"


def summary_of_a_stopped_workshop() -> dict[str, Any]:
    scenario = load_scenario(PROJECT / "docs" / "examples" / "small-visit").scenario
    assert scenario is not None
    room = Room("K7QM", "play")
    phone = room.join("K7QM")
    workshop = Workshop.start(scenario, "play", room)
    for _ in range(40):
        if workshop.stage == "ended":
            break
        if room.question is not None and room.phase == "open":
            room.vote(phone, room.question.options[0].id)
        workshop.forward()
    workshop.note("Kept before the power cut.")
    data: dict[str, Any] = json.loads(json.dumps(build_summary(workshop, started_at="2026-03-02T09:00:00+00:00", finished_at="", phones=1)))
    data["live"] = {"pid": 2**22 + 7, "boot": boot_id(), "saved_at": T}  # a process that is not running
    assert data.get("debrief"), "the example plays to its end, so the summary holds the room's debrief"
    return data


EDITS = {
    "debrief of the wrong kinds": lambda d: d["debrief"].update(kind=5, scores=[1, 2], title={"x": 1}),
    "debrief a list": lambda d: d.update(debrief=[1, 2, 3]),
    "decisions a string": lambda d: d.update(decisions="abc"),
    "decisions of numbers": lambda d: d.update(decisions=[1, 2]),
    "events a mapping": lambda d: d.update(events={"a": 1}),
    "notes of the wrong shape": lambda d: d.update(notes=[5, None, {"text": 3}]),
    "path of lists": lambda d: d.update(path=[[1], [2]]),
    "ending a number": lambda d: d.update(ending=7),
    "open question odd": lambda d: d.update(open={"options": [1, None], "number": [], "votes": "x"}),
    "predictions missing a count": lambda d: d.update(predictions={"decisions": 1}),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_row_is_said_in_one_line_and_left_as_it_was(edit, tmp_path):
    data = summary_of_a_stopped_workshop()
    EDITS[edit](data)
    path = tmp_path / "records.sqlite3"
    store, _ = Store.open(path, at=T)
    with store:
        row = workshops.save(store, data, running=True)
    lines = keep_stopped(path, tmp_path / "reports", at=T)
    assert lines and all("\n" not in line for line in lines)
    store, _ = Store.open(path, at=T)
    with store:
        still = [r for r, _ in workshops.running(store)]
    kept = [line for line in lines if "is kept as workshop" in line]
    if kept:  # an edit the report can still show: kept, and marked ended
        assert still == [] and any((tmp_path / "reports").iterdir())
    else:
        assert still == [row] and any(f"number {row}" in line and "could not be kept" in line for line in lines)


@pytest.mark.parametrize("scenario", ["../../escaped", "/tmp/escaped", "a/../../b", "..", "x\nname"])
def test_a_scenario_edited_into_a_path_never_names_where_the_report_goes(scenario, tmp_path):
    data = summary_of_a_stopped_workshop()
    data["scenario"] = scenario
    path = tmp_path / "store" / "records.sqlite3"
    path.parent.mkdir()
    store, _ = Store.open(path, at=T)
    with store:
        workshops.save(store, data, running=True)
    reports = tmp_path / "deep" / "er" / "reports"
    keep_stopped(path, reports, at=T)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file() and "store" not in p.parts)
    assert written and all(name.startswith(os.path.join("deep", "er", "reports") + os.sep) for name in written), written
    assert not Path("/tmp/escaped").exists() or not any(Path("/tmp/escaped").glob("*workshop*"))
