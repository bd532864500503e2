"""The strict reader that reports: every problem a YAML file has, each at its line and column.

:func:`simulator.scenario.yamlstrict.parse` hands a file here when the lean reader
(:mod:`simulator.scenario.yamllean`) has declined it: a syntax error, an anchor, alias, tag or merge
key, a key written twice or that is not text, a second document, nesting too deep, a number too
long, or nothing in it. This reader reads the whole file again, event by event, and builds what it
can beside a located diagnostic for each problem (a flood of one mistake listed 20 times and
counted); so what a trainer is told never depends on the lean reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.scenario import pyyaml
from simulator.scenario.diagnostics import Capped, Diagnostic, make
from simulator.scenario.yamldoc import MAX_DEPTH, TOO_LONG, Document, Pos, Positions, resolve_plain
from simulator.scenario.yamldoc import at as _pos
from simulator.scenario.yamlhints import syntax_hint, unreadable_character

if TYPE_CHECKING:
    import yaml
    from yaml import events as ev
else:
    yaml = pyyaml.yaml()  # its own patterns compiled only if ever used (pyyaml.py)
    ev = yaml.events

try:  # libyaml's C parser is ~10x faster; fall back to the pure parser.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]


def report(text: str, file: str = "") -> Document:
    """Read one YAML document strictly and say what is wrong with it, where; never raises on bad input."""
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
    pyyaml.LOCK.acquire()  # no lean reading's plain events meanwhile (pyyaml.plain_events)
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
                    value = resolve_plain(value)
                    if value is TOO_LONG:
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
        pyyaml.LOCK.release()
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
    return _at(event, "Y113", f"the number {shown} ({len(text)} characters) is too large for a scenario", file, "write a smaller number, or put it in quotes if it is text")


def _anchor(file: str, event: Any) -> Diagnostic:
    return _at(event, "Y103", f"`&{event.anchor}` is a YAML anchor; anchors and aliases are not allowed", file, "write each value out in full")


def _tag(file: str, event: Any) -> Diagnostic:
    return _at(event, "Y105", f"`{event.tag}` is a YAML tag; tags are not allowed in scenario files", file, "remove the tag; put the value in quotes if it should be text")


def _at(event: Any, code: str, message: str, file: str, suggestion: str) -> Diagnostic:
    """A diagnostic pointing where ``event`` starts."""
    return make(code, message, file, _pos(event.start_mark), suggestion=suggestion)
