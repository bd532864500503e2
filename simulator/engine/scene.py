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

THROUGH_LIMIT = 64  # the stages one node remembers making (a node is entered from a handful)


def staged(scenario: Scenario, plan: Plan, p: NodePlan, s: State, base: Stage | None, holds: Holds, events: list[Event] | None) -> Stage:
    """The stage at the end of node ``p`` entered from ``base`` (None: its episode's opening); sets ``s.stage_in``.

    What the clock did on arriving is told in ``events`` (None: nobody will read it).
    """
    node = p.node
    memo = plan.memo
    if base is None:
        base = plan.opening(p.episode, holds)
    s.stage_in = base
    if p.pure:
        # No condition anywhere in it: the same stage in, the same stages out (kept per node, a few each).
        through = p.through
        known = through.get(id(base)) if through is not None else None
        if known is None or known[0] is not base:
            arrived = memo.apply(base, node.stage, True, holds) if p.directed else base
            stage = arrived
            for _, directions, _ in p.staged:
                stage = memo.apply(stage, directions, True, holds)
            known = (base, arrived, stage)
            if through is None:
                through = p.through = {}
            if len(through) < THROUGH_LIMIT:
                through[id(base)] = known
        if node.arrive:
            came = known[1]
            arrive(scenario, s, p.episode, node, events, lambda: met(plan, p, s, came, holds))
        return known[2]
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
