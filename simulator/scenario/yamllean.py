"""The lean strict reader: a file with nothing to report, read with as little as possible per event.

Nearly every file Doorstep reads (every file of every shipped case) has no
anchor, alias, tag, merge key, repeated key, second document or syntax
error. For such a file this reader takes libyaml's events straight from the
C parser and does the least Python work per event: a value goes into its
container and the parser's mark for it onto the container's list, and no
(line, column) pair is made until something asks where a part was written
(:class:`Marked`). A validate of Harris asks about some 1,800 of its
22,000 keys and values.

It reports nothing. At the first sign of anything the reporting reader
(:mod:`simulator.scenario.yamlreport`) would say something about, it
returns None and that reader reads the file from the start, so every
message, and where it points, is the reporting reader's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.scenario import pyyaml
from simulator.scenario.yamldoc import MAX_DEPTH, TOO_LONG, Document, LaidOutLater, Pos, Positions, at, resolve_plain

if TYPE_CHECKING:
    import yaml
    from yaml import events as ev
else:
    yaml = pyyaml.yaml()  # its own patterns compiled only if ever used (pyyaml.py)
    ev = yaml.events

try:  # libyaml's own parser, without the loader's constructor and resolver around it
    from yaml._yaml import CParser as _Parser

    _PLAIN = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    _PLAIN = False

# The plain scalars that are YAML's words for null, true and false; any other is text, unless it starts as a number can (resolve_plain decides).
_WORDS: dict[str, Any] = {w: None for w in ("", "~", "null", "Null", "NULL")} | {w: True for w in ("true", "True", "TRUE")} | {w: False for w in ("false", "False", "FALSE")}
_NUMBER_START = frozenset("+-.0123456789")
_NO_KEY = object()
_NUMBERS: dict[str, Any] = {}  # plain scalars that start as a number can, resolved: a case writes the same few again and again
_KEEP_NUMBERS = 4096


def read(text: str) -> Document | None:
    """The document, if the file has nothing to report; None if it has (or might have) something."""
    if not _PLAIN:  # pragma: no cover - a PyYAML without libyaml: the reporting reader reads every file
        return None
    with pyyaml.plain_events():  # a scalar, a start or an end comes as its arguments (pyyaml.PLAIN)
        return _read(text)


def _read(text: str) -> Document | None:
    parser = _Parser(text)
    get = parser.get_event
    plain = pyyaml.PLAIN
    scalar, mapping_start, sequence_start = plain["ScalarEvent"], plain["MappingStartEvent"], plain["SequenceStartEvent"]
    mapping_end, sequence_end = plain["MappingEndEvent"], plain["SequenceEndEvent"]
    words, number_start, numbers = _WORDS, _NUMBER_START, _NUMBERS
    marks_of: dict[int, list[Any]] = {}  # container -> the marks of its parts: a mapping's key, value, key, value...; a list's items
    order: dict[int, tuple[str, ...]] = {}  # mapping -> its keys as read
    stack: list[tuple[Any, bool, list[Any]]] = []  # the open containers above this one
    node: Any = None  # the open container, None before the root
    in_mapping = False
    key: Any = _NO_KEY  # a mapping's key waiting for its value
    marks: list[Any] = []
    root: Any = None
    documents = 0
    beyond: list[str] = []  # the values' texts that are not all ASCII: all glyphs.check_documents needs to look at
    try:
        while True:
            event: Any = get()
            kind = type(event)
            if kind is scalar:  # the most common event by far
                anchor, tag, _, value, start, _, style = event.args
                if anchor is not None or tag is not None:
                    return None
                if in_mapping and key is _NO_KEY:
                    if value == "<<" and not style:
                        return None
                    key = value
                    marks.append(start)
                    continue
                if not value.isascii():
                    beyond.append(value)
                if not style:
                    if value in words:
                        value = words[value]
                    elif value[0] in number_start:  # a number, or text that starts as one (`1:20`): each text resolved once
                        resolved = numbers.get(value, _NO_KEY)
                        if resolved is _NO_KEY:
                            resolved = resolve_plain(value)
                            if resolved is TOO_LONG:
                                return None
                            if len(numbers) < _KEEP_NUMBERS:
                                numbers[value] = resolved
                        value = resolved
                if in_mapping:
                    node[key] = value
                    key = _NO_KEY
                elif node is not None:
                    node.append(value)
                else:
                    root = value
                    continue
                marks.append(start)
            elif kind is mapping_end or kind is sequence_end:
                if marks:
                    if in_mapping:
                        if len(marks) != 2 * len(node):
                            return None  # a key written twice
                        order[id(node)] = tuple(node)
                    marks_of[id(node)] = marks
                node, in_mapping, marks = stack.pop()
                key = _NO_KEY
            elif kind is mapping_start or kind is sequence_start:
                anchor, tag, _, start, _, _ = event.args
                if anchor is not None or tag is not None or (in_mapping and key is _NO_KEY) or len(stack) >= MAX_DEPTH:
                    return None  # an anchor or tag, a list or mapping as a key, or nesting too deep
                new: Any = {} if kind is mapping_start else []
                if in_mapping:
                    node[key] = new
                    marks.append(start)
                elif node is not None:
                    node.append(new)
                    marks.append(start)
                else:
                    root = new
                stack.append((node, in_mapping, marks))
                node, in_mapping, key, marks = new, kind is mapping_start, _NO_KEY, []
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return None
            elif kind is ev.StreamEndEvent:
                break
            elif kind is ev.AliasEvent:
                return None
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    if root is None:
        return None
    return Document(root, Marked(marks_of, order), [], beyond)


class Marked(LaidOutLater):
    """Positions kept as the parser's marks, container by container: a (line, column) pair is made only when asked for.

    Reads exactly as the :class:`Positions` a reporting read makes of the same file. ``keys`` and
    ``items`` (the load cache keeps them) are laid out in full the first time they are read; until then
    ``_later`` holds each container's marks, and questions are answered from them.
    """

    __slots__ = ("_index", "_order")

    def __init__(self, marks: dict[int, list[Any]], order: dict[int, tuple[str, ...]]) -> None:
        super().__init__(marks)
        self._order = order
        self._index: dict[int, dict[Any, int]] = {}

    def _slot(self, ident: int, key: object) -> int | None:
        """Where the mark of a mapping's ``key`` is in its list (its value's is next), or None (not a key, not a mapping read)."""
        names = self._order.get(ident)
        if names is None:
            return None
        if len(names) <= _FEW:  # a line's or a choice's few keys: looked through, cheaper than a table made for one question
            return 2 * names.index(key) if key in names else None
        index = self._index.get(ident)
        if index is None:
            index = self._index[ident] = dict(zip(names, range(0, 2 * len(names), 2), strict=True))
        return index.get(key)

    def key(self, container: object, key: object) -> Pos | None:
        marks_of: dict[int, list[Any]] | None = self._later
        if marks_of is None:
            return Positions.key(self, container, key)
        slot = self._slot(id(container), key) if isinstance(key, str) else None
        return None if slot is None else at(marks_of[id(container)][slot])

    def value(self, container: object, key: object) -> Pos | None:
        marks_of: dict[int, list[Any]] | None = self._later
        if marks_of is None:
            return Positions.value(self, container, key)
        ident = id(container)
        marks = marks_of.get(ident)
        if marks is None:
            return None
        names = self._order.get(ident)
        if names is not None:
            if len(names) <= _FEW:  # (what _slot does, written out: the builder asks this for every line, choice and node)
                if key not in names:
                    return None
                mark = marks[2 * names.index(key) + 1]
            else:
                slot = self._slot(ident, key)
                if slot is None:
                    return None
                mark = marks[slot + 1]
            return (mark.line + 1, mark.column + 1)
        return at(marks[int(key)]) if key in range(len(marks)) else None  # type: ignore[call-overload]

    def locate(self, data: object, path: tuple[Any, ...], *, prefer_key: bool = False) -> Pos:
        marks_of: dict[int, list[Any]] | None = self._later
        if marks_of is None:
            return Positions.locate(self, data, path, prefer_key=prefer_key)
        best = self.root
        node = data
        last = len(path) - 1
        for i, part in enumerate(path):  # the walk Positions.locate takes, the pair made only for the deepest part found
            if isinstance(node, dict) and part in node:
                slot = self._slot(id(node), part)
                if slot is not None:
                    best = at(marks_of[id(node)][slot if i == last and prefer_key else slot + 1])
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                marks = marks_of.get(id(node), _NO_MARKS)
                if part < len(marks):
                    best = at(marks[part])
                node = node[part]
            else:
                break
        return best

    def _fill(self, later: Any, keys: dict[int, dict[str, Pos]], items: dict[int, dict[Any, Pos]]) -> None:
        marks_of: dict[int, list[Any]] = later
        for ident, marks in marks_of.items():
            names = self._order.get(ident)
            if names is None:
                items[ident] = dict(enumerate(map(at, marks)))
            else:
                keys[ident] = dict(zip(names, map(at, marks[0::2]), strict=True))
                items[ident] = dict(zip(names, map(at, marks[1::2]), strict=True))


_NO_MARKS: list[Any] = []
_FEW = 8  # keys a mapping may have and still be looked through rather than indexed
