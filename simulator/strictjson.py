"""Strict JSON reading: Doorstep's own limits come before the library's.

Records, exports and settings files are JSON that a person may have edited,
damaged or crafted. Python's ``json`` module has limits of its own that fail
with the wrong exception: nesting a few thousand levels deep raises
``RecursionError`` and a whole number over 4,300 digits raises a bare
``ValueError`` from ``int()``. Nothing Doorstep writes nests more than a few
levels or holds a number longer than a 64-bit seed, so ``loads`` turns both
into its own refusal, caps the depth well below the interpreter's, refuses ``NaN`` and ``Infinity`` (not JSON), and raises one error type,
``JSONRefused`` (a ``ValueError``), with a sentence a person can act on.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 64
MAX_NUMBER_CHARS = 40


class JSONRefused(ValueError):
    """The text is not JSON Doorstep will read; the message says why."""


def depth_of(data: Any) -> int:
    """How deeply parsed data's lists and dicts nest, counted with a stack rather than recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return deepest


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONRefused(f"a number has {len(text)} digits; Doorstep's numbers have at most {MAX_NUMBER_CHARS}")
    return int(text)


def _float(text: str) -> float:
    number = float(text) if len(text) <= MAX_NUMBER_CHARS * 2 else math.inf
    if not math.isfinite(number):
        raise JSONRefused(f"the number {text[:12]}{'…' if len(text) > 12 else ''} is too large")
    return number


def _constant(name: str) -> Any:
    raise JSONRefused(f"{name} is not a JSON number")


def loads(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON text, or raise ``JSONRefused`` (too deep, a number too long, or not JSON at all)."""
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except JSONRefused:
        raise
    except RecursionError:
        raise JSONRefused(f"the data nests more than {max_depth} levels deep") from None
    except json.JSONDecodeError as exc:
        raise JSONRefused(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if depth_of(data) > max_depth:
        raise JSONRefused(f"the data nests more than {max_depth} levels deep")
    return data
