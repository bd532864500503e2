"""The evidence summary: which choices evidenced each framework tag (PCF domain, KSS statement...).

Only the frameworks a scenario cites are listed, so an adult case's debrief
shows its own frameworks and never the children's KSS it does not use.

For an ASYE portfolio or a supervision conversation, every scored choice
the trainee made is filed under the framework tags it evidences: the tags
the scenario author gave the choice, or, when the author gave none, the
tags of the principles it cites. A choice that helped is evidence of the
capability; one that hurt is filed as learning, which a supervisor will
want to talk about just as much.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.analysis.paths import ChoiceRef, Trace
from simulator.scenario.calendar import parse_date
from simulator.scenario.model import Choice, Evidence, Framework, Scenario

# PCF and KSS first, when a scenario cites them: they are what ASYE portfolios are written against.
LEADING = ("pcf", "kss")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A choice filed under a tag: what was chosen, where, and its net effect on the scores."""

    choice: ChoiceRef
    episode: str
    episode_title: str
    date: str
    total: int


@dataclass(frozen=True, slots=True)
class TagEvidence:
    """One PCF domain, KSS statement or standard, with the choices that evidenced it."""

    tag: str
    label: str
    description: str
    helped: tuple[EvidenceItem, ...]
    learning: tuple[EvidenceItem, ...]
    verified: bool = True  # false: the tag's number and wording are unchecked, so it is not yet portfolio evidence


@dataclass(frozen=True, slots=True)
class FrameworkEvidence:
    """A framework's tags that this playthrough evidenced, and the framework's currency."""

    id: str
    title: str
    publisher: str
    version: str
    valid_until: str | None
    note: str
    tags: tuple[TagEvidence, ...]


def tags_of(choice: Choice, evidence: Evidence) -> tuple[str, ...]:
    """The framework tags a choice evidences: its own, else its principles'."""
    if choice.tags:
        return choice.tags
    found: list[str] = []
    for pid in choice.principles:
        principle = evidence.principles.get(pid)
        if principle is not None:
            found.extend(principle.tags)
    return tuple(dict.fromkeys(found))


def currency(framework: Framework) -> str:
    """A plain note on how long a framework applies, from frameworks.yaml."""
    if not framework.valid_until:
        return ""
    note = f"In use until {_long_date(framework.valid_until)}."
    if framework.replaced_by:
        note += f" Then replaced by: {framework.replaced_by}."
    return note


def _long_date(iso: str) -> str:
    d = parse_date(iso)
    return f"{d.day} {d:%B %Y}" if d is not None else iso


def frameworks_used(scenario: Scenario) -> set[str]:
    """The frameworks this scenario's choices cite, directly or through their principles: the ones its debrief lists."""
    ev = scenario.evidence
    used: set[str] = set()
    for node in scenario.nodes.values():
        for choice in node.choices:
            for tag in tags_of(choice, ev):
                known = ev.tags.get(tag)
                if known is not None:
                    used.add(known.framework)
    return used


def episode_days(trace: Trace) -> dict[str, int]:
    """The day each episode was held on a path (its first snapshot, as ``trace.episode`` finds it), looked up once.

    Asking ``trace.episode`` for every decision walked the snapshots each time: a long record, its
    episodes interleaved, took time growing with the square of its steps.
    """
    days: dict[str, int] = {}
    for snap in trace.episodes:
        days.setdefault(snap.episode, snap.day)
    return days


def evidence_summary(scenario: Scenario, trace: Trace) -> tuple[FrameworkEvidence, ...]:
    """The trainee's scored choices grouped by framework, then by tag, in the evidence base's order."""
    ev = scenario.evidence
    cal = scenario.calendar
    days = episode_days(trace)
    filed: dict[str, list[EvidenceItem]] = {}
    for step in trace.decisions:
        assert step.choice is not None
        choice = scenario.choice_by_id.get(step.choice.id)
        if choice is None or not choice.scored:
            continue
        total = sum(v for _, v in choice.effects)
        day = days.get(step.episode, step.day)
        item = EvidenceItem(
            choice=step.choice,
            episode=step.episode,
            episode_title=scenario.episode_by_id[step.episode].title,
            date=cal.date_of(day).isoformat(),
            total=total,
        )
        for tag in tags_of(choice, ev):
            if tag in ev.tags:
                filed.setdefault(tag, []).append(item)
    used = frameworks_used(scenario)
    # PCF and KSS first; then the frameworks of the scenario's own evidence layers (defined last) before the shared ones.
    order = [f for f in LEADING if f in used] + [f for f in reversed(list(ev.frameworks)) if f in used and f not in LEADING]
    out: list[FrameworkEvidence] = []
    for fid in order:
        fw = ev.frameworks[fid]
        tags = tuple(
            TagEvidence(
                tag=t.id,
                label=t.label,
                description=t.description,
                helped=tuple(i for i in filed[t.id] if i.total > 0),
                learning=tuple(i for i in filed[t.id] if i.total < 0),
                verified=t.verified,
            )
            for t in ev.tags.values()
            if t.framework == fid and t.id in filed
        )
        out.append(FrameworkEvidence(fw.id, fw.title, fw.publisher, fw.version, fw.valid_until, currency(fw), tags))
    return tuple(out)
