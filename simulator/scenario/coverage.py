"""Proving that a decision always offers something: do its options' conditions cover every state?

A decision whose every option carries a ``when`` can, in some state, offer
nothing at all; the trainee would be stuck. The loader refuses such a
decision unless it can prove that in every state at least one condition
holds. The proof is by cases: each value a condition reads takes only a few
values that matter (the numbers it is compared with, one either side, and
the ends of its range; true and false; the values some choice or node sets
a flag to), and when every comparison sets one name against a constant,
trying every combination of those values is exact. The conditions are run
by the same compiled closures the engine uses, on a stand-in state, so the
proof and the playthrough can never disagree about what a condition means.

Where a condition adds names together or compares two names, trying the
values that matter may miss a case; then the proof is refused ("cannot
prove"), unless a state is found in which nothing holds, which is shown as
the example.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from typing import Any

from simulator.quickdata import dataclass
from simulator.scenario import conditions as cond

MAX_CASES = 20_000
PATHS = ("", "enabler", "barrier", "other")
Name = tuple[str, str]  # (root, canonical member)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the conditions cover every state; if not, a state where none holds (or None if unknown)."""

    covered: bool
    example: tuple[tuple[Name, Any], ...] | None = None

    def describe(self) -> str:
        """The example in words: "trust.john is 40 and flag.card is false"."""
        if not self.example:
            return ""
        return " and ".join(_say(name, value) for name, value in self.example)


def _say(name: Name, value: Any) -> str:
    root, member = name
    label = f"{root}.{member}"
    if root in ("chose", "seen", "held") or (root == "clock" and member == "phoned"):
        return f"{label} is {'true' if value else 'false'}"
    if root == "flag" and value is False:
        return f"{label} is not set"
    if isinstance(value, bool):
        return f"{label} is {'true' if value else 'false'}"
    if isinstance(value, str):
        return f"{label} is '{value}'" if value else f"{label} is empty (no choice made yet)"
    if root == "clock" and member == "time":
        return f"{label} is {value // 60:02d}:{value % 60:02d}"
    return f"{label} is {value}"


@dataclass
class Stand:
    """A stand-in for the engine's state with just the values a condition reads."""

    trust: dict[str, int] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=dict)
    flags: dict[str, Any] = field(default_factory=dict)
    chosen: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    held: dict[str, int] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)
    last_effects: dict[str, int] = field(default_factory=dict)
    last_path: str = ""
    day: int = 0
    month: int = 0
    minutes: int = 0
    late: int = 0
    phoned: bool = False

    def set(self, name: Name, value: Any) -> None:
        root, member = name
        if root == "trust":
            self.trust[member] = value
        elif root == "score":
            self.scores[member] = value
        elif root == "flag":
            if value is False:
                self.flags.pop(member, None)
            else:
                self.flags[member] = value
        elif root in ("chose", "seen", "held"):
            target: Any = {"chose": self.chosen, "seen": self.seen, "held": self.held}[root]
            if isinstance(target, set):
                (target.add if value else target.discard)(member)
            elif value:
                target[member] = 0
            else:
                target.pop(member, None)
        elif root == "overdue":
            self.overdue[member] = value
        elif root == "last":
            if member == "path":
                self.last_path = value
            else:
                self.last_effects[member] = value
        elif root == "clock":
            attr = {"day": "day", "month": "month", "time": "minutes", "late": "late", "phoned": "phoned"}[member]
            setattr(self, attr, value)


def _range(name: Name) -> tuple[float, float] | None:
    """The values a numeric name can take (inclusive), or None when it is not a number."""
    root, member = name
    if root == "trust":
        return (0, 100)
    if root == "score":
        return (-math.inf, math.inf)
    if root == "last" and member != "path":
        return (-20, 20)
    if root == "overdue" or (root == "clock" and member in ("day", "month", "time", "late")):
        return (0, math.inf)
    return None


def _finite(name: Name, flag_values: Mapping[str, Iterable[Any]]) -> list[Any] | None:
    """Every value a name can take, when there are few of them."""
    root, member = name
    if root in ("chose", "seen", "held") or (root == "clock" and member == "phoned"):
        return [False, True]
    if root == "last" and member == "path":
        return list(PATHS)
    if root == "flag":
        values: list[Any] = [False]
        for v in flag_values.get(member, ()):
            if not any(v == w and type(v) is type(w) for w in values):
                values.append(v)
        return values
    return None


