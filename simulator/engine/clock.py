"""The case clock as a host shows it: date, week or month, time, lateness, next milestone.

A case is told on its own scale (:attr:`Scenario.scale`): "Week 2 of 6" for
a six-week adult case, "Month 5 of 12" for an eleven-month child
protection case. Weeks and months are counted from 1 wherever they are shown
(the referral's own week or month is the first), though the calendar and
a scenario's ``clock.month`` count whole months since the referral, from 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from simulator.engine.casework import due_day
from simulator.engine.session import Session
from simulator.scenario.calendar import clock_text
from simulator.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class MilestoneDue:
    """The next statutory milestone not yet held, and when it is due (if known)."""

    id: str
    label: str
    short: str
    due_day: int | None
    due_date: date | None
    days_left: int | None
    rule: str


@dataclass(frozen=True, slots=True)
class ClockView:
    day: int
    date: date
    month: int
    months_total: int
    time: str
    late: int
    phoned: bool
    next_milestone: MilestoneDue | None
    scale: str = "months"
    period: int = 0
    periods_total: int = 0

    @property
    def period_text(self) -> str:
        """Where the case stands on its own scale: "Week 2 of 6", "Month 1 of 12" at the referral (see :func:`period_words`)."""
        return period_words("week" if self.scale == "weeks" else "month", self.period, self.periods_total)

    @property
    def shows_period(self) -> bool:
        """Whether the week or month is worth showing: not for a case that all happens within its first."""
        return self.periods_total > 0

    @property
    def when(self) -> tuple[str, ...]:
        """The heading every host gives an episode's moment: date, week or month (when worth showing), time."""
        return (self.date_text, self.period_text, self.time) if self.shows_period else (self.date_text, self.time)

    @property
    def month_text(self) -> str:
        """The same as :attr:`period_text` (kept for hosts written before cases had a scale)."""
        return self.period_text

    @property
    def date_text(self) -> str:
        return f"{self.date:%a} {self.date.day} {self.date:%b %Y}"


def period_words(unit: str, period: int, total: int) -> str:
    """"Month 1 of 12": the week or month since the referral (from 0) said as people count, from 1, as every host shows it."""
    return f"{unit.capitalize()} {period + 1} of {total + 1}"


def period_number(period: int) -> str:
    """A week or month since the referral (from 0) as a chart's axis labels it: "1" for the referral's own."""
    return str(period + 1)


def months_total(scenario: Scenario) -> int:
    """The month of the case's last episode (11 for an eleven-month case)."""
    last = max(ep.day for ep in scenario.episodes)
    return scenario.calendar.month_of(last)


def clock_view(session: Session) -> ClockView:
    """The clock for the session's moment. A case pushed past its last authored day (`days:` on a
    postponement) runs longer on this path, so the total grows with it: never "Week 7 of 6"."""
    s = session.state
    scenario = session.scenario
    cal = scenario.calendar
    period = cal.period_of(s.day, scenario.scale)
    upcoming = None
    for ms in scenario.milestones:
        if ms.id in s.held:
            continue
        due = due_day(scenario, s.held, ms.id)
        upcoming = MilestoneDue(
            id=ms.id,
            label=ms.label,
            short=ms.short,
            due_day=due,
            due_date=cal.date_of(due) if due is not None else None,
            days_left=(due - s.day) if due is not None else None,
            rule=scenario.rule_of(ms.id),
        )
        break
    return ClockView(
        day=s.day,
        date=cal.date_of(s.day) + timedelta(days=s.minutes // (24 * 60)),  # a visit that runs past midnight is on the next date
        month=s.month,
        months_total=max(months_total(scenario), s.month),
        time=clock_text(s.minutes),
        late=s.late,
        phoned=s.phoned,
        next_milestone=upcoming,
        scale=scenario.scale,
        period=period,
        periods_total=max(scenario.periods(), period),
    )
