"""The state of a playthrough: plain data, mutated only by the session.

Everything a session needs to continue lives here (position, case clock,
scores, trust, flags, what was seen and chosen, the random generator's
state), and nothing else: the scenario is passed alongside, never stored.
A state is not saved as such: a playthrough is kept as its
:class:`~simulator.engine.save.Save` (seed, name, actions), which replays to
this state exactly; :class:`Step` is what each action left behind, as
records and the store keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from simulator.engine.actions import Action, decode
from simulator.engine.rng import seed_state
from simulator.engine.stage import Stage
from simulator.scenario.model import Scenario

FlagValue = bool | int | str
Start = tuple[int, tuple[str, ...], dict[str, int]]  # what State.fresh may be given: (generator state, dimensions, trust to begin with)


def starting_trust(scenario: Scenario) -> dict[str, int]:
    """The cast's trust as a playthrough starts: everyone whose trust is tracked."""
    return {c.id: c.trust for c in scenario.cast if c.trust is not None}


class StateError(ValueError):
    """A saved playthrough that cannot be restored (wrong version or shape, or another scenario's)."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something the case clock did by itself: lateness scored, a milestone held late."""

    kind: str
    node: str
    text: str
    effects: tuple[tuple[str, int], ...] = ()
    trust: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "node": self.node,
            "text": self.text,
            "effects": dict(self.effects),
            "trust": dict(self.trust),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            kind=d["kind"],
            node=d["node"],
            text=d["text"],
            effects=tuple(d.get("effects", {}).items()),
            trust=tuple(d.get("trust", {}).items()),
        )


class Step(NamedTuple):
    """One action of the host and where it left the case.

    ``choice`` is the action in the record encoding (a choice id, None for
    continue, ``"@skip"`` for a skip; :attr:`action` is the typed action).

    The clock, scores and trust are as they stood after the action and
    whatever it led to; ``events`` are the clock's own changes on the way.
    A named tuple rather than a dataclass: a session makes one per action,
    and a tuple of plain values is cheap to create and is left alone by the
    garbage collector, which matters in long playthroughs.
    """

    node: str
    choice: str | None
    day: int
    minutes: int
    late: int
    scores: tuple[tuple[str, int], ...]
    trust: tuple[tuple[str, int], ...]
    events: tuple[Event, ...] = ()

    @property
    def action(self) -> Action:
        return decode(self.choice)

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "choice": self.choice,
            "day": self.day,
            "minutes": self.minutes,
            "late": self.late,
            "scores": dict(self.scores),
            "trust": dict(self.trust),
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Step:
        return cls(
            node=d["node"],
            choice=d["choice"],
            day=d["day"],
            minutes=d["minutes"],
            late=d["late"],
            scores=tuple(d["scores"].items()),
            trust=tuple(d["trust"].items()),
            events=tuple(Event.from_dict(e) for e in d.get("events", ())),
        )


@dataclass(slots=True)
class State:
    """Where a playthrough stands. Mutated only by :class:`~simulator.engine.session.Session`."""

    scenario: str
    seed: int
    rng: int
    node: str = ""
    episode: str = ""
    day: int = 0
    month: int = 0
    minutes: int = 0
    late: int = 0
    phoned: bool = False
    scores: dict[str, int] = field(default_factory=dict)
    trust: dict[str, int] = field(default_factory=dict)
    flags: dict[str, FlagValue] = field(default_factory=dict)
    chosen: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    held: dict[str, int] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)
    moods: dict[str, str] = field(default_factory=dict)
    last_effects: dict[str, int] = field(default_factory=dict)
    last_path: str = ""
    trail: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    player_name: str | None = None
    skipped: list[str] = field(default_factory=list)
    # Who is on stage: as the current node was entered (before its own directions) and as it ends
    # (after the lines shown), and the moods before its lines; rebuilt by replay like everything else.
    stage_in: Stage | None = None
    stage: Stage | None = None
    moods_in: tuple[tuple[str, str], ...] | None = None  # None: no line of this node changed a mood

    @classmethod
    def fresh(cls, scenario: Scenario, seed: int, player_name: str | None = None, *, start: Start | None = None) -> State:
        """Where a new playthrough of ``scenario`` stands before its first node: every score 0, trust as the cast starts.

        ``start`` is what a caller that makes many (the spread's player) has already worked out: the generator's state for
        ``seed``, the scenario's dimensions and the cast's trust to begin with (copied here).
        """
        if start is None:
            return cls(
                scenario=scenario.id,
                seed=seed,
                rng=seed_state(seed),
                scores=dict.fromkeys(scenario.dimensions, 0),
                trust=starting_trust(scenario),
                player_name=player_name,
            )
        state, dimensions, trust = start
        return cls(scenario=scenario.id, seed=seed, rng=state, scores=dict.fromkeys(dimensions, 0), trust=dict(trust), player_name=player_name)

    def copy(self) -> State:
        """An independent copy (the steps themselves are immutable and shared)."""
        return State(
            scenario=self.scenario,
            seed=self.seed,
            rng=self.rng,
            node=self.node,
            episode=self.episode,
            day=self.day,
            month=self.month,
            minutes=self.minutes,
            late=self.late,
            phoned=self.phoned,
            scores=dict(self.scores),
            trust=dict(self.trust),
            flags=dict(self.flags),
            chosen=set(self.chosen),
            seen=set(self.seen),
            held=dict(self.held),
            overdue=dict(self.overdue),
            moods=dict(self.moods),
            last_effects=dict(self.last_effects),
            last_path=self.last_path,
            trail=list(self.trail),
            steps=list(self.steps),
            player_name=self.player_name,
            skipped=list(self.skipped),
            stage_in=self.stage_in,
            stage=self.stage,
            moods_in=self.moods_in,
        )

    def to_dict(self) -> dict[str, Any]:
        """Where the playthrough stands as plain JSON-ready data, to compare or inspect (it is restored from its save, not from this)."""
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "rng": self.rng,
            "node": self.node,
            "episode": self.episode,
            "day": self.day,
            "month": self.month,
            "minutes": self.minutes,
            "late": self.late,
            "phoned": self.phoned,
            "scores": dict(self.scores),
            "trust": dict(self.trust),
            "flags": dict(self.flags),
            "chosen": sorted(self.chosen),
            "seen": sorted(self.seen),
            "held": dict(self.held),
            "overdue": dict(self.overdue),
            "moods": dict(self.moods),
            "last_effects": dict(self.last_effects),
            "last_path": self.last_path,
            "trail": list(self.trail),
            "steps": [s.to_dict() for s in self.steps],
            "player_name": self.player_name,
            "skipped": list(self.skipped),
            "stage": self.stage.to_dict() if self.stage is not None else None,
        }
