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

A ``when`` is not always a maybe. Each stage also carries what is known on its
routes about the flags set, the choices made and the places seen that some
line's or placing's ``when`` reads (a fact, ``?flag.x``). A ``when`` decided by
those facts is decided: Maureen brought on by a line with ``when:
flag.knows-gran``, after the only choice that sets it, is on stage; on a route
where the flag cannot be set, the line is not shown and changes nothing. Routes
and choices whose ``when`` the facts decide are followed only where they hold.
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

from collections.abc import Callable, Iterable
from dataclasses import field
from typing import Any

from simulator.quickdata import dataclass
from simulator.scenario import conditions as cond
from simulator.scenario.checks import find_cycle, story_order
from simulator.scenario.compiled import compile_condition
from simulator.scenario.conditions import Condition
from simulator.scenario.coverage import Stand
from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.model import Episode, Line, Loc, Node, Scenario
from simulator.scenario.staging import Directions, Placing

ON, HELD, HEARD, MAYBE = "on", "held", "heard", "maybe"
OUT = "!"  # a stage entry ("!john", OUT) says the words keep john out of the scene from here
FACT, UNKNOWN = "?", "?"  # a stage entry ("?flag.x", "True") says what is known on its routes; ("?flag.x", "?"): nothing
KNOWABLE = ("flag", "chose", "seen")
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
        out.add((who, only or (UNKNOWN if who.startswith(FACT) else MAYBE)))  # a fact not set on some route is not known
    return frozenset(out)


class _Known:
    """What the stages know: the flags, choices and places seen that the stage's ``when``s read, and deciding them."""

    def __init__(self, scenario: Scenario, precise: bool = True) -> None:
        wanted: set[tuple[str, str]] = set()
        for node in scenario.nodes.values() if precise else ():  # not precise: every `when` may or may not hold
            for d, when in ((node.stage, None), *((line.stage, line.when) for line in node.lines)):
                if d.empty:
                    continue  # a line that moves nobody: what its `when` reads is not worth carrying along every route
                conds = [when, *(p.when for p in d.placings())]
                wanted.update((r, m) for c in conds if c is not None for r, m, _ in cond.refs(c.tree) if r in KNOWABLE)
            conds = [r.when for r in node.route]  # a route that sends each route on its own way, as the stage does
            wanted.update((r, m) for c in conds if c is not None for r, m, _ in cond.refs(c.tree) if r in KNOWABLE)
        self.wanted = frozenset(wanted)
        self._names: dict[int, Callable[[Any], Any]] = {}  # each part's compiled test, by the part
        self._decided: dict[tuple[object, Abstract], bool | None] = {}
        # A fact is kept only while something at or after the node may still read it: stages that differ only in
        # what nothing ahead reads are one stage again (Harris: 230 names read, 4,750 stages kept without this).
        self.live: dict[str, frozenset[str]] = {}
        for node_id in reversed(story_order(scenario)) if wanted else ():
            node = scenario.nodes[node_id]
            conds = [line.when for line in node.lines] + [r.when for r in node.route] + [c.when for c in node.choices]
            conds += [p.when for d in (node.stage, *(line.stage for line in node.lines)) for p in d.placings()]
            reads = {FACT + f"{r}.{m}" for c in conds if c is not None for r, m, _ in cond.refs(c.tree) if (r, m) in self.wanted}
            self.live[node_id] = frozenset(reads.union(*(self.live.get(n, frozenset()) for n in node.successors())))

    def entering(self, st: Abstract, node: Node) -> Abstract:
        """The stage as ``node`` begins: it has been seen, and its flags are set; facts nothing ahead reads are let go."""
        if not self.wanted:
            return st
        st = self.learn(st, (("seen", node.id, True), *(("flag", f, v) for f, v in node.flags)))
        live = self.live.get(node.id, frozenset())
        return frozenset(entry for entry in st if not entry[0].startswith(FACT) or entry[0] in live)

    def choosing(self, st: Abstract, choice_id: str, flags: Iterable[tuple[str, object]]) -> Abstract:
        return self.learn(st, (("chose", choice_id, True), *(("flag", f, v) for f, v in flags)))

    def learn(self, st: Abstract, facts: Iterable[tuple[str, str, object]]) -> Abstract:
        if not self.wanted:
            return st
        new = {(FACT + f"{root}.{member}", repr(value)) for root, member, value in facts if (root, member) in self.wanted}
        if not new:
            return st
        names = {key for key, _ in new}
        return frozenset({entry for entry in st if entry[0] not in names} | new)

    def decide(self, when: Condition | None, st: Abstract) -> bool | None:
        """Whether ``when`` holds on the routes ``st`` stands for: True, False, or None when the facts do not decide it."""
        if when is None:
            return True
        if not self.wanted:
            return None
        key = (id(when), st)
        if key not in self._decided:
            self._decided[key] = self._three(when.tree, dict(st)) if when.tree else None
        answer: bool | None = self._decided[key]
        return answer

    def _three(self, tree: cond.Ast, facts: dict[str, str]) -> bool | None:
        """``tree`` in three values: `and`, `or` and `not` decided by the parts the facts decide (a false part of an `and`
        is enough), any other part only when every name it reads is known on these routes."""
        tag = tree[0]
        if tag == "not":
            inner = self._three(tree[1], facts)
            return None if inner is None else not inner
        if tag in ("and", "or"):
            parts = [self._three(part, facts) for part in tree[1:]]
            deciding = bool(tag == "or")  # True decides an `or`, False an `and`
            if deciding in parts:
                return deciding
            return None if None in parts else not deciding
        from ast import literal_eval  # here: most cases read no fact back, and ast is some 16 M instructions to import

        state = Stand()
        for root, member, _ in cond.refs(tree):
            value = facts.get(FACT + f"{root}.{member}")
            if (root, member) not in self.wanted or value == UNKNOWN:
                return None
            if value is not None:
                state.set((root, member), literal_eval(value))
        test = self._names.get(id(tree))
        if test is None:
            test = self._names[id(tree)] = compile_condition(tree, lambda _root, member: member)
        return bool(test(state))


@dataclass
class _Walk:
    scenario: Scenario
    diags: list[Diagnostic] = field(default_factory=list)
    seen_people: dict[str, set[str]] = field(default_factory=dict)
    report: bool = True

    # -- applying directions to every stage at once -----------------------------------
    def apply(self, stages: set[Abstract], d: Directions, when: Condition | None, where: Node, known: _Known) -> set[Abstract]:
        """The stages after directions shown only ``when`` that holds: applied where it does, perhaps where it may."""
        if d.empty:
            return stages
        kept: set[Abstract] = set()
        current: list[dict[str, str]] = []
        maybes: list[bool] = []
        for stage in stages:
            holds = known.decide(when, stage)
            if holds is False:
                kept.add(stage)  # the line is not shown on these routes: it changes nothing
            else:
                current.append(dict(stage))
                maybes.append(holds is None)
        conditional = any(maybes)

        def placed(p: Placing) -> list[tuple[dict[str, str], bool]]:
            """The stages ``p`` may apply to, each with whether it only may."""
            out = []
            for st, maybe in zip(current, maybes, strict=True):
                holds = known.decide(p.when, frozenset(st.items())) if p.when is not None else True
                if holds is not False:
                    out.append((st, maybe or holds is None))
            return out

        if d.present is not None:
            for st in current:
                facts = {k: v for k, v in st.items() if k.startswith(FACT)}
                st.clear()
                st.update(facts)
            for p in d.present:
                for st, maybe in placed(p):
                    self._put(st, p, maybe)
        for p in d.exit:
            self._check_there(current, p, "exit", where)
            for st, maybe in placed(p):
                self._remove(st, p.who, maybe)
        for p in d.enter:
            self._check_entering(current, p, conditional, where)
            for st, maybe in placed(p):
                self._put(st, p, maybe)
        for p in d.move:
            self._check_there(current, p, "move", where)
            for st, maybe in placed(p):
                if p.holding and st.get(p.who) in (ON, MAYBE):
                    st[p.holding] = MAYBE if (maybe or st.get(p.who) == MAYBE) else f"{HELD}:{p.who}"
        if d.excluded is not None:
            for st, maybe in zip(current, maybes, strict=True):
                if not maybe:  # a line that may not be shown leaves the old exclusions possible too
                    for key in [k for k in st if k.startswith(OUT)]:
                        del st[key]
                st.update((OUT + who, OUT) for who in d.excluded)
        self._check_excluded(current, d, where)
        return kept | {frozenset(st.items()) for st in current}

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

    def speaker(self, stages: set[Abstract], line: Line, node: Node, episode: Episode, known: _Known) -> None:
        who = line.speaker
        if not self.report or who is None or who == self.scenario.player or not episode.carries_stage or not stages:
            return
        if line.when is not None:  # (a line without one is shown wherever it is reached)
            stages = {st for st in stages if known.decide(line.when, st) is not False}  # where the line is shown
            if not stages:
                return
        absent = maybe = 0
        for st in stages:
            if (who, ON) in st or (who, HEARD) in st:  # on stage or heard, as a speaker nearly always is: nothing to count
                continue
            status = dict(st).get(who)
            if status is None:
                absent += 1
            elif status == MAYBE and line.when is None:
                maybe += 1
        fix = f"bring them on with `enter: [{who}]`, or say how they are heard: `enter: [{{who: {who}, by: phone}}]`"
        if absent:
            some = "on some routes that reach this line" if absent < len(stages) else "on every route that reaches this line"
            if absent < len(stages):  # there on the others: most often brought on by a `when` the line does not share
                fix = f"give the line the same `when` that brings them on, or {fix.replace('bring them', 'bring them on every route', 1).replace('on with', 'with', 1)}"
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
    def opening(self, episode: Episode, known: _Known, before: Iterable[Abstract] = (frozenset(),)) -> set[Abstract]:
        """The stage ``episode`` opens on, keeping what each route coming in knows."""
        facts = {frozenset(entry for entry in st if entry[0].startswith(FACT)) for st in before} if known.wanted else {frozenset()}
        return self.apply(facts, Directions(present=episode.opening), None, self.scenario.nodes[episode.start], known)

    def run(self, precise: bool = False) -> dict[str, set[Abstract]]:
        scenario = self.scenario
        nodes = scenario.nodes
        known = _Known(scenario, precise)
        order = story_order(scenario)
        incoming: dict[str, set[Abstract]] = {}
        first = nodes[scenario.start]
        incoming[first.id] = self.opening(scenario.episode_by_id[first.episode], known)
        for node_id in order:
            node = nodes[node_id]
            episode = scenario.episode_by_id[node.episode]
            stages = {known.entering(st, node) for st in incoming.get(node_id, set())}
            if not episode.carries_stage:
                stages = self.opening(episode, known, stages)
            if len(stages) > CAP:
                stages = {_join(stages)}
            stages = self.apply(stages, node.stage, None, node, known)
            people = self.seen_people.setdefault(node_id, set())
            people.update(who for st in stages for who, _ in st if not who.startswith((OUT, FACT)))
            for line in node.lines:
                after = self.apply(stages, line.stage, line.when, node, known)
                if after is not stages:  # most lines direct nobody: the same stages, whose people are counted already
                    stages = after
                    people.update(who for st in stages for who, _ in st if not who.startswith((OUT, FACT)))
                self.speaker(stages, line, node, episode, known)
            for nxt, carried in _onward(node, stages, known):
                target = nodes[nxt]
                if target.episode != node.episode:
                    carried = self.opening(scenario.episode_by_id[target.episode], known, carried)
                incoming.setdefault(nxt, set()).update(carried)
        return incoming


