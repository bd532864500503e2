"""Strict JSON: Doorstep's own limits on depth and number size come before the json module's."""

from __future__ import annotations

import pytest

from simulator.strictjson import MAX_DEPTH, JSONRefused, depth_of, loads


def test_ordinary_json_reads_as_json():
    """Records and settings as Doorstep writes them read back unchanged."""
    text = '{"format": 1, "steps": [{"action": "0", "day": 3, "scores": {"tone": -1.5}}], "name": "Zoë", "done": true, "x": null}'
    assert loads(text) == {"format": 1, "steps": [{"action": "0", "day": 3, "scores": {"tone": -1.5}}], "name": "Zoë", "done": True, "x": None}


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 5000 + "1" + "}" * 5000, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)])
def test_deep_nesting_is_refused_not_a_recursion_error(text: str):
    """100,000 levels (past the interpreter's recursion limit) or just past Doorstep's cap: one refusal."""
    with pytest.raises(JSONRefused, match="levels deep"):
        loads(text)


def test_nesting_up_to_the_cap_is_read():
    """Exactly MAX_DEPTH levels is allowed."""
    assert depth_of(loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)) == MAX_DEPTH


@pytest.mark.parametrize("text", ["[" + "9" * 5000 + "]", '{"seed": -' + "1" * 4301 + "}", "[1e999]", "[-1.5e400]", "[NaN]", "[Infinity]", "[-Infinity]"])
def test_numbers_past_the_librarys_limits_are_refused(text: str):
    """Over 4,300 digits (int() would raise ValueError), overflowing floats and NaN: refused, not crashed."""
    with pytest.raises(JSONRefused):
        loads(text)


@pytest.mark.parametrize("text", ["", "nope", "{", '{"a": 1,}', "\x00"])
def test_broken_text_says_where(text: str):
    """Text that is not JSON is one refusal with the line and column."""
    with pytest.raises(JSONRefused, match="line 1"):
        loads(text)


def test_refusal_is_a_value_error():
    """Callers that already catch ValueError keep working."""
    assert issubclass(JSONRefused, ValueError)
