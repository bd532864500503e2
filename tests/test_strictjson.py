"""Strict JSON: Doorstep's own limits on depth and number size come before the json module's."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator import strictjson
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


def test_lone_surrogates_become_the_replacement_character():
    """A JSON \\ud800 with no partner is replaced by U+FFFD (keys too, at any depth); a real pair stays one character."""
    data = strictjson.loads(r'{"a\ud800": [["x\udc00y"], {"b": "\ud83d\ude00"}]}')
    assert data == {"a\ufffd": [["x\ufffdy"], {"b": "\U0001f600"}]}
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # writable as UTF-8 now


@given(st.recursive(st.text(alphabet=st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010)) | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(max_size=3), inner), max_leaves=30))
def test_scrub_leaves_nothing_unencodable_and_keeps_the_shape(value):
    """scrub() returns data of the same shape that always encodes as UTF-8, changing only lone surrogates."""
    cleaned = strictjson.scrub(value)
    json.dumps(cleaned, ensure_ascii=False).encode("utf-8")
    assert strictjson.depth_of(cleaned) == strictjson.depth_of(value)
    if isinstance(value, str) and not any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        assert cleaned == value
