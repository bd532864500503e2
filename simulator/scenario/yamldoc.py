"""What a strict read of a YAML file makes: its plain data, where each part was written, and its problems.

Shared by the two readers (:mod:`simulator.scenario.yamllean` for a file with nothing to report,
:mod:`simulator.scenario.yamlreport` for one with something to say) and by the load cache, which
keeps and reads back the same documents (:mod:`simulator.scenario.cache_parse`).
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from typing import Any

from simulator.quickdata import dataclass
from simulator.scenario.diagnostics import Diagnostic

MAX_DEPTH = 48
MAX_NUMBER_CHARS = 40

Pos = tuple[int, int]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_NUMBER_START = frozenset("+-.0123456789")
_FALSE = frozenset({"false", "False", "FALSE"})


_NONE: dict[Any, Pos] = {}


@dataclass(slots=True)
class Positions:
    """Where each key and item of a document was written.

    ``keys[id(mapping)][key]`` is the (line, col) of the key, and
    ``items[id(container)][key_or_index]`` the position of its value; both
    1-based. The data itself must stay alive while positions are used,
    because containers are found by identity.
    """

    keys: dict[int, dict[str, Pos]] = field(default_factory=dict)
    items: dict[int, dict[Any, Pos]] = field(default_factory=dict)
    root: Pos = (1, 1)

    def key(self, container: object, key: object) -> Pos | None:
        return self.keys.get(id(container), {}).get(key) if isinstance(key, str) else None

    def value(self, container: object, key: object) -> Pos | None:
        return self.items.get(id(container), {}).get(key)

    def locate(self, data: object, path: tuple[Any, ...], *, prefer_key: bool = False) -> Pos:
        """The best position for ``path`` inside ``data``.

        Walks as far down the path as the data goes and returns the position
        of the deepest part found, so a schema error always lands on a line.
        """
        # Called for every line, choice and node the builder places: written for speed, same walk as it reads.
        keys, items = self.keys, self.items
        best = self.root
        node = data
        last = len(path) - 1
        for i, part in enumerate(path):
            if isinstance(node, dict) and part in node:
                here = id(node)
                key_pos = keys.get(here, _NONE).get(part) if isinstance(part, str) else None
                pos = key_pos if (i == last and prefer_key) else items.get(here, _NONE).get(part)
                best = pos or key_pos or best
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                best = items.get(id(node), _NONE).get(part) or best
                node = node[part]
            else:
                break
        return best


_KEYS, _ITEMS = Positions.__dict__["keys"], Positions.__dict__["items"]  # the slots themselves, under LaidOutLater's properties


def _laid_out_first(slot: Any) -> Any:
    """A property over one of :class:`Positions`' slots that lays the positions out before its first read."""

    def read(self: LaidOutLater) -> Any:
        if self._later is not None:
            self._lay_out()
        return slot.__get__(self)

    def write(self: LaidOutLater, value: Any) -> None:
        slot.__set__(self, value)

    return property(read, write)


class LaidOutLater(Positions):
    """Positions whose ``keys`` and ``items`` are laid out in full only the first time either is read.

    Until then ``_later`` holds what they are laid out from (the parser's marks, or positions read back
    from the load cache); a subclass says how in :meth:`_fill`, and may answer questions from ``_later``
    directly while it is still there.
    """

    __slots__ = ("_later",)

    keys = _laid_out_first(_KEYS)
    items = _laid_out_first(_ITEMS)

    def __init__(self, later: Any) -> None:
        self._later: Any = None  # the dataclass's __init__ sets keys and items through the properties above
        super().__init__()
        self._later = later

    def _lay_out(self) -> None:
        later, self._later = self._later, None
        if later is not None:
            self._fill(later, _KEYS.__get__(self), _ITEMS.__get__(self))

    def _fill(self, later: Any, keys: dict[int, dict[str, Pos]], items: dict[int, dict[Any, Pos]]) -> None:
        """Lay out ``keys`` and ``items`` from what was held."""
        raise NotImplementedError


@dataclass(slots=True)
class Document:
    """A parsed file: its data, where everything was, and what went wrong."""

    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]
    #: The texts among the values that are not all ASCII, as the lean reader saw them; None when not known.
    beyond_ascii: list[str] | None = field(default=None, compare=False, repr=False)


class TooLong:
    """A plain number too long to be meant (and, past 4,300 digits, for Python to convert)."""

    __slots__ = ()


TOO_LONG = TooLong()


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar's value by a small YAML 1.2-style table: null, true, false, a whole or finite number, else the text itself."""
    if text and text[0] not in _NUMBER_START:  # most plain scalars are words: no number can start so
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return None if text in _NULLS else text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        # Checked before int(): Python refuses to convert over 4,300 digits
        # with a ValueError, and no scenario number needs more than a few.
        return int(text) if len(text) <= MAX_NUMBER_CHARS else TOO_LONG
    if _FLOAT.match(text):
        number = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
        return number if math.isfinite(number) else TOO_LONG
    return text


def at(mark: Any) -> Pos:
    """The 1-based (line, column) of one of libyaml's marks (0-based)."""
    return (mark.line + 1, mark.column + 1)
