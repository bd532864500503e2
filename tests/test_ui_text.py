"""Wrapping and paging with the real font: rows fit the width, pages fit the height, no word is lost."""

from __future__ import annotations

import os

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from simulator.ui.kit import text as text_module
from simulator.ui.kit.fonts import Fonts, Typeset
from simulator.ui.kit.paging import measure, paginate
from simulator.ui.kit.text import Para, Span, para, wrap
from simulator.ui.kit.theme import Metrics

FONTS = Fonts()


def typeset(step: int = 1, size: tuple[int, int] = (1280, 720)) -> Typeset:
    return Typeset(FONTS, Metrics.for_size(size[0], size[1], step))


words = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Po")), min_size=1, max_size=40)
texts = st.lists(words, min_size=0, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(text=texts, width=st.integers(min_value=120, max_value=1200), step=st.integers(min_value=0, max_value=3))
def test_every_row_fits_and_every_character_survives(text: str, width: int, step: int):
    """However long the words, each wrapped row is at most the width, and the words read back in order."""
    ts = typeset(step)
    rows = wrap((Span(text, "body"),), width, ts)
    for runs in rows:
        for run in runs:
            assert run.x + ts.font(run.style).size(run.text)[0] <= width
    assert "".join(r.text for runs in rows for r in runs).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=40, deadline=None)
@given(paras=st.lists(texts, min_size=1, max_size=8), height=st.integers(min_value=60, max_value=700))
@example(paras=["0" * 30], height=60)  # an unbreakable word wrapped to two rows where a page holds one (found by Hypothesis)
def test_pages_fit_the_height_and_keep_every_row(paras: list[str], height: int):
    """Pages never exceed the height (one row always fits), and together hold every word once, in order.

    (Rows may wrap differently from one long page: a paragraph broken between
    sentences starts its next sentence on a new row.)
    """
    ts = typeset()
    laid = [para(t) for t in paras]
    pages = paginate(laid, 500, height, ts)
    assert pages
    for page in pages:
        assert page.height <= height
    everything = paginate(laid, 500, 1 << 30, ts)[0]
    assert [w for p in pages for row in p.rows for r in row.runs for w in r.text.split()] == [w for row in everything.rows for r in row.runs for w in r.text.split()]


def test_styles_share_a_row_with_their_spacing():
    """A bold name, an italic cue and the words flow on one row, and a span's leading space is kept."""
    ts = typeset()
    [row] = wrap((Span("Dana:", "bold"), Span(" (at the door)", "italic"), Span(" Hello.", "body")), 2000, ts)
    assert [r.style for r in row] == ["bold", "italic", "body"]
    assert row[1].x > row[0].x + row[0].width and row[2].x > row[1].x + row[1].width


def test_newline_forces_a_row_and_long_words_break():
    """A newline starts a new row; a word wider than the box is broken across rows rather than clipped."""
    ts = typeset()
    assert len(wrap((Span("one\ntwo"),), 2000, ts)) == 2
    long_word = "x" * 200
    rows = wrap((Span(long_word),), 150, ts)
    assert len(rows) > 1 and "".join(r.text for runs in rows for r in runs) == long_word


def test_heading_keeps_with_its_first_line():
    """A heading marked keep-with-next moves to the next page rather than ending a page alone."""
    ts = typeset()
    line = ts.line_height("body")
    filler = [para("filler") for _ in range(3)]
    heading = para("Heading", "heading", keep_with_next=True)
    body = para("The text under the heading.")
    height = measure([*filler, heading], 800, ts) + line // 2
    pages = paginate([*filler, heading, body], 800, height, ts)
    assert pages[1].rows[0].runs[0].text == "Heading"


@pytest.mark.parametrize("step", range(4))
def test_text_sizes_grow_step_by_step(step: int):
    """Each text-size step is larger than the one before, at every window size."""
    for size in ((1024, 600), (1280, 720), (1920, 1080)):
        here = Metrics.for_size(*size, step).body
        if step:
            assert here > Metrics.for_size(*size, step - 1).body


def test_bullets_indent_their_text():
    """A bullet paragraph draws the bullet at the left and its words after it."""
    ts = typeset()
    page = paginate([Para((Span("point"),), bullet=True)], 600, 400, ts)[0]
    bullet, text = page.rows[0].runs
    assert bullet.text == "•" and text.x > bullet.x + bullet.width


