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
_OPENERS = "\"'\u2018\u201c([\u2013\u2014-"


def sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence after the first begins.

    After . ! ? or an ellipsis (and any closing quote or bracket) and white
    space, before a capital, a digit or an opening quote; never after a title,
    an abbreviation or an initial, nor inside brackets; and after a newline.
    """
    starts: list[int] = []
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
            before = text[: m.start()]
            word = before.rsplit(None, 1)[-1] if before.strip() else ""
            bare = word.lstrip("\"'\u2018\u201c([").lower()
            if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()) or bracket_depth(text, m.start()) > 0:
                continue
        if not starts or starts[-1] != nxt:  # ". " then a newline: one start
            starts.append(nxt)
    return starts


def bracket_depth(text: str, at: int) -> int:
    """How many brackets are open at offset ``at``."""
    depth = 0
    for ch in text[:at]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth
