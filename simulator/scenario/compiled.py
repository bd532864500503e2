"""Checked condition trees compiled into plain Python closures over a playthrough's state.

:func:`compile_condition` turns a tree from
:func:`simulator.scenario.conditions.parse` (its names already checked and
resolved) into a closure the engine calls with its state: no ``eval``, no
``exec``. ``and``/``or``/``+`` chains are flat nodes compiled to loops; the
usual shapes (a reading compared with a literal, a pair joined by ``and`` or
``or``) are compiled to one call each, with exactly the general closures'
answers, since the engine asks them at every node of every playthrough.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scenario.conditions import Ast


def _num(value: Any) -> int | float:
    if isinstance(value, (int, float)):
        return value
    return 0


def _ordered(op: str) -> Callable[[Any, Any], bool]:
    def compare(a: Any, b: Any) -> bool:
        if isinstance(a, str) != isinstance(b, str):
            return False
        if op == "<":
            return bool(a < b)
        if op == "<=":
            return bool(a <= b)
        if op == ">":
            return bool(a > b)
        return bool(a >= b)

    return compare


def compile_condition(tree: Ast, resolve: Callable[[str, str], str]) -> Callable[[Any], Any]:
    """Turn a checked tree into a closure over a :class:`Context`.

    ``resolve(root, member)`` returns the canonical member name (for example
    a qualified node id for ``seen.``); references must already be checked.
    """
    tag = tree[0]
    if tag == "lit":
        value = tree[1]
        return lambda s: value
    if tag == "ref":
        return _reader(tree[1], resolve(tree[1], tree[2]))
    if tag == "not":
        inner = compile_condition(tree[1], resolve)
        return lambda s: not inner(s)
    if tag in ("and", "or"):
        parts = tuple(compile_condition(operand, resolve) for operand in tree[1:])
        if len(parts) == 2:  # the usual pair, as Python's own `and`/`or` (the value of the deciding operand)
            first, second = parts
            if tag == "and":
                return lambda s: first(s) and second(s)
            return lambda s: first(s) or second(s)
        return _all(parts) if tag == "and" else _any(parts)
    if tag == "sum":
        first = compile_condition(tree[1], resolve)
        terms = tuple((op == "-", compile_condition(term, resolve)) for op, term in tree[2:])
        return _summed(first, terms)
    if tag == "cmp":
        op = tree[1]
        a, b = compile_condition(tree[2], resolve), compile_condition(tree[3], resolve)
        quick = _against_literal(op, tree[2], tree[3], a, b)
        if quick is not None:
            return quick
        if op == "==":
            return lambda s: a(s) == b(s)
        if op == "!=":
            return lambda s: a(s) != b(s)
        cmp = _ordered(op)
        return lambda s: cmp(a(s), b(s))
    raise AssertionError(f"unknown condition node {tag!r}")


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def _text_kind(tree: Ast) -> bool | None:
    """Whether an operand is always text (True), never text (False), or may be either (None: a flag)."""
    if tree[0] == "lit":
        return isinstance(tree[1], str)
    if tree[0] == "ref":
        if tree[1] == "flag":
            return None
        return bool(tree[1] == "last" and tree[2] == "path")
    return False  # sums and the rest are numbers or truth values


def _against_literal(op: str, left: Ast, right: Ast, a: Callable[[Any], Any], b: Callable[[Any], Any]) -> Callable[[Any], Any] | None:
    """A comparison of a reading with a literal, in one call: the same answer as the general closure, which reads the literal through a call of its own.

    An ordered comparison gives False when exactly one side is text; when the
    reading is never text or always text, that is settled here, once.
    """
    if left[0] == right[0] or "lit" not in (left[0], right[0]):
        return None
    kinds = (_text_kind(left), _text_kind(right))
    if op not in ("==", "!=") and (None in kinds or kinds[0] != kinds[1]):
        return None
    compare = _OPERATORS[op]
    if left[0] == "lit":
        value = left[1]
        return lambda s: compare(value, b(s))
    value = right[1]
    return lambda s: compare(a(s), value)


def _all(parts: tuple[Callable[[Any], Any], ...]) -> Callable[[Any], Any]:
    def test(s: Any) -> Any:
        result: Any = True
        for part in parts:  # the value of the first falsy operand, as Python's `and` gives
            result = part(s)
            if not result:
                return result
        return result

    return test


def _any(parts: tuple[Callable[[Any], Any], ...]) -> Callable[[Any], Any]:
    def test(s: Any) -> Any:
        result: Any = False
        for part in parts:
            result = part(s)
            if result:
                return result
        return result

    return test


def _summed(first: Callable[[Any], Any], terms: tuple[tuple[bool, Callable[[Any], Any]], ...]) -> Callable[[Any], Any]:
    def total(s: Any) -> int | float:
        value = _num(first(s))
        for minus, term in terms:
            value = value - _num(term(s)) if minus else value + _num(term(s))
        return value

    return total


def _reader(root: str, member: str) -> Callable[[Any], Any]:
    if root == "trust":
        return lambda s: s.trust.get(member, 0)
    if root == "score":
        return lambda s: s.scores.get(member, 0)
    if root == "flag":
        return lambda s: s.flags.get(member, False)
    if root == "chose":
        return lambda s: member in s.chosen
    if root == "seen":
        return lambda s: member in s.seen
    if root == "held":
        return lambda s: member in s.held
    if root == "overdue":
        return lambda s: s.overdue.get(member, 0)
    if root == "last":
        if member == "path":
            return lambda s: s.last_path
        return lambda s: s.last_effects.get(member, 0)
    if root == "clock":
        if member == "day":
            return lambda s: s.day
        if member == "month":
            return lambda s: s.month
        if member == "time":
            return lambda s: s.minutes
        if member == "late":
            return lambda s: s.late
        if member == "phoned":
            return lambda s: s.phoned
    raise AssertionError(f"unchecked reference {root}.{member}")
