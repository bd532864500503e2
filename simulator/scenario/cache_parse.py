"""A strict parse as plain data and back: the payload of a per-file entry (:mod:`simulator.scenario.cache_files`), never pickle.

``[positions, data]``: the data as JSON, and the positions as one run of
whole numbers (base64 of 32-bit unsigned integers, read at C speed), taken
container by container in breadth-first order: for a mapping, each key's
line and column, then each value's; for a list, each item's. A clean parse has
exactly one position per key and item, so nothing else needs saying.
"""

from __future__ import annotations

import base64
import json
import math
import re
from array import array
from typing import Any

from simulator.scenario.yamldoc import LaidOutLater
from simulator.scenario.yamlstrict import MAX_DEPTH, MAX_NUMBER_CHARS, Document, Pos


def encode(doc: Document) -> bytes | None:
    """The document as the payload of an entry, or None when it cannot be kept as one."""
    keys, items = doc.positions.keys, doc.positions.items
    flat = array("I")
    level = [doc.data]
    try:
        while level:
            below = []
            for node in level:
                if type(node) is dict:
                    at_key, at_value = keys.get(id(node), {}), items.get(id(node), {})
                    if list(at_key) != list(node) or list(at_value) != list(node):
                        return None  # not as a clean parse leaves them
                    for k in node:
                        flat.extend(at_key[k])
                    for k, v in node.items():
                        flat.extend(at_value[k])
                        if type(v) is dict or type(v) is list:
                            below.append(v)
                else:
                    at_item = items.get(id(node), {})
                    if list(at_item) != list(range(len(node))):
                        return None
                    for i, v in enumerate(node):
                        flat.extend(at_item[i])
                        if type(v) is dict or type(v) is list:
                            below.append(v)
            level = below
        row = [base64.b64encode(flat.tobytes()).decode("ascii"), doc.data]
        return json.dumps(row, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, OverflowError, RecursionError):
        return None


def decode(payload: bytes) -> Document:
    """The document again; raises ValueError on anything a clean parse could not make.

    Its positions are checked now (one per key and item, no deeper than the parser reads) but laid out, keyed
    by the new containers, only when something first asks where a part was written (:class:`_Deferred`):
    a file read back only for its data (an episode whose build the per-episode layer keeps) never pays for it.
    """
    row = json.loads(payload, parse_constant=_refuse, parse_float=_finite, parse_int=_whole)
    if type(row) is not list or len(row) != 2 or type(row[0]) is not str:
        raise ValueError("not a parsed file")
    if b"\\u" in payload:  # an escape: this writer makes them only for control characters, never a lone surrogate
        _no_surrogates(row[1])
    flat = array("I", base64.b64decode(row[0], validate=True))
    if flat.itemsize != 4 or (flat and min(flat) == 0):
        raise ValueError("positions of the wrong kind")
    data = row[1]
    if len(flat) % 2:
        raise ValueError("half a position")
    order: list[Any] = []  # the non-empty containers, breadth first: the order their positions were written in
    at = 0
    depth = 1
    level = [data] if type(data) is dict or type(data) is list else []
    while level:
        if depth > MAX_DEPTH:
            raise ValueError("nested deeper than the parser reads")
        below = []
        for node in level:
            n = len(node)
            if not n:
                continue
            order.append(node)
            if type(node) is dict:
                at += 4 * n
                values: Any = node.values()
            else:
                at += 2 * n
                values = node
            below += [v for v in values if type(v) is dict or type(v) is list]
        level = below
        depth += 1
    if at != len(flat) or data is None:
        raise ValueError("positions left over or missing, or no data")
    return Document(data, _Deferred(order, flat), [])


class _Deferred(LaidOutLater):
    """Positions read back, laid out (each container's keys and items, by identity) the first time they are read."""

    __slots__ = ()

    def __init__(self, order: list[Any], flat: array[int]) -> None:
        super().__init__((order, flat))

    def _fill(self, later: Any, keys: dict[int, dict[str, Pos]], items: dict[int, dict[Any, Pos]]) -> None:
        order: list[Any] = later[0]
        taken = iter(later[1])
        pairs = list(zip(taken, taken, strict=True))  # (line, column), made at C speed; each container takes a slice
        at = 0
        for node in order:
            n = len(node)
            if type(node) is dict:
                keys[id(node)] = dict(zip(node, pairs[at : at + n], strict=False))
                items[id(node)] = dict(zip(node, pairs[at + n : at + 2 * n], strict=False))
                at += 2 * n
            else:
                items[id(node)] = dict(enumerate(pairs[at : at + n]))
                at += n


_SURROGATE = re.compile("[\ud800-\udfff]")  # libyaml refuses them in escapes; JSON's \\u escapes do not


def _refuse(word: str) -> Any:
    raise ValueError(f"{word} is not a number a scenario file can hold")


def _whole(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError("a number longer than the parser reads")
    return int(text)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def _no_surrogates(data: Any) -> None:
    stack = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            stack.extend(node)
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
        elif type(node) is str and _SURROGATE.search(node):
            raise ValueError("text no YAML file can hold")
