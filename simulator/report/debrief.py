"""The debrief: what a trainee keeps from a playthrough, built from a scenario and a record.

Scores against what the scenario made achievable (from the bounds), every
safety error the scenario marks (listed in its own right, whatever it
scored), the moments that helped and hurt most with the principle and sources
behind each, what the case clock did, the ending, Gibbs reflection prompts with any
text saved in the record, the evidence summary for PCF and KSS, and the
comparison with the canonical paths, including the timeline. It is plain
data: :mod:`simulator.report.html` renders it, :meth:`Debrief.to_dict` is the
JSON export, and the window's debrief screen reads the same object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simulator import __version__
from simulator.analysis.bounds import Bounds, Range, score_bounds
from simulator.analysis.divergence import Comparison, compare
from simulator.analysis.paths import ChoiceRef, Pairs, Trace, TraceError, canonical_paths, trace_actions
from simulator.engine.session import Session
from simulator.engine.shown import Names
from simulator.records.record import RECORD_FORMAT, RecordError, check_record
from simulator.report.codec import CodecError, from_data, to_data
from simulator.report.portfolio import FrameworkEvidence, evidence_summary
from simulator.report.reflection import GIBBS_SOURCE, RECORD_KEY, STAGES, saved_reflections
from simulator.report.stored import stored_trace
from simulator.report.timeline import Timeline, build_timeline
from simulator.scenario.cite import short_cite
from simulator.scenario.model import Scenario, Support

DEBRIEF_FORMAT = 1
DEBRIEF_KIND = "doorstep-debrief"
EXPORT_KIND = "doorstep-export"  # what the local store exports: a record (or just the actions) and reflections
MOMENTS = 3


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as cited in the report."""

    id: str
    citation: str
    short: str
    url: str
    evidence: str = ""  # how far the source was checked: verified, abstract or sector-knowledge ("" when not said)


@dataclass(frozen=True, slots=True)
class PrincipleRef:
    """A practice principle from seeds/, with the sources it rests on."""

    id: str
    title: str
    summary: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """The trainee's score on one dimension, the achievable range, and where each canonical path finished."""

    id: str
    label: str
    description: str
    score: int
    achievable: Range
    enabler: int
    barrier: int


@dataclass(frozen=True, slots=True)
class TrustScore:
    """A family member's trust at the start and end, and on each canonical path."""

    id: str
    name: str
    role: str
    start: int
    end: int
    enabler: int
    barrier: int
    short: str = ""  # the name the case uses for them ("Mr Campbell"); "" in debriefs written before


@dataclass(frozen=True, slots=True)
class Moment:
    """A choice that helped or hurt, with why (feedback) and what that rests on."""

    index: int
    episode: str
    episode_title: str
    date: str
    choice: ChoiceRef
    effects: Pairs
    total: int
    trust: Pairs
    feedback: str
    principles: tuple[PrincipleRef, ...]
    tags: tuple[str, ...]
    safety: str = ""  # the scenario's sentence saying what this choice put at risk; "" when it is no safety error


@dataclass(frozen=True, slots=True)
class ClockEvent:
    """Something the case clock scored by itself: a late arrival, a milestone held late."""

    kind: str
    text: str
    episode: str
    episode_title: str
    date: str
    effects: Pairs
    trust: Pairs


@dataclass(frozen=True, slots=True)
class EndingInfo:
    node: str
    kind: str
    title: str
    text: str
    outcome: str
    said: tuple[str, ...] = ()  # the ending node's own lines that held on this route (none in debriefs written before)


@dataclass(frozen=True, slots=True)
class Reflection:
    """A Gibbs stage's prompt, and whatever the trainee wrote for it."""

    stage: str
    title: str
    prompt: str
    hint: str
    text: str


@dataclass(frozen=True, slots=True)
class EpisodeScore:
    """What the trainee's path did in one episode, against what that episode made achievable."""

    episode: str
    title: str
    date: str
    month: int
    changes: Pairs
    achievable: tuple[tuple[str, Range], ...]
    choices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Debrief:
    """Everything the debrief shows, as data. Versioned; ``Debrief.from_dict(d.to_dict()) == d``."""

    format: int
    kind: str
    generator: str
    scenario: str
    title: str
    summary: str
    player: str
    seed: int
    mode: str
    finished: bool
    decisions: int
    skipped: tuple[str, ...]
    ending: EndingInfo | None
    scores: tuple[DimensionScore, ...]
    trust: tuple[TrustScore, ...]
    episodes: tuple[EpisodeScore, ...]
    helped: tuple[Moment, ...]
    hurt: tuple[Moment, ...]
    clock: tuple[ClockEvent, ...]
    reflections: tuple[Reflection, ...]
    reflection_source: SourceRef | None
    evidence: tuple[FrameworkEvidence, ...]
    comparison: Comparison
    timeline: Timeline
    references: tuple[SourceRef, ...]
    content_notes: tuple[str, ...]
    closing: str
    support: tuple[Support, ...]
    safety: tuple[Moment, ...] = ()  # every choice marked as a safety error, in playing order (none in debriefs written before)
    changed: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The debrief as JSON-ready data (the ``--json`` export)."""
        data: dict[str, Any] = to_data(self)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Debrief:
        """Read a debrief written by :meth:`to_dict`; :class:`ValueError` if it is not one."""
        if not isinstance(data, Mapping) or data.get("kind") != DEBRIEF_KIND:
            raise ValueError("this is not a Doorstep debrief")
        if data.get("format") != DEBRIEF_FORMAT:
            raise ValueError(f"debrief format {data.get('format')!r} is not supported (expected {DEBRIEF_FORMAT})")
        debrief: Debrief = from_data(cls, dict(data))
        return debrief


def as_record(data: Mapping[str, Any]) -> dict[str, Any]:
    """A playthrough record from a record file or a store export, reflections included.

    An export carries the record when the playthrough was finished, else only
    the actions; either way its reflections are merged in (text already in
    the record wins).
    """
    if not isinstance(data, Mapping):
        raise RecordError("a record is a JSON object")
    if data.get("kind") != EXPORT_KIND:
        return dict(data)
    about = data.get("playthrough")
    about = about if isinstance(about, Mapping) else {}
    inner = data.get("record")
    if isinstance(inner, Mapping):
        record = dict(inner)
    else:
        actions = data.get("actions")
        if not isinstance(actions, list):
            raise RecordError("the export holds neither a record nor the actions of a playthrough")
        record = {
            "format": RECORD_FORMAT,
            "scenario": about.get("scenario_id"),
            "seed": about.get("seed"),
            "player_name": about.get("player_name"),
            "mode": about.get("mode"),
            "steps": [{"choice": a, "node": None} for a in actions],
        }
    notes = data.get(RECORD_KEY)
    if isinstance(notes, Mapping):
        mine = record.get(RECORD_KEY)
        record[RECORD_KEY] = {**dict(notes), **(dict(mine) if isinstance(mine, Mapping) else {})}
    return record


def trace_record(scenario: Scenario, record: Mapping[str, Any]) -> Trace:
    """The trainee's trace, replayed from a record; :class:`RecordError` if it does not fit."""
    check_record(record)
    if record["scenario"] != scenario.id:
        raise RecordError(f"the record is for the scenario `{record['scenario']}`, not `{scenario.id}`")
    steps = record["steps"]
    try:
        return trace_actions(
            scenario,
            record["seed"],
            [s["choice"] for s in steps],
            nodes=[s["node"] for s in steps],
            player_name=record.get("player_name") if isinstance(record.get("player_name"), str) else None,
        )
    except TraceError as exc:
        raise RecordError(str(exc)) from exc


