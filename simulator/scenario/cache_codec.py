"""A loaded scenario as plain JSON data and back: what the load cache keeps (never pickle).

:func:`encode` turns a :class:`~simulator.scenario.loader.LoadResult` (the
model, when it loaded, and every diagnostic) into lists, dicts, strings,
numbers, booleans and None; :func:`decode` builds the same model again from
them through the classes' own constructors. Nothing in the data names a class
or a function to call: the shape of each value comes from the model's type
annotations, read once per process, so a field added to the model is carried
without a change here (and a type this module does not know is refused when
the codec is made, not written half).

Each dataclass is a list of its fields in order. A condition is its source
text and its tree with every name already resolved, compiled again on decode;
the calendar is its referral date and holidays; the scenario's lookup tables
are rebuilt from the lists they index, so they share objects as a freshly
built model does; the empty stage directions decode to the very
:data:`~simulator.scenario.staging.NO_DIRECTIONS` the engine compares with.
"""

from __future__ import annotations

import dataclasses
import enum
import sys
import threading
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from simulator.scenario import conditions as cond
from simulator.scenario.cache_shape import (
    Malformed,
    as_list,
    checked,
    diagnostic_rows,
    diagnostics_of,
    is_kind,
    plain_kind,
    references_hold,
    tree_ok,
    type_hints,
)
from simulator.scenario.calendar import Calendar, calendar_of
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.model import Episode, Evidence, Loc, Node, Scenario
from simulator.scenario.staging import NO_DIRECTIONS, Directions

Convert = Callable[[Any], Any]

#: Fields the scenario computes from its other fields; rebuilt on decode, never stored.
_INDEXES = ("characters", "episode_by_id", "choice_by_id", "milestone_by_id")


class CodecError(TypeError):
    """A model type this codec cannot carry (a programming error, found when the codec is made)."""


def _same(value: Any) -> Any:
    return value


def _canonical(_root: str, member: str) -> str:
    return member


def _hints(cls: type) -> dict[str, Any]:
    # staging names Loc only for the type checker (the model imports staging), so it is supplied here.
    return type_hints(cls, {**vars(sys.modules[cls.__module__]), "Loc": Loc})


@cache
def _codec(kind: Any) -> tuple[Convert | None, Convert | None]:
    """(encoder, decoder) for a type; None where the value is already plain data."""
    if plain_kind(kind) is not None:
        return None, None
    if kind is Path:
        return str, checked(str, Path)
    if kind is date:
        return date.isoformat, checked(str, date.fromisoformat)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return (lambda v: v.value), kind
    if kind is cond.Condition:
        return _encode_condition, _decode_condition
    if kind is Calendar:
        return _encode_calendar, _decode_calendar
    if kind is Directions:
        return _encode_directions, _decode_directions
    if kind is Scenario:
        return _encode_scenario, _decode_scenario
    if kind is Loc:
        return _encode_loc, _decode_loc
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        return _union(args)
    if origin is tuple:
        return _tuple(args)
    if origin is frozenset:
        enc, dec = _codec(args[0])
        each = dec or checked(args[0], _same)
        return (lambda v: sorted(v if enc is None else map(enc, v))), (lambda v: frozenset(map(each, as_list(v))))
    if origin in (Mapping, dict):
        return _mapping(args[1])
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _dataclass(kind)
    raise CodecError(f"the load cache cannot carry {kind!r}")


def _union(args: tuple[Any, ...]) -> tuple[Convert | None, Convert | None]:
    real = [a for a in args if a is not type(None)]
    codecs = [_codec(a) for a in real]
    if all(enc is None and dec is None for enc, dec in codecs):
        return None, None  # a union of plain kinds (str | None, bool | int | str): JSON keeps them apart
    if len(real) != 1:
        raise CodecError(f"the load cache cannot carry a union of {args!r}")
    enc, dec = codecs[0]
    assert enc is not None and dec is not None
    return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))


def _tuple(args: tuple[Any, ...]) -> tuple[Convert, Convert]:
    if len(args) == 2 and args[1] is Ellipsis:
        enc, dec = _codec(args[0])
        if enc is None and dec is None:
            is_item = is_kind(args[0])

            def plain_items(v: Any) -> tuple[Any, ...]:
                if v.__class__ is not list:
                    raise Malformed("not a list")
                if v and not all(map(is_item, v)):
                    raise Malformed(f"an item is not a {args[0]}")
                return tuple(v)

            return list, plain_items
        each_enc = enc or _same
        each_dec = dec or _same

        def items(v: Any) -> tuple[Any, ...]:
            if v.__class__ is not list:
                raise Malformed("not a list")
            return tuple([each_dec(x) for x in v]) if v else ()  # most nodes have no choices, most lines no stage

        return (lambda v: [each_enc(x) for x in v]), items
    codecs = [_codec(a) for a in args]
    encs = [e or _same for e, _ in codecs]
    if all(e is None and d is None for e, d in codecs) and len(args) == 2:  # a pair of plain values: an effect, a flag
        first, second = is_kind(args[0]), is_kind(args[1])

        def pair(v: Any) -> tuple[Any, ...]:
            if v.__class__ is not list or len(v) != 2 or not (first(v[0]) and second(v[1])):
                raise Malformed(f"not a pair of {args}")
            return (v[0], v[1])

        return list, pair
    decs = [d or checked(a, _same) for a, (_, d) in zip(args, codecs, strict=True)]
    return (lambda v: [e(x) for e, x in zip(encs, v, strict=True)]), (lambda v: tuple([d(x) for d, x in zip(decs, as_list(v), strict=True)]))


