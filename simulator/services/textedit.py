"""Editing a few paragraphs of the trainee's own writing: the text, the caret, and how it wraps.

Pure Python (no pygame): the reflection screen passes in a ``measure``
function (text to pixel width), so wrapping and caret movement are tested
on their own. Rows are ``(start, end)`` offsets into the text; a row ends
where the next begins, or at a line break, which belongs to no row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Measure = Callable[[str], int]
_TOKEN = re.compile(r"\S+\s*|\s+")


def rows_of(text: str, width: int, measure: Measure) -> list[tuple[int, int]]:
    """The text broken into rows no wider than ``width`` (a word wider than a row is broken by letters)."""
    rows: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = offset
        for match in _TOKEN.finditer(line):
            at = offset + match.start()
            word_end = at + len(match.group().rstrip())
            if at > start and measure(text[start:word_end]) > width:
                rows.append((start, at))  # the word goes to the next row, its spaces stay with it
                start = at
            while word_end - start > 1 and measure(text[start:word_end]) > width:
                cut = start + 1  # a word too long for any row: as many letters as fit
                while cut < word_end and measure(text[start : cut + 1]) <= width:
                    cut += 1
                rows.append((start, cut))
                start = cut
        rows.append((start, offset + len(line)))
        offset += len(line) + 1
    return rows


def row_of(rows: list[tuple[int, int]], caret: int) -> int:
    """The row the caret is on (at a wrap, the start of the next row)."""
    found = 0
    for i, (start, _) in enumerate(rows):
        if start <= caret:
            found = i
    return found


@dataclass
class TextEdit:
    """A text and a caret, with the edits a text box needs; ``limit`` caps the length."""

    text: str = ""
    caret: int = 0
    limit: int = 20_000

    def __post_init__(self) -> None:
        self.caret = max(0, min(self.caret, len(self.text)))

    def insert(self, typed: str) -> bool:
        """Add what was typed at the caret (control characters other than a line break are dropped)."""
        clean = "".join(ch for ch in typed.replace("\r\n", "\n").replace("\r", "\n") if ch == "\n" or ch.isprintable())
        clean = clean[: max(0, self.limit - len(self.text))]
        if not clean:
            return False
        self.text = self.text[: self.caret] + clean + self.text[self.caret :]
        self.caret += len(clean)
        return True

    def backspace(self, word: bool = False) -> bool:
        if self.caret == 0:
            return False
        start = self._word_left() if word else self.caret - 1
        self.text = self.text[:start] + self.text[self.caret :]
        self.caret = start
        return True

    def delete(self, word: bool = False) -> bool:
        if self.caret >= len(self.text):
            return False
        end = self._word_right() if word else self.caret + 1
        self.text = self.text[: self.caret] + self.text[end:]
        return True

    def left(self, word: bool = False) -> bool:
        target = self._word_left() if word else max(0, self.caret - 1)
        moved = target != self.caret
        self.caret = target
        return moved

    def right(self, word: bool = False) -> bool:
        target = self._word_right() if word else min(len(self.text), self.caret + 1)
        moved = target != self.caret
        self.caret = target
        return moved

    def _word_left(self) -> int:
        i = self.caret
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        while i > 0 and not self.text[i - 1].isspace():
            i -= 1
        return i

    def _word_right(self) -> int:
        i, n = self.caret, len(self.text)
        while i < n and not self.text[i].isspace():
            i += 1
        while i < n and self.text[i].isspace() and self.text[i] != "\n":
            i += 1
        return i if i > self.caret else min(n, self.caret + 1)

    # -- moving by rows (needs the layout) ---------------------------------------------------
    def home(self, rows: list[tuple[int, int]]) -> bool:
        target = rows[row_of(rows, self.caret)][0]
        moved = target != self.caret
        self.caret = target
        return moved

    def end(self, rows: list[tuple[int, int]]) -> bool:
        target = self._row_end(rows, row_of(rows, self.caret))
        moved = target != self.caret
        self.caret = target
        return moved

    def _row_end(self, rows: list[tuple[int, int]], r: int) -> int:
        """The last caret position on row ``r`` (before a wrapped row's next row begins)."""
        start, end = rows[r]
        wrapped = r + 1 < len(rows) and rows[r + 1][0] == end and end > start
        return end - 1 if wrapped and self.text[end - 1 : end].isspace() else end

    def vertical(self, rows: list[tuple[int, int]], step: int, measure: Measure) -> bool:
        """Up (``step`` -1) or down (1) a row, keeping as close as possible to the same x."""
        r = row_of(rows, self.caret)
        target = r + step
        if not 0 <= target < len(rows):
            return self.home(rows) if step < 0 else self.end(rows)
        x = measure(self.text[rows[r][0] : self.caret])
        self.caret = self.nearest(rows, target, x, measure)
        return True

    def nearest(self, rows: list[tuple[int, int]], r: int, x: int, measure: Measure) -> int:
        """The caret position on row ``r`` nearest to ``x`` pixels from its start (for clicks and Up/Down)."""
        start = rows[r][0]
        last = self._row_end(rows, r)
        best, best_d = start, abs(x)
        for k in range(start + 1, last + 1):
            d = abs(measure(self.text[start:k]) - x)
            if d < best_d:
                best, best_d = k, d
        return best
