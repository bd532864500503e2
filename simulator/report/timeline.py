"""The data behind the compare timeline: the case's own weeks or months along the bottom, three tracks per quantity.

Shared by the HTML report's inline SVG and the window's compare screen, so
both draw the same thing. Positions are in the case's unit since the
referral (:attr:`Scenario.scale`: weeks for a six-week case, months for an
eleven-month one; ``2.5`` is halfway through week or month 2), worked out
from the case calendar, so a visit postponed by a week moves to the right.
The axis runs from 0 to the last episode's week or month, whatever that is.
Each track (barrier, enabler, you) has a point after every episode it
played, at the day that path held it; every dimension and every tracked
person's trust is a series.

A case that fits inside its first week or month (a short worked example)
would be one crowded column, so for such a case ``axis`` is "episodes" and
hosts place points by ``slot``, the episode's place in the calendar; every
mark and point carries both.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from simulator.analysis.divergence import Comparison
from simulator.analysis.paths import Trace, series_keys
from simulator.engine.clock import months_total
from simulator.engine.clock import period_number as period_number  # the axis numbers its weeks or months as the clock does
from simulator.engine.session import due_day
from simulator.scenario.model import Scenario

TRACK_ORDER = ("barrier", "enabler", "you")
Axis = Literal["months", "weeks", "episodes"]


@dataclass(frozen=True, slots=True)
class Mark:
    """An episode on the axis, where it is scheduled."""

    id: str
    label: str
    day: int
    position: float
    slot: int


@dataclass(frozen=True, slots=True)
class MilestoneMark:
    """A statutory milestone: where it was held on the trainee's path (or is scheduled) and when it was due."""

    id: str
    label: str
    short: str
    day: int
    position: float
    slot: int
    held: bool
    due_day: int | None
    due_position: float | None
    overdue: int


@dataclass(frozen=True, slots=True)
class Point:
    """A track's value after one episode."""

    episode: str
    day: int
    position: float
    slot: int
    value: int