def _onward(node: Node, stages: set[Abstract], known: _Known) -> list[tuple[str, set[Abstract]]]:
    """Where each stage goes next: a choice only where it is offered, a route's option only where it may be taken."""
    out: list[tuple[str, set[Abstract]]] = []
    if not known.wanted:
        return [(nxt, stages) for nxt in node.successors()]
    if node.choices:
        for c in node.choices:
            offered = {known.choosing(st, c.id, c.flags) for st in stages if known.decide(c.when, st) is not False}
            out.append((c.next, offered))
        return out
    if node.route:
        left = set(stages)
        for r in node.route:
            taken: set[Abstract] = set()
            for st in list(left):
                holds = known.decide(r.when, st)
                if holds is False:
                    continue
                taken.add(st)
                if holds and r.chance is None:
                    left.discard(st)  # the first option that surely holds is the one taken
            out.append((r.next, taken))
        return out
    return [(node.next, stages)] if node.next is not None else []


def check(scenario: Scenario) -> list[Diagnostic]:
    """P901-P903 and P906 over every route (nothing when the story loops: G507 says so first)."""
    if find_cycle(scenario):
        return []
    walk = _Walk(scenario)
    walk.run()
    if not walk.diags:
        return []
    # Something to say: say it only if it holds once each route's flags, choices and places seen are followed (ten
    # times the work on Harris, so only when the quick walk, where every `when` may or may not hold, found something).
    walk = _Walk(scenario)
    walk.run(precise=True)
    return walk.diags


def possible(scenario: Scenario) -> dict[str, frozenset[str]]:
    """For each reachable node, everyone who may be in the scene at some point in it (on stage, held or heard) on some route."""
    if find_cycle(scenario):
        return {}
    walk = _Walk(scenario, report=False)
    walk.run()
    return {n: frozenset(people) for n, people in walk.seen_people.items()}

