"""What to do about a YAML syntax error, in a trainer's words: the suggestion after a Y101.

PyYAML says what it could not parse ("mapping values are not allowed in this
context"); the likely mistake behind it depends on the text around the mark:
a tab, a colon inside unquoted text, or a key indented further than the key
above it. Pure: it reads the problem, the text and the mark PyYAML gave.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from simulator.scenario.diagnostics import Diagnostic, make

# What YAML 1.1 refuses in a file: control characters other than tab and the line ends, and lone surrogates.
_REFUSED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _over_indented(text: str, mark: Any) -> str | None:
    """A key indented further than the `key: value` line above it (which has no room for a nested mapping)."""
    if mark is None:
        return None
    lines = text[: mark.index].split("\n")
    here = lines[-1] + text[mark.index :].split("\n", 1)[0]
    above = next((line for line in reversed(lines[:-1]) if line.strip() and not line.lstrip().startswith("#")), None)
    if above is None:
        return None
    item = above.lstrip(" ").startswith("- ")  # `- speaker: tom`: its keys start after the dash
    if _indent(here) <= _indent(above) + (2 if item else 0):
        return None
    key, colon, value = above.strip().removeprefix("- ").partition(":")
    if not colon or not value.strip():
        return None
    return f"this line is indented more than `{key.strip()}:` above it; keys of one mapping start at the same column"


def _after_quote(text: str, mark: Any) -> bool:
    """The mark is on words following a closing quote on the same line (`"Made it," she says`)."""
    line_start = text.rfind("\n", 0, mark.index) + 1
    before = text[line_start : mark.index].rstrip(" ")
    return before.endswith(('"', "'")) and text[mark.index : mark.index + 1] not in ("", "\n", ",", "}", "]", "#")


def _flow_hint(text: str, mark: Any) -> str:
    """Inside `{ }` or `[ ]`: a missing comma, a colon in unquoted text, or text going on after its closing quote."""
    if _after_quote(text, mark):
        return "the text goes on after its closing quote: put all of it inside the quotes"
    if text[mark.index : mark.index + 1] == ":":
        return "inside `{ }`, put a comma between one key and the next, and quotes around text that holds a colon"
    return "inside `{ }` or `[ ]`, put a comma between items, and quotes around text that holds a comma, a colon or a bracket"


def _dedented_item(text: str, mark: Any) -> str | None:
    """A key of a list item written at the column of the list's dashes (`enter:` under `- text:` without its two spaces)."""
    lines = text[: mark.index].split("\n")
    here = lines[-1] + text[mark.index :].split("\n", 1)[0]
    dash = next((line for line in reversed(lines[:-1]) if line.lstrip().startswith("- ")), None)
    if dash is None or here.lstrip().startswith("-") or _indent(here) != _indent(dash):
        return None
    return f"this line is at the column of the list's `-` above it: indent it {_indent(dash) + 2} spaces to belong to that item, or begin it with `- ` to start a new one"


def syntax_hint(problem: str, text: str, mark: Any) -> str | None:
    if mark is not None and ("expected ',' or '}'" in problem or "expected ',' or ']'" in problem):
        return _flow_hint(text, mark)
    if mark is not None and "expected '-' indicator" in problem:
        return _dedented_item(text, mark)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return "YAML indents with spaces, not tabs"
    if "'\\t'" in problem or "tab" in problem:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return _over_indented(text, mark) or "a colon followed by a space starts a new key; put text that contains ': ' in quotes"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        if mark is not None and _after_quote(text, mark):
            return "the text goes on after its closing quote: put all of it inside the quotes"
        return _over_indented(text, mark)
    if "could not find expected ':'" in problem:
        return "check the indentation and that each key ends with a colon"
    if "unknown escape" in problem:
        return "inside double quotes a backslash starts an escape; use single quotes for plain text"
    return None


def unreadable_character(exc: Exception, text: str, file: str) -> Diagnostic:
    """A Y101 for a character YAML will not read (a NUL byte, a control character), at its line and column."""
    found = _REFUSED.search(text)
    if found is None:
        return make("Y101", f"YAML syntax: {exc}", file)
    ch = found.group()
    line = text.count("\n", 0, found.start()) + 1
    col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    name = unicodedata.name(ch, "a control character").lower()
    return make("Y101", f"the file holds U+{ord(ch):04X} ({name}), a character YAML does not allow", file, (line, col), "delete it: most editors do not show it, and a NUL byte can mean the file was damaged or is not text")


def not_utf8(raw: bytes, start: int, file: str) -> Diagnostic:
    """Y109 for bytes that are not UTF-8, saying which encoding they were probably saved in and the character meant."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return make("Y109", "the file is saved as UTF-16 (\"Unicode\" in some editors), not UTF-8", file, (1, 1), "save it again as UTF-8 in your editor")
    line = raw[:start].count(b"\n") + 1
    col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    byte = raw[start]
    try:
        meant = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        meant = ""
    shown = f" (`{meant}` in the Windows encoding, which some editors use)" if meant.isprintable() and not meant.isascii() else ""
    return make("Y109", f"byte 0x{byte:02x}{shown} is not UTF-8 text", file, (line, col), "save the file as UTF-8 in your editor")
