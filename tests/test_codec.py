"""The dataclass codec behind the JSON export: exact round trips, named pairs as objects, damage refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from simulator.report.codec import CodecError, from_data, to_data


@dataclass(frozen=True, slots=True)
class Inner:
    name: str
    ratio: float


@dataclass(frozen=True, slots=True)
class Outer:
    kind: Literal["a", "b"]
    effects: tuple[tuple[str, int], ...]
    items: tuple[Inner, ...]
    maybe: Inner | None
    flag: bool
    count: int


SAMPLE = Outer("a", (("tone", 1), ("honesty", -2)), (Inner("x", 0.5), Inner("y", 2.0)), None, True, 3)


def test_round_trip_is_exact():
    """Writing then reading gives back an equal object, with order kept."""
    assert from_data(Outer, to_data(SAMPLE)) == SAMPLE
    with_inner = Outer("b", (), (), Inner("z", 1.0), False, 0)
    assert from_data(Outer, to_data(with_inner)) == with_inner


def test_named_pairs_become_json_objects():
    """A tuple of (name, value) pairs is written as an object, in order."""
    data = to_data(SAMPLE)
    assert data["effects"] == {"tone": 1, "honesty": -2} and list(data["effects"]) == ["tone", "honesty"]
    assert data["items"] == [{"name": "x", "ratio": 0.5}, {"name": "y", "ratio": 2.0}]


@pytest.mark.parametrize(
    ("key", "value"),
    [("count", "3"), ("count", True), ("flag", 1), ("kind", "c"), ("effects", [["tone", 1]]), ("items", {"name": "x"})],
)
def test_damaged_data_is_refused(key, value):
    """A value of the wrong type is a CodecError, never a silently wrong object."""
    data = to_data(SAMPLE)
    data[key] = value
    with pytest.raises(CodecError):
        from_data(Outer, data)
