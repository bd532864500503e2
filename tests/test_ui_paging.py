"""Pages that read whole: broken between sentences, a long sentence in even pieces, citations and headings kept with their text."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import itertools

from simulator.ui.kit.fonts import Fonts, Typeset
from simulator.ui.kit.paging import measure, paginate, sentences
from simulator.ui.kit.sentences import sentence_starts
from simulator.ui.kit.text import Page, Para, Span, para
from simulator.ui.kit.theme import Metrics

FONTS = Fonts()
ENDS = re.compile(r"[.!?][\"'\u2019\u201d)]*$")


def typeset(step: int = 3, size: tuple[int, int] = (1024, 600)) -> Typeset:
    return Typeset(FONTS, Metrics.for_size(size[0], size[1], step))


def words(page: Page) -> list[str]:
    return [w for row in page.rows for run in row.runs if run.text != "\u2022" for w in run.text.split()]


def split_at(text: str) -> list[str]:
    starts = [0, *sentence_starts(text), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(starts)]


def test_sentences_end_at_stops_but_not_after_titles_initials_abbreviations_or_inside_brackets():
    """'Mr. Harris', 'H. Ferguson', 'e.g. by phone', 's. 47' and '(2016. See also ...)' do not end sentences; a newline does."""
    text = 'Mr. Harris said: "It\'s yours." H. Ferguson agreed, e.g. by phone. The plan (Ferguson, 2016. See also Munro, 2011) was made under s. 47 today.\nNext line'
    assert split_at(text) == [
        'Mr. Harris said: "It\'s yours."',
        "H. Ferguson agreed, e.g. by phone.",
        "The plan (Ferguson, 2016. See also Munro, 2011) was made under s. 47 today.",
        "Next line",
    ]
    assert split_at("Is it? yes, it is. 3 people came. \u201cHello,\u201d she said.") == ["Is it? yes, it is.", "3 people came.", "\u201cHello,\u201d she said."]


def test_sentences_cross_styled_spans():
    """A sentence may run across spans (a bold name, then the words); the spans are cut where sentences begin."""
    parts = sentences((Span("Fiona: ", "bold"), Span("I know. You said so. "), Span("Fine.", "italic")))
    assert ["".join(s.text for s in part).strip() for part in parts] == ["Fiona: I know.", "You said so.", "Fine."]
    assert parts[0][0].style == "bold" and parts[-1][0].style == "italic"


def test_a_paragraph_too_long_for_the_page_breaks_after_a_whole_sentence():
    """Every page but the last ends at the end of a sentence when each sentence fits a page (the first sentence fills most of it)."""
    ts = typeset()
    text = "Fiona moved to the town in June, an assessment closed with no further action. " * 3 + "The police told us about Saturday. Section 47 enquiries start today, and they are yours."
    line = ts.line_height("body")
    for rows in (2, 3, 4, 5):
        pages = paginate([para(text)], 700, rows * line, ts)
        assert len(pages) > 1
        for page in pages[:-1]:
            assert ENDS.search(words(page)[-1]), (rows, words(page)[-4:])
        assert sum(len(words(p)) for p in pages) == len(text.split())


def test_a_sentence_longer_than_a_page_starts_a_page_and_is_cut_in_even_pieces_never_leaving_one_word():
    """A sentence taller than the page is shared out: no page holds a scrap such as 'yours.' alone."""
    ts = typeset()
    line = ts.line_height("body")
    long = (
        "On Saturday night the police were called to the flat after a neighbour heard shouting, and when they arrived they found "
        "the children awake, their mother frightened and a phone broken on the floor, and the case, from this morning, is yours."
    )
    for rows in (2, 3, 4):
        pages = paginate([para("A short one first."), para(long)], 700, rows * line, ts)
        assert words(pages[0]) == ["A", "short", "one", "first."]  # the long sentence starts its own page
        pieces = [len(p.rows) for p in pages[1:]]
        assert min(pieces) >= max(pieces) // 2 and min(pieces) >= 1, pieces
        assert all(len(words(p)) > 1 for p in pages)


def test_a_long_sentence_is_cut_after_a_comma_when_one_is_near():
    """Cutting a long sentence prefers the end of a clause to the middle of one."""
    ts = typeset()
    text = "She said that she would go to the meeting on Tuesday, if the bus was running and her sister could have the children, and that she would ring."
    pages = paginate([para(text)], 500, 2 * ts.line_height("body"), ts)
    assert len(pages) > 1
    assert any(words(p)[-1].endswith(",") for p in pages[:-1])


def test_a_citation_moves_to_the_next_page_whole():
    """A 'Rests on:' line marked whole is never split across pages when it fits one."""
    ts = typeset()
    line = ts.line_height("body")
    cite = para("Rests on: Ferguson et al. (2020); Social Work England (2019); Web report of a seminar at the COMPASS centre (2024)", "small-italic", whole=True)
    body = [para(f"Sentence number {i} is here.") for i in range(3)]
    height = measure(body, 600, ts) + line
    pages = paginate([*body, cite], 600, height, ts)
    assert words(pages[-1])[0] == "Rests" and len(pages) == 2


def test_a_heading_goes_with_the_first_sentence_of_its_text():
    """A heading moves to the next page unless the first sentence under it fits too, not just its first row."""
    ts = typeset()
    filler = [para(f"Filler sentence {i}.") for i in range(3)]
    heading = para("What hurt most", "heading", keep_with_next=True)
    body = para("A sentence under the heading that runs over more than one row at this size of text, and then some more words. Then another.")
    room = measure([*filler, heading], 700, ts) + 2 * ts.line_height("body")
    pages = paginate([*filler, heading, body], 700, room, ts)
    assert words(pages[0])[-1] == "2."
    assert " ".join(words(pages[1])).startswith("What hurt most A sentence")


def test_a_heading_goes_with_all_of_a_whole_paragraph_under_it():
    """A heading over a paragraph kept whole (a glossary entry) moves to the next page with it, not only with its first sentence."""
    ts = typeset()
    filler = [para(f"Filler sentence {i}.") for i in range(3)]
    heading = para("Every word this case explains", "heading", keep_with_next=True)
    entry = para("IDVA: an adviser. " + "She helps a person at risk plan for safety, and speaks up for her with the services. " * 3, whole=True)
    room = measure([*filler, heading], 700, ts) + 2 * ts.line_height("body")
    pages = paginate([*filler, heading, entry], 700, max(room, measure([heading, entry], 700, ts) + ts.line_height("body")), ts)
    assert words(pages[0])[-1] == "2."
    assert " ".join(words(pages[1])).startswith("Every word this case explains IDVA:") and len(pages) == 2


def test_a_paragraph_kept_whole_but_taller_than_a_page_breaks_between_sentences():
    """A glossary entry longer than a page is not cut mid-sentence: it breaks after the last whole sentence that fits, like any text."""
    ts = typeset()
    text = "Capacity: whether a person can make a decision at the time it is needed. " + " ".join(f"Point {n} of the test is about one more thing a person must manage for this." for n in range(12))
    height = 5 * ts.line_height("body")
    pages = paginate([para("Filler sentence."), para(text, whole=True)], 700, height, ts)
    assert len(pages) > 2
    for page in pages[:-1]:
        assert ENDS.search(words(page)[-1]), words(page)[-6:]


def test_a_bullet_carried_to_the_next_page_keeps_its_indent_but_not_its_mark():
    """Part of a bulleted paragraph on the next page is indented like the first part, without a second bullet."""
    ts = typeset()
    text = "First point, which says one thing. " * 4
    pages = paginate([Para((Span(text),), bullet=True)], 500, 3 * ts.line_height("body"), ts)
    assert len(pages) > 1
    assert pages[0].rows[0].runs[0].text == "\u2022"
    assert all(run.text != "\u2022" for row in pages[1].rows for run in row.runs)
    assert pages[1].rows[0].runs[0].x == pages[0].rows[0].runs[1].x


sentence = st.lists(st.sampled_from(["the", "worker", "said", "she", "would", "come", "back", "on", "Tuesday", "and", "ring", "first", "to", "check"]), min_size=1, max_size=30).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=60, deadline=None)
@given(paras=st.lists(st.lists(sentence, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=5), rows=st.integers(min_value=2, max_value=12), step=st.integers(min_value=0, max_value=3))
def test_any_text_is_paged_between_sentences_whenever_a_sentence_fits(paras: list[str], rows: int, step: int):
    """For any paragraphs: no page is over the height, no word is lost, and a page ends mid-sentence only when that sentence is taller than a page."""
    ts = typeset(step)
    height = rows * ts.line_height("body")
    laid = [para(t) for t in paras]
    pages = paginate(laid, 600, height, ts)
    assert all(p.height <= height for p in pages)
    flat = [w for p in pages for w in words(p)]
    assert flat == " ".join(paras).split()
    seen = 0
    all_sentences = [s for t in paras for s in split_at(t)]
    bounds, total = set(), 0
    for s in all_sentences:
        total += len(s.split())
        bounds.add(total)
    for page in pages[:-1]:
        seen += len(words(page))
        if seen in bounds:
            continue
        start = max(b for b in [0, *bounds] if b < seen)
        whole = next(s for s, b in zip(all_sentences, sorted(bounds), strict=False) if b > seen and b - len(s.split()) == start)
        assert measure([para(whole)], 600, ts) > height, f"cut inside {whole!r}, which fits a page"


@pytest.mark.parametrize("step", [0, 3])
def test_pages_never_hold_a_single_word_of_a_longer_text(step: int):
    """At every text size, a long prebrief-like paragraph in a short box never leaves a page of one word."""
    ts = typeset(step)
    text = (
        "The police were called to the family home on Saturday night. John told them he had put it somewhere safe. "
        "He was arrested, interviewed on Sunday and released under investigation. Section 47 enquiries start today, and they are yours."
    )
    for rows in range(3, 7):  # (in a box of two rows the cue runs into the words instead: see reading.py)
        pages = paginate([para("(quietly)", "italic", keep_with_next=True), para(text)], 942, rows * ts.line_height("body"), ts)
        assert all(len(words(p)) > 1 for p in pages), [words(p) for p in pages]


def _wrapped_per_character(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[float, list[Page]]:
    from simulator.ui.kit import paging
    from simulator.ui.kit import text as text_module

    wrapped = [0]
    real = text_module._wrap

    def counting(spans, width, ts):
        wrapped[0] += sum(len(s.text) for s in spans)
        return real(spans, width, ts)

    monkeypatch.setattr(text_module, "_wrap", counting)
    text_module._WRAPS.items.clear()
    paging._PAGES.items.clear()
    ts = typeset()
    pages = paginate([para(text)], 700, 4 * ts.line_height("body"), ts)
    return wrapped[0] / len(text), pages


@pytest.mark.parametrize("unit", ["And then ", "He said no. ", "It was (as he said, twice) late, "])
def test_a_very_long_line_is_paged_in_work_proportional_to_its_length(unit: str, monkeypatch: pytest.MonkeyPatch):
    """A trainer's 60 KB line is laid out a bounded number of times over, not once per page (the window took minutes), and reads whole."""
    text = (unit * (60_000 // len(unit))).strip()
    ratio, pages = _wrapped_per_character(text, monkeypatch)
    assert len(pages) > 250
    assert ratio < 40, f"each character was wrapped {ratio:.0f} times"
    assert [w for p in pages for w in words(p)] == text.split()
    assert all(p.height <= 4 * typeset().line_height("body") for p in pages)


@given(st.text(alphabet="ab ()[].", max_size=200), st.lists(st.integers(0, 200), max_size=20))
@settings(max_examples=200, deadline=None)
def test_bracket_depths_read_in_one_pass_agree_with_counting_from_the_start(text: str, offsets: list[int]):
    """Depths.at, asked at offsets in any order, gives what counting every bracket from the start gives."""
    from simulator.ui.kit.sentences import Depths

    def counted(at: int) -> int:
        depth = 0
        for ch in text[:at]:
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
        return depth

    depths = Depths(text)
    assert [depths.at(k) for k in offsets] == [counted(k) for k in offsets]


def test_a_paragraph_of_many_sentences_is_cut_in_one_pass():
    """Cutting what is left of a long line into sentences (once per page) reads each span once: it re-read the rest once per sentence, and a 108 KB line of short sentences took four minutes to play in the window."""
    import sys

    paging_file = sentences.__code__.co_filename
    text = ("And then I worry. " * 600).strip()
    spans = tuple(s for part in sentences((Span(text),)) for s in part)  # as a page break carries it on: a span a sentence
    assert len(spans) == 600
    lines = [0]

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != paging_file:
            return None
        if event == "line":
            lines[0] += 1
        return tracer

    sys.settrace(tracer)
    try:
        parts = sentences(spans)
    finally:
        sys.settrace(None)
    assert ["".join(s.text for s in p) for p in parts] == ["".join(s.text for s in p) for p in sentences((Span(text),))]
    assert lines[0] < 40 * len(spans), f"{lines[0]} lines run for {len(spans)} sentences"


@given(st.lists(st.tuples(st.text(alphabet="ab. (A)\n\u2019\"", max_size=12), st.sampled_from(["body", "bold"])), max_size=8))
@settings(max_examples=300, deadline=None)
def test_sentences_in_one_pass_agree_with_cutting_one_sentence_at_a_time(pieces: list[tuple[str, str]]):
    """The one-pass cut gives exactly what cutting the rest at each sentence start gave (the same spans, styles and white space)."""
    from simulator.ui.kit.paging import _cut

    spans = tuple(Span(t, style, "text") for t, style in pieces)
    text = "".join(s.text for s in spans)
    expected, rest, done = [], spans, 0
    for start in sentence_starts(text):
        head, rest = _cut(rest, start - done)
        done = start
        if head:
            expected.append(head)
    if rest:
        expected.append(rest)
    assert sentences(spans) == (expected or [spans])


def _card(ts: Typeset) -> tuple[list[Para], list[Para]]:
    """A feedback card's words: what was chosen and why, then two practice-principle lines in small type."""
    body = [
        Para((Span("You chose: ", "bold", "muted"), Span("Ask Fiona, on her own, what she wants the letter to say.", "italic", "text")), space_after=0.5),
        para("She hears that nothing goes to him before a safety decision. " * 3 + "She says she will think about it.", space_after=0.5),
    ]
    notes = [
        Para((Span("Practice principle: ", "small-bold", "muted"), Span("Partner with the non-abusing parent", "small", "text")), space_before=0.3),
        Para((Span("Practice principle: ", "small-bold", "muted"), Span("Make a safety decision before sharing", "small", "text")), space_before=0.3),
    ]
    return body, notes


def test_a_card_whose_last_page_would_hold_only_its_last_lines_is_shared_out_between_its_pages():
    """At 1024x600 with the largest text a feedback card's second page held only its two practice-principle lines: the pages now share the card."""
    from simulator.ui.kit.paging import _paginate

    ts = typeset(3)
    body, notes = _card(ts)
    height = measure(body, 700, ts)  # the card's own words fill the first page exactly
    greedy, _ = _paginate([*body, *notes], 700, height, ts)
    assert [" ".join(words(p)).count("Practice principle:") for p in greedy] == [0, 2]  # as it was: a page of notes alone
    pages = paginate([*body, *notes], 700, height, ts)
    assert len(pages) == 2 and [w for p in pages for w in words(p)] == [w for p in greedy for w in words(p)]
    assert words(pages[1])[:2] != ["Practice", "principle:"]  # the card's last sentence goes over with its notes
    assert min(p.height for p in pages) >= height // 2 and all(p.height <= height for p in pages)
    for page in pages[:-1]:
        assert ENDS.search(words(page)[-1]), words(page)[-4:]  # shared out between sentences, never inside one


def test_a_longer_text_keeps_its_pages_full_and_its_short_last_page():
    """Only a short text is shared out: a document of many pages reads full pages and ends where its words end."""
    from simulator.ui.kit.paging import BALANCE_UP_TO, _paginate

    ts = typeset(3)
    text = [para(f"Sentence {n} of a long debrief section says one thing and then stops.") for n in range(60)]
    height = 6 * ts.line_height("body")
    greedy, _ = _paginate(text, 700, height, ts)
    assert len(greedy) > BALANCE_UP_TO
    assert paginate(text, 700, height, ts) == greedy
