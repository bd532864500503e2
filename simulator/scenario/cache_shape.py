"""What a value read back from the load cache must look like before the model is built from it.

The cache is signed (:mod:`simulator.scenario.cache`), so data of the wrong
shape means a bug or someone holding this machine's secret; either way it is
refused here (:class:`Malformed`, and the load runs whole), never handed to
the engine: every plain field is of its annotated class (a whole number is
never a boolean, a literal is one of its values), every condition tree has
the parser's shape, and every id the engine looks up exists.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from simulator.scenario.diagnostics import Diagnostic, Severity

Convert = Callable[[Any], Any]


class Malformed(ValueError):
    """Data that does not have the shape the model needs (never the case for data this codec wrote)."""


@cache
def plain_kind(kind: Any) -> tuple[frozenset[type], frozenset[Any]] | None:
    """For a kind JSON carries as it is: the classes and the literal values it allows; None when it is not plain data."""
    if kind is Any:
        return frozenset({str, int, float, bool, type(None), list, dict}), frozenset()
    if kind is float:
        return frozenset({float, int}), frozenset()
    if kind in (str, int, bool, type(None)):
        return frozenset({kind}), frozenset()
    if typing.get_origin(kind) is typing.Literal:
        return frozenset(), frozenset(typing.get_args(kind))
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        parts = [plain_kind(a) for a in typing.get_args(kind)]
        known = [part for part in parts if part is not None]
        if len(known) == len(parts):
            return frozenset().union(*(c for c, _ in known)), frozenset().union(*(v for _, v in known))
    return None


def is_kind(kind: Any) -> Callable[[Any], bool]:
    """Whether a value is of a plain kind (a whole number is never a boolean, nor the reverse)."""
    plain = plain_kind(kind)
    assert plain is not None
    classes, values = plain
    return lambda v: v.__class__ in classes or (v.__class__ is str and v in values)


def checked(kind: Any, convert: Convert) -> Convert:
    test = is_kind(kind)

    def run(v: Any) -> Any:
        if not test(v):
            raise Malformed(f"{v!r:.40} is not a {kind}")
        return convert(v)

    return run


def as_list(v: Any) -> list[Any]:
    if v.__class__ is not list:
        raise Malformed("not a list")
    found: list[Any] = v
    return found


_OPS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_LITERALS = frozenset({int, float, str, bool})


def tree_ok(tree: Any) -> bool:
    """Whether a condition's tree has the parser's shape throughout (tags, arities, operators, names), at most 64 deep."""
    from simulator.scenario.conditions import ROOTS  # here: validate's read back needs no condition machinery

    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.__class__ is not list or len(node) < 2 or depth > 64:
            return False
        tag = node[0]
        if tag == "lit":
            ok = len(node) == 2 and node[1].__class__ in _LITERALS
        elif tag == "ref":
            ok = len(node) == 4 and node[1] in ROOTS and node[2].__class__ is str and node[3].__class__ is int
        elif tag == "not":
            ok = len(node) == 2
            stack.append((node[1], depth + 1))
        elif tag in ("and", "or"):
            ok = len(node) >= 3
            stack.extend((x, depth + 1) for x in node[1:])
        elif tag == "cmp":
            ok = len(node) == 4 and node[1] in _OPS
            stack.extend(((node[2], depth + 1), (node[3], depth + 1)))
        elif tag == "sum":
            terms = node[2:]
            ok = len(node) >= 3 and all(t.__class__ is list and len(t) == 2 and t[0] in ("+", "-") for t in terms)
            stack.append((node[1], depth + 1))
            stack.extend((t[1], depth + 1) for t in terms if ok)
        else:
            ok = False
        if not ok:
            return False
    return True


def references_hold(values: dict[str, Any]) -> None:
    """Every id the engine looks up is there: the graph's targets, episodes, milestones, speakers, trust and rubric."""
    nodes, episodes = values["nodes"], {e.id: e for e in values["episodes"]}
    characters, dimensions = {c.id for c in values["cast"]}, {d.id for d in values["rubric"]}
    milestones = {m.id for m in values["milestones"]}
    targets: list[Any] = [values["start"]]
    for ep in episodes.values():
        targets.extend((ep.start, *ep.nodes))
        if ep.milestone is not None and ep.milestone not in milestones:
            raise Malformed("an episode at an unknown milestone")
    for n in nodes.values():
        targets.extend((*(c.next for c in n.choices), *(r.next for r in n.route)))
        if n.next is not None:
            targets.append(n.next)
        named = [*(ln.speaker for ln in n.lines if ln.speaker is not None), *(w for w, _ in n.trust), *(w for c in n.choices for w, _ in c.trust)]
        scored = [*(d for d, _ in n.effects), *(d for c in n.choices for d, _ in c.effects)]
        if n.episode not in episodes or not characters.issuperset(named) or not dimensions.issuperset(scored):
            raise Malformed("a node naming what the scenario does not have")
    if not all(t in nodes for t in targets):
        raise Malformed("a way on to a node that is not there")


_DIAGNOSTIC_FIELDS = tuple(f.name for f in dataclasses.fields(Diagnostic))
_DIAGNOSTIC_KINDS: dict[str, tuple[type, ...]] = {"code": (str,), "message": (str,), "file": (str,), "line": (int,), "col": (int,), "suggestion": (str, type(None))}


def diagnostic_rows(diagnostics: list[Diagnostic]) -> list[list[Any]]:
    """Diagnostics as the codec writes them (each field in order, the severity by its value), for a kept load without its model."""
    return [[d.severity.value if name == "severity" else getattr(d, name) for name in _DIAGNOSTIC_FIELDS] for d in diagnostics]


def diagnostics_of(data: Any) -> tuple[bool, list[Diagnostic]]:
    """Whether a kept load succeeded, and its diagnostics, without the model (or the codec that builds it).

    A load kept without its model (what ``doorstep validate`` keeps) says whether it loaded in ``loaded``.
    """
    if type(data) is not dict or type(data.get("diagnostics")) is not list or type(data.get("loaded", False)) is not bool:
        raise ValueError("not a kept load")
    out = []
    for row in data["diagnostics"]:
        if type(row) is not list or len(row) != len(_DIAGNOSTIC_FIELDS):
            raise ValueError("a diagnostic of the wrong shape")
        values = dict(zip(_DIAGNOSTIC_FIELDS, row, strict=True))
        if any(type(values.get(name)) not in kinds for name, kinds in _DIAGNOSTIC_KINDS.items()):
            raise ValueError("a diagnostic with a field of the wrong kind")
        values["severity"] = Severity(values["severity"])
        out.append(Diagnostic(**values))
    return bool(data.get("loaded")) or data.get("scenario") is not None, out


@cache
def _annotation(text: str) -> types.CodeType:
    return compile(text, "<annotation>", "eval")


def type_hints(cls: type, space: dict[str, Any]) -> dict[str, Any]:
    """``typing.get_type_hints(cls, space)`` for a class of one generation whose annotations are all text, each text compiled
    once (get_type_hints compiles every annotation of every class again: 2 ms of the first read back of a model); any
    other class is handed to get_type_hints itself."""
    notes = inspect.get_annotations(cls)
    if len(cls.__mro__) != 2 or not all(isinstance(note, str) for note in notes.values()):
        return typing.get_type_hints(cls, space)
    local = dict(vars(cls))  # what get_type_hints reads first, as its local names
    return {name: eval(_annotation(note), space, local) for name, note in notes.items()}