def test_a_word_broken_over_more_rows_than_a_page_holds_goes_on_to_the_next_page():
    """A word wider than the box, broken into two rows where a page holds one, never makes a page taller than its height (found by Hypothesis)."""
    ts = typeset()
    pages = paginate([para("0" * 30)], 500, 60, ts)
    assert all(page.height <= 60 for page in pages)
    assert "".join(r.text for p in pages for row in p.rows for r in row.runs) == "0" * 30


long_words = st.one_of(st.text(alphabet="abc0.,(", min_size=1, max_size=8), st.text(alphabet="0Wm", min_size=20, max_size=120))
kinds = st.sampled_from([{}, {"keep_with_next": True}, {"whole": True}, {"bullet": True}, {"center": True}])


@settings(max_examples=60, deadline=None)
@given(
    paras=st.lists(st.tuples(st.lists(long_words, min_size=1, max_size=30).map(" ".join), kinds, st.sampled_from(["body", "heading", "bold", "small"])), min_size=1, max_size=8),
    height=st.integers(min_value=30, max_value=400),
    width=st.integers(min_value=80, max_value=700),
    step=st.integers(min_value=0, max_value=3),
)
def test_headings_citations_and_bullets_of_over_long_words_never_overfill_a_page(paras: list[tuple[str, dict[str, bool], str]], height: int, width: int, step: int):
    """Over-long words under headings, in citations and bullets, at any width: no page is taller than its height unless one row is, and no word is lost."""
    ts = typeset(step)
    pages = paginate([para(text, style, **kind) for text, kind, style in paras], width, height, ts)
    tallest_row = max((row.height for page in pages for row in page.rows), default=0)
    assert all(page.height <= max(height, tallest_row) for page in pages)
    shown = "".join(r.text for page in pages for row in page.rows for r in row.runs if r.text != "•").replace(" ", "")
    assert shown == "".join(text for text, _, _ in paras).replace(" ", "")


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", " ", "\u200b", "\u200d", "\u2060", "\x00", "\ud800", "\udcff", "\u0301", "\U0001f600", "\u202e"]), max_size=40))
def test_any_text_a_scenario_or_name_holds_is_drawn_and_measured(text: str):
    """Zero-width spaces alone, NUL bytes, lone surrogates: every style measures, wraps, and renders them (SDL_ttf raised, stopping the window)."""
    from simulator.ui.kit.text import TextCache

    ts = typeset()
    cache = TextCache()
    for style in ("body", "bold", "small-italic", "heading"):
        font = ts.font(style)
        width, height = font.size(text)
        surf = cache.render(font, text, (0, 0, 0))
        assert surf.get_height() >= 1 and surf.get_width() >= 0 and width >= 0 and height >= 1
    for runs in wrap((Span(text, "body"),), 300, ts):
        for run in runs:
            cache.render(ts.font(run.style), run.text, (0, 0, 0))


