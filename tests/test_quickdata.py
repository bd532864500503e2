"""quickdata.dataclass makes exactly what dataclasses.dataclass makes, for every class in the project that uses it."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from dataclasses import field
from pathlib import Path
from typing import Any, ClassVar

import pytest
from ahead_check import pairs

from simulator import makeahead, quickdata
from simulator.quickdata import dataclass
from simulator.quickdata.__main__ import USES, render, users

PROJECT = Path(__file__).resolve().parent.parent
USERS = users()
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__getstate__", "__setstate__")


PAIRS = pairs(USERS, USES, "from dataclasses import dataclass\n", lambda made: "__dataclass_fields__" in made.__dict__)


def _fields(cls: type) -> list[tuple[Any, ...]]:
    def same(x: Any) -> Any:  # the reference module's own classes and functions stand for the module's: compared by name
        return getattr(x, "__qualname__", repr(x))

    return [(f.name, f.type, same(f.default), same(f.default_factory), f.init, f.repr, f.hash, f.compare, f.kw_only, dict(f.metadata)) for f in dataclasses.fields(cls)]


def _raised(action: Any) -> tuple[str, str] | None:
    try:
        action()
    except Exception as exc:
        return type(exc).__name__, str(exc)
    return None


def test_the_model_and_the_load_path_use_it() -> None:
    """The scenario model's classes (the reason it exists) are made by quickdata, not handed to dataclasses."""
    from simulator.scenario import model

    classes = [c for c in vars(model).values() if isinstance(c, type) and c.__module__ == model.__name__ and dataclasses.is_dataclass(c)]
    assert len(classes) >= 19
    assert all(c in quickdata.MADE for c in classes)
    assert len(PAIRS) >= 30


@pytest.mark.parametrize(("name", "made", "ref"), PAIRS, ids=[p[0] for p in PAIRS])
def test_same_class_as_dataclasses(name: str, made: type, ref: type) -> None:
    """Fields, parameters, slots, match args, signature, doc and which methods exist: as dataclasses makes them."""
    assert _fields(made) == _fields(ref)
    assert repr(made.__dataclass_params__) == repr(ref.__dataclass_params__)  # type: ignore[attr-defined]
    assert made.__match_args__ == ref.__match_args__  # type: ignore[attr-defined]
    assert getattr(made, "__slots__", None) == getattr(ref, "__slots__", None)
    assert str(inspect.signature(made)) == str(inspect.signature(ref))
    assert made.__init__.__annotations__ == ref.__init__.__annotations__
    assert made.__doc__ == ref.__doc__
    for method in METHODS:
        assert (method in made.__dict__) == (method in ref.__dict__), method
        assert (made.__dict__.get(method) is None) == (ref.__dict__.get(method) is None), method
    assert made.__init__.__qualname__ == ref.__init__.__qualname__