def _said_at_the_end(scenario: Scenario, yours: Trace, record: Mapping[str, Any]) -> tuple[str, ...]:
    """What the ending node itself said on this route (its lines whose conditions held), names filled.

    An ending's text is the same for everyone who reaches it; its lines are what only this route
    earned (in Harris: that a safety error put Fiona at greater risk before John abused again), so
    the debrief keeps them beside the text, as the play showed them just before the ending.
    """
    name = record.get("player_name") if isinstance(record.get("player_name"), str) else None
    session = Session.replay(scenario, yours.seed, yours.actions(), name)
    if not session.finished:
        return ()
    shown = session.lines()
    if session.node.narration:
        shown = shown[1:]  # the node's narration, if it has one, is not a line of its own
    return tuple(line.text for line in shown)


CHANGED = "The case has changed since this playthrough"


def _from_stored(scenario: Scenario, record: Mapping[str, Any], why: RecordError) -> tuple[Trace, str]:
    """The trainee's trace from what the record stored, when replaying it against the edited case no longer fits."""
    if record.get("scenario") != scenario.id:
        raise why
    steps = record.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(s, Mapping) and isinstance(s.get("scores"), Mapping) for s in steps):
        raise why  # only the actions were kept: nothing to rebuild from
    trace, left_out = stored_trace(scenario, record)
    note = f"{CHANGED}: {_what_changed(scenario, steps)}, so this debrief is rebuilt from what the record stored at the time."
    if left_out:
        note += f" {left_out} step{'s' if left_out != 1 else ''} in episodes the case no longer has {'are' if left_out != 1 else 'is'} left out."
    note += " Scores, trust and the clock are as they were then; the ranges and the canonical paths are the case's as it is now."
    return trace, note


def _replayed_elsewhere(trace: Trace, record: Mapping[str, Any]) -> bool:
    """Whether replaying a record reached another ending, or other scores or trust, than it stored (a route changed since)."""
    ending = record.get("ending")
    if "ending" in record and ending != trace.ending:
        return True
    for key, standing in (("scores", trace.final.scores), ("trust", trace.final.trust)):
        stored = record.get(key)
        if isinstance(stored, Mapping) and any(stored.get(k, v) != v for k, v in standing):
            return True
    return False


def _what_changed(scenario: Scenario, steps: list[Any]) -> str:
    """The first difference between a record and the case as it is now, in words."""
    for i, step in enumerate(steps, 1):
        node = step.get("node")
        if isinstance(node, str) and node not in scenario.nodes:
            return f"step {i} was at `{node}`, which the case no longer has"
        choice = step.get("choice")
        if isinstance(choice, str) and not choice.startswith("@") and choice not in scenario.choice_by_id:
            return f"the choice `{choice}` made at step {i} is no longer in the case"
    return "the case now goes differently from this playthrough (a route or an effect was changed)"


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


def _date(scenario: Scenario, trace: Trace, episode: str) -> str:
    snap = trace.episode(episode)
    day = snap.day if snap is not None else scenario.episode_by_id[episode].day
    return scenario.calendar.date_of(day).isoformat()


def _moments(scenario: Scenario, trace: Trace) -> tuple[list[Moment], list[Moment], list[Moment]]:
    """Every scored decision as a moment, best first and worst first (ties in playing order), and every safety error in playing order."""
    moments: list[Moment] = []
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
                date=_date(scenario, trace, step.episode),
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
                    date=_date(scenario, trace, episode),
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
        if _replayed_elsewhere(yours, record):
            yours, changed = _from_stored(scenario, record, RecordError("the record no longer matches the case"))
    except RecordError as exc:
        yours, changed = _from_stored(scenario, record, exc)
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
        said = () if changed else _said_at_the_end(scenario, yours, record)
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
