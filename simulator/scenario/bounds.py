"""Whether a condition can ever hold, by the ranges its numbers can take: `score.a + score.b >= 99` when they add to 15 at most.

:mod:`simulator.scenario.coverage` proves things exactly by trying the values
that matter, but a sum of scores has no range it can try (a score has no
limit of its own). Here each number has an interval (trust 0 to 100; a score
between every penalty and every point the scenario's choices could give it)
and a comparison that no pair of values in its sides' intervals can satisfy
is never true. It only ever says "never" when that is certain; anything it
cannot bound (flags, text, ``chose.``) is "maybe".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from simulator.scenario import conditions as cond

Interval = tuple[float, float]
FIXED: dict[tuple[str, str], Interval] = {
    ("clock", "time"): (0, 24 * 60 - 1),
    ("clock", "late"): (0, 24 * 60),
}


def interval(node: cond.Ast, ranges: Callable[[str, str], Interval | None]) -> Interval | None:
    """The values a numeric expression can take, or None when it is not a number this module can bound."""
    tag = node[0]
    if tag == "lit":
        value = node[1]
        return (value, value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    if tag == "ref":
        return ranges(node[1], node[2])
    if tag == "sum":
        first = interval(node[1], ranges)
        if first is None:
            return None
        low, high = first
        for op, term in node[2:]:
            span = interval(term, ranges)
            if span is None:
                return None
            low, high = (low + span[0], high + span[1]) if op == "+" else (low - span[1], high - span[0])
        return low, high
    return None


def never(node: cond.Ast, ranges: Callable[[str, str], Interval | None]) -> bool:
    """True only when the condition is false for every value its numbers can take."""
    tag = node[0]
    if tag == "and":
        return any(never(n, ranges) for n in cond.operands(node))
    if tag == "or":
        return all(never(n, ranges) for n in cond.operands(node))
    if tag == "not":
        return always(node[1], ranges)
    if tag != "cmp":
        return False
    a, b = interval(node[2], ranges), interval(node[3], ranges)
    if a is None or b is None:
        return False
    op = node[1]
    return {
        ">": a[1] <= b[0],
        ">=": a[1] < b[0],
        "<": a[0] >= b[1],
        "<=": a[0] > b[1],
        "==": a[1] < b[0] or a[0] > b[1],
        "!=": a[0] == a[1] == b[0] == b[1],
    }.get(op, False)


def always(node: cond.Ast, ranges: Callable[[str, str], Interval | None]) -> bool:
    """True only when the condition holds for every value its numbers can take."""
    tag = node[0]
    if tag == "and":
        return all(always(n, ranges) for n in cond.operands(node))
    if tag == "or":
        return any(always(n, ranges) for n in cond.operands(node))
    if tag == "not":
        return never(node[1], ranges)
    if tag != "cmp":
        return False
    flipped = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!=", "!=": "=="}[node[1]]
    return never(("cmp", flipped, node[2], node[3]), ranges)


def score_ranges(spans: Mapping[str, Interval]) -> Callable[[str, str], Interval | None]:
    """The ranges of the condition language's numbers, each score within its span (lowest, highest)."""

    def ranges(root: str, member: str) -> Interval | None:
        if root == "trust":
            return (0, 100)
        if root == "score":
            return spans.get(member, (-math.inf, math.inf))
        if root == "clock":
            return FIXED.get((root, member), (0, math.inf))
        return None

    return ranges


def _text(node: cond.Ast) -> str:
    if node[0] == "lit":
        return str(node[1])
    if node[0] == "ref":
        return f"{node[1]}.{node[2]}"
    if node[0] == "sum":
        return " ".join([_text(node[1]), *(f"{op} {_text(term)}" for op, term in node[2:])])
    return "..."


def explain(node: cond.Ast, ranges: Callable[[str, str], Interval | None]) -> str | None:
    """Why a never-true condition is never true, for its first comparison that cannot hold: "`score.a + score.b` is at most 12"."""
    stack = [node]
    while stack:
        here = stack.pop()
        if here[0] == "cmp" and never(here, ranges):
            for side in (here[2], here[3]):
                span = interval(side, ranges)
                if span is not None and side[0] != "lit":
                    low, high = (f"{x:g}" if math.isfinite(x) else None for x in span)
                    if "score" in _text(side) and (low is not None or high is not None):
                        limits = " to ".join(x for x in (low, high) if x is not None)
                        return f"`{_text(side)}` can only be {limits}: a score moves only by the points the scenario's choices and nodes give, and its lateness and overdue penalties"
                    return f"`{_text(side)}` runs from {low} to {high}"
        stack.extend(cond.operands(here))
    return None
