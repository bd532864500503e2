"""The per-file layer's verdicts: a parse the schema (or the font check) passed once is not checked again, and validate still says exactly what it says with no cache."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import materialize
from test_load_cache_files import DAMAGE

from simulator import cli
from simulator.scenario import cache_files, glyphs, schema_check


def _validate(folder: Path, cache: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """``doorstep validate`` of the folder, as text and as JSON: (exit code, text, json)."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1" if cache else "0")
    outputs = []
    code = 0
    for fmt in ("text", "json"):
        out = io.StringIO()
        with redirect_stdout(out):
            code = cli.main(["validate", "--format", fmt, os.path.relpath(folder)])
        outputs.append(out.getvalue())
    return code, outputs[0], outputs[1]


@pytest.fixture
def checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The data folder the test's own; counts the documents the schema and the font check (its one pass over the text) read."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    counts = {"schema": 0, "glyphs": 0}
    real_schema, real_glyphs = schema_check.check, glyphs._any_undrawable

    def schema(*args: object, **kwargs: object) -> list[object]:
        counts["schema"] += 1
        return real_schema(*args, **kwargs)  # type: ignore[arg-type]

    def font(data: object) -> bool | None:
        counts["glyphs"] += 1
        return real_glyphs(data)

    monkeypatch.setattr(schema_check, "check", schema)
    monkeypatch.setattr(glyphs, "_any_undrawable", font)
    return counts


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "an episode gains a key the schema refuses": lambda f: _replace(f / "mini" / "episodes" / "review.yaml", "  day: 8\n", "  day: 8\n  weather: rain\n"),
    "an episode's text gains a character the font cannot draw": lambda f: _replace(f / "mini" / "episodes" / "visit.yaml", "The visit is at ten.", "The visit is at ten \U0001f600."),
    "the manifest gains a key the schema refuses": lambda f: _append(f / "mini" / "scenario.yaml", "colour: blue\n"),
    "a seeds file loses a required field": lambda f: _replace(f / "seeds" / "principles.yaml", '    title: "Be on time"\n', ""),
    "a comment only (the same parse)": lambda f: _append(f / "mini" / "episodes" / "visit.yaml", "# a note\n"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edit_after_a_clean_load_shows_what_a_cold_validate_shows(edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: dict[str, int]):
    """Clean files' verdicts kept, then one file edited: validate (text and JSON, exit code) equals validate with the cache off, and so does undoing the edit."""
    folder = materialize(None, tmp_path).parent
    before = _validate(folder / "mini", cache=True, monkeypatch=monkeypatch)
    assert before == _validate(folder / "mini", cache=False, monkeypatch=monkeypatch)
    originals = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    EDITS[edit](folder)
    edited = _validate(folder / "mini", cache=False, monkeypatch=monkeypatch)
    assert _validate(folder / "mini", cache=True, monkeypatch=monkeypatch) == edited
    assert edit.startswith("a comment") or edited != before  # the edit is one validate can see
    for path, data in originals.items():
        path.write_bytes(data)
    assert _validate(folder / "mini", cache=True, monkeypatch=monkeypatch) == before


def test_a_file_known_clean_is_not_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: dict[str, int]):
    """After one episode's edit, only that episode's new parse is checked by the schema and the font check; every other file's verdict is read back."""
    folder = materialize(None, tmp_path)
    first = _validate(folder, cache=True, monkeypatch=monkeypatch)
    assert checks["schema"] >= 6 and checks["glyphs"] >= 3  # three seeds files, the manifest, two episodes
    _replace(folder / "episodes" / "visit.yaml", "Plain words help.", "Plain words help a lot.")
    checks.update(schema=0, glyphs=0)
    edited = _validate(folder, cache=True, monkeypatch=monkeypatch)
    assert checks == {"schema": 1, "glyphs": 1}  # the text run read back the rest; the JSON run found the whole load kept
    assert edited[0] == first[0]


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_or_foreign_verdict_means_check_again(damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: dict[str, int]):
    """Whatever was done to a verdict entry, the check it stood for runs again and validate says the same."""
    folder = materialize(None, tmp_path)
    expected = _validate(folder, cache=False, monkeypatch=monkeypatch)
    _validate(folder, cache=True, monkeypatch=monkeypatch)
    verdicts = sorted((tmp_path / "data" / "cache" / "checked").glob("*.json"))
    assert verdicts and all(p.read_bytes().endswith(b"\n" + cache_files.CLEAN) for p in verdicts)
    for entry in verdicts:
        for whole in (tmp_path / "data" / "cache").glob("*.json"):
            whole.unlink()
        good = entry.read_bytes()
        DAMAGE[damage](entry, good)  # type: ignore[no-untyped-call]
        checks.update(schema=0, glyphs=0)
        assert _validate(folder, cache=True, monkeypatch=monkeypatch) == expected
        assert checks["schema"] + checks["glyphs"] >= 1
        if damage == "a folder in its place":
            entry.rmdir()
            entry.write_bytes(good)
        if damage == "the secret changed":
            break


def test_a_verdict_names_the_parse_not_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: dict[str, int]):
    """A parse entry re-signed with other data (someone holding the secret) is checked by the schema again: its verdict was for the old data."""
    from test_load_cache_files import _b64, _resign

    folder = materialize(None, tmp_path)
    _validate(folder, cache=True, monkeypatch=monkeypatch)
    review = (folder / "episodes" / "review.yaml").read_bytes()
    entry = tmp_path / "data" / "cache" / "files" / f"{cache_files.name_of(review)}.json"
    _resign(entry, lambda flat, data: [_b64(flat), {**data, "episode": {**data["episode"], "day": "eight"}}])
    for whole in (tmp_path / "data" / "cache").glob("*.json"):
        whole.unlink()
    checks.update(schema=0)
    code, text, _ = _validate(folder, cache=True, monkeypatch=monkeypatch)
    assert checks["schema"] >= 1 and code != 0 and "day" in text


@pytest.mark.parametrize("damage", [None, *DAMAGE], ids=["intact", *DAMAGE])
def test_the_shared_art_catalog_is_read_back_as_made(damage: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shared art's catalog (read by every validate) is kept by its manifest's bytes and read back equal to one made afresh, whatever was done to the entry."""
    from conftest import FIXTURES

    from simulator.assets import load_art, load_catalog

    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    art = load_art(FIXTURES / "assets")
    assert art is not None
    fresh = art.catalog()
    assert load_catalog(FIXTURES / "assets") == fresh
    kept = sorted((tmp_path / "data" / "cache" / "catalogs").glob("*.json"))
    assert len(kept) == 1
    assert load_catalog() is not None  # the shipped art's, beside it (another file's entry to swap in)
    if damage is not None:
        DAMAGE[damage](kept[0], kept[0].read_bytes())  # type: ignore[no-untyped-call]
    read = load_catalog(FIXTURES / "assets")
    assert read == fresh and dict(read.characters) == dict(fresh.characters) and read.named == fresh.named
    monkeypatch.setenv("DOORSTEP_CACHE", "0")
    assert load_catalog(FIXTURES / "assets") == fresh