spaced = st.lists(st.tuples(st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u2003"]), words), min_size=0, max_size=12).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=150, deadline=None)
@given(text=spaced, style=st.sampled_from(["body", "bold", "italic", "small-italic", "display"]), slack=st.integers(min_value=-3, max_value=3) | st.integers(min_value=4, max_value=60), step=st.integers(min_value=0, max_value=3))
@example(text=" Practise relationship-based social work, one visit at a time. ", style="body", slack=0, step=1)
@example(text="  Quit ", style="body", slack=30, step=1)
@example(text="Wolf AV To Ty ff", style="italic", slack=-1, step=3)
def test_a_line_that_fits_whole_is_measured_once_and_wraps_as_word_by_word(text: str, style: str, slack: int, step: int):
    """One span that fits its width is one row measured once, exactly the row word-by-word fitting makes, right at the edge too."""
    ts = typeset(step)
    width = max(1, ts.font(style).size(text.strip())[0] + slack) if text.strip() else 50
    assert wrap((Span(text, style, "muted"),), width, ts) == text_module.fit_words((Span(text, style, "muted"),), width, ts)


@settings(max_examples=80, deadline=None)
@given(
    styles=st.lists(st.sampled_from(["body", "bold", "italic", "small", "small-italic", "heading", "title", "display"]), min_size=1, max_size=3),
    length=st.integers(min_value=0, max_value=4000), width=st.integers(min_value=1, max_value=2000), height=st.integers(min_value=1, max_value=1200),
    step=st.integers(min_value=0, max_value=3),
)  # fmt: skip
def test_a_paragraph_held_without_measuring_is_within_the_measured_capacity(styles: list[str], length: int, width: int, height: int, step: int):
    """The unmeasured check that lets a short paragraph skip measuring narrow glyphs never says 'held' of more than the measured capacity."""
    from simulator.ui.kit import paging

    ts = typeset(step)
    spans = tuple(Span("x" * (length // len(styles)), style) for style in styles)
    if paging._surely_held(spans, width, height, ts):
        assert paging._length(spans) <= paging._capacity(spans, width, height, ts)


def test_the_text_cache_keeps_to_its_byte_budget_dropping_the_least_recently_drawn():
    """Rendered lines are kept to the cache's byte budget (not only its count): the oldest go first, one drawn again stays, its byte count is exact."""
    from simulator.ui.kit.text import TextCache

    font = typeset(3, (1920, 1080)).font("body")
    one = font.render("line 000 of a long paragraph of case notes", True, (0, 0, 0))
    line_bytes = one.get_width() * one.get_height() * one.get_bytesize()
    cache = TextCache(limit=1500, budget=20 * line_bytes)
    first = cache.render(font, "line 000 of a long paragraph of case notes", (0, 0, 0))
    for i in range(1, 60):
        cache.render(font, f"line {i:03d} of a long paragraph of case notes", (0, 0, 0))
        assert cache.render(font, "line 000 of a long paragraph of case notes", (0, 0, 0)) is first  # drawn on every frame: kept
    assert cache.bytes <= cache.budget
    assert cache.bytes == sum(s.get_width() * s.get_height() * s.get_bytesize() for s in cache._items.values())
    assert 15 <= len(cache._items) <= 20
    kept = {key[1] for key in cache._items}
    assert "line 059 of a long paragraph of case notes" in kept and "line 001 of a long paragraph of case notes" not in kept
    cache.clear()
    assert cache.bytes == 0 and not cache._items


@settings(max_examples=200, deadline=None)
@given(text=spaced | texts, style=st.sampled_from(["body", "bold", "italic", "small-italic", "display"]), width=st.integers(min_value=1, max_value=900), step=st.integers(min_value=0, max_value=3))
@example(text="Practise relationship-based social work, one visit at a time.", style="body", width=520, step=1)
@example(text="Wolf AV To Ty ff Wolf AV To Ty ff Wolf AV To Ty ff", style="italic", width=90, step=3)
@example(text="a " + "w" * 60 + " b", style="body", width=200, step=0)  # a word wider than the box: word by word breaks it
def test_one_span_wrapped_from_a_few_measures_a_row_is_what_word_by_word_fitting_makes(text: str, style: str, width: int, step: int):
    """One span too long for its width (the title's tagline and key help) wraps into exactly the rows word-by-word fitting makes."""
    ts = typeset(step)
    text_module._WRAPS.items.clear()
    assert wrap((Span(text, style, "muted"),), width, ts) == text_module.fit_words((Span(text, style, "muted"),), width, ts)


def test_a_wrapped_line_is_measured_a_few_times_a_row_not_twice_a_word(monkeypatch: pytest.MonkeyPatch):
    """Wrapping a long line of one style measures each row a few times, not each word and each growing row (the title waited for that)."""
    from simulator.ui.kit.fonts import SafeFont

    calls = [0]
    real = SafeFont.size

    def counting(self: SafeFont, text: str | bytes) -> tuple[int, int]:
        calls[0] += 1
        return real(self, text)

    ts = typeset(1)
    text = " ".join(["Tab or the arrow keys move, Enter chooses, Esc pauses or goes back."] * 4)
    text_module._WRAPS.items.clear()
    monkeypatch.setattr(SafeFont, "size", counting)
    rows = wrap((Span(text, "small", "muted"),), 420, ts)
    assert len(rows) >= 4
    assert calls[0] <= 1 + 3 * len(rows), f"{calls[0]} measures for {len(rows)} rows of {len(text.split())} words"
