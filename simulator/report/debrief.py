"""The debrief: what a trainee keeps from a playthrough, built from a scenario and a record.

Scores against what the scenario made achievable (from the bounds), every
safety error the scenario marks (listed in its own right, whatever it
scored), the moments that helped and hurt most with the principle and sources
behind each, what the case clock did, the ending, Gibbs reflection prompts with any
text saved in the record, the evidence summary for PCF and KSS, and the
comparison with the canonical paths, including the timeline. It is plain
data: :mod:`simulator.report.html` renders it, :meth:`Debrief.to_dict` is the
JSON export, and the window's debrief screen reads the same object. The data
itself is :mod:`simulator.report.debrief_data`; reading records,
:mod:`simulator.report.debrief_record` (both re-exported here).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulator import __version__
from simulator.analysis.bounds import Bounds, score_bounds
from simulator.analysis.divergence import compare
from simulator.analysis.paths import Trace, canonical_paths
from simulator.engine.shown import Names
from simulator.records.record import RecordError, check_record
from simulator.report.codec import CodecError
from simulator.report.debrief_data import (
    DEBRIEF_FORMAT,
    DEBRIEF_KIND,
    EXPORT_KIND,
    MOMENTS,
    ClockEvent,
    Debrief,
    DimensionScore,
    EndingInfo,
    EpisodeScore,
    Moment,
    PrincipleRef,
    Reflection,
    SourceRef,
    TrustScore,
)
from simulator.report.debrief_record import CHANGED, as_record, from_stored, replayed_elsewhere, said_at_the_end, trace_record
from simulator.report.portfolio import episode_days, evidence_summary
from simulator.report.reflection import GIBBS_SOURCE, STAGES, saved_reflections
from simulator.report.timeline import build_timeline
from simulator.scenario.cite import short_cite
from simulator.scenario.model import Scenario

__all__ = [
    "CHANGED",
    "DEBRIEF_FORMAT",
    "DEBRIEF_KIND",
    "EXPORT_KIND",
    "ClockEvent",
    "Debrief",
    "DimensionScore",
    "EndingInfo",
    "EpisodeScore",
    "Moment",
    "PrincipleRef",
    "Reflection",
    "SourceRef",
    "TrustScore",
    "as_record",
    "build_debrief",
    "trace_record",
]


def _source(scenario: Scenario, source_id: str) -> SourceRef | None:
    src = scenario.evidence.sources.get(source_id)
    if src is None:
        return None
    short = short_cite(src)
    return SourceRef(src.id, src.citation(), short, src.url, src.evidence)


def _principle(scenario: Scenario, principle_id: str) -> PrincipleRef | None:
    p = scenario.evidence.principles.get(principle_id)
    if p is None:
        return None
    sources = tuple(s for s in (_source(scenario, sid) for sid in p.sources) if s is not None)
    return PrincipleRef(p.id, p.title, p.summary, sources)


def _date(scenario: Scenario, days: Mapping[str, int], episode: str) -> str:
    day = days[episode] if episode in days else scenario.episode_by_id[episode].day
    return scenario.calendar.date_of(day).isoformat()


def _moments(scenario: Scenario, trace: Trace) -> tuple[list[Moment], list[Moment], list[Moment]]:
    """Every scored decision as a moment, best first and worst first (ties in playing order), and every safety error in playing order."""
    moments: list[Moment] = []
    days = episode_days(trace)
    for step in trace.decisions:
        assert step.choice is not None
        choice = scenario.choice_by_id.get(step.choice.id)
        if choice is None or not (choice.scored or choice.safety):
            continue
        principles = tuple(p for p in (_principle(scenario, pid) for pid in choice.principles) if p is not None)
        moments.append(
            Moment(
                index=step.index,
                episode=step.episode,
                episode_title=scenario.episode_by_id[step.episode].title,
                date=_date(scenario, days, step.episode),
                choice=step.choice,
                effects=choice.effects,
                total=sum(v for _, v in choice.effects),
                trust=choice.trust,
                feedback=choice.feedback,
                principles=principles,
                tags=choice.tags,
                safety=choice.safety,
            )
        )
    helped = sorted((m for m in moments if m.total > 0), key=lambda m: (-m.total, m.index))
    hurt = sorted((m for m in moments if m.total < 0), key=lambda m: (m.total, m.index))
    return helped, hurt, [m for m in moments if m.safety]


def _clock(scenario: Scenario, trace: Trace) -> tuple[ClockEvent, ...]:
    out: list[ClockEvent] = []
    days = episode_days(trace)
    for step in trace.steps:
        for ev in step.events:
            node = scenario.nodes.get(ev.node)
            episode = node.episode if node is not None else step.arrived
            out.append(
                ClockEvent(
                    kind=ev.kind,
                    text=ev.text,
                    episode=episode,
                    episode_title=scenario.episode_by_id[episode].title,
                    date=_date(scenario, days, episode),
                    effects=ev.effects,
                    trust=ev.trust,
                )
            )
    return tuple(out)


def _references(scenario: Scenario, moments: list[Moment], gibbs: SourceRef | None) -> tuple[SourceRef, ...]:
    seen: dict[str, SourceRef] = {}
    for m in moments:
        for p in m.principles:
            for s in p.sources:
                seen.setdefault(s.id, s)
    if gibbs is not None:
        seen.setdefault(gibbs.id, gibbs)
    return tuple(sorted(seen.values(), key=lambda s: s.citation.lower()))


def _episodes(scenario: Scenario, yours: Trace, bounds: Bounds) -> tuple[EpisodeScore, ...]:
    out: list[EpisodeScore] = []
    for snap in yours.episodes:
        ep = scenario.episode_by_id[snap.episode]
        eb = bounds.episode(snap.episode)
        out.append(
            EpisodeScore(
                episode=ep.id,
                title=ep.title,
                date=scenario.calendar.date_of(snap.day).isoformat(),
                month=snap.month,
                changes=tuple((d, snap.change("score", d)) for d in scenario.dimensions),
                achievable=eb.ranges if eb is not None else (),
                choices=snap.choices,
            )
        )
    return tuple(out)


def build_debrief(
    scenario: Scenario,
    record: Mapping[str, Any],
    *,
    canonical: Mapping[str, Trace] | None = None,
    bounds: Bounds | None = None,
    moments: int = MOMENTS,
) -> Debrief:
    """The debrief of a record (or a store export); :class:`RecordError` if it does not fit the scenario.

    ``canonical`` and ``bounds`` may be passed in when the host has them
    already (the window computes them once per scenario).
    """
    record = as_record(record)
    changed = ""
    check_record(record)  # a damaged record is refused outright; only a sound one of an edited case is rebuilt
    if record["scenario"] != scenario.id:
        raise RecordError(f"the record is for the scenario `{record['scenario']}`, not `{scenario.id}`")
    try:
        yours = trace_record(scenario, record)
        if replayed_elsewhere(yours, record):
            yours, changed = from_stored(scenario, record, RecordError("the record no longer matches the case"))
    except RecordError as exc:
        yours, changed = from_stored(scenario, record, exc)
    paths = dict(canonical) if canonical is not None else canonical_paths(scenario)
    bounds = bounds or score_bounds(scenario)
    comparison = compare(scenario, yours, paths)
    timeline = build_timeline(scenario, {**paths, "you": yours}, comparison)
    enabler, barrier = paths["enabler"].final, paths["barrier"].final
    scores = tuple(
        DimensionScore(d.id, d.label, d.description, yours.final.score(d.id), bounds.range(d.id), enabler.score(d.id), barrier.score(d.id))
        for d in scenario.rubric
    )
    trust = tuple(
        TrustScore(
            c,
            scenario.characters[c].name,
            scenario.characters[c].role,
            yours.start.trust_of(c),
            yours.final.trust_of(c),
            enabler.trust_of(c),
            barrier.trust_of(c),
            scenario.characters[c].short,
        )
        for c in scenario.trusting
    )
    helped, hurt, safety = _moments(scenario, yours)
    ending_node = scenario.nodes.get(yours.ending or "")
    ending = None
    if ending_node is not None and ending_node.ending is not None:
        e = ending_node.ending
        said = () if changed else said_at_the_end(scenario, yours, record)
        ending = EndingInfo(ending_node.id, e.kind, e.title, e.text, e.outcome, said)
    saved = saved_reflections(record)
    gibbs = _source(scenario, GIBBS_SOURCE)
    player = record.get("player_name")
    if not isinstance(player, str) or not player.strip():
        player = scenario.characters[scenario.player].name if scenario.player in scenario.characters else "You"
    mode = record.get("mode")
    named = record.get("player_name") if isinstance(record.get("player_name"), str) else None
    debrief = Debrief(
        format=DEBRIEF_FORMAT,
        kind=DEBRIEF_KIND,
        generator=f"doorstep {__version__}",
        scenario=scenario.id,
        title=scenario.title,
        summary=scenario.summary,
        player=player,
        seed=yours.seed,
        mode=mode if isinstance(mode, str) else "",
        finished=yours.finished,
        decisions=len(yours.decisions),
        skipped=tuple(scenario.episode_by_id[s.episode].title for s in yours.steps if s.skipped),
        ending=ending,
        scores=scores,
        trust=trust,
        episodes=_episodes(scenario, yours, bounds),
        helped=tuple(helped[:moments]),
        hurt=tuple(hurt[:moments]),
        clock=_clock(scenario, yours),
        reflections=tuple(Reflection(s.id, s.title, s.prompt, s.hint, saved.get(s.id, "")) for s in STAGES),
        reflection_source=gibbs,
        evidence=evidence_summary(scenario, yours),
        comparison=comparison,
        timeline=timeline,
        references=_references(scenario, safety + helped[:moments] + hurt[:moments], gibbs),
        content_notes=scenario.content_notes,
        closing=scenario.closing,
        support=scenario.support,
        safety=tuple(safety),
        changed=changed,
    )
    try:
        return _with_names(scenario, debrief, named)
    except CodecError as exc:  # a value of the wrong kind that got past the record's checks: refused, never a traceback
        raise RecordError(f"the record holds a value of the wrong kind ({exc})") from exc


# The trainee's own words are shown as written; everything else is the scenario's text.
_OWN_WORDS = frozenset({"player", "reflections"})


def _with_names(scenario: Scenario, debrief: Debrief, player_name: str | None) -> Debrief:
    """The debrief with every ``{character}`` placeholder filled, as the window shows it.

    Choice texts, feedback, ending and clock texts all come from the scenario,
    whose text may name people as ``{fiona}`` or the worker as ``{louisa}``.
    """

    fill = Names(scenario, player_name).fill

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return fill(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k in _OWN_WORDS else walk(v) for k, v in value.items()}
        return value

    return Debrief.from_dict(walk(debrief.to_dict()))
