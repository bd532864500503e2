"""Files a person edits by hand (bench/fuzz_hostile_edits.py): what the campaign's record, config, sqlite, numbers and aliases kinds found.

- A record's text (the trainee's name, a reflection) holding a terminal escape, a C1 control or a direction
  override reached the terminal raw through `xapi statements` (its JSON was written with ensure_ascii=False):
  now each is JSON's own \\u escape, so the statements read back the same and the terminal is not steered.
- A record edited to store a working day far past the case (a hundred million, up to the 10**9 the debrief
  accepts) sent `report` listing every working day up to it: 800 MB and 15 s for 10**8, gigabytes past that.
  The calendar now counts such a day in whole weeks (Calendar._far), whatever reads it.
- `xapi setup` printed the endpoint, username and xAPI version lrs.json holds as they were, escapes and overrides too.
"""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from conftest import PROJECT

from simulator import streams
from simulator.cli import main
from simulator.report.stored import stored_trace
from simulator.scenario import load_scenario
from simulator.scenario.calendar import FAR_DAYS, Calendar, EveryDayCalendar

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
STEERING = ["\x1b[2J", "\x7f", "\x85", "\x9b31m", "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
RAW = "\x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_json_text_escapes_only_what_steers_the_terminal():
    data = {"name": "Zo\u00eb \u202eevil\u202c", "lines": ["a\nb", "\x1b[2J", "\x85", "caf\u00e9 \U0001f600"], "n": 1}
    text = streams.json_text(data)
    assert json.loads(text) == data
    assert not any(c in RAW for c in text) and "\x1b" not in text
    assert "Zo\u00eb" in text and "\U0001f600" in text and text.count("\n") == json.dumps(data, indent=2).count("\n")


@pytest.mark.parametrize("steer", STEERING)
@pytest.mark.parametrize("where", ["player_name", "reflection"])
def test_statements_of_a_record_whose_text_steers_the_terminal_are_escaped(steer, where, tmp_path, capsys):
    record = tmp_path / "record.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    data = json.loads(record.read_text("utf-8"))
    text = f"Sam{steer}Jones"
    if where == "player_name":
        data["player_name"] = text
    else:
        data["reflections"] = {"feelings": text}
    record.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    assert main(["xapi", "statements", str(record), "--scenario", str(EXAMPLE), "--send-name", "--send-reflections"]) == 0
    out = capsys.readouterr().out
    assert not any(c in RAW for c in out) and "\x1b" not in out
    assert json.dumps(text)[1:-1] in json.dumps(json.loads(out)), "the statements still carry the text itself"


@pytest.mark.parametrize("kind", [Calendar, EveryDayCalendar])
def test_a_far_working_day_is_counted_in_weeks_to_the_same_date_as_listing_gives(kind):
    rng = random.Random(4)
    for _ in range(25):
        referral = date(rng.choice([1900, 2026, 2999]), rng.randint(1, 12), rng.randint(1, 28))  # a weekend referral too
        holidays = frozenset(date(referral.year + rng.randint(-1, 3), rng.randint(1, 12), rng.randint(1, 28)) for _ in range(rng.randint(0, 8)))
        counted, listed = kind(referral, holidays), kind(referral, holidays)
        for day in sorted(rng.randint(0, 40_000) for _ in range(12)):
            listed._extend(day + 1)
            assert counted._far(day) == listed._dates[day], (referral, sorted(holidays), day)
            assert counted.date_of(day) == listed._dates[day]


@pytest.mark.parametrize("day", [FAR_DAYS * 3, 10**8, 10**9 - 1, 2**63, 10**30])
def test_a_day_past_any_case_leaves_the_calendar_short(day):
    calendar = Calendar(date(2026, 3, 2), frozenset({date(2026, 4, 3)}))
    assert calendar.date_of(day) <= date.max and calendar.month_of(day) >= 0 and calendar.position(day, "months") >= 0
    assert len(calendar._dates) < 2 * FAR_DAYS


@pytest.mark.parametrize("field", ["day", "minutes", "late"])
@pytest.mark.parametrize("value", [10**6, 10**8, 10**9 - 1])
def test_a_record_storing_days_far_past_the_case_is_debriefed_without_listing_them(field, value, tmp_path, capsys):
    """The stored steps are read when the record no longer fits the case (its first node is gone)."""
    record = tmp_path / "record.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "barrier", "--record", str(record)]) == 0
    data = json.loads(record.read_text("utf-8"))
    data["steps"][0]["node"] = "gone.away"
    for step in data["steps"]:
        step[field] = value
    record.write_text(json.dumps(data), "utf-8")
    scenario = load_scenario(EXAMPLE).scenario
    trace, _ = stored_trace(scenario, data)
    assert trace.steps and len(scenario.calendar._dates) < 2 * FAR_DAYS
    capsys.readouterr()
    assert main(["report", str(record), "--scenario", str(EXAMPLE), "--html", str(tmp_path / "o.html"), "--json", str(tmp_path / "o.json")]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "rebuilt from what the record stored" in out.err
    assert json.loads((tmp_path / "o.json").read_text("utf-8"))


@pytest.mark.parametrize("steer", STEERING)
@pytest.mark.parametrize("field", ["endpoint", "username", "xapi_version"])
def test_xapi_setup_shows_what_lrs_json_holds_without_its_terminal_escapes(steer, field, tmp_path, capsys, monkeypatch):
    """The settings file is the trainee's to edit: what setup prints of it is escaped as the one-line messages are."""
    (tmp_path / "lrs.json").write_text(json.dumps({"version": 1, "endpoint": "", "username": "u", "xapi_version": "1.0.3", field: f"a{steer}b"}))
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(tmp_path))
    code = main(["xapi", "setup"])
    said = capsys.readouterr()
    assert code in (0, 2) and not any(c in RAW for c in said.out + said.err) and "\x1b" not in said.out + said.err
    assert streams.escaped(f"a{steer}b") in (said.out if code == 0 else said.err)  # an endpoint no URL can hold is refused in one line


@pytest.mark.parametrize("steer", STEERING)
def test_xapi_outbox_shows_the_last_error_without_its_terminal_escapes(steer, tmp_path, capsys):
    """The last error is an LRS's own words (or a store edited by hand): shown escaped, on its line."""
    from simulator.records import outbox
    from simulator.records.store import Store

    path = tmp_path / "records.sqlite3"
    store, _ = Store.open(path, at="2026-03-02T09:00:00+00:00")
    with store:
        outbox.record_attempt(store, "2026-03-02T09:00:00+00:00", error=f"the LRS said: no{steer}way", retry_at="2026-03-02T09:05:00+00:00")
    assert main(["xapi", "outbox", "--store", str(path)]) == 0
    out = capsys.readouterr().out
    assert not any(c in RAW for c in out) and "\x1b" not in out and streams.escaped(f"no{steer}way") in out
