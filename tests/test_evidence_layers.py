"""Evidence in layers: the shared seeds/, then a scenario's own evidence folder, each adding principles, sources and frameworks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, art_catalog, materialize

from simulator.scenario import load_scenario

ADULT_SOURCES = """\
format: 1
sources:
  - id: care-act-2014
    kind: legislation
    title: "Care Act 2014"
    publisher: "UK Parliament"
    date: "2014"
"""
ADULT_FRAMEWORKS = """\
format: 1
frameworks:
  - id: kss-adults
    title: "Knowledge and skills statement for social workers in adult services"
    publisher: "Department of Health"
    tags:
      - {id: kss-adults-1, label: "The role of social workers working with adults"}
      - {id: kss-adults-2, label: "Person-centred practice"}
"""
ADULT_PRINCIPLES = """\
format: 1
principles:
  - id: wellbeing-first
    title: "Start from the person's wellbeing"
    summary: "Ask what matters to the person before what services exist."
    sources: [care-act-2014, {shared_source}]
    tags: [kss-adults-2, pcf-1]
"""


def _shared_source() -> str:
    text = (FIXTURES / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    return text.split("- id: ", 1)[1].split()[0]


def scenario_with_layer(tmp_path: Path, folder_name: str = "evidence", principles: str | None = None) -> Path:
    """The mini scenario with its own evidence folder holding adult-care sources, a framework and a principle it cites."""
    path = materialize(None, tmp_path)
    own = path / folder_name
    own.mkdir()
    (own / "sources.yaml").write_text(ADULT_SOURCES, encoding="utf-8")
    (own / "frameworks.yaml").write_text(ADULT_FRAMEWORKS, encoding="utf-8")
    (own / "principles.yaml").write_text(principles or ADULT_PRINCIPLES.format(shared_source=_shared_source()), encoding="utf-8")
    visit = path / "episodes" / "visit.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("principles: [explain-role]\n          tags: [pcf-7]", "principles: [explain-role, wellbeing-first]\n          tags: [pcf-7, kss-adults-1]"), encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("folder_name", ["evidence", "seeds"])
def test_own_folder_adds_to_the_shared_base(here: Path, folder_name: str):
    """A scenario's own evidence/ (or seeds/) folder is a layer after the shared one: both sets of ids resolve, nothing is F307."""
    path = scenario_with_layer(here, folder_name)
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    assert result.ok, [d.render() for d in result.diagnostics]
    ev = result.scenario.evidence
    assert {"explain-role", "wellbeing-first"} <= set(ev.principles)
    assert "care-act-2014" in ev.sources and "kss-adults" in ev.frameworks and ev.tags["kss-adults-1"].framework == "kss-adults"
    assert [p.name for p in ev.folders] == ["seeds", folder_name]


def test_evidence_may_list_several_folders(here: Path):
    """`evidence:` takes a list of folders, read in order."""
    path = scenario_with_layer(here)
    shutil.move(str(path / "evidence"), str(here / "adult"))
    manifest = path / "scenario.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("evidence: ../seeds", "evidence: [../seeds, ../adult]"), encoding="utf-8")
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    assert result.ok, [d.render() for d in result.diagnostics]
    assert [p.name for p in result.scenario.evidence.folders] == ["seeds", "adult"]


def test_a_duplicate_id_across_layers_is_located(here: Path):
    """The same principle id in two layers is G506 at the second, naming where the first is."""
    dup = ADULT_PRINCIPLES.format(shared_source=_shared_source()).replace("id: wellbeing-first", "id: explain-role")
    path = scenario_with_layer(here, principles=dup)
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    g506 = [d for d in result.diagnostics if d.code == "G506"]
    assert g506, [d.render() for d in result.diagnostics]
    assert g506[0].location == "mini/evidence/principles.yaml:3:9"
    assert "seeds/principles.yaml:" in g506[0].message
    assert not result.ok


def test_a_duplicate_framework_tag_is_no_longer_silent(here: Path):
    """Two framework tags with one id were silently overwritten; now it is G506 at the second."""
    path = scenario_with_layer(here)
    fw = path / "evidence" / "frameworks.yaml"
    fw.write_text(fw.read_text(encoding="utf-8") + '      - {id: kss-adults-1, label: "Again"}\n', encoding="utf-8")
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    assert [d.location for d in result.diagnostics if d.code == "G506"] == ["mini/evidence/frameworks.yaml:9:14"]


def test_a_missing_evidence_folder_names_what_was_tried(here: Path):
    """A listed evidence folder that does not exist is F308 at its line in scenario.yaml, naming the path looked for."""
    path = materialize(None, here)
    manifest = path / "scenario.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("evidence: ../seeds", "evidence: [../seeds, ../../nowhere]"), encoding="utf-8")
    result = load_scenario(os.path.relpath(path), art=art_catalog())
    f308 = [d for d in result.diagnostics if d.code == "F308"]
    assert f308 and f308[0].location.startswith("mini/scenario.yaml:17:")
    assert "../../nowhere" in f308[0].message and "looked for" in f308[0].message


def test_without_evidence_key_the_seeds_above_are_found(here: Path):
    """With no `evidence:` the nearest seeds/ above the scenario is used, so a copied scenario works where it lands."""
    path = materialize(None, here)
    manifest = path / "scenario.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("evidence: ../seeds\n", ""), encoding="utf-8")
    nested = here / "scenarios" / "mini"
    nested.parent.mkdir()
    shutil.move(str(path), str(nested))
    result = load_scenario(os.path.relpath(nested), art=art_catalog())
    assert result.ok, [d.render() for d in result.diagnostics]
