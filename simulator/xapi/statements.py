"""A playthrough as xAPI statements, following cmi5's patterns without claiming to be a cmi5 AU.

One registration per playthrough; the scenario is the parent
activity of everything. In order: ``initialized``; for each decision
``answered`` (a ``cmi.interaction`` of type ``choice``: the option chosen,
its score against the lowest and highest any option there scores, per
dimension in an extension, the trust it moved, the case-clock day); for
each episode left ``progressed`` (the episode's score against what the
episode could add, and how far through the case); at the end ``completed``
with the ending and the whole case's scores against the proven bounds;
the reflections, only if the trainee chose to send them; then
``terminated``, or ``abandoned`` for a playthrough set aside.

Everything here is a pure function of the record and what the trainee
chose to send: no clock is read, so the same playthrough always gives the
same statements with the same ids (see :mod:`simulator.xapi.identity`).
Times are the ones saved with the playthrough; where none was saved the
statement has no ``timestamp`` and the LRS stamps it on arrival.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from simulator.analysis.bounds import Bounds, Range, score_bounds
from simulator.analysis.decisions import DecisionBounds, all_decisions
from simulator.analysis.paths import PathStep, Trace
from simulator.engine.shown import Names
from simulator.report.reflection import STAGES
from simulator.scenario.loops import rounds, written_id
from simulator.scenario.model import Node, Scenario
from simulator.wording import stored_time
from simulator.xapi import vocab
from simulator.xapi.identity import Options, Trainee, statement_id

Statement = dict[str, Any]
Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known of one playthrough beyond its steps: who, which registration, when.

    ``step_times`` holds the time each action was saved (None where not
    known); ``reflections`` the latest text per Gibbs stage.
    """

    registration: str
    trainee: Trainee
    started_at: str | None = None
    finished_at: str | None = None
    abandoned_at: str | None = None
    mode: str | None = None
    step_times: tuple[str | None, ...] = ()
    reflections: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Planned:
    """A statement with the key it records (kind and what identifies it), before its id is fixed.

    The id is ``statement_id(registration, *key)`` for the first statement
    with that key; the outbox gives a later one (after a voided one) its own.
    """

    key: Key
    statement: Statement


def timestamp(value: str | None) -> str | None:
    """An ISO time as xAPI wants it (UTC, with Z), or None if it is not a time with a zone."""
    when = stored_time(value)
    if when is None or when.tzinfo is None:
        return None
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _lang(text: str) -> dict[str, str]:
    return {vocab.LANGUAGE: text}


def _scaled(raw: int, rng: Range) -> float:
    """Where ``raw`` lies between the lowest and highest achievable: 0 the lowest, 1 the highest."""
    if raw not in rng:
        raise ValueError(f"a score of {raw} lies outside its proven bounds {rng.low}..{rng.high}")
    return 1.0 if rng.span == 0 else round((raw - rng.low) / rng.span, 4)


def _score(raw: int, rng: Range) -> dict[str, Any]:
    return {"raw": raw, "min": rng.low, "max": rng.high, "scaled": _scaled(raw, rng)}


def _dims(values: Mapping[str, int], ranges: Sequence[tuple[str, Range]]) -> dict[str, Any]:
    return {d: {"raw": values.get(d, 0), "min": r.low, "max": r.high} for d, r in ranges}


def _sum(ranges: Sequence[tuple[str, Range]]) -> Range:
    return Range(sum(r.low for _, r in ranges), sum(r.high for _, r in ranges))


def _digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


