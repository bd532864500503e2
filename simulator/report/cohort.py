"""A cohort's picture of one scenario: pooled, anonymous, built from many playthroughs.

For each decision, how many reached it and how they chose among the
barrier, enabler and other options; which endings were reached; the final
scores against what the scenario makes achievable (the analysis's proven
bounds) and where the canonical paths finish; and which PCF domains and KSS
statements the cohort's choices evidenced. Nothing about any one person is
kept: no names, seeds, times or identifiers, only counts, and each
playthrough counts once.

A playthrough reaches this module as :class:`Played` (the decisions it made
and how it ended), whether it came from record files or from an LRS's
statements (:mod:`simulator.xapi.cohort_lrs`), so both give the same tallies.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.analysis.bounds import score_bounds
from simulator.analysis.paths import Trace, canonical_paths
from simulator.engine.shown import Names
from simulator.report.codec import to_data
from simulator.report.portfolio import tags_of
from simulator.scenario.loops import rounds, written_id
from simulator.scenario.model import Scenario

COHORT_FORMAT = 1
COHORT_KIND = "doorstep-cohort"
SMALL = 5  # below this many playthroughs, a tally can point at a person: the report says so


@dataclass(frozen=True, slots=True)
class Played:
    """One playthrough as a cohort counts it: the (decision node, option) pairs in order, and how it ended."""

    decisions: tuple[tuple[str, str], ...]
    finished: bool
    ending: str | None
    scores: tuple[tuple[str, int], ...]


def played_of(trace: Trace) -> Played:
    return Played(
        decisions=tuple((s.node, s.choice.id) for s in trace.decisions if s.choice is not None),
        finished=trace.finished,
        ending=trace.ending,
        scores=trace.final.scores,
    )


@dataclass(frozen=True, slots=True)
class OptionTally:
    id: str
    text: str
    path: str
    chosen: int


@dataclass(frozen=True, slots=True)
class DecisionTally:
    """How the cohort chose at one decision (``reached``: how many playthroughs were there to choose)."""

    node: str
    episode: str
    episode_title: str
    prompt: str
    reached: int
    options: tuple[OptionTally, ...]
    by_path: tuple[tuple[str, int], ...]
    round: int = 1  # a hub the trainee comes back to has a tally for each round of it; ``node`` is the id as written


@dataclass(frozen=True, slots=True)
class EndingTally:
    node: str
    kind: str
    title: str
    reached: int


@dataclass(frozen=True, slots=True)
class ScoreSpread:
    """Finished playthroughs' final scores on one dimension against the achievable range."""

    id: str
    label: str
    low: int
    high: int
    enabler: int
    barrier: int
    values: tuple[int, ...]
    median: float | None
    mean: float | None


@dataclass(frozen=True, slots=True)
class TagTally:
    """A framework tag, how many playthroughs evidenced it with a choice that helped, and how many with one to learn from."""

    tag: str
    framework: str
    label: str
    helped: int
    learning: int
    verified: bool = True  # false: the tag's number and wording are unchecked against the framework


@dataclass(frozen=True, slots=True)
class Cohort:
    format: int
    kind: str
    scenario: str
    title: str
    playthroughs: int
    finished: int
    small: bool
    decisions: tuple[DecisionTally, ...]
    endings: tuple[EndingTally, ...]
    scores: tuple[ScoreSpread, ...]
    evidence: tuple[TagTally, ...]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_data(self)
        return data

    def decision(self, node: str) -> DecisionTally | None:
        """The tally of one decision ("how others chose" beside a trainee's own choice)."""
        return next((d for d in self.decisions if d.node == node), None)


