"""Where sentences begin, so text is paged between sentences: a page never ends mid-sentence when the sentence fits.

Plain text in, offsets out (no pygame). A full stop after a title ("Mr."),
an abbreviation ("e.g.", "s. 47", "et al.") or an initial does not end a
sentence, nor does one inside brackets, so a citation such as "(Ferguson,
2016. See also Munro, 2011)" stays whole. A newline is always a place to break.
"""

from __future__ import annotations

import re

# Words after which a full stop does not end a sentence: titles, "e.g.", a section ("s. 47"), "et al.".
ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof st rev sr jr e.g i.e etc cf vs al approx no nos s ss para paras reg regs p pp ch vol ed eds fig dept sec co ltd inc".split()  # noqa: SIM905 - a list of words reads best as words
)
CLAUSE_END = tuple(",;:\u2013\u2014")  # a long sentence is cut after one of these when one is near
_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s)|\n")
_WORD_WINDOW = 64  # far longer than any title or abbreviation a full stop can follow
_OPENERS = "\"'\u2018\u201c([\u2013\u2014-"


def sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence after the first begins.

    After . ! ? or an ellipsis (and any closing quote or bracket) and white
    space, before a capital, a digit or an opening quote; never after a title,
    an abbreviation or an initial, nor inside brackets; and after a newline.
    """
    starts: list[int] = []
    depth = Depths(text)
    for m in _END.finditer(text):
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            break
        if m.group() != "\n":
            ch = text[nxt]
            if not (ch.isupper() or ch.isdigit() or ch in _OPENERS):
                continue
            before = text[max(0, m.start() - _WORD_WINDOW) : m.start()]  # the word before, not the whole text before
            word = before.rsplit(None, 1)[-1] if before.strip() else ""
            bare = word.lstrip("\"'\u2018\u201c([").lower()
            if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()) or depth.at(m.start()) > 0:
                continue
        if not starts or starts[-1] != nxt:  # ". " then a newline: one start
            starts.append(nxt)
    return starts


def bracket_depth(text: str, at: int) -> int:
    """How many brackets are open at offset ``at``."""
    return Depths(text).at(at)


class Depths:
    """Bracket depths at rising offsets of one text, read in a single pass.

    Asking ``bracket_depth`` at every word of a long line scanned the text from its start each time: a
    trainer's 36 KB line of dialogue took the window minutes to page. Offsets asked in rising order cost
    one pass in all; an offset behind the last one asked starts the pass again.
    """

    __slots__ = ("depth", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.depth = text, 0, 0

    def at(self, offset: int) -> int:
        if offset < self.pos:
            self.pos, self.depth = 0, 0
        depth = self.depth
        for ch in self.text[self.pos : offset]:
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
        self.pos, self.depth = offset, depth
        return depth
