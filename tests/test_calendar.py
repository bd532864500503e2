"""Working days, months and dates on the case calendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.scenario.calendar import Calendar, add_months, clock_text, minutes_of, months_between

CAL = Calendar(date(2026, 3, 2), frozenset({date(2026, 4, 3), date(2026, 4, 6)}))


def test_working_days_skip_weekends_and_holidays():
    """Day 5 after Monday 2 March is the next Monday; Good Friday and Easter Monday do not count."""
    assert CAL.date_of(0) == date(2026, 3, 2)
    assert CAL.date_of(5) == date(2026, 3, 9)
    assert CAL.date_of(23) == date(2026, 4, 2)
    assert CAL.date_of(24) == date(2026, 4, 7)


def test_icpc_due_date_matches_the_fifteen_day_rule():
    """A strategy discussion on day 1 puts the ICPC due on Tuesday 24 March 2026."""
    assert CAL.date_of(1 + 15) == date(2026, 3, 24)


def test_months_are_whole_months_since_referral():
    """Month 0 runs to 1 April; 2 February 2027 is month 11."""
    assert CAL.month_of(CAL.day_of(date(2026, 4, 1))) == 0
    assert CAL.month_of(CAL.day_of(date(2026, 4, 2))) == 1
    assert months_between(date(2026, 3, 2), date(2027, 2, 2)) == 11


def test_months_after_lands_on_a_working_day():
    """Three months after a conference is the last working day on or before that date."""
    day = CAL.day_of(date(2026, 3, 20))
    assert CAL.date_of(CAL.months_after(day, 3)) == date(2026, 6, 19)


def test_add_months_clamps_to_month_end():
    """31 January plus one month is 28 February."""
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_clock_text_round_trips():
    """Times convert both ways."""
    assert clock_text(minutes_of("09:05")) == "09:05"


@given(st.integers(0, 600))
def test_day_of_inverts_date_of(day):
    """day_of(date_of(n)) == n for every working day."""
    assert CAL.day_of(CAL.date_of(day)) == day
    assert CAL.date_of(day).weekday() < 5 or day == 0


def test_the_calendar_never_overflows():
    """Days, months and dates past year 9999 stop at the calendar's last date instead of raising OverflowError."""
    from datetime import date

    from simulator.scenario.calendar import Calendar, add_months

    cal = Calendar(date(2999, 12, 1))
    assert cal.date_of(3_000_000) <= date.max
    assert cal.months_after(2_900_000, 36) >= 2_900_000
    assert cal.day_of(date.max) > 0
    assert add_months(date(9999, 11, 30), 5) == date.max


@pytest.mark.parametrize("where", ["referral", "holiday"])
def test_dates_out_of_range_are_refused(where: str):
    """A referral date (or holiday) near year 9999 is S206 at its line, not a calendar overflow in play."""
    import textwrap

    from tiny import MANIFEST, evidence

    from simulator.scenario.loader import load_files

    manifest = MANIFEST.format(title="T", note="n", episodes="visit")
    if where == "referral":
        manifest = manifest.replace('referral: "2026-03-02"', 'referral: "9999-12-30"')
    else:
        manifest = manifest.replace('referral: "2026-03-02"', 'referral: "2026-03-02"\n  holidays: ["0001-01-01"]')
    episode = textwrap.dedent(
        """\
        format: 1
        episode:
          id: visit
          title: Visit
          day: 1
          time: "09:00"
          location: office
          nodes:
            done:
              ending: {kind: enabler, title: E, text: T}
        """
    )
    result = load_files({"tiny/scenario.yaml": manifest.encode(), "tiny/episodes/visit.yaml": episode.encode()}, "tiny/scenario.yaml", evidence())
    s206 = [d for d in result.diagnostics if d.code == "S206"]
    assert s206 and "out of range" in s206[0].message
    assert s206[0].file == "tiny/scenario.yaml" and s206[0].line > 0
    assert not result.ok