def build_cohort(scenario: Scenario, played: Iterable[Played], *, canonical: Mapping[str, Trace] | None = None) -> Cohort:
    """Pool playthroughs of ``scenario`` into a :class:`Cohort`."""
    runs = list(played)
    names = Names(scenario)
    chosen: dict[tuple[str, int, str], int] = {}  # (node as written, round, option)
    reached: dict[tuple[str, int], int] = {}
    endings: dict[str, int] = {}
    helped: dict[str, int] = {}
    learning: dict[str, int] = {}
    for run in runs:
        good: set[str] = set()
        bad: set[str] = set()
        decided = list(run.decisions)  # a node (a loop's round of it) is decided once per playthrough, in order
        for (node_at, option), nth in zip(decided, rounds(n for n, _ in decided), strict=True):
            at = (written_id(node_at), nth)
            reached[at] = reached.get(at, 0) + 1
            chosen[(*at, option)] = chosen.get((*at, option), 0) + 1
            choice = scenario.choice_by_id.get(option)
            if choice is None or not choice.scored:
                continue
            total = sum(v for _, v in choice.effects)
            for tag in tags_of(choice, scenario.evidence):
                (good if total > 0 else bad if total < 0 else set()).add(tag)
        for tag in good:
            helped[tag] = helped.get(tag, 0) + 1
        for tag in bad:
            learning[tag] = learning.get(tag, 0) + 1
        if run.finished and run.ending:
            endings[run.ending] = endings.get(run.ending, 0) + 1
    decisions = []
    last_round: dict[str, int] = {}
    for node_id, nth in reached:
        last_round[node_id] = max(nth, last_round.get(node_id, 1))
    for ep in scenario.episodes:
        for node_id in ep.nodes:
            node = scenario.nodes[node_id]
            if not node.choices or "~" in node_id:  # a loop's later rounds are tallied as rounds of the node as written
                continue
            prompt = names.fill(next((ln.text for ln in reversed(node.lines) if ln.text.strip()), node.narration)).strip()
            for nth in range(1, last_round.get(node_id, 1) + 1):
                options = tuple(OptionTally(c.id, names.fill(c.text), c.path, chosen.get((node_id, nth, c.id), 0)) for c in node.choices)
                split = tuple((p, sum(o.chosen for o in options if o.path == p)) for p in ("enabler", "barrier", "other"))
                decisions.append(DecisionTally(node_id, ep.id, ep.title, prompt, reached.get((node_id, nth), 0), options, split, nth))
    bounds = score_bounds(scenario)
    paths = dict(canonical) if canonical is not None else canonical_paths(scenario)
    done = [r for r in runs if r.finished]
    spreads = []
    for dim in scenario.rubric:
        values = tuple(sorted(dict(r.scores).get(dim.id, 0) for r in done))
        rng = bounds.range(dim.id)
        spreads.append(
            ScoreSpread(
                dim.id,
                dim.label,
                rng.low,
                rng.high,
                paths["enabler"].final.score(dim.id),
                paths["barrier"].final.score(dim.id),
                values,
                statistics.median(values) if values else None,
                round(statistics.fmean(values), 2) if values else None,
            )
        )
    tags = scenario.evidence.tags
    evidence = tuple(
        TagTally(t.id, t.framework, t.label, helped.get(t.id, 0), learning.get(t.id, 0), t.verified)
        for t in tags.values()
        if helped.get(t.id) or learning.get(t.id)
    )
    ending_rows = tuple(
        EndingTally(n.id, n.ending.kind, names.fill(n.ending.title), endings.get(n.id, 0))
        for n in scenario.nodes.values()
        if n.ending is not None and (endings.get(n.id) or any(e.node == n.id and e.reachable for e in bounds.endings))
    )
    return Cohort(
        format=COHORT_FORMAT,
        kind=COHORT_KIND,
        scenario=scenario.id,
        title=scenario.title,
        playthroughs=len(runs),
        finished=len(done),
        small=len(runs) < SMALL,
        decisions=tuple(decisions),
        endings=ending_rows,
        scores=tuple(spreads),
        evidence=evidence,
    )


def cohort_from_dict(data: Mapping[str, Any]) -> dict[str, Sequence[Any]]:
    """The decisions of a cohort file (``--json``) by node: {node: [(option id, chosen), ...]}, for "how others chose".

    Raises ValueError when the data is not a cohort file.
    """
    if not isinstance(data, Mapping) or data.get("kind") != COHORT_KIND or data.get("format") != COHORT_FORMAT:
        raise ValueError("this is not a Doorstep cohort file")
    decisions = data.get("decisions")
    if not isinstance(decisions, list):  # a number or true here was iterated, and raised TypeError in the window
        raise ValueError("the cohort file has no list of decisions")
    out: dict[str, Sequence[Any]] = {}
    for d in decisions:
        options = d.get("options") if isinstance(d, Mapping) else None
        if isinstance(d, Mapping) and isinstance(d.get("node"), str) and isinstance(options, list) and d.get("round", 1) == 1:  # a hub's first round
            out[d["node"]] = [(o.get("id"), o.get("chosen")) for o in options if isinstance(o, Mapping)]
    return out
