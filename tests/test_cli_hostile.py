"""Odd paths, odd folders, links, hostile records and unforeseen errors: one line and an exit code, never a traceback."""

from __future__ import annotations

import errno
import json
import os
import shutil

import pytest
from conftest import PROJECT, materialize

from simulator import cli
from simulator.cli import main
from simulator.scenario import folder as scenario_folder

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
LONG = "a" * 300


def one_line(capsys) -> str:
    out = capsys.readouterr()
    text = (out.out + out.err).strip()
    assert "Traceback" not in text
    return text


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", f"{LONG}/x"],
        ["info", LONG],
        ["analyze", f"x/{LONG}"],
        ["graph", LONG],
        ["play", LONG, "--text", "--auto", "enabler"],
        ["report", f"{LONG}.json", "--html", "o.html"],
        ["report", str(EXAMPLE / "scenario.yaml"), "--json", f"{LONG}/o.json"],
    ],
)
def test_a_name_too_long_for_the_file_system_is_one_line(argv, capsys, tmp_path, monkeypatch):
    """A path component over 255 bytes (ENAMETOOLONG) is said plainly, exit 1, in every command."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    text = one_line(capsys)
    assert "too long" in text or "does not exist" in text or "not a Doorstep record" in text
    assert list(tmp_path.iterdir()) == []


def refuse(monkeypatch, part: str) -> None:
    """Make reading any folder whose path ends in ``part`` fail as a folder without permission does (tests run as root)."""
    real_scandir, real_stat = os.scandir, os.stat

    def scandir(path):
        if str(path).rstrip("/").endswith(part):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    def stat(path, *args, **kwargs):
        if os.path.dirname(str(path)).rstrip("/").endswith(part):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(scenario_folder.os, "scandir", scandir)
    monkeypatch.setattr(scenario_folder.os, "stat", stat)


def test_an_unreadable_scenario_folder_is_said_not_raised(tmp_path, capsys, monkeypatch):
    """A scenario folder without read permission: Y112 naming the folder, exit 1, no PermissionError."""
    path = materialize(None, tmp_path)
    refuse(monkeypatch, "/mini")
    assert main(["validate", str(path)]) == 1
    text = one_line(capsys)
    assert "Y112" in text and "permission denied" in text


def test_an_unreadable_episodes_folder_is_not_a_missing_episode(tmp_path, capsys, monkeypatch):
    """episodes/ without read permission is reported as unreadable (Y112 on that folder), never as missing episodes (F304)."""
    path = materialize(None, tmp_path)
    refuse(monkeypatch, "/episodes")
    assert main(["validate", str(path)]) == 1
    text = one_line(capsys)
    assert "episodes: error Y112 cannot read the folder: permission denied" in text and "F304" not in text


def test_a_link_to_a_file_outside_the_scenario_is_refused_and_nothing_of_it_echoed(tmp_path, capsys):
    """An episode that is a symlink leading outside the folder is Y112, not opened; its target and content never appear."""
    path = materialize(None, tmp_path)
    secret = tmp_path / "private" / "secret-notes.yaml"
    secret.parent.mkdir()
    secret.write_text("format: 1\nepisode: SECRET-VALUE-123\n")
    (path / "episodes" / "later.yaml").symlink_to(secret)
    assert main(["validate", str(path)]) == 1
    text = one_line(capsys)
    assert "later.yaml: error Y112" in text and "outside the scenario folder" in text
    assert "SECRET" not in text and "private" not in text


def test_a_link_inside_the_scenario_folder_is_read(tmp_path, capsys):
    """A symlink to a file inside the same scenario folder is allowed (it is read once as its own name)."""
    path = materialize(None, tmp_path)
    (path / "episodes" / "review.yaml").rename(path / "review-real.yaml")
    (path / "episodes" / "review.yaml").symlink_to(path / "review-real.yaml")
    main(["validate", str(path)])
    assert "outside the scenario folder" not in one_line(capsys)


def test_a_linked_folder_is_not_followed(tmp_path, capsys):
    """A folder inside the scenario that links back to its parent is not walked (no loop, no double reading)."""
    path = materialize(None, tmp_path)
    (path / "episodes" / "loop").symlink_to(path)
    assert main(["validate", str(path)]) == 0
    one_line(capsys)


@pytest.fixture
def record(tmp_path, capsys) -> dict:
    out = tmp_path / "r.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "enabler", "--record", str(out)]) == 0
    capsys.readouterr()
    return json.loads(out.read_text())


@pytest.mark.parametrize("value", ["../small-visit", "../../etc", "/etc", "small-visit/../small-visit", "", "Small-Visit", 7, None, "x" * 5000])
def test_a_records_scenario_is_found_only_among_the_known_scenarios(tmp_path, capsys, monkeypatch, record, value):
    """A record's `scenario` that is a path, absolute, odd or unknown is never joined to a folder: one line asking for --scenario."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copytree(EXAMPLE, shipped / "small-visit")
    (tmp_path / "small-visit").mkdir()  # what `../small-visit` would reach
    monkeypatch.setenv("DOORSTEP_SCENARIOS", str(shipped))
    record["scenario"] = value
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(record))
    assert main(["report", str(path), "--json", str(tmp_path / "o.json")]) == 1
    text = one_line(capsys)
    assert "--scenario PATH" in text and len(text.splitlines()) == 1 and len(text) < 400
    assert not (tmp_path / "o.json").exists()


