"""One day told in hours (an out-of-hours shift): episodes on the same day must not go back in time.

A trainer writing a night shift (the night-duty trial, trainer8) put the 01:20 call on the same day as the 21:30 visit
before it: the clock went from 21:40 back to 01:20 that day, and validate said ok.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.scaffold import files
from simulator.scenario.loader import load_scenario


def _case(tmp_path: Path, first: str, second: tuple[int, str]) -> Path:
    folder = tmp_path / "shift"
    for rel, text in files("shift").items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    visit, follow = folder / "episodes" / "first-visit.yaml", folder / "episodes" / "follow-up.yaml"
    visit.write_text(visit.read_text(encoding="utf-8").replace('time: "10:00"', f'time: "{first}"', 1), encoding="utf-8")
    text = follow.read_text(encoding="utf-8").replace("  day: 10\n", f"  day: {second[0]}\n", 1).replace('time: "10:00"', f'time: "{second[1]}"', 1)
    follow.write_text(text, encoding="utf-8")
    return folder


def _g504(folder: Path) -> list[str]:
    return [f"{d.message} ({d.suggestion})" for d in load_scenario(folder).diagnostics if d.code == "G504"]


def test_the_small_hours_written_on_the_evenings_day_say_it_is_the_next_day(tmp_path: Path):
    (found,) = _g504(_case(tmp_path, "21:30", (2, "01:20")))
    assert "`follow-up` starts at 01:20 on day 2, before `first-visit` (21:30 that day)" in found
    assert "a time after midnight is on the next day: `day: 3`" in found


def test_an_earlier_time_the_same_morning_is_out_of_order_without_the_midnight_hint(tmp_path: Path):
    (found,) = _g504(_case(tmp_path, "10:00", (2, "09:00")))
    assert "starts at 09:00 on day 2, before `first-visit` (10:00 that day)" in found and "midnight" not in found


@pytest.mark.parametrize("second", [(2, "10:00"), (2, "23:59"), (3, "01:20")])
def test_later_the_same_day_or_the_next_day_is_in_order(tmp_path: Path, second: tuple[int, str]):
    assert _g504(_case(tmp_path, "10:00", second)) == []


def test_a_visit_that_runs_past_midnight_shows_the_next_date(tmp_path: Path):
    """A visit at 23:30 that takes 45 minutes is at 00:15 on the next date, not 00:15 on the evening's date."""
    from datetime import timedelta

    from simulator.engine import Session
    from simulator.engine.clock import clock_view

    folder = _case(tmp_path, "23:30", (10, "10:00"))
    visit = folder / "episodes" / "first-visit.yaml"
    visit.write_text(visit.read_text(encoding="utf-8").replace("          trust: {alex: 15}\n", "          trust: {alex: 15}\n          minutes: 45\n", 1), encoding="utf-8")
    scenario = load_scenario(folder).scenario
    assert scenario is not None
    session = Session.start(scenario)
    evening = clock_view(session)
    session.choose("explain-plainly")
    after = clock_view(session)
    assert (evening.time, after.time) == ("23:30", "00:15")
    assert after.date == evening.date + timedelta(days=1)


def _follow_up_starts(tmp_path: Path, first: str, second: tuple[int, str], extra: str) -> tuple[str, str]:
    """Where the clock stands (date, time) as the follow-up opens, after the first visit's enabler choices with ``extra``."""
    from simulator.engine import Session
    from simulator.engine.clock import clock_view

    folder = _case(tmp_path, first, second)
    visit = folder / "episodes" / "first-visit.yaml"
    visit.write_text(visit.read_text(encoding="utf-8").replace("          trust: {alex: 15}\n", f"          trust: {{alex: 15}}\n          {extra}\n", 1), encoding="utf-8")
    scenario = load_scenario(folder).scenario
    assert scenario is not None
    session = Session.start(scenario)
    session.choose("explain-plainly")
    session.choose("give-a-date")
    assert session.state.episode == "follow-up"
    clock = clock_view(session)
    return clock.date_text, clock.time


def test_an_episode_after_a_visit_that_ran_on_past_its_time_starts_when_the_worker_is_free(tmp_path: Path):
    """Wed 23:30 for three hours is Thu 02:30: the 01:20 call that night is taken at 02:30, not back at 01:20."""
    assert _follow_up_starts(tmp_path, "23:30", (3, "01:20"), "minutes: 180") == ("Thu 5 Mar 2026", "02:30")


def test_a_night_call_after_a_visit_put_off_by_a_day_comes_the_night_after_it(tmp_path: Path):
    """The 21:30 visit put off to Thursday evening: Thursday's 01:20 call has passed, so it is Friday 01:20 (not Thursday 21:30)."""
    assert _follow_up_starts(tmp_path, "21:30", (3, "01:20"), "days: 1") == ("Fri 6 Mar 2026", "01:20")


def test_a_postponement_past_the_next_episode_never_takes_the_clock_back_that_day(tmp_path: Path):
    """Put off from Wed 10:00 to Fri 10:00, past Thursday's 09:00 review: it is Monday 09:00, not Friday 09:00 before the visit."""
    assert _follow_up_starts(tmp_path, "10:00", (3, "09:00"), "days: 2") == ("Mon 9 Mar 2026", "09:00")


def test_a_postponement_that_leaves_the_next_episode_ahead_keeps_its_own_time(tmp_path: Path):
    assert _follow_up_starts(tmp_path, "10:00", (3, "14:00"), "days: 1") == ("Thu 5 Mar 2026", "14:00")
    assert _follow_up_starts(tmp_path / "b", "10:00", (9, "09:00"), "days: 1") == ("Fri 13 Mar 2026", "09:00")


def test_a_weekend_shift_reaches_sunday_when_weekends_count(tmp_path: Path):
    """`calendar: {weekends: true}`: a Saturday-night visit's 01:20 call is on Sunday (working days alone would make it Monday)."""
    import json

    from simulator.engine import Session
    from simulator.engine.clock import clock_view
    from simulator.scenario.cache_codec import decode, encode

    folder = _case(tmp_path, "21:30", (3, "01:20"))
    manifest = folder / "scenario.yaml"
    text = manifest.read_text(encoding="utf-8").replace('  referral: "2026-03-02"\n', '  referral: "2026-03-05"\n  weekends: true\n', 1)
    manifest.write_text(text, encoding="utf-8")
    loaded = load_scenario(folder).scenario
    assert loaded is not None
    again, _ = decode(json.loads(json.dumps(encode(loaded, []))))  # as the load cache keeps it
    for scenario in (loaded, again):
        assert scenario is not None
        session = Session.start(scenario)
        assert clock_view(session).date_text == "Sat 7 Mar 2026"
        session.choose("explain-plainly")
        session.choose("give-a-date")
        assert (clock_view(session).date_text, clock_view(session).time) == ("Sun 8 Mar 2026", "01:20")
