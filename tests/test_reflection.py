"""Gibbs reflection prompts and the reflections saved in a record."""

from __future__ import annotations

import pytest

from simulator.report.reflection import RECORD_KEY, STAGES, saved_reflections, with_reflections


def test_six_stages_in_gibbs_order_with_a_prompt_and_a_hint():
    """Description, feelings, evaluation, analysis, conclusion, action plan: each asks a question and gives a hint."""
    assert [s.id for s in STAGES] == ["description", "feelings", "evaluation", "analysis", "conclusion", "action-plan"]
    for stage in STAGES:
        assert stage.title.endswith("?") and stage.prompt and stage.hint
        assert len(stage.hint) < 100  # a one-line hint


def test_saving_merges_and_blank_text_removes():
    """Saving keeps earlier stages, replaces a stage's text, removes it when blank, and keeps stage order."""
    record = with_reflections({"format": 1}, {"feelings": "Worried.", "description": "A visit."})
    assert list(record[RECORD_KEY]) == ["description", "feelings"]
    record = with_reflections(record, {"feelings": "  ", "action-plan": "Phone ahead."})
    assert record[RECORD_KEY] == {"description": "A visit.", "action-plan": "Phone ahead."}
    with pytest.raises(ValueError, match="unknown reflection stages"):
        with_reflections(record, {"mood": "x"})


def test_malformed_saved_reflections_are_ignored_not_fatal():
    """A record whose reflections are damaged gives the usable ones and drops the rest."""
    assert saved_reflections({RECORD_KEY: "not a mapping"}) == {}
    assert saved_reflections({RECORD_KEY: {"feelings": 3, "analysis": "Why.", "other": "x", "conclusion": " "}}) == {"analysis": "Why."}
