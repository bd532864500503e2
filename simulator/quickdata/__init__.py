"""``dataclass`` with its methods compiled ahead: the same classes, without compiling their methods at every start.

Python 3.11's ``dataclasses`` writes each generated method (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``...) as source text and compiles it
at import, one by one: 14 ms for the scenario model's 19 classes, at the
start of every command. This decorator lets ``dataclasses`` do everything
but write the methods (fields, ``__slots__``, ``__match_args__``, and
``dataclasses.fields``/``replace``/``asdict`` all work as before), then
writes the same methods from the same text: taken from
``simulator/quickdata/ahead.py``, where ``python -m simulator.quickdata``
has compiled them into the package's bytecode, when the text kept there is
the class's text now; compiled on the spot otherwise (never stale, only
slower). A frozen class's ``__setattr__``/``__delattr__`` need no compiling.

It takes the arguments the project uses (``eq``, ``frozen``, ``slots``);
a class it does not copy exactly (``__post_init__``, ``InitVar``,
``ClassVar``, ``KW_ONLY``, a field outside ``__init__``, a dataclass base,
a method of its own that a generated one would replace) is handed to
``dataclasses.dataclass`` unchanged. ``tests/test_quickdata.py`` checks
the result against ``dataclasses`` for every class that uses it.
"""

from __future__ import annotations

import dataclasses
import reprlib
import sys
import types
import weakref
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform, overload

from simulator.quickdata import ahead

__all__ = ["dataclass"]

T = TypeVar("T")

#: The marker a default factory's parameter defaults to: ``dataclasses``' own, so signatures read ``= <factory>``.
_FACTORY: Any = getattr(dataclasses, "_HAS_DEFAULT_FACTORY", None) or type("_Factory", (), {"__repr__": lambda self: "<factory>"})()
#: The methods it writes: a class defining one of them itself goes to ``dataclasses``, which knows what to keep.
_WRITTEN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__post_init__", "__getstate__", "__setstate__")
_PSEUDO = ("ClassVar", "InitVar", "KW_ONLY")
#: The classes whose methods were written here (the rest went to ``dataclasses``): for the tests.
MADE: weakref.WeakSet[type] = weakref.WeakSet()
#: Each class's methods as text, by module and name, as this process wrote them: what `python -m simulator.quickdata` compiles ahead.
SOURCES: dict[str, str] = {}


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)


#: What ``dataclasses`` gives a frozen class with slots so that it pickles.
_GETSTATE: Callable[[Any], list[Any]] = getattr(dataclasses, "_dataclass_getstate", _getstate)
_SETSTATE: Callable[[Any, list[Any]], None] = getattr(dataclasses, "_dataclass_setstate", _setstate)


@overload
def dataclass(cls: type[T], /) -> type[T]: ...


@overload
def dataclass(*, eq: bool = True, frozen: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, Field))
def dataclass(cls: type[T] | None = None, /, *, eq: bool = True, frozen: bool = False, slots: bool = False) -> Any:
    """``dataclasses.dataclass(cls, eq=eq, frozen=frozen, slots=slots)``, its methods compiled together."""

    def wrap(cls: type[T]) -> type[T]:
        if not _copyable(cls):
            return dataclasses.dataclass(cls, eq=eq, frozen=frozen, slots=slots)
        return _make(cls, eq, frozen, slots)

    return wrap if cls is None else wrap(cls)


def _copyable(cls: type) -> bool:
    """True when the class is one whose methods this module writes exactly as ``dataclasses`` would."""
    own = cls.__dict__
    if any(name in own for name in _WRITTEN) or any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return False
    notes = own.get("__annotations__", {})
    if "self" in notes or any(not isinstance(note, str) or any(word in note for word in _PSEUDO) for note in notes.values()):
        return False
    return not any(isinstance(value, Field) and (not value.init or value.kw_only is True) for value in own.values())


