"""Check data against the shipped JSON Schemas and say where it went wrong.

The schemas in ``simulator/scenario/schema/`` are the single description of
the file format: editors use them for autocomplete (``yaml-language-server``)
and the loader uses them here. Valid data takes a fast yes-or-no check
compiled to closures (:mod:`simulator.scenario.schema_fast`); only invalid
data pays for importing jsonschema and its full error report, which is then
mapped back to YAML lines and phrased for a trainer. Both count only a
whole number written as one as an ``integer`` (JSON Schema would take
``1.0``, which the engine cannot use).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from simulator.scenario.diagnostics import Diagnostic, did_you_mean, make
from simulator.scenario.schema_fast import compile_schema
from simulator.scenario.yamlstrict import Positions

SCHEMA_KINDS = ("scenario", "episode", "seeds", "art")

_YAML11_BOOLS = frozenset(
    ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
)
_SINGULAR = {
    "nodes": "node",
    "choices": "choice",
    "lines": "line",
    "route": "route option",
    "cast": "character",
    "rubric": "dimension",
    "milestones": "milestone",
    "episodes": "episode",
    "sources": "source",
    "principles": "principle",
    "frameworks": "framework",
    "tags": "tag",
    "demeanour": "demeanour step",
    "support": "support entry",
    "holidays": "holiday",
    "audience": "audience entry",
    "learning_objectives": "learning objective",
    "content_notes": "content note",
    "notice": "prompt",
    "present": "character",
}


SCHEMA_FOLDER = Path(__file__).resolve().parent / "schema"  # read as files: importlib.resources would import zipfile and its readers for nothing


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for a file kind: ``scenario``, ``episode``, ``seeds`` or ``art``."""
    text = (SCHEMA_FOLDER / f"{kind}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _fast(kind: str) -> Callable[[Any], bool]:
    return compile_schema(schema(kind))


@cache
def _full(kind: str) -> Any:
    """jsonschema's validator for the full report, imported only when a file is invalid."""
    import jsonschema

    base = jsonschema.Draft7Validator
    strict = base.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int)
    validator: Any = jsonschema.validators.extend(base, type_checker=strict)  # type: ignore[no-untyped-call]
    return validator(schema(kind))


def is_valid(data: Any, kind: str) -> bool:
    """Whether ``data`` is valid for the file kind (the fast check alone)."""
    return _fast(kind)(data)


def check(data: Any, positions: Positions, file: str, kind: str) -> list[Diagnostic]:
    """Validate ``data`` of a file kind; one located diagnostic per problem."""
    if _fast(kind)(data):
        return []
    out: list[Diagnostic] = []
    seen: set[tuple[str, int, int, str]] = set()
    errors = sorted(_full(kind).iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    for error in errors:
        for diag in _convert(error, data, positions, file):
            key = (diag.code, diag.line, diag.col, diag.message)
            if key not in seen:
                seen.add(key)
                out.append(diag)
    if not out:  # the two checkers disagree: never let through what the fast check refused
        out.append(make("S207", f"the file does not match the {kind} format", file, (1, 1)))
    return out


def describe(data: Any, path: tuple[Any, ...]) -> str:
    """A trainer-readable name for a place in the data: "choice `sit-down` of node `arrive`"."""
    parts: list[str] = []
    node: Any = data
    parent_key: Any = None
    for part in path:
        if isinstance(node, dict) and part in node:
            child = node[part]
            if parent_key == "nodes":
                parts.append(f"node `{part}`")
            parent_key, node = part, child
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            item = node[part]
            name = _SINGULAR.get(str(parent_key), "item")
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                parts.append(f"{name} `{item['id']}`")
            else:
                parts.append(f"{name} {part + 1}")
            parent_key, node = None, item
        else:
            break
    if not parts:
        return ""
    return " of ".join(reversed(parts))


def _where(data: Any, path: tuple[Any, ...], key: str | None = None) -> str:
    place = describe(data, path)
    if key is not None:
        return f"`{key}` in {place}" if place else f"`{key}`"
    if path and isinstance(path[-1], str):
        field = path[-1]
        parent = describe(data, path[:-1])
        return f"`{field}` in {parent}" if parent else f"`{field}`"
    return place or "the file"


def _invisible(value: Any) -> str | None:
    """The first character of ``value`` that shows as nothing (a zero-width space, a soft hyphen), named, or None."""
    if not isinstance(value, str):
        return None
    for i, ch in enumerate(value):
        if unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp") or (unicodedata.category(ch) == "Zs" and ch != " "):
            return f"an invisible U+{ord(ch):04X} ({unicodedata.name(ch, 'control character').lower()}) at character {i + 1}"
    return None


def _kind(types: Any) -> str:
    names = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "object": "a mapping (key: value lines)", "array": "a list", "null": "nothing"}
    if isinstance(types, list):
        return " or ".join(names.get(str(t), str(t)) for t in types)
    return names.get(types, str(types))


