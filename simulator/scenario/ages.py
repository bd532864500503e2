"""A cast member's age as the case clock moves: `age` is at the referral, and grows a year each anniversary of it.

A case of years (a pathway from sixteen to twenty-one) shows a 16-year-old as 21 in its last episode: who
`excluded: [children]` keeps out, who can be carried (P909) and how tall a placeholder stands follow the age on
the episode's date, not the age at the referral.
"""

from __future__ import annotations

from datetime import date

from simulator.scenario.calendar import Calendar
from simulator.scenario.model import Character


def whole_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (0 before the first anniversary; 29 February's falls on 1 March)."""
    years = end.year - start.year
    return years - 1 if (end.month, end.day) < (start.month, start.day) else years


def age_on(character: Character, calendar: Calendar, day: int) -> int | None:
    """The character's age on working day ``day``: their `age` at the referral, plus the whole years since it; None if not given."""
    if character.age is None:
        return None
    return character.age + whole_years(calendar.referral, calendar.date_of(day))
