"""Frozen dataclasses to plain JSON data and back, guided by their type hints.

The debrief is a tree of frozen dataclasses; its JSON export must be the
same content, and ``from_data(Debrief, to_data(d)) == d`` must hold. Rather
than hand-write a ``to_dict``/``from_dict`` pair per class (and let them
drift), one small codec walks the annotations. Sequences of ``(name, int)``
pairs, the model's way of keeping dimension order, become JSON objects
(``{"tone": 1}``), which keep their order too.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin


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
    if is_dataclass(value) and not isinstance(value, type):
        hints = _hints(type(value))
        return {f.name: to_data(getattr(value, f.name), hints.get(f.name)) for f in fields(value)}
    if tp is not None and _is_pairs(tp):
        inner = get_args(get_args(tp)[0])[1]
        return {k: to_data(v, inner) for k, v in value}
    if isinstance(value, tuple | list):
        args = get_args(tp) if tp is not None else ()
        item = args[0] if len(args) == 2 and args[1] is Ellipsis else None
        return [to_data(v, item) for v in value]
    if isinstance(value, Mapping):
        args = get_args(tp) if tp is not None else ()
        return {str(k): to_data(v, args[1] if len(args) == 2 else None) for k, v in value.items()}
    return value


def from_data(tp: Any, data: Any) -> Any:
    """The value of type ``tp`` that :func:`to_data` wrote as ``data``."""
    origin = get_origin(tp)
    if isinstance(tp, type) and is_dataclass(tp):
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {tp.__name__}, found {type(data).__name__}")
        hints = _hints(tp)
        kwargs = {}
        for f in fields(tp):
            if f.name in data:
                kwargs[f.name] = from_data(hints[f.name], data[f.name])
        try:
            return tp(**kwargs)
        except TypeError as exc:
            raise CodecError(f"{tp.__name__}: {exc}") from exc
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if data is None and type(None) in args:
            return None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return from_data(arg, data)
            except CodecError:
                continue
        raise CodecError(f"{data!r} fits none of {tp}")
    if _is_pairs(tp):
        if not isinstance(data, dict):
            raise CodecError(f"expected an object of named values, found {type(data).__name__}")
        inner = get_args(get_args(tp)[0])[1]
        return tuple((str(k), from_data(inner, v)) for k, v in data.items())
    if origin is tuple:
        if not isinstance(data, list):
            raise CodecError(f"expected a list, found {type(data).__name__}")
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], v) for v in data)
        if len(args) != len(data):
            raise CodecError(f"expected {len(args)} items, found {len(data)}")
        return tuple(from_data(a, v) for a, v in zip(args, data, strict=True))
    if origin in (dict, Mapping):
        if not isinstance(data, dict):
            raise CodecError(f"expected an object, found {type(data).__name__}")
        _, value_tp = get_args(tp)
        return {str(k): from_data(value_tp, v) for k, v in data.items()}
    if origin is Literal:
        if data not in get_args(tp):
            raise CodecError(f"{data!r} is not one of {get_args(tp)}")
        return data
    if tp is Any:
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise CodecError(f"expected a number, found {data!r}")
        return float(data)
    if tp in (int, str, bool):
        # bool is an int in Python; keep the two apart so a damaged file is caught.
        if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
            raise CodecError(f"expected {tp.__name__}, found {data!r}")
        return data
    raise CodecError(f"cannot read a value of type {tp}")