def _make(cls: type[T], eq: bool, frozen: bool, slots: bool) -> type[T]:
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:
        cls.__doc__ = "-"  # written below: dataclasses would work it out from a signature of methods not yet written
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, frozen=False, slots=slots)
    fields = dataclasses.fields(made)
    seen_default = False
    for f in fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    names: dict[str, Any] = {"__dataclass_builtins_object__": object, "_HAS_DEFAULT_FACTORY": _FACTORY}
    own_slots = frozen and slots and all(type(made.__dict__.get(f.name)) is types.MemberDescriptorType for f in fields)
    text = [_init(fields, frozen, names, made if own_slots else None), _repr(fields)]
    written = ["__init__", "__repr__"]
    compared = [f for f in fields if f.compare]
    if eq:
        text.append(f" def __eq__(self,other): return {_tuple('self', compared)}=={_tuple('other', compared)} if other.__class__ is self.__class__ else NotImplemented")
        written.append("__eq__")
    if eq and frozen:
        text.append(f" def __hash__(self): return hash({_tuple('self', [f for f in fields if (f.compare if f.hash is None else f.hash)])})")
        written.append("__hash__")
    source = f"def __create_fn__({', '.join(names)}):\n" + "\n".join(text) + f"\n return ({', '.join(written)},)\n"
    module = sys.modules.get(made.__module__)
    space = module.__dict__ if module is not None else {}
    key = f"{made.__module__}.{made.__qualname__}"
    SOURCES[key] = source
    kept = ahead.MADE.get(key)
    if kept is not None and kept[1] == source:  # compiled ahead, into the package's own bytecode
        factory = kept[0]
    else:  # a class written since `python -m simulator.quickdata` last ran, or not in the package: compiled now
        local: dict[str, Any] = {}
        exec(source, space, local)
        factory = local["__create_fn__"]
    for name, made_fn in zip(written, factory(**names), strict=True):
        fn = types.FunctionType(made_fn.__code__, space, made_fn.__name__, made_fn.__defaults__, made_fn.__closure__)  # the class's module's globals, as dataclasses gives
        fn.__qualname__ = f"{made.__qualname__}.{fn.__name__}"
        if name == "__init__":
            fn.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
        setattr(made, name, reprlib.recursive_repr()(fn) if name == "__repr__" else fn)
    if frozen:
        for method in _frozen(made, fields):
            method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
            setattr(made, method.__name__, method)
    if eq and not frozen:
        made.__hash__ = None  # as dataclasses does for a mutable class that compares by value
    if frozen and slots:
        made.__getstate__ = _GETSTATE
        made.__setstate__ = _SETSTATE
    params = made.__dataclass_params__
    params.init, params.repr, params.eq, params.frozen = True, True, eq, frozen
    if not documented:  # what dataclasses writes from inspect.signature (every annotation here is text), without its cost
        made.__doc__ = f"{made.__name__}({', '.join(_shown(f) for f in fields)})"
    MADE.add(made)
    result: type[T] = made
    return result


def _shown(f: Field[Any]) -> str:
    default = "<factory>" if f.default_factory is not MISSING else repr(f.default) if f.default is not MISSING else ""
    return f"{f.name}: {f.type!r}" + (f" = {default}" if default else "")


def _tuple(obj: str, fields: list[Field[Any]] | tuple[Field[Any], ...]) -> str:
    return f"({','.join(f'{obj}.{f.name}' for f in fields)},)" if fields else "()"


def _init(fields: tuple[Field[Any], ...], frozen: bool, names: dict[str, Any], own_slots: type | None = None) -> str:
    """``__init__`` as ``dataclasses`` writes it; for a frozen class whose fields are its own slots (``own_slots``), each
    field set through its slot directly, a third of the cost of ``object.__setattr__`` by name (the model's hundreds of
    thousands of fields), when the instance is of that very class (a subclass may have made a name mean something else)."""
    params, body, direct = ["self"], [], []
    for f in fields:
        value = f.name
        if f.default_factory is not MISSING:
            names[f"_dflt_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_HAS_DEFAULT_FACTORY")
            value = f"_dflt_{f.name}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
        elif f.default is not MISSING:
            names[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}=_dflt_{f.name}")
        else:
            params.append(f.name)
        body.append(f"__dataclass_builtins_object__.__setattr__(self,{f.name!r},{value})" if frozen else f"self.{f.name}={value}")
        if own_slots is not None:
            names[f"_set_{f.name}"] = own_slots.__dict__[f.name].__set__
            direct.append(f"_set_{f.name}(self,{value})")
    if own_slots is not None and fields:
        names["_own_class"] = own_slots
        return f" def __init__({','.join(params)}):\n  if self.__class__ is _own_class: {'; '.join(direct)}\n  else: {'; '.join(body)}"
    return f" def __init__({','.join(params)}): {'; '.join(body) or 'pass'}"


def _repr(fields: tuple[Field[Any], ...]) -> str:
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
    return f' def __repr__(self): return self.__class__.__qualname__ + f"({shown})"'


def _frozen(cls: type, fields: tuple[Field[Any], ...]) -> tuple[Callable[..., None], Callable[..., None]]:
    """A frozen class's ``__setattr__`` and ``__delattr__``: dataclasses' own text, which needs no compiling per class."""
    named = tuple(f.name for f in fields)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in named:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type] # (mypy reads `cls` as an instance here)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in named:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return __setattr__, __delattr__
