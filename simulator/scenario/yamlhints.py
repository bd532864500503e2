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


def syntax_hint(problem: str, text: str, mark: Any) -> str | None:
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return "YAML indents with spaces, not tabs"
    if "'\\t'" in problem or "tab" in problem:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return _over_indented(text, mark) or "a colon followed by a space starts a new key; put text that contains ': ' in quotes"
    if "did not find expected key" in problem:
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
