"""A key written twice in a settings file: said in one line (which key, which file), and a safe choice taken.

Doorstep's own settings keep the last value (as every JSON reader and VS Code read it), except an aid someone may
need to use the window at all, which stays on; `schema --vscode` refuses to rewrite such a file, which would drop
the other lines. flatjson leaves a repeated key to strictjson, so the two readers agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator import flatjson, strictjson
from simulator.cli import main
from simulator.services.settings import FILENAME, Settings, load_settings


def test_strictjson_names_every_repeated_key_with_its_values_only_when_asked():
    text = '{"a": 1, "b": {"c": 1, "c": [2], "d": 0}, "a": true, "e": 5}'
    repeated: dict[str, list] = {}
    data = strictjson.loads(text, repeated=repeated)
    assert data == strictjson.loads(text) == json.loads(text) == {"a": True, "b": {"c": [2], "d": 0}, "e": 5}
    assert list(data) == ["a", "b", "e"]  # the last value, in the first place
    assert repeated == {"c": [1, [2]], "a": [1, True]}
    clean: dict[str, list] = {}
    strictjson.loads('{"a": 1, "b": {"a": 2}}', repeated=clean)
    assert clean == {}, "the same key in two objects is not a repeat"


@pytest.mark.parametrize("text", ['{"a": 1, "a": 2}', '{"a": "x", "b": 1, "a": "x"}', '{"version": 1, "text_size": 0, "text_size": 3}'])
def test_flatjson_leaves_a_repeated_key_to_strictjson(text: str):
    """So the note comes from one reader: flatjson answers None rather than silently taking the last value."""
    assert flatjson.loads(text) is None
    repeated: dict[str, list] = {}
    strictjson.loads(text, repeated=repeated)
    assert repeated


def _load(tmp_path: Path, text: str) -> tuple[Settings, str | None]:
    (tmp_path / FILENAME).write_text(text, encoding="utf-8")
    return load_settings(tmp_path)


@pytest.mark.parametrize(
    ("text", "field", "kept", "shown"),
    [
        ('{"high_contrast": true, "high_contrast": false}', "high_contrast", True, "uses true, the value that helps more"),
        ('{"reduced_motion": false, "reduced_motion": true}', "reduced_motion", True, "uses true, the value that helps more"),
        ('{"no_time_pressure": true, "mode": "coach", "no_time_pressure": false}', "no_time_pressure", True, "uses true"),
        ('{"self_voicing": true, "self_voicing": false}', "self_voicing", True, "uses true"),
        ('{"text_size": 3, "text_size": 0}', "text_size", 3, "uses Largest, the value that helps more"),
        ('{"text_size": 0, "text_size": 2, "text_size": 9}', "text_size", 2, "uses Large"),
        ('{"worker_name": "Sam", "worker_name": "Jo"}', "worker_name", "Jo", "uses 'Jo', the last, as other programs read it"),
        ('{"fullscreen": true, "fullscreen": false}', "fullscreen", False, "uses false, the last"),
    ],
)  # fmt: skip
def test_a_setting_written_twice_is_noted_in_one_line_and_a_safe_value_kept(tmp_path: Path, text: str, field: str, kept, shown: str):
    settings, note = _load(tmp_path, text)
    assert getattr(settings, field) == kept
    assert note is not None and "\n" not in note
    assert f"`{field}` more than once" in note and str(tmp_path / FILENAME) in note and shown in note, note
    assert (tmp_path / FILENAME).read_text(encoding="utf-8") == text, "the file is left as it was until a setting changes"


def test_several_repeated_settings_name_the_first_and_count_the_rest(tmp_path: Path):
    settings, note = _load(tmp_path, '{"text_size": 2, "voice": "a", "text_size": 1, "voice": "b", "seem": true, "seem": false}')
    assert (settings.text_size, settings.voice, settings.seem) == (2, "b", False)
    assert note is not None and "`text_size` more than once (and 2 other settings too)" in note


def test_a_file_without_repeats_has_no_note(tmp_path: Path):
    assert _load(tmp_path, '{"text_size": 2, "high_contrast": true}') == (Settings(text_size=2, high_contrast=True), None)


def test_schema_vscode_will_not_rewrite_a_file_that_names_a_key_twice(tmp_path: Path, capsys):
    """Rewritten, the file would keep only the last value of the key: the trainer's other line would be lost."""
    target = tmp_path / ".vscode" / "settings.json"
    target.parent.mkdir()
    text = '{"editor.tabSize": 2, "files.eol": "\\n", "editor.tabSize": 4}\n'
    target.write_text(text, encoding="utf-8")
    assert main(["schema", "--vscode", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "`editor.tabSize` more than once" in err and "yaml.schemas" in err, err
    assert target.read_text(encoding="utf-8") == text
