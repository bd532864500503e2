"""A yes-or-no JSON Schema check compiled to closures, for the files that are valid.

Most files a trainer loads are valid, and then all that is needed is "yes".
This compiles the subset of draft-07 the shipped schemas use into nested
closures once per process (about a millisecond), instead of importing a
general validator (tens of milliseconds) or generating and compiling
Python source for it. Only when the answer is "no" does
:mod:`simulator.scenario.schema_check` import jsonschema for the full,
located report.

It is stricter than JSON Schema in one way, on purpose: ``integer`` means a
whole number written as one. JSON Schema counts ``1.0`` as an integer, but
the engine needs an int, and a trainer who wrote ``1.0`` for a number of
days has probably made a mistake worth a message.

A keyword this module does not know is refused when the schema is compiled
(:class:`SchemaError`), so a schema edited to use one cannot be half-checked
in silence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that only describe (for editors and people) and never constrain.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "markdownDescription", "default", "examples", "deprecationMessage", "errorMessage", "patternErrorMessage", "defaultSnippets"}
)
_KNOWN = _ANNOTATIONS | {
    "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "required", "properties", "additionalProperties", "propertyNames", "minProperties",
    "maxProperties", "items", "minItems", "maxItems", "uniqueItems",
}  # fmt: skip


class SchemaError(ValueError):
    """The schema uses a keyword this checker does not implement (a programming error)."""


def _is_type(name: str) -> Check:
    if name == "integer":
        return lambda v: type(v) is int
    if name == "number":
        return lambda v: (type(v) is int or type(v) is float)
    if name == "string":
        return lambda v: type(v) is str
    if name == "boolean":
        return lambda v: type(v) is bool
    if name == "object":
        return lambda v: type(v) is dict
    if name == "array":
        return lambda v: type(v) is list
    if name == "null":
        return lambda v: v is None
    raise SchemaError(f"unknown type {name!r}")


def _key(value: Any) -> Any:
    """A hashable form that keeps JSON's distinctions (true is not 1)."""
    if isinstance(value, dict):
        return ("object", tuple(sorted((k, _key(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("array", tuple(_key(v) for v in value))
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    return (type(value).__name__, value)


def compile_schema(schema: Any) -> Check:
    """A function that says whether data is valid against ``schema``."""
    if schema is True or schema == {}:
        return lambda v: True
    if schema is False:
        return lambda v: False
    if not isinstance(schema, dict):
        raise SchemaError(f"a schema must be an object, not {schema!r}")
    unknown = set(schema) - _KNOWN
    if unknown:
        raise SchemaError(f"unsupported schema keywords: {', '.join(sorted(unknown))}")
    kind = schema.get("type")
    if (one := _typed_scalar(schema, kind)) is not None:
        return one
    checks: list[Check] = []
    # An object's (or a list's) own check also checks its type when that is all the type allows: one call, not two.
    strict = kind if kind in ("object", "array") else None
    if kind is not None:
        if isinstance(kind, list):
            tests = [_is_type(k) for k in kind]
            checks.append(lambda v: any(t(v) for t in tests))
        elif not (strict == "object" and _has_object_checks(schema)) and not (strict == "array" and _has_array_checks(schema)):
            checks.append(_is_type(kind))
    if "enum" in schema:
        allowed = {_key(v) for v in schema["enum"]}
        checks.append(lambda v: _key(v) in allowed)
    if "const" in schema:
        const = _key(schema["const"])
        checks.append(lambda v: _key(v) == const)
    checks.extend(_string_checks(schema))
    checks.extend(_number_checks(schema))
    checks.extend(_object_checks(schema, strict == "object"))
    checks.extend(_array_checks(schema, strict == "array"))
    if not checks:
        return lambda v: True
    return _all_of(checks)


_STRING_KEYS = frozenset({"type", "pattern", "minLength", "maxLength"}) | _ANNOTATIONS
_NUMBER_KEYS = frozenset({"type", "minimum", "maximum"}) | _ANNOTATIONS
_ENUM_KEYS = frozenset({"type", "enum"}) | _ANNOTATIONS


def _typed_scalar(schema: dict[str, Any], kind: Any) -> Check | None:
    """One check, one call, for a text or number of one type with its limits: most of a file's values are one.

    Says exactly what the type's check and each limit's, joined by :func:`_all_of`, would say (a limit on a
    text passes anything else, so with the type named it is only tested on text); None for any other schema.
    """
    if kind == "string" and _STRING_KEYS.issuperset(schema):
        search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        least, most = schema.get("minLength", 0), schema.get("maxLength")
        if most is None and search is None:
            return (lambda v: type(v) is str and len(v) >= least) if least else (lambda v: type(v) is str)
        if most is None and not least and search is not None:
            found = search
            return lambda v: type(v) is str and found(v) is not None
        return lambda v: type(v) is str and len(v) >= least and (most is None or len(v) <= most) and (search is None or search(v) is not None)
    if kind == "string" and _ENUM_KEYS.issuperset(schema) and "enum" in schema:
        words = frozenset(w for w in schema["enum"] if type(w) is str)  # what _key's ("str", v) can match
        return lambda v: type(v) is str and v in words
    if kind in ("integer", "number") and _NUMBER_KEYS.issuperset(schema) and ("minimum" in schema or "maximum" in schema):
        low, high = schema.get("minimum"), schema.get("maximum")
        if kind == "integer" and low is not None and high is not None:
            return lambda v: type(v) is int and low <= v <= high
        typed = _is_type(kind)
        return lambda v: typed(v) and (low is None or v >= low) and (high is None or v <= high)
    return None


def _all_of(checks: list[Check]) -> Check:
    """One check from several, without a generator per call (this runs for every value of every file)."""
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda v: a(v) and b(v)
    if len(checks) == 3:
        a, b, c = checks
        return lambda v: a(v) and b(v) and c(v)

    def every(v: Any) -> bool:
        for check in checks:  # noqa: SIM110 - a loop, not all() over a generator made per call
            if not check(v):
                return False
        return True

    return every


def _string_checks(schema: dict[str, Any]) -> list[Check]:
    out: list[Check] = []
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        out.append(lambda v: type(v) is not str or search(v) is not None)
    if "minLength" in schema:
        least = schema["minLength"]
        out.append(lambda v: type(v) is not str or len(v) >= least)
    if "maxLength" in schema:
        most = schema["maxLength"]
        out.append(lambda v: type(v) is not str or len(v) <= most)
    return out


def _numeric(v: Any) -> bool:
    return (type(v) is int or type(v) is float)


def _number_checks(schema: dict[str, Any]) -> list[Check]:
    out: list[Check] = []
    if "minimum" in schema:
        low = schema["minimum"]
        out.append(lambda v: not _numeric(v) or v >= low)
    if "maximum" in schema:
        high = schema["maximum"]
        out.append(lambda v: not _numeric(v) or v <= high)
    if "exclusiveMinimum" in schema:
        xlow = schema["exclusiveMinimum"]
        out.append(lambda v: not _numeric(v) or v > xlow)
    if "exclusiveMaximum" in schema:
        xhigh = schema["exclusiveMaximum"]
        out.append(lambda v: not _numeric(v) or v < xhigh)
    return out


_OBJECT_KEYS = ("required", "properties", "additionalProperties", "propertyNames", "minProperties", "maxProperties")
_ARRAY_KEYS = ("items", "minItems", "maxItems", "uniqueItems")


def _has_object_checks(schema: dict[str, Any]) -> bool:
    return any(k in schema for k in _OBJECT_KEYS)


def _has_array_checks(schema: dict[str, Any]) -> bool:
    return any(k in schema for k in _ARRAY_KEYS)


def _object_checks(schema: dict[str, Any], strict: bool = False) -> list[Check]:
    """``strict``: the schema's type is "object", so anything else fails here."""
    if not _has_object_checks(schema):
        return []
    required = tuple(schema.get("required", ()))
    props = {k: compile_schema(s) for k, s in schema.get("properties", {}).items()}
    extra_schema = schema.get("additionalProperties", True)
    extra: Check | None = None if extra_schema is True else compile_schema(extra_schema)
    names = compile_schema(schema["propertyNames"]) if "propertyNames" in schema else None
    least = schema.get("minProperties", 0)
    most = schema.get("maxProperties")

    def check(v: Any) -> bool:
        if type(v) is not dict:
            return not strict
        for k in required:
            if k not in v:
                return False
        if len(v) < least or (most is not None and len(v) > most):
            return False
        for k, item in v.items():
            sub = props.get(k)
            if sub is not None:
                if not sub(item):
                    return False
            elif extra is not None and not extra(item):
                return False
            if names is not None and not names(k):
                return False
        return True

    return [check]


def _array_checks(schema: dict[str, Any], strict: bool = False) -> list[Check]:
    """``strict``: the schema's type is "array", so anything else fails here."""
    if not _has_array_checks(schema):
        return []
    items_schema = schema.get("items", True)
    if isinstance(items_schema, list):
        raise SchemaError("tuple-form `items` is not supported")
    each = None if items_schema is True else compile_schema(items_schema)
    least = schema.get("minItems", 0)
    most = schema.get("maxItems")
    unique = bool(schema.get("uniqueItems", False))

    def check(v: Any) -> bool:
        if type(v) is not list:
            return not strict
        if len(v) < least or (most is not None and len(v) > most):
            return False
        if each is not None:
            for item in v:
                if not each(item):
                    return False
        return not unique or len({_key(i) for i in v}) == len(v)

    return [check]
