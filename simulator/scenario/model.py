"""The scenario model: frozen, checked, ready to play.

Everything here is built by :mod:`simulator.scenario.build` from YAML that
has passed the schema and reference checks, so the engine can trust it:
every ``next`` is a qualified node id that exists, every condition is
compiled, every id named is declared. Node ids are qualified as
``episode.node``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from pathlib import Path
from typing import Literal

from simulator.quickdata import dataclass
from simulator.scenario.calendar import Calendar, Scale
from simulator.scenario.conditions import Condition
from simulator.scenario.staging import NO_DIRECTIONS, Directions, Placing
from simulator.wording import in_sentence

FORMAT_VERSION = 2  # what new files are written in; 1 is still read (its episodes start each node from the episode's stage)
FORMATS = (1, 2)

PathTag = Literal["enabler", "barrier", "other"]
EndingKind = Literal["enabler", "mixed", "barrier"]
PATH_TAGS: tuple[PathTag, ...] = ("enabler", "barrier", "other")
ENDING_KINDS: tuple[EndingKind, ...] = ("enabler", "mixed", "barrier")
FlagValue = bool | int | str


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something was written: file and 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class Dimension:
    """A scored dimension of the rubric (tone, timeliness, honesty...)."""

    id: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class Character:
    """A member of the cast; ``trust`` is None when trust is not tracked."""

    id: str
    name: str
    short: str
    role: str
    trust: int | None = None
    age: int | None = None
    description: str = ""
    moods: tuple[str, ...] = ()
    demeanour: tuple[tuple[int, str], ...] = ()

    def mood_for_trust(self, trust: int) -> str | None:
        """The mood the character shows at this trust when no line sets one."""
        mood = None
        for threshold, name in self.demeanour:
            if trust >= threshold:
                mood = name
        return mood


#: What a due rule may count from besides a milestone: the referral itself (day 0), for "within 10 working days of the referral".
REFERRAL = "referral"


@dataclass(frozen=True, slots=True)
class Milestone:
    """A statutory step, e.g. the initial conference within 15 working days."""

    id: str
    label: str
    short: str
    after: str | None = None
    working_days: int | None = None
    months: int | None = None

    @property
    def rule(self) -> str:
        """The timescale in words, naming the earlier milestone by id: "within 15 working days of strategy"."""
        return self.rule_after(self.after or "")

    def base_day(self, held: Mapping[str, int], milestones: Mapping[str, object]) -> int | None:
        """The day the due rule counts from: when the earlier milestone was held, day 0 for the referral, None if not yet."""
        if self.after is None:
            return None
        if self.after in held:
            return held[self.after]
        if self.after == REFERRAL and REFERRAL not in milestones:
            return 0
        return None

    def rule_after(self, name: str) -> str:
        """The timescale in words with ``name`` for the milestone it counts from."""
        if self.after is None:
            return ""
        if self.working_days is not None:
            return f"within {self.working_days} working day{'s' if self.working_days != 1 else ''} of the {name}"
        if self.months is not None:
            return f"within {self.months} month{'s' if self.months != 1 else ''} of the {name}"
        return ""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a scene; ``speaker`` None means narration. ``stage`` changes the stage as the line is shown."""

    text: str
    speaker: str | None = None
    mood: str | None = None
    cue: str | None = None
    when: Condition | None = None
    stage: Directions = NO_DIRECTIONS
    loc: Loc | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the worker can say or do, and what it changes."""

    id: str
    node: str
    text: str
    path: PathTag
    next: str
    effects: tuple[tuple[str, int], ...] = ()
    trust: tuple[tuple[str, int], ...] = ()
    flags: tuple[tuple[str, FlagValue], ...] = ()
    minutes: int = 0
    days: int = 0
    phones_ahead: bool = False
    feedback: str = ""
    principles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    when: Condition | None = None
    order: int = 0
    loc: Loc | None = field(default=None, compare=False)
    otherwise: bool = False
    safety: str = ""  # a safety error: what it put at risk, in one sentence; "" when it is not one

    @property
    def scored(self) -> bool:
        return any(v for _, v in self.effects)

    def effect(self, dimension: str) -> int:
        return sum(v for d, v in self.effects if d == dimension)


@dataclass(frozen=True, slots=True)
class Route:
    """One option of a route: taken when ``when`` holds (and ``chance`` falls)."""

    next: str
    when: Condition | None = None
    chance: float | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    """How the case ends."""

    kind: EndingKind
    title: str
    text: str
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    """A moment in an episode, with exactly one kind of way out.

    ``stage`` is the node's stage directions (applied on entering it);
    ``location`` and ``present`` repeat what they name, as written (ids only).
    """

    id: str
    episode: str
    narration: str = ""
    lines: tuple[Line, ...] = ()
    location: str | None = None
    present: tuple[str, ...] | None = None
    moods: tuple[tuple[str, str], ...] = ()
    arrive: bool = False
    flags: tuple[tuple[str, FlagValue], ...] = ()
    effects: tuple[tuple[str, int], ...] = ()
    trust: tuple[tuple[str, int], ...] = ()
    minutes: int = 0
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    route: tuple[Route, ...] = ()
    ending: Ending | None = None
    keep_order: bool = False
    loc: Loc | None = field(default=None, compare=False)
    stage: Directions = NO_DIRECTIONS

    @property
    def local_id(self) -> str:
        return self.id.partition(".")[2]

    @property
    def has_content(self) -> bool:
        return bool(self.narration or self.lines)

    @property
    def is_decision(self) -> bool:
        return bool(self.choices)

    def successors(self) -> tuple[str, ...]:
        """Every node this one can lead to, whatever the state."""
        if not self.choices and not self.route:  # most nodes: one `next`, or an ending
            return () if self.next is None else (self.next,)
        out: list[str] = [c.next for c in self.choices]
        out.extend(r.next for r in self.route)
        if self.next is not None:
            out.append(self.next)
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Episode:
    """A dated visit or meeting on the case calendar.

    It opens at ``location`` with ``opening`` on stage (``present`` is their
    ids). ``format`` 2 carries the stage on from node to node; in a format 1
    episode every node starts from this opening stage.
    """

    id: str
    title: str
    day: int
    time: int
    location: str
    start: str
    nodes: tuple[str, ...]
    appointment: int | None = None
    milestone: str | None = None
    transition: str = ""
    summary: str = ""
    present: tuple[str, ...] = ()
    moods: tuple[tuple[str, str], ...] = ()
    notice: tuple[str, ...] = ()
    loc: Loc | None = field(default=None, compare=False)
    opening: tuple[Placing, ...] = ()
    format: int = FORMAT_VERSION

    @property
    def carries_stage(self) -> bool:
        """True when the stage lasts from node to node (format 2), False when each node starts afresh (format 1)."""
        return self.format >= 2


@dataclass(frozen=True, slots=True)
class Support:
    name: str
    detail: str


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry: a word a trainee may not know, its plain meaning, and the other ways the case writes it."""

    term: str
    meaning: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rules:
    """How the case clock scores timeliness automatically."""

    punctuality_dimension: str | None = None
    grace_minutes: int = 5
    minutes_per_point: int = 15
    max_points: int = 3
    late_trust: int = 0
    overdue_dimension: str | None = None
    overdue_points: int = 2


