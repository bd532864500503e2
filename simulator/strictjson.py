"""Strict JSON reading: Doorstep's own limits come before the library's.

Records, exports and settings files are JSON that a person may have edited,
damaged or crafted. Python's ``json`` module has limits of its own that fail
with the wrong exception: nesting a few thousand levels deep raises
``RecursionError`` and a whole number over 4,300 digits raises a bare
``ValueError`` from ``int()``. Nothing Doorstep writes nests more than a few
levels or holds a number longer than a 64-bit seed, so ``loads`` turns both
into its own refusal, caps the depth well below the interpreter's, refuses
``NaN`` and ``Infinity`` (not JSON), and raises one error type,
``JSONRefused`` (a ``ValueError``), with a sentence a person can act on.

JSON may also spell a lone surrogate (``"\\ud800"``), which is no character
at all: Python keeps it in the string and every later UTF-8 write (a report,
the store) fails on it. ``loads`` replaces each with U+FFFD, the replacement
character, so a record with one damaged character still gives its report.
"""

from __future__ import annotations

import math
import re
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


_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (and keys) replaced by U+FFFD; iterative, any depth."""
    if isinstance(value, str):
        return _SURROGATE.sub(REPLACEMENT, value)
    if not isinstance(value, (dict, list)):
        return value
    top: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(top, 0, value)]  # (parent, key in parent, container to copy)
    while stack:
        parent, key, item = stack.pop()
        if isinstance(item, dict):
            copy: Any = {}
            for k, v in item.items():
                k2 = _SURROGATE.sub(REPLACEMENT, k) if isinstance(k, str) else k
                copy[k2] = v
                if isinstance(v, (dict, list)):
                    stack.append((copy, k2, v))
                elif isinstance(v, str):
                    copy[k2] = _SURROGATE.sub(REPLACEMENT, v)
        else:
            copy = list(item)
            for i, v in enumerate(copy):
                if isinstance(v, (dict, list)):
                    stack.append((copy, i, v))
                elif isinstance(v, str):
                    copy[i] = _SURROGATE.sub(REPLACEMENT, v)
        parent[key] = copy
    return top[0]


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


def loads(text: str, *, max_depth: int = MAX_DEPTH, repeated: dict[str, list[Any]] | None = None) -> Any:
    """Parse JSON text, or raise ``JSONRefused`` (too deep, a number too long, or not JSON at all).

    A key written twice in one object keeps its last value, in its first place, as every JSON reader
    (and VS Code) takes it. Given ``repeated``, each such key is put there with all its values in the
    order written, so a caller can say so and choose for itself.
    """
    import json  # only when there is JSON to read: a first start, with no settings file yet, need not wait for it

    def noted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) < len(pairs) and repeated is not None:
            seen: dict[str, list[Any]] = {}
            for key, value in pairs:
                seen.setdefault(key, []).append(value)
            for key, values in seen.items():
                if len(values) > 1:
                    repeated.setdefault(key, []).extend(values)
        return out

    hook = noted if repeated is not None else None  # only when asked: a Python call for every object slows long records
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant, object_pairs_hook=hook)
    except JSONRefused:
        raise
    except RecursionError:
        raise JSONRefused(f"the data nests more than {max_depth} levels deep") from None
    except json.JSONDecodeError as exc:
        raise JSONRefused(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if depth_of(data) > max_depth:
        raise JSONRefused(f"the data nests more than {max_depth} levels deep")
    return scrub(data) if _SURROGATE.search(text) or "\\u" in text else data
