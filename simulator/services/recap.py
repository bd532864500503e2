"""A short recap between episodes: what happened in the episode just played, in two or three sentences.

Pure Python. Shown on the card that opens the next episode (and on the card
when Continue brings a trainee back), so a case told over months keeps its
thread: how many choices were made there and the last of them, and, in the
coach setting only, what they changed (in the assessment setting the
changes are feedback, held for the debrief).
"""

from __future__ import annotations

from simulator.engine.session import Session
from simulator.services.words import changes_in_words


def recap(session: Session, *, coach: bool) -> tuple[str, list[str]]:
    """(heading, sentences) about the episode of the latest action; ("", []) before any."""
    steps = session.state.steps
    scenario = session.scenario
    if not steps:
        return "", []
    nodes = scenario.nodes
    episode = nodes[steps[-1].node].episode if steps[-1].node in nodes else ""
    first = len(steps)
    while first > 0 and steps[first - 1].node in nodes and nodes[steps[first - 1].node].episode == episode:
        first -= 1
    ours = steps[first:]
    if not ours or episode not in scenario.episode_by_id:
        return "", []
    title = session.card(episode).title
    same = episode == session.state.episode
    heading = "So far in this episode" if same else f"Last time: {title}"
    chosen = [s.choice for s in ours if s.choice is not None and s.choice in scenario.choice_by_id]
    skipped = any(s.choice == "@skip" for s in ours)
    out: list[str] = []
    if chosen:
        n = len(chosen)
        last = session.option(chosen[-1]).text.strip()
        if last[-1:] not in (".", "!", "?", '"', "\u201d", "'", "\u2019"):
            last += "."
        out.append(f"You made {n} choice{'s' if n != 1 else ''}. {'It was' if n == 1 else 'The last'}: {last}")
    if skipped:
        out.append("You stepped out of part of it (not scored).")
    if coach:
        before_scores = dict(steps[first - 1].scores) if first else dict.fromkeys(scenario.dimensions, 0)
        before_trust = dict(steps[first - 1].trust) if first else {c.id: c.trust for c in scenario.cast if c.trust is not None}
        after = ours[-1]
        effects = tuple((d, v - before_scores.get(d, 0)) for d, v in after.scores)
        trust = tuple((c, v - before_trust.get(c, v)) for c, v in after.trust)
        said = changes_in_words(session, effects, trust)
        if said:
            out.append(f"What changed: {'; '.join(said)}.")
    return heading, out
