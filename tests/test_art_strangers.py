"""Art in a scenario's own art.yaml for someone not in its cast is R416, said once, never a silent no-show."""

from __future__ import annotations

from pathlib import Path

from simulator.authoring.scaffold import files
from simulator.scenario.art import ArtCatalog
from simulator.scenario.loader import load_scenario

CHARACTERS = """\
characters:
  {who}:
    label: "Alex Morgan"
    moods:
      calm: {{frames: [characters/alex/calm.svg, characters/alex/calm-2.svg]}}
    poses:
      sitting:
        calm: {{frames: [characters/alex/sitting.svg]}}
"""


def _load(tmp_path: Path, who: str):
    folder = tmp_path / who
    for name, text in files("case").items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    art = folder / "art" / "art.yaml"
    art.write_text(art.read_text(encoding="utf-8") + CHARACTERS.format(who=who), encoding="utf-8")
    return load_scenario(folder, art=ArtCatalog())


def test_a_misspelt_character_in_art_is_one_warning_with_the_cast_id(tmp_path: Path):
    """`alx` in art.yaml: one R416 at its line naming `alex`, and no F309 for each of its three missing pictures."""
    result = _load(tmp_path, "alx")
    codes = [d.code for d in result.diagnostics]
    [r416] = [d for d in result.diagnostics if d.code == "R416"]
    assert r416.file.endswith("art/art.yaml") and r416.line > 0 and r416.suggestion == "did you mean `alex`?"
    assert "F309" not in codes and result.scenario is not None


def test_a_cast_member_in_art_is_checked_as_before(tmp_path: Path):
    """`alex` in art.yaml with no picture files: no R416, and F309 for the missing pictures, as before."""
    codes = [d.code for d in _load(tmp_path, "alex").diagnostics]
    assert "R416" not in codes and codes.count("F309") == 3
