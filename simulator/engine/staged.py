"""The stage as each line of a node shows it, ready for a host: names filled in, moods resolved.

The session keeps the stage as the node was entered (``State.stage_in``) and
the moods before its lines (``State.moods_in``); this replays the node's own
directions and each shown line's, so a host is handed one
:class:`~simulator.engine.stage.View` per line of :meth:`Screen.lines`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engine.stage import Person, Stage, View, Voice, apply

if TYPE_CHECKING:
    from simulator.engine.screen import Screen


def views_of(session: Screen, *, final: bool = False) -> list[View]:
    """One view per shown line (narration first); with ``final``, only the view once every line is read."""
    s = session.state
    node = session.node
    if final or s.stage_in is None:
        return [_view(session, session.stage, dict(s.moods))]
    holds = session.holds
    moods = dict(s.moods_in if s.moods_in is not None else s.moods)
    stage = apply(s.stage_in, node.stage, holds)
    out: list[View] = []
    if node.narration:
        out.append(_view(session, stage, moods))
    for line in node.lines:
        if line.when is not None and not line.when(s):
            continue
        if not line.stage.empty:
            stage = apply(stage, line.stage, holds)
        if line.speaker and line.mood:
            moods[line.speaker] = line.mood
        out.append(_view(session, stage, moods))
    return out


def _view(session: Screen, stage: Stage, moods: dict[str, str]) -> View:
    player = session.scenario.player
    name = session.name_of
    people = tuple(
        Person(p.who, name(p.who), mood_in(session, p.who, moods), p.drawn_pose, p.at, p.holding, name(p.holding) if p.holding else None)
        for p in stage.people
        if p.who != player
    )
    heard = tuple(Voice(h.who, name(h.who), h.by, mood_in(session, h.who, moods)) for h in stage.heard if h.who != player)
    return View(stage.location, people, heard)


def mood_in(session: Screen, who: str, moods: dict[str, str]) -> str | None:
    """Their mood as of this line: set by a line or node, else by trust, else the first their art has."""
    mood = moods.get(who)
    if mood:
        return mood
    char = session.scenario.characters.get(who)
    if char is None:
        return None
    by_trust = char.mood_for_trust(session.state.trust.get(who, 50))
    return by_trust or (char.moods[0] if char.moods else None)