def _mapping(value_kind: Any) -> tuple[Convert, Convert]:
    enc, dec = _codec(value_kind)
    each_enc = enc or _same
    each_dec = dec or checked(value_kind, _same)

    def decode(v: Any) -> dict[str, Any]:
        if v.__class__ is not dict:
            raise Malformed("not a mapping")
        return {k: each_dec(x) for k, x in v.items()}

    return (lambda v: {k: each_enc(x) for k, x in v.items()}), decode


def _dataclass(cls: type) -> tuple[Convert, Convert]:
    """Encoder and decoder for a dataclass, written out as code (as :mod:`dataclasses` writes ``__init__``).

    A row is the class's fields in order; decoding checks each plain field's
    kind and calls the constructor.
    """
    hints = _hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.init]
    codecs = [_codec(hints[f.name]) for f in fields]
    size = len(fields)
    space: dict[str, Any] = {"cls": cls, "Malformed": Malformed}
    encoded, decoded = [], []
    checks = []
    for i, (f, (enc, dec)) in enumerate(zip(fields, codecs, strict=True)):
        space[f"e{i}"], space[f"d{i}"] = enc, dec
        encoded.append(f"o.{f.name}" if enc is None else f"e{i}(o.{f.name})")
        decoded.append(f"r[{i}]" if dec is None else f"d{i}(r[{i}])")
        if dec is None:  # plain data: its class (and a literal's value) checked where it is used
            classes, values = plain_kind(hints[f.name]) or (frozenset(), frozenset())
            space[f"k{i}"], space[f"v{i}"] = classes, values
            test = f"r[{i}].__class__ in k{i}"
            checks.append(f"({test} or (r[{i}].__class__ is str and r[{i}] in v{i}))" if values else test)
    encode_source = f"""
def encode(o):
    return [{", ".join(encoded)}]
"""
    decode_source = f"""
def decode(r):
    if r.__class__ is not list or len(r) != {size}:
        raise Malformed("a {cls.__name__} of the wrong shape")
    if not ({" and ".join(checks) or "True"}):
        raise Malformed("a {cls.__name__} with a field of the wrong kind")
    return cls({", ".join(decoded)})
"""
    # Each is compiled the first time it is used: a load that misses only writes, one read back only reads.
    return _compiled(encode_source, "encode", cls, space), _compiled(decode_source, "decode", cls, space)


def _compiled(source: str, name: str, cls: type, space: dict[str, Any]) -> Convert:
    made: Convert | None = None

    def call(value: Any) -> Any:
        nonlocal made
        if made is None:
            exec(compile(source, f"<load cache {name} for {cls.__name__}>", "exec"), space)  # code written here from the model's own fields
            made = space[name]
        return made(value)

    return call


