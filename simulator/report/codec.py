"""Frozen dataclasses to plain JSON data and back, guided by their type hints.

The debrief is a tree of frozen dataclasses; its JSON export must be the
same content, and ``from_data(Debrief, to_data(d)) == d`` must hold. Rather
than hand-write a ``to_dict``/``from_dict`` pair per class (and let them
drift), one small codec walks the annotations. Sequences of ``(name, int)``
pairs, the model's way of keeping dimension order, become JSON objects
(``{"tone": 1}``), which keep their order too.

What each type hint asks for is worked out once per hint (:func:`_reader`,
:func:`_writer`), not again for every value: a debrief of a long record holds
hundreds of thousands of values, and asking ``typing`` about each one's hint
was most of the time its report took.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

Convert = Callable[[Any], Any]


class CodecError(ValueError):
    """Data that does not fit the type it is read as (a damaged or foreign file)."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_pairs(tp: Any) -> bool:
    """``tuple[tuple[str, X], ...]``: ordered named values, written as a JSON object."""
    if get_origin(tp) is not tuple:
        return False
    args = get_args(tp)
    if len(args) != 2 or args[1] is not Ellipsis or get_origin(args[0]) is not tuple:
        return False
    inner = get_args(args[0])
    return len(inner) == 2 and inner[0] is str


def to_data(value: Any, tp: Any = None) -> Any:
    """Plain data (dicts, lists, str, int, float, bool, None) for ``value``."""
    return _writer(tp)(value)


@cache
def _fields_of(cls: type) -> tuple[tuple[str, Convert], ...]:
    hints = _hints(cls)
    return tuple((f.name, _writer(hints.get(f.name))) for f in fields(cls))


def _plain(value: Any) -> Any:
    """A value written as the hint says nothing more of it (a leaf, a dataclass, a list or a mapping of anything)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return {name: write(getattr(value, name)) for name, write in _fields_of(type(value))}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@cache
def _writer(tp: Any) -> Convert:
    """How a value with the type hint ``tp`` is written; a dataclass value is written by its own class's hints."""
    if tp is None:
        return _plain
    if _is_pairs(tp):
        inner = _writer(get_args(get_args(tp)[0])[1])
        return lambda value: {k: inner(v) for k, v in value} if not (is_dataclass(value) and not isinstance(value, type)) else _plain(value)
    args = get_args(tp)
    item = _writer(args[0]) if len(args) == 2 and args[1] is Ellipsis else _plain
    mapped = _writer(args[1]) if len(args) == 2 else _plain

    def write(value: Any) -> Any:
        if isinstance(value, str | int | float | bool) or value is None:
            return value
        if is_dataclass(value) and not isinstance(value, type):
            return _plain(value)
        if isinstance(value, tuple | list):
            return [item(v) for v in value]
        if isinstance(value, Mapping):
            return {str(k): mapped(v) for k, v in value.items()}
        return value

    return write


def from_data(tp: Any, data: Any) -> Any:
    """The value of type ``tp`` that :func:`to_data` wrote as ``data``."""
    return _reader(tp)(data)


def _dataclass_reader(tp: type) -> Convert:
    plan: list[tuple[str, Convert]] = []  # filled at the first read: a class may (through its fields) refer to itself

    def read(data: Any) -> Any:
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {tp.__name__}, found {type(data).__name__}")
        if not plan:
            hints = _hints(tp)
            plan.extend((f.name, _reader(hints[f.name])) for f in fields(tp))
        kwargs = {name: convert(data[name]) for name, convert in plan if name in data}
        try:
            return tp(**kwargs)
        except TypeError as exc:
            raise CodecError(f"{tp.__name__}: {exc}") from exc

    return read


def _union_reader(tp: Any) -> Convert:
    args = get_args(tp)
    optional = type(None) in args
    readers = [_reader(arg) for arg in args if arg is not type(None)]

    def read(data: Any) -> Any:
        if data is None and optional:
            return None
        for convert in readers:
            try:
                return convert(data)
            except CodecError:
                continue
        raise CodecError(f"{data!r} fits none of {tp}")

    return read


def _pairs_reader(tp: Any) -> Convert:
    inner = _reader(get_args(get_args(tp)[0])[1])

    def read(data: Any) -> Any:
        if not isinstance(data, dict):
            raise CodecError(f"expected an object of named values, found {type(data).__name__}")
        return tuple((str(k), inner(v)) for k, v in data.items())

    return read


def _tuple_reader(tp: Any) -> Convert:
    args = get_args(tp)
    if len(args) == 2 and args[1] is Ellipsis:
        item = _reader(args[0])

        def read_all(data: Any) -> Any:
            if not isinstance(data, list):
                raise CodecError(f"expected a list, found {type(data).__name__}")
            return tuple(item(v) for v in data)

        return read_all
    readers = [_reader(a) for a in args]

    def read_fixed(data: Any) -> Any:
        if not isinstance(data, list):
            raise CodecError(f"expected a list, found {type(data).__name__}")
        if len(readers) != len(data):
            raise CodecError(f"expected {len(readers)} items, found {len(data)}")
        return tuple(convert(v) for convert, v in zip(readers, data, strict=True))

    return read_fixed


def _dict_reader(tp: Any) -> Convert:
    value = _reader(get_args(tp)[1])

    def read(data: Any) -> Any:
        if not isinstance(data, dict):
            raise CodecError(f"expected an object, found {type(data).__name__}")
        return {str(k): value(v) for k, v in data.items()}

    return read


def _literal_reader(tp: Any) -> Convert:
    allowed = get_args(tp)

    def read(data: Any) -> Any:
        if data not in allowed:
            raise CodecError(f"{data!r} is not one of {allowed}")
        return data

    return read


def _float(data: Any) -> Any:
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise CodecError(f"expected a number, found {data!r}")
    return float(data)


def _exactly(kind: type) -> Convert:
    def read(data: Any) -> Any:
        # bool is an int in Python; keep the two apart so a damaged file is caught.
        if not isinstance(data, kind) or (kind is int and isinstance(data, bool)):
            raise CodecError(f"expected {kind.__name__}, found {data!r}")
        return data

    return read


@cache
def _reader(tp: Any) -> Convert:
    """How data written for the type hint ``tp`` is read back (worked out once per hint)."""
    origin = get_origin(tp)
    if isinstance(tp, type) and is_dataclass(tp):
        return _dataclass_reader(tp)
    if origin in (Union, types.UnionType):
        return _union_reader(tp)
    if _is_pairs(tp):
        return _pairs_reader(tp)
    if origin is tuple:
        return _tuple_reader(tp)
    if origin in (dict, Mapping):
        return _dict_reader(tp)
    if origin is Literal:
        return _literal_reader(tp)
    if tp is Any:
        return lambda data: data
    if tp is float:
        return _float
    if tp in (int, str, bool):
        return _exactly(tp)

    def unknown(data: Any) -> Any:
        raise CodecError(f"cannot read a value of type {tp}")

    return unknown
