"""Loops with a way out: a hub the trainee comes back to, written as a loop, played as rounds.

Time only moves forward, so the story may loop only where every loop provably
ends. The rule: each loop must pass a **once option**, a choice or route
option whose ``when`` asks that something not have happened yet (``not
flag.talked-money``, ``not seen.money``, ``not chose.ask-money``, or several
of them in ``not (... or ...)``), where that thing happens on every way from
the option back round the loop (the option itself sets the flag, or the node
it leads to does, or every way back passes a node that does), and nothing
sets the flag back to false. Taken once, such an option is never offered
again, so a playthrough takes each once and the loop runs out of rounds.

A loop that has no once option is G507 (it could go round for ever), as is a
loop leaving its episode (coming back to an earlier episode would turn the
clock back), and a decision in a loop left with nothing to offer once every
once option has been taken.

What passes is unrolled here, once, so that everything after the loader
(analysis, the spread, the graph, the report, the watch reels, the stage
checks) sees a story graph without loops: a node in a loop is copied once for
each set of once options the playthrough may have taken so far (the first
copy reached keeps the node's id, the others add the once options taken,
``hub~ask-home+ask-money``), an option
already taken is left out of the later copies, and every ``seen.`` of a node
that has copies asks of any of them. Choices keep their ids, so ``chose.``
reads as written; what a trainer reads (a record, ``analyze --json``, the
debrief's JSON) names a copy by its written id and its round
(:func:`written_id`, :func:`rounds`), never by the copy's own id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

from simulator.scenario import conditions as cond
from simulator.scenario.checks import find_cycle
from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.model import Choice, Loc, Node, Route, Scenario

MAX_COPIES = 20_000  # nodes added over all loops: past this a loop has too many rounds to follow (about 12 once options)
Edge = tuple[str, str, int]  # (node id, "c" for a choice or "r" for a route option, its index)
Mark = tuple[str, str]  # ("flag", name), ("seen", node id) or ("chose", choice id)


def _at(loc: Loc | None) -> tuple[str, tuple[int, int] | None]:
    return ("", None) if loc is None else (loc.file, (loc.line, loc.col))


def _edges(node: Node) -> list[tuple[Edge, str, Any]]:
    """Each way out of a node that may carry a condition: (edge, target, the choice or route option)."""
    out: list[tuple[Edge, str, Any]] = [((node.id, "c", i), c.next, c) for i, c in enumerate(node.choices)]
    out.extend(((node.id, "r", i), r.next, r) for i, r in enumerate(node.route))
    return out


def _unless(tree: Any) -> list[Mark]:
    """What the condition asks not to have happened yet, in any of its `and`ed parts."""
    parts = list(tree[1:]) if tree and tree[0] == "and" else [tree]
    marks: list[Mark] = []
    for part in parts:
        if part[0] == "not":
            inner = part[1]
            refs = list(inner[1:]) if inner[0] == "or" else [inner]
            if all(r[0] == "ref" for r in refs):
                marks.extend((r[1], r[2]) for r in refs if r[1] in ("flag", "seen", "chose"))
        elif part[0] == "cmp" and part[1] == "==" and part[2][0] == "ref" and part[3] == ("lit", False) and part[2][1] in ("flag", "seen", "chose"):
            marks.append((part[2][1], part[2][2]))
    return marks


def _makes(mark: Mark, node: Node | None = None, choice: Choice | None = None) -> bool:
    root, name = mark
    if root == "seen":
        return node is not None and node.id == name
    if root == "chose":
        return choice is not None and choice.id == name
    flags = node.flags if node is not None else choice.flags if choice is not None else ()
    return any(f == name and bool(v) for f, v in flags)


class _Graph:
    def __init__(self, scenario: Scenario) -> None:
        self.nodes = scenario.nodes
        self.unset = {f for n in self.nodes.values() for f, v in [*n.flags, *(fv for c in n.choices for fv in c.flags)] if not v}

    def once(self, edge: Edge, target: str, option: Any) -> bool:
        """Whether every way from ``target`` back to the edge's node makes something its condition asks not to have happened."""
        if option.when is None:
            return False
        for mark in _unless(option.when.tree):
            if mark[0] == "flag" and mark[1] in self.unset:
                continue  # set back to false somewhere: it may open again
            if isinstance(option, Choice) and _makes(mark, choice=option):
                return True
            if self._always_on_the_way(mark, target, edge[0]):
                return True
        return False

    def _always_on_the_way(self, mark: Mark, start: str, back: str) -> bool:
        if _makes(mark, node=self.nodes[start]):
            return True
        todo, seen = [start], {start}
        while todo:
            node = self.nodes[todo.pop()]
            steps = [c.next for c in node.choices if not _makes(mark, choice=c)] + [r.next for r in node.route]
            if node.next is not None and not node.choices:
                steps.append(node.next)
            for nxt in steps:
                if nxt == back:
                    return False
                if nxt in self.nodes and nxt not in seen and not _makes(mark, node=self.nodes[nxt]):
                    seen.add(nxt)
                    todo.append(nxt)
        return True


