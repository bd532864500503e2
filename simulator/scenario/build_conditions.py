"""Checking and compiling the conditions a scenario's lines, choices and routes carry.

A condition may only read what exists: characters with trust, rubric
dimensions, flags some choice or node sets, the clock's members, choices,
nodes and milestones. This mixin of the scenario builder checks each name a
condition reads, warns when it compares text with numbers, and compiles what
passes into a closure (see :mod:`simulator.scenario.conditions`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache, partial
from typing import Any, Protocol

from simulator.scenario import bounds
from simulator.scenario import conditions as cond
from simulator.scenario.diagnostics import Diagnostic, did_you_mean
from simulator.scenario.model import Character, Choice, Dimension, Milestone, Node
from simulator.scenario.yamlstrict import Document

_NUMBERS = frozenset({int, float, bool})  # what isinstance(v, int | float) takes from the readers, without making `int | float` for each value


@lru_cache(maxsize=4096)
def _parse(text: str) -> cond.Ast:
    """A condition's tree, parsed once per text: a scenario repeats many (`last.tone < 0`), and trees are immutable tuples."""
    return cond.parse(text)


class Place(Protocol):
    """Where a condition was written: the episode file being built."""

    name: str
    doc: Document
    id: str


class ConditionChecks:
    """The condition half of the scenario builder; the builder supplies the names and reporting."""

    characters: dict[str, Character]
    dimensions: dict[str, Dimension]
    milestones: dict[str, Milestone]
    flag_kinds: dict[str, set[str]]
    flag_values: dict[str, list[Any]]
    choice_ids: Mapping[str, object]
    m: dict[str, Any]
    eps: Mapping[str, Any]
    _ranges: Callable[[str, str], bounds.Interval | None] | None = None  # number_ranges(), made once the episodes are collected
    _clean: dict[tuple[str, str | None], cond.Condition] | None = None  # conditions checked with nothing to say, by text (and episode: see condition)
    diags: list[Diagnostic]
    offers_later: list[tuple[Place, str, tuple[Any, ...], list[cond.Ast], list[Callable[[Any], Any]]]] | None = None  # see check_offers

    def report(self, code: str, message: str, name: str, doc: Document, path: tuple[Any, ...], suggestion: str | None = None, key: bool = False) -> None:
        raise NotImplementedError

    def resolve_node(self, ref: str, eid: str) -> str | None:
        raise NotImplementedError

    def node_options(self, eid: str) -> list[str]:
        raise NotImplementedError

    def listed_but_missing(self, ref: str) -> bool:
        """True when ``ref`` (or its episode part) is an episode the calendar lists but no file defines: F304 says so, once."""
        eid = ref.partition(".")[0]
        return eid in self.m["episodes"] and eid not in self.eps

    def condition(self, text: str | None, ep: Place, path: tuple[Any, ...]) -> cond.Condition | None:
        """The checked, compiled condition; None (and why, at ``path``) if it cannot be used.

        A case repeats many conditions (`trust.fiona >= 60` on several lines, on Harris 343 of 835): one
        checked with nothing to say is the same condition wherever it is written again, so it is checked
        once. Only `seen.` reads a name that depends on the episode (a node of its own), so a condition
        that could hold one is checked once per episode, and any other once per case. One with something
        to say is checked, and said, at each place it is written.
        """
        if text is None:
            return None
        clean = self._clean
        if clean is None:
            clean = self._clean = {}
        key = (text, ep.id if "seen" in text else None)  # the word anywhere, even inside another name: never too few checks
        made = clean.get(key)
        if made is None:
            said = len(self.diags)
            made = self._check(text, ep, path)
            if made is not None and len(self.diags) == said:
                clean[key] = made
        return made

    def _check(self, text: str, ep: Place, path: tuple[Any, ...]) -> cond.Condition | None:
        name, doc = ep.name, ep.doc
        try:
            tree = _parse(text)
        except cond.ConditionError as exc:
            from simulator.scenario.valuehints import time_in_condition  # here: only a condition that cannot be read needs it

            self.report("C601", f"the condition `{shown(text)}` cannot be read at column {exc.col}: {exc}", name, doc, path, time_in_condition(text))
            return None
        ok = True
        for root, member, col in cond.refs(tree):
            if not self.check_ref(root, member, col, text, ep, path):
                ok = False
        for a, b in cond.comparisons(tree):
            ka, kb = cond.value_kind(a, self.flag_kinds), cond.value_kind(b, self.flag_kinds)
            if ("text" in ka) != ("text" in kb) and not (ka & kb):
                self.report("C604", f"the condition `{shown(text)}` compares {_kinds(ka)} with {_kinds(kb)}, which is never true", name, doc, path)
        if not ok:
            return None
        resolved = _resolved(tree, lambda root, member: self.canonical(root, member, ep.id))
        made = cond.Condition(text, cond.compile_condition(resolved, _as_written), resolved)
        self.never_holds(made, tree, ep, path)
        return made

    def never_holds(self, made: cond.Condition, tree: cond.Ast, ep: Place, path: tuple[Any, ...]) -> None:
        """C606 for a condition false in every state (trust above 100, a contradiction): what it guards can never happen."""
        compared = _comparisons(tree)
        if not compared or any(e not in self.eps for e in self.m["episodes"]):  # an episode with no file (F304) holds points unseen
            return  # or flags, choices and places seen, joined by and, or and not: each can be true or false
        never = bounds.never(tree, self.number_ranges())  # a number past its range: cheap, and exact for one comparison
        if not never and (len(compared) > 1 or any(r[1] in ("flag", "last") for c in compared for r in c[2:] if r[0] == "ref")):
            from simulator.scenario import coverage  # here: only comparisons that may contradict each other need the proof

            tests = [lambda state: not made.test(state)]
            never = coverage.check([("not", tree)], tests, lambda root, member: self.canonical(root, member, ep.id), self.flag_values).covered
        if never:
            why = bounds.explain(tree, self.number_ranges()) or "no value of what it reads makes it true: is a `<` or `>` the wrong way round, or an `and` meant as `or`?"
            what = {"lines": "the line is never shown", "choices": "the option is never offered", "route": "this way is never taken"}
            guarded = next((w for k, w in what.items() if k in path), "what it guards never happens")
            self.report(
                "C606",
                f"the condition `{shown(made.source)}` is false whatever happens before it, so {guarded}",
                ep.name,
                ep.doc,
                path,
                why,
            )

    def number_ranges(self) -> Callable[[str, str], bounds.Interval | None]:
        """Each number's range, for C606: a score between its penalties and every point choices and nodes could give it."""
        if self._ranges is None:
            self._ranges = bounds.score_ranges(self.score_spans())
        return self._ranges

    def score_spans(self) -> dict[str, tuple[float, float]]:
        """Each dimension's lowest and highest score over any playthrough, from every effect in every episode (the first pass's)."""
        gains = dict.fromkeys(self.dimensions, 0.0)
        losses = dict.fromkeys(self.dimensions, 0.0)
        for ep in self.eps.values():
            for node in ep.data["nodes"].values():
                for effects in [node.get("effects", {}), *(c.get("effects", {}) for c in node.get("choices", ()))]:
                    for dim, points in effects.items():
                        if type(points) in _NUMBERS and dim in gains:
                            gains[dim] += max(points, 0)
                            losses[dim] += min(points, 0)
        calendar = self.m.get("calendar", {})
        late, overdue = calendar.get("punctuality", {}), calendar.get("overdue", {})
        if late.get("dimension") in losses:
            losses[late["dimension"]] -= late.get("max_points", 0) * len(self.eps)
        if overdue.get("dimension") in losses:
            losses[overdue["dimension"]] -= overdue.get("points", 2) * len(self.milestones)
        return {dim: (losses[dim], gains[dim]) for dim in gains}

    def check_offers(self, ep: Place, local: str, choices: Sequence[Choice], base: tuple[Any, ...]) -> None:
        """A decision must offer something in every state: an option without `when`, an `otherwise`, or conditions that cover."""
        name, doc = ep.name, ep.doc
        fallback = [i for i, c in enumerate(choices) if c.otherwise]
        plain = [c for c in choices if not c.otherwise]
        if any(c.when is None for c in plain):
            for i in fallback:
                open_one = next(c for c in plain if c.when is None)
                self.report("G512", f"choice `{choices[i].id}` is marked `otherwise`, but `{open_one.id}` has no `when` and is always offered, so it never is", name, doc, (*base, "choices", i, "otherwise"))
            return
        if fallback or not plain:
            return
        from simulator.scenario import coverage  # here: only a decision whose every option has a `when` needs the proof

        trees = []
        for c in plain:
            assert c.when is not None
            trees.append(_parse(c.when.source))
        verdict = coverage.check(trees, [c.when.test for c in plain if c.when is not None], lambda root, member: self.canonical(root, member, ep.id), self.flag_values)
        if verdict.covered:
            return
        if verdict.example and any(name[0] in ("seen", "chose") for name, _ in verdict.example):
            # The gap may be one no route reaches (`seen.` of one round's topics at a hub): judged once the graph is built.
            if self.offers_later is None:
                self.offers_later = []
            self.offers_later.append((ep, local, base, trees, [c.when.test for c in plain if c.when is not None]))
            return
        self.say_stuck(ep, local, base, verdict)

    def recheck_offers(self, nodes: Mapping[str, Node], start: str) -> None:
        """G511 for the decisions whose gap reads `seen.` or `chose.`, dropping gaps that no route into the decision reaches."""
        from simulator.scenario import coverage

        for ep, local, base, trees, tests in self.offers_later or ():
            here = f"{ep.id}.{local}"
            verdict = coverage.check(trees, tests, partial(self.canonical, eid=ep.id), self.flag_values, partial(_reached, nodes, start, here))
            if not verdict.covered:
                self.say_stuck(ep, local, base, verdict)

    def say_stuck(self, ep: Place, local: str, base: tuple[Any, ...], verdict: Any) -> None:
        name, doc = ep.name, ep.doc
        fix = "add an option without `when`, or one marked `otherwise: true` for when nothing else fits"
        if verdict.example:
            why = f"when {verdict.describe()}, none of their conditions holds and the trainee would be stuck"
        else:
            why = "Doorstep cannot prove that one of their conditions always holds (they add or compare several values)"
        self.report("G511", f"every option at `{local}` has a `when`; {why}", name, doc, base, fix, key=True)

    def canonical(self, root: str, member: str, eid: str) -> str:
        if root == "seen":
            return self.resolve_node(member, eid) or member
        return member

    def check_ref(self, root: str, member: str, col: int, text: str, ep: Place, path: tuple[Any, ...]) -> bool:
        name, doc = ep.name, ep.doc
        where = f"in the condition `{shown(text)}` (column {col})"
        if root not in cond.ROOTS:
            self.report("C602", f"`{root}.{member}` {where}: `{root}` is not something a condition can read", name, doc, path, did_you_mean(root, cond.ROOTS) or f"use one of {', '.join(cond.ROOTS)}")
            return False
        if root == "trust":
            if member not in self.characters:
                self.report("R402", f"`{member}` {where} is not in the cast", name, doc, path, did_you_mean(member, self.characters))
                return False
            if self.characters[member].trust is None:
                self.report("R412", f"trust is not tracked for `{member}` {where}", name, doc, path)
                return False
        elif root in ("score", "last") and not (root == "last" and member == "path"):
            if member not in self.dimensions:
                options = [*self.dimensions, "path"] if root == "last" else list(self.dimensions)
                self.report("R403", f"`{member}` {where} is not a dimension of the rubric", name, doc, path, did_you_mean(member, options))
                return False
        elif root == "flag":
            if member not in self.flag_kinds:
                self.report("C603", f"the flag `{member}` {where} is never set by any choice or node, so it is always false", name, doc, path, did_you_mean(member, self.flag_kinds))
        elif root == "clock":
            if member not in cond.CLOCK_MEMBERS:
                self.report("C602", f"`clock.{member}` {where}: the clock has {', '.join(cond.CLOCK_MEMBERS)}", name, doc, path, did_you_mean(member, cond.CLOCK_MEMBERS))
                return False
        elif root == "chose":
            if member not in self.choice_ids:
                missing = [e for e in self.m["episodes"] if isinstance(e, str) and e not in self.eps]  # F304's: its choices are unknown
                unread = f"it may be a choice of `{missing[0]}`, whose episode file is missing: see F304" if missing else None
                self.report("C602", f"`chose.{member}` {where}: there is no choice `{member}`", name, doc, path, did_you_mean(member, self.choice_ids) or unread)
                return False
        elif root == "seen":
            if self.resolve_node(member, ep.id) is None:
                if self.listed_but_missing(member):
                    return False
                self.report("R401", f"`seen.{member}` {where}: `{member}` is not a node or episode", name, doc, path, did_you_mean(member, self.node_options(ep.id)))
                return False
        elif root in ("held", "overdue"):
            if member not in self.milestones:
                self.report("R406", f"`{member}` {where} is not a milestone", name, doc, path, did_you_mean(member, self.milestones))
                return False
        return True


