"""The YAML slips trainers make (a key at the dash's column, a missing comma, words after a closing quote, a file saved
in another encoding) are each told what to do, at the line, on test-owned content."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.scaffold import files
from simulator.scenario.loader import load_scenario

FIRST = "episodes/first-visit.yaml"
FOLLOW = "episodes/follow-up.yaml"


def _load_with(tmp_path: Path, rel: str, old: str, new: str | bytes):
    folder = tmp_path / "case"
    for name, text in files("case").items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    if isinstance(new, bytes):
        path.write_bytes(text.replace(old, "\0").encode("utf-8").replace(b"\0", new))
    else:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = load_scenario(folder)
    assert result.scenario is None
    return [d for d in result.diagnostics if d.file.endswith(rel)]


@pytest.mark.parametrize(
    ("rel", "old", "new", "hint"),
    [
        (FIRST, '          text: "The school said', '        text: "The school said', "at the column of the list's `-` above it: indent it 10 spaces"),
        (FOLLOW, '{speaker: alex, text: "You came back', '{speaker: alex text: "You came back', "put a comma between one key and the next"),
        (FOLLOW, '"You came back when you said."', "You came back: when you said.", "quotes around text that holds a colon"),
        (FOLLOW, '"You came back when you said."', '"You came back," she says', "goes on after its closing quote"),
        (FIRST, '"Say it is nothing to worry about, just a chat"', '"Say it is nothing to worry about" just a chat', "goes on after its closing quote"),
    ],
)
def test_syntax_slip_gets_a_hint(tmp_path: Path, rel: str, old: str, new: str, hint: str):
    """Each slip is one Y101 at its file and line, with a suggestion naming the fix."""
    [d] = _load_with(tmp_path, rel, old, new)
    assert d.code == "Y101" and d.line > 1
    assert d.suggestion is not None and hint in d.suggestion, d.render()


def test_a_file_saved_in_another_encoding_says_which(tmp_path: Path):
    """Latin-1/Windows bytes name the character meant; a UTF-16 file is called UTF-16 at its first line."""
    [d] = _load_with(tmp_path, FIRST, "I don't know", b"I don't know, caf" + b"\xe9")
    assert d.code == "Y109" and "`é` in the Windows encoding" in d.message and d.line == 21
    folder = tmp_path / "case"
    path = folder / FOLLOW
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    [d] = [d for d in load_scenario(folder).diagnostics if d.file.endswith(FOLLOW)]
    assert d.code == "Y109" and "UTF-16" in d.message and (d.line, d.col) == (1, 1)


@pytest.mark.parametrize(("old", "new", "code"), [("next: follow-up", "next: \u201cfollow-up\u201d", "S207"), ("- id: soon", "- id: \u2018soon\u2019", "S205")])
def test_curly_quotes_around_an_id_are_named(tmp_path: Path, old: str, new: str, code: str):
    """An id typed with a word processor's curly quotes is told they are read as letters, and the id without them."""
    [d] = _load_with(tmp_path, FIRST, old, new)
    bare = new.split(" ", 1)[1].strip("\u201c\u201d\u2018\u2019") if old.startswith("next") else "soon"
    assert d.code == code and d.suggestion is not None
    assert d.suggestion.startswith(f"`{bare}` without them") and "curly quotes" in d.suggestion