@dataclass(frozen=True, eq=False)
class Scenario:
    """A whole checked scenario, ready for a session."""

    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    estimated_minutes: int
    learning_objectives: tuple[str, ...]
    content_notes: tuple[str, ...]
    prebrief: str
    fiction_contract: str
    safety: str
    closing: str
    support: tuple[Support, ...]
    player: str
    rubric: tuple[Dimension, ...]
    cast: tuple[Character, ...]
    calendar: Calendar
    rules: Rules
    milestones: tuple[Milestone, ...]
    episodes: tuple[Episode, ...]
    nodes: Mapping[str, Node]
    start: str
    evidence: Evidence
    folder: Path | None = None
    format: int = FORMAT_VERSION
    scale: Scale = "months"
    glossary: tuple[Term, ...] = ()
    characters: Mapping[str, Character] = field(default_factory=dict)
    episode_by_id: Mapping[str, Episode] = field(default_factory=dict)
    choice_by_id: Mapping[str, Choice] = field(default_factory=dict)
    milestone_by_id: Mapping[str, Milestone] = field(default_factory=dict)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.rubric)

    @property
    def trusting(self) -> tuple[str, ...]:
        """Characters whose trust is tracked, in cast order."""
        return tuple(c.id for c in self.cast if c.trust is not None)

    def episode_of(self, node_id: str) -> Episode:
        return self.episode_by_id[self.nodes[node_id].episode]

    def rule_of(self, milestone_id: str) -> str:
        """A milestone's timescale naming the earlier milestone by its short label."""
        ms = self.milestone_by_id[milestone_id]
        after = self.milestone_by_id.get(ms.after or "")
        return ms.rule_after(in_sentence(after.short) if after else (ms.after or ""))  # mid-sentence: "of the first visit"

    @property
    def unit(self) -> str:
        """"week" or "month": the case's unit of time, in words."""
        return self.scale[:-1]

    @property
    def last_day(self) -> int:
        return max(ep.day for ep in self.episodes)

    def periods(self) -> int:
        """The week or month (by the case's scale) of its last episode: 11 for an eleven-month case, 5 for six weeks."""
        return self.calendar.period_of(self.last_day, self.scale)

    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.ending is not None]


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    kind: str
    title: str
    authors: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    evidence: str = ""
    notes: str = ""

    def citation(self) -> str:
        """A short citation: "Ferguson et al. (2020), Title, Publisher"."""
        who = self.authors or self.publisher
        parts = [f"{who} ({self.date})" if self.date else who, self.title]
        if self.authors and self.publisher:
            parts.append(self.publisher)
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    title: str
    summary: str
    sources: tuple[str, ...]
    tags: tuple[str, ...] = ()
    dimension: str | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    label: str
    framework: str
    description: str = ""
    verified: bool = True  # false: its number and wording were not checked against the framework itself


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    title: str
    publisher: str = ""
    version: str = ""
    url: str = ""
    valid_until: str | None = None
    replaced_by: str = ""
    note: str = ""


@dataclass(frozen=True, eq=False)
class Evidence:
    """The evidence base (seeds/ and any later layers): sources, principles and framework tags.

    ``folder`` is the first layer (usually the shared seeds/); ``folders`` all of them, in order.
    """

    sources: Mapping[str, Source] = field(default_factory=dict)
    principles: Mapping[str, Principle] = field(default_factory=dict)
    frameworks: Mapping[str, Framework] = field(default_factory=dict)
    tags: Mapping[str, Tag] = field(default_factory=dict)
    folder: Path | None = None
    folders: tuple[Path, ...] = ()
