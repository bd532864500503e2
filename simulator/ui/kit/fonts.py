"""Atkinson Hyperlegible, loaded by path, cached by size.

Every piece of text in the window goes through here: ``pygame.font.Font``
with a file path only, never a system font lookup, so a classroom laptop
and a trainer's Mac draw exactly the same letters. From 14 px up the files
are the window's own copies without glyph hinting programs (simulator/ui/fonts:
the same widths, a ninth of FreeType's work per glyph); smaller text uses the
PyPI package's own files, where hinting still sharpens the letters.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pygame

from simulator.ui.kit.theme import Metrics

FACES = {
    "regular": "AtkinsonHyperlegible-Regular.ttf",
    "bold": "AtkinsonHyperlegible-Bold.ttf",
    "italic": "AtkinsonHyperlegible-Italic.ttf",
    "bolditalic": "AtkinsonHyperlegible-BoldItalic.ttf",
}

# Style name -> (face, which size of the metrics).
STYLES: dict[str, tuple[str, str]] = {
    "body": ("regular", "body"),
    "bold": ("bold", "body"),
    "italic": ("italic", "body"),
    "small": ("regular", "small"),
    "small-bold": ("bold", "small"),
    "small-italic": ("italic", "small"),
    "heading": ("bold", "heading"),
    "title": ("bold", "title"),
    "display": ("bold", "display"),
}


HINTED_BELOW = 14  # px: text this small keeps the package's hinted files (snapping its edges to pixels still shows)
COPIES = Path(__file__).parent.parent / "fonts"  # simulator/ui/fonts: the copies without glyph programs


def font_dir() -> Path:
    """The font package's own files (imported only when text under HINTED_BELOW is first drawn)."""
    import fontpkg_atkinson_hyperlegible as package

    return Path(package.ROOT) / "files"


@functools.cache
def _undrawable() -> re.Pattern[str]:
    return re.compile("[\x00\ud800-\udfff]")  # compiled when first needed: not for the title's plain ASCII (0.1-0.3 ms)


def drawable(text: str) -> str:
    """Text SDL_ttf takes: a NUL byte (ValueError) dropped, a lone surrogate (UnicodeEncodeError) shown as U+FFFD."""
    if text.isascii() and "\x00" not in text:  # isascii() is a flag on the string: most text is drawn with no search at all
        return text
    if not _undrawable().search(text):
        return text
    return _undrawable().sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


class SafeFont(pygame.font.Font):
    """A font that draws and measures any text it is given: what a scenario, a record or a typed name holds is not up to us.

    SDL_ttf refuses text of zero width ("Text has zero width": a line of
    only zero-width spaces or joiners), a NUL byte, and a lone surrogate (a
    name given in bytes that are not UTF-8); each raised from deep in a
    frame and stopped the window. Here the first draws as an empty run of
    the line's height, and the others are drawn as :func:`drawable` makes them.
    """

    def size(self, text: str | bytes) -> tuple[int, int]:
        return super().size(drawable(text) if isinstance(text, str) else text)

    def render(self, text: str | bytes | None, antialias: bool, color: Any, bgcolor: Any = None, wraplength: int = 0) -> pygame.Surface:
        shown = drawable(text) if isinstance(text, str) else text
        try:
            return super().render(shown, antialias, color, bgcolor, wraplength)
        except pygame.error:  # zero width, or too wide for one surface
            return pygame.Surface((0, self.get_height()), pygame.SRCALPHA)


class Fonts:
    """Font objects by face and pixel size, made once each."""

    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._folder: Path | None = None
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}

    @property
    def folder(self) -> Path:
        """The font package's files."""
        if self._folder is None:
            self._folder = font_dir()
        return self._folder

    def path(self, face: str, size: int) -> Path:
        """The file a face is drawn from at this pixel size: the copy without glyph programs from HINTED_BELOW up (the
        package's own if the copy is missing), else the package's."""
        if size >= HINTED_BELOW:
            copy = COPIES / FACES[face]
            if copy.is_file():
                return copy
        return self.folder / FACES[face]

    def face(self, face: str, size: int) -> pygame.font.Font:
        key = (face, size)
        font = self._cache.get(key)
        if font is None:
            font = SafeFont(str(self.path(face, size)), size)
            self._cache[key] = font
        return font


class Typeset:
    """The fonts for one window size and text-size step, by style name."""

    def __init__(self, fonts: Fonts, metrics: Metrics) -> None:
        self.fonts = fonts
        self.metrics = metrics
        self.key = (id(fonts), metrics)  # equal keys lay text out identically
        self._styles: dict[str, pygame.font.Font] = {}

    def font(self, style: str) -> pygame.font.Font:
        found = self._styles.get(style)
        if found is None:
            face, size_name = STYLES[style]
            found = self.fonts.face(face, getattr(self.metrics, size_name))
            self._styles[style] = found
        return found

    def line_height(self, style: str) -> int:
        return int(self.font(style).get_linesize())
