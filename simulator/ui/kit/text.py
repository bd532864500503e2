"""Text that wraps and pages instead of clipping.

A paragraph is a run of styled spans (a speaker's name in bold, a cue in
italics, the words). :func:`wrap` breaks it into rows that fit a width,
measured with the real font; :func:`~simulator.ui.kit.paging.paginate`
stacks paragraphs into pages that fit a height. Nothing is ever cut: a word
wider than the box is broken across rows, and what does not fit goes on the
next page.
"""

# No `from __future__ import annotations`: these five NamedTuples, made before the first frame, would have each field's
# annotation as a string, compiled into a forward reference as the class is made (21 compiles, about 20 us each).

import functools
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

import pygame

from simulator.ui.kit.fonts import Typeset
from simulator.ui.kit.theme import Colour, Palette

if TYPE_CHECKING:
    from typing import NamedTuple
else:  # the same classes, their __new__ compiled ahead rather than at every start (simulator/quicktuple)
    from simulator.quicktuple import NamedTuple

V = TypeVar("V")


@functools.cache
def tokens() -> re.Pattern[str]:
    """A word and the white space after it: compiled when first needed (0.3 million instructions; the title's lines are
    wrapped without it, see :func:`fit_one`)."""
    return re.compile(r"\S+\s*")


# Records are NamedTuples (see theme.py): defined before the first frame; equal, hashed and made in C.
class Span(NamedTuple):
    """Some words in one style and colour role."""

    text: str
    style: str = "body"
    role: str = "text"


class Para(NamedTuple):
    """A paragraph: spans, how it sits (bullet, centred) and the space around it (in body lines)."""

    spans: tuple[Span, ...]
    bullet: bool = False
    center: bool = False
    space_before: float = 0.0
    space_after: float = 0.45
    keep_with_next: bool = False
    whole: bool = False  # never split across pages when it fits one (a citation)
    carry: tuple[Span, ...] = ()  # put before what a page break carries to the next page ("IDVA (continued): ")


def para(text: str, style: str = "body", role: str = "text", **kw: object) -> Para:
    """A one-span paragraph."""
    return Para((Span(text, style, role),), **kw)  # type: ignore[arg-type]


class Run(NamedTuple):
    """Text in one style placed at ``x`` on its row; ``width`` is its measured width."""

    text: str
    style: str
    role: str
    x: int
    width: int


class Row(NamedTuple):
    y: int
    height: int
    runs: tuple[Run, ...]

    @property
    def right(self) -> int:
        return max((r.x + r.width for r in self.runs), default=0)


class Page(NamedTuple):
    rows: tuple[Row, ...]
    height: int


def _split_long(word: str, font: pygame.font.Font, width: int) -> list[str]:
    """Break a word wider than the box into pieces that fit (a URL, a long name)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and font.size(current + ch)[0] > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


class _Open:
    """A run being filled while wrapping (a plain class: it is scratch, and classes import faster than dataclasses)."""

    __slots__ = ("role", "span", "style", "text", "x")

    def __init__(self, text: str, style: str, role: str, x: int, span: int) -> None:
        self.text, self.style, self.role, self.x, self.span = text, style, role, x, span


class Memo(Generic[V]):
    """A small least-recently-used memory of layouts: screens are laid out again far more often than their text changes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: OrderedDict[object, V] = OrderedDict()

    def get(self, key: object) -> V | None:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: object, value: V) -> None:
        self.items[key] = value
        if len(self.items) > self.limit:
            self.items.popitem(last=False)


_WRAPS: Memo[list[list[Run]]] = Memo(4096)


def wrap(spans: Sequence[Span], width: int, typeset: Typeset) -> list[list[Run]]:
    """Rows of runs that each fit ``width`` pixels; a newline in a span forces a new row."""
    key = (tuple(spans), width, typeset.key)
    found = _WRAPS.get(key)
    if found is None:
        found = _wrap(spans, width, typeset)
        _WRAPS.put(key, found)
    return found


