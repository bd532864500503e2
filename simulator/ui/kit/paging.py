"""Paragraphs into pages that read whole: broken between sentences, never leaving a scrap alone.

:func:`paginate` fills each page with paragraphs. One that does not fit
what is left of a page is broken after the last whole sentence that does
(sentences as :mod:`~simulator.ui.kit.sentences` finds them), and the rest
carries on at the top of the next page. A sentence that fits a page is
never split; one taller than a page starts a page and is cut into pieces
of about equal height (at a comma or a dash when one is near, never inside
brackets), so no page holds only its last word. A paragraph marked
``whole`` (a citation, a glossary entry) moves to the next page rather than
split (one taller than a page breaks between sentences like any text); a
``keep_with_next`` heading moves with the first sentence of what follows
(with all of it when that is ``whole`` and fits a page). What a
break carries to the next page opens with the paragraph's ``carry`` spans
when it has them (a glossary entry's "term (continued):").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from simulator.ui.kit.fonts import Typeset
from simulator.ui.kit.text import Memo, Page, Para, Row, Run, Span, para_rows, tokens

_PAGES: Memo[list[Page]] = Memo(512)


def sentences(spans: Sequence[Span]) -> list[tuple[Span, ...]]:
    """The spans of a paragraph cut into sentences (each a tuple of spans; a sentence may cross spans).

    One pass over the spans for all the sentences: cutting the rest of the paragraph again at each
    sentence copied the rest each time, so a 100 KB line of short sentences took minutes to page.
    """
    from simulator.ui.kit.sentences import sentence_starts  # only text longer than its box is cut: not before the first frame

    text = "".join(s.text for s in spans)
    starts = sentence_starts(text)
    if not starts:
        return [tuple(spans)]
    bounds = [0, *starts, len(text)]
    out: list[tuple[Span, ...]] = []
    i, at = 0, 0  # the span holding offset ``at``, and where that span starts
    last = len(bounds) - 2
    for n, (a, b) in enumerate(itertools.pairwise(bounds)):
        if n:  # a sentence after the first starts without white space
            while a < b and text[a].isspace():
                a += 1
        part: list[Span] = []
        while i < len(spans) and at + len(spans[i].text) <= a:  # spans wholly before this sentence
            at += len(spans[i].text)
            i += 1
        j, pos = i, at
        while j < len(spans) and (pos < b or n == last):
            span = spans[j]
            piece = span.text[max(a, pos) - pos : b - pos]
            if piece or (n == last and part and not span.text):  # the last sentence keeps an empty span after its words, as the rest of the paragraph
                part.append(span if len(piece) == len(span.text) else Span(piece, span.style, span.role))
            pos += len(span.text)
            j += 1
        if part:
            out.append(tuple(part))
    return out or [tuple(spans)]


def _cut(spans: Sequence[Span], at: int) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Spans split at character offset ``at`` (the second part without leading white space)."""
    head: list[Span] = []
    tail: list[Span] = []
    seen = 0
    for span in spans:
        n = len(span.text)
        if seen + n <= at:
            head.append(span)
        elif seen >= at:
            tail.append(span)
        else:
            k = at - seen
            head.append(Span(span.text[:k], span.style, span.role))
            tail.append(Span(span.text[k:], span.style, span.role))
        seen += n
    while tail and not tail[0].text.strip():
        tail.pop(0)
    if tail:
        tail[0] = Span(tail[0].text.lstrip(), tail[0].style, tail[0].role)
    return tuple(s for s in head if s.text), tuple(tail)


def _join(parts: Sequence[tuple[Span, ...]]) -> tuple[Span, ...]:
    return tuple(span for part in parts for span in part)


#: A text of up to this many pages whose last page holds less than SHORT_LAST of a page is shared out evenly (see _balanced).
BALANCE_UP_TO = 4
SHORT_LAST = 1 / 2


def paginate(paras: Sequence[Para], width: int, height: int, typeset: Typeset) -> list[Page]:
    """Stack paragraphs into pages of at most ``height`` pixels (always at least one page)."""
    key = (tuple(paras), width, height, typeset.key)
    found = _PAGES.get(key)
    if found is None:
        found = _balanced(paras, width, height, typeset)
        _PAGES.put(key, found)
    return list(found)


