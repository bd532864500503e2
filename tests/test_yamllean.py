"""The lean reader takes every file with nothing to report, and makes of it exactly what the reporting reader makes."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from simulator.scenario import yamllean
from simulator.scenario.yamldoc import Document
from simulator.scenario.yamllean import Marked
from simulator.scenario.yamlreport import report
from simulator.scenario.yamlstrict import parse

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for pattern in ("scenarios/**/*.yaml", "docs/examples/**/*.yaml", "seeds/*.yaml", "assets/art/*.yaml", "tests/fixtures/**/*.yaml") for p in PROJECT.glob(pattern))


def walk(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``data``, and for each container one index or key past its end."""
    found = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            found += walk(v, (*path, k))
        found.append((*path, "not-a-key"))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += walk(v, (*path, i))
        found += [(*path, len(data)), (*path, -1)]
    return found


def containers(data: Any) -> list[Any]:
    found = [data] if isinstance(data, dict | list) else []
    for v in data.values() if isinstance(data, dict) else data if isinstance(data, list) else ():
        found += containers(v)
    return found


def same(lean: Document, full: Document) -> None:
    """Same data, same diagnostics, and every position asked every way answers the same, before and after laying out."""
    assert repr(lean.data) == repr(full.data)
    assert [d.render() for d in lean.diagnostics] == [d.render() for d in full.diagnostics]
    for _ in range(2):  # as read lazily, then once `keys` and `items` are laid out (the load cache reads them)
        for path in walk(full.data):
            for prefer_key in (False, True):
                assert lean.positions.locate(lean.data, path, prefer_key=prefer_key) == full.positions.locate(full.data, path, prefer_key=prefer_key), path
        for a, b in zip(containers(lean.data), containers(full.data), strict=True):
            for k in [*(a if isinstance(a, dict) else range(len(a))), "not-a-key", len(a), True]:
                assert lean.positions.key(a, k) == full.positions.key(b, k), k
                assert lean.positions.value(a, k) == full.positions.value(b, k), k
        for a, b in zip(containers(lean.data), containers(full.data), strict=True):
            assert list(lean.positions.keys.get(id(a), {}).items()) == list(full.positions.keys.get(id(b), {}).items())
            assert lean.positions.items.get(id(a)) == full.positions.items.get(id(b))
        assert (len(lean.positions.keys), len(lean.positions.items)) == (len(full.positions.keys), len(full.positions.items))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_shipped_file_is_read_lean_and_the_same(path: Path):
    """Each shipped case's, example's, seed's and fixture's file goes the lean way, and gives what the reporting reader gives."""
    text = path.read_text(encoding="utf-8-sig")
    full = report(text, str(path))
    if full.diagnostics or full.data is None:
        pytest.skip("a fixture with something to report")
    doc = parse(text, str(path))
    assert isinstance(doc.positions, Marked)
    same(doc, full)


DECLINED = {
    "a syntax error": "a: [1, 2\n",
    "an anchor": "a: &x 1\n",
    "an anchor on a list": "a: &x [1]\n",
    "an alias": "a: 1\nb: *x\n",
    "a tag": "a: !!str 1\n",
    "the non-specific tag": "a: ! 1\n",
    "a merge key": "a: {b: 1}\n<<: {c: 2}\n",
    "a key written twice": "a: 1\nb: 2\na: 3\n",
    "an item that lost its dash": "- id: a\n  text: x\n  id: b\n",
    "a list as a key": "? [a]\n: b\n",
    "a second document": "a: 1\n---\nb: 2\n",
    "nothing": "# only a comment\n",
    "null": "~\n",
    "nesting too deep": "a: " + "[" * 60 + "]" * 60 + "\n",
    "a number too long": "a: " + "9" * 50 + "\n",
    "a float too large": "a: 1.0e999\n",
    "a control character": "a: b\x07\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_a_file_with_something_to_report_goes_to_the_reporting_reader(text: str):
    """Whatever the reporting reader has something to say about, the lean one declines, so the words are always the reporting reader's."""
    assert yamllean.read(text) is None
    full = report(text, "t.yaml")
    got = parse(text, "t.yaml")
    assert [d.render() for d in got.diagnostics] == [d.render() for d in full.diagnostics]
    assert repr(got.data) == repr(full.data)


ACCEPTED = ["'<<': 1\n", "a: {}\nb: []\n", "plain text\n", "[1, 2.5, -3, +4, .5, true, False, NULL, '', \"\"]\n", "a:\n  - b\n  - c: d\n    e: [f, {g: h}]\n", "? a\n: b\n", "{a, b: }\n", "x: 1:20\ny: no\nz: 2026-03-02\n"]


@pytest.mark.parametrize("text", ACCEPTED)
def test_quoted_merge_keys_empties_and_scalars_go_lean_the_same(text: str):
    """A quoted `<<` is an ordinary key; empty containers, a bare scalar, flow and complex keys all read the same both ways."""
    doc = yamllean.read(text)
    assert doc is not None
    same(doc, report(text, "t.yaml"))


def test_mutants_of_shipped_files_read_the_same_whichever_reader_takes_them():
    """Broken and unbroken variants of a shipped episode (lines dropped, repeated, indented, odd text put in) read the same as the reporting reader reads them."""
    rng = random.Random(8)
    text = (PROJECT / "scenarios" / "harris-family" / "scenario.yaml").read_text(encoding="utf-8")
    snippets = ["&a ", "*a", "!!str ", "<<: x", "'<<': x", "? [a]\n: b", "---", "y: " + "9" * 50, "- ", ":", '"', "[", "{", "~", "1:20", "+.5", "#c", "|", "\x00"]
    lean = 0
    for _ in range(150):
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            op = rng.random()
            if op < 0.25:
                del lines[i]
            elif op < 0.5:
                lines.insert(i, lines[rng.randrange(len(lines))])
            elif op < 0.65:
                lines[i] = " " + lines[i]
            else:
                j = rng.randrange(len(lines[i]) + 1)
                lines[i] = lines[i][:j] + rng.choice(snippets) + lines[i][j:]
        variant = "\n".join(lines)
        got, full = parse(variant, "t.yaml"), report(variant, "t.yaml")
        lean += isinstance(got.positions, Marked)
        assert repr(got.data) == repr(full.data)
        assert [d.render() for d in got.diagnostics] == [d.render() for d in full.diagnostics]
        if full.data is not None:
            same(got, full)
    assert 20 < lean < 140  # both readers were exercised


def test_a_number_read_again_is_read_as_the_first_time() -> None:
    """Plain scalars that start as numbers can are resolved once per text and kept: the same values, of the same kinds."""
    text = "a: [1, 1.0, -0, -0.0, .5, 1e3, 0x1F, 1:20, 2026-01-01, +7, 007, 1.5.2]\n"
    first, again = yamllean.read(text), yamllean.read(text)
    assert first is not None and again is not None
    shown = [(type(v).__name__, repr(v)) for v in first.data["a"]]
    assert shown == [(type(v).__name__, repr(v)) for v in again.data["a"]] == [(type(v).__name__, repr(v)) for v in report(text).data["a"]]
    assert shown[:6] == [("int", "1"), ("float", "1.0"), ("int", "0"), ("float", "-0.0"), ("float", "0.5"), ("str", "'1e3'")]
    assert yamllean.read("a: " + "9" * 50 + "\n") is None and yamllean.read("a: " + "9" * 50 + "\n") is None  # too long, each time
