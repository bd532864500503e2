"""Who is on stage: the authored stage directions applied to a playthrough's state.

A :class:`Stage` is plain frozen data: the location, the people in it (each
with the pose they were given, where they stand and whom they hold) and the
people heard but not seen (on the phone, in a letter). :func:`apply` plays one
set of :class:`~simulator.scenario.staging.Directions` onto it, reading the
state only for the placings' ``when`` conditions. The session keeps the stage
in :class:`~simulator.engine.state.State` and hands hosts a :class:`View` of
it for each line (names filled in, moods resolved), so a host draws what the
words say without knowing the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from simulator.scenario.conditions import Condition
from simulator.scenario.staging import MEDIA, Directions, Placing, drawn_pose


@dataclass(frozen=True, slots=True)
class Standing:
    """Someone in the room: their pose (None: their mood's own picture), where they stand, whom they hold."""

    who: str
    pose: str | None = None
    at: str | None = None
    holding: str | None = None

    @property
    def drawn_pose(self) -> str | None:
        return drawn_pose(self.pose, self.holding)


@dataclass(frozen=True, slots=True)
class Heard:
    """Someone heard, not seen: on the phone, in a letter, out of sight nearby."""

    who: str
    by: str


@dataclass(frozen=True, slots=True)
class Stage:
    """Where a scene is and who is in it, in the order they came on."""

    location: str
    people: tuple[Standing, ...] = ()
    heard: tuple[Heard, ...] = ()

    def has(self, who: str) -> bool:
        """On stage in person, carried by someone, or heard."""
        return self.where(who) is not None

    def where(self, who: str) -> str | None:
        """``"stage"``, ``"held"``, ``"heard"``, or None when they are not in the scene at all."""
        for p in self.people:
            if p.who == who:
                return "stage"
            if p.holding == who:
                return "held"
        if any(h.who == who for h in self.heard):
            return "heard"
        return None

    def in_person(self) -> tuple[str, ...]:
        """Everyone in the room (carried children too), in stage order."""
        out: list[str] = []
        for p in self.people:
            out.append(p.who)
            if p.holding:
                out.append(p.holding)
        return tuple(out)

    def to_dict(self) -> dict[str, object]:
        return {
            "location": self.location,
            "people": [{k: v for k, v in (("who", p.who), ("pose", p.pose), ("at", p.at), ("holding", p.holding)) if v is not None} for p in self.people],
            "heard": [{"who": h.who, "by": h.by} for h in self.heard],
        }


Holds = Callable[[Condition], bool]

#: How many stages one scenario's memo keeps at most (a scenario has far fewer distinct stages; this only bounds a pathological one).
MEMO_LIMIT = 50_000


class StageMemo:
    """The stage a set of unconditional directions makes of a stage, worked out once per scenario.

    Stages are immutable values and a scenario's directions never change, so
    ``apply(stage, directions)`` always gives the same stage: the memo keeps
    it, and a format 2 scene (whose stage carries from node to node) is built
    once rather than at every visit. Only stages the memo handed out are used
    as keys (by identity, which is cheap, and kept alive so an identity stays
    theirs); a stage made under a condition is looked up by value instead, so
    the next directions find it again. Directions whose placings read the
    state are applied afresh each time.
    """

    __slots__ = ("_kept", "_made", "_values")

    def __init__(self) -> None:
        self._kept: dict[int, Stage] = {}  # id -> stage, for every stage handed out
        self._made: dict[tuple[int, int], Stage] = {}  # (id of stage, id of directions) -> the stage they make
        self._values: dict[Stage, Stage] = {}  # each stage handed out, by value

    def keep(self, stage: Stage) -> Stage:
        """The memo's own copy of ``stage`` (equal to it), so directions applied to it are remembered."""
        kept = self._values.get(stage)
        if kept is not None:
            return kept
        if len(self._values) < MEMO_LIMIT:
            self._values[stage] = stage
            self._kept[id(stage)] = stage
        return stage

    def apply(self, stage: Stage, d: Directions, fixed: bool, holds: Holds) -> Stage:
        """:func:`apply`, remembered when ``fixed`` (no placing of ``d`` has a condition)."""
        if not fixed:
            return apply(stage, d, holds)
        known = self._kept.get(id(stage)) is stage
        if known:
            made = self._made.get((id(stage), id(d)))
            if made is not None:
                return made
        made = self.keep(apply(stage, d, holds))
        if known and len(self._made) < MEMO_LIMIT:
            self._made[(id(stage), id(d))] = made
        return made


def opening(location: str, placings: Iterable[Placing], holds: Holds) -> Stage:
    """The stage an episode opens on."""
    return apply(Stage(location), Directions(present=tuple(placings)), holds)


def apply(stage: Stage, d: Directions, holds: Holds) -> Stage:
    """The stage after one set of directions: location, then present, exit, enter, move."""
    if d.empty:
        return stage
    location = d.location or stage.location
    if d.present is None:
        people, heard = list(stage.people), list(stage.heard)
    else:
        people, heard = _present(d.present, holds)
    for p in d.exit:
        if p.when is None or holds(p.when):
            _remove(people, heard, p.who)
    for p in d.enter:
        if p.when is None or holds(p.when):
            _put(people, heard, p)
    for p in d.move:
        if p.when is None or holds(p.when):
            _move(people, heard, p)
    return Stage(location, tuple(people), tuple(heard))


def _present(placings: tuple[Placing, ...], holds: Holds) -> tuple[list[Standing], list[Heard]]:
    """A stage of exactly these people (the common case, so it is built directly: the builder refuses a name twice)."""
    people: list[Standing] = []
    heard: list[Heard] = []
    for p in placings:
        if p.when is not None and not holds(p.when):
            continue
        if p.by is not None:
            heard.append(Heard(p.who, p.by))
        else:
            people.append(Standing(p.who, p.pose, p.at, p.holding))
    if any(p.holding for p in people) or len({p.who for p in people} | {h.who for h in heard}) < len(people) + len(heard):
        # someone carried, or named twice under different conditions: sort it out the slow, careful way
        people, heard = [], []
        for p in placings:
            if p.when is None or holds(p.when):
                _put(people, heard, p)
    return people, heard


def _remove(people: list[Standing], heard: list[Heard], who: str) -> None:
    """Take someone out of the scene wherever they are; whoever they carry goes with them."""
    people[:] = [p if p.holding != who else replace(p, holding=None) for p in people if p.who != who]
    heard[:] = [h for h in heard if h.who != who]


def _put(people: list[Standing], heard: list[Heard], p: Placing) -> None:
    """Bring someone on (or back on, as now described): a person is in one place at a time."""
    if p.by is not None:
        _remove(people, heard, p.who)
        heard.append(Heard(p.who, p.by))
        return
    placed = Standing(p.who, p.pose, p.at, p.holding)
    for i, q in enumerate(people):
        if q.who == p.who:
            people[i] = placed
            break
    else:
        _remove(people, heard, p.who)
        people.append(placed)
    if p.holding:
        _take(people, heard, p.who, p.holding)


def _take(people: list[Standing], heard: list[Heard], holder: str, child: str) -> None:
    """``holder`` picks ``child`` up: out of anyone else's arms, off their own spot, off the line."""
    people[:] = [q if q.who == holder or q.holding != child else replace(q, holding=None) for q in people if q.who != child]
    heard[:] = [h for h in heard if h.who != child]


def _move(people: list[Standing], heard: list[Heard], p: Placing) -> None:
    """Someone on stage changes pose, spot or whom they hold; what the placing leaves out stays as it was."""
    for i, q in enumerate(people):
        if q.who == p.who:
            moved = Standing(q.who, p.pose if p.pose is not None else (None if p.holding else q.pose), p.at or q.at, p.holding or q.holding)
            people[i] = moved
            if p.holding:
                _take(people, heard, q.who, p.holding)
            return


# -- what a host is handed ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """Someone drawn, as a line shows them: name filled in, mood resolved, the picture's pose, spot and child."""

    id: str
    name: str
    mood: str | None = None
    pose: str | None = None
    at: str | None = None
    holding: str | None = None
    holding_name: str | None = None

    def describe(self) -> str:
        """In words, for screen readers and the text of a screenshot: "Fiona, standing, holding Mason, anxious"."""
        parts = [self.name]
        if self.pose and not self.pose.startswith("holding-"):
            parts.append(self.pose.replace("-", " "))
        if self.holding_name:
            parts.append(f"holding {self.holding_name}")
        if self.at == "back":
            parts.append("further back")
        if self.mood:
            parts.append(self.mood)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Voice:
    """Someone heard, not seen, as a line shows them: "DC Walsh, on the speakerphone"."""

    id: str
    name: str
    by: str
    mood: str | None = None

    @property
    def how(self) -> str:
        return MEDIA.get(self.by, self.by)

    def describe(self) -> str:
        return f"{self.name}, {self.how}"


@dataclass(frozen=True, slots=True)
class View:
    """The stage as one line shows it: the place, who is drawn, who is only heard."""

    location: str
    people: tuple[Person, ...] = ()
    heard: tuple[Voice, ...] = ()

    def shows(self, who: str) -> bool:
        """True when ``who`` is drawn (or carried by someone drawn) or marked as heard."""
        return any(p.id == who or p.holding == who for p in self.people) or any(v.id == who for v in self.heard)

    def describe(self, place: str | None = None) -> str:
        """Who is where, in words: "The hall: Fiona, standing, holding Mason, anxious; John, at door, hostile. Heard: DC Walsh, on the phone."."""
        where = f"{place}: " if place else ""
        people = "; ".join(p.describe() for p in self.people) or "nobody else is here"
        heard = f" Heard: {'; '.join(v.describe() for v in self.heard)}." if self.heard else ""
        return f"{where}{people}.{heard}"
