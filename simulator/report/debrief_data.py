"""The debrief as data: what a trainee keeps from a playthrough, versioned, read and written as JSON.

:mod:`simulator.report.debrief` builds a :class:`Debrief` from a scenario and
a record; :mod:`simulator.report.html` renders it, :meth:`Debrief.to_dict` is
the JSON export, and the window's debrief screen reads the same object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simulator.analysis.bounds import Range
from simulator.analysis.divergence import Comparison
from simulator.analysis.paths import ChoiceRef, Pairs
from simulator.report.codec import from_data, to_data
from simulator.report.portfolio import FrameworkEvidence
from simulator.report.timeline import Timeline
from simulator.scenario.model import Support

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
