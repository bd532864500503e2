"""Strict YAML reading: plain data, exact positions, no surprises.

Scenario files are written by trainers in a text editor, so the reader is
deliberately narrower than YAML itself:

* it builds data straight from libyaml's parse events, so anchors and
  aliases are refused before anything is expanded (an "alias bomb" costs
  nothing) and nesting depth is counted without recursion;
* every plain scalar is resolved by a small YAML 1.2-style table: ``no``,
  ``on``, ``1:20`` and ``2026-03-02`` stay the text the author wrote,
  instead of becoming YAML 1.1 booleans, sexagesimal numbers and dates;
* tags, merge keys (``<<``), duplicate keys and second documents are
  reported, with the line and column of each, rather than silently obeyed.

The result keeps the position of every key and item, so that later checks
(JSON Schema, references) can point at the exact line.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import field
from typing import Any

import yaml
from yaml import events as ev

from simulator import fileio
from simulator.quickdata import dataclass
from simulator.scenario.diagnostics import Capped, Diagnostic, make
from simulator.scenario.yamlhints import syntax_hint, unreadable_character

try:  # libyaml's C parser is ~10x faster; fall back to the pure parser.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
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


@dataclass(slots=True)
class Document:
    """A parsed file: its data, where everything was, and what went wrong."""

    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]


class _TooLong:
    """A plain number too long to be meant (and, past 4,300 digits, for Python to convert)."""

    __slots__ = ()


_TOO_LONG = _TooLong()


def _resolve_plain(text: str) -> Any:
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
        return int(text) if len(text) <= MAX_NUMBER_CHARS else _TOO_LONG
    if _FLOAT.match(text):
        number = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
        return number if math.isfinite(number) else _TOO_LONG
    return text


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, refusing what is too large or not UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(file, len(raw))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from simulator.scenario.yamlhints import not_utf8  # here: only a file saved another way needs it

        return None, [not_utf8(raw, exc.start, file)]
    return text, []


def too_large(file: str, size: int) -> Diagnostic:
    """Y107 for a file of ``size`` bytes."""
    return make(
        "Y107",
        f"the file is {size / (1024 * 1024):.1f} MB; scenario files may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB",
        file,
        suggestion="split the episode into several files",
    )


def read_file(path: str | os.PathLike[str], file: str, diags: list[Diagnostic]) -> bytes | None:
    """A scenario or evidence file's bytes through the guarded reader; None (and Y107 or Y112 in ``diags``) if refused."""
    try:
        return fileio.read_bytes(path, limit=MAX_FILE_BYTES)
    except fileio.FileTooLarge as exc:
        diags.append(too_large(file, exc.size))
    except fileio.FileRefused as exc:
        diags.append(make("Y112", f"cannot read the file: {exc}", file))
    return None


