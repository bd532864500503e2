"""flatjson reads the settings file as strictjson would, without the json module; anything not plain is left to strictjson."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import flatjson, strictjson
from simulator.services.settings import FILENAME, Settings, save_settings


def same_as_strictjson(text: str) -> Any:
    """flatjson's answer, checked against strictjson's: equal where flatjson answers; strictjson's refusal left to strictjson."""
    got = flatjson.loads(text)
    try:
        expected = strictjson.loads(text)
    except strictjson.JSONRefused:
        assert got is None, text
        return None
    if got is not None:
        assert got == expected and list(got) == list(expected), text  # a repeated key: its last value, in its first place
    return got


any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # quotes, backslashes, controls: written escaped
scalars = st.one_of(st.integers(-(10**30), 10**30), st.booleans(), st.none(), any_text)
flat = st.dictionaries(any_text, st.one_of(scalars, st.lists(scalars, max_size=4)), max_size=8)


@settings(max_examples=400, deadline=None)
@given(flat, st.sampled_from([None, 0, 1, 2, 4, "\t"]), st.sampled_from([None, (",", ":"), (" ,  ", " :\r\n ")]), st.booleans())
def test_plain_objects_however_laid_out_read_as_strictjson_reads_them(data: dict[str, Any], indent: Any, separators: Any, ascii_only: bool):
    """A flat object of whole numbers, booleans, nulls, strings and lists of them, written with any indent, separators and
    escapes json writes, is read by flatjson (not left to strictjson) and equals strictjson's reading; only a character
    beyond the first 65,536, written as an escaped surrogate pair, is left to strictjson."""
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=ascii_only)
    pair = ascii_only and any(ord(c) > 0xFFFF for c in json.dumps(data, ensure_ascii=False))
    assert (flatjson.loads(text) is None) == pair
    assert same_as_strictjson(text) == (None if pair else data)


@pytest.mark.parametrize("changes", [{}, {"text_size": 3, "high_contrast": True, "window": (1024, 600)}, {"worker_name": "Zoë Ó Ceallaigh", "voice": "en-GB"}])
def test_the_settings_file_doorstep_writes_is_read_by_flatjson(tmp_path, changes: dict[str, Any]):
    """Every settings file Doorstep saves is in the plain form: read without json, and to the same settings."""
    save_settings(Settings().with_changes(**changes), tmp_path)
    text = (tmp_path / FILENAME).read_text(encoding="utf-8")
    data = flatjson.loads(text)
    assert data is not None and data == strictjson.loads(text)
    assert Settings.from_dict(data) == Settings().with_changes(**changes)


@pytest.mark.parametrize(
    "text",
    ['{"a": 1.5}', '{"a": 1e3}', '{"a": 01}', '{"a": -}', '{"a": "x\\ny"}', '{"a": "\\u00e9"}', '{"a": NaN}', '{"a": Infinity}',
     '{"a": "\\ud83d\\ude00"}', '{"a": "\\ud800"}', '{"a": "\\x41"}', '{"a": "\\u12"}', '{"a": "\\u12g4"}', '{"a\\"b": "\\\\"}',
     '{"a": {"b": 1}}', '{"a": [[1]]}', '{"a": 1}x', '{"a": 1,}', '{"a" 1}', '\ufeff{"a": 1}', '{"a": tru}', '{"a": truex}',
     '[1, 2]', '"a"', "", "{", '{"a": "b\tc"}', '{"a": "' + "9" * 41 + '"}', '{"a": ' + "9" * 41 + "}", '{"a": -' + "9" * 40 + "}",
     '{"a": 1, "a": 2, "b": 3}', '{"a": "\x7f"}', '{"a": "\u2028"}', ' \r\n\t{ } \n', '{"a": [ ]}', '{"a": -0}'],
)  # fmt: skip
def test_anything_not_plain_is_left_to_strictjson(text: str):
    """Fractions, exponents, surrogates, bad escapes, nesting, long numbers, syntax errors, a BOM: flatjson answers None
    (strictjson then reads or refuses it), and where it does answer (escapes json writes), it agrees with strictjson."""
    same_as_strictjson(text)


def test_damaged_settings_files_are_read_alike_or_left_to_strictjson(tmp_path):
    """Two thousand settings files damaged at random (characters deleted, doubled or replaced by JSON's punctuation and
    other characters): flatjson never reads one differently from strictjson, nor reads one strictjson refuses."""
    save_settings(Settings().with_changes(worker_name="Sam", window=(1280, 720)), tmp_path)
    whole = (tmp_path / FILENAME).read_text(encoding="utf-8")
    pieces = [*'{}[]",:\\ \t\n0123456789-+.eEtruefalsnNaI', "\x00", "\ud800", "é", "\ufeff"]
    rng = random.Random(13)
    answered = 0
    for _ in range(2000):
        text = list(whole)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            kind = rng.randrange(3)
            if kind == 0:
                del text[at]
            elif kind == 1:
                text.insert(at, text[at])
            else:
                text[at] = rng.choice(pieces)
        answered += same_as_strictjson("".join(text)) is not None
    assert answered > 200  # many damaged files are still plain JSON, and are read
