"""quicktuple.NamedTuple makes exactly what typing.NamedTuple makes, for every record in the project that uses it, with its
``__new__`` compiled ahead."""

from __future__ import annotations

import collections
import copy
import inspect
import pickle
import typing
from pathlib import Path
from typing import Any

import pytest
from ahead_check import pairs

from simulator import makeahead, quicktuple
from simulator.quicktuple import ahead
from simulator.quicktuple.__main__ import USES, render, users

PROJECT = Path(__file__).resolve().parent.parent
USERS = users()


PAIRS = pairs(USERS, USES, "from typing import NamedTuple\n", lambda made: issubclass(made, tuple) and hasattr(made, "_fields"))


def _same(x: Any) -> Any:
    """The reference module's own classes and functions stand for the module's: compared by name."""
    return getattr(x, "__qualname__", x)


def test_the_records_made_before_the_first_frame_use_it() -> None:
    """The nine records the window's first frame makes (theme, text, settings, options) are made here."""
    assert {"simulator.ui.kit.theme", "simulator.ui.kit.text", "simulator.services.settings", "simulator.ui.options"} <= set(USERS)
    assert len(PAIRS) >= 9


@pytest.mark.parametrize(("name", "made", "ref"), PAIRS, ids=[p[0] for p in PAIRS])
def test_same_class_as_typing(name: str, made: type, ref: type) -> None:
    """Fields, defaults, annotations, docs, bases, signature and every attribute: as typing.NamedTuple makes them."""
    for attr in ("_fields", "_field_defaults", "__doc__", "__match_args__", "__slots__", "__name__", "__qualname__"):
        assert getattr(made, attr) == getattr(ref, attr), attr
    assert repr(made.__annotations__) == repr(ref.__annotations__).replace(ref.__module__, made.__module__)  # a record's own types
    assert made.__orig_bases__ == ref.__orig_bases__ == (typing.NamedTuple,)  # type: ignore[attr-defined]
    assert made.__mro__[1:] == ref.__mro__[1:] == (tuple, object)
    assert sorted(vars(made)) == sorted(vars(ref))
    for attr in ("__new__", "_make", "_replace", "__repr__", "_asdict", "__getnewargs__"):
        mine, theirs = inspect.unwrap(getattr(made, attr)), inspect.unwrap(getattr(ref, attr))
        assert str(inspect.signature(mine)) == str(inspect.signature(theirs)).replace(ref.__module__, made.__module__), attr
        for part in ("__name__", "__qualname__", "__doc__", "__defaults__", "__kwdefaults__", "__module__"):
            assert _same(getattr(mine, part, None)) == _same(getattr(theirs, part, None)), (attr, part)
    assert made.__new__.__code__.co_code == ref.__new__.__code__.co_code
    assert made.__new__.__globals__.keys() == ref.__new__.__globals__.keys()


@pytest.mark.parametrize(("name", "made", "ref"), PAIRS, ids=[p[0] for p in PAIRS])
def test_same_behaviour_as_typing(name: str, made: Any, ref: Any) -> None:
    """Made from the same values, the two compare, hash, print, replace, convert, copy and pickle the same."""
    values = tuple(range(len(made._fields)))
    a, b = made(*values), ref(*values)
    assert tuple(a) == tuple(b) and hash(a) == hash(b)
    assert repr(a) == repr(b) and a._asdict() == b._asdict()
    assert tuple(a._replace(**{made._fields[0]: "x"})) == tuple(b._replace(**{ref._fields[0]: "x"}))
    assert tuple(made._make(values)) == values and copy.copy(a) == a and pickle.loads(pickle.dumps(a)) == a
    keywords = dict(zip(made._fields, values, strict=True))
    assert made(**keywords) == a
    required = len(made._fields) - len(made._field_defaults)
    for action in (lambda c: c(*values, 0), lambda c: c(**keywords, no_such_field=1), lambda c: c._make(values[:-1]), lambda c: c(*values[:max(0, required - 1)])):
        try:
            action(ref)
        except TypeError as expected:
            with pytest.raises(TypeError) as raised:
                action(made)
            assert str(raised.value).replace(ref.__name__, "X") == str(expected).replace(ref.__name__, "X")
        else:
            assert action(made) == action(ref)


@pytest.mark.parametrize(("name", "made", "ref"), PAIRS, ids=[p[0] for p in PAIRS])
def test_made_with_new_compiled_ahead(name: str, made: type, ref: type) -> None:
    """Each record's __new__ is the code kept in quicktuple/ahead.py, not compiled as its module loaded."""
    assert made.__new__.__code__.co_filename == ahead.__file__
    assert ref.__new__.__code__.co_filename == "<string>"


def test_ahead_is_current() -> None:
    """quicktuple/ahead.py holds every record's lambda as it is now: run `python -m simulator.quicktuple` after changing one."""
    assert makeahead.is_current("quicktuple", render()), "run `python -m simulator.quicktuple`"


def test_any_other_text_is_compiled_as_ever_and_namedtuple_is_left_as_it_was() -> None:
    """A record whose lambda is not kept ahead (changed since, or new) is compiled on the spot and works the same;
    collections' own namedtuple is back to the builtin eval once the class is made."""
    from simulator.quicktuple import NamedTuple

    class Fresh(NamedTuple):
        never_kept_ahead_field: int
        other: str = "b"

    assert Fresh(1) == (1, "b") and repr(Fresh(1)) == "Fresh(never_kept_ahead_field=1, other='b')"
    assert Fresh.__new__.__code__.co_filename == "<string>"
    assert "eval" not in vars(collections)
    assert collections.namedtuple("Plain", "x")(1) == (1,)


def test_the_functional_form_is_refused_with_a_reason() -> None:
    with pytest.raises(TypeError, match="class Name"):
        quicktuple.NamedTuple("Point", [("x", int)])


def test_a_record_typing_refuses_is_refused_in_the_same_words() -> None:
    """A field without a default after one with, or a name namedtuple keeps for itself: typing's own error and message."""
    from simulator.quicktuple import NamedTuple

    def bad_order(base: Any) -> None:
        class Bad(base):
            a: int = 0
            b: str = ""
            c: int

    def overwrite(base: Any) -> None:
        class Bad(base):
            a: int

            def _asdict(self) -> dict[str, Any]:
                return {}

    for make in (bad_order, overwrite):
        with pytest.raises((TypeError, AttributeError)) as theirs:
            make(typing.NamedTuple)
        with pytest.raises(type(theirs.value)) as mine:
            make(NamedTuple)
        assert str(mine.value) == str(theirs.value)


def test_a_generic_record_is_made_as_typing_makes_it() -> None:
    from simulator.quicktuple import NamedTuple

    T = typing.TypeVar("T")

    class Pair(NamedTuple, typing.Generic[T]):  # type: ignore[misc]
        first: T
        second: int = 0

    assert Pair[int](1) == (1, 0) and Pair.__bases__ == (tuple, typing.Generic) and "eval" not in vars(collections)
