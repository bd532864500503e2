"""The fast yes-or-no schema check: agrees with jsonschema, and counts only whole numbers as integers."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.scenario.schema_check import check, is_valid, schema
from simulator.scenario.schema_fast import SchemaError, compile_schema
from simulator.scenario.yamlstrict import parse

FILES = sorted([*PROJECT.glob("scenarios/**/*.yaml"), *PROJECT.glob("docs/examples/**/*.yaml"), *PROJECT.glob("seeds/*.yaml"), PROJECT / "assets" / "art" / "art.yaml"])


def kind_of(path: Path) -> str:
    if path.name == "art.yaml":
        return "art"
    if path.parent.name in ("seeds", "evidence"):
        return "seeds"
    return "scenario" if path.name == "scenario.yaml" else "episode"


def strict_validator(kind: str) -> Any:
    base = jsonschema.Draft7Validator
    checker = base.TYPE_CHECKER.redefine("integer", lambda _c, v: type(v) is int)
    return jsonschema.validators.extend(base, type_checker=checker)(schema(kind))


def data_of(path: Path) -> Any:
    return parse(path.read_text(encoding="utf-8"), str(path)).data


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_shipped_files_are_valid_both_ways(path: Path):
    """Every shipped scenario, episode and evidence file passes the fast check and jsonschema alike."""
    data = data_of(path)
    assert is_valid(data, kind_of(path))
    assert strict_validator(kind_of(path)).is_valid(data)


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_leaves(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_leaves(v, (*path, i)))
    return out


MUTANTS = st.one_of(
    st.none(), st.booleans(), st.integers(-200, 2000), st.floats(-5, 50, allow_nan=False), st.sampled_from([1.0, 0.0, 2.5, -1.0]),
    st.text(max_size=6), st.sampled_from(["", "Bad Id", "ok-id", "09:30", "2026-03-02", "pcf-7", "enabler", "a.b"]),
    st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.sampled_from(["id", "text", "x"]), st.text(max_size=3), max_size=2),
)  # fmt: skip
SAMPLES = [p for p in FILES if p.stat().st_size < 20_000][:12]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLES), st.data(), st.lists(MUTANTS, min_size=1, max_size=3))
def test_fast_check_agrees_with_jsonschema(path: Path, data: st.DataObject, values: list[Any]):
    """Whatever value is put wherever in a real file, the fast check and (strict) jsonschema say the same."""
    doc = copy.deepcopy(data_of(path))
    places = _leaves(doc)
    for value in values:
        where = data.draw(st.sampled_from(places))
        if not where:
            doc = value
            continue
        parent = doc
        try:
            for part in where[:-1]:
                parent = parent[part]
            parent[where[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    kind = kind_of(path)
    assert is_valid(doc, kind) == strict_validator(kind).is_valid(doc), json.dumps(doc, default=str)[:400]


@pytest.mark.parametrize("kind", ["scenario", "episode", "seeds", "art"])
def test_every_shipped_keyword_is_understood(kind: str):
    """The shipped schemas compile: a keyword the fast check does not know would be refused, never ignored."""
    compile_schema(schema(kind))


def test_an_unknown_keyword_is_refused():
    """A schema using a keyword the fast check does not implement cannot be half-checked in silence."""
    with pytest.raises(SchemaError):
        compile_schema({"type": "object", "if": {"required": ["x"]}})


@pytest.mark.parametrize(
    ("field", "value"),
    [(("episode", "day"), 1.0), (("episode", "nodes", "desk", "choices", 0, "minutes"), 20.0), (("episode", "nodes", "desk", "choices", 0, "effects", "timeliness"), 1.0)],
)
def test_a_whole_number_written_with_a_point_is_refused(field: tuple[Any, ...], value: float):
    """`1.0` where a whole number is meant is S202 with a hint, not a crash later in play or analysis."""
    path = PROJECT / "tests" / "fixtures" / "mini" / "episodes" / "visit.yaml"
    doc = parse(path.read_text(encoding="utf-8"), "visit.yaml")
    target = doc.data
    for part in field[:-1]:
        target = target[part]
    target[field[-1]] = value
    problems = check(doc.data, doc.positions, "visit.yaml", "episode")
    assert [d.code for d in problems] == ["S202"]
    assert problems[0].suggestion == "use a whole number"


ONE_CALL_SHAPES = [
    {"type": "string"},
    {"type": "string", "minLength": 1},
    {"type": "string", "minLength": 0},
    {"type": "string", "maxLength": 3},
    {"type": "string", "minLength": 2, "maxLength": 3, "description": "two or three"},
    {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
    {"type": "string", "pattern": "b", "minLength": 2},
    {"type": "string", "enum": ["enabler", "barrier", 1, True, None]},
    {"type": "integer", "minimum": 0, "maximum": 10},
    {"type": "integer", "minimum": -3},
    {"type": "integer", "maximum": 2600},
    {"type": "number", "minimum": 0, "maximum": 1},
    {"type": "number", "maximum": 1.5, "title": "a share"},
]
ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-20, 3000), st.floats(-3, 12, allow_nan=False), st.sampled_from([0.0, 1.0, 10.0, 1.5, -3.0]),
    st.text(max_size=5), st.sampled_from(["enabler", "barrier", "ab", "a-1", "bb", "1"]), st.lists(st.integers(0, 1), max_size=1), st.just({}),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ONE_CALL_SHAPES), ANY_VALUE)
def test_a_text_or_number_with_limits_checked_in_one_call_agrees_with_jsonschema(shape: dict[str, Any], value: Any):
    """The one-call checks for a typed text or number and its limits (most values of a file) say what jsonschema says, at every edge."""
    base = jsonschema.Draft7Validator
    checker = base.TYPE_CHECKER.redefine("integer", lambda _c, v: type(v) is int)
    assert compile_schema(shape)(value) == jsonschema.validators.extend(base, type_checker=checker)(shape).is_valid(value), (shape, value)
