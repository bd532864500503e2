"""Building stage directions: who is placed where, checked against the cast and the art.

The builder's stage half (see :mod:`simulator.scenario.staging` for what the
directions mean). Each placing is checked here on its own: the person is in
the cast, whoever is drawn has art (or the window will say so with a
placeholder), a pose is one their art has (P904), a person heard by phone is
not also given a pose or a child to hold (S208), nobody holds themselves or
the worker (P905). What depends on the route taken (an exit of someone who is
not there, a speaker with no figure) is checked over the whole story graph by
:mod:`simulator.scenario.stage_checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from simulator.scenario import conditions as cond
from simulator.scenario.ages import age_on
from simulator.scenario.art import ArtCatalog
from simulator.scenario.calendar import Calendar
from simulator.scenario.model import Character, Loc
from simulator.scenario.staging import CHILDREN, MEDIA, NO_DIRECTIONS, Directions, Placing
from simulator.scenario.yamlstrict import Document

#: From this age (in the cast's `age`) nobody is carried in someone's arms: `holding` is for babies and toddlers.
CARRIED_UNDER = 6
_STAGE_KEYS = frozenset({"location", "present", "exit", "enter", "move", "excluded"})  # every key :meth:`StageBuilding.directions` reads


class Place(Protocol):
    """The episode file being built."""

    name: str
    doc: Document
    id: str


class StageBuilding:
    """The stage half of the scenario builder; the builder supplies the names and reporting."""

    characters: dict[str, Character]
    art: ArtCatalog | None
    m: dict[str, Any]
    eps: Mapping[str, Any]
    case_calendar: Calendar | None = None  # the manifest's, once read

    def report(self, code: str, message: str, name: str, doc: Document, path: tuple[Any, ...], suggestion: str | None = None, key: bool = False) -> None:
        raise NotImplementedError

    def at(self, name: str, doc: Document, path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        raise NotImplementedError

    def place(self, doc: Document, container: Any, key: Any, path: tuple[Any, ...], as_key: bool = False) -> tuple[int, int]:
        raise NotImplementedError

    def character(self, cid: str, name: str, doc: Document, path: tuple[Any, ...], stage: bool = False) -> bool:
        raise NotImplementedError

    def location(self, loc: str, name: str, doc: Document, path: tuple[Any, ...]) -> None:
        raise NotImplementedError

    def condition(self, text: str | None, ep: Any, path: tuple[Any, ...]) -> cond.Condition | None:
        raise NotImplementedError

    def drawn(self, cid: str, name: str, doc: Document, path: tuple[Any, ...]) -> None:
        raise NotImplementedError

    # -- directions --------------------------------------------------------------
    def directions(self, d: dict[str, Any], ep: Place, path: tuple[Any, ...]) -> Directions:
        """The stage keys of a node or a line (``location``, ``present``, ``exit``, ``enter``, ``move``)."""
        if _STAGE_KEYS.isdisjoint(d):  # most lines and many nodes: nothing to check, nothing to build
            return NO_DIRECTIONS
        if "location" in d:
            self.location(d["location"], ep.name, ep.doc, (*path, "location"))
        present = self.placings(d["present"], ep, (*path, "present"), "present") if "present" in d else None
        directions = Directions(
            location=d.get("location"),
            present=present,
            exit=self.placings(d.get("exit", ()), ep, (*path, "exit"), "exit"),
            enter=self.placings(d.get("enter", ()), ep, (*path, "enter"), "enter"),
            move=self.placings(d.get("move", ()), ep, (*path, "move"), "move"),
            excluded=self.excluded(d["excluded"], ep, (*path, "excluded")) if "excluded" in d else None,
            excluded_loc=Loc(ep.name, *self.at(ep.name, ep.doc, (*path, "excluded"), key=True)) if "excluded" in d else None,
        )
        return NO_DIRECTIONS if directions.empty else directions  # one object, so the engine can skip it by identity

    def excluded(self, items: Iterable[Any], ep: Place, path: tuple[Any, ...]) -> tuple[str, ...]:
        """Who the words keep out of the scene: character ids, and ``children`` for everyone in the cast under 18."""
        out: list[str] = []
        for i, who in enumerate(items):
            if who == CHILDREN and who not in self.characters:
                young = [c.id for c in self.characters.values() if (age := self.age_in(c, ep)) is not None and age < 18]  # on the episode's date
                if not young:
                    grown = [c.id for c in self.characters.values() if c.age is not None and c.age < 18]
                    why = f"{', '.join(grown)} {'is' if len(grown) == 1 else 'are'} 18 or over by this episode's date" if grown else "no one in the cast has an `age` under 18"
                    self.report("P907", f"`children` in `excluded` names nobody: {why}", ep.name, ep.doc, (*path, i), "give the children in `cast:` their `age` (at the referral), or name them")
                out.extend(c for c in young if c not in out)
            elif self.character(who, ep.name, ep.doc, (*path, i)) and who not in out:
                out.append(who)
        return tuple(out)

    def placings(self, items: Iterable[Any], ep: Place, path: tuple[Any, ...], kind: str) -> tuple[Placing, ...]:
        out: list[Placing] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            placing = self.placing(item, ep, (*path, i), kind, items)
            if placing is None:
                continue
            if placing.who in seen and placing.when is None and out[seen[placing.who]].when is None:
                self.report("G506", f"`{placing.who}` is named twice in this `{kind}` list", ep.name, ep.doc, (*path, i), "name each person once")
                continue
            seen[placing.who] = len(out)
            out.append(placing)
        return tuple(out)

    def placing(self, item: Any, ep: Place, path: tuple[Any, ...], kind: str, items: Any = None) -> Placing | None:
        """One person of a direction (the item at the end of ``path`` in its list ``items``), checked; None when they are not in the cast."""
        name, doc = ep.name, ep.doc
        d: dict[str, Any] = {"who": item} if isinstance(item, str) else item
        where = path if isinstance(item, str) else (*path, "who")
        who = d["who"]
        if not self.character(who, name, doc, where, stage=True):
            return None
        if who == self.m["player"]:
            self.report("P908", f"`{who}` is the player: the trainee is this worker, never drawn or heard, so `{kind}` does nothing for them", name, doc, where, f"leave `{who}` out of `{kind}`")
        by, pose, at, holding = d.get("by"), d.get("pose"), d.get("at"), d.get("holding")
        if by is not None:
            clash = [k for k in ("pose", "at", "holding") if k in d]
            if clash:
                self.report("S208", f"`{who}` is heard ({MEDIA[by]}), not seen, so `{clash[0]}` has nothing to draw", name, doc, (*path, clash[0]), f"remove `{clash[0]}`, or remove `by` to put {who} on stage")
                pose = at = holding = None
        if holding is not None and not self.holdable(who, holding, ep, (*path, "holding")):
            holding = None
        placing = Placing(
            who=who,
            pose=pose,
            at=at,
            by=by,
            holding=holding,
            when=self.condition(d.get("when"), ep, (*path, "when")),
            loc=Loc(name, *(self.place(doc, items, path[-1], path) if d is not item else self.place(doc, d, "who", where))),  # read where it was written, not walked to from the top
        )
        if kind != "exit" and by is None and who != self.m["player"]:
            self.drawn(who, name, doc, where)
            self.check_pose(placing, ep, path)
        return placing

    def age_in(self, character: Character, ep: Place) -> int | None:
        """The character's age on the episode's date (their `age` is at the referral: see ages.py)."""
        cal, day = self.case_calendar, self.eps[ep.id].data.get("day") if ep.id in self.eps else None
        if cal is None or not isinstance(day, int):
            return character.age
        return age_on(character, cal, day)

    def holdable(self, who: str, child: str, ep: Place, path: tuple[Any, ...]) -> bool:
        if not self.character(child, ep.name, ep.doc, path):
            return False
        if child == who:
            self.report("P905", f"`{who}` cannot hold themselves", ep.name, ep.doc, path, "name the child they carry")
            return False
        if child == self.m["player"]:
            self.report("P905", f"`{who}` cannot hold `{child}`: the worker the trainee plays is never drawn", ep.name, ep.doc, path)
            return False
        age = self.age_in(self.characters[child], ep)
        if age is not None and age >= CARRIED_UNDER:
            self.report(
                "P909",
                f"`{who}` holds `{child}` in their arms, but {child} is {age}: `holding` draws a baby or a toddler carried",
                ep.name,
                ep.doc,
                path,
                f"to show them close, place them side by side with `at: left` and `at: centre`, or sit {child} down with `pose: sitting`",
            )
        return True

    def check_pose(self, placing: Placing, ep: Place, path: tuple[Any, ...]) -> None:
        """A pose must be one the person's art has (when they have art this scenario may use)."""
        pose = placing.drawn_pose
        art = self.art
        if pose is None or art is None or not art.usable_character(placing.who, self.m["id"]):
            return
        poses = art.poses.get(placing.who, frozenset())
        if pose in poses:
            return
        field = (*path, "pose") if placing.pose is not None else (*path, "holding")
        what = f"the pose `{pose}`" if placing.pose is not None else f"a picture holding `{placing.holding}` (the pose `{pose}`)"
        hint = f"{placing.who}'s poses: {', '.join(sorted(poses))}" if poses else f"{placing.who}'s art has no poses: leave `pose` out to draw their mood, or add `poses:` to their art (docs/authoring.md, Art)"
        self.report("P904", f"`{placing.who}` has no art for {what}", ep.name, ep.doc, field, hint)