def parse(text: str, file: str = "") -> Document:
    """Parse one YAML document strictly; never raises on bad input."""
    diags = Capped(file)  # a flood of one mistake (400,000 aliases) is listed 20 times and counted, not made 400,000 times
    positions = Positions()
    parser = _Parser(text)
    # Each frame: [container, pending key or _NO_KEY, key position, keys, items, key order]
    stack: list[list[Any]] = []
    root: Any = None
    have_root = False
    documents = 0
    seen_anchor = False
    container: Any
    try:
        get = parser.get_event
        scalar_event = ev.ScalarEvent
        mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
        mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
        keys, items = positions.keys, positions.items
        while True:
            event: Any = get()
            kind = type(event)
            if kind is scalar_event:  # the most common event by far: the usual path is written out here
                if event.anchor is not None or event.tag is not None:
                    seen_anchor = _check_props(event, file, diags, seen_anchor)
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if type(container) is dict:
                        key = frame[1]
                        if key is _NO_KEY:
                            key_text = event.value  # (not `text`: that is the file, for a syntax error's hint)
                            taken = frame[3]
                            if (event.style or key_text != "<<") and key_text not in taken:  # a new key: the usual case
                                mark = event.start_mark
                                taken[key_text] = frame[2] = (mark.line + 1, mark.column + 1)
                                frame[1] = key_text
                            else:  # a merge key or a repeated key: reported there
                                _take_key(frame, event, file, diags)
                            continue
                    else:
                        key = None
                else:
                    container = key = None
                value = event.value
                if not event.style:
                    value = _resolve_plain(value)
                    if value is _TOO_LONG:
                        diags.append(_too_long(file, event))
                        return Document(None, positions, diags)
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if container is None:
                    root, have_root = value, True
                elif key is not None:  # in a mapping (a key is never None: it was read as text)
                    frame[1] = _NO_KEY
                    if key is not _SKIP:
                        container[key] = value
                        frame[4][key] = pos
                else:
                    frame[4][len(container)] = pos
                    container.append(value)
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    seen_anchor = _check_props(event, file, diags, seen_anchor)
                if stack and stack[-1][1] is _NO_KEY and isinstance(stack[-1][0], dict):
                    diags.append(
                        make(
                            "Y110",
                            "a key here is a list or mapping; keys must be plain text",
                            file,
                            _pos(event.start_mark),
                        )
                    )
                    return Document(None, positions, diags)
                if len(stack) >= MAX_DEPTH:
                    diags.append(_too_deep(file, _pos(event.start_mark)))
                    return Document(None, positions, diags)
                mark = event.start_mark
                container = {} if kind is mapping_start else []
                stack.append([container, _NO_KEY, None, {}, {}, (mark.line + 1, mark.column + 1)])
            elif kind is mapping_end or kind is sequence_end:
                frame = stack.pop()
                container = frame[0]
                if frame[3]:
                    keys[id(container)] = frame[3]
                if frame[4]:
                    items[id(container)] = frame[4]
                root, have_root = _add(stack, container, frame[5], root, have_root)
            elif kind is ev.AliasEvent:
                if not seen_anchor:
                    seen_anchor = True
                if not diags.over("Y103"):
                    diags.append(
                        make(
                            "Y103",
                            f"`*{event.anchor}` is a YAML alias; write the value out in full",
                            file,
                            _pos(event.start_mark),
                            suggestion="Doorstep refuses anchors and aliases so that every value is where you read it",
                        )
                    )
                if stack and stack[-1][1] is _NO_KEY and isinstance(stack[-1][0], dict):
                    stack[-1][1] = _SKIP
                    continue
                root, have_root = _add(stack, None, _pos(event.start_mark), root, have_root)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    diags.append(
                        make(
                            "Y106",
                            "this file holds a second YAML document (after `---`)",
                            file,
                            _pos(event.start_mark),
                            suggestion="put each episode in its own file",
                        )
                    )
                    return Document(None, positions, diags)
            elif kind is ev.StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "").strip()
        context = (exc.context or "").strip()
        if _LIBYAML_DEPTH in problem:
            # libyaml 0.2.6 stops at its own nesting limit while scanning
            # ahead through flow collections, before our event count sees
            # depth MAX_DEPTH. Both mean the same thing to a trainer.
            diags.append(_too_deep(file, _pos(mark) if mark else None))
            return Document(None, positions, diags)
        detail = problem if not context else f"{problem} ({context})"
        diags.append(
            make(
                "Y101",
                f"YAML syntax: {detail or 'the text cannot be read'}",
                file,
                _pos(mark) if mark else None,
                suggestion=syntax_hint(problem, text, mark),
            )
        )
        return Document(None, positions, diags)
    except yaml.YAMLError as exc:  # reader errors without a mark: a character YAML refuses, found here to say where
        diags.append(unreadable_character(exc, text, file))
        return Document(None, positions, diags)
    finally:
        parser.dispose()
        diags.close()
    if not have_root or root is None:
        diags.append(make("Y111", "the file has no content", file, (1, 1)))
        return Document(None, positions, diags)
    positions.root = (1, 1)
    return Document(root, positions, diags)


