"""Counts that describe a scenario: what ``doorstep info`` prints."""

from __future__ import annotations

import re
from typing import Any

from simulator.scenario.loops import written
from simulator.scenario.model import Scenario

_WORD = re.compile(r"[A-Za-z0-9’'-]+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def authored_texts(scenario: Scenario) -> list[str]:
    """Every piece of text a trainee can read, once each."""
    texts: list[str] = [
        scenario.title,
        scenario.summary,
        scenario.prebrief,
        scenario.fiction_contract,
        scenario.safety,
        scenario.closing,
        *scenario.learning_objectives,
        *scenario.content_notes,
        *(f"{s.name} {s.detail}" for s in scenario.support),
    ]
    for ep in scenario.episodes:
        texts.extend([ep.title, ep.transition, ep.summary, *ep.notice])
    for node in written(scenario.nodes.values()):  # a loop's later rounds repeat its text
        texts.append(node.narration)
        for line in node.lines:
            texts.append(line.text)
            if line.cue:
                texts.append(line.cue)
        for c in node.choices:
            texts.extend([c.text, c.feedback])
        if node.ending:
            texts.extend([node.ending.title, node.ending.text, node.ending.outcome])
    return [t for t in texts if t]


def summary(scenario: Scenario) -> dict[str, Any]:
    """The figures of ``doorstep info --json``."""
    nodes = written(scenario.nodes.values())  # as written: not a loop's later rounds
    cal = scenario.calendar
    choices = [c for n in nodes for c in n.choices]
    paths = {p: sum(1 for c in choices if c.path == p) for p in ("enabler", "barrier", "other")}
    endings = [n for n in nodes if n.ending is not None]
    return {
        "id": scenario.id,
        "title": scenario.title,
        "episodes": len(scenario.episodes),
        "nodes": len(nodes),
        "decisions": sum(1 for n in nodes if n.choices),
        "choices": len(choices),
        "choices_by_path": paths,
        "endings": len(endings),
        "ending_kinds": {k: sum(1 for n in endings if n.ending and n.ending.kind == k) for k in ("enabler", "mixed", "barrier")},
        "words": sum(count_words(t) for t in authored_texts(scenario)),
        "scale": scenario.scale,
        "months": sorted({cal.month_of(ep.day) for ep in scenario.episodes}),
        "weeks": sorted({cal.week_of(ep.day) for ep in scenario.episodes}),
        "days": [ep.day for ep in scenario.episodes],
        "dimensions": list(scenario.dimensions),
        "characters": [c.id for c in scenario.cast],
        "milestones": [m.id for m in scenario.milestones],
        "principles_cited": sorted({p for c in choices for p in c.principles}),
        "estimated_minutes": scenario.estimated_minutes,
    }