def _sccs(nodes: Mapping[str, Node], skip: set[Edge]) -> list[list[str]]:
    """The strongly connected parts with a loop in them, over every edge but ``skip`` (Tarjan's, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def succ(n: str) -> list[str]:
        node = nodes[n]
        found = [t for e, t, _ in _edges(node) if e not in skip]
        if node.next is not None and not node.choices:
            found.append(node.next)
        return [t for t in found if t in nodes]

    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, list[str], int]] = [(root, succ(root), 0)]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            n, nxts, i = work[-1]
            if i < len(nxts):
                work[-1] = (n, nxts, i + 1)
                m = nxts[i]
                if m not in index:
                    index[m] = low[m] = len(index)
                    stack.append(m)
                    on.add(m)
                    work.append((m, succ(m), 0))
                elif m in on:
                    low[n] = min(low[n], index[m])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[n])
            if low[n] == index[n]:
                part = []
                while True:
                    m = stack.pop()
                    on.discard(m)
                    part.append(m)
                    if m == n:
                        break
                if len(part) > 1 or n in succ(n):
                    out.append(part[::-1])
    return out


def _cycle_in(nodes: Mapping[str, Node], part: list[str], skip: set[Edge]) -> list[str]:
    """One loop through the part's first node, over the edges not skipped: for the message."""
    inside = set(part)
    first = part[0]
    came: dict[str, str] = {}
    todo = [first]
    while todo:
        n = todo.pop(0)
        node = nodes[n]
        targets = [t for e, t, _ in _edges(node) if e not in skip] + ([node.next] if node.next and not node.choices else [])
        for t in targets:
            if t == first:
                path = [n]
                while path[-1] != first:
                    path.append(came[path[-1]])
                return [*reversed(path), first]
            if t in inside and t not in came:
                came[t] = n
                todo.append(t)
    return [first, first]


def _way_out(nodes: Mapping[str, Node], cycle: list[str]) -> str:
    """What to write so that this loop ends, in its own ids: the first option on it offered once, by what it leads to."""
    for here, there in pairwise(cycle):
        option = next((c for c in nodes[here].choices if c.next == there), None)
        if option is None:
            continue
        topic = nodes[there].local_id
        wrote = f" (`{option.when.source}` is not read as offered once)" if option.when is not None else ""
        return (
            f"a loop must pass an option offered once: give `{option.id}` `when: \"not seen.{topic}\"`{wrote}, so that it is offered"
            f" until `{topic}` has happened (see the hub in docs/authoring.md), or make the loop a new node"
        )
    return "a loop must pass an option offered once: `when: \"not flag.talked-money\"` on the option into a topic that sets `talked-money` (see the hub in docs/authoring.md), or make the loop a new node"


def unroll(scenario: Scenario) -> tuple[Scenario, list[Diagnostic]]:
    """The scenario with every loop unrolled into rounds, or unchanged with G507 for a loop with no way out."""
    if find_cycle(scenario) is None:  # the one pass a story without loops needs (checks.check's, before loops were allowed)
        return scenario, []
    nodes = scenario.nodes
    graph = _Graph(scenario)
    loops = _sccs(nodes, set())
    once: set[Edge] = set()
    for part in loops:
        inside = set(part)
        for n in part:
            for edge, target, option in _edges(nodes[n]):
                if target in inside and graph.once(edge, target, option):
                    once.add(edge)
    diags: list[Diagnostic] = []
    for part in _sccs(nodes, once):
        cycle = _cycle_in(nodes, part, once)
        file, pos = _at(nodes[cycle[0]].loc)
        shown = " → ".join(nodes[c].local_id for c in cycle[:8]) + (" → …" if len(cycle) > 8 else "")
        diags.append(make("G507", f"the story loops back on itself with no way out: {shown} could go round for ever", file, pos, _way_out(nodes, cycle)))
    for part in loops:
        order = {ep.id: i for i, ep in enumerate(scenario.episodes)}
        episodes = sorted({nodes[n].episode for n in part}, key=order.__getitem__)
        if len(episodes) > 1:
            file, pos = _at(nodes[part[0]].loc)
            diags.append(make("G507", f"the story loops back from episode `{episodes[-1]}` to `{episodes[0]}`: coming back to an earlier episode would turn the clock back", file, pos, "keep a loop inside one episode"))
    if diags:
        return scenario, diags
    return _Unrolled(scenario, loops, once).result()


