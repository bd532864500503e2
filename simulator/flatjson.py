"""A flat JSON object read without the ``json`` module: the settings file, before the window's first frame.

Importing ``json`` (its decoder and encoder compile six patterns) and
:mod:`simulator.strictjson` cost a returning trainee's first frame 8 M
instructions, more than the whole margin under issue 13's bar, to read a
file of a dozen plain values. :func:`loads` reads only the plainest JSON:
one object whose values are whole numbers, ``true``, ``false``, ``null``,
strings (``json.dumps`` writes a name's "ë" as an escape), or lists of those.
For anything else (a surrogate, a fraction, a nested object, a number too
long, a syntax error) it
returns ``None`` and the caller asks :func:`simulator.strictjson.loads`,
so every message about a damaged file is that reader's own. A key
written twice is left to strictjson too, which names it for the settings'
note. Where it answers, its answer is what ``strictjson.loads`` gives,
which tests/test_flatjson.py checks on generated and damaged files.
"""

from __future__ import annotations

from typing import Any

SPACE = " \t\n\r"  # JSON's whitespace, no other
MAX_DIGITS = 40  # as strictjson.MAX_NUMBER_CHARS: a longer number is that reader's to refuse
WORDS = {"true": True, "false": False, "null": None}
ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
HEX = "0123456789abcdefABCDEF"


class _Other(Exception):
    """Not the plainest JSON: the caller reads it with strictjson."""


def loads(text: str) -> dict[str, Any] | None:
    """The object ``text`` holds, if it is one of plain values (see the module); else None."""
    try:
        at = _skip(text, 0)
        if text[at : at + 1] != "{":
            return None
        out: dict[str, Any] = {}
        at = _skip(text, at + 1)
        if text[at : at + 1] == "}":
            return out if _skip(text, at + 1) == len(text) else None
        while True:
            key, at = _string(text, at)
            if key in out:
                return None  # a key written twice: strictjson says which, for the caller to note
            at = _skip(text, at)
            if text[at : at + 1] != ":":
                return None
            out[key], at = _value(text, _skip(text, at + 1), nested=True)
            at = _skip(text, at)
            mark = text[at : at + 1]
            if mark == "}":
                return out if _skip(text, at + 1) == len(text) else None
            if mark != ",":
                return None
            at = _skip(text, at + 1)
    except _Other:
        return None


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in SPACE:
        at += 1
    return at


def _string(text: str, at: int) -> tuple[str, int]:
    if text[at : at + 1] != '"':
        raise _Other
    parts: list[str] = []
    at += 1
    while True:
        end = text.find('"', at)
        if end < 0:
            raise _Other
        back = text.find("\\", at, end)
        raw = text[at : end if back < 0 else back]
        if any(c < " " or "\ud800" <= c <= "\udfff" for c in raw):
            raise _Other  # a control character (not JSON) or a lone surrogate (strictjson replaces it)
        parts.append(raw)
        if back < 0:
            return "".join(parts), end + 1
        code = text[back + 1 : back + 2]
        if code == "u":
            digits = text[back + 2 : back + 6]
            if len(digits) != 4 or any(c not in HEX for c in digits) or 0xD800 <= int(digits, 16) <= 0xDFFF:
                raise _Other  # a surrogate, paired or lone, is strictjson's
            parts.append(chr(int(digits, 16)))
            at = back + 6
        elif code in ESCAPES:
            parts.append(ESCAPES[code])
            at = back + 2
        else:
            raise _Other


def _value(text: str, at: int, *, nested: bool) -> tuple[Any, int]:
    first = text[at : at + 1]
    if first == '"':
        return _string(text, at)
    if first == "[" and nested:
        items: list[Any] = []
        at = _skip(text, at + 1)
        if text[at : at + 1] == "]":
            return items, at + 1
        while True:
            item, at = _value(text, at, nested=False)
            items.append(item)
            at = _skip(text, at)
            mark = text[at : at + 1]
            if mark == "]":
                return items, at + 1
            if mark != ",":
                raise _Other
            at = _skip(text, at + 1)
    for word, meant in WORDS.items():
        if text.startswith(word, at):
            return meant, at + len(word)
    end = at + (first == "-")
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    digits = text[at + (first == "-") : end]
    if not digits or (len(digits) > 1 and digits[0] == "0") or end - at > MAX_DIGITS or text[end : end + 1] in (".", "e", "E"):
        raise _Other  # not a whole number JSON allows, or one strictjson must judge
    return int(text[at:end]), end
