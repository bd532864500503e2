"""The window's terminal notes about undrawn people: one line for the whole cast, not one per person as they appear."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


from simulator.assets import load_art, scenario_art, undrawn_cast
from simulator.authoring.scaffold import files
from simulator.scenario.loader import load_scenario
from simulator.ui.kit.art import ArtCache

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("pygame_display")]

PROJECT = Path(__file__).resolve().parent.parent
MORE_CAST = """\
  - {id: kim, name: "Kim Lee", role: "Teacher", trust: 50}
  - {id: ravi, name: "Ravi Patel", role: "School nurse", trust: 50}
  - {id: pat, name: "Pat Obi", role: "Police officer", trust: 50}
  - {id: sol, name: "Sol Reyes", role: "Interpreter", trust: 50}
calendar:
"""


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "school-case"
    for rel, text in files("school-case").items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    manifest = folder / "scenario.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("calendar:\n", MORE_CAST, 1), encoding="utf-8")
    # Kim and Ravi are seen in person; Pat is only ever heard on the phone, and Sol is never brought on at all.
    visit = folder / "episodes" / "follow-up.yaml"
    visit.write_text(visit.read_text(encoding="utf-8").replace(
        "  present: [alex]\n", "  present: [alex, kim, ravi, {who: pat, by: phone}]\n", 1), encoding="utf-8")
    return folder


def test_undrawn_cast_is_one_note_naming_everyone(tmp_path: Path):
    """Three undrawn people shown one after another give one note naming all three (and never the player), not three."""
    result = load_scenario(_case(tmp_path))
    scenario = result.scenario
    assert scenario is not None, [d.message for d in result.diagnostics]
    told: list[str] = []
    cache = ArtCache(load_art(PROJECT / "assets"), told.append, threaded=False)
    cache.use_scenario(scenario)
    for who in ("alex", "kim", "ravi", "kim", "alex"):
        assert cache.figure(who, None, 100)[1]  # a placeholder
    art_notes = [n for n in told if n.startswith("art:")]
    assert len(art_notes) == 1, told
    assert "`alex`, `kim` and `ravi`" in art_notes[0] and "`worker`" not in art_notes[0]
    assert "placeholder" in art_notes[0] and "docs/authoring.md" in art_notes[0]  # what happens, and where to read how to draw them


def test_a_drawn_character_is_not_named(tmp_path: Path):
    """Someone with pictures in the case's own art is left out of the note; with everyone drawn there is no note."""
    folder = _case(tmp_path)
    (folder / "art" / "calm.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900"><rect width="600" height="900" fill="#888"/></svg>')
    art_yaml = folder / "art" / "art.yaml"
    art_yaml.write_text(art_yaml.read_text(encoding="utf-8") + "characters:\n  kim:\n    label: \"Kim Lee\"\n    moods:\n      calm: {frames: [calm.svg]}\n", encoding="utf-8")
    scenario = load_scenario(folder).scenario
    assert scenario is not None
    shared = load_art(PROJECT / "assets")
    assert undrawn_cast(scenario, scenario_art(folder, scenario.id, shared), shared) == ["alex", "ravi"]
    drawn = {c.id: {"calm": (folder / "art" / "calm.svg",)} for c in scenario.cast}
    mine = scenario_art(folder, scenario.id, shared)
    assert mine is not None
    mine.moods.update(drawn)
    assert undrawn_cast(scenario, mine, shared) == []


def test_someone_only_heard_or_never_brought_on_is_not_named(tmp_path: Path):
    """No picture is drawn of someone only heard (a police officer on the phone) or never brought on, so the note
    that the window draws a placeholder figure leaves them out (Harris's DC Walsh, on the speakerphone, was named)."""
    scenario = load_scenario(_case(tmp_path)).scenario
    assert scenario is not None
    shared = load_art(PROJECT / "assets")
    undrawn = undrawn_cast(scenario, scenario_art(tmp_path / "school-case", scenario.id, shared), shared)
    assert "pat" not in undrawn and "sol" not in undrawn
    assert {"kim", "ravi"} <= set(undrawn)
    harris = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert harris is not None
    assert undrawn_cast(harris, scenario_art(PROJECT / "scenarios" / "harris-family", harris.id, shared), shared) == []
