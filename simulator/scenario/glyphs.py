"""Which characters the window's font can draw, read from the font files themselves (no pygame).

The window draws every word in Atkinson Hyperlegible. A character the font
has no glyph for (an emoji, a symbol from another script) shows as an empty
box, so the loader warns about it (T801) at the line that holds it. The
coverage is read from the fonts' ``cmap`` tables with a small reader of the
OpenType format (subtables 4 and 12, which every TrueType font has), once
per process and only when a scenario has text outside ASCII.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.yamlstrict import Document

FONT_NAME = "Atkinson Hyperlegible"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")
#: Characters every face draws (tests/test_cold_validate.py holds the font files to it): ASCII up to `~`, Latin-1 (£, é, ·) and
#: typographic quotes, dashes and the like. A text of only these needs no font read: Harris's `é` and `·` cost the
#: reading of four font files, some 9 M instructions of every validate.
SURE = frozenset(map(chr, range(0x7F))) | frozenset(map(chr, range(0xA0, 0x100))) | frozenset("‘’“”–—…•€‹›−")


class FontError(ValueError):
    """A font file this reader cannot read."""


def cmap_codepoints(data: bytes) -> frozenset[int]:
    """Every code point a TrueType/OpenType font maps to a glyph, from its ``cmap`` table."""
    try:
        _version, count = struct.unpack_from(">IH", data, 0)
        cmap_at = None
        for i in range(count):
            tag, _check, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            if tag == b"cmap":
                cmap_at = offset
        if cmap_at is None:
            raise FontError("the font has no cmap table")
        _v, tables = struct.unpack_from(">HH", data, cmap_at)
        found: set[int] = set()
        for i in range(tables):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_at + 4 + 8 * i)
            if (platform, encoding) in ((3, 1), (3, 10), (0, 3), (0, 4), (0, 6)):
                found |= _subtable(data, cmap_at + offset)
        return frozenset(found)
    except struct.error as exc:
        raise FontError(f"the font file is damaged: {exc}") from exc


def _subtable(data: bytes, at: int) -> set[int]:
    fmt = struct.unpack_from(">H", data, at)[0]
    out: set[int] = set()
    if fmt == 4:
        seg_x2 = struct.unpack_from(">H", data, at + 6)[0]
        n = seg_x2 // 2
        ends_at = at + 14
        starts_at = ends_at + seg_x2 + 2
        deltas_at = starts_at + seg_x2
        ranges_at = deltas_at + seg_x2
        columns = zip(
            struct.unpack_from(f">{n}H", data, ends_at),
            struct.unpack_from(f">{n}H", data, starts_at),
            struct.unpack_from(f">{n}h", data, deltas_at),
            struct.unpack_from(f">{n}H", data, ranges_at),
            strict=True,
        )  # each column read whole, at C speed, not one number at a time
        for s, (end, start, delta, range_offset) in enumerate(columns):
            end = min(end, 0xFFFE)  # 0xFFFF is never a character
            if end < start:
                continue
            if range_offset == 0:  # glyph = code point + delta: every code point has one but the one that lands on glyph 0
                segment = set(range(start, end + 1))
                segment.discard(-delta & 0xFFFF)
                out |= segment
            else:
                glyphs = struct.unpack_from(f">{end - start + 1}H", data, ranges_at + 2 * s + range_offset)
                out.update(cp for cp, glyph in zip(range(start, end + 1), glyphs, strict=True) if glyph and (glyph + delta) & 0xFFFF)
    elif fmt == 12:
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            out.update(range(start, end + 1) if glyph else range(start + 1, end + 1))
    return out


def font_files() -> list[Path]:
    """The window's font files (from the fontpkg-atkinson-hyperlegible package), or none if it is missing."""
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        return []
    root = Path(package.ROOT) / "files"
    return [root / f"AtkinsonHyperlegible-{face}.ttf" for face in FACES if (root / f"AtkinsonHyperlegible-{face}.ttf").is_file()]


@cache
def drawable() -> frozenset[int] | None:
    """The code points every face of the window's font can draw; None if the fonts cannot be read."""
    sets: list[frozenset[int]] = []
    for path in font_files():
        try:
            sets.append(cmap_codepoints(path.read_bytes()))
        except (OSError, FontError):
            return None
    if not sets:
        return None
    common = sets[0]
    for s in sets[1:]:
        common &= s
    return common


def undrawable(text: str, covered: frozenset[int]) -> list[str]:
    """The characters of ``text`` the font cannot draw (spaces and line breaks always can be), in order, once each."""
    if text.isascii():
        return []
    bad: dict[str, None] = {}
    for ch in text:
        cp = ord(ch)
        if cp > 126 and cp not in covered and ch not in "\n\u00a0" and not _invisible(ch):
            bad[ch] = None
    return list(bad)


def _invisible(ch: str) -> bool:
    # A variation selector or joiner (as after a heart in ❤️) is reported with the emoji it belongs to.
    return (unicodedata.category(ch) in ("Mn", "Cf") and ord(ch) in range(0xFE00, 0xFE10)) or ch in "\u200d\u200c"


def _named(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"`{ch}` (U+{ord(ch):04X}{', ' + name.lower() if name else ''})"


def check_documents(docs: Iterable[tuple[str, Document]]) -> list[Diagnostic]:
    """A T801 warning for each piece of text holding characters the window's font cannot draw."""
    covered = None
    out: list[Diagnostic] = []
    for name, doc in docs:
        beyond = doc.beyond_ascii  # every text the lean reader saw beyond ASCII: enough to know the file has nothing to say
        if beyond is not None:
            if not beyond or all(SURE.issuperset(text) for text in beyond):
                continue
            if covered is None:
                covered = drawable()
                if covered is None:
                    return []
            if not any(undrawable(text, covered) for text in beyond):
                continue
        found = _any_undrawable(doc.data)  # nearly every file has none: looked through once, without a path for each value
        if found is None:
            return []
        if not found:
            continue
        stack: list[tuple[Any, tuple[Any, ...]]] = [(doc.data, ())]
        while stack:
            value, path = stack.pop()
            if isinstance(value, str):
                if value.isascii():
                    continue
                if covered is None:
                    covered = drawable()
                    if covered is None:
                        return []
                bad = undrawable(value, covered)
                if bad:
                    shown = ", ".join(_named(ch) for ch in bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
                    out.append(
                        make(
                            "T801",
                            f"{shown}: the window's font, {FONT_NAME}, cannot draw {'it' if len(bad) == 1 else 'them'}, so {'it' if len(bad) == 1 else 'they'} would show as an empty box",
                            name,
                            doc.positions.locate(doc.data, path),
                            "write it in words, or use a character the font has (letters, digits, punctuation, £ € and the like)",
                        )
                    )
            elif isinstance(value, dict):
                stack.extend((v, (*path, k)) for k, v in value.items())
            elif isinstance(value, list):
                stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return out


def all_drawable(data: Any) -> bool:
    """Whether the font can draw every character of every text in the data (False when unsure: the font unread)."""
    return _any_undrawable(data) is False


def _any_undrawable(data: Any) -> bool | None:
    """Whether any text in the data holds a character the font cannot draw; None if the font cannot be read."""
    covered = None
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str:
            if value.isascii():
                continue
            if covered is None:
                covered = drawable()
                if covered is None:
                    return None
            if undrawable(value, covered):
                return True
        elif kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
    return False