class _Unrolled:
    """The copies of each loop's nodes, one per set of once options taken, and the scenario rebuilt around them."""

    def __init__(self, scenario: Scenario, loops: list[list[str]], once: set[Edge]) -> None:
        self.scenario = scenario
        self.nodes: dict[str, Node] = dict(scenario.nodes)
        self.copies: dict[str, list[str]] = {}
        self.diags: list[Diagnostic] = []
        self.added = 0
        for part in loops:
            self.part(part, once)

    def part(self, part: list[str], once: set[Edge]) -> None:
        nodes = self.scenario.nodes
        inside = set(part)
        outside = {t for p, node in nodes.items() if p not in inside for t in node.successors()}
        entries = [n for n in part if n == self.scenario.start or n in outside]
        names: dict[tuple[str, frozenset[Edge]], str] = {}
        todo = [(n, frozenset[Edge]()) for n in reversed(entries)]
        done: set[tuple[str, frozenset[Edge]]] = set()

        def name_of(n: str, taken: frozenset[Edge]) -> str:
            """The first copy of a node reached keeps its id; later ones add the once options taken (``hub~ask-money``)."""
            key = (n, taken)
            if key not in names:
                if n not in self.copies:
                    self.copies[n] = [n]
                else:
                    self.copies[n].append(f"{n}~{'+'.join(sorted(self.said(e) for e in taken))}")
                    self.added += 1
                names[key] = self.copies[n][-1]
            return names[key]

        def copy_of(n: str, taken: frozenset[Edge]) -> str:
            if (n, taken) not in done:
                todo.append((n, taken))
            return name_of(n, taken)

        while self.added <= MAX_COPIES:
            if not todo:
                # A node of the loop no playthrough reaches (G501 says so) is written out once, without its loop.
                todo.extend((n, frozenset[Edge]()) for n in part if n not in self.copies)
                if not todo:
                    break
            n, taken = todo.pop()
            if (n, taken) in done:
                continue
            done.add((n, taken))
            here = name_of(n, taken)
            node = nodes[n]
            choices: list[Choice] = []
            routes: list[Route] = []
            for edge, target, option in _edges(node):
                if edge in taken:
                    continue  # taken once already this time round: its condition no longer holds
                if target in inside:
                    target = copy_of(target, taken | {edge} if edge in once else taken)
                if isinstance(option, Choice):
                    choices.append(dataclasses.replace(option, node=here, next=target))
                else:
                    routes.append(dataclasses.replace(option, next=target))
            nxt = node.next
            if nxt is not None and nxt in inside:
                nxt = copy_of(nxt, taken)
            if node.choices and not choices:
                file, pos = _at(node.loc)
                self.diags.append(make("G507", f"the loop through `{node.local_id}` can come back to it with nothing left to offer, once every option offered once has been taken", file, pos, "add a way out without a `when` (\"Stop there for today\")"))
                return
            self.nodes[here] = dataclasses.replace(node, id=here, choices=tuple(choices), route=tuple(routes), next=nxt)
        if self.added > MAX_COPIES:
            file, pos = _at(nodes[part[0]].loc)
            self.diags.append(make("G507", f"the loop through `{nodes[part[0]].local_id}` has too many rounds to follow (over {MAX_COPIES:,} steps)", file, pos, "split it into two hubs, each with a few topics"))

    def said(self, edge: Edge) -> str:
        """An option taken once, in a copy's name: its choice id, or `node-route-2`."""
        node = self.scenario.nodes[edge[0]]
        return node.choices[edge[2]].id if edge[1] == "c" else f"{node.local_id}-route-{edge[2] + 1}"

    def result(self) -> tuple[Scenario, list[Diagnostic]]:
        s = self.scenario
        if self.diags:
            return s, self.diags
        copied = {n: tuple(c) for n, c in self.copies.items() if len(c) > 1}
        nodes = {k: _rewrite(v, copied) for k, v in self.nodes.items()}
        episodes = []
        for ep in s.episodes:
            more = tuple(c for n in ep.nodes for c in copied.get(n, (n,))[1:])
            episodes.append(_rewrite(dataclasses.replace(ep, nodes=ep.nodes + more) if more else ep, copied))
        # Each choice as its node's first copy (which keeps the written id) has it: where it leads in that round. One
        # left out there (an option offered once, already taken on the way in) is kept as written, for its words.
        first = {c.id: c for node in nodes.values() if "~" not in node.id for c in node.choices}
        choice_by_id = {k: first.get(k) or _rewrite(c, copied) for k, c in s.choice_by_id.items()}
        return dataclasses.replace(s, nodes=nodes, episodes=tuple(episodes), episode_by_id={e.id: e for e in episodes}, choice_by_id=choice_by_id), []