_NO_KEY = object()
_SKIP = object()
_RESTARTED = "\x00"  # in a mapping's keys once its first key came again: an item that lost its `- `

# libyaml's own error when its nesting limit is passed (1,000 levels, new in
# libyaml 0.2.6, which PyYAML bundles from 6.0.4; 6.0.1 to 6.0.3 bundle 0.2.5).
_LIBYAML_DEPTH = "exceeded maximum nesting depth"


def _too_deep(file: str, pos: Pos | None) -> Diagnostic:
    return make(
        "Y108",
        f"the data nests more than {MAX_DEPTH} levels deep",
        file,
        pos,
        suggestion="flatten the structure; scenario files need only a few levels",
    )


def _take_key(frame: list[Any], event: Any, file: str, diags: list[Diagnostic]) -> None:
    key = event.value
    pos = _pos(event.start_mark)
    if not event.style and key == "<<":
        diags.append(
            make(
                "Y104",
                "`<<` merge keys are not allowed; write the keys out in full",
                file,
                pos,
            )
        )
        frame[1] = _SKIP
        return
    keys: dict[str, Pos] = frame[3]
    if key in keys:
        first = keys[key]
        if _RESTARTED in keys:  # the rest of an item that lost its `- `: said once, at its first key
            frame[1] = _SKIP
            return
        restarted = key == next(iter(keys))
        if restarted:
            keys[_RESTARTED] = pos
        diags.append(
            make(
                "Y102",
                f"`{key}` appears twice in this mapping: at line {first[0]} and line {pos[0]}",
                file,
                pos,
                suggestion=f"if this line starts the next item of a list, begin it with `- {key}:`" if restarted else "keep one of them; YAML would silently use the last",
            )
        )
        frame[1] = _SKIP
        return
    keys[key] = pos
    frame[1] = key
    frame[2] = pos


def _add(stack: list[list[Any]], value: Any, pos: Pos, root: Any, have_root: bool) -> tuple[Any, bool]:
    if not stack:
        return value, True
    frame = stack[-1]
    container = frame[0]
    if isinstance(container, dict):
        key = frame[1]
        frame[1] = _NO_KEY
        if key is _SKIP:
            return root, have_root
        container[key] = value
        frame[4][key] = pos
    else:
        frame[4][len(container)] = pos
        container.append(value)
    return root, have_root


def _check_props(event: Any, file: str, diags: list[Diagnostic], seen_anchor: bool) -> bool:
    """Report an anchor (the first only) or a tag on a node; returns whether an anchor was seen."""
    if event.anchor is not None and not seen_anchor:
        seen_anchor = True
        diags.append(_anchor(file, event))
    if event.tag is not None and event.tag != "!":
        diags.append(_tag(file, event))
    return seen_anchor


def _too_long(file: str, event: Any) -> Diagnostic:
    text = event.value
    shown = text if len(text) <= 16 else f"{text[:6]}…{text[-6:]}"
    return make(
        "Y113",
        f"the number {shown} ({len(text)} characters) is too large for a scenario",
        file,
        _pos(event.start_mark),
        suggestion="write a smaller number, or put it in quotes if it is text",
    )


def _anchor(file: str, event: Any) -> Diagnostic:
    return make(
        "Y103",
        f"`&{event.anchor}` is a YAML anchor; anchors and aliases are not allowed",
        file,
        _pos(event.start_mark),
        suggestion="write each value out in full",
    )


def _tag(file: str, event: Any) -> Diagnostic:
    return make(
        "Y105",
        f"`{event.tag}` is a YAML tag; tags are not allowed in scenario files",
        file,
        _pos(event.start_mark),
        suggestion="remove the tag; put the value in quotes if it should be text",
    )
