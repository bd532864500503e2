"""What a session works out once per scenario instead of at every step.

A loaded scenario never changes, so whatever the engine asks of a node that
does not depend on the playthrough has one answer: the options offered
whatever the state, the lines that set a mood or move someone on stage,
whether entering the node waits for the host, the salt its shuffle starts
from. :func:`plan_of` works these out on first use and keeps them as long as
the scenario lives, shared by every session of it (the window, replays, the
analysis, the spread's thousand playthroughs), together with the
:class:`~simulator.engine.stage.StageMemo` of its stages and the stages its
episodes open on. Nothing here reads or changes a playthrough's state.
"""

from __future__ import annotations

import weakref
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.engine import lanes
from simulator.engine.shortcuts import Shortcuts, shortcuts
from simulator.engine.stage import MEMO_LIMIT, Holds, Stage, StageMemo, opening
from simulator.scenario.conditions import Condition
from simulator.scenario.model import Choice, Episode, Node, Scenario
from simulator.scenario.staging import NO_DIRECTIONS, Directions


def unconditional(d: Directions) -> bool:
    """True when no placing of ``d`` has a condition: it makes the same stage of a stage every time."""
    return all(p.when is None for p in d.placings())


Test = Callable[[Any], bool]


def _test(condition: Condition | None) -> Test | None:
    """The compiled test of a condition, called straight from the engine's loops."""
    return condition.test if condition is not None else None


@dataclass(slots=True)
class NodePlan:
    """One node's answers that hold for every playthrough (never changed once made); conditions are kept as their compiled tests.

    ``offer`` is the options offered whatever the state, in authored order,
    when no option has a condition (None: ``checks`` pairs each option that
    is not ``otherwise`` with its test); ``otherwise`` the options offered
    only when no other is. ``moody`` are the lines that set their speaker's
    mood, ``staged`` the lines' stage directions, ``routes`` the route's
    options, each with its test.
    """

    node: Node
    episode: Episode
    waits: bool  # entering it stops for the host: it has words, options or an ending
    touches: bool  # entering it changes flags, scores, trust, the clock or moods by itself
    still: bool  # no directions and no arrival: within a format 2 scene the stage stays as it was
    carries: bool  # its episode carries the stage from node to node (format 2)
    offer: tuple[Choice, ...] | None
    checks: tuple[tuple[Choice, Test | None], ...]
    otherwise: tuple[Choice, ...]
    moody: tuple[tuple[Test | None, str, str], ...]  # (when, speaker, mood)
    staged: tuple[tuple[Test | None, Directions, bool], ...]  # (when, directions, unconditional)
    routes: tuple[tuple[Test | None, float | None, str], ...]  # (when, chance, next)
    directed: bool  # the node has stage directions of its own
    fixed: bool  # ... and none of them has a condition
    salt: int  # the shuffle's per-node part (CRC-32 of the node id)
    tied: bool  # two options share an order (a scenario built in code): a policy picking by order then sees the shuffle
    pure: bool  # no condition in its own or its lines' directions: the stage it makes of a stage is always the same
    # Where ``pure``, the stages it made, by the identity of the stage it started from: (that stage, as the worker
    # arrives, at the end). The stage started from is kept in the entry, so its identity is never another's.
    through: dict[int, tuple[Stage, Stage, Stage]] | None = None  # made on first use (scene.staged)


def _node_plan(node: Node, episode: Episode) -> NodePlan:
    # Plain loops: a playthrough of a 10,000-node case makes a few thousand of these on its way.
    choices, lines = node.choices, node.lines
    offer: tuple[Choice, ...] | None = choices
    checks: tuple[tuple[Choice, Test | None], ...] = ()
    otherwise: tuple[Choice, ...] = ()
    tied = False  # two options share an order: worked out only where the orders do not rise as written
    if choices:
        conditional = fallback = False
        last = choices[0].order - 1
        for c in choices:
            if c.otherwise:
                fallback = True
            elif c.when is not None:
                conditional = True
            if c.order <= last:
                tied = True
            last = c.order
        if tied:
            tied = len({c.order for c in choices}) < len(choices)
        plain = choices
        if fallback:
            plain = offer = tuple(c for c in choices if not c.otherwise)
            otherwise = tuple(c for c in choices if c.otherwise)
        if conditional:
            checks = tuple((c, _test(c.when)) for c in plain)
            offer = None
    moody: list[tuple[Test | None, str, str]] = []
    staged: list[tuple[Test | None, Directions, bool]] = []
    plain_lines = True  # no line's directions are under a condition, of the line or of a placing
    for line in lines:
        if line.mood and line.speaker:
            moody.append((_test(line.when), line.speaker, line.mood))
        if line.stage is not NO_DIRECTIONS:
            fixed_line = unconditional(line.stage)
            staged.append((_test(line.when), line.stage, fixed_line))
            if line.when is not None or not fixed_line:
                plain_lines = False
    directed = node.stage is not NO_DIRECTIONS
    fixed = not directed or unconditional(node.stage)
    return NodePlan(
        node,
        episode,
        bool(node.narration or lines or choices) or node.ending is not None,  # waits
        bool(node.flags or node.effects or node.trust or node.minutes or node.moods),  # touches
        not directed and not node.arrive and not staged,  # still
        episode.carries_stage,  # carries
        offer,
        checks,
        otherwise,
        tuple(moody),
        tuple(staged),
        tuple((_test(r.when), r.chance, r.next) for r in node.route) if node.route else (),  # routes
        directed,
        fixed,
        zlib.crc32(node.id.encode("utf-8")),  # salt
        tied,
        fixed and plain_lines,  # pure
    )