@dataclass(frozen=True, slots=True)
class Track:
    """One path's values over the case: its start and its value after each episode."""

    path: str
    start: int
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One quantity (a dimension or someone's trust) with its three tracks and a shared scale."""

    id: str
    kind: str
    label: str
    low: int
    high: int
    tracks: tuple[Track, ...]

    def track(self, path: str) -> Track | None:
        for t in self.tracks:
            if t.path == path:
                return t
        return None


@dataclass(frozen=True, slots=True)
class Highlight:
    """The first point where the trainee parted from a canonical path."""

    path: str
    index: int
    node: str
    episode: str
    day: int
    position: float
    slot: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the timeline draws.

    ``span`` is the last week or month on the axis (``unit``); ``months`` is
    the same number on a month axis (kept for hosts that read it) and the
    case's last month otherwise.
    """

    months: int
    axis: Axis
    episodes: tuple[Mark, ...]
    milestones: tuple[MilestoneMark, ...]
    series: tuple[Series, ...]
    partings: tuple[Highlight, ...]
    unit: str = "month"
    span: int = 0


def axis_title(unit: str) -> str:
    """The words under a timeline's weeks or months (numbered from 1, as the clock counts them)."""
    return f"{unit.capitalize()} of the case (the referral is in {unit} 1)"


def month_position(scenario: Scenario, day: int) -> float:
    """Working day ``day`` in the case's own unit since the referral (weeks or months), with the fraction."""
    return scenario.calendar.position(day, scenario.scale)


def _milestones(scenario: Scenario, yours: Trace | None, slots: dict[str, int]) -> tuple[MilestoneMark, ...]:
    held: dict[str, tuple[int, str]] = {}
    if yours is not None:
        for snap in yours.episodes:
            held_here = scenario.episode_by_id[snap.episode].milestone
            if held_here:
                held[held_here] = (snap.day, snap.episode)
    scheduled: dict[str, tuple[int, str]] = {}
    for ep in scenario.episodes:
        if ep.milestone and ep.milestone not in scheduled:
            scheduled[ep.milestone] = (ep.day, ep.id)
    # Due dates count from when the earlier milestone was held on this path, else as scheduled.
    basis = {k: v[0] for k, v in {**scheduled, **held}.items()}
    out: list[MilestoneMark] = []
    for ms in scenario.milestones:
        where = held.get(ms.id, scheduled.get(ms.id))
        if where is None:
            continue
        day, episode = where
        due = due_day(scenario, basis, ms.id)
        out.append(
            MilestoneMark(
                id=ms.id,
                label=ms.label,
                short=ms.short,
                day=day,
                position=month_position(scenario, day),
                slot=slots[episode],
                held=ms.id in held,
                due_day=due,
                due_position=month_position(scenario, due) if due is not None else None,
                overdue=max(0, day - due) if due is not None else 0,
            )
        )
    return tuple(out)


def _scale(kind: str, values: list[int]) -> tuple[int, int]:
    """A shared scale for a series, fitted to its tracks so their differences show.

    Scores always include 0; trust is padded to tens and kept within 0-100.
    (The score section shows each dimension's achievable range; the timeline
    is about how the paths move apart.)
    """
    if kind == "score":
        low, high = min([*values, 0]), max([*values, 0])
        pad = max(1, (high - low) // 10)
        return low - pad, high + pad
    low = max(0, (min(values) - 5) // 10 * 10)
    high = min(100, -(-(max(values) + 5) // 10) * 10)
    return low, max(high, low + 10)


def build_timeline(scenario: Scenario, traces: Mapping[str, Trace], comparison: Comparison | None = None) -> Timeline:
    """The timeline for traces keyed by path ("barrier", "enabler", "you"; any present)."""
    slots = {ep.id: i for i, ep in enumerate(scenario.episodes)}
    ordered = [traces[p] for p in TRACK_ORDER if p in traces] + [t for p, t in traces.items() if p not in TRACK_ORDER]
    series: list[Series] = []
    for kind, key, label in series_keys(scenario):
        tracks: list[Track] = []
        values: list[int] = []
        for trace in ordered:
            points = tuple(
                Point(snap.episode, snap.day, month_position(scenario, snap.day), slots[snap.episode], snap.end.value(kind, key))
                for snap in trace.episodes
            )
            start = trace.start.value(kind, key)
            tracks.append(Track(trace.label, start, points))
            values.append(start)
            values.extend(p.value for p in points)
        low, high = _scale(kind, values or [0])
        series.append(Series(key, kind, label, low, high, tuple(tracks)))
    partings: list[Highlight] = []
    yours = traces.get("you")
    if comparison is not None and yours is not None:
        # Numbered in the order they happened, so "1" is always the first place you parted from a path.
        for parting in sorted(comparison.partings, key=lambda p: (p.index, p.path)):
            # The day the decision was taken: the episode's day on the trainee's path.
            snap = yours.episode(parting.episode)
            day = snap.day if snap is not None else 0
            partings.append(
                Highlight(parting.path, parting.index, parting.node, parting.episode, day, month_position(scenario, day), slots[parting.episode])
            )
    milestones = _milestones(scenario, yours, slots)
    # The axis has a column for each week or month, 0 to span: to the case's last authored one, or further
    # when a path ran later (a postponed visit), so that no point is drawn squeezed against the edge.
    furthest = max(
        [p.position for s in series for t in s.tracks for p in t.points]
        + [m.position for m in milestones]
        + [m.due_position for m in milestones if m.overdue and m.due_position is not None],
        default=0.0,
    )
    span = max(1, scenario.periods(), math.floor(furthest))
    within_first = scenario.periods() < 1 and math.floor(furthest) < 1  # a postponed visit can carry a one-week case into week 2
    return Timeline(
        months=span if scenario.scale == "months" else months_total(scenario),
        axis="episodes" if within_first else scenario.scale,
        episodes=tuple(Mark(ep.id, ep.title, ep.day, month_position(scenario, ep.day), slots[ep.id]) for ep in scenario.episodes),
        milestones=milestones,
        series=tuple(series),
        partings=tuple(partings),
        unit=scenario.unit,
        span=span,
    )
