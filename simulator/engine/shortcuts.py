"""What a playthrough played only for its outcome may pass over, worked out once per scenario.

:func:`simulator.engine.outcome.play_out` plays a seeded playthrough to see
where it ends. Two things a session does at every node can be left out
there wherever the scenario proves they cannot change how the case goes:

- who is on stage (:attr:`Shortcuts.staged`): only an arrival reads it, when
  the worker is late and those in the room lose trust, so it is needed only
  at the nodes from which such an arrival is reachable within the same scene;
- the checks for an episode starting, the node's own effects, an arrival and
  the stage (:attr:`Shortcuts.quiet`): a node that every way in reaches from
  its own episode, with no effects, flags, trust, minutes or moods of its own,
  no arrival, and a stage that is either not needed or carried on unchanged,
  is entered by marking it seen and nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from simulator.scenario.model import Episode, Node, Rules
from simulator.scenario.staging import NO_DIRECTIONS


@dataclass(slots=True)
class Shortcuts:
    staged: frozenset[str]  # nodes whose stage can change how the case goes
    quiet: frozenset[str]  # nodes entered by being marked seen, and nothing more
    # play_out's own records of the nodes and choices it meets, by id, made on first use (simulator.engine.outcome);
    # never copied by dataclasses.replace, since a node's record holds whether it is in `staged`.
    nodes: dict[str, tuple[Any, ...]] = field(default_factory=dict, init=False)
    choices: dict[str, tuple[Any, ...]] = field(default_factory=dict, init=False)
    pending: Any = field(default=None, init=False)  # play_out's fields for the scores gained (outcome.Pending), made on first use


def shortcuts(nodes: Mapping[str, Node], episodes: Mapping[str, Episode], rules: Rules, start: str) -> Shortcuts:
    before: dict[str, list[str]] = {}  # node -> the nodes that lead to it
    for node in nodes.values():
        for after in node.successors():
            before.setdefault(after, []).append(node.id)
    staged = _staged(nodes, episodes, rules, before)
    quiet = set()
    for node in nodes.values():
        ep = episodes[node.episode]
        if node.id == start or node.arrive or node.flags or node.effects or node.trust or node.minutes or node.moods:
            continue
        if any(nodes[b].episode != node.episode for b in before.get(node.id, ())):
            continue  # an episode may start here
        still = node.stage is NO_DIRECTIONS and all(line.stage is NO_DIRECTIONS for line in node.lines)  # as NodePlan.still
        if node.id in staged and not (still and ep.carries_stage):
            continue
        quiet.add(node.id)
    return Shortcuts(frozenset(staged), frozenset(quiet))


def _staged(nodes: Mapping[str, Node], episodes: Mapping[str, Episode], rules: Rules, before: dict[str, list[str]]) -> set[str]:
    """The nodes from which an arrival that can cost trust is reachable within the same scene, as it carries its stage."""
    if not (rules.late_trust and rules.punctuality_dimension):
        return set()
    todo = [n.id for n in nodes.values() if n.arrive and episodes[n.episode].appointment is not None]
    found = set(todo)
    while todo:
        node = nodes[todo.pop()]
        if not episodes[node.episode].carries_stage:
            continue  # each node of a format 1 episode starts from the episode's opening
        for earlier in before.get(node.id, ()):
            if earlier not in found and nodes[earlier].episode == node.episode:
                found.add(earlier)
                todo.append(earlier)
    return found