class NodePlans(dict[str, NodePlan]):
    """Node plans by node id, each worked out the first time a playthrough enters the node.

    A playthrough of a 10,000-node case meets a few thousand of them; the
    rest are never made.
    """

    __slots__ = ("_episodes", "_nodes")

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        # The scenario's tables, not the scenario: plans are kept only as long as the scenario is.
        self._nodes = scenario.nodes
        self._episodes = scenario.episode_by_id

    def __missing__(self, node_id: str) -> NodePlan:
        node = self._nodes[node_id]
        plan = self[node_id] = _node_plan(node, self._episodes[node.episode])
        return plan


class Plan:
    """A scenario's node plans (by node id), its stage memo and its episodes' fixed opening stages."""

    __slots__ = ("__weakref__", "_decisions", "_episodes", "_nodes", "_opened", "_rules", "_shortcuts", "_start", "memo", "nodes", "openings")

    def __init__(self, scenario: Scenario) -> None:
        self.nodes = NodePlans(scenario)
        self.memo = StageMemo()
        self.openings: dict[str, Stage] = {}  # episodes whose opening has no condition
        self._opened: dict[tuple[str, tuple[bool, ...]], Stage] = {}  # the others, by which of their placings hold
        # The scenario's tables, not the scenario, as NodePlans keeps them.
        self._nodes, self._episodes, self._rules, self._start = scenario.nodes, scenario.episode_by_id, scenario.rules, scenario.start
        self._shortcuts: Shortcuts | None = None
        self._decisions: lanes.Decisions | None = None

    def decisions(self) -> lanes.Decisions:
        """The scenario's shuffled decisions in lanes (:class:`~simulator.engine.lanes.Decisions`), made on first use; none where there
        are more than ``lanes.MOST`` of them (each shuffle is then drawn where it is met)."""
        if self._decisions is None:
            shuffled = [node.id for node in self._nodes.values() if len(node.choices) > 1 and not node.keep_order]
            if len(shuffled) > lanes.MOST:
                shuffled = []
            self._decisions = lanes.Decisions({node_id: self.nodes[node_id].salt for node_id in shuffled})
        return self._decisions

    def shortcuts(self) -> Shortcuts:
        """What a playthrough played only for its outcome may pass over (:mod:`simulator.engine.shortcuts`), worked out once."""
        if self._shortcuts is None:
            self._shortcuts = shortcuts(self._nodes, self._episodes, self._rules, self._start)
        return self._shortcuts

    def opening(self, ep: Episode, holds: Holds) -> Stage:
        """The stage ``ep`` opens on: worked out once, or once for each set of its placings' conditions that hold.

        The memo's own copy, so the directions that follow are remembered too.
        """
        stage = self.openings.get(ep.id)
        if stage is not None:
            return stage
        held = tuple(p.when is None or bool(holds(p.when)) for p in ep.opening)
        stage = self._opened.get((ep.id, held))
        if stage is None:
            stage = self.memo.keep(opening(ep.location, ep.opening, holds))
            if all(p.when is None for p in ep.opening):
                self.openings[ep.id] = stage
            elif len(self._opened) < MEMO_LIMIT:
                self._opened[ep.id, held] = stage
        return stage


_PLANS: weakref.WeakKeyDictionary[Scenario, Plan] = weakref.WeakKeyDictionary()


def plan_of(scenario: Scenario) -> Plan:
    """The scenario's plan, made on first use and kept while the scenario lives."""
    plan = _PLANS.get(scenario)
    if plan is None:
        plan = _PLANS[scenario] = Plan(scenario)
    return plan