class Builder:
    """Builds the statements of playthroughs of one scenario (analysis done once)."""

    def __init__(self, scenario: Scenario, options: Options | None = None, *, bounds: Bounds | None = None) -> None:
        self.scenario = scenario
        self.options = options or Options()
        self._bounds = bounds
        self._decisions: Mapping[str, DecisionBounds] | None = None
        self.episode_index = {ep.id: i for i, ep in enumerate(scenario.episodes)}
        self._definitions: dict[str, dict[str, Any]] = {}
        self._names = Names(scenario)  # the cast's names only: never the name a trainee plays under

    @property
    def bounds(self) -> Bounds:
        """The proven score bounds, worked out the first time a score needs them (watching needs none)."""
        if self._bounds is None:
            self._bounds = score_bounds(self.scenario)
        return self._bounds

    @property
    def decisions(self) -> Mapping[str, DecisionBounds]:
        if self._decisions is None:
            self._decisions = all_decisions(self.scenario)
        return self._decisions

    # -- pieces ------------------------------------------------------------------
    def text(self, text: str) -> str:
        """Scenario text with names filled by the scenario's own cast: never the trainee's name."""
        return self._names.fill(text).strip()

    def scenario_activity(self) -> dict[str, Any]:
        s = self.scenario
        definition: dict[str, Any] = {"type": vocab.SIMULATION, "name": _lang(s.title)}
        if s.summary.strip():
            definition["description"] = _lang(self.text(s.summary)[:1000])
        return {"objectType": "Activity", "id": vocab.scenario_iri(s.id), "definition": definition}

    def episode_activity(self, episode_id: str) -> dict[str, Any]:
        ep = self.scenario.episode_by_id[episode_id]
        definition: dict[str, Any] = {"type": vocab.MODULE, "name": _lang(ep.title)}
        if ep.summary.strip():
            definition["description"] = _lang(self.text(ep.summary)[:1000])
        return {"objectType": "Activity", "id": vocab.episode_iri(self.scenario.id, episode_id), "definition": definition}

    def decision_activity(self, node: Node, round_: int = 1) -> dict[str, Any]:
        """A decision as an activity: the node as written, and a loop's later round of it as an activity of its own.

        A round's activity lists every option the node was written with (the options a round leaves out, taken
        in an earlier round, differ from one playthrough to the next, and an activity's definition may not).
        """
        node = self.scenario.nodes[written_id(node.id)]
        key = f"{node.id}/round-{round_}" if round_ > 1 else node.id
        if key not in self._definitions:
            ep = self.scenario.episode_by_id[node.episode]
            ordinal = [n for n in ep.nodes if "~" not in n and self.scenario.nodes[n].choices].index(node.id) + 1
            prompt = next((ln.text for ln in reversed(node.lines) if ln.text.strip()), node.narration)
            definition: dict[str, Any] = {
                "type": vocab.INTERACTION,
                "name": _lang(f"{ep.title}: decision {ordinal}{f', round {round_}' if round_ > 1 else ''}"),
                "interactionType": "choice",
                "choices": [{"id": c.id, "description": _lang(self.text(c.text) or c.id)} for c in node.choices],
                "extensions": {vocab.EXT_CHOICE_PATHS: {c.id: c.path for c in node.choices}},
            }
            if prompt.strip():
                definition["description"] = _lang(self.text(prompt)[:1000])
            self._definitions[key] = definition
        return {"objectType": "Activity", "id": vocab.decision_iri(self.scenario.id, key), "definition": self._definitions[key]}

    def _statement(
        self,
        facts: Facts,
        verb: str,
        obj: dict[str, Any],
        *,
        when: str | None,
        result: dict[str, Any] | None = None,
        group: dict[str, Any] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> Statement:
        context: dict[str, Any] = {
            "registration": facts.registration,
            "platform": vocab.PLATFORM,
            "language": vocab.LANGUAGE,
        }
        if obj["id"] != vocab.scenario_iri(self.scenario.id):
            # The scenario is the parent of everything in it; an episode groups its decisions.
            context["contextActivities"] = {"parent": [{"id": vocab.scenario_iri(self.scenario.id)}]}
            if group is not None:
                context["contextActivities"]["grouping"] = [{"id": group["id"]}]
        if extensions:
            context["extensions"] = dict(extensions)
        if facts.mode in ("coach", "assessment"):
            context.setdefault("extensions", {})[vocab.EXT_MODE] = facts.mode
        statement: Statement = {
            "actor": facts.trainee.actor(),
            "verb": {"id": vocab.VERBS[verb], "display": _lang(verb)},
            "object": obj,
            "context": context,
        }
        if result is not None:
            statement["result"] = result
        stamp = timestamp(when)
        if stamp is not None:
            statement["timestamp"] = stamp
        return statement

    def _clock(self, day: int, minutes: int) -> dict[str, Any]:
        return {
            vocab.EXT_CASE_DAY: day,
            vocab.EXT_CASE_DATE: self.scenario.calendar.date_of(day).isoformat(),
            vocab.EXT_CASE_TIME: f"{minutes // 60:02d}:{minutes % 60:02d}",
        }

    # -- a whole playthrough --------------------------------------------------------
    def plan(self, trace: Trace, facts: Facts) -> list[Planned]:
        """Every statement of the playthrough so far, in the order things happened."""
        scenario = self.scenario
        out: list[Planned] = []
        times = facts.step_times

        def at(index: int) -> str | None:
            return times[index] if 0 <= index < len(times) else None

        parent = self.scenario_activity()
        out.append(Planned(("initialized",), self._statement(facts, "initialized", parent, when=facts.started_at)))
        steps = trace.steps
        first_day = trace.episodes[0].day if trace.episodes else scenario.episodes[0].day
        # Every episode but the last was left, at its last step; the last is left only by finishing.
        closing = {snap.steps[-1]: snap for snap in trace.episodes[:-1] if snap.steps}
        prefix: list[Any] = []
        for step, nth in zip(steps, rounds(s.node for s in steps), strict=True):
            prefix.append(step.choice.id if step.choice else ("skip" if step.skipped else None))
            if step.choice is not None:
                out.append(self._answered(trace, step, facts, at(step.index), _digest(*prefix), first_day, nth))
            snap = closing.get(step.index)
            if snap is not None:
                out.append(self._progressed(snap.episode, snap, facts, at(step.index)))
        if trace.finished and trace.episodes:
            last = trace.episodes[-1]
            out.append(self._progressed(last.episode, last, facts, facts.finished_at))
            out.append(Planned(("completed",), self._completed(trace, facts)))
            out.extend(self._reflections(facts))
            out.append(Planned(("terminated",), self._statement(facts, "terminated", parent, when=facts.finished_at)))
        elif facts.abandoned_at is not None:
            out.append(Planned(("abandoned",), self._statement(facts, "abandoned", parent, when=facts.abandoned_at)))
        return out

    def _answered(self, trace: Trace, step: PathStep, facts: Facts, when: str | None, prefix: str, first_day: int, round_: int = 1) -> Planned:
        assert step.choice is not None
        node = self.scenario.nodes[step.node]
        choice = self.scenario.choice_by_id[step.choice.id]
        bounds = self.decisions[node.id]
        before = trace.steps[step.index - 1] if step.index > 0 else None
        day = before.day if before is not None else first_day
        minutes = before.minutes if before is not None else self.scenario.episode_by_id[node.episode].time
        result: dict[str, Any] = {"response": choice.id}
        extensions: dict[str, Any] = {vocab.EXT_PATH: choice.path}
        if bounds.scored:
            result["score"] = _score(sum(v for _, v in choice.effects), bounds.total)
            extensions[vocab.EXT_DIMENSIONS] = _dims(dict(choice.effects), bounds.dimensions)
        moved = {c: v for c, v in step.trust_change if v}
        if moved:
            extensions[vocab.EXT_TRUST_CHANGE] = moved
        result["extensions"] = extensions
        statement = self._statement(
            facts,
            "answered",
            self.decision_activity(node, round_),
            when=when,
            result=result,
            group=self.episode_activity(node.episode),
            extensions={vocab.EXT_STEP: step.index, vocab.EXT_EPISODE: node.episode, **self._clock(day, minutes)},
        )
        return Planned(("answered", step.index, choice.id, prefix), statement)

    def _progressed(self, episode_id: str, snap: Any, facts: Facts, when: str | None) -> Planned:
        eb = self.bounds.episode(episode_id)
        result: dict[str, Any] = {"extensions": {vocab.PROGRESS: round(100 * (self.episode_index[episode_id] + 1) / len(self.scenario.episodes))}}
        if eb is not None:
            changes = {d: snap.change("score", d) for d in self.scenario.dimensions}
            result["score"] = _score(sum(changes.values()), _sum(eb.ranges))
            result["extensions"][vocab.EXT_SCORES] = _dims(changes, eb.ranges)
        statement = self._statement(
            facts,
            "progressed",
            self.episode_activity(episode_id),
            when=when,
            result=result,
            extensions={vocab.EXT_EPISODE: episode_id, **self._clock(snap.day, self.scenario.episode_by_id[episode_id].time)},
        )
        return Planned(("progressed", episode_id, _digest(*snap.choices)), statement)

    def _completed(self, trace: Trace, facts: Facts) -> Statement:
        final = dict(trace.final.scores)
        total = _sum(self.bounds.total)
        ending = self.scenario.nodes[trace.ending] if trace.ending else None
        extensions: dict[str, Any] = {
            vocab.EXT_DIMENSIONS: _dims(final, self.bounds.total),
            vocab.EXT_TRUST: dict(trace.final.trust),
            vocab.PROGRESS: 100,
        }
        if ending is not None and ending.ending is not None:
            extensions[vocab.EXT_ENDING] = {"id": ending.id, "kind": ending.ending.kind, "title": self.text(ending.ending.title)}
        result = {"completion": True, "score": _score(sum(final.values()), total), "extensions": extensions}
        return self._statement(facts, "completed", self.scenario_activity(), when=facts.finished_at, result=result)

    def _reflections(self, facts: Facts) -> list[Planned]:
        if not self.options.send_reflections:
            return []
        out: list[Planned] = []
        for stage in STAGES:
            text = facts.reflections.get(stage.id, "")
            if not isinstance(text, str) or not text.strip():
                continue
            activity = {
                "objectType": "Activity",
                "id": vocab.reflection_iri(self.scenario.id, stage.id),
                "definition": {
                    "type": vocab.INTERACTION,
                    "name": _lang(stage.title),
                    "description": _lang(stage.prompt),
                    "interactionType": "long-fill-in",
                },
            }
            statement = self._statement(
                facts, "answered", activity, when=facts.finished_at, result={"response": text}
            )
            out.append(Planned(("reflection", stage.id, _digest(text)), statement))
        return out

    # -- watch ----------------------------------------------------------------------
    def watched(self, facts: Facts, episode_id: str, version: str, *, when: str | None = None) -> Planned:
        """``experienced``: the trainee watched one version (barrier or enabler) of an episode in watch mode."""
        ep = self.scenario.episode_by_id[episode_id]
        activity = {
            "objectType": "Activity",
            "id": vocab.watch_iri(self.scenario.id, episode_id, version),
            "definition": {"type": vocab.MEDIA, "name": _lang(f"{ep.title} ({version} version)")},
        }
        statement = self._statement(
            facts,
            "experienced",
            activity,
            when=when,
            group=self.episode_activity(episode_id),
            extensions={vocab.EXT_EPISODE: episode_id, vocab.EXT_VERSION_WATCHED: version},
        )
        return Planned(("experienced", episode_id, version, when or ""), statement)


def with_ids(registration: str, planned: Sequence[Planned]) -> list[Statement]:
    """The planned statements with their first ids (a playthrough seen whole, with nothing voided before)."""
    return [{"id": statement_id(registration, *p.key), **p.statement} for p in planned]
