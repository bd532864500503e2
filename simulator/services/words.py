"""The words every screen uses for a change: a signed number, and what a choice or the clock changed.

Changes are always said in words ("Tone +1", "Fiona's trust rose by 4"),
never by colour alone, and a negative number carries a true minus sign.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.engine.clock import period_words
from simulator.engine.session import Session
from simulator.scenario.model import Episode, Scenario
from simulator.wording import signed

#: Where an ending sits between the paths, said after it (the ending screen, the debrief, the watch mode).
WHERE = {
    "enabler": "This is one of the outcomes the enabler path leads towards.",
    "mixed": "This outcome sits between the enabler and barrier paths.",
    "barrier": "This is one of the outcomes the barrier path leads towards.",
}


def changes_in_words(session: Session, effects: Iterable[tuple[str, int]], trust: Iterable[tuple[str, int]]) -> list[str]:
    """Each change in words ("Tone +1", "Fiona's trust rose by 4"); what did not move is left out."""
    labels = {d.id: d.label for d in session.scenario.rubric}
    out = [f"{labels.get(dim, dim)} {signed(delta)}" for dim, delta in effects if delta]
    for who, delta in trust:
        if delta:
            out.append(f"{session.name_of(who)}'s trust {'rose' if delta > 0 else 'fell'} by {abs(delta)}")
    return out


def episode_when(scenario: Scenario, episode: Episode) -> str:
    """"Mon 2 Mar 2026 · month 1 of 12" (or "· week 3 of 6", by the case's scale): when the episode is scheduled.

    No week or month for a case that all happens within its first.
    """
    cal = scenario.calendar
    d = cal.date_of(episode.day)
    total = scenario.periods()
    if total <= 0:
        return f"{d:%a} {d.day} {d:%b %Y}"
    period = cal.period_of(episode.day, scenario.scale)
    return f"{d:%a} {d.day} {d:%b %Y} \u00b7 {period_words(scenario.unit, period, total).lower()}"