def _clock_hint(path: Any, value: Any) -> str | None:
    """`time: 07.30` (a dot for the colon) reads as the number 7.3: say the time it was meant to be."""
    if not path or path[-1] not in ("time", "appointment") or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    hours, _, minutes = f"{value}".partition(".")
    if not hours.isdigit() or int(hours) > 23:
        return None
    return f"write the time in quotes with a colon: \"{int(hours):02d}:{(minutes or '0').ljust(2, '0')[:2]}\""


def _type_hint(expected: Any, value: Any) -> str | None:
    wants = expected if isinstance(expected, list) else [expected]
    if "boolean" in wants and isinstance(value, str) and value in _YAML11_BOOLS:
        return f"`{value}` is text in Doorstep's YAML; write true or false"
    if "string" in wants and isinstance(value, (int, float, bool)):
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        return f"put it in quotes if you mean the text \"{shown}\""
    if "string" in wants and value is None:
        return "write some text after the colon, or remove the key"
    if "integer" in wants and isinstance(value, float):
        return "use a whole number"
    if "integer" in wants and isinstance(value, str):
        return "write a whole number without quotes"
    if "array" in wants and isinstance(value, (str, dict)):
        return "write a list: `[a, b]` or one `- item` per line"
    return None


# Keys an episode has that a trainer puts on a node, and what a node has instead.
_EPISODE_ONLY = {
    "time": "a node moves the clock on with `minutes`, as `minutes: 600` for ten hours later; `time` is when the episode starts",
    "day": "`day` is the episode's; a node moves the clock on with `minutes`, or a choice puts the next episode back with `days`",
    "appointment": "`appointment` is the episode's: when the worker is expected, counted at its `arrive: true` node",
    "milestone": "`milestone` is the episode's: the episode holds it on the day it is played",
}


def _convert(error: Any, data: Any, positions: Positions, file: str) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    validator = error.validator
    instance = error.instance
    if validator == "required":
        missing = [k for k in error.validator_value if isinstance(instance, dict) and k not in instance]
        where = _where(data, path) if path else "the file"
        pos = positions.locate(data, path, prefer_key=True)
        return [make("S201", f"{where} is missing `{k}`", file, pos) for k in missing]
    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = set(error.schema.get("properties", {}))
        out = []
        for extra in instance:
            if extra in allowed:
                continue
            where_key: tuple[int, int] = positions.key(instance, extra) or positions.locate(data, path)
            # A mapping with no id on the way (`calendar: overdue:`) is named by its keys, not called "the top level".
            where = describe(data, path) or (f"`{'.'.join(map(str, path))}`" if path else "the top level")
            out.append(
                make(
                    "S203",
                    f"unknown key `{extra}` in {where}",
                    file,
                    where_key,
                    suggestion=_CUT
                    if any(q in str(extra) for q in CURLY)
                    else _EPISODE_ONLY[extra]
                    if len(path) >= 2 and path[-2] == "nodes" and extra in _EPISODE_ONLY
                    else did_you_mean(extra, allowed) or f"allowed here: {', '.join(sorted(allowed))}",
                )
            )
        return out
    if validator == "propertyNames" or "propertyNames" in error.relative_schema_path:
        container = _get(data, path)
        name = instance
        key_pos = positions.key(container, name) if isinstance(container, dict) else None
        return [
            make(
                "S205",
                f"`{name}` in {_where(data, path)} is not an id: use lowercase letters, digits and single hyphens",
                file,
                key_pos or positions.locate(data, path),
                suggestion=_id_suggestion(name),
            )
        ]
    pos = positions.locate(data, path)
    where = _where(data, path)
    if validator == "type":
        got = _kind(_json_type(instance))
        if isinstance(instance, float) and "integer" in str(error.validator_value):
            got = repr(instance)  # "not a number" says nothing to someone who wrote 30.0; name what they wrote
        return [
            make(
                "S202",
                f"{where} should be {_kind(error.validator_value)}, not {got}",
                file,
                pos,
                suggestion=_clock_hint(path, instance) or _fraction_hint(error.schema, instance) or _number_meant(path, instance) or _type_hint(error.validator_value, instance),
            )
        ]
    if validator in ("enum", "const"):
        allowed_values = error.validator_value if validator == "enum" else [error.validator_value]
        shown = ", ".join(f"`{a}`" for a in allowed_values)
        return [
            make(
                "S204",
                f"{where} is `{instance}`; it must be one of {shown}",
                file,
                pos,
                suggestion=did_you_mean(str(instance), [str(a) for a in allowed_values]),
            )
        ]
    if validator == "pattern":
        pattern = str(error.validator_value)
        hidden = _invisible(instance)
        if hidden:  # the value looks right on screen: say what cannot be seen
            return [make("S207", f"{where} is `{instance}`, which holds {hidden} that cannot be seen", file, pos, "delete it and type the value again")]
        if pattern.startswith("^[a-z][a-z0-9]*(-[a-z0-9]+)*") and "\\." not in pattern.split("$")[0][:40]:
            return [
                make(
                    "S205",
                    f"{where} is `{instance}`, which is not an id: use lowercase letters, digits and single hyphens",
                    file,
                    pos,
                    suggestion=_meant(pattern, instance) if any(q in str(instance) for q in CURLY) else _id_suggestion(instance),
                )
            ]
        return [make("S207", f"{where} is `{instance}`; {_pattern_hint(pattern)}", file, pos, _meant(pattern, instance))]
    if validator in (
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "minLength",
        "minProperties",
        "uniqueItems",
    ):
        return [make("S206", f"{where}: {_range_message(validator, error.validator_value, instance)}", file, pos, _fraction_hint(error.schema, instance))]
    return [make("S207", f"{where}: {error.message}", file, pos)]


