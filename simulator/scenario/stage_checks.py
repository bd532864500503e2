"""Who can be on stage where, over every route: the checks that need the whole story graph.

The engine applies stage directions to one playthrough. Here they are applied
to every route at once: each node gets the set of stages it can be entered
with (a person is ``on`` stage, ``held`` in someone's arms, ``heard`` on the
phone, or ``maybe`` there, when a ``when`` decided it), carried along ``next``,
choices and routes in story order, and reset where an episode opens (and at
every node of a format 1 episode). Then:

- P901 (warning): a line's speaker is neither on stage nor heard on some
  route that reaches it (format 2 episodes; format 1 ones could not say who
  was on the phone). A speaker who is there only ``maybe`` is accepted on a
  line that has its own ``when``: the author has tied the two together.
- P902 (error): an ``exit`` or ``move`` of someone who is not there on any
  route that reaches it.
- P903 (warning): an ``enter`` of someone already on stage on every route.
- P906 (error): someone the words keep out of the scene (``excluded``: the
  part of a conference a parent does not attend, the adults-only part a child
  is not in) is on stage, held or heard there on some route. The exclusion
  is carried with the stage, so an entrance three nodes later is caught too.

:func:`possible` answers, for tests and tools, who may be in the scene at each
node (on stage, held or heard) on some route.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from simulator.quickdata import dataclass
from simulator.scenario.checks import find_cycle, reachable
from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.model import Episode, Line, Loc, Node, Scenario
from simulator.scenario.staging import Directions, Placing

ON, HELD, HEARD, MAYBE = "on", "held", "heard", "maybe"
OUT = "!"  # a stage entry ("!john", OUT) says the words keep john out of the scene from here
CAP = 48  # stages kept per node before they are merged into one (a person in some and not others is "maybe")

Abstract = frozenset[tuple[str, str]]  # (who, status)


def _join(stages: Iterable[Abstract]) -> Abstract:
    """One stage standing for several: a person with the same status in all keeps it, anyone else is maybe."""
    maps = [dict(st) for st in stages]
    people = {who for st in maps for who in st}
    out: set[tuple[str, str]] = set()
    for who in people:
        statuses = {st.get(who, "") for st in maps}
        only = statuses.pop() if len(statuses) == 1 else ""
        out.add((who, only or MAYBE))
    return frozenset(out)


@dataclass
class _Walk:
    scenario: Scenario
    diags: list[Diagnostic] = field(default_factory=list)
    seen_people: dict[str, set[str]] = field(default_factory=dict)
    report: bool = True

    # -- applying directions to every stage at once -----------------------------------
    def apply(self, stages: set[Abstract], d: Directions, conditional: bool, where: Node) -> set[Abstract]:
        if d.empty:
            return stages
        current = [dict(st) for st in stages]
        if d.present is not None:
            for st in current:
                st.clear()
            for p in d.present:
                for st in current:
                    self._put(st, p, conditional or p.when is not None)
        for p in d.exit:
            self._check_there(current, p, "exit", where)
            for st in current:
                self._remove(st, p.who, conditional or p.when is not None)
        for p in d.enter:
            self._check_entering(current, p, conditional, where)
            for st in current:
                self._put(st, p, conditional or p.when is not None)
        for p in d.move:
            self._check_there(current, p, "move", where)
            for st in current:
                if p.holding and st.get(p.who) in (ON, MAYBE):
                    st[p.holding] = MAYBE if (conditional or p.when is not None or st.get(p.who) == MAYBE) else f"{HELD}:{p.who}"
        if d.excluded is not None:
            for st in current:
                if not conditional:  # a line that may not be shown leaves the old exclusions possible too
                    for key in [k for k in st if k.startswith(OUT)]:
                        del st[key]
                st.update((OUT + who, OUT) for who in d.excluded)
        self._check_excluded(current, d, where)
        return {frozenset(st.items()) for st in current}

    def _check_excluded(self, current: list[dict[str, str]], d: Directions, where: Node) -> None:
        """P906: nobody the words keep out of the scene is in it, on any route."""
        if not self.report:
            return
        there: dict[str, list[str]] = {}
        for st in current:
            for key in [k for k in st if k.startswith(OUT)]:
                who = key[len(OUT):]
                if who in st:
                    there.setdefault(who, []).append(st[who])
        for who, statuses in there.items():
            hows = ["heard" if status == HEARD else "on stage" for status in statuses]
            every = len(statuses) == len(current) and MAYBE not in statuses
            routes = "on every route that reaches this" if every else "on some routes that reach this"
            brought = next((p.loc for p in d.placings() if p.who == who or p.holding == who), None)
            self._emit("P906", f"`{who}` is {hows[0]} here ({routes}), but the words keep them out of this part (`excluded`)", brought or d.excluded_loc, where,
                       f"take them off first (`exit: [{who}]`), or end the exclusion where they come back (`excluded: []`)")

    def _put(self, st: dict[str, str], p: Placing, maybe: bool) -> None:
        now = HEARD if p.by is not None else ON
        if maybe:
            # Already there in the same way: still there whether or not the placing applies.
            st[p.who] = now if st.get(p.who) == now else MAYBE
        else:
            st[p.who] = now
        if p.holding and p.by is None:
            st[p.holding] = MAYBE if maybe else f"{HELD}:{p.who}"

    def _remove(self, st: dict[str, str], who: str, maybe: bool) -> None:
        """``who`` leaves, and whoever they carry with them (perhaps, when a condition decides)."""
        carried = [other for other, status in st.items() if status == f"{HELD}:{who}"]
        for gone in (who, *carried):
            if gone in st:
                if maybe:
                    st[gone] = MAYBE
                else:
                    del st[gone]

    # -- checks -------------------------------------------------------------------------
    def _check_there(self, current: list[dict[str, str]], p: Placing, verb: str, where: Node) -> None:
        if not self.report or p.when is not None or not current:
            return
        if all(p.who not in st for st in current):
            what = "leave" if verb == "exit" else "move"
            self._emit("P902", f"`{p.who}` cannot {what} here: on every route that reaches this, they are not on stage (nor heard)", p.loc, where,
                       f"bring them on first with `enter: [{p.who}]`, or remove this `{verb}`")

    def _check_entering(self, current: list[dict[str, str]], p: Placing, conditional: bool, where: Node) -> None:
        if not self.report or conditional or p.when is not None or not current:
            return
        if p.by is None and all(st.get(p.who) == ON for st in current):
            self._emit("P903", f"`{p.who}` is already on stage here on every route that reaches this", p.loc, where,
                       f"to change how or where they are, use `move: [{{who: {p.who}, ...}}]`; or check for a missing `exit`")

    def speaker(self, stages: set[Abstract], line: Line, node: Node, episode: Episode) -> None:
        who = line.speaker
        if not self.report or who is None or who == self.scenario.player or not episode.carries_stage or not stages:
            return
        absent = maybe = 0
        for st in stages:
            status = dict(st).get(who)
            if status is None:
                absent += 1
            elif status == MAYBE and line.when is None:
                maybe += 1
        fix = f"bring them on with `enter: [{who}]`, or say how they are heard: `enter: [{{who: {who}, by: phone}}]`"
        if absent:
            some = "on some routes that reach this line" if absent < len(stages) else "on every route that reaches this line"
            self._emit("P901", f"`{who}` speaks here but is neither on stage nor heard ({some})", line.loc, node, fix)
        elif maybe:
            self._emit("P901", f"`{who}` speaks here but is on stage only when a condition holds, and this line has no `when` of its own", line.loc, node,
                       "give the line the same `when` that brings them on, or bring them on without one")

    def _emit(self, code: str, message: str, loc: Loc | None, node: Node, fix: str) -> None:
        where = loc or node.loc
        diag = make(code, message, where.file if where else "", (where.line, where.col) if where and where.line else None, fix)
        if diag not in self.diags:
            self.diags.append(diag)

    # -- the walk -------------------------------------------------------------------------
    def opening(self, episode: Episode) -> set[Abstract]:
        return self.apply({frozenset()}, Directions(present=episode.opening), False, self.scenario.nodes[episode.start])

    def run(self) -> dict[str, set[Abstract]]:
        scenario = self.scenario
        nodes = scenario.nodes
        order = _story_order(scenario)
        incoming: dict[str, set[Abstract]] = {}
        first = nodes[scenario.start]
        incoming[first.id] = self.opening(scenario.episode_by_id[first.episode])
        for node_id in order:
            node = nodes[node_id]
            episode = scenario.episode_by_id[node.episode]
            stages = incoming.get(node_id, set())
            if not episode.carries_stage:
                stages = self.opening(episode)
            if len(stages) > CAP:
                stages = {_join(stages)}
            stages = self.apply(stages, node.stage, False, node)
            people = self.seen_people.setdefault(node_id, set())
            people.update(who for st in stages for who, _ in st if not who.startswith(OUT))
            for line in node.lines:
                stages = self.apply(stages, line.stage, line.when is not None, node)
                people.update(who for st in stages for who, _ in st if not who.startswith(OUT))
                self.speaker(stages, line, node, episode)
            for nxt in node.successors():
                target = nodes[nxt]
                carried = stages if target.episode == node.episode else self.opening(scenario.episode_by_id[target.episode])
                incoming.setdefault(nxt, set()).update(carried)
        return incoming


def _story_order(scenario: Scenario) -> list[str]:
    """The reachable nodes, each after every node that leads to it (the graph has no loops)."""
    live = reachable(scenario)
    indegree = dict.fromkeys(live, 0)
    for n in live:
        for nxt in scenario.nodes[n].successors():
            indegree[nxt] += 1
    ready = [n for n in live if indegree[n] == 0]
    out: list[str] = []
    while ready:
        n = ready.pop()
        out.append(n)
        for nxt in scenario.nodes[n].successors():
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return out


def check(scenario: Scenario) -> list[Diagnostic]:
    """P901-P903 and P906 over every route (nothing when the story loops: G507 says so first)."""
    if find_cycle(scenario):
        return []
    walk = _Walk(scenario)
    walk.run()
    return walk.diags


def possible(scenario: Scenario) -> dict[str, frozenset[str]]:
    """For each reachable node, everyone who may be in the scene at some point in it (on stage, held or heard) on some route."""
    if find_cycle(scenario):
        return {}
    walk = _Walk(scenario, report=False)
    walk.run()
    return {n: frozenset(people) for n, people in walk.seen_people.items()}