@pytest.mark.parametrize(("name", "made", "ref"), PAIRS, ids=[p[0] for p in PAIRS])
def test_same_instances_as_dataclasses(name: str, made: type, ref: type) -> None:
    """Defaults, repr, equality field by field, hash, frozen refusals, replace, asdict, copy and pickle: the same."""
    fields = dataclasses.fields(made)
    required = {f.name: f"{f.name}-1" for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    given = {f.name: f"{f.name}-1" for f in fields}
    assert repr(made(**required)) == repr(ref(**required))  # the defaults and the factories
    a, r = made(**given), ref(**given)
    assert repr(a) == repr(r)
    assert (a == made(**given)) == (r == ref(**given))
    assert (a == "text") == (r == "text")
    for f in fields:
        other = {**given, f.name: f"{f.name}-2"}
        assert (a == made(**other)) == (r == ref(**other)), f.name
        assert (a != made(**other)) == (r != ref(**other)), f.name
    if ref.__hash__ is None:
        assert made.__hash__ is None
    elif ref.__hash__ is object.__hash__:  # eq=False: identity
        assert made.__hash__ is object.__hash__
    else:
        assert hash(a) == hash(r)
    for f in fields:
        assert _raised(lambda f=f: setattr(a, f.name, 2)) == _raised(lambda f=f: setattr(r, f.name, 2)), f.name
        assert _raised(lambda f=f: delattr(a, f.name)) == _raised(lambda f=f: delattr(r, f.name)), f.name
    a, r = made(**given), ref(**given)
    assert repr(dataclasses.replace(a, **{fields[0].name: "new"})) == repr(dataclasses.replace(r, **{fields[0].name: "new"}))
    assert dataclasses.asdict(a) == dataclasses.asdict(r)
    assert dataclasses.astuple(a) == dataclasses.astuple(r)
    assert repr(copy.copy(a)) == repr(copy.copy(r))
    assert repr(copy.deepcopy(a)) == repr(copy.deepcopy(r))
    assert repr(pickle.loads(pickle.dumps(a))) == repr(pickle.loads(pickle.dumps(r)))


def test_compiled_ahead_is_current() -> None:
    """simulator/quickdata/ahead.py is what `python -m simulator.quickdata` makes of the classes now (else run it)."""
    assert makeahead.is_current("quickdata", render()), "run `python -m simulator.quickdata`"


def test_a_class_changed_since_is_compiled_at_import() -> None:
    """A class whose methods' text is not the one kept ahead is compiled on the spot: right, only slower."""
    from simulator.quickdata import ahead

    key = f"{__name__}.Fresh"
    ahead.MADE[key] = (ahead.MADE["simulator.scenario.model.Loc"][0], "some older text")
    try:

        @dataclass(frozen=True, slots=True)
        class Fresh:
            """Not what was kept."""

            a: int
            b: str = "x"

        assert repr(Fresh(1)) == "test_a_class_changed_since_is_compiled_at_import.<locals>.Fresh(a=1, b='x')"
        assert Fresh(1) == Fresh(1) and Fresh(1) != Fresh(2) and hash(Fresh(1)) == hash((1, "x"))
    finally:
        del ahead.MADE[key]


def test_a_repr_that_reaches_itself_stops() -> None:
    """A record holding itself shows `...` there, as dataclasses' repr does."""

    @dataclass
    class Box:
        """A box."""

        inside: Any = None

    box = Box()
    box.inside = box
    assert repr(box).endswith("Box(inside=...)")


def test_what_it_does_not_copy_goes_to_dataclasses() -> None:
    """__post_init__, ClassVar, a field outside __init__, a dataclass base: made by dataclasses itself, and still right."""

    @dataclass(frozen=True)
    class Posted:
        """Computes after init."""

        n: int
        double: int = field(init=False, default=0)

        def __post_init__(self) -> None:
            object.__setattr__(self, "double", self.n * 2)

    @dataclass
    class Counted:
        """Has a class variable."""

        made: ClassVar[int] = 0
        n: int = 1

    @dataclass(frozen=True)
    class Child(Posted):
        """Inherits."""

        extra: str = ""

    assert Posted(3).double == 6 and Posted not in quickdata.MADE
    assert Counted().n == 1 and [f.name for f in dataclasses.fields(Counted)] == ["n"] and Counted not in quickdata.MADE
    assert Child(2, extra="x").double == 4 and Child not in quickdata.MADE


def test_a_default_before_a_required_field_is_refused() -> None:
    """As dataclasses refuses it, with the same message."""
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @dataclass
        class Wrong:
            """Wrong order."""

            a: int = 1
            b: int  # type: ignore[misc]


def test_a_frozen_class_sets_its_own_slots_directly_and_a_subclass_as_dataclasses_would() -> None:
    """A frozen class with slots sets each field through its slot; an instance of a subclass that made a field's name
    mean something else (here a property) is set by name, as dataclasses' own __init__ does."""

    def made_by(decorate: Any) -> tuple[type, type]:
        @decorate(frozen=True, slots=True)
        class Pair:
            """Two values."""

            a: int
            b: list[int] = field(default_factory=list)

        class Seen(Pair):
            seen: ClassVar[list[object]] = []
            a = property(lambda self: "read", lambda self, value: Seen.seen.append(value))  # type: ignore[assignment]

        return Pair, Seen

    (mine, mine_sub), (ref, ref_sub) = made_by(dataclass), made_by(dataclasses.dataclass)
    assert repr(mine(1)) == repr(ref(1)) and mine(1, [2]) == mine(1, [2])
    mine_sub(5, [6])
    ref_sub(5, [6])
    assert mine_sub.seen == ref_sub.seen == [5]  # type: ignore[attr-defined]
    assert "if self.__class__ is _own_class" in quickdata.SOURCES[f"{__name__}.{mine.__qualname__}"]
