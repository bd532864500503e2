"""A small condition language, parsed at load time and run without eval.

Authors write conditions such as ``trust.john >= 50 and not flag.walked-out``
on lines, choices and routes. This module turns the text into a tree
(:func:`parse`), reports where it cannot (with the column), and compiles the
tree into plain Python closures (:func:`compile_condition`) that read a
state object: no ``eval``, no ``exec``, and nothing an author writes can
reach Python.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum     := atom (("+" | "-") atom)*
    atom    := NUMBER | TIME | 'text' | "text" | true | false | NAME "." MEMBER | "(" expr ")"

Names are ids, so they may contain hyphens (``flag.promised-call``); the
minus operator therefore needs spaces around it (``score.tone - 1``).
A time of day such as ``09:45`` is read as minutes since midnight, to
compare with ``clock.time``.

Whatever an author (or a damaged file) writes, reading a condition never
recurses without bound: ``and``, ``or`` and ``+``/``-`` chains become one
node with many operands (a thousand conditions joined by ``and`` are one
flat node, compiled to a loop), and brackets and ``not`` may nest at most
:data:`MAX_NESTING` levels, past which the condition is refused with a
column. Numbers longer than :data:`MAX_NUMBER_DIGITS` digits are refused
before Python's ``int()`` meets them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from typing import Any, Protocol

from simulator.quickdata import dataclass
from simulator.scenario.compiled import compile_condition as compile_condition  # the compiler of checked trees lives there

MAX_NESTING = 32
MAX_NUMBER_DIGITS = 15
ROOTS = ("trust", "score", "flag", "clock", "chose", "seen", "held", "overdue", "last")
CLOCK_MEMBERS = ("day", "month", "time", "late", "phoned")

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<time>\d{1,2}:\d{2})
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\(|\))
  | (?P<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)*)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false"}

# AST nodes are tuples: ("lit", value), ("ref", root, member, col), ("not", a),
# ("and", a, b, ...), ("or", a, b, ...) with two or more operands, ("cmp", op, a, b),
# and ("sum", first, (op, term), (op, term), ...) for a chain of + and -.
Ast = tuple[Any, ...]


class ConditionError(ValueError):
    """A condition that cannot be read; ``col`` is 1-based within the text."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.col = col


class Context(Protocol):
    """What a compiled condition reads: the engine's state provides these."""

    trust: dict[str, int]
    scores: dict[str, int]
    flags: dict[str, bool | int | str]
    chosen: set[str]
    seen: set[str]
    held: dict[str, int]
    overdue: dict[str, int]
    last_effects: dict[str, int]
    last_path: str
    day: int
    month: int
    minutes: int
    late: int
    phoned: bool


@dataclass(frozen=True, slots=True)
class Condition:
    """A checked, compiled condition, the text it came from, and its tree with every name resolved (what the load cache keeps)."""

    source: str
    test: Callable[[Any], bool]
    tree: Any = field(default=(), compare=False)

    def __call__(self, state: Any) -> bool:
        return self.test(state)


_CURLY = "‘’‚‛“”„‟«»′″"
# What follows the dot, for a hint: any scenario's own ids (a children's case's names would mislead an adult case's author).
_EXAMPLE = {
    "trust": "<character id>", "score": "<dimension id>", "flag": "<flag name>", "clock": "late", "chose": "<choice id>",
    "seen": "<node id>", "held": "<milestone id>", "overdue": "<milestone id>", "last": "path",
}


_DASHES = "\u2013\u2014\u2212"  # en dash, em dash, minus sign
_MATHS = {"\u2265": ">=", "\u2264": "<=", "\u2260": "!="}


def _unexpected(text: str, i: int) -> str:
    """Why a character cannot start a token, with a hint for the usual slips (curly quotes, a single `=`)."""
    ch = text[i]
    if ch in _CURLY:
        return f"`{ch}` is a curly quote (editors often type them): conditions need straight quotes, as in last.path == 'enabler'"
    if ch in _DASHES:
        return f"`{ch}` is a dash (word processors turn a minus into one): write a plain minus `-`, with a space either side"
    if ch in _MATHS:
        return f"`{ch}` is not an operator here: write `{_MATHS[ch]}`"
    if ch == "=":
        return "`=` on its own is not a comparison: write `==` to compare"
    if ch == "!":
        return "`!` on its own is not an operator: write `not`, or `!=` for is-not-equal"
    if ch in "&|":
        return f"`{ch}` is not an operator here: write `and` or `or`"
    start = i
    while start and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
        start -= 1
    word = _WORDLIKE.match(text, start)
    if word and any(c.isupper() or c == "_" for c in word.group()):  # `trust.Ruby`, `flag.promised_message`
        meant = re.sub(r"[_-]+", "-", word.group()).lower()
        return f"unexpected `{ch}` in `{word.group()}`: names are lowercase words joined by hyphens (did you mean `{meant}`?)"
    return f"unexpected `{ch}`"


