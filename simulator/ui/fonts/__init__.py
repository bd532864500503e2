"""Copies of Atkinson Hyperlegible whose glyphs carry no TrueType instructions: the window's text from 14 px up.

FreeType runs each glyph's hinting program every time SDL_ttf loads it, and
SDL_ttf loads each glyph of a font three times before it is first on screen
(HarfBuzz's advance, SDL_ttf's metrics, its pixels): that was 21 M of the
267 M instructions to the title's first frame. These copies are the package's
own files (``fontpkg-atkinson-hyperlegible``) with only each glyph's program
taken out; the font's own programs (``fpgm``, ``prep``, ``cvt``) stay, so
FreeType still treats them as hinted TrueType (rounding each advance to whole
pixels as before) rather than switching to its auto-hinter, which would change
widths and cost as much. Every advance, and so every line break and page, is
the same as with the package's files (tests/test_ui_fonts.py checks every
character at every size); what changes is the vertical snapping of a glyph's
edges, which the eye cannot tell from 14 px up. Under 14 px (the smallest
text in the smallest window) the window keeps the package's files, where
snapping still sharpens the letters (kit/fonts.py, HINTED_BELOW).

The font is under the SIL Open Font License 1.1 (OFL.txt beside the copies), which
allows modified versions under the same licence; it names no Reserved Font Name.
``python -m simulator.ui.fonts`` makes the copies again from the installed package;
tests/test_ui_fonts.py fails when they differ from what it would make.
"""

from __future__ import annotations

import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent
WE_HAVE_INSTRUCTIONS = 0x0100  # a composite glyph's flag: instructions follow its last component
MORE_COMPONENTS = 0x0020


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(data) // 4}I", data)
    return sum(words) & 0xFFFFFFFF


def tables(font: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", font, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        tables[tag] = font[offset : offset + length]
    return tables


def _without_program(glyph: bytes) -> tuple[bytes, int]:
    """One glyph's data with its instructions taken out (its outline unchanged), and how many bytes of them there were."""
    if not glyph:
        return glyph, 0
    contours = struct.unpack_from(">h", glyph)[0]
    if contours >= 0:  # simple: the instructions' length and bytes follow the contours' end points
        at = 10 + 2 * contours
        length = struct.unpack_from(">H", glyph, at)[0]
        return glyph[:at] + b"\0\0" + glyph[at + 2 + length :], length
    at = 10  # composite: components, then (if the last says so) its instructions
    while True:
        flags = struct.unpack_from(">H", glyph, at)[0]
        size = 4 + (4 if flags & 0x0001 else 2) + (2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0)
        last, at = at, at + size
        if not flags & MORE_COMPONENTS:
            break
    if not flags & WE_HAVE_INSTRUCTIONS:
        return glyph[:at], 0
    return glyph[:last] + struct.pack(">H", flags & ~WE_HAVE_INSTRUCTIONS) + glyph[last + 2 : at], struct.unpack_from(">H", glyph, at)[0]


def _glyphs(tables: dict[bytes, bytes]) -> list[bytes]:
    glyphs = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    long_offsets = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
    offsets = [o * (1 if long_offsets else 2) for o in struct.unpack(f">{glyphs + 1}{'I' if long_offsets else 'H'}", tables[b"loca"])]
    return [tables[b"glyf"][offsets[g] : offsets[g + 1]] for g in range(glyphs)]


def without_glyph_programs(font: bytes) -> bytes:
    """A TrueType font's bytes with every glyph's hinting program removed; its other tables as they were (DSIG, a
    signature of the old bytes, dropped), checksums made again."""
    found = tables(font)
    head, maxp = bytearray(found[b"head"]), bytearray(found[b"maxp"])
    long_offsets = struct.unpack_from(">h", head, 50)[0] == 1
    out, starts = bytearray(), []
    for glyph in _glyphs(found):
        starts.append(len(out))
        data = _without_program(glyph)[0]
        out += data + b"\0" * (-len(data) % 4)
    starts.append(len(out))
    found[b"glyf"] = bytes(out)
    found[b"loca"] = struct.pack(f">{len(starts)}I", *starts) if long_offsets else struct.pack(f">{len(starts)}H", *(s // 2 for s in starts))
    maxp[26:28] = b"\0\0"  # maxSizeOfInstructions: none now
    head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, made below over the whole file
    found[b"head"], found[b"maxp"] = bytes(head), bytes(maxp)
    found.pop(b"DSIG", None)
    tags = sorted(found)
    power = 1 << (len(tags).bit_length() - 1)
    header = font[:4] + struct.pack(">HHHH", len(tags), 16 * power, power.bit_length() - 1, 16 * (len(tags) - power))
    at = 12 + 16 * len(tags)
    directory, body, head_at = bytearray(), bytearray(), 0
    for tag in tags:
        data = found[tag]
        if tag == b"head":
            head_at = at + len(body)
        directory += struct.pack(">4sIII", tag, _checksum(data), at + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    whole = bytearray(header + directory + body)
    whole[head_at + 8 : head_at + 12] = struct.pack(">I", (0xB1B0AFBA - _checksum(bytes(whole))) & 0xFFFFFFFF)
    return bytes(whole)


def glyph_program_bytes(font: bytes) -> int:
    """How many bytes of instructions a TrueType font's glyphs hold (none in these copies)."""
    return sum(_without_program(glyph)[1] for glyph in _glyphs(tables(font)))


def copies(package_files: Path) -> dict[str, bytes]:
    """The copies' names and bytes, made from the package's files (and its licence, as OFL.txt)."""
    made = {p.name: without_glyph_programs(p.read_bytes()) for p in sorted(package_files.glob("AtkinsonHyperlegible-*.ttf"))}
    made["OFL.txt"] = (package_files.parent / "LICENSE").read_bytes()
    return made