def _number_meant(path: Any, value: Any) -> str | None:
    from simulator.scenario.valuehints import number_meant  # here: only a value written wrong needs it

    return number_meant(path[-1] if path else None, value)


def _fraction_hint(schema: Any, value: Any) -> str | None:
    """For a chance (a number below 1) written as a percentage: `60` or `"60%"` -> "`0.6` for 60%"."""
    if not isinstance(schema, dict) or schema.get("exclusiveMaximum") != 1 or isinstance(value, bool):
        return None
    text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
    try:
        percent = float(text)
    except (TypeError, ValueError):
        return None
    if isinstance(value, str) and not value.strip().endswith("%") and 0 < percent < 1:
        return f"write the number without quotes: `{percent:g}`"
    if percent in (1, 100):  # certain, as a fraction or as a percentage
        return "an option taken every time needs no `chance`: leave it out"
    if not 1 < percent < 100:
        return None
    return f"a chance is a fraction of 1, not a percentage: `{percent / 100:g}` for {percent:g}%"


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _id_suggestion(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    import unicodedata  # here: only a value that is not an id needs it

    plain = unicodedata.normalize("NFKD", value.strip().lower()).encode("ascii", "ignore").decode()  # `édna` -> `edna`
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in plain)
    cleaned = "-".join(p for p in cleaned.split("-") if p)
    if cleaned and cleaned[0].isalpha() and cleaned != value:
        return f"try `{cleaned}`"
    return None


CURLY = "\u201c\u201d\u2018\u2019"
_CUT = "curly quotes are letters to YAML, so the text was cut at a comma or a colon: put straight quotes (\") around all of it"


def _meant(pattern: str, instance: Any) -> str | None:
    """`did you mean "09:30"?` for a time, a date or a tag written another way."""
    from simulator.scenario.valuehints import date_meant, tag_meant, time_meant  # here: only a value written wrong needs it

    hint = _pattern_hint(pattern)
    if isinstance(instance, str) and any(q in instance for q in CURLY):  # typed by a word processor: YAML reads them as letters
        return f"`{instance.strip(CURLY)}` without them: “ ” and ‘ ’ are curly quotes, which YAML reads as part of the text; use straight quotes (\") or none"
    meant = time_meant(instance) if "24-hour" in hint else date_meant(instance) if "a date" in hint else tag_meant(instance) if "framework tag" in hint else None
    return f"did you mean `{meant}`?" if meant is not None else None


def _pattern_hint(pattern: str) -> str:
    if "[sS][vV][gG]" in pattern:
        return "name an SVG file, relative to art.yaml, like `characters/dana/calm.svg`"
    if "[0-5][0-9]" in pattern:
        return "write a 24-hour time in quotes, two digits for the hour and two for the minutes, like \"09:30\" or \"15:00\""
    if "[0-9]{4}-" in pattern:
        return "write a date in quotes, like \"2026-03-02\""
    if "\\." in pattern and "-[0-9]+" in pattern:
        return "a framework tag is its framework's letters, a hyphen and a number, like `pcf-7` or `swe-2.3`"
    if "\\." in pattern:
        return "write a node id (`explain`), an episode id, or `episode.node`"
    return f"it must match {pattern}"


def _range_message(validator: str, limit: Any, instance: Any) -> str:
    if validator == "minimum":
        return f"{instance} is below the smallest allowed value, {limit}"
    if validator == "maximum":
        return f"{instance} is above the largest allowed value, {limit}"
    if validator == "exclusiveMinimum":
        return f"{instance} must be more than {limit}"
    if validator == "exclusiveMaximum":
        return f"{instance} must be less than {limit}"
    if validator == "minItems":
        return f"the list needs at least {limit} item{'s' if limit != 1 else ''}"
    if validator == "maxItems":
        return f"the list may hold at most {limit} items"
    if validator == "minLength":
        return "the text is empty"
    if validator == "minProperties":
        return "needs at least one entry"
    return "the list holds the same item twice"
