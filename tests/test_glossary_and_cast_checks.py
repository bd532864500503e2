"""Mistakes a trainer makes in the glossary and in who is on stage are located diagnostics, never silent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import materialize

from simulator.cli import main
from simulator.scenario import Severity, load_scenario


def _with_glossary(tmp_path: Path, entries: str) -> Path:
    path = materialize(None, tmp_path)
    manifest = path / "scenario.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("player: worker\n", f"glossary:\n{entries}player: worker\n", 1), encoding="utf-8")
    return path


def _found(path: Path, code: str) -> list:
    return [d for d in load_scenario(path).diagnostics if d.code == code]


def test_a_term_listed_twice_with_two_meanings_is_an_error_naming_both_places(tmp_path: Path):
    """The window can show one meaning of a word: the second entry is a G506 error that names the first one's line."""
    path = _with_glossary(tmp_path, '  - {term: IDVA, meaning: "An advocate."}\n  - {term: IDVA, meaning: "A different thing."}\n')
    (d,) = _found(path, "G506")
    assert d.severity is Severity.ERROR
    assert (Path(d.file).name, d.line) == ("scenario.yaml", 20)
    assert "`IDVA` is explained twice, with different meanings" in d.message and "scenario.yaml:19:" in d.message


def test_a_term_listed_twice_with_one_meaning_is_a_warning(tmp_path: Path):
    """Two entries that agree (a copy pasted twice) are a warning, so the scenario still plays."""
    path = _with_glossary(tmp_path, '  - {term: "core group", meaning: "The team."}\n  - {term: "Core  group", meaning: "The  team."}\n')
    (d,) = _found(path, "G506")
    assert d.severity is Severity.WARNING and "with the same meaning" in d.message and "scenario.yaml:19:" in d.message
    assert load_scenario(path).ok


def test_another_form_that_is_another_terms_word_is_an_error(tmp_path: Path):
    """`also: [s47]` in one entry and `term: s47` in another collide: located at the `also` word."""
    path = _with_glossary(tmp_path, '  - {term: s47, meaning: "An enquiry."}\n  - {term: "strategy discussion", also: [S47], meaning: "A meeting."}\n')
    (d,) = _found(path, "G506")
    assert d.severity is Severity.ERROR and "other form `S47`" in d.message and d.line == 20


@pytest.mark.parametrize("second", ["\uff29\uff24\uff36\uff21", "section \uff14\uff17"])
def test_a_word_written_in_compatibility_characters_is_still_the_same_word(tmp_path: Path, second: str):
    """Full-width ＩＤＶＡ or section ４７ (pasted from a document typed with another keyboard) reads as IDVA or
    section 47 to a trainee: a second meaning for it is the same G506 as a second meaning for the plain word."""
    first = "section 47" if second.startswith("section") else "IDVA"
    path = _with_glossary(tmp_path, f'  - {{term: "{first}", meaning: "One thing."}}\n  - {{term: "{second}", meaning: "Another."}}\n')
    (d,) = _found(path, "G506")
    assert d.severity is Severity.ERROR and d.line == 20 and "scenario.yaml:19:" in d.message


def test_an_entry_repeating_its_own_word_is_fine(tmp_path: Path):
    """`also: [IDVA]` beside `term: IDVA` in one entry names one meaning: nothing to say."""
    path = _with_glossary(tmp_path, '  - {term: IDVA, also: [IDVA, idvas], meaning: "An advocate."}\n')
    assert not _found(path, "G506")


def _present(tmp_path: Path, who: str) -> Path:
    path = materialize(None, tmp_path)
    episode = path / "episodes" / "visit.yaml"
    episode.write_text(episode.read_text(encoding="utf-8").replace("  present: [ann]\n", f"  present: [ann, {who}]\n", 1), encoding="utf-8")
    return path


def test_the_player_listed_as_present_is_a_located_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`present: [ann, worker]` puts the trainee's own worker on stage, which does nothing: validate says so at the word, exit 1."""
    _present(tmp_path, "worker")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", os.path.join("mini")]) == 1
    out = capsys.readouterr().out
    assert "mini/episodes/visit.yaml:10:18: warning P908 `worker` is the player" in out and "leave `worker` out of `present`" in out


@pytest.mark.parametrize("who", ["sam-taylor", "social-worker"])
def test_the_players_name_or_role_as_an_id_says_the_player_is_never_drawn(tmp_path: Path, who: str):
    """An id made of the player's name or role is not in the cast, and the hint says the player needs no place on stage."""
    (d,) = _found(_present(tmp_path, who), "R402")
    assert d.line == 10 and d.suggestion == "the player, `worker`, is the trainee and never drawn: leave them out"


def test_a_role_written_as_an_id_suggests_the_cast_id(tmp_path: Path):
    """`present: [parent]` (Ann's role, not her id) gets a "did you mean `ann`?", not just "not in the cast"."""
    path = materialize(None, tmp_path)
    episode = path / "episodes" / "visit.yaml"
    episode.write_text(episode.read_text(encoding="utf-8").replace("  present: [ann]\n", "  present: [parent]\n", 1), encoding="utf-8")
    (d,) = _found(path, "R402")
    assert d.suggestion == "did you mean `ann`?"
