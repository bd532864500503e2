"""From schema-checked YAML data to the scenario model, checking every reference.

The schema has already checked the shape of each file; this module checks
what a schema cannot: that ids named in one place are declared in another,
that conditions read and name real things, that a node has one way out, and
that scored choices cite the evidence base. Each problem becomes a located
diagnostic with a suggestion where one exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simulator.quickdata import dataclass
from simulator.scenario.art import ArtCatalog
from simulator.scenario.build_conditions import ConditionChecks
from simulator.scenario.build_manifest import ManifestBuilding
from simulator.scenario.build_refs import References
from simulator.scenario.build_stage import StageBuilding
from simulator.scenario.cache_build import Reuse
from simulator.scenario.calendar import minutes_of, scale_for
from simulator.scenario.diagnostics import Diagnostic, did_you_mean, make, suggest_tag
from simulator.scenario.model import (
    Character,
    Choice,
    Dimension,
    Ending,
    Episode,
    Evidence,
    Line,
    Loc,
    Milestone,
    Node,
    Route,
    Scenario,
    Support,
    Term,
)
from simulator.scenario.yamlstrict import Document

# Words YAML 1.1 (and many editors' habits) read as true or false, which Doorstep reads as text.

@dataclass
class _Ep:
    """An episode file while it is being built."""

    name: str
    doc: Document
    data: dict[str, Any]
    id: str
    start: str = ""


class _Builder(References, ManifestBuilding, ConditionChecks, StageBuilding):
    def __init__(self, manifest_name: str, manifest: Document, episodes: list[tuple[str, Document]], evidence: Evidence, art: ArtCatalog | None) -> None:
        self.mname = manifest_name
        self.mdoc = manifest
        self.m: dict[str, Any] = manifest.data
        self.episode_docs = episodes
        self.evidence = evidence
        self.art = art
        self.diags: list[Diagnostic] = []
        self.dimensions: dict[str, Dimension] = {}
        self.characters: dict[str, Character] = {}
        self.milestones: dict[str, Milestone] = {}
        self.eps: dict[str, _Ep] = {}
        self.local_nodes: dict[str, list[str]] = {}
        self.choice_ids: dict[str, tuple[_Ep, dict[str, Any], tuple[Any, ...]]] = {}  # each choice id's first use
        self.flag_kinds: dict[str, set[str]] = {}
        self.flag_values: dict[str, list[Any]] = {}

    # -- helpers ---------------------------------------------------------
    def at(self, name: str, doc: Document, path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        return doc.positions.locate(doc.data, path, prefer_key=key)

    def place(self, doc: Document, container: Any, key: Any, path: tuple[Any, ...], as_key: bool = False) -> tuple[int, int]:
        """Where ``container[key]`` was written (its key when ``as_key``): what :meth:`at` finds for ``path``, read directly (this runs for every line, choice and node)."""
        found = doc.positions.key(container, key) if as_key else doc.positions.value(container, key)
        return found or doc.positions.locate(doc.data, path, prefer_key=as_key)

    def report(self, code: str, message: str, name: str, doc: Document, path: tuple[Any, ...], suggestion: str | None = None, key: bool = False) -> None:
        self.diags.append(make(code, message, name, self.at(name, doc, path, key), suggestion))

    def mreport(self, code: str, message: str, path: tuple[Any, ...], suggestion: str | None = None) -> None:
        self.report(code, message, self.mname, self.mdoc, path, suggestion)

    # -- episodes: first pass collects ids --------------------------------
    def collect(self) -> None:
        listed = self.m["episodes"]
        for name, doc in self.episode_docs:
            data = doc.data["episode"]
            eid = data["id"]
            if eid in self.eps:
                first = self.eps[eid]
                self.report("F306", f"the episode `{eid}` is defined twice: here and in {first.name}", name, doc, ("episode", "id"))
                continue
            if eid not in listed:
                self.report("F305", f"the episode `{eid}` is not in the calendar (`episodes:` in {self.mname}), so it can never be played", name, doc, ("episode", "id"))
            self.eps[eid] = _Ep(name, doc, data, eid)
            self.local_nodes[eid] = list(data["nodes"])
        unlisted = [e for e in self.eps if e not in listed]  # a listed episode is this one misspelt only if very close
        missing = [(i, eid) for i, eid in enumerate(listed) if eid not in self.eps]
        if not self.eps and len(missing) > 1:  # not one episode file (a folder not copied): one line, not one per episode
            self.mreport("F304", f"the calendar lists {len(missing)} episodes, but the scenario has no episode file: each is a .yaml file beside scenario.yaml or in a folder below it, such as `episodes/{missing[0][1]}.yaml`", ("episodes",))
            missing = []
        for i, eid in missing:
            self.mreport("F304", f"the calendar lists `{eid}`, but no episode file defines it", ("episodes", i), did_you_mean(eid, unlisted) or did_you_mean(eid, self.eps, 0.8))
        for eid, ep in self.eps.items():
            start = ep.data.get("start")
            nodes = self.local_nodes[eid]
            if start is not None and start not in nodes:
                self.report("R401", f"the episode starts at `{start}`, which is not a node of this episode", ep.name, ep.doc, ("episode", "start"), did_you_mean(start, nodes))
                start = None
            ep.start = f"{eid}.{start or nodes[0]}"
            for local in nodes:
                if local in self.eps:
                    self.report("G505", f"the node id `{local}` is also the id of an episode; rename the node so `next: {local}` is not ambiguous", ep.name, ep.doc, ("episode", "nodes", local), key=True)
            for local, node in ep.data["nodes"].items():
                for ci, ch in enumerate(node.get("choices", ())):
                    here = (ep, ch, ("episode", "nodes", local, "choices", ci, "id"))  # placed only when a message needs it
                    earlier = self.choice_ids.setdefault(ch["id"], here)
                    if earlier is not here:
                        loc, first_loc = self.choice_loc(*here), self.choice_loc(*earlier)
                        self.diags.append(make("G506", f"the choice id `{ch['id']}` is used twice (first at {first_loc})", loc.file, (loc.line, loc.col), "choice ids must be unique in the scenario"))
                    for flag, value in ch.get("flags", {}).items():
                        self.note_flag(flag, value, ep, ("episode", "nodes", local, "choices", ci, "flags", flag))
                for flag, value in node.get("flags", {}).items():
                    self.note_flag(flag, value, ep, ("episode", "nodes", local, "flags", flag))

    def choice_loc(self, ep: _Ep, choice: dict[str, Any], path: tuple[Any, ...]) -> Loc:
        return Loc(ep.name, *self.place(ep.doc, choice, "id", path))

    def note_flag(self, flag: str, value: Any, ep: _Ep, path: tuple[Any, ...]) -> None:
        """A value some choice or node sets a flag to: conditions are checked against these."""
        if isinstance(value, str):  # `no` is text, and any text is set; `flag.x + 1` is text too, never a count
            from simulator.scenario.valuehints import flag_text  # here: most flags are true or false
            if (problem := flag_text(flag, value)) is not None:
                self.report(problem[0], problem[1], ep.name, ep.doc, path, problem[2])
        self.flag_kinds.setdefault(flag, set()).add(_kind_of(value))
        self.flag_values.setdefault(flag, []).append(value)

    def resolve_node(self, ref: str, eid: str) -> str | None:
        """A qualified node id for ``ref`` seen from episode ``eid``, or None."""
        if "." in ref:
            ep, _, local = ref.partition(".")
            return ref if local in (self.eps[ep].data["nodes"] if ep in self.eps else ()) else None  # a dict: found at once (a list was searched per reference, 50,000 times on a big case)
        if ref in (self.eps[eid].data["nodes"] if eid in self.eps else ()):
            return f"{eid}.{ref}"
        if ref in self.eps:
            return self.eps[ref].start
        return None

    def node_options(self, eid: str) -> list[str]:
        return [*self.local_nodes.get(eid, ()), *self.eps, *(f"{e}.{n}" for e, ns in self.local_nodes.items() for n in ns)]

    # -- episodes: second pass builds nodes --------------------------------
    def episode(self, ep: _Ep) -> tuple[Episode, list[Node]]:
        d = ep.data
        name, doc = ep.name, ep.doc
        base: tuple[Any, ...] = ("episode",)
        if d.get("milestone") is not None and d["milestone"] not in self.milestones:
            self.report("R406", f"`{d['milestone']}` is not a milestone declared in scenario.yaml", name, doc, (*base, "milestone"), did_you_mean(d["milestone"], self.milestones))
        self.location(d["location"], name, doc, (*base, "location"))
        opening = self.placings(d.get("present", ()), ep, (*base, "present"), "present")
        self.moods_in(d.get("moods", {}), name, doc, (*base, "moods"))
        nodes = [self.node(ep, local, data) for local, data in d["nodes"].items()]
        episode = Episode(
            id=ep.id,
            title=d["title"],
            day=d["day"],
            time=minutes_of(d["time"]),
            location=d["location"],
            start=ep.start,
            nodes=tuple(n.id for n in nodes),
            appointment=minutes_of(d["appointment"]) if "appointment" in d else None,
            milestone=d.get("milestone"),
            transition=d.get("transition", ""),
            summary=d.get("summary", ""),
            present=tuple(p.who for p in opening),
            moods=tuple(d.get("moods", {}).items()),
            notice=tuple(d.get("notice", ())),
            loc=Loc(name, *self.place(doc, d, "id", (*base, "id"))),
            opening=opening,
            format=doc.data["format"],
        )
        return episode, nodes

    def node(self, ep: _Ep, local: str, d: dict[str, Any]) -> Node:
        name, doc, eid = ep.name, ep.doc, ep.id
        base: tuple[Any, ...] = ("episode", "nodes", local)
        qid = f"{eid}.{local}"
        exits: list[str] = [k for k in ("choices", "route", "ending") if k in d]
        if "next" in d and "choices" not in d:
            exits.append("next")
        if len(exits) > 1:
            self.report("G508", f"node `{local}` has {' and '.join(f'`{e}`' for e in exits)}; a node has one way out", name, doc, base, key=True)
        elif not exits:
            self.report("G502", f"node `{local}` has no way forward: give it `choices`, `next`, `route` or `ending`", name, doc, base, key=True)
        stage = self.directions(d, ep, base)
        self.moods_in(d.get("moods", {}), name, doc, (*base, "moods"))
        self.check_text(d.get("narration"), name, doc, (*base, "narration"))
        lines = tuple(self.line(ep, item, (*base, "lines", i)) for i, item in enumerate(d.get("lines", ())))
        default_next = self.next_ref(d["next"], ep, (*base, "next")) if "next" in d else None
        choices = tuple(self.choice(ep, qid, c, (*base, "choices", i), default_next, "next" in d, i) for i, c in enumerate(d.get("choices", ())))
        if choices:
            self.check_offers(ep, local, choices, base)
        if choices and not any(c.path == "enabler" for c in choices):
            self.report("Q703", f"the decision at `{local}` offers no enabler option, so the canonical enabler path takes another", name, doc, base, key=True)
        routes = self.routes(ep, d.get("route", ()), (*base, "route"))
        ending = None
        if "ending" in d:
            e = d["ending"]
            ending = Ending(kind=e["kind"], title=e["title"], text=e["text"], outcome=e.get("outcome", ""))
            self.check_text(e["text"], name, doc, (*base, "ending", "text"))
        self.effects(d.get("effects", {}), d.get("trust", {}), name, doc, base)
        return Node(
            id=qid,
            episode=eid,
            narration=d.get("narration", ""),
            lines=lines,
            location=d.get("location"),
            present=tuple(p.who for p in stage.present) if stage.present is not None else None,
            moods=tuple(d.get("moods", {}).items()),
            arrive=d.get("arrive", False),
            flags=tuple(d.get("flags", {}).items()),
            effects=tuple(d.get("effects", {}).items()),
            trust=tuple(d.get("trust", {}).items()),
            minutes=d.get("minutes", 0),
            choices=choices,
            next=default_next if not choices else None,
            route=routes,
            ending=ending,
            keep_order=d.get("keep_order", False),
            loc=Loc(name, *self.place(doc, ep.data["nodes"], local, base, as_key=True)),
            stage=stage,
        )

    def next_ref(self, ref: str, ep: _Ep, path: tuple[Any, ...]) -> str:
        target = self.resolve_node(ref, ep.id)
        if target is None:
            if not self.listed_but_missing(ref):  # a missing episode file is F304's, said once
                self.report("R401", f"`{ref}` is not a node of this episode, an episode, or `episode.node`", ep.name, ep.doc, path, did_you_mean(ref, self.node_options(ep.id)))
            return ref
        if (episode := target.partition(".")[0]) not in (listed := self.m["episodes"]) and ep.id in listed:  # left out (F305): never played
            self.report("R401", f"`{ref}` is {'' if ref == episode else f'in `{episode}`, '}an episode not in the calendar (`episodes:` in {self.mname})", ep.name, ep.doc, path, f"add `{episode}` to `episodes:`, in the order its day comes")
        return target

    def line(self, ep: _Ep, d: dict[str, Any], path: tuple[Any, ...]) -> Line:
        speaker = d.get("speaker")
        if speaker is not None:
            self.character(speaker, ep.name, ep.doc, (*path, "speaker"))
            if "mood" in d:
                self.mood(speaker, d["mood"], ep.name, ep.doc, (*path, "mood"))
        self.check_text(d["text"], ep.name, ep.doc, (*path, "text"))
        return Line(
            text=d["text"],
            speaker=speaker,
            mood=d.get("mood"),
            cue=d.get("cue"),
            when=self.condition(d.get("when"), ep, (*path, "when")),
            stage=self.directions(d, ep, path),
            loc=Loc(ep.name, *(self.place(ep.doc, d, "speaker", (*path, "speaker")) if speaker else self.place(ep.doc, d, "text", (*path, "text")))),
        )

    def choice(self, ep: _Ep, qid: str, d: dict[str, Any], path: tuple[Any, ...], default_next: str | None, has_default: bool, order: int = 0) -> Choice:
        name, doc = ep.name, ep.doc
        if "next" in d:
            nxt = self.next_ref(d["next"], ep, (*path, "next"))
        elif has_default and default_next is not None:
            nxt = default_next
        else:
            self.report("G502", f"choice `{d['id']}` has no `next`, and its node has no `next` for it to follow", name, doc, (*path, "id"))
            nxt = ""
        self.effects(d.get("effects", {}), d.get("trust", {}), name, doc, path)
        for i, p in enumerate(d.get("principles", ())):
            if p not in self.evidence.principles:
                self.report("R404", f"`{p}` is not a principle in the evidence base", name, doc, (*path, "principles", i), did_you_mean(p, self.evidence.principles))
        for i, t in enumerate(d.get("tags", ())):
            if t not in self.evidence.tags:
                self.report("R405", f"`{t}` is not a framework tag in the evidence base", name, doc, (*path, "tags", i), suggest_tag(t, self.evidence.tags))
        scored = any(v for v in d.get("effects", {}).values())
        if scored and not d.get("principles"):
            self.report("Q701", f"choice `{d['id']}` is scored but cites no principle", name, doc, (*path, "id"), "add `principles: [...]` with ids from seeds/principles.yaml")
        if scored and not d.get("feedback"):
            self.report("Q702", f"choice `{d['id']}` is scored but has no feedback to say why", name, doc, (*path, "id"))
        self.check_text(d["text"], name, doc, (*path, "text"))
        self.check_text(d.get("feedback"), name, doc, (*path, "feedback"))
        self.check_text(d.get("safety"), name, doc, (*path, "safety"))
        otherwise = d.get("otherwise", False)
        if otherwise and "when" in d:
            self.report("S208", f"choice `{d['id']}` has both `when` and `otherwise: true`; an otherwise option is offered exactly when no other is, so it takes no condition", name, doc, (*path, "otherwise"), "remove one of them")
        return Choice(
            id=d["id"],
            node=qid,
            text=d["text"],
            path=d["path"],
            next=nxt,
            effects=tuple(d.get("effects", {}).items()),
            trust=tuple(d.get("trust", {}).items()),
            flags=tuple(d.get("flags", {}).items()),
            minutes=d.get("minutes", 0),
            days=d.get("days", 0),
            phones_ahead=d.get("phones_ahead", False),
            feedback=d.get("feedback", ""),
            principles=tuple(d.get("principles", ())),
            tags=tuple(d.get("tags", ())),
            when=self.condition(d.get("when"), ep, (*path, "when")),
            order=order,
            loc=Loc(name, *self.place(doc, d, "id", (*path, "id"))),
            otherwise=otherwise,
            safety=d.get("safety", ""),
        )

    def routes(self, ep: _Ep, items: Iterable[dict[str, Any]], path: tuple[Any, ...]) -> tuple[Route, ...]:
        out: list[Route] = []
        items = list(items)
        closed_at: int | None = None
        for i, r in enumerate(items):
            if closed_at is not None:
                self.report("G509", f"route option {i + 1} comes after option {closed_at + 1}, which is always taken", ep.name, ep.doc, (*path, i))
            nxt = self.next_ref(r["next"], ep, (*path, i, "next"))
            out.append(Route(next=nxt, when=self.condition(r.get("when"), ep, (*path, i, "when")), chance=r.get("chance")))
            if "when" not in r and "chance" not in r and closed_at is None:
                closed_at = i
        if items and closed_at is None:
            self.report("G502", "the route can get stuck: its last option has a condition or a chance; add a last option with only `next`", ep.name, ep.doc, (*path, len(items) - 1))
        return tuple(out)


def _kind_of(value: Any) -> str:
    return "bool" if isinstance(value, bool) else "number" if isinstance(value, int) else "text"  # bool first: True is an int


def build(
    manifest_name: str,
    manifest: Document,
    episodes: list[tuple[str, Document]],
    evidence: Evidence,
    art: ArtCatalog | None = None,
    folder: Path | None = None,
    reuse: Reuse | None = None,
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Build the model from schema-checked documents; None if any error was found (``reuse``: see cache_build)."""
    b = _Builder(manifest_name, manifest, episodes, evidence, art)
    b.manifest()
    calendar = b.calendar()
    b.collect()
    episode_of = b.episode if reuse is None else reuse.builder(b)
    built: dict[str, tuple[Episode, list[Node]]] = {}
    for eid in b.m["episodes"]:
        if eid in b.eps:
            built[eid] = episode_of(b.eps[eid])
    for eid, ep in b.eps.items():
        if eid not in built:
            built[eid] = episode_of(ep)
    if calendar is None or any(d.severity.value == "error" for d in b.diags):
        return None, b.diags
    m = b.m
    ordered = [built[eid][0] for eid in m["episodes"]]
    nodes: dict[str, Node] = {}
    for eid in m["episodes"]:
        for n in built[eid][1]:
            nodes[n.id] = n
    choice_by_id = {c.id: c for n in nodes.values() for c in n.choices}
    b.recheck_offers(nodes, ordered[0].start)  # G511 where the gap read `seen.`/`chose.`: an error the loader then refuses
    prebrief, last = m["prebrief"], calendar.date_of(max(ep.day for ep in ordered))
    scale = m["calendar"].get("scale") or scale_for(calendar.referral, last)
    return Scenario(
        id=m["id"],
        title=m["title"],
        summary=m["summary"],
        audience=tuple(m["audience"]),
        estimated_minutes=m["estimated_minutes"],
        learning_objectives=tuple(m["learning_objectives"]),
        content_notes=tuple(m["content_notes"]),
        prebrief=prebrief["text"],
        fiction_contract=prebrief["fiction_contract"],
        safety=prebrief.get("safety", ""),
        closing=m["closing"]["text"],
        support=tuple(Support(s["name"], s["detail"]) for s in m["closing"].get("support", ())),
        glossary=tuple(Term(g["term"], g["meaning"], tuple(g.get("also", ()))) for g in m.get("glossary", ())),
        player=m["player"],
        rubric=tuple(b.dimensions.values()),
        cast=tuple(b.characters.values()),
        calendar=calendar,
        rules=b.rules(),
        milestones=tuple(b.milestones.values()),
        episodes=tuple(ordered),
        nodes=nodes,
        start=ordered[0].start,
        evidence=evidence,
        folder=folder,
        scale=scale,
        characters=dict(b.characters),
        episode_by_id={e.id: e for e in ordered},
        choice_by_id=choice_by_id,
        milestone_by_id=dict(b.milestones),
    ), b.diags
