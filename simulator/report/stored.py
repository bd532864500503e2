"""A playthrough read from what its record stored, for when the case has changed since it was played.

A record is normally replayed against the scenario, so the debrief can say
everything the engine knows. After a trainer edits the case (a choice
removed, a node renamed, a route changed) the replay no longer fits; the
trainee's record must still open. Every step of a record stores where it
was taken, what was chosen, the clock, and the scores and trust after it,
so :func:`stored_trace` builds the trainee's :class:`Trace` from that
alone: choices still in the case are shown with their current words, others
with the words the record kept (or their id). Steps in episodes the case no
longer has are left out, and counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from simulator.analysis.paths import ChoiceRef, EpisodeSnapshot, PathStep, Standing, Trace
from simulator.engine.actions import SKIP_CODE
from simulator.engine.state import Event
from simulator.records.record import RecordError
from simulator.scenario.loops import written_id
from simulator.scenario.model import Scenario


def _pairs(value: Any, keys: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """Named whole numbers in the scenario's order, from a stored mapping (anything else is left out)."""
    if not isinstance(value, Mapping):
        return ()
    return tuple((k, v) for k in keys if isinstance(v := value.get(k), int) and not isinstance(v, bool))


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9 else default


def _diff(after: tuple[tuple[str, int], ...], before: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    old = dict(before)
    return tuple((k, v - old.get(k, 0)) for k, v in after if v != old.get(k, 0))


def _events(value: Any) -> tuple[Event, ...]:
    out: list[Event] = []
    for e in value if isinstance(value, list) else ():
        if isinstance(e, Mapping) and isinstance(e.get("kind"), str) and isinstance(e.get("node"), str) and isinstance(e.get("text"), str):
            out.append(Event(e["kind"], e["node"], e["text"], _pairs(e.get("effects"), list(e.get("effects") or {})), _pairs(e.get("trust"), list(e.get("trust") or {}))))
    return tuple(out)


def _choice(scenario: Scenario, step: Mapping[str, Any]) -> ChoiceRef | None:
    code = step.get("choice")
    if not isinstance(code, str) or code == SKIP_CODE:
        return None
    now = scenario.choice_by_id.get(code)
    if now is not None:
        return ChoiceRef(now.id, now.text, now.path)
    text = step.get("text")
    path = step.get("path")
    return ChoiceRef(code, text if isinstance(text, str) and text else code.replace("-", " ").capitalize(), path if path in ("enabler", "barrier", "other") else "other")


def _episode_of(scenario: Scenario, step: Mapping[str, Any]) -> str | None:
    node = scenario.nodes.get(step.get("node") or "")
    if node is not None:
        return node.episode
    episode = step.get("episode")
    if isinstance(episode, str) and episode in scenario.episode_by_id:
        return episode
    node_id = step.get("node")
    if isinstance(node_id, str) and node_id.partition(".")[0] in scenario.episode_by_id:
        return node_id.partition(".")[0]
    return None


def _played_as(scenario: Scenario, said: str, before: str | None, chose: Any) -> str:
    """The node a stored step was at, as the case plays it now: a record names a loop's round as written (``hub``,
    round 2), so the round's own node is found by following the step before it (what it chose, or where it went on).
    The written id when nothing leads there (the case has changed there too), or the id itself in an older record."""
    node = scenario.nodes.get(before) if before is not None else None
    if node is None or said not in scenario.nodes or said in node.successors():
        return said
    picked = next((c for c in node.choices if c.id == chose), None)
    ahead = (picked.next,) if picked is not None else node.successors()
    found = [n for n in ahead if written_id(n) == said]
    return found[0] if len(found) == 1 else said


def stored_trace(scenario: Scenario, record: Mapping[str, Any], label: str = "you") -> tuple[Trace, int]:
    """The trainee's trace from the record's stored steps, and how many steps were left out (their episode is gone)."""
    steps = record.get("steps")
    if not isinstance(steps, list):
        raise RecordError("the record's steps are damaged")
    dims = list(scenario.dimensions)
    people = list(scenario.trusting)
    start = Standing(tuple((d, 0) for d in dims), tuple((c, scenario.characters[c].trust or 0) for c in people))
    cal = scenario.calendar
    kept: list[PathStep] = []
    left_out = 0
    before = start
    at: str | None = None  # the node of the step before, as the case plays it now
    for raw in steps:
        episode = _episode_of(scenario, raw) if isinstance(raw, Mapping) else None
        if episode is None or not isinstance(raw, Mapping):
            left_out += 1
            at = None
            continue
        prior = kept[-1].choice.id if kept and kept[-1].choice is not None else None
        at = _played_as(scenario, str(raw.get("node")), at, prior)
        after = Standing(_pairs(raw.get("scores"), dims) or before.scores, _pairs(raw.get("trust"), people) or before.trust)
        day = _int(raw.get("day"), scenario.episode_by_id[episode].day)
        kept.append(
            PathStep(
                index=len(kept),
                node=at,
                episode=episode,
                choice=_choice(scenario, raw),
                effects=_diff(after.scores, before.scores),
                trust_change=_diff(after.trust, before.trust),
                events=_events(raw.get("events")),
                day=day,
                month=cal.month_of(day),
                minutes=_int(raw.get("minutes"), 0),
                late=_int(raw.get("late"), 0),
                after=after,
                arrived=episode,
                skipped=raw.get("choice") == SKIP_CODE,
            )
        )
        before = after
    # Where each step arrived: the episode of the step after it (the last one stays where it was).
    fixed = [s if i + 1 >= len(kept) else _arrived(s, kept[i + 1].episode) for i, s in enumerate(kept)]
    snapshots = _snapshots(fixed, start)
    ending = record.get("ending")
    node = scenario.nodes.get(ending) if isinstance(ending, str) else None
    final = fixed[-1].after if fixed else start
    seed = record.get("seed")
    trace = Trace(
        label=label,
        seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else 0,
        start=start,
        steps=tuple(fixed),
        episodes=snapshots,
        finished=node is not None and node.ending is not None,
        ending=node.id if node is not None and node.ending is not None else None,
        ending_kind=node.ending.kind if node is not None and node.ending is not None else None,
        ending_title=node.ending.title if node is not None and node.ending is not None else None,
        final=final,
    )
    return trace, left_out


def _arrived(step: PathStep, episode: str) -> PathStep:
    from dataclasses import replace

    return replace(step, arrived=episode)


def _snapshots(steps: list[PathStep], start: Standing) -> tuple[EpisodeSnapshot, ...]:
    out: list[EpisodeSnapshot] = []
    begin = start
    i = 0
    while i < len(steps):
        episode = steps[i].episode
        group = [steps[i]]
        while i + len(group) < len(steps) and steps[i + len(group)].episode == episode:
            group.append(steps[i + len(group)])
        end = group[-1].after
        out.append(
            EpisodeSnapshot(
                episode=episode,
                day=group[0].day,
                month=group[0].month,
                start=begin,
                end=end,
                steps=tuple(s.index for s in group),
                choices=tuple(s.choice.id for s in group if s.choice is not None),
            )
        )
        begin = end
        i += len(group)
    return tuple(out)
