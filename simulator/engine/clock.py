"""The case clock as a host shows it: date, month, time, lateness, next milestone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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

    @property
    def month_text(self) -> str:
        return f"Month {self.month} of {self.months_total}"

    @property
    def date_text(self) -> str:
        return f"{self.date:%a} {self.date.day} {self.date:%b %Y}"


def months_total(scenario: Scenario) -> int:
    """The month of the case's last episode (11 for an eleven-month case)."""
    last = max(ep.day for ep in scenario.episodes)
    return scenario.calendar.month_of(last)


def clock_view(session: Session) -> ClockView:
    s = session.state
    scenario = session.scenario
    cal = scenario.calendar
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
        date=cal.date_of(s.day),
        month=s.month,
        months_total=months_total(scenario),
        time=clock_text(s.minutes),
        late=s.late,
        phoned=s.phoned,
        next_milestone=upcoming,
    )
