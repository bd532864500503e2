"""Editing reflection text: wrapping into rows, the caret moving by letters, words and rows, and what may be typed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from simulator.services.textedit import TextEdit, row_of, rows_of


def mono(text: str) -> int:
    """Ten pixels a letter: a stand-in for a font."""
    return 10 * len(text)


def test_words_wrap_at_spaces_and_line_breaks_start_new_rows():
    """Rows break before a word that would overflow; an empty line is a row of its own."""
    text = "hello world this is\n\nend"
    rows = rows_of(text, 110, mono)
    assert [text[a:b] for a, b in rows] == ["hello world ", "this is", "", "end"]


def test_a_word_longer_than_a_row_is_broken_by_letters():
    """A word wider than the box is split into rows that each fit."""
    rows = rows_of("abcdefghijklmnop", 50, mono)
    assert [b - a for a, b in rows] == [5, 5, 5, 1]


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=60), st.integers(min_value=10, max_value=120))
def test_rows_cover_the_text_and_fit(text: str, width: int):
    """Whatever is typed, the rows cover every letter once, in order, and none is wider than the box."""
    rows = rows_of(text, width, mono)
    covered = "".join(text[a:b] for a, b in rows)
    assert covered == text.replace("\n", "")
    assert all(mono(text[a:b].rstrip()) <= max(width, 10) for a, b in rows)


def test_typing_backspace_and_word_moves():
    """Insert at the caret, delete back a letter or a word, move by words."""
    t = TextEdit()
    t.insert("Dana was anxious")
    t.left(word=True)
    assert t.caret == len("Dana was ")
    t.insert("very ")
    assert t.text == "Dana was very anxious"
    t.right(word=True)
    t.backspace(word=True)
    assert t.text == "Dana was very " and t.caret == len(t.text)
    t.backspace()
    assert t.text == "Dana was very"


def test_control_characters_are_dropped_and_the_limit_holds():
    """Only printable text and line breaks are kept, and never more than the limit."""
    t = TextEdit(limit=8)
    assert t.insert("a\x00b\r\nc\td")
    assert t.text == "ab\ncd"
    t.insert("efghij")
    assert t.text == "ab\ncdefg" and len(t.text) == 8
    assert not t.insert("more")


def test_up_and_down_keep_the_caret_near_the_same_place():
    """Moving a row up or down lands at the letter nearest the same x; past the top or bottom goes to the row's ends."""
    text = "hello world this is"
    t = TextEdit(text, len(text))
    rows = rows_of(text, 110, mono)
    assert row_of(rows, t.caret) == 1
    t.vertical(rows, -1, mono)
    assert t.caret == len("this is")
    t.vertical(rows, -1, mono)
    assert t.caret == 0
    t.vertical(rows, 1, mono)
    t.vertical(rows, 1, mono)
    assert t.caret == len(text)
    t.home(rows)
    assert t.caret == len("hello world ")