def _wrap(spans: Sequence[Span], width: int, typeset: Typeset) -> list[list[Run]]:
    width = max(1, width)
    if len(spans) == 1 and "\n" not in spans[0].text:
        # A label or a line of one style that fits whole is one row, measured once. Fitting word by word measures each
        # growing line (a dozen calls for a button, most of the title's layout before its first frame); each ends at a
        # word and is never wider than the whole, so when the whole fits they would all have fitted (tests/test_text.py).
        span = spans[0]
        shown = span.text.strip()
        if not shown:
            return [[]]
        whole = typeset.font(span.style).size(shown)[0]
        if whole <= width:
            return [[Run(shown, span.style, span.role, 0, whole)]]
        rows = fit_one(span, width, typeset, len(shown) / whole)
        if rows is not None:
            return rows
    return fit_words(spans, width, typeset)


def fit_one(span: Span, width: int, typeset: Typeset, per_px: float) -> list[list[Run]] | None:
    """The rows :func:`fit_words` makes of one span with no newline, from a few measurements a row; None when a word is
    wider than the box (fit_words breaks it).

    Word by word, each word and each growing row was measured: some fifty calls for the title's two wrapped lines, most
    of its text's cost before the first frame. A row is the longest run of words whose text fits, and a row's width only
    grows with each word it takes, so each row is found by measuring from a guess (``per_px`` characters a pixel, from the
    whole line's measure) up or down a word at a time; the width found is the row's run width, not measured again.
    """
    font = typeset.font(span.style)
    text = span.text
    ends: list[tuple[int, int]] = []  # each word's start and end in the text
    at = 0
    for word in text.split():  # the same white space as the word pattern's: str.isspace's
        start = text.index(word, at)
        at = start + len(word)
        ends.append((start, at))
    rows: list[list[Run]] = []
    budget = width * per_px
    i, n = 0, len(ends)
    while i < n:
        begin = ends[i][0]
        j = i
        while j + 1 < n and ends[j + 1][1] - begin <= budget:
            j += 1
        wide = font.size(text[begin : ends[j][1]])[0]
        if wide <= width:
            while j + 1 < n:
                more = font.size(text[begin : ends[j + 1][1]])[0]
                if more > width:
                    break
                j, wide = j + 1, more
        else:
            while wide > width:
                if j == i:
                    return None  # a word wider than the box on its own
                j -= 1
                wide = font.size(text[begin : ends[j][1]])[0]
        rows.append([Run(text[begin : ends[j][1]], span.style, span.role, 0, wide)])
        i = j + 1
    return rows


def fit_words(spans: Sequence[Span], width: int, typeset: Typeset) -> list[list[Run]]:
    """Rows filled word by word, each as long as fits (a word wider than the box broken across rows)."""
    width = max(1, width)
    rows: list[list[_Open]] = [[]]

    def row_end(row: list[_Open]) -> int:
        if not row:
            return 0
        last = row[-1]
        return last.x + typeset.font(last.style).size(last.text)[0]

    for index, span in enumerate(spans):
        font = typeset.font(span.style)
        for part_no, part in enumerate(span.text.split("\n")):
            if part_no:
                rows.append([])
            elif part[:1].isspace() and rows[-1] and not rows[-1][-1].text[-1:].isspace():
                # A span that starts with a space ("Tone: 1" then "  Calm...") keeps its gap.
                rows[-1][-1].text += " "
            for token in tokens().findall(part):
                word = token.rstrip()
                pieces = _split_long(word, font, width) if font.size(word)[0] > width else [word]
                for piece_no, piece in enumerate(pieces):
                    text = piece + (token[len(word):] if piece_no == len(pieces) - 1 else "")
                    row = rows[-1]
                    joining = bool(row) and row[-1].span == index
                    if joining:
                        fits = row[-1].x + font.size(row[-1].text + piece)[0] <= width
                    else:
                        fits = row_end(row) + font.size(piece)[0] <= width
                    # Each piece of a broken word starts its own row.
                    if row and (not fits or piece_no > 0):
                        rows.append([])
                        row = rows[-1]
                        joining = False
                    if joining:
                        row[-1].text += text
                    else:
                        row.append(_Open(text, span.style, span.role, row_end(row), index))
    out: list[list[Run]] = []
    for row in rows:
        runs = []
        for o in row:
            shown = o.text.rstrip()
            if shown:
                runs.append(Run(shown, o.style, o.role, o.x, typeset.font(o.style).size(shown)[0]))
        out.append(runs)
    return out


