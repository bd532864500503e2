"""An episode saved under a name Doorstep does not read (`.json`, `.YAML`) is named, never silently left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.authoring.scaffold import files
from simulator.scenario.loader import load_scenario

SPARE = {
    "format": 2,
    "episode": {"id": "spare", "title": "Spare", "day": 12, "time": "10:00", "location": "office", "nodes": {"a": {"ending": {"kind": "mixed", "title": "x", "text": "x", "outcome": "x"}}}},
}


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "case"
    for rel, text in files("case").items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _codes(folder: Path, cache: bool = False) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in load_scenario(folder, cache=cache).diagnostics:
        out.setdefault(d.code, []).append(f"{d.file} {d.message} {d.suggestion or ''}")
    return out


def test_a_listed_episode_saved_as_json_is_named_with_its_new_name(case: Path):
    """The calendar's episode saved as .json: F304 names the .json file and the name to give it, and a choice it holds is not a bare C602."""
    import yaml

    episode = case / "episodes" / "first-visit.yaml"
    (case / "episodes" / "first-visit.json").write_text(json.dumps(yaml.safe_load(episode.read_text(encoding="utf-8"))), encoding="utf-8")
    episode.unlink()
    codes = _codes(case)
    [f304] = codes["F304"]
    assert "first-visit.json` is there" in f304 and "rename it `first-visit.yaml`" in f304 and "JSON is YAML too" in f304
    assert "F311" not in codes  # said once, by F304
    assert all("first-visit" in c for c in codes.get("C602", []))  # `chose.give-a-date` points at the missing episode


def test_an_unlisted_episode_saved_as_json_or_capitals_is_a_warning(case: Path):
    """A .json episode and a .YAML one are F311 each, with the name to give them; a record, a JSON note and editor settings are not."""
    (case / "episodes" / "spare.json").write_text(json.dumps(SPARE, indent=2), encoding="utf-8")
    (case / "episodes" / "later.YAML").write_text("format: 2\n", encoding="utf-8")
    (case / "run.json").write_text(json.dumps({"scenario": "case", "steps": []}), encoding="utf-8")
    (case / "episodes" / "notes.json").write_text('["episode ideas"]', encoding="utf-8")
    (case / ".vscode").mkdir(exist_ok=True)
    (case / ".vscode" / "spare.json").write_text(json.dumps(SPARE), encoding="utf-8")
    codes = _codes(case)
    f311 = sorted(codes["F311"])
    assert len(f311) == 2, f311
    assert "later.YAML" in f311[0] and "rename it `later.yaml`" in f311[0]
    assert "spare.json" in f311[1] and "rename it `spare.yaml`" in f311[1]
    assert load_scenario(case).scenario is not None  # a warning: the rest still plays


def test_a_json_copy_beside_its_yaml_is_called_a_copy(case: Path):
    """`first-visit.json` beside the `first-visit.yaml` that is read is told it is the copy, not to be renamed over it."""
    (case / "episodes" / "first-visit.json").write_text(json.dumps({"episode": {"id": "first-visit"}}), encoding="utf-8")
    [f311] = _codes(case)["F311"]
    assert "`first-visit.yaml` beside it is the one read" in f311


def test_the_cache_notices_a_json_episode_edited_in(case: Path, monkeypatch: pytest.MonkeyPatch):
    """With the load cache on, a .json that becomes an episode after a cached load is found at the next load."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    (case / "episodes" / "spare.json").write_text('{"draft": true}', encoding="utf-8")
    assert "F311" not in _codes(case, cache=True)
    assert "F311" not in _codes(case, cache=True)
    (case / "episodes" / "spare.json").write_text(json.dumps(SPARE), encoding="utf-8")
    assert "F311" in _codes(case, cache=True)


def test_an_evidence_file_under_another_name_is_named(case: Path, monkeypatch: pytest.MonkeyPatch):
    """`evidence/principles.yml` and `evidence/more-principles.yaml` are F311 with what to do; after a cached load too."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    assert "F311" not in _codes(case, cache=True)
    principles = case / "evidence" / "principles.yaml"
    principles.rename(case / "evidence" / "principles.yml")
    (case / "evidence" / "more-principles.yaml").write_text("format: 1\nprinciples: []\n", encoding="utf-8")
    (case / "evidence" / "README.md").write_text("Notes for other trainers.\n", encoding="utf-8")
    f311 = sorted(_codes(case, cache=True)["F311"])
    assert len(f311) == 2, f311
    assert "more-principles.yaml" in f311[0] and "move what it holds" in f311[0]
    assert "principles.yml" in f311[1] and "rename it `principles.yaml`" in f311[1]


def test_an_art_manifest_under_another_name_is_named(case: Path):
    """`art/art.yml` is F311 (rename it `art.yaml`), not only a warning for each place it names going unnamed."""
    from simulator.scenario.art import ArtCatalog

    (case / "art" / "art.yaml").rename(case / "art" / "art.yml")
    found = [(d.file, d.suggestion) for d in load_scenario(case, art=ArtCatalog()).diagnostics if d.code == "F311"]
    assert found == [(found[0][0], "rename it `art.yaml`")] and found[0][0].endswith("art/art.yml")


def test_citations_of_an_unread_principles_file_are_one_error(case: Path, monkeypatch: pytest.MonkeyPatch):
    """Every choice citing a principle in `principles.yml` used to be its own R404 (with a did-you-mean pointing at
    some other principle). It is one R404, at the first citation, saying how many more and which file is not read."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    (case / "evidence" / "principles.yaml").rename(case / "evidence" / "principles.yml")
    (case / "evidence" / "sources.yaml").write_text("format: 1\nsources: []\n", encoding="utf-8")  # the folder is still read
    for cache in (False, True, True):
        found = [d for d in load_scenario(case, cache=cache).diagnostics if d.code == "R404"]
        assert len(found) == 1, found
        (d,) = found
        assert "`name-the-next-step` is not a principle" in d.message and "cited in 1 more place:" in d.message
        assert "principles.yml` is not read (F311)" in d.message and d.suggestion == "rename it `principles.yaml`"
        assert Path(d.file).name == "first-visit.yaml"


def test_a_misspelt_principle_still_has_its_own_error_once_the_file_is_read(case: Path):
    """The folding waits on the file's name: once it is `principles.yaml`, a citation that is wrong is its own R404."""
    episode = case / "episodes" / "first-visit.yaml"
    episode.write_text(episode.read_text(encoding="utf-8").replace("principles: [name-the-next-step]", "principles: [name-the-next-stop]", 1), encoding="utf-8")
    found = [d for d in load_scenario(case).diagnostics if d.code == "R404"]
    assert [d.message for d in found] == ["`name-the-next-stop` is not a principle in the evidence base"]


def test_the_places_an_unread_art_manifest_names_are_one_warning(case: Path):
    """With `art/art.yml` not read, each place it named had its own R414 (one said "did you mean `office`?"): one R414
    now, at the first, counting the rest and saying which file to rename."""
    from simulator.scenario.art import ArtCatalog

    (case / "art" / "art.yaml").rename(case / "art" / "art.yml")
    found = [d for d in load_scenario(case, art=ArtCatalog()).diagnostics if d.code == "R414"]
    assert len(found) == 1, [d.render() for d in found]
    assert "so is 1 more place in the episodes: `" in found[0].message and "art.yml` is not read (F311)" in found[0].message
    assert found[0].suggestion == "rename it `art.yaml`"
