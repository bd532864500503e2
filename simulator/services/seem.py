"""How people seem: a word for how each person on stage seems towards the worker, for the optional indicator in play.

Pure Python. Trust is a number the trainee never sees while playing; this
says it in words a practitioner would use of a relationship ("wary",
"opening up"), and whether it has warmed or cooled since the episode began.
The window shows it on the clock bar only when the trainee switches it on,
and never in the assessment setting, where how people respond is left for
the trainee to read from what they say and do.
"""

from __future__ import annotations

from simulator.engine.session import Session

BANDS = ((25, "distrustful"), (45, "wary"), (60, "guarded but listening"), (75, "opening up"), (101, "at ease with you"))


def seems(trust: int) -> str:
    return next(word for top, word in BANDS if trust < top)


def how_people_seem(session: Session) -> list[str]:
    """"Fiona: wary, warming" (since this episode began), for each person on stage who has trust, in stage order."""
    state = session.state
    scenario = session.scenario
    start = {c.id: c.trust for c in scenario.cast if c.trust is not None}
    for step in state.steps:  # trust as this episode began: after the last action taken in an earlier episode
        node = scenario.nodes.get(step.node)
        if node is not None and node.episode != state.episode:
            start = dict(step.trust)
    out: list[str] = []
    for who in session.present:
        if who == scenario.player or who not in state.trust:
            continue
        now = state.trust[who]
        was = start.get(who, now)
        trend = ", warming" if now > was else ", cooling" if now < was else ""
        out.append(f"{session.name_of(who)}: {seems(now)}{trend}")
    return out