def _points(literals: Iterable[Any], low: float, high: float) -> list[int]:
    """The whole numbers at which comparisons with these constants can change: each, one either side, the ends, 0."""
    out: set[float] = {0}
    for lit in literals:
        if isinstance(lit, bool) or not isinstance(lit, (int, float)):
            continue
        for p in (math.floor(lit) - 1, math.floor(lit), math.ceil(lit), math.ceil(lit) + 1):
            out.add(p)
    out.update(x for x in (low, high) if math.isfinite(x))
    return sorted(int(p) for p in out if low <= p <= high)


def _walk(tree: cond.Ast, canonical: Callable[[str, str], str], lits: dict[Name, list[Any]], loose: set[Name]) -> None:
    """Note each name's constants, and the names compared other than with a constant (``loose``)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        tag = node[0]
        if tag == "not":
            stack.append(node[1])
        elif tag in ("and", "or"):
            stack.extend(cond.operands(node))
        elif tag == "ref":
            lits.setdefault((node[1], canonical(node[1], node[2])), [])
        elif tag == "sum":
            constants = _literals(node)
            for root, member, _ in cond.refs(node):
                name = (root, canonical(root, member))
                lits.setdefault(name, []).extend(constants)
                loose.add(name)
        elif tag == "cmp":
            a, b = node[2], node[3]
            if a[0] == "ref" and b[0] == "lit":
                lits.setdefault((a[1], canonical(a[1], a[2])), []).append(b[1])
            elif b[0] == "ref" and a[0] == "lit":
                lits.setdefault((b[1], canonical(b[1], b[2])), []).append(a[1])
            else:
                stack.extend((a, b))
                constants = _literals(node)
                for root, member, _ in [*cond.refs(a), *cond.refs(b)]:
                    name = (root, canonical(root, member))
                    lits.setdefault(name, []).extend(constants)
                    loose.add(name)


def _literals(tree: cond.Ast) -> list[Any]:
    """Every constant in a comparison: tried for each name in it when looking for a state where nothing holds."""
    out: list[Any] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] == "lit":
            out.append(node[1])
        elif node[0] in ("cmp", "sum"):
            stack.extend(cond.operands(node))
    return out


def check(
    trees: Sequence[cond.Ast],
    tests: Sequence[Callable[[Any], Any]],
    canonical: Callable[[str, str], str],
    flag_values: Mapping[str, Iterable[Any]],
    possible: Callable[[Mapping[Name, Any]], bool] | None = None,
) -> Verdict:
    """Whether at least one of the conditions holds in every state (``possible``: in every state it allows)."""
    lits: dict[Name, list[Any]] = {}
    loose: set[Name] = set()
    for tree in trees:
        _walk(tree, canonical, lits, loose)
    names = sorted(lits)
    choices: list[list[Any]] = []
    exact = True
    for name in names:
        finite = _finite(name, flag_values)
        if finite is not None:
            choices.append(finite)
            continue
        span = _range(name)
        low, high = span if span is not None else (-math.inf, math.inf)
        if name in loose:
            if math.isfinite(low) and math.isfinite(high):
                choices.append(list(range(int(low), int(high) + 1)))
                continue
            exact = False
        choices.append(_points(lits[name], low, high))
    cases = math.prod(len(c) for c in choices) if choices else 1
    if cases > MAX_CASES:
        # Too many to try every one: try the values that matter for each name alone.
        exact = False
        choices = [c if len(c) <= 3 else [c[0], c[len(c) // 2], c[-1]] for c in choices]
        while math.prod(len(c) for c in choices) > MAX_CASES:
            widest = max(range(len(choices)), key=lambda i: len(choices[i]))
            choices[widest] = choices[widest][:1]
    for combo in itertools.product(*choices):
        state = Stand()
        for name, value in zip(names, combo, strict=True):
            state.set(name, value)
        if not any(test(state) for test in tests) and (possible is None or possible(dict(zip(names, combo, strict=True)))):
            return Verdict(False, tuple(zip(names, combo, strict=True)))
    return Verdict(exact)
