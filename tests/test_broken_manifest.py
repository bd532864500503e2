"""A broken scenario.yaml is one located problem: said once, and its own evidence/ files are never taken for stray episodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.scaffold import files
from simulator.scenario.loader import load_scenario


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    for rel, text in files("case").items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / "evidence" / "sources.yaml").write_text(
        'format: 1\nsources:\n  - {id: own-source, kind: guidance, title: "Local guidance", publisher: "A council", date: "2026"}\n', encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("breakage", "code"),
    [
        (lambda t: t.replace("\nplayer: worker", "\n\tplayer: worker"), "Y101"),  # a tab
        (lambda t: "", "Y111"),  # emptied
        (lambda t: t.replace("title:", "title: [", 1), "Y101"),  # a bracket never closed
        (lambda t: t + "rubric: []\n", "Y102"),  # a key twice
    ],
)
def test_one_problem_for_a_broken_manifest(tmp_path: Path, breakage, code: str):
    """Each breakage of scenario.yaml gives its one diagnostic there, and nothing about evidence/ or episodes/ files."""
    folder = _case(tmp_path)
    manifest = folder / "scenario.yaml"
    manifest.write_text(breakage(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    result = load_scenario(folder)
    assert result.scenario is None
    rendered = [d.render() for d in result.diagnostics]
    assert [d.code for d in result.diagnostics if d.file.endswith("scenario.yaml")].count(code) == 1, rendered
    assert not [d for d in result.diagnostics if "evidence" in d.file or d.code == "F307"], rendered


@pytest.mark.parametrize("saved_as", ["scenario.yml", "Scenario.yaml", "scenario.yaml.txt", "scenario.json"])
def test_a_manifest_saved_under_another_name_is_named(tmp_path: Path, saved_as: str):
    """No scenario.yaml, but `scenario.yml` (or a capital, or an editor's .txt): F301 says which file to rename."""
    folder = _case(tmp_path)
    (folder / "scenario.yaml").rename(folder / saved_as)
    [d] = load_scenario(folder).diagnostics
    assert d.code == "F301" and d.suggestion == f"`{saved_as}` is there: rename it `scenario.yaml`"
