"""A key written twice in lrs.json: named in one line, and never a guess about where statements go or what they carry.

Every field of the LRS settings, written twice with different values (in either order), keeps its default (no
endpoint, a pseudonym, no reflections) and sending from the window is off, while the file's other settings stand;
written twice alike, it is used. `xapi setup` and `xapi push` say so in one line, and `setup` saving one change keeps
what the file held. Before, the last value was taken silently (settings.json already said so: test_settings_repeated.py).
"""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from simulator.cli import main
from simulator.xapi.config import FILENAME, LRSSettings, load_lrs_settings

GOOD = LRSSettings(enabled=True, endpoint="https://lrs.example.ac.uk/xapi/", username="key", password="secret", xapi_version="2.0.0", home_page="https://uni.example/")
OTHER = {"enabled": False, "endpoint": "https://elsewhere.example/xapi/", "username": "them", "password": "guess", "xapi_version": "1.0.3",
         "send_name": True, "send_reflections": True, "home_page": "https://elsewhere.example/"}  # fmt: skip
NAMES = [f.name for f in fields(LRSSettings)]


def written_twice(key: str, first: object, second: object) -> str:
    """GOOD as JSON text with ``key`` written twice: ``first`` where it stands, ``second`` after the rest."""
    data = {"version": 1, **{f: getattr(GOOD, f) for f in NAMES}, key: first}
    return json.dumps(data)[:-1] + f", {json.dumps(key)}: {json.dumps(second)}}}"


def test_every_setting_is_covered():
    assert set(OTHER) == set(NAMES), "a new LRS setting needs a value for the repeated-key tests"


@pytest.mark.parametrize("key", NAMES)
@pytest.mark.parametrize("order", ["saved-first", "saved-last"])
def test_a_setting_twice_with_different_values_is_left_at_its_default_and_sending_is_off(key, order, tmp_path):
    saved, other = getattr(GOOD, key), OTHER[key]
    if saved == other:  # GOOD's own value is the default: use the other's opposite so the two differ
        other = not saved if isinstance(saved, bool) else "https://x.example/"
    first, second = (saved, other) if order == "saved-first" else (other, saved)
    (tmp_path / FILENAME).write_text(written_twice(key, first, second))
    loaded, note = load_lrs_settings(tmp_path)
    assert note and f"`{key}`" in note and "different values" in note and "\n" not in note and str(tmp_path) in note
    assert getattr(loaded, key) == getattr(LRSSettings(), key), "neither value is chosen"
    assert not loaded.ready and not loaded.enabled
    assert not loaded.options().send_name and not loaded.options().send_reflections
    for other_key in NAMES:
        if other_key not in (key, "enabled"):
            assert getattr(loaded, other_key) == getattr(GOOD, other_key), f"{other_key} was lost"
    assert "secret" not in note and "guess" not in note


@pytest.mark.parametrize("key", NAMES)
def test_a_setting_twice_alike_is_used_and_said(key, tmp_path):
    (tmp_path / FILENAME).write_text(written_twice(key, getattr(GOOD, key), getattr(GOOD, key)))
    loaded, note = load_lrs_settings(tmp_path)
    assert loaded == GOOD
    assert note and f"`{key}`" in note and "the same each time" in note and "\n" not in note


def test_a_key_doorstep_does_not_use_twice_is_said_and_changes_nothing(tmp_path):
    (tmp_path / FILENAME).write_text(json.dumps({f: getattr(GOOD, f) for f in NAMES})[:-1] + ', "colour": 1, "colour": 2}')
    loaded, note = load_lrs_settings(tmp_path)
    assert loaded == GOOD and note and "`colour`" in note and "does not use it" in note


def test_push_beside_two_endpoints_sends_nowhere_and_says_why_in_one_line(tmp_path, capsys, monkeypatch):
    config = tmp_path / "config"
    config.mkdir()
    (config / FILENAME).write_text(written_twice("endpoint", "https://a.example/xapi/", "https://b.example/xapi/"))
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(config))
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert main(["xapi", "push", "--timeout", "1"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "`endpoint`" in err[0] and "say which LRS" in err[0]


def test_setup_saving_one_change_keeps_the_rest_and_writes_each_key_once(tmp_path, capsys, monkeypatch):
    config = tmp_path / "config"
    config.mkdir()
    (config / FILENAME).write_text(written_twice("send_name", True, False))
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(config))
    assert main(["xapi", "setup", "--password", "new-secret"]) == 0
    out = capsys.readouterr()
    assert "`send_name`" in out.err and "Traceback" not in out.err + out.out
    text = (config / FILENAME).read_text()
    assert text.count('"send_name"') == 1
    loaded, note = load_lrs_settings(config)
    assert note is None and loaded == GOOD.with_changes(password="new-secret", enabled=False)
