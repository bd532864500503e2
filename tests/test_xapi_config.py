"""The LRS settings file: off and private by default, owner-only, damage tolerated, and used by push when no endpoint is given."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from lrs_ralph import PASSWORD, USERNAME
from xapi_helpers import PROJECT

from simulator.xapi.config import FILENAME, LRSSettings, load_lrs_settings, save_lrs_settings


def test_defaults_send_nothing_and_nothing_personal(tmp_path):
    """No file: sending is off, and were it on, neither name nor reflections would go."""
    settings, note = load_lrs_settings(tmp_path)
    assert note is None and not settings.ready and settings.problem() == "no LRS endpoint is set"
    assert not settings.options().send_name and not settings.options().send_reflections


def test_saved_settings_round_trip_and_only_the_owner_can_read_them(tmp_path):
    """The password is kept in a file of mode 0600; what is saved is what is loaded."""
    saved = LRSSettings(enabled=True, endpoint="https://lrs.example.ac.uk/xapi/", username="key", password="secret", send_reflections=True)
    assert save_lrs_settings(saved, tmp_path) is None
    assert stat.S_IMODE(os.stat(tmp_path / FILENAME).st_mode) == 0o600
    loaded, note = load_lrs_settings(tmp_path)
    assert note is None and loaded == saved and loaded.ready
    assert loaded.client().statements_url == "https://lrs.example.ac.uk/xapi/statements"


def test_a_damaged_or_odd_file_leaves_sending_off_and_says_why(tmp_path):
    """Not JSON, not an object, or fields of the wrong type: defaults (off) and one sentence; wrong-typed fields keep defaults."""
    (tmp_path / FILENAME).write_text("{not json")
    settings, note = load_lrs_settings(tmp_path)
    assert not settings.enabled and note and "damaged" in note and "\n" not in note
    (tmp_path / FILENAME).write_text('{"enabled": "yes", "endpoint": 7, "send_name": 1, "username": "k"}')
    settings, note = load_lrs_settings(tmp_path)
    assert note is None and settings == LRSSettings(username="k")


def run(*args: str, config) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOORSTEP_CONFIG_DIR": str(config)}
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=300, cwd=PROJECT, env=env)


def test_setup_checks_saves_and_push_uses_it(ralph, tmp_path):
    """xapi setup refuses a bad address in one line, saves only what the LRS accepts when checking; push then needs no flags."""
    config = tmp_path / "config"
    bad = run("xapi", "setup", "--endpoint", "lrs.example.org", config=config)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and not (config / FILENAME).exists()
    wrong = run("xapi", "setup", "--endpoint", ralph.endpoint, "--username", USERNAME, "--password", "wrong", "--on", "--check", config=config)
    assert wrong.returncode == 1 and "refused the username and password" in wrong.stderr and "nothing was saved" in wrong.stderr
    assert not (config / FILENAME).exists()
    good = run("xapi", "setup", "--endpoint", ralph.endpoint, "--username", USERNAME, "--password", PASSWORD, "--on", "--check", config=config)
    assert good.returncode == 0, good.stderr
    assert "sending from the window: on" in good.stdout and "accepted the username and password" in good.stdout
    assert PASSWORD not in good.stdout
    saved = (config / FILENAME).read_text()
    assert run("xapi", "setup", "--password", "mistyped", "--check", config=config).returncode == 1
    assert (config / FILENAME).read_text() == saved  # a failed check never replaces settings that work
    assert run("xapi", "setup", "--password", "offline-for-now", "--off", config=config).returncode == 0  # without --check: saved as given
    assert '"offline-for-now"' in (config / FILENAME).read_text()
    assert run("xapi", "setup", "--password", PASSWORD, "--on", "--check", config=config).returncode == 0
    record = tmp_path / "run.json"
    assert run("play", "scenarios/harris-family", "--text", "--auto", "barrier", "--name", "Wyn Tallis", "--record", str(record), config=config).returncode == 0
    pushed = run("xapi", "push", str(record), config=config)
    assert pushed.returncode == 0, pushed.stderr
    assert f"for {ralph.endpoint}:" in pushed.stdout and " new, 0 already there." in pushed.stdout
