"""Where a trainee's playthrough parted from the canonical paths, and what each did instead.

Given the trainee's :class:`~simulator.analysis.paths.Trace` and the two
canonical traces, :func:`compare` finds the first step at which the trainee
parted from each path, and, for every decision the trainee made, what each
canonical path chose at the same node (when its route reached that node),
what that step changed and why (the choice's feedback). The compare screen
and the debrief show exactly this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from simulator.analysis.paths import ChoiceRef, Pairs, PathStep, Trace
from simulator.scenario.loops import rounds, written_id
from simulator.scenario.model import Scenario

PartingKind = Literal["choice", "route", "ended", "skipped"]


@dataclass(frozen=True, slots=True)
class Parting:
    """The first step at which the trainee's playthrough and a canonical path differ.

    ``kind`` is "choice" when both stood at the same decision and chose
    differently; "route" when the same actions led to different nodes (a
    chance route fell the other way); "ended" when one playthrough stopped
    while the other went on; "skipped" when the trainee stepped out of the
    scene there. ``index`` is the trainee's step number.
    """

    path: str
    kind: PartingKind
    index: int
    node: str
    episode: str
    yours: ChoiceRef | None
    theirs: ChoiceRef | None
    their_node: str | None
    round: int = 1  # which round of ``node`` (a hub the trainee comes back to); ``node`` is always the id as written


@dataclass(frozen=True, slots=True)
class Alternative:
    """What one canonical path did at a decision the trainee faced."""

    path: str
    reached: bool
    choice: ChoiceRef | None = None
    effects: Pairs = ()
    trust: Pairs = ()
    feedback: str = ""
    same: bool = False


@dataclass(frozen=True, slots=True)
class DecisionPoint:
    """One of the trainee's decisions, side by side with the canonical paths."""

    number: int
    index: int
    node: str
    episode: str
    day: int
    month: int
    yours: ChoiceRef
    effects: Pairs
    trust: Pairs
    feedback: str
    others: tuple[Alternative, ...]
    parted: tuple[str, ...]
    round: int = 1  # which round of ``node`` this was, in a loop (a hub the trainee comes back to); ``node`` as written

    def other(self, path: str) -> Alternative | None:
        for alt in self.others:
            if alt.path == path:
                return alt
        return None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The trainee's playthrough against each canonical path."""

    partings: tuple[Parting, ...]
    followed: tuple[str, ...]
    decisions: tuple[DecisionPoint, ...]

    def parting(self, path: str) -> Parting | None:
        for p in self.partings:
            if p.path == path:
                return p
        return None


def first_parting(yours: Trace, theirs: Trace) -> Parting | None:
    """The first step where the two playthroughs differ; None if they are the same throughout.

    Its nodes are named as written, with the round of a loop's node (``hub``, round 3), never by a round's own id.
    """
    p = _first_parting(yours, theirs)
    if p is None:
        return None
    node = written_id(p.node)
    at = [s.node for s in yours.steps[: p.index + 1]]
    return replace(
        p,
        node=node,
        their_node=None if p.their_node is None else written_id(p.their_node),
        round=rounds(at)[-1] if at and written_id(at[-1]) == node else 1,
    )


def _first_parting(yours: Trace, theirs: Trace) -> Parting | None:
    for mine, other in zip(yours.steps, theirs.steps, strict=False):
        if mine.node != other.node:
            return Parting(theirs.label, "route", mine.index, mine.node, mine.episode, mine.choice, other.choice, other.node)
        if mine.skipped:
            return Parting(theirs.label, "skipped", mine.index, mine.node, mine.episode, None, other.choice, other.node)
        if _choice_id(mine) != _choice_id(other):
            return Parting(theirs.label, "choice", mine.index, mine.node, mine.episode, mine.choice, other.choice, other.node)
    n_mine, n_theirs = len(yours.steps), len(theirs.steps)
    if n_mine == n_theirs:
        if yours.ending != theirs.ending and yours.ending is not None:
            # The same actions, but the last one's route fell differently: they ended apart.
            return Parting(theirs.label, "route", n_mine, yours.ending, yours.ending.partition(".")[0], None, None, theirs.ending)
        return None
    if n_mine < n_theirs:
        other = theirs.steps[n_mine]
        last = yours.steps[-1] if yours.steps else None
        node = last.node if last is not None else other.node
        episode = last.episode if last is not None else other.episode
        return Parting(theirs.label, "ended", n_mine, node, episode, None, other.choice, other.node)
    mine = yours.steps[n_theirs]
    return Parting(theirs.label, "ended", mine.index, mine.node, mine.episode, mine.choice, None, None)


def _choice_id(step: PathStep) -> str | None:
    return step.choice.id if step.choice is not None else None


def _alternative(scenario: Scenario, path: str, step: PathStep | None, mine: ChoiceRef) -> Alternative:
    if step is None or step.choice is None:
        return Alternative(path=path, reached=False)
    choice = scenario.choice_by_id.get(step.choice.id)
    return Alternative(
        path=path,
        reached=True,
        choice=step.choice,
        effects=step.effects,
        trust=step.trust_change,
        feedback=choice.feedback if choice is not None else "",
        same=step.choice.id == mine.id,
    )


def compare(scenario: Scenario, yours: Trace, canonical: Mapping[str, Trace]) -> Comparison:
    """The trainee's trace against each canonical trace (keyed by path, enabler first)."""
    partings: list[Parting] = []
    followed: list[str] = []
    for path, trace in canonical.items():
        parting = first_parting(yours, trace)
        if parting is None:
            followed.append(path)
        else:
            partings.append(parting)
    by_node = {path: {s.node: s for s in trace.steps} for path, trace in canonical.items()}
    decisions: list[DecisionPoint] = []
    round_of = dict(zip((s.index for s in yours.steps), rounds(s.node for s in yours.steps), strict=True))
    for step in yours.decisions:
        mine = step.choice
        assert mine is not None  # decisions are steps with a choice
        choice = scenario.choice_by_id.get(mine.id)
        decisions.append(
            DecisionPoint(
                number=len(decisions) + 1,
                index=step.index,
                node=written_id(step.node),
                episode=step.episode,
                day=step.day,
                month=step.month,
                yours=mine,
                effects=step.effects,
                trust=step.trust_change,
                feedback=choice.feedback if choice is not None else "",
                others=tuple(_alternative(scenario, path, by_node[path].get(step.node), mine) for path in canonical),
                parted=tuple(p.path for p in partings if p.index == step.index),
                round=round_of.get(step.index, 1),
            )
        )
    return Comparison(partings=tuple(partings), followed=tuple(followed), decisions=tuple(decisions))
