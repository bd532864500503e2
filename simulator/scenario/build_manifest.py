"""Building the scenario manifest's parts: rubric, cast, milestones, the calendar and its scoring rules.

The manifest half of the scenario builder (:mod:`simulator.scenario.build`):
ids declared twice, a player outside the cast, a milestone counting from
nothing, a due rule with both or neither kind of count, a rule scoring a
dimension the rubric lacks, and dates that are not real or out of range each
become a located diagnostic on ``scenario.yaml``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from simulator.scenario.calendar import FIRST_YEAR, LAST_YEAR, Calendar, calendar_of, in_range, parse_date
from simulator.scenario.diagnostics import Diagnostic, Severity, did_you_mean, make
from simulator.scenario.model import REFERRAL, Character, Dimension, Loc, Milestone, Rules
from simulator.scenario.yamlstrict import Document


class ManifestBuilding:
    """The manifest half of the scenario builder; the builder supplies the data and reporting."""

    m: dict[str, Any]
    dimensions: dict[str, Dimension]
    characters: dict[str, Character]
    milestones: dict[str, Milestone]
    mname: str
    mdoc: Document
    case_calendar: Calendar | None = None  # once read: ages grow by it (build_stage)
    diags: list[Diagnostic]

    def mreport(self, code: str, message: str, path: tuple[Any, ...], suggestion: str | None = None) -> None:
        raise NotImplementedError

    def manifest(self) -> None:
        m = self.m
        for i, d in enumerate(m["rubric"]):
            if d["id"] in self.dimensions:
                self.mreport("G506", f"the dimension id `{d['id']}` is used twice", ("rubric", i, "id"))
            self.dimensions[d["id"]] = Dimension(d["id"], d["label"], d["description"])
        for i, c in enumerate(m["cast"]):
            if c["id"] in self.characters:
                self.mreport("G506", f"the character id `{c['id']}` is used twice", ("cast", i, "id"))
            moods = tuple(c.get("moods", ()))
            demeanour = tuple(sorted((s["from"], s["mood"]) for s in c.get("demeanour", ())))
            for j, step in enumerate(c.get("demeanour", ())):
                if moods and step["mood"] not in moods:
                    self.mreport("R407", f"`{c['id']}` has no art for the mood `{step['mood']}`", ("cast", i, "demeanour", j, "mood"), did_you_mean(step["mood"], moods))
            self.characters[c["id"]] = Character(
                id=c["id"],
                name=c["name"],
                short=c.get("short") or short_name(c["name"]),
                role=c["role"],
                trust=c.get("trust"),
                age=c.get("age"),
                description=c.get("description", ""),
                moods=moods,
                demeanour=demeanour,
            )
        if m["player"] not in self.characters:
            self.mreport("R408", f"the player `{m['player']}` is not in the cast", ("player",), did_you_mean(m["player"], self.characters))
        elif self.characters[m["player"]].trust is not None:
            at = next(i for i, c in enumerate(m["cast"]) if c["id"] == m["player"])
            self.mreport("R415", f"the player `{m['player']}` has a starting `trust`, but trust is how the others feel about the worker: the debrief would list the worker's own trust beside theirs", ("cast", at, "trust"), "remove `trust` from the player's line in the cast")
        for i, ms in enumerate(m.get("milestones", ())):
            if ms["id"] in self.milestones:
                self.mreport("G506", f"the milestone id `{ms['id']}` is used twice", ("milestones", i, "id"))
            due = ms.get("due", {})
            self.milestones[ms["id"]] = Milestone(
                id=ms["id"],
                label=ms["label"],
                short=ms.get("short", ms["label"]),
                after=due.get("after"),
                working_days=due.get("working_days"),
                months=due.get("months"),
            )
        for i, ms in enumerate(m.get("milestones", ())):
            after = ms.get("due", {}).get("after")
            if after is not None and after not in self.milestones and after != REFERRAL:
                self.mreport(
                    "R406",
                    f"milestone `{ms['id']}` counts from `{after}`, which is not a milestone (or `referral`, for day 0)",
                    ("milestones", i, "due", "after"),
                    did_you_mean(after, [*self.milestones, REFERRAL]),
                )
            due = ms.get("due")
            if due is not None and ("working_days" in due) == ("months" in due):
                self.mreport("S207", f"the due rule of milestone `{ms['id']}` needs exactly one of `working_days` or `months`", ("milestones", i, "due"))
        self.glossary()
        cal = m["calendar"]
        for key in ("punctuality", "overdue"):
            rule = cal.get(key)
            if rule and rule["dimension"] not in self.dimensions:
                self.mreport("R403", f"the {key} rule scores `{rule['dimension']}`, which is not a rubric dimension", ("calendar", key, "dimension"), did_you_mean(rule["dimension"], self.dimensions))

    def glossary(self) -> None:
        """A word the glossary explains twice: the window can show only one meaning, so say where both are (a warning when they agree)."""
        seen: dict[str, tuple[int, Loc, str]] = {}  # a form as the window matches it -> (entry, where, meaning)
        for i, entry in enumerate(self.m.get("glossary", ())):
            meaning = _same(entry["meaning"], fold=False)
            forms: list[tuple[str, str, tuple[Any, ...]]] = [("term", entry["term"], ("glossary", i, "term"))]
            forms += [("also", word, ("glossary", i, "also", j)) for j, word in enumerate(entry.get("also", ()))]
            for kind, word, path in forms:
                key = _same(word)
                here = Loc(self.mname, *self.mdoc.positions.locate(self.mdoc.data, path))
                first = seen.get(key)
                if first is None:
                    seen[key] = (i, here, meaning)
                    continue
                if first[0] == i:
                    continue  # the entry's own word again (`also: [IDVA]` beside `term: IDVA`): harmless
                what = "the glossary term" if kind == "term" else "the glossary's other form"
                if first[2] == meaning:
                    self.diags.append(make("G506", f"{what} `{word}` is explained twice, with the same meaning: here and at {first[1]}", here.file, (here.line, here.col), "remove one of the two entries", severity=Severity.WARNING))
                else:
                    self.diags.append(make("G506", f"{what} `{word}` is explained twice, with different meanings: here and at {first[1]}; the window would show only one", here.file, (here.line, here.col), "keep one meaning: merge the entries, or use another word for one of them"))

    def calendar(self) -> Calendar | None:
        cal = self.m["calendar"]
        referral = parse_date(cal["referral"])
        if referral is None:
            self.mreport("S207", f"`{cal['referral']}` is not a real date", ("calendar", "referral"), "write a date like \"2026-03-02\"")
            return None
        if not in_range(referral):
            self.mreport("S206", f"the referral date `{cal['referral']}` is out of range: a case starts between the years {FIRST_YEAR} and {LAST_YEAR}", ("calendar", "referral"))
            return None
        holidays = set()
        for i, text in enumerate(cal.get("holidays", ())):
            d = parse_date(text)
            if d is None:
                self.mreport("S207", f"`{text}` is not a real date", ("calendar", "holidays", i))
            elif not in_range(d):
                self.mreport("S206", f"the holiday `{text}` is out of range: dates fall between the years {FIRST_YEAR} and {LAST_YEAR}", ("calendar", "holidays", i))
            else:
                holidays.add(d)
        self.case_calendar = calendar_of(referral, frozenset(holidays), cal.get("weekends", False) is True)  # ages grow by it (build_stage)
        return self.case_calendar

    def rules(self) -> Rules:
        cal = self.m["calendar"]
        p = cal.get("punctuality") or {}
        o = cal.get("overdue") or {}
        return Rules(
            punctuality_dimension=p.get("dimension"),
            grace_minutes=p.get("grace_minutes", 5),
            minutes_per_point=p.get("minutes_per_point", 15),
            max_points=p.get("max_points", 3),
            late_trust=p.get("trust", 0),
            overdue_dimension=o.get("dimension"),
            overdue_points=o.get("points", 2),
        )


# Titles a name may start with: "Mr Lowe" in dialogue, not "Mr" (the held-out trial's head of year spoke as "Mr:").
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "revd", "cllr", "dc", "ds", "di", "dci", "pc", "sgt", "insp", "judge", "nurse", "sister"})


def short_name(name: str) -> str:
    """A cast member's name in dialogue when `short` is not given: the first word, or a title and the surname ("DC Walsh")."""
    words = name.split()
    if len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0]


def _same(text: str, fold: bool = True) -> str:
    """Text as a reader sees it: compatibility forms made plain (full-width ＥＤＴ is EDT, a ligature its letters),
    any run of spaces (a no-break space too) one space, and, for a word the window matches, case folded."""
    text = unicodedata.normalize("NFKC", text)
    if fold:
        text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join(text.split())
