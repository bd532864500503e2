"""Working days, dates and months on a case calendar.

A case runs on working days counted from the referral (day 0): weekends and
the scenario's bank holidays do not count, as statutory timescales such as
"an initial conference within 15 working days" do not count them. Months are
whole calendar months since the referral date (month 0 to 11 for an
eleven-month case); weeks are whole weeks since it (week 0 is the referral's
week). A case is told on the scale that fits it (:func:`scale_for`): a
six-week case in weeks, an eleven-month one in months.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import field
from datetime import date, timedelta
from typing import Literal

from simulator.quickdata import dataclass

_LAST = date.max - timedelta(days=7)
#: Working days past those listed so far beyond which a date is counted in weeks rather than listed (see Calendar._far).
FAR_DAYS = 4096


def parse_date(text: str) -> date | None:
    """A strict ISO date (``2026-03-02``), or None if it is not one."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


#: The years a case may start in: wide enough for any story, far enough from year 9999 that
#: no case can run past the last date Python's calendar knows.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def in_range(d: date) -> bool:
    """Whether a date is one a case may use (see FIRST_YEAR and LAST_YEAR)."""
    return FIRST_YEAR <= d.year <= LAST_YEAR


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    """How many days ``month`` (1 to 12) of ``year`` has: the standard library's calendar module says the same, but importing it
    (and the locale module under it) costs every command a millisecond."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


def add_months(d: date, months: int) -> date:
    """The same day of the month ``months`` later, clamped to the month's end (and to the calendar's last date)."""
    total = d.year * 12 + (d.month - 1) + months
    if total >= date.max.year * 12:
        return date.max
    year, month0 = divmod(total, 12)
    last = month_days(year, month0 + 1)
    return date(year, month0 + 1, min(d.day, last))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 within the first month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


Scale = Literal["weeks", "months"]
SCALES: tuple[Scale, ...] = ("weeks", "months")
#: A case whose episodes all fall within this many days of the referral is told in weeks.
WEEK_SCALE_DAYS = 13 * 7


def scale_for(referral: date, last: date) -> Scale:
    """The scale that fits a case from the referral to its last episode: weeks up to thirteen weeks, else months."""
    return "weeks" if (last - referral).days <= WEEK_SCALE_DAYS else "months"


def minutes_of(text: str) -> int:
    """``"09:30"`` as minutes since midnight (the schema has checked the form)."""
    hours, _, mins = text.partition(":")
    return int(hours) * 60 + int(mins)


def clock_text(minutes: int) -> str:
    """Minutes since midnight as ``"09:30"`` (wrapping past midnight)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(eq=False)
class Calendar:
    """Converts between working-day numbers, dates and months for one case."""

    referral: date
    holidays: frozenset[date] = frozenset()
    _dates: list[date] = field(default_factory=list, repr=False)
    _months: dict[int, int] = field(default_factory=dict, repr=False)  # month_of, worked out once per day
    _after: dict[tuple[int, int], int] = field(default_factory=dict, repr=False)  # months_after, once per (day, months)

    #: The days of the week that count, from Monday: five (weekends do not), or seven in an :class:`EveryDayCalendar`.
    days_a_week = 5

    def _extend(self, upto: int) -> None:
        dates = self._dates
        if not dates:
            dates.append(self.referral)
        d = dates[-1]
        while len(dates) <= upto:
            if d >= _LAST:  # a case postponed past year 9999: the calendar stops at its last day
                dates.extend([d] * (upto + 1 - len(dates)))
                break
            d += timedelta(days=1)
            if d.weekday() < self.days_a_week and d not in self.holidays:
                dates.append(d)

    def date_of(self, day: int) -> date:
        """The date of working day ``day`` (day 0 is the referral date)."""
        if day < 0:
            return self.referral
        if day >= len(self._dates):
            if day - len(self._dates) > FAR_DAYS:
                return self._far(day)
            self._extend(day + 32)
        return self._dates[day]

    def _far(self, day: int) -> date:
        """Working day ``day``, far past those worked out so far, counted in whole weeks once no holiday is left to step round.

        A record edited by hand, or a statement, may name any day (a hundred million, 2**63): listing every working day
        up to it held gigabytes and took minutes, where a case's own days are a few thousand at most.
        """
        last_holiday = max([*self.holidays, self.referral])  # past the referral too: day 0 may fall on a weekend
        self._extend(0)
        while self._dates[-1] <= last_holiday and self._dates[-1] < _LAST:
            self._extend(len(self._dates) + 64)
        known = len(self._dates) - 1
        if day <= known:
            return self._dates[day]
        weeks, rest = divmod(day - known, self.days_a_week)  # from a working day, a week's working days later is the same weekday
        try:
            d = self._dates[known] + timedelta(weeks=weeks)
        except OverflowError:
            return _LAST
        while rest and d < _LAST:
            d += timedelta(days=1)
            if d.weekday() < self.days_a_week:
                rest -= 1
        return min(d, _LAST)

    def day_of(self, d: date) -> int:
        """The working day on or before date ``d`` (0 for dates before the referral)."""
        if d <= self.referral:
            return 0
        while not self._dates or (self._dates[-1] < d and self._dates[-1] < _LAST):
            self._extend(len(self._dates) + 64)
        return max(bisect_right(self._dates, d) - 1, 0)

    def month_of(self, day: int) -> int:
        """Whole months from the referral to working day ``day`` (asked at every episode of every playthrough, so kept)."""
        month = self._months.get(day)
        if month is None:
            month = self._months[day] = months_between(self.referral, self.date_of(day))
        return month

    def week_of(self, day: int) -> int:
        """Whole weeks from the referral to working day ``day`` (0 in the referral's first seven days)."""
        return (self.date_of(day) - self.referral).days // 7

    def position(self, day: int, scale: Scale) -> float:
        """Working day ``day`` as weeks or months since the referral, with the fraction of the week or month."""
        when = self.date_of(day)
        if scale == "weeks":
            return (when - self.referral).days / 7
        month = self.month_of(day)
        begin = add_months(self.referral, month)
        end = add_months(self.referral, month + 1)
        span = (end - begin).days or 1
        return month + (when - begin).days / span

    def period_of(self, day: int, scale: Scale) -> int:
        """The week or month number of working day ``day``."""
        return self.week_of(day) if scale == "weeks" else self.month_of(day)

    def months_after(self, day: int, months: int) -> int:
        """The last working day on or before the date ``months`` after ``day`` (a milestone's due day: asked at every episode, so kept)."""
        due = self._after.get((day, months))
        if due is None:
            target = add_months(self.date_of(day), months)
            due = self.day_of(target)
            if target >= _LAST:  # past the calendar's end every day is its last date: a day counted there (Calendar._far) is no earlier
                due = max(due, day)
            self._after[day, months] = due
        return due


class EveryDayCalendar(Calendar):
    """A calendar on which weekends count too (`calendar: {weekends: true}`): a service that works every day, such as
    an out-of-hours team, a residential home or a ward, whose Saturday night runs into Sunday. Holidays listed still
    do not count."""

    days_a_week = 7


def calendar_of(referral: date, holidays: frozenset[date], weekends: bool) -> Calendar:
    """The case's calendar: working days only, or every day when its weekends count."""
    return EveryDayCalendar(referral, holidays) if weekends else Calendar(referral, holidays)
