"""The trainer's commands: validate a file or a scenario (notes, --strict, --watch), new, schema --vscode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT, materialize

from simulator.cli import main


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_ASSETS", str(PROJECT / "tests" / "fixtures" / "assets"))
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_one_episode_shows_that_files_problems(here: Path, capsys: pytest.CaptureFixture[str]):
    """`validate episodes/visit.yaml` finds its scenario, lists that file's problems only and counts the rest."""
    path = materialize(None, here)
    (path / "episodes" / "visit.yaml").write_text((path / "episodes" / "visit.yaml").read_text().replace("next: door", "next: dor", 1))
    (path / "episodes" / "review.yaml").write_text((path / "episodes" / "review.yaml").read_text().replace("next: good", "next: god"))
    code, out, _ = run(capsys, "validate", "mini/episodes/visit.yaml")
    assert code == 1
    assert "mini/episodes/visit.yaml:23:17: error R401" in out
    assert "review.yaml" not in out.split("the rest of the scenario")[0]
    assert "the rest of the scenario has 1 problem: `doorstep validate mini` lists them" in out
    code, out, _ = run(capsys, "validate", "mini/episodes/review.yaml")
    assert code == 1 and "review.yaml:14:17: error R401" in out


def test_validate_a_folder_inside_a_scenario_finds_its_scenario(here: Path, capsys: pytest.CaptureFixture[str]):
    """`validate mini/episodes` (a folder inside a scenario, from above or from inside) lists that folder's problems and counts the rest, as a file does."""
    path = materialize(None, here)
    (path / "episodes" / "visit.yaml").write_text((path / "episodes" / "visit.yaml").read_text().replace("next: door", "next: dor", 1))
    (path / "scenario.yaml").write_text((path / "scenario.yaml").read_text().replace("player: worker", "player: wroker"))
    code, out, _ = run(capsys, "validate", "mini/episodes")
    assert code == 1
    assert "mini/episodes/visit.yaml:23:17: error R401" in out and "R408" not in out
    assert "the rest of the scenario has 1 problem: `doorstep validate mini` lists them" in out
    os.chdir(path / "episodes")
    code, out, _ = run(capsys, "validate", ".")
    assert code == 1 and "visit.yaml:23:17: error R401" in out and out.splitlines()[1] == ".: 1 error"


def test_a_folder_outside_any_scenario_is_still_refused(here: Path, capsys: pytest.CaptureFixture[str]):
    """A folder with no scenario.yaml in it or above it is F301, exit 1, as before."""
    (here / "notes").mkdir()
    code, out, _ = run(capsys, "validate", "notes")
    assert code == 1 and "error F301" in out


def test_a_clean_file_of_a_clean_scenario_is_ok(here: Path, capsys: pytest.CaptureFixture[str]):
    """A clean episode file validates ok on its own, exit 0."""
    materialize(None, here)
    code, out, _ = run(capsys, "validate", "mini/episodes/review.yaml")
    assert code == 0 and out.strip() == "mini/episodes/review.yaml: ok"


def test_notes_are_counted_not_listed_unless_asked(here: Path, capsys: pytest.CaptureFixture[str]):
    """Notes (R410) are counted in the summary; --notes lists them; --strict lists them, fails, and never says ok."""
    path = materialize(None, here)
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace("location: office", "location: garden"))
    (path / "art").mkdir()
    (path / "art" / "art.yaml").write_text('format: 1\nlocations:\n  garden: {label: "The garden"}\n')  # named, not drawn: a note
    code, out, _ = run(capsys, "validate", "mini")
    assert code == 0 and "R410" not in out and out.strip() == "mini: ok (1 note; --notes lists them)"
    code, out, _ = run(capsys, "validate", "--notes", "mini")
    assert code == 0 and "info R410" in out and out.strip().endswith("mini: ok (1 note)")
    code, out, _ = run(capsys, "validate", "--strict", "mini")
    assert code == 1 and "info R410" in out and "ok" not in out.splitlines()[-1]


@pytest.mark.parametrize(
    ("condition", "hint"),
    [("last.path == ‘enabler’", "curly quote"), ("last.path == enabler", "put it in straight quotes, 'enabler'"), ("flag.explained = true", "write `==`")],
)
def test_condition_slips_get_a_hint(here: Path, capsys: pytest.CaptureFixture[str], condition: str, hint: str):
    """Curly quotes, unquoted words and a single = in a condition are named with how to write them."""
    path = materialize(None, here)
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace('when: "trust.ann >= 50 and flag.explained"', f'when: "{condition}"'))
    code, out, _ = run(capsys, "validate", "mini")
    assert code == 1 and "C601" in out and hint in out


def test_an_emoji_is_a_warning(here: Path, capsys: pytest.CaptureFixture[str]):
    """A character the window's font cannot draw is T801 at its line."""
    path = materialize(None, here)
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace('text: "Ann trusts you."', 'text: "Ann trusts you ❤️"'))
    code, out, _ = run(capsys, "validate", "mini")
    assert code == 1 and "review.yaml:17:" in out and "warning T801" in out and "U+2764" in out


