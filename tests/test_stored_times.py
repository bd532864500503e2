"""A stored time at the calendar's edge (a store or an export edited by hand): read back as "not a time", never OverflowError.

`0001-01-01T00:00:00+14:00` is a valid ISO time, but moved to UTC, or to a machine's zone east or west of it, it
leaves Python's calendar: `xapi statements` of such an export, the window's Past playthroughs and outbox, the
workshop's report and recovery, and the store's backup names each stopped with OverflowError (a crash log), in
UTC or in some zones only. Every reader now goes through wording.stored_time, which answers None for those.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from conftest import PROJECT

from simulator.cli import main
from simulator.records.storeguard import _stamp
from simulator.services.past import when
from simulator.wording import stored_time
from simulator.workshop.recover import _at
from simulator.workshop.report_html import _when
from simulator.xapi.sender import Sender
from simulator.xapi.statements import timestamp

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
EDGES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59"]
ZONES = ["UTC", "Asia/Tokyo", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
READERS = {"past.when": when, "recover._at": _at, "report_html._when": lambda v: _when(v, v), "statements.timestamp": timestamp, "storeguard._stamp": _stamp}


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("edge", EDGES)
def test_every_reader_of_a_stored_time_answers_at_the_calendars_edge(zone, edge):
    for name, read in READERS.items():
        shown = read(edge)
        assert shown is None or isinstance(shown, str), name
    assert stored_time(edge) is None


def test_an_ordinary_time_still_reads_as_itself(zone):
    assert stored_time("2026-03-02T09:00:00+00:00") == datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert timestamp("2026-03-02T09:00:00+00:00") == "2026-03-02T09:00:00.000Z"
    assert "2026" in when("2026-03-02T09:00:00+00:00") and _stamp("2026-03-02T09:00:00+00:00") == "20260302T090000Z"
    assert stored_time(None) is None and stored_time("x") is None and stored_time(5) is None


@pytest.mark.parametrize("retry", [*EDGES, "2026-03-02T09:00:00", "x"])
def test_the_background_sender_waits_no_time_on_a_retry_it_cannot_read(retry):
    sender = Sender.__new__(Sender)
    sender._now = lambda: datetime(2026, 3, 2, 9, tzinfo=UTC)
    due = sender._due_in(retry)
    assert due is not None and due >= 0


@pytest.mark.parametrize("edge", EDGES[:2])
def test_statements_of_an_export_started_at_the_calendars_edge(zone, edge, tmp_path, capsys):
    record = tmp_path / "run.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    export = {"format": 1, "kind": "doorstep-export", "actions": [s["choice"] for s in json.loads(record.read_text())["steps"]], "reflections": {},
              "record": json.loads(record.read_text()), "playthrough": {"scenario_id": "small-visit", "seed": 0, "started_at": edge, "updated_at": edge}}  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    capsys.readouterr()
    assert main(["xapi", "statements", str(path), "--scenario", str(EXAMPLE)]) == 0
    out = capsys.readouterr()
    assert "unexpected error" not in out.err and json.loads(out.out)
