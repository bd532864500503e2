"""A place is shown by the name its scenario gives it, capitals kept; a place with no art and no name is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, materialize

from simulator.assets import load_art, scenario_art
from simulator.cli import main
from simulator.scenario import Severity, load_scenario
from simulator.ui.kit.art import ArtCache

CASE = FIXTURES / "youth-justice"
TEST_ART = FIXTURES / "assets"


def test_a_named_place_without_a_picture_keeps_its_name_and_capitals():
    """The window labels `yjs-meeting-room` with the case's own "The YJS meeting room", not "Yjs meeting room"."""
    art = scenario_art(CASE, "reece-youth-justice", load_art(TEST_ART))
    assert art is not None
    assert "yjs-meeting-room" not in art.locations  # named, not drawn
    cache = ArtCache(art, threaded=False)
    assert cache.label("yjs-meeting-room") == "The YJS meeting room"
    assert cache.label("mensah-living-room") == "The Mensahs' living room"


def test_the_case_has_no_unnamed_place():
    """Every place the youth-justice case uses has art or a name: no R414, only notes for places not drawn yet."""
    shared = load_art(TEST_ART)
    assert shared is not None
    result = load_scenario(CASE, art=shared.catalog())
    assert result.ok
    assert not [d.render() for d in result.diagnostics if d.severity is not Severity.INFO]
    assert any("no picture for the location `yjs-meeting-room`" in d.message for d in result.diagnostics)


def _mini_at(tmp_path: Path, location: str, art_yaml: str | None) -> Path:
    path = materialize(None, tmp_path)
    episode = path / "episodes" / "visit.yaml"
    text = episode.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("  location: "))
    episode.write_text(text.replace(first, f"  location: {location}", 1), encoding="utf-8")
    if art_yaml is not None:
        (path / "art").mkdir()
        (path / "art" / "art.yaml").write_text(art_yaml, encoding="utf-8")
    return path


def test_a_place_with_no_art_and_no_name_is_a_located_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """validate says which place has neither a picture nor a name, where, what the window will call it, and how to name it; exit 1."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_ASSETS", str(TEST_ART))
    _mini_at(tmp_path, "yjs-meeting-room", None)
    assert main(["validate", "mini"]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if " R414 " in x)
    assert line.startswith("mini/episodes/visit.yaml:") and ": warning R414 the location `yjs-meeting-room` has no art and no name" in line
    assert '"Yjs meeting room"' in line and 'yjs-meeting-room: {label: "..."}' in line


def test_a_typo_in_a_place_suggests_the_named_place(tmp_path: Path):
    """A misspelt place is a warning with a "did you mean" the scenario's own named places."""
    path = _mini_at(tmp_path, "yjs-meting-room", 'format: 1\nlocations:\n  yjs-meeting-room: {label: "The YJS meeting room"}\n')
    shared = load_art(TEST_ART)
    assert shared is not None
    found = [d for d in load_scenario(path, art=shared.catalog()).diagnostics if d.code == "R414"]
    assert found and found[0].severity is Severity.WARNING and found[0].suggestion == "did you mean `yjs-meeting-room`?"


def test_naming_the_place_in_art_yaml_leaves_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """A `label` with no `file` is accepted: validate exits 0, and --notes says the place has no picture yet."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_ASSETS", str(TEST_ART))
    _mini_at(tmp_path, "yjs-meeting-room", 'format: 1\nlocations:\n  yjs-meeting-room: {label: "The YJS meeting room"}\n')
    assert main(["validate", "--notes", "mini"]) == 0
    out = capsys.readouterr().out
    assert "R414" not in out and "info R410 there is no picture for the location `yjs-meeting-room`" in out


def test_an_empty_place_entry_is_refused(tmp_path: Path):
    """`yjs-meeting-room: {}` in art.yaml (neither file nor label) is a located schema error, not a silent blank."""
    path = _mini_at(tmp_path, "office", "format: 1\nlocations:\n  yjs-meeting-room: {}\n")
    shared = load_art(TEST_ART)
    assert shared is not None
    diags = load_scenario(path, art=shared.catalog()).diagnostics
    assert any(d.file.endswith("art.yaml") and d.line == 3 and d.severity is Severity.ERROR for d in diags), [d.render() for d in diags]


def test_the_scaffold_names_its_places():
    """`doorstep new` names the two places it uses, so a new scenario validates with no warning."""
    from simulator.authoring.scaffold import files

    art = files("ward-visit")["art/art.yaml"]
    assert "alex-front-door: {label:" in art and "alex-kitchen: {label:" in art


def test_the_window_notes_an_unnamed_place_but_not_a_named_one():
    """The window's terminal note ("no picture for location") is for a place nobody named, not one its author named and has not drawn yet."""
    art = scenario_art(CASE, "reece-youth-justice", load_art(TEST_ART))
    cache = ArtCache(art, threaded=False)
    cache._location_path("yjs-meeting-room")
    assert cache.notes == []
    cache._location_path("nowhere-named")
    assert any("`nowhere-named`" in note for note in cache.notes)