def test_new_writes_a_scenario_that_validates_and_plays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`doorstep new` anywhere (no seeds/ above) makes a scenario with no errors or warnings that plays to an ending both ways."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "cases/Ward visit")
    assert code == 0 and "doorstep validate 'cases/Ward visit'" in out  # quoted, so it pastes as one argument
    code, out, _ = run(capsys, "validate", "cases/Ward visit")
    assert code == 0 and out.startswith("cases/Ward visit: ok"), out
    for pol in ("enabler", "barrier", "random"):
        code, out, _ = run(capsys, "play", "cases/Ward visit", "--text", "--auto", pol)
        assert code == 0 and "Ending: follow-up." in out
    manifest = (tmp_path / "cases" / "Ward visit" / "scenario.yaml").read_text()
    assert "id: ward-visit" in manifest and 'title: "Ward visit"' in manifest
    settings = json.loads((tmp_path / "cases" / "Ward visit" / ".vscode" / "settings.json").read_text())
    assert any(k.endswith("/episode.schema.json") for k in settings["yaml.schemas"])
    code, _, err = run(capsys, "new", "cases/Ward visit")
    assert code == 1 and "already exists" in err


def test_schema_vscode_merges_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`schema --vscode` keeps other settings and other schemas, and points at the installed schema files."""
    vscode = tmp_path / ".vscode"
    vscode.mkdir()
    (vscode / "settings.json").write_text(json.dumps({"editor.fontSize": 15, "yaml.schemas": {"https://example.org/other.json": ["x.yaml"]}}))
    code, _, _ = run(capsys, "schema", "--vscode", str(tmp_path))
    assert code == 0
    settings = json.loads((vscode / "settings.json").read_text())
    assert settings["editor.fontSize"] == 15
    assert "https://example.org/other.json" in settings["yaml.schemas"]
    paths = [k for k in settings["yaml.schemas"] if k.startswith("file://")]
    assert len(paths) == 4 and all(Path(k[len("file://") :]).is_file() for k in paths)


def test_schema_vscode_will_not_mangle_commented_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A settings.json with comments is left alone, and the lines to add are printed instead."""
    vscode = tmp_path / ".vscode"
    vscode.mkdir()
    original = '{\n  // my settings\n  "editor.fontSize": 15\n}\n'
    (vscode / "settings.json").write_text(original)
    code, _, err = run(capsys, "schema", "--vscode", str(tmp_path))
    assert code == 1 and "yaml.schemas" in err
    assert (vscode / "settings.json").read_text() == original


@pytest.mark.parametrize("schemas", [["x.json"], "x.json", 5, True])
def test_schema_vscode_keeps_a_yaml_schemas_it_cannot_add_to(tmp_path: Path, capsys: pytest.CaptureFixture[str], schemas):
    """A `yaml.schemas` that is not an object (hand-written, or another tool's) is left as it was, not replaced (hostile9)."""
    vscode = tmp_path / ".vscode"
    vscode.mkdir()
    original = json.dumps({"editor.fontSize": 15, "yaml.schemas": schemas})
    (vscode / "settings.json").write_text(original)
    code, _, err = run(capsys, "schema", "--vscode", str(tmp_path))
    assert code == 1 and "its `yaml.schemas` is not an object" in err and "add this to it yourself" in err and err.count("\n") == 1
    assert (vscode / "settings.json").read_text() == original


def test_schema_vscode_fills_an_empty_settings_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """An empty settings.json holds nothing to lose, so the schemas are written into it."""
    vscode = tmp_path / ".vscode"
    vscode.mkdir()
    (vscode / "settings.json").write_text("\n")
    code, _, _ = run(capsys, "schema", "--vscode", str(tmp_path))
    assert code == 0 and len(json.loads((vscode / "settings.json").read_text())["yaml.schemas"]) == 4


def test_schema_prints_a_schema(capsys: pytest.CaptureFixture[str]):
    """`schema episode` prints the episode schema as JSON, for editors other than VS Code."""
    code, out, _ = run(capsys, "schema", "episode")
    assert code == 0 and json.loads(out)["$id"] == "urn:doorstep:episode:1"


def test_validate_watch_notices_a_save(tmp_path: Path):
    """`validate --watch` stays open and validates again when a file is saved, printing the new problem."""
    path = materialize(None, tmp_path)
    env = {**os.environ, "DOORSTEP_ASSETS": str(PROJECT / "tests" / "fixtures" / "assets")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "validate", "--watch", "--watch-rounds", "1", "mini"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.strip() == "mini: ok"
        assert proc.stdout.readline().startswith("watching ")
        time.sleep(0.3)
        review = path / "episodes" / "review.yaml"
        review.write_text(review.read_text().replace("next: good", "next: god"))
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert "validating again" in out and "error R401" in out, out + err
    assert proc.returncode == 0


@pytest.mark.parametrize("rel", ["seeds/principles.yaml", "assets/art/art.yaml", "docs/examples/small-visit/art/art.yaml", "docs/examples/small-visit/scenario.yaml"])
def test_shipped_files_validate_one_by_one(rel: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """An evidence file, an art manifest (shared or a scenario's own) and a manifest each validate on their own."""
    monkeypatch.chdir(PROJECT)
    code, out, _ = run(capsys, "validate", rel)
    assert code == 0 and out.startswith(f"{rel}: ok"), out


def test_a_broken_art_manifest_alone_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """An art.yaml outside any scenario is checked alone: shape, and pictures that are not there."""
    art = tmp_path / "art.yaml"
    art.write_text('format: 1\nlocations:\n  porch: {file: porch.png, label: "Porch"}\n  hall: {file: hall.svg}\n')
    code, out, _ = run(capsys, "validate", str(art))
    assert code == 1 and "S207" in out and "name an SVG file" in out
