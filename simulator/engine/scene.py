"""Who is on stage in a node: the one rule the session and the outcome player both follow.

From the stage before (or the episode's opening), through the node's own
directions, the worker's arrival (lateness, noticed by everyone met there)
and its lines' directions, each applied as it is shown.
"""

from __future__ import annotations

from simulator.engine.casework import arrive, mark_late
from simulator.engine.plan import NodePlan, Plan
from simulator.engine.stage import Holds, Stage
from simulator.engine.state import Event, State
from simulator.scenario.model import Scenario


def staged(scenario: Scenario, plan: Plan, p: NodePlan, s: State, base: Stage | None, holds: Holds, events: list[Event]) -> Stage:
    """The stage at the end of node ``p`` entered from ``base`` (None: its episode's opening); sets ``s.stage_in``."""
    node = p.node
    memo = plan.memo
    if base is None:
        base = plan.opening(p.episode, holds)
    s.stage_in = base
    stage = memo.apply(base, node.stage, p.fixed, holds) if p.directed else base
    if node.arrive:
        arrived = stage
        arrive(scenario, s, p.episode, node, events, lambda: met(plan, p, s, arrived, holds))
    for when, directions, fixed in p.staged:
        if when is None or when(s):
            stage = memo.apply(stage, directions, fixed, holds)
    return stage


def met(plan: Plan, p: NodePlan, s: State, stage: Stage, holds: Holds) -> tuple[str, ...]:
    """Everyone the worker meets on arriving: in the room as the node opens, or coming in during its lines.

    So the picture can follow the words (Chloe drawn only from "Chloe comes in behind her") and
    whoever was kept waiting still notices the lateness. Line conditions are read as the lines
    will be shown: with ``clock.late`` already known.
    """
    mark_late(s, p.episode)
    memo = plan.memo
    out = list(stage.in_person())
    for when, directions, fixed in p.staged:
        if when is None or when(s):
            stage = memo.apply(stage, directions, fixed, holds)
            out += [who for who in stage.in_person() if who not in out]
    return tuple(out)
