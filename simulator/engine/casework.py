"""The case clock's own scoring: arriving late, statutory milestones held after their due date.

Timeliness is scored by the clock as well as by choices. The rules are
scenario data (:class:`~simulator.scenario.model.Rules`); these functions
apply them to a state as the session enters an episode or arrives at a
door, and say what they did as :class:`~simulator.engine.state.Event`\\ s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from simulator.engine.state import Event, State
from simulator.scenario.calendar import clock_text
from simulator.scenario.model import Episode, Node, Scenario
from simulator.wording import in_sentence

DAY = 24 * 60  # minutes


def move_trust(state: State, deltas: Sequence[tuple[str, int]]) -> None:
    """Move trust by ``deltas``, each value kept within 0 to 100."""
    trust = state.trust
    for who, delta in deltas:
        value = trust.get(who, 50) + delta
        trust[who] = 0 if value < 0 else 100 if value > 100 else value


def enter_episode(scenario: Scenario, state: State, ep: Episode, events: list[Event] | None) -> None:
    """Move the state into ``ep``: its day and time, a fresh door, its moods, and its milestone held.

    What the clock did is told in ``events``; None where nobody will read it (a playthrough played for its outcome, whose
    moods nobody reads either: they are left as they were).
    """
    s = state
    if ep.day > s.day and s.minutes < DAY:  # the usual way: a later day, and no visit ran on past midnight
        s.day = ep.day
        s.minutes = ep.time
    else:
        s.day, s.minutes = _start(scenario, s, ep)
    s.episode = ep.id
    s.month = scenario.calendar.month_of(s.day)
    s.late = 0
    s.phoned = False
    if events is not None:
        s.moods = dict(ep.moods)
    if ep.milestone:
        _hold(scenario, state, ep.milestone, ep.start, events)


def _start(scenario: Scenario, s: State, ep: Episode) -> tuple[int, int]:
    """When an episode starts (day, minutes) if the clock may already be past its own day and time: it never goes back.

    - The worker is still busy (the visit before ran on, past this episode's time or past midnight): it starts when they
      are free, on the date the clock has reached.
    - The case was pushed back by a postponement (`days:`) onto or past its day: it happens at its own time, on the first
      day from the clock's on which that time is still ahead (the night call after a visit put off by a day comes the
      night after it, not before it).
    """
    cal = scenario.calendar
    today = cal.date_of(s.day)
    own = (cal.date_of(ep.day) - today).days * DAY + ep.time  # its own moment, in minutes from the start of today
    if own >= s.minutes:
        return ep.day, ep.time
    before = scenario.episode_by_id.get(s.episode)
    if before is not None and before.day < s.day:  # the clock's day came from a postponement
        day = max(ep.day, s.day)
        while (cal.date_of(day) - today).days * DAY + ep.time < s.minutes:
            day += 1
        return day, ep.time
    day = max(ep.day, s.day)
    return day, s.minutes - (cal.date_of(day) - today).days * DAY


def _hold(scenario: Scenario, s: State, milestone_id: str, node: str, events: list[Event] | None) -> None:
    """Hold a milestone today (on entering its episode); score it if later than its due date."""
    s.held[milestone_id] = s.day
    due = due_day(scenario, s.held, milestone_id)
    if due is None or s.day <= due:
        return
    days_late = s.day - due
    s.overdue[milestone_id] = days_late
    rules = scenario.rules
    ms = scenario.milestone_by_id[milestone_id]
    effects: tuple[tuple[str, int], ...] = ()
    if rules.overdue_dimension and rules.overdue_points:
        s.scores[rules.overdue_dimension] -= rules.overdue_points
        effects = ((rules.overdue_dimension, -rules.overdue_points),)
    if events is None:
        return
    plural = "s" if days_late != 1 else ""
    events.append(
        Event(
            kind="overdue",
            node=node,
            text=f"The {in_sentence(ms.short)} was held {days_late} working day{plural} after its due date ({scenario.rule_of(milestone_id)}).",
            effects=effects,
        )
    )


def mark_late(s: State, ep: Episode) -> None:
    """How late the worker is for the episode's appointment (``clock.late``), as they reach the door."""
    if ep.appointment is not None:
        late = s.minutes - ep.appointment
        s.late = late if late > 0 else 0


def late_at(scenario: Scenario, s: State, ep: Episode) -> bool:
    """Whether the worker reaching the door of ``ep`` is late enough to be scored (:func:`arrive`); how late is marked either way (:func:`mark_late`)."""
    if ep.appointment is None:
        return False
    mark_late(s, ep)
    rules = scenario.rules
    return bool(rules.punctuality_dimension) and s.late > rules.grace_minutes


def arrive(scenario: Scenario, s: State, ep: Episode, node: Node, events: list[Event] | None, meet: Callable[[], tuple[str, ...]]) -> None:
    """The worker reaches the door: lateness against the appointment, scored and noticed by everyone met there.

    ``meet()`` says who that is; it is asked only when the worker is late enough to count. What happened is
    told in ``events``, unless that is None (nobody will read it).
    """
    rules = scenario.rules
    dimension = rules.punctuality_dimension
    if not late_at(scenario, s, ep) or not dimension:  # (late_at asks for the dimension too)
        return
    present = meet()
    over = s.late - rules.grace_minutes
    points = min(rules.max_points, -(-over // rules.minutes_per_point))
    if s.phoned:
        points //= 2
    trust: tuple[tuple[str, int], ...] = ()
    if not s.phoned and rules.late_trust:
        trust = tuple((who, -rules.late_trust) for who in present if who in s.trust)
        move_trust(s, trust)
    effects: tuple[tuple[str, int], ...] = ()
    if points:
        s.scores[dimension] -= points
        effects = ((dimension, -points),)
    if events is None:
        return
    when = clock_text(s.minutes)
    waiting = _waiting(scenario, present)
    if s.phoned:
        text = f"You arrived at {when}, {s.late} minutes late; you had phoned ahead, so {waiting or 'they'} knew."
    else:
        text = f"You arrived at {when}, {s.late} minutes late, without letting {waiting or 'anyone'} know."
    events.append(Event(kind="late", node=node.id, text=text, effects=effects, trust=trust))


def due_day(scenario: Scenario, held: dict[str, int], milestone_id: str) -> int | None:
    """The working day a milestone is due, if the milestone it counts from is held."""
    ms = scenario.milestone_by_id[milestone_id]
    base = ms.base_day(held, scenario.milestone_by_id)
    if base is None:
        return None
    if ms.working_days is not None:
        return base + ms.working_days
    if ms.months is not None:
        return scenario.calendar.months_after(base, ms.months)
    return None


def _waiting(scenario: Scenario, present: tuple[str, ...]) -> str:
    """Who was kept waiting, by name: those present whose trust is tracked (else everyone present): "Fiona and John", "Dana"."""
    people = [scenario.characters[c] for c in present if c != scenario.player and c in scenario.characters]
    names = [c.short for c in people if c.trust is not None] or [c.short for c in people]
    if len(names) > 3:
        return "everyone"
    return " and ".join(names) if len(names) < 3 else f"{names[0]}, {names[1]} and {names[2]}"
