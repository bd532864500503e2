"""The condition language: parsing with columns, and evaluation without eval."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.scenario.conditions import MAX_NESTING, ConditionError, compile_condition, parse, refs


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


@pytest.mark.parametrize(
    "text",
    [
        "(" * 1000 + "true" + ")" * 1000,
        "not " * 1000 + "true",
        "(" * (MAX_NESTING + 1) + "true" + ")" * (MAX_NESTING + 1),
        "not " * (MAX_NESTING + 1) + "true",
    ],
)
def test_nesting_past_the_cap_is_a_condition_error_not_a_recursion_error(text):
    """1,000 brackets or `not`s (past Python's recursion limit) or one level past the cap: a ConditionError with a column."""
    with pytest.raises(ConditionError, match="levels deep") as info:
        parse(text)
    assert info.value.col >= 1


def test_nesting_up_to_the_cap_reads_and_runs():
    """Exactly MAX_NESTING brackets or `not`s still read and evaluate."""
    assert run("(" * MAX_NESTING + "trust.john >= 40" + ")" * MAX_NESTING) is True
    assert run("not " * MAX_NESTING + "flag.promised") is True  # an even number of nots


@pytest.mark.parametrize("count", [2, 1000, 5000])
def test_long_chains_are_flat_and_run_without_recursion(count):
    """Thousands of conditions joined by `and`/`or`, or numbers joined by `+`, compile and run (no RecursionError)."""
    assert run(" and ".join(["trust.john >= 40"] * count)) is True
    assert run(" or ".join(["trust.john > 90"] * count + ["flag.promised"])) is True
    assert run(" + ".join(["1"] * count) + f" == {count}") is True
    assert run("score.tone" + " - 1" * count + f" == {2 - count}") is True


def test_and_or_keep_python_semantics():
    """`and` gives the first falsy operand, `or` the first truthy one, left to right."""
    assert run("flag.count and flag.mood") == "calm"
    assert run("flag.missing or flag.count") == 3
    assert run("flag.promised and flag.missing and flag.count") is False


@pytest.mark.parametrize("text", ["1" * 5000 + " == 1", "trust.john > " + "9" * 16, "score.tone == -" + "1" * 4301, "1." + "0" * 5000 + " > 0"])
def test_numbers_too_long_are_refused_before_int(text):
    """A number over MAX_NUMBER_DIGITS digits (even 5,000, past Python's int() limit) is a ConditionError."""
    with pytest.raises(ConditionError, match="digits"):
        parse(text)


atoms = st.sampled_from(["trust.john", "flag.promised", "3", "-2", "'calm'", "clock.time", "true", "10:30", "9" * 20])
glue = st.sampled_from([" and ", " or ", " + ", " - ", " == ", " < ", " >= ", "not ", "(", ")", " ", "not(", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(atoms, glue), max_size=400))
def test_generated_conditions_parse_and_run_or_are_refused(pieces):
    """Long and deep generated conditions either compile and run, or raise ConditionError: never anything else."""
    text = "".join(pieces)
    try:
        tree = parse(text)
    except ConditionError as exc:
        assert exc.col >= 1
        return
    if not set((root, member) for root, member, _ in refs(tree)) <= {("trust", "john"), ("flag", "promised"), ("clock", "time")}:
        return  # names are checked by the builder before compiling (two names run together, say)
    compile_condition(tree, lambda root, member: member)(SimpleNamespace(
        trust={"john": 40}, scores={}, flags={"promised": True}, chosen=set(), seen=set(), held={}, overdue={},
        last_effects={}, last_path="", day=0, month=0, minutes=600, late=0, phoned=False))


def test_a_hint_never_borrows_a_shipped_cases_names():
    """`trust` with no dot is told to name a character of its own case, not shown a name from the Harris case."""
    from simulator.scenario.conditions import ConditionError, parse

    with pytest.raises(ConditionError) as caught:
        parse("trust > 40")
    assert "trust.<character id>" in str(caught.value) and "fiona" not in str(caught.value).lower()


@pytest.mark.parametrize(
    ("condition", "column", "hint"),
    [
        ("trust.reece \u2013 5 < 45", 13, "write a plain minus `-`"),
        ("score.tone \u2014 1 > 0", 12, "write a plain minus `-`"),
        ("trust.reece \u2265 45", 13, "write `>=`"),
        ("trust.reece \u2264 45", 13, "write `<=`"),
        ("clock.day \u2260 3", 11, "write `!=`"),
    ],
)
def test_a_word_processors_dash_or_sign_is_named_with_what_to_type(condition: str, column: int, hint: str):
    """An en dash for a minus, or a typeset ≥, is refused at its column with the plain characters to type instead."""
    with pytest.raises(ConditionError) as info:
        parse(condition)
    assert info.value.col == column and hint in str(info.value)