def _seen_any(tree: Any, copied: Mapping[str, tuple[str, ...]]) -> Any:
    """``seen.`` of a copied node as ``seen.`` of any of its copies."""

    def any_copy(ref: Any) -> Any:
        return ("or", *(("ref", "seen", c, ref[3]) for c in copied[ref[2]])) if ref[1] == "seen" and ref[2] in copied else ref

    return cond.map_refs(tree, any_copy)


def _reads_copied(tree: Any, copied: Mapping[str, tuple[str, ...]]) -> bool:
    return any(root == "seen" and member in copied for root, member, _ in cond.refs(tree))


def _rewrite(obj: Any, copied: Mapping[str, tuple[str, ...]]) -> Any:
    """``obj`` with every condition that asks `seen.` of a copied node asking of any of its copies."""
    if isinstance(obj, cond.Condition):
        if not obj.tree or not _reads_copied(obj.tree, copied):
            return obj
        tree = _seen_any(obj.tree, copied)
        return cond.Condition(obj.source, cond.compile_condition(tree, lambda _root, member: member), tree)
    if isinstance(obj, tuple):
        new = tuple(_rewrite(x, copied) for x in obj)
        return obj if all(a is b for a, b in zip(new, obj, strict=True)) else new
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, (tuple, cond.Condition)) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
                new = _rewrite(value, copied)
                if new is not value:
                    changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    return obj


def written_id(node_id: str) -> str:
    """The id a trainer wrote for a node: a loop's later round (``hub~ask-money``) is the node it is a round of (``hub``)."""
    return node_id.partition("~")[0]


def looped(scenario: Scenario) -> frozenset[str]:
    """The written ids of the nodes a loop goes through (those played as rounds), for the outputs that say which round."""
    return frozenset(k.partition("~")[0] for k in scenario.nodes if "~" in k)


def rounds(node_ids: Iterable[str]) -> list[int]:
    """Which round of its written node each visit in a playthrough is: 1 the first time it is reached, 2 the second..."""
    seen: dict[str, int] = {}
    out: list[int] = []
    for n in node_ids:
        w = n.partition("~")[0]
        seen[w] = seen.get(w, 0) + 1
        out.append(seen[w])
    return out


def written(nodes: Iterable[Node]) -> list[Node]:
    """The nodes as written, without the copies of a loop's later rounds (a written id never has a `~`)."""
    return [n for n in nodes if "~" not in n.id]


def as_written(scenario: Scenario) -> Scenario:
    """The scenario with each loop folded back as written, for the graph a trainer reads: rounds drawn as one node.

    A node's first copy keeps the written id and every written option (an option is left out of a copy only when it
    was taken on the way there, so never from the first one reached), so the copies are dropped and each way on
    points at the written node.
    """
    if not any("~" in n for n in scenario.nodes):
        return scenario

    def base(target: str) -> str:
        return target.partition("~")[0]

    nodes = {
        k: dataclasses.replace(
            n,
            choices=tuple(dataclasses.replace(c, next=base(c.next)) for c in n.choices),
            route=tuple(dataclasses.replace(r, next=base(r.next)) for r in n.route),
            next=base(n.next) if n.next is not None else None,
        )
        for k, n in scenario.nodes.items()
        if "~" not in k
    }
    episodes = tuple(dataclasses.replace(ep, nodes=tuple(n for n in ep.nodes if "~" not in n)) for ep in scenario.episodes)
    return dataclasses.replace(scenario, nodes=nodes, episodes=episodes, episode_by_id={e.id: e for e in episodes})