def para_rows(p: Para, width: int, typeset: Typeset, carried: bool = False) -> list[tuple[int, list[Run]]]:
    """The paragraph's rows as (height, runs), with bullets and centring applied (a bullet carried over keeps its indent, not its mark)."""
    indent = typeset.font("body").size("•  ")[0] if p.bullet else 0
    wrapped = wrap(p.spans, width - indent, typeset)
    style0 = p.spans[0].style if p.spans else "body"
    out: list[tuple[int, list[Run]]] = []
    for i, runs in enumerate(wrapped):
        height = max((typeset.line_height(r.style) for r in runs), default=typeset.line_height(style0))
        placed = [Run(r.text, r.style, r.role, r.x + indent, r.width) for r in runs]
        if p.center and placed:
            right = max(r.x + r.width for r in placed)
            shift = max(0, (width - right) // 2)
            placed = [Run(r.text, r.style, r.role, r.x + shift, r.width) for r in placed]
        if p.bullet and i == 0 and not carried:
            bullet_w = typeset.font("body").size("•")[0]
            placed.insert(0, Run("•", "body", "accent", 0, bullet_w))
        out.append((height, placed))
    return out


def words_in(page: Page) -> int:
    """How many words a laid-out page shows."""
    return sum(len(run.text.split()) for row in page.rows for run in row.runs)


class TextCache:
    """Rendered lines by font, text and colour; paging and redraws reuse them.

    Kept to ``limit`` lines and ``budget`` bytes, the least recently drawn
    going first. By count alone, 1500 lines at 1920x1080 held about 240 MB (a
    body line is some 160 KB); the window sets the budget to a few windows'
    worth of pixels (App._make_look), room for the screen, its next page and
    every card drawn ahead several times over.
    """

    def __init__(self, limit: int = 1500, budget: int = 64 << 20) -> None:
        self.limit = limit
        self.budget = budget
        self.bytes = 0
        self._items: OrderedDict[tuple[object, str, Colour], pygame.Surface] = OrderedDict()

    def render(self, font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
        key = (font, text, colour)
        surf = self._items.get(key)
        if surf is None:
            surf = font.render(text, True, colour)
            self._items[key] = surf
            self.bytes += _size(surf)
            while len(self._items) > 1 and (len(self._items) > self.limit or self.bytes > self.budget):
                self.bytes -= _size(self._items.popitem(last=False)[1])
        else:
            self._items.move_to_end(key)
        return surf

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0


def _size(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


TextLog = Callable[[pygame.Rect, pygame.Rect], None]


def draw_rows(
    surface: pygame.Surface,
    rows: Iterable[Row],
    origin: tuple[int, int],
    typeset: Typeset,
    palette: Palette,
    cache: TextCache,
    box: pygame.Rect,
    log: TextLog | None = None,
    roles: dict[str, Colour] | None = None,
) -> None:
    """Draw rows at ``origin``; ``box`` is the area they were laid out for (checked by tests via ``log``)."""
    ox, oy = origin
    for row in rows:
        for run in row.runs:
            font = typeset.font(run.style)
            colour = roles[run.role] if roles and run.role in roles else palette.role(run.role)
            surf = cache.render(font, run.text, colour)
            x = ox + run.x
            y = oy + row.y + (row.height - font.get_linesize()) // 2
            surface.blit(surf, (x, y))
            if log is not None:
                log(pygame.Rect((x, y), surf.get_size()), box)
