"""Reflection prompts for the debrief, following Gibbs' reflective cycle (1988).

Six stages: description, feelings, evaluation, analysis, conclusion and
action plan. The prompts are our own words, written to be plain and
supportive: a trainee may have just played a hostile visit, and the point is
to think, not to be marked. The window saves what the trainee writes in the
record under ``reflections`` (a mapping from stage id to text); the report
prints it beside each prompt, or leaves room to write by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

RECORD_KEY = "reflections"
GIBBS_SOURCE = "gibbs-1988-reflective-cycle"
MAX_TEXT = 20_000  # generous for a page of writing; keeps a damaged record from bloating a report


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the cycle: its id, a short title, the prompt, and a one-line hint."""

    id: str
    title: str
    prompt: str
    hint: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "description",
        "What happened?",
        "Describe the case as you played it: who you met, the decisions that felt most important, and how it ended.",
        "Keep to what happened for now; what it meant comes later.",
    ),
    Stage(
        "feelings",
        "What were you thinking and feeling?",
        "At the moments that mattered, what went through your mind, and what did you feel? What do you imagine the people you worked with were feeling?",
        "There are no wrong feelings here: noticing them is part of the skill.",
    ),
    Stage(
        "evaluation",
        "What went well, and what was harder?",
        "What went well in how you worked with the people in this case, and what did not go the way you hoped? The moments above can start you off.",
        "Try to name at least one thing on each side.",
    ),
    Stage(
        "analysis",
        "Why did it go that way?",
        "Why do you think things turned out as they did? Which principles or research in this report help explain it, and what else played a part: time, pressure, your own assumptions, their history?",
        "Link what happened to the evidence, not only to instinct.",
    ),
    Stage(
        "conclusion",
        "What else could you have done?",
        "Looking back, what else could you have done, and what have you learned about your practice and about yourself?",
        "The points where you parted from the enabler path are a good place to look.",
    ),
    Stage(
        "action-plan",
        "What will you do next time?",
        "If something like this happened in practice, what would you do? Name one or two concrete steps, and the support or learning you will ask for.",
        "Pick something you could bring to your next supervision.",
    ),
)

STAGE_IDS = tuple(s.id for s in STAGES)


def saved_reflections(record: Mapping[str, Any]) -> dict[str, str]:
    """The reflection text saved in a record, by stage; anything malformed is left out, never fatal."""
    raw = record.get(RECORD_KEY)
    if not isinstance(raw, Mapping):
        return {}
    return {k: v[:MAX_TEXT] for k, v in raw.items() if k in STAGE_IDS and isinstance(v, str) and v.strip()}


def with_reflections(record: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``record`` with reflection text saved (blank text removes a stage's entry)."""
    unknown = set(texts) - set(STAGE_IDS)
    if unknown:
        raise ValueError(f"unknown reflection stages: {', '.join(sorted(unknown))}")
    merged = saved_reflections(record)
    for stage, text in texts.items():
        if text.strip():
            merged[stage] = text
        else:
            merged.pop(stage, None)
    out = dict(record)
    out[RECORD_KEY] = {s: merged[s] for s in STAGE_IDS if s in merged}
    return out
