"""What each decision can score: the lowest and highest of its options, per dimension and in total.

A decision's own score is what the chosen option's ``effects`` add. Its
bounds are taken over every option the node has, whatever ``when``
conditions say, the same sound over-approximation as
:mod:`simulator.analysis.bounds`: any option the trainee could be offered
scores inside them. The clock's own scoring (arriving late, a milestone
held late) follows from choices but is not the choice's score, so it is not
counted here; :mod:`simulator.analysis.bounds` counts it for episodes and
the whole case.

Each dimension's low and high are found independently; the total's are
found over options' totals, so a total bound is always reached by some
option (a sum of per-dimension lows might not be).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from simulator.analysis.bounds import Range
from simulator.scenario.model import Choice, Node, Scenario


@dataclass(frozen=True, slots=True)
class DecisionBounds:
    """One decision's options and what they can score."""

    node: str
    episode: str
    options: tuple[str, ...]
    paths: tuple[tuple[str, str], ...]
    total: Range
    dimensions: tuple[tuple[str, Range], ...]

    def range(self, dimension: str) -> Range:
        return dict(self.dimensions)[dimension]

    @property
    def scored(self) -> bool:
        """Whether the options differ in what they score (or score anything at all)."""
        return self.total.span > 0 or any(r.span > 0 or r.low != 0 for _, r in self.dimensions)


def option_total(choice: Choice) -> int:
    """What an option adds over all dimensions."""
    return sum(v for _, v in choice.effects)


def decision_bounds(scenario: Scenario, node: Node) -> DecisionBounds:
    """The bounds of one decision node (a node with choices)."""
    if not node.choices:
        raise ValueError(f"`{node.id}` is not a decision")
    totals = [option_total(c) for c in node.choices]
    dims = tuple(
        (d, Range(min(c.effect(d) for c in node.choices), max(c.effect(d) for c in node.choices))) for d in scenario.dimensions
    )
    return DecisionBounds(
        node=node.id,
        episode=node.episode,
        options=tuple(c.id for c in node.choices),
        paths=tuple((c.id, c.path) for c in node.choices),
        total=Range(min(totals), max(totals)),
        dimensions=dims,
    )


def all_decisions(scenario: Scenario) -> Mapping[str, DecisionBounds]:
    """Every decision of the scenario, in the order its episodes and nodes are written."""
    out: dict[str, DecisionBounds] = {}
    for ep in scenario.episodes:
        for node_id in ep.nodes:
            node = scenario.nodes[node_id]
            if node.choices:
                out[node_id] = decision_bounds(scenario, node)
    return out