def _balanced(paras: Sequence[Para], width: int, height: int, typeset: Typeset) -> list[Page]:
    """The pages, shared out evenly when the last would hold only a line or two of a short text.

    A feedback card at 1024x600 with the largest text filled its first page
    and left the second only the two practice-principle lines under it. A
    text of a few pages whose last page is under half full is paged again
    in the lowest height that keeps the same number of pages (found by
    halves), so each page holds a fair share; never at the price of a cut
    inside a sentence the full pages did not make.
    """
    pages, cuts = _paginate(paras, width, height, typeset)
    if not 2 <= len(pages) <= BALANCE_UP_TO or pages[-1].height >= height * SHORT_LAST:
        return pages
    lo, hi, best = max(1, sum(p.height for p in pages) // len(pages)), height - 1, pages
    while lo <= hi:
        mid = (lo + hi) // 2
        trial, trial_cuts = _paginate(paras, width, mid, typeset)
        if len(trial) == len(pages) and trial_cuts <= cuts:
            best, hi = trial, mid - 1
        else:
            lo = mid + 1
    return best


def _paginate(paras: Sequence[Para], width: int, height: int, typeset: Typeset) -> tuple[list[Page], int]:
    """Fill pages paragraph by paragraph; a paragraph that does not fit breaks between sentences (see the module's notes).

    Returns the pages and how many times a sentence, or a paragraph kept whole, was cut (one taller than the room for it),
    or a heading was left at the foot of a page.
    """
    line = typeset.line_height("body")
    pages: list[Page] = []
    rows: list[Row] = []
    y = 0
    cuts = 0

    headings_only = True  # nothing on this page yet but headings that go with what follows
    heading_last = False  # what was placed last goes with what follows (a page ending here leaves it behind)

    def new_page() -> None:
        nonlocal rows, y, headings_only, cuts
        if rows:
            pages.append(Page(tuple(rows), max(r.y + r.height for r in rows)))
            cuts += heading_last  # a heading left at the foot of a page counts as a cut
        rows, y, headings_only = [], 0, True

    def place(prows: list[tuple[int, list[Run]]]) -> None:
        nonlocal y
        for h, runs in prows:
            if rows and y + h > height:
                new_page()  # only a word wider than the box, broken into more rows than a page holds, gets here
            rows.append(Row(y, h, tuple(runs)))
            y += h

    items: list[tuple[Para, bool]] = [(p, False) for p in paras]  # (paragraph, carried on from the page before)
    k = 0
    while k < len(items):
        p, carried = items[k]
        # A paragraph with more characters than a page can hold is not laid out whole just to learn that it does
        # not fit: a trainer's 180 KB line would be wrapped again for each of its hundreds of pages.
        huge = not p.keep_with_next and not _surely_held(p.spans, width, height, typeset) and _length(p.spans) > _capacity(p.spans, width, height, typeset)
        prows = [] if huge else para_rows(p, width, typeset, carried)
        if rows and not carried:
            y += round(p.space_before * line)
        total = height + 1 if huge else sum(h for h, _ in prows)
        if p.keep_with_next and k + 1 < len(items):
            # A heading goes with what follows it: any headings under it, and the first sentence of the text.
            need, j = total + round(p.space_after * line), k + 1
            while j < len(items) and items[j][0].keep_with_next and j + 1 < len(items):
                nxt = items[j][0]
                need += round(nxt.space_before * line) + _height(nxt, width, typeset, False) + round(nxt.space_after * line)
                j += 1
            if j < len(items):
                nxt = items[j][0]
                whole = _height(nxt, width, typeset, False) if nxt.whole else 0
                need += round(nxt.space_before * line) + (whole if 0 < whole <= height else _first_height(nxt, width, typeset))
            if y + need > height and not headings_only:
                new_page()  # on a fresh page; if even there they cannot share it, the sentence is cut under the heading
        if not huge and (y + total <= height or not prows):
            place(prows)
            y += round(p.space_after * line)
            headings_only = headings_only and p.keep_with_next
            heading_last = p.keep_with_next
            k += 1
            continue
        if rows and total <= height and p.whole:
            new_page()  # a citation (or anything marked whole) that fits a page is never split
            continue
        if p.whole and total > height:
            p = p._replace(whole=False)  # taller than a page: it breaks between sentences like any text
            cuts += 1  # (what is kept whole counts as cut)
        head, tail, cut = _break(p, width, height - y, height, typeset, carried, fresh=headings_only, empty=not rows)
        if head is None:
            new_page()  # not even one sentence fits what is left of this page: start the next
            continue
        cuts += cut
        place(para_rows(head, width, typeset, carried))
        headings_only = heading_last = False
        if not tail.spans:  # a single word taller than the page: it is all there is
            y += round(p.space_after * line)
            k += 1
            continue
        new_page()
        items[k] = (tail._replace(spans=p.carry + tail.spans) if p.carry else tail, True)
    new_page()
    return pages or [Page((), 0)], cuts


def _length(spans: Sequence[Span]) -> int:
    return sum(len(s.text) for s in spans)


def _surely_held(spans: Sequence[Span], width: int, height: int, typeset: Typeset) -> bool:
    """Fewer characters than the box could hold even if each were as wide as a line is tall (no narrow one is, so within
    :func:`_capacity`): known without measuring a glyph, which the title's first frame would wait for, font by font."""
    styles = {s.style for s in spans} or {"body"}
    row = max(1, min(typeset.line_height(style) for style in styles))
    tall = max(typeset.line_height(style) for style in styles)
    return _length(spans) <= (height // row + 1) * (width // tall + 1)


def _capacity(spans: Sequence[Span], width: int, height: int, typeset: Typeset) -> int:
    """More characters than a box ``width`` by ``height`` can show in these spans' styles (a safe upper bound)."""
    styles = {s.style for s in spans} or {"body"}
    narrow = max(1, min(typeset.font(style).size(ch)[0] for style in styles for ch in "il.,'| "))
    row = max(1, min(typeset.line_height(style) for style in styles))
    return (height // row + 1) * (width // narrow + 1)


def _height(p: Para, width: int, typeset: Typeset, carried: bool) -> int:
    return sum(h for h, _ in para_rows(p, width, typeset, carried))


def _first_height(p: Para, width: int, typeset: Typeset) -> int:
    """The height of the first sentence of ``p``: what must come onto a page for a heading above it not to be stranded."""
    parts = sentences(p.spans)
    return _height(p._replace(spans=parts[0]) if parts and p.spans else p, width, typeset, False)


def _break(p: Para, width: int, room: int, height: int, typeset: Typeset, carried: bool, *, fresh: bool, empty: bool) -> tuple[Para | None, Para, bool]:
    """Split ``p`` for a page with ``room`` pixels left: the whole sentences that fit, else (on an empty page) part of a long one.

    Returns (what goes on this page, what is carried to the next, whether a sentence was cut between its words);
    None first when nothing should go here (the next page starts with this paragraph).
    """
    limit, held, within, fitting = _capacity(p.spans, width, room, typeset), 0, 0, 0
    parts = sentences(p.spans)
    for part in parts:  # sentences past what the room could ever hold are never tried
        held += _length(part)
        if held > limit:
            break
        within += 1
    lo, hi = 1, min(len(parts) - 1, within)  # a proper prefix: the whole paragraph did not fit
    while lo <= hi:  # the most sentences that fit (heights grow with each sentence added)
        mid = (lo + hi) // 2
        if _height(p._replace(spans=_join(parts[:mid]), space_after=0), width, typeset, carried) <= room:
            fitting = mid
            lo = mid + 1
        else:
            hi = mid - 1
    if fitting and not p.whole:
        return p._replace(spans=_join(parts[:fitting]), space_after=0), p._replace(spans=_join(parts[fitting:]), space_before=0), False
    if not fresh:
        return None, p, False
    # An empty page, and the first sentence (or a whole paragraph that must stay whole) is taller than a page:
    # split it into pieces of about equal height, so no page holds only a scrap of it.
    first = p.spans if p.whole else parts[0]
    unit = p._replace(spans=first, space_after=0)
    page_full = _capacity(first, width, height, typeset)
    if _length(first) > 3 * page_full:
        # Many pages of one sentence: fill this page, and leave the even pieces to its last pages.
        rows = para_rows(unit._replace(spans=_cut(first, page_full)[0]), width, typeset, carried)
        if not empty and rows and rows[0][0] > room:
            return None, p, False
        target = room
    else:
        rows = para_rows(unit, width, typeset, carried)
        if not empty and rows and rows[0][0] > room:
            return None, p, False  # not even a row fits under the headings: they go on alone (a box that small has no better choice)
        total = sum(h for h, _ in rows)
        pieces = max(2, -(-total // max(1, height)))
        target = min(room, -(-total // pieces) + max((h for h, _ in rows), default=0) // 2)
    cut = _word_cut(unit, width, target, typeset, carried)
    head_spans, rest = _cut(first, cut)
    after = _join(parts[1:]) if not p.whole else ()
    return p._replace(spans=head_spans, space_after=0), p._replace(spans=rest + after, space_before=0), bool(rest)


def _word_cut(unit: Para, width: int, target: int, typeset: Typeset, carried: bool) -> int:
    """Where to cut a sentence too long for a page: a character offset after as many words as fill ``target`` pixels.

    Never inside brackets (a citation stays whole) when there is a choice, and
    at the end of a clause (a comma, a semicolon, a dash) when one is near.
    """
    from simulator.ui.kit.sentences import CLAUSE_END, Depths

    text = "".join(s.text for s in unit.spans)
    limit = _capacity(unit.spans, width, target, typeset)
    ends = [m.end() for m in tokens().finditer(text, 0, limit)]  # only words that could be on this page are tried
    if ends and ends[-1] == limit < len(text):
        ends.pop()  # a word the limit cut short is not a place to cut
    if not ends:
        first = tokens().search(text)
        ends = [first.end()] if first else [len(text)]
    depth = Depths(text)
    depth_ok = [depth.at(e) == 0 for e in ends]
    lo, hi, best = 1, len(ends) - 1, 1
    while lo <= hi:
        mid = (lo + hi) // 2
        head, _ = _cut(unit.spans, ends[mid - 1])
        if _height(unit._replace(spans=head), width, typeset, carried) <= target:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    choices = [n for n in range(best, 0, -1) if depth_ok[n - 1]] or [best]
    for n in choices[:8]:
        if text[: ends[n - 1]].rstrip().endswith(CLAUSE_END) and n > best * 2 // 3:
            return ends[n - 1]
    return ends[choices[0] - 1]


def measure(paras: Sequence[Para], width: int, typeset: Typeset) -> int:
    """The height of the paragraphs laid out without a page limit."""
    return paginate(paras, width, 1 << 30, typeset)[0].height