def test_a_records_known_scenario_is_found(tmp_path, capsys, monkeypatch, record):
    """A plain id naming a folder in the scenarios folder is found without --scenario."""
    shipped = tmp_path / "docs" / "shipped"  # the example's `evidence: ../../../seeds` then finds tmp_path/seeds
    shipped.mkdir(parents=True)
    shutil.copytree(EXAMPLE, shipped / record["scenario"])
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    monkeypatch.setenv("DOORSTEP_SCENARIOS", str(shipped))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record))
    assert main(["report", str(path), "--json", str(tmp_path / "o.json")]) == 0


def test_a_lone_surrogate_in_a_reflection_still_gives_the_report(tmp_path, capsys, record):
    """A reflection holding a lone surrogate (\\ud800) is written with U+FFFD in its place; no OUT.tmp or other file is left."""
    record["reflections"] = {"feelings": "I felt \ud800 unsure", "evaluation": "ok"}
    record["player_name"] = "Pri\udcffya"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record))  # ensure_ascii: the file itself is valid, spelling \ud800
    out = tmp_path / "out"
    out.mkdir()
    assert main(["report", str(path), "--scenario", str(EXAMPLE), "--html", str(out / "r.html"), "--json", str(out / "r.json")]) == 0
    one_line(capsys)
    assert sorted(p.name for p in out.iterdir()) == ["r.html", "r.json"]
    html = (out / "r.html").read_text(encoding="utf-8")
    assert "I felt \ufffd unsure" in html and "Pri\ufffdya" in html


def test_an_unforeseen_error_is_one_line_and_a_crash_log(tmp_path, capsys, monkeypatch):
    """A bug in a command: one line naming a crash log (which holds the traceback), exit 1; DOORSTEP_RAISE lets tests see it."""

    def broken(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "cmd_info", broken)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(ZeroDivisionError):
        main(["info", str(EXAMPLE)])
    capsys.readouterr()
    monkeypatch.delenv("DOORSTEP_RAISE")
    assert main(["info", str(EXAMPLE)]) == 1
    text = one_line(capsys)
    assert len(text.splitlines()) == 1 and "ZeroDivisionError" in text and "bug in Doorstep" in text
    (log,) = (tmp_path / "data" / "crash-logs").iterdir()
    assert str(log) in text and "Traceback" in log.read_text() and "a bug" in log.read_text()


def test_a_crash_log_that_cannot_be_written_is_said(tmp_path, capsys, monkeypatch):
    """With nowhere to write the crash log, the one line says so rather than naming a file that is not there."""
    monkeypatch.setattr(cli, "cmd_info", lambda args: 1 / 0)
    monkeypatch.delenv("DOORSTEP_RAISE")
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(blocked))
    monkeypatch.setenv("TMPDIR", str(blocked))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    assert main(["info", str(EXAMPLE)]) == 1
    assert "no crash log could be written" in one_line(capsys)


@pytest.mark.parametrize("argv", [[], ["play"], ["play", str(EXAMPLE)], ["watch", str(EXAMPLE)]])
def test_no_display_is_one_line_not_an_invisible_window(argv, capsys, monkeypatch):
    """Without a display (and no SDL driver chosen on purpose) an interactive window is refused in one line, exit 1, at once."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(cli.sys, "platform", "linux")
    assert main(argv) == 1
    text = one_line(capsys)
    assert "no display" in text and "--text" in text and len(text.splitlines()) == 1


def test_auto_play_without_a_display_still_runs(capsys, monkeypatch, tmp_path):
    """Auto play needs no input, so it runs offscreen to the end (for screenshots and tests)."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path))
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", "0"]) == 0


def test_an_art_manifest_that_is_a_pipe_does_not_hang(tmp_path, capsys, monkeypatch):
    """assets/art/art.yaml replaced by a FIFO: validation goes on without the art catalog instead of blocking for ever."""
    (tmp_path / "art").mkdir()
    os.mkfifo(tmp_path / "art" / "art.yaml")
    monkeypatch.setenv("DOORSTEP_ASSETS", str(tmp_path))
    assert main(["validate", str(EXAMPLE)]) in (0, 1)
    one_line(capsys)


def test_an_episode_that_is_a_link_to_itself_is_one_line(tmp_path, capsys):
    """A symlink loop named like an episode (found by the campaign): Y112, exit 1, not a RuntimeError from Path.resolve."""
    path = materialize(None, tmp_path)
    (path / "episodes" / "later.yaml").symlink_to("later.yaml")
    for command in ("validate", "info", "analyze", "graph"):
        assert main([command, str(path)]) == 1
        assert "Y112" in one_line(capsys)


@pytest.mark.parametrize(
    "change",
    [
        {"seed": True},
        {"seed": 1.5},
        {"seed": 10**30},
        {"seed": -(2**64)},
        {"steps": [{"node": ["x"], "choice": None}]},
        {"steps": [{"node": "x", "choice": 3}]},
        {"steps": [{"node": "x"}]},
    ],
)
def test_record_values_of_the_wrong_kind_are_one_line(tmp_path, capsys, record, change):
    """A record whose seed is true, fractional or too big, or whose steps hold lists or numbers (found by the campaign): exit 1, one line."""
    record.update(change)
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(record))
    assert main(["report", str(path), "--scenario", str(EXAMPLE), "--html", str(tmp_path / "o.html")]) == 1
    text = one_line(capsys)
    assert len(text.splitlines()) == 1 and not (tmp_path / "o.html").exists()
