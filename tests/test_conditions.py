"""The condition language: parsing with columns, and evaluation without eval."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.scenario.conditions import ConditionError, compile_condition, parse, refs


def run(text: str, **state) -> object:
    base = dict(trust={"john": 40}, scores={"tone": 2}, flags={"promised": True, "count": 3, "mood": "calm"},
                chosen={"sit-down"}, seen={"visit.door"}, held={"icpc": 14}, overdue={"icpc": 0},
                last_effects={"tone": -1}, last_path="barrier", day=20, month=0, minutes=600, late=12, phoned=False)
    base.update(state)
    return compile_condition(parse(text), lambda root, member: member)(SimpleNamespace(**base))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("trust.john >= 40", True),
        ("trust.john > 40", False),
        ("score.tone + 1 == 3", True),
        ("flag.promised and not flag.missing", True),
        ("flag.count >= 3 or trust.john > 90", True),
        ("flag.mood == 'calm'", True),
        ("chose.sit-down", True),
        ("seen.visit.door and held.icpc", True),
        ("overdue.icpc == 0", True),
        ("last.tone < 0 and last.path == 'barrier'", True),
        ("clock.late > 10 and not clock.phoned", True),
        ("clock.time >= 10:00", True),
        ("clock.time > 10:01", False),
        ("(trust.john < 10 or score.tone > 1) and clock.day == 20", True),
        ("flag.mood > 3", False),
        ("score.tone - 3 == -1", True),
    ],
)
def test_evaluates(text, expected):
    """Conditions evaluate against a state without eval."""
    assert run(text) == expected


@pytest.mark.parametrize(
    "text, col",
    [("trust.john >=", 14), ("trust.john >= 3 4", 17), ("(trust.john > 3", 16), ("trust", 1), ("score.a == 1 == 2", 14), ("trust.john $ 3", 12), ("", 1)],
)
def test_errors_carry_a_column(text, col):
    """A condition that cannot be read says where."""
    with pytest.raises(ConditionError) as info:
        parse(text)
    assert info.value.col == col


def test_refs_lists_every_name_with_its_column():
    """`refs` finds each name read, for reference checks at load time."""
    assert sorted(refs(parse("trust.john > 3 and not flag.x"))) == [("flag", "x", 24), ("trust", "john", 1)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="trust.johnflag <>=!()andornot0123456789'-+ :", max_size=40))
def test_never_raises_anything_but_condition_error(text):
    """Any text parses or raises ConditionError, nothing else."""
    try:
        parse(text)
    except ConditionError as exc:
        assert exc.col >= 1
