"""What ``doorstep analyze`` reports: canonical paths, score bounds, reachable endings, checks.

:func:`analyze` runs the whole-graph analysis once; :func:`to_dict` gives it
as JSON-ready data and :func:`to_text` as lines for a trainer to read. The
checks are the rubric's promises: the enabler path should end in an enabler
ending and the barrier path in a barrier ending; each canonical path should
score inside the bounds (if not, the analysis itself is wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator import collector
from simulator.analysis.bounds import Bounds, score_bounds
from simulator.analysis.paths import PathStep, Trace, canonical_paths
from simulator.scenario.loops import looped, rounds, written_id
from simulator.scenario.model import Scenario
from simulator.wording import signed

OVERVIEW_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Overview:
    """The analysis of one scenario."""

    scenario: Scenario
    paths: dict[str, Trace]
    bounds: Bounds
    warnings: tuple[str, ...]


def _checks(scenario: Scenario, paths: dict[str, Trace], bounds: Bounds) -> tuple[str, ...]:
    warnings: list[str] = []
    for label, trace in paths.items():
        if not trace.finished:
            warnings.append(f"the {label} path stops at `{written_id(trace.steps[-1].node) if trace.steps else scenario.start}` before any ending: no choice there is offered to it")
        elif trace.ending_kind != label:
            warnings.append(f"the {label} path ends at `{trace.ending}`, whose kind is {trace.ending_kind}, not {label}")
        for dim, rng in bounds.total:
            value = trace.final.score(dim)
            if value not in rng:
                warnings.append(f"the {label} path scores {value} on {dim}, outside the computed bounds {rng.low} to {rng.high}")
    unreachable = [e.node for e in bounds.endings if not e.reachable]
    if unreachable:
        warnings.append(f"these endings can never be reached: {', '.join(unreachable)}")
    return tuple(warnings)


def analyze(scenario: Scenario, seed: int = 0) -> Overview:
    """Canonical paths (played from ``seed``), bounds, and the checks on them."""
    with collector.held():  # a plan per node, a step per action: many small objects, no cycles
        paths = canonical_paths(scenario, seed)
        bounds = score_bounds(scenario)
        return Overview(scenario, paths, bounds, _checks(scenario, paths, bounds))


def _step_dict(s: PathStep, round_: int, loops: frozenset[str]) -> dict[str, Any]:
    """One step of a path: its node as the trainer wrote it, and in a loop which round of it this was."""
    node = written_id(s.node)
    return {
        "node": node,
        **({"round": round_} if node in loops else {}),
        "episode": s.episode,
        "choice": None if s.choice is None else {"id": s.choice.id, "text": s.choice.text, "path": s.choice.path},
        "effects": {k: v for k, v in s.effects if v},
        "trust": {k: v for k, v in s.trust_change if v},
        "events": [{**e.to_dict(), "node": written_id(e.node)} for e in s.events],
        "day": s.day,
        "month": s.month,
        "minutes": s.minutes,
        "late": s.late,
        "scores": dict(s.after.scores),
        "trust_after": dict(s.after.trust),
    }


def _path_dict(trace: Trace, loops: frozenset[str]) -> dict[str, Any]:
    return {
        "ending": trace.ending,
        "ending_kind": trace.ending_kind,
        "finished": trace.finished,
        "scores": dict(trace.final.scores),
        "trust": dict(trace.final.trust),
        "steps": [_step_dict(s, r, loops) for s, r in zip(trace.steps, rounds(s.node for s in trace.steps), strict=True)],
        "episodes": [
            {
                "episode": e.episode,
                "day": e.day,
                "month": e.month,
                "start": {"scores": dict(e.start.scores), "trust": dict(e.start.trust)},
                "end": {"scores": dict(e.end.scores), "trust": dict(e.end.trust)},
                "choices": list(e.choices),
            }
            for e in trace.episodes
        ],
    }


def to_dict(overview: Overview) -> dict[str, Any]:
    """The analysis as versioned JSON-ready data."""
    b = overview.bounds
    return {
        "format": OVERVIEW_FORMAT,
        "kind": "doorstep-analysis",
        "scenario": overview.scenario.id,
        "bounds": {
            "total": {d: {"low": r.low, "high": r.high} for d, r in b.total},
            "episodes": {eb.episode: {"entries": list(eb.entries), **{d: {"low": r.low, "high": r.high} for d, r in eb.ranges}} for eb in b.episodes},
        },
        "endings": [{"node": e.node, "kind": e.kind, "title": e.title, "reachable": e.reachable} for e in b.endings],
        "paths": {label: _path_dict(t, looped(overview.scenario)) for label, t in overview.paths.items()},
        "warnings": list(overview.warnings),
    }


def to_text(overview: Overview) -> list[str]:
    """The analysis as lines of text: paths, bounds per dimension and episode, endings, warnings."""
    sc = overview.scenario
    b = overview.bounds
    labels = {d.id: d.label for d in sc.rubric}
    lines = [f"{sc.title} ({sc.id})", ""]
    for label, trace in overview.paths.items():
        choices = [s.choice.id for s in trace.steps if s.choice is not None]
        scores = ", ".join(f"{labels[d]} {signed(v, '-')}" for d, v in trace.final.scores)
        lines.append(f"{label.capitalize()} path: {len(choices)} decisions, ending {trace.ending or '(none)'} ({trace.ending_kind or 'unfinished'}); {scores}")
        if len(choices) > 16:
            # A generated or very long case: the JSON output has every step.
            choices = [*choices[:10], f"... {len(choices) - 15} more ...", *choices[-5:]]
        lines.append(f"  {' > '.join(choices) if choices else '(no decisions)'}")
    lines.append("")
    width = max((len(labels[d]) for d in sc.dimensions), default=0)
    lines.append("Score bounds (lowest to highest achievable)")
    for d, r in b.total:
        lines.append(f"  {labels[d]:<{width}}  {signed(r.low, '-'):>4} to {signed(r.high, '-'):<4}  total")
    for eb in b.episodes:
        title = sc.episode_by_id[eb.episode].title
        spans = "; ".join(f"{labels[d]} {signed(r.low, '-')} to {signed(r.high, '-')}" for d, r in eb.ranges)
        lines.append(f"  {title}: {spans}")
    lines.append("")
    lines.append("Endings")
    for e in b.endings:
        lines.append(f"  {'reachable  ' if e.reachable else 'UNREACHABLE'}  {e.kind:<7}  {e.node}: {e.title}")
    if overview.warnings:
        lines.append("")
        lines.extend(f"warning: {w}" for w in overview.warnings)
    return lines