_WORDLIKE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")


def tokens(text: str) -> list[tuple[str, str, int]]:
    """Split a condition into (kind, text, column) tokens."""
    out: list[tuple[str, str, int]] = []
    i = 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if not m:
            raise ConditionError(_unexpected(text, i), i + 1)
        kind = m.lastgroup or ""
        if kind != "ws":
            value = m.group()
            if kind == "name" and value in _KEYWORDS:
                kind = value
            out.append((kind, value, i + 1))
        i = m.end()
    out.append(("end", "", len(text) + 1))
    return out


_COMPARE = frozenset({"==", "!=", "<", "<=", ">", ">="})


class _Parser:
    """Recursive descent over the tokens; the next token is read in place (``toks[i]``), not through a method: a
    scenario's hundreds of conditions each pass every level for every operand."""

    def __init__(self, text: str) -> None:
        self.toks = tokens(text)
        self.i = 0
        self.depth = 0

    def deeper(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(f"the condition nests brackets and `not` more than {MAX_NESTING} levels deep; write it more simply", col)

    def parse(self) -> Ast:
        tree = self.joined("or")
        kind, value, col = self.toks[self.i]
        if kind != "end":
            if str(value).lower() in ("am", "pm"):
                raise ConditionError(f"unexpected `{value}`: a time of day is written 24-hour, hours and minutes", col)
            raise ConditionError(f"unexpected `{value}`; join conditions with `and` or `or`", col)
        return tree

    def joined(self, word: str) -> Ast:
        """Operands joined by ``word``: `or` joins `and`-joins, which join what :meth:`not_` reads."""
        first = self.joined("and") if word == "or" else self.not_()
        if self.toks[self.i][0] != word:
            return first
        operands = [first]
        while self.toks[self.i][0] == word:
            self.i += 1
            operands.append(self.joined("and") if word == "or" else self.not_())
        return (word, *operands)

    def not_(self) -> Ast:
        # `not not not x` loops rather than recursing, counting each towards the nesting cap.
        toks = self.toks
        if toks[self.i][0] != "not":
            return self.compare()
        nots = 0
        while toks[self.i][0] == "not":
            self.deeper(toks[self.i][2])
            self.i += 1
            nots += 1
        tree = self.compare()
        self.depth -= nots
        for _ in range(nots):
            tree = ("not", tree)
        return tree

    def compare(self) -> Ast:
        left = self.sum_()
        toks = self.toks
        kind, value, _ = toks[self.i]
        if kind == "op" and value in _COMPARE:
            self.i += 1
            right = self.sum_()
            nxt = toks[self.i]
            if nxt[0] == "op" and nxt[1] in _COMPARE:
                raise ConditionError("compare two things at a time; join comparisons with `and`", nxt[2])
            return ("cmp", value, left, right)
        return left

    def sum_(self) -> Ast:
        first = self.atom()
        toks = self.toks
        terms: list[tuple[str, Ast]] = []
        while (tok := toks[self.i])[0] == "op" and tok[1] in ("+", "-"):
            self.i += 1
            terms.append((tok[1], self.atom()))
        return ("sum", first, *terms) if terms else first

    def atom(self) -> Ast:
        kind, value, col = self.toks[self.i]
        self.i += 1
        if kind == "name":
            root, _, member = value.partition(".")
            if not member:
                if root in ROOTS:
                    hint = f"`{root}` needs a part after a dot, like `{root}.{_EXAMPLE.get(root, 'name')}`"
                else:
                    hint = f"`{root}` is not something a condition can read: if it is text, put it in straight quotes, '{root}'; if it is a flag, write `flag.{root}`"
                raise ConditionError(hint, col)
            return ("ref", root, member, col)
        if kind == "num":
            return ("lit", _number(value, col))
        if kind == "time":
            hours, _, mins = value.partition(":")
            if int(hours) > 23 or int(mins) > 59:
                raise ConditionError(f"`{value}` is not a time of day", col)
            return ("lit", int(hours) * 60 + int(mins))
        if kind == "str":
            return ("lit", value[1:-1])
        if kind in ("true", "false"):
            return ("lit", kind == "true")
        if kind == "op" and value == "(":
            self.deeper(col)
            inner = self.joined("or")
            close = self.toks[self.i]
            self.i += 1
            if close[1] != ")":
                raise ConditionError("a `(` is not closed", close[2])
            self.depth -= 1
            return inner
        if kind == "op" and value == "-":
            nk, nv, ncol = self.toks[self.i]
            self.i += 1
            if nk == "num":
                return ("lit", -_number(nv, ncol))
            raise ConditionError("`-` must be followed by a number here", col)
        if kind == "end":
            raise ConditionError("the condition ends too soon", col)
        raise ConditionError(f"unexpected `{value}`", col)


def _number(text: str, col: int) -> int | float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise ConditionError(f"the number `{text[:12]}…` has {len(text)} digits; conditions use numbers of at most {MAX_NUMBER_DIGITS}", col)
    return float(text) if "." in text else int(text)


def parse(text: str) -> Ast:
    """Parse a condition into a tree; raises :class:`ConditionError` with a column."""
    if not text.strip():
        raise ConditionError("the condition is empty", 1)
    return _Parser(text).parse()


def operands(node: Ast) -> list[Ast]:
    """The sub-trees directly under a node, whatever its kind: walk trees with this, not by their tuple shape."""
    tag = node[0]
    if tag == "not":
        return [node[1]]
    if tag in ("and", "or"):
        return list(node[1:])
    if tag == "cmp":
        return [node[2], node[3]]
    if tag == "sum":
        return [node[1], *(term for _, term in node[2:])]
    return []


def map_refs(tree: Ast, on_ref: Callable[[Ast], Ast]) -> Ast:
    """The tree with each name (``("ref", root, member, col)``) replaced by ``on_ref(name)``, the rest kept."""
    tag = tree[0]
    if tag == "ref":
        return on_ref(tree)
    if tag in ("not", "and", "or"):
        return (tag, *(map_refs(t, on_ref) for t in tree[1:]))
    if tag == "cmp":
        return ("cmp", tree[1], map_refs(tree[2], on_ref), map_refs(tree[3], on_ref))
    if tag == "sum":
        return ("sum", map_refs(tree[1], on_ref), *((op, map_refs(t, on_ref)) for op, t in tree[2:]))
    return tree


def refs(tree: Ast) -> list[tuple[str, str, int]]:
    """Every (root, member, column) the condition reads."""
    out: list[tuple[str, str, int]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        tag = node[0]
        if tag == "ref":
            out.append((node[1], node[2], node[3]))
        elif tag == "not":
            stack.append(node[1])
        elif tag in ("and", "or"):
            stack.extend(reversed(node[1:]))
        elif tag == "cmp":
            stack.extend((node[3], node[2]))
        elif tag == "sum":
            stack.extend(reversed([node[1], *(term for _, term in node[2:])]))
    return out


def comparisons(tree: Ast) -> list[tuple[Ast, Ast]]:
    """Every pair of operands compared (for type checks at load time)."""
    out: list[tuple[Ast, Ast]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        tag = node[0]
        if tag == "cmp":
            out.append((node[2], node[3]))
        if tag == "not":
            stack.append(node[1])
        elif tag in ("and", "or"):
            stack.extend(node[1:])
        elif tag == "cmp":
            stack.extend((node[2], node[3]))
        elif tag == "sum":
            stack.extend([node[1], *(term for _, term in node[2:])])
    return out


def value_kind(tree: Ast, flag_kinds: dict[str, set[str]]) -> set[str]:
    """The kinds of value an operand can have: "number", "bool", "text"."""
    tag = tree[0]
    if tag == "lit":
        v = tree[1]
        if isinstance(v, bool):
            return {"bool"}
        return {"number"} if isinstance(v, (int, float)) else {"text"}
    if tag == "sum":
        return {"number"}
    if tag in ("not", "and", "or", "cmp"):
        return {"bool"}
    root, member = tree[1], tree[2]
    if root in ("chose", "seen", "held"):
        return {"bool"}
    if root == "clock":
        return {"bool"} if member == "phoned" else {"number"}
    if root == "last" and member == "path":
        return {"text"}
    if root == "flag":
        return flag_kinds.get(member, {"bool"})
    return {"number"}