def _reached(nodes: Mapping[str, Node], start: str, target: str, combo: Mapping[tuple[str, str], Any]) -> bool:
    """Whether ``target`` can be reached from ``start`` without the nodes ``combo`` says are unseen or the choices it says are not made.

    The target itself is not avoided (whether a node counts as seen at its own decision does not matter here); `seen.`
    of an episode already names its start node.
    """
    avoid = {member for (root, member), value in combo.items() if root == "seen" and not value} - {target}
    unmade = {member for (root, member), value in combo.items() if root == "chose" and not value}
    if start in avoid:
        return False
    todo, seen = [start], {start}
    while todo:
        node = nodes[todo.pop()]
        if node.id == target:
            return True
        steps = [c.next for c in node.choices if c.id not in unmade] + [r.next for r in node.route] + ([node.next] if node.next and not node.choices else [])
        for nxt in steps:
            if nxt in nodes and nxt not in seen and nxt not in avoid:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _comparisons(tree: cond.Ast) -> list[cond.Ast]:
    out, stack = [], [tree]
    while stack:
        node = stack.pop()
        if node[0] == "cmp":
            out.append(node)
        stack.extend(cond.operands(node))
    return out


SHOWN_CHARS = 80


def shown(text: str) -> str:
    """A condition as quoted in a diagnostic: whole if short, else its start (the column says where)."""
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _kinds(kinds: set[str]) -> str:
    return " or ".join(sorted(kinds))


def _as_written(_root: str, member: str) -> str:
    return member


def _resolved(tree: cond.Ast, resolve: Callable[[str, str], str]) -> cond.Ast:
    """The tree with each name as the engine reads it (``seen.ask`` becomes ``seen.first-visit.ask``), kept by the load cache."""
    return cond.map_refs(tree, lambda ref: ("ref", ref[1], resolve(ref[1], ref[2]), ref[3]))
