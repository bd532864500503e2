"""Art that belongs to its scenario: its own art/ first, shared art next, another scenario's art never borrowed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, PROJECT, art_catalog, materialize

from simulator.assets import load_art, scenario_art
from simulator.scenario import load_scenario

OWN = """\
format: 1
locations:
  ann-home: {file: locations/ann-home.svg, label: "Ann's flat"}
characters:
  boss:
    label: "Ann's support worker"
    moods:
      neutral: {frames: [characters/boss/neutral.svg]}
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def with_boss(path: Path) -> None:
    """Add a `boss` to the mini scenario's cast and put them on stage at the review."""
    manifest = path / "scenario.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("cast:\n", 'cast:\n  - {id: boss, name: "Pat Boss", role: "Manager"}\n'), encoding="utf-8")
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("present: [ann]", "present: [ann, boss]"), encoding="utf-8")


def own_art(path: Path) -> None:
    art = path / "art"
    (art / "locations").mkdir(parents=True)
    (art / "characters" / "boss").mkdir(parents=True)
    (art / "art.yaml").write_text(OWN, encoding="utf-8")
    (art / "locations" / "ann-home.svg").write_text("<svg/>", encoding="utf-8")
    (art / "characters" / "boss" / "neutral.svg").write_text("<svg/>", encoding="utf-8")


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_another_scenarios_character_is_not_borrowed(here: Path):
    """A cast member whose only art was drawn for another scenario is R413 at the line that puts them on stage."""
    path = materialize(None, here)
    with_boss(path)
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    r413 = [d for d in result.diagnostics if d.code == "R413"]
    assert [d.location for d in r413] == ["mini/episodes/review.yaml:9:18"]
    assert "other-case" in r413[0].message and "placeholder" in r413[0].message
    assert "add `boss` to this scenario's art/art.yaml" in r413[0].render()  # the hint names them (it once said `{cid}`)
    assert result.ok


def test_own_art_comes_first(here: Path):
    """With its own art/art.yaml drawing `boss`, the scenario uses that and nothing is reported; its folder is not read as an episode."""
    path = materialize(None, here)
    with_boss(path)
    own_art(path)
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("location: office", "location: ann-home"), encoding="utf-8")
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    assert result.ok and not {"R410", "R413", "F307", "F309"} & set(codes(result)), [d.render() for d in result.diagnostics]


def test_the_owner_may_use_its_art(here: Path):
    """A scenario named in the art's `scenarios:` uses it freely."""
    path = materialize(None, here)
    with_boss(path)
    manifest = path / "scenario.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("id: mini", "id: other-case"), encoding="utf-8")
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    assert "R413" not in codes(result)


def test_scenario_art_files_for_the_window(here: Path):
    """The window's files: own art first (even for an id shared art also has), shared art for everyone, none drawn for another scenario."""
    path = materialize(None, here)
    own_art(path)
    shared = load_art(FIXTURES / "assets")
    assert shared is not None and "boss" in shared.moods
    mine = scenario_art(path, "mini", shared)
    assert mine is not None
    assert mine.moods["boss"]["neutral"] == (path / "art" / "characters" / "boss" / "neutral.svg",)
    assert mine.locations["ann-home"] == path / "art" / "locations" / "ann-home.svg"
    assert "office" in mine.locations and "other-home" not in mine.locations
    other = scenario_art(None, "mini", shared)
    assert other is not None and "boss" not in other.moods


def test_shipped_art_marks_what_belongs_to_each_case():
    """Harris's people are Harris's: the Jay scenario may not use Fiona, and both may use the office."""
    shared = load_art(PROJECT / "assets")
    assert shared is not None
    jay = scenario_art(None, "jay-residential", shared)
    harris = scenario_art(None, "harris-family", shared)
    assert jay is not None and harris is not None
    assert "fiona" in harris.moods and "fiona" not in jay.moods
    assert "office" in jay.locations and "office" in harris.locations
    assert "jay" in jay.moods and "jay" not in harris.moods
