"""The strict YAML reader: plain data, exact positions, and refusals instead of surprises."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.scenario.yamlstrict import MAX_DEPTH, parse


def codes(text: str) -> list[str]:
    return [d.code for d in parse(text, "t.yaml").diagnostics]


def test_yaml11_words_stay_text():
    """`no`, `on`, `1:20` and dates are the text the author wrote, not booleans, numbers or dates."""
    doc = parse("a: [no, on, off, yes, 1:20, 2026-03-02, 09:30, y]\n")
    assert doc.data == {"a": ["no", "on", "off", "yes", "1:20", "2026-03-02", "09:30", "y"]}


def test_core_scalars():
    """true/false, whole numbers, decimals and null resolve as in YAML 1.2's core schema."""
    doc = parse("a: true\nb: False\nc: 12\nd: -3\ne: 2.5\nf: ~\ng: null\nh:\ni: '12'\n")
    assert doc.data == {"a": True, "b": False, "c": 12, "d": -3, "e": 2.5, "f": None, "g": None, "h": None, "i": "12"}


def test_alias_bomb_costs_nothing():
    """A billion-laughs document is refused at its first anchor, without expanding anything."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    doc = parse("\n".join(lines) + "\n")
    assert "Y103" in [d.code for d in doc.diagnostics]
    assert sum(1 for _ in str(doc.data)) < 10_000


def test_duplicate_key_names_both_lines():
    """A duplicated key is reported at the second line, naming the first."""
    doc = parse("a: 1\nb: 2\na: 3\n", "t.yaml")
    (d,) = doc.diagnostics
    assert (d.code, d.line) == ("Y102", 3)
    assert "line 1 and line 3" in d.message
    assert doc.data["a"] == 1


def test_python_tags_are_refused():
    """Tags that would build Python objects are refused, never constructed."""
    assert codes("a: !!python/object/apply:os.system ['true']\n") == ["Y105"]
    assert codes("a: !custom 3\n") == ["Y105"]


def test_merge_keys_are_refused():
    """`<<` merge keys are refused."""
    assert codes("a: {x: 1}\nb:\n  <<: {x: 2}\n") == ["Y104"]


def test_multiple_documents_are_refused():
    """A second document is refused."""
    assert codes("a: 1\n---\nb: 2\n") == ["Y106"]


def test_depth_is_capped_without_recursion():
    """Deep nesting gives a diagnostic, never a RecursionError."""
    deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    assert codes(deep) == ["Y108"]
    ok = "a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n"
    assert codes(ok) == []


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "a: " + "{b: " * 5000 + "}" * 5000 + "\n",
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 2000)),
        "".join("  " * i + "k:\n" for i in range(2000)) + "  " * 2000 + "x: 1\n",
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "block-maps"],
)
def test_every_kind_of_deep_nesting_is_y108_with_a_line(text: str):
    """Flow or block, lists or maps, however deep: Y108 at a line, whatever limit libyaml has of its own."""
    doc = parse(text, "t.yaml")
    assert [d.code for d in doc.diagnostics] == ["Y108"]
    assert doc.diagnostics[0].line is not None and doc.diagnostics[0].line >= 1
    assert doc.data is None


def test_libyamls_own_depth_error_becomes_y108(monkeypatch):
    """libyaml's 'exceeded maximum nesting depth' (PyYAML 6.0.4 and later) reads as Y108, on any PyYAML."""
    from simulator.scenario import yamllean, yamlreport

    class Limited:
        def __init__(self, text: str) -> None:
            self.text = text

        def get_event(self):
            mark = yaml.Mark("t.yaml", 1002, 0, 1002, None, None)
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", mark, None)

        def dispose(self) -> None:
            pass

    for reader in (yamllean, yamlreport):
        monkeypatch.setattr(reader, "_Parser", Limited)
    doc = parse("a: [[[]]]\n", "t.yaml")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("Y108", 1, 1003)]
    assert "48 levels" in doc.diagnostics[0].message


def test_pure_python_parser_caps_depth_too(monkeypatch):
    """Without libyaml (PyYAML built without it) the same file gives the same Y108."""
    from simulator.scenario import yamllean, yamlreport

    for reader in (yamllean, yamlreport):
        monkeypatch.setattr(reader, "_Parser", yaml.SafeLoader)
    assert codes("a: " + "[" * 3000 + "]" * 3000 + "\n") == ["Y108"]


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "1" * 4301, "1" * 41, "1" + "0" * 400 + ".5", "1.0e999", "-1.5e400"])
def test_numbers_too_large_are_y113_not_a_crash(number: str):
    """A number past Python's 4,300-digit conversion limit, or one that overflows a float, is Y113 at its line."""
    doc = parse(f"a:\n  b: {number}\n", "t.yaml")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("Y113", 2, 6)]
    assert len(doc.diagnostics[0].message) < 120


def test_long_numbers_in_quotes_stay_text():
    """Quoted, a long run of digits is just text; forty digits unquoted is still a number."""
    assert parse("a: '" + "9" * 5000 + "'\n").data == {"a": "9" * 5000}
    assert parse("a: " + "1" * 40 + "\n").data == {"a": int("1" * 40)}


def test_positions_are_one_based():
    """Every key and value knows its 1-based line and column."""
    doc = parse("top:\n  list:\n    - name: x\n      val: 2\n")
    item = doc.data["top"]["list"][0]
    assert doc.positions.key(item, "val") == (4, 7)
    assert doc.positions.value(item, "val") == (4, 12)
    assert doc.positions.locate(doc.data, ("top", "list", 0, "name")) == (3, 13)


def test_tabs_get_a_hint():
    """Indenting with a tab is a syntax error with a hint about spaces."""
    (d,) = parse("a:\n\tb: 1\n").diagnostics
    assert d.code == "Y101" and "tabs" in (d.suggestion or "")


plain = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text("abcdefghij-", min_size=1, max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(plain)
def test_round_trips_what_pyyaml_writes(value):
    """Data written by PyYAML's safe dumper reads back equal (strings stay strings)."""
    text = yaml.safe_dump({"v": value}, allow_unicode=True)
    doc = parse(text)
    assert doc.diagnostics == []
    assert doc.data == {"v": value}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    """Any text at all gives data or diagnostics, never an exception."""
    doc = parse(text, "t.yaml")
    assert doc.data is not None or doc.diagnostics