# -- the special cases --------------------------------------------------------
class _Files(threading.local):
    """The file names of one encode or decode: a location is written as one number, its file as an index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.names: list[str] = []


_files = _Files()
_FIELD = 1 << 24


def _encode_loc(loc: Loc) -> Any:
    if 0 <= loc.line < _FIELD and 0 <= loc.col < _FIELD:
        index = _files.index.setdefault(loc.file, len(_files.index))
        return (index << 48) | (loc.line << 24) | loc.col
    return [loc.file, loc.line, loc.col]


def _decode_loc(value: Any) -> Loc:
    if value.__class__ is int and value >= 0:
        return Loc(_files.names[value >> 48], (value >> 24) & (_FIELD - 1), value & (_FIELD - 1))
    file, line, col = value
    if file.__class__ is not str or line.__class__ is not int or col.__class__ is not int:
        raise Malformed("a location of the wrong shape")
    return Loc(file, line, col)


def _encode_condition(c: cond.Condition) -> list[Any]:
    return [c.source, c.tree]


def _decode_condition(row: Any) -> cond.Condition:
    source, tree = row
    if type(source) is not str or not tree_ok(tree):
        raise Malformed("a condition of the wrong shape")
    # The tree stays in JSON's lists: the compiler only indexes it, and it is kept only to be written again.
    return cond.Condition(source, cond.compile_condition(typing.cast(cond.Ast, tree), _canonical), tree)


def _encode_calendar(c: Calendar) -> list[Any]:
    return [c.referral.isoformat(), sorted(d.isoformat() for d in c.holidays), c.days_a_week == 7]


def _decode_calendar(row: Any) -> Calendar:
    referral, holidays, weekends = row
    return calendar_of(date.fromisoformat(referral), frozenset(date.fromisoformat(d) for d in holidays), weekends is True)


def _encode_directions(d: Directions) -> Any:
    return None if d is NO_DIRECTIONS else _directions()[0](d)


def _decode_directions(row: Any) -> Directions:
    return NO_DIRECTIONS if row is None else _directions()[1](row)


@cache
def _directions() -> tuple[Convert, Convert]:
    return _dataclass(Directions)


@cache
def _scenario_fields() -> tuple[list[str], Convert, Convert]:
    hints = _hints(Scenario)
    names = [f.name for f in dataclasses.fields(Scenario) if f.name not in _INDEXES]
    codecs = {name: _codec(hints[name]) for name in names}

    node_enc, node_dec = _codec(Node)
    assert node_enc is not None and node_dec is not None

    def encode(s: Scenario) -> list[Any]:
        out = []
        for name in names:
            enc = codecs[name][0]
            value = getattr(s, name)
            if name == "nodes":  # a list: each node carries its id
                out.append([node_enc(n) for n in value.values()])
            else:
                out.append(value if enc is None else enc(value))
        return out

    def decode(row: Any) -> dict[str, Any]:
        if type(row) is not list or len(row) != len(names):
            raise Malformed("a scenario of the wrong shape")
        values = {name: (v if codecs[name][1] is None or name == "nodes" else codecs[name][1](v)) for name, v in zip(names, row, strict=True)}  # type: ignore[misc]
        nodes = [node_dec(n) for n in values["nodes"]]
        values["nodes"] = {n.id: n for n in nodes}
        if len(values["nodes"]) != len(nodes):
            raise Malformed("two nodes with one id")
        return values

    return names, encode, decode


def _encode_scenario(s: Scenario) -> list[Any]:
    row: list[Any] = _scenario_fields()[1](s)
    return row


def _decode_scenario(row: Any) -> Scenario:
    values = _scenario_fields()[2](row)
    references_hold(values)
    return Scenario(
        **values,
        characters={c.id: c for c in values["cast"]},
        episode_by_id={e.id: e for e in values["episodes"]},
        choice_by_id={c.id: c for n in values["nodes"].values() for c in n.choices},
        milestone_by_id={m.id: m for m in values["milestones"]},
    )


# -- the whole result -------------------------------------------------------
def encode(scenario: Scenario | None, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """A load's outcome as plain data for :func:`json.dumps`."""
    diag_enc = _codec(Diagnostic)[0]
    assert diag_enc is not None
    _files.index = {}
    try:
        row = None if scenario is None else _encode_scenario(scenario)
        return {"files": list(_files.index), "scenario": row, "diagnostics": [diag_enc(d) for d in diagnostics]}
    finally:
        _files.index = {}


def decode(data: Any) -> tuple[Scenario | None, list[Diagnostic]]:
    """The model and diagnostics again; raises on data of another shape (the caller then loads afresh)."""
    _loaded, diagnostics = diagnostics_of(data)
    names = data["files"]
    if type(names) is not list or not all(type(n) is str for n in names):
        raise Malformed("file names of the wrong shape")
    _files.names = names
    try:
        row = data["scenario"]
        return (None if row is None else _decode_scenario(row)), diagnostics
    finally:
        _files.names = []


# -- one episode as built (the per-episode layer, simulator.scenario.cache_build) ----
def encode_episode(episode: Episode, nodes: list[Node], diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """An episode, its nodes and what building them said, as plain data for :func:`json.dumps`."""
    ep_enc, node_enc = _codec(Episode)[0], _codec(Node)[0]
    assert ep_enc is not None and node_enc is not None
    _files.index = {}
    try:
        row, rows = ep_enc(episode), [node_enc(n) for n in nodes]
        return {"files": list(_files.index), "episode": row, "nodes": rows, "diagnostics": diagnostic_rows(diagnostics)}
    finally:
        _files.index = {}


def decode_episode(data: Any) -> tuple[Episode, list[Node], list[Diagnostic]]:
    """What :func:`encode_episode` kept, built again by the classes' constructors; raises on data of another shape."""
    _loaded, diagnostics = diagnostics_of(data)
    names = data["files"]
    if type(names) is not list or not all(type(n) is str for n in names):
        raise Malformed("file names of the wrong shape")
    ep_dec, node_dec = _codec(Episode)[1], _codec(Node)[1]
    assert ep_dec is not None and node_dec is not None
    _files.names = names
    try:
        return ep_dec(data["episode"]), [node_dec(r) for r in as_list(data["nodes"])], diagnostics
    finally:
        _files.names = []


__all__ = ["CodecError", "Evidence", "Malformed", "decode", "decode_episode", "encode", "encode_episode"]
