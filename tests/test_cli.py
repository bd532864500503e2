"""The command line: validate, info and text play, with clean messages and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, materialize

from simulator.cli import main

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def test_info_json_has_the_promised_keys(capsys):
    """`info --json` reports episodes, decisions, choices, endings, words, months, dimensions, characters."""
    assert main(["info", str(EXAMPLE), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    for key in ("episodes", "decisions", "choices", "endings", "words", "months", "dimensions", "characters"):
        assert key in info
    assert info["episodes"] == 2 and info["decisions"] == 3 and info["choices"] == 7 and info["endings"] == 2
    assert info["months"] == [0] and info["dimensions"] == ["tone", "timeliness", "honesty"]


def test_auto_play_prints_a_transcript_and_ending(capsys):
    """`play --text --auto enabler` plays without input and prints the ending."""
    assert main(["play", str(EXAMPLE), "--text", "--auto", "enabler"]) == 0
    out = capsys.readouterr().out
    assert "== At the door ==" in out and "*** A start ***" in out and "Ending: doorstep.end-good (enabler)" in out


def test_same_seed_same_record(tmp_path: Path, capsys):
    """A random playthrough with the same seed writes the same record."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for target in (a, b):
        assert main(["play", str(EXAMPLE), "--text", "--auto", "random", "--seed", "11", "--record", str(target)]) == 0
    assert a.read_text() == b.read_text()
    record = json.loads(a.read_text())
    assert record["format"] == 1 and record["scenario"] == "small-visit" and record["seed"] == 11
    assert record["ending"] in ("doorstep.end-good", "doorstep.end-wary")
    for step in record["steps"]:
        assert {"node", "choice", "day", "time", "scores"} <= set(step)
    assert set(record["scores"]) == {"tone", "timeliness", "honesty"}


def test_text_play_without_a_seed_repeats_on_seed_zero(tmp_path: Path, capsys):
    """`play --text --auto random` with no --seed uses seed 0 every time, so it repeats exactly (only the window draws fresh seeds)."""
    a, b, zero = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "zero.json"
    for target in (a, b):
        assert main(["play", str(EXAMPLE), "--text", "--auto", "random", "--record", str(target)]) == 0
    assert main(["play", str(EXAMPLE), "--text", "--auto", "random", "--seed", "0", "--record", str(zero)]) == 0
    assert a.read_text() == b.read_text() == zero.read_text()
    assert json.loads(a.read_text())["seed"] == 0


def test_interactive_play_reads_numbers(monkeypatch, capsys, tmp_path: Path):
    """The terminal player begins on Enter, takes numbers, re-asks on nonsense, and plays to the end."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    answers = iter(["", "x", "1", "", "1", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["play", str(EXAMPLE), "--text", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert "Type a number from 1 to 3, or ? for the commands." in out and "How it ended: A start." in out


def test_interactive_play_stops_cleanly_on_end_of_input(monkeypatch, tmp_path: Path, capsys):
    """Ctrl-D steps out without a traceback and still writes the record asked for; before the case begins there is nothing to record."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    answers = iter([""])

    def some_then_eof(prompt=""):
        return next(answers)  # StopIteration is not EOFError: make it one

    def typed(prompt=""):
        try:
            return some_then_eof(prompt)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", typed)
    record = tmp_path / "r.json"
    assert main(["play", str(EXAMPLE), "--text", "--record", str(record)]) == 0
    data = json.loads(record.read_text())
    assert data["finished"] is False and data["steps"] == []
    assert "You have stepped out" in capsys.readouterr().out

    def eof(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    early = tmp_path / "early.json"
    assert main(["play", str(EXAMPLE), "--text", "--record", str(early)]) == 0
    assert not early.exists()


def test_missing_path_is_a_message_not_a_traceback(capsys):
    """A scenario path that does not exist gives a message and exit 1."""
    assert main(["play", "no/such/folder", "--text"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["info", "no/such/folder"]) == 1


def test_broken_scenario_play_lists_errors(tmp_path: Path, capsys):
    """Playing a broken scenario prints its errors and exits 1."""
    path = materialize(PROJECT / "tests" / "bad" / "R401-unknown-node", tmp_path)
    assert main(["play", str(path), "--text", "--auto", "enabler"]) == 1
    assert "R401" in capsys.readouterr().err


def test_usage_errors_exit_two():
    """Unknown commands and options are usage errors: exit 2."""
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["play", str(EXAMPLE), "--auto", "sideways"])
    assert info.value.code == 2


def test_python_dash_m_runs_the_same_command():
    """`python -m simulator` is the `doorstep` command."""
    done = subprocess.run([sys.executable, "-m", "simulator", "validate", str(EXAMPLE)], capture_output=True, text=True)
    assert done.returncode == 0 and "ok" in done.stdout


def test_unwritable_record_is_reported(capsys, tmp_path: Path):
    """A record path that cannot be written is reported, exit 1."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["play", str(EXAMPLE), "--text", "--auto", "enabler", "--record", str(blocker / "r.json")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_validate_reports_5000_levels_of_nesting_as_y108(tmp_path: Path, capsys):
    """`doorstep validate` on an episode nested 5,000 deep: Y108 at file:line:col, exit 1, whatever PyYAML is installed."""
    path = materialize(None, tmp_path)
    visit = path / "episodes" / "visit.yaml"
    visit.write_text(visit.read_text() + "extra: " + "[" * 5000 + "]" * 5000 + "\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr()
    lines = [line for line in (err.out + err.err).splitlines() if "Y108" in line]
    assert len(lines) == 1 and "visit.yaml:" in lines[0] and "48 levels" in lines[0]
    assert "Traceback" not in err.out + err.err


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"seed": ' + "9" * 5000 + "}"])
def test_report_on_a_hostile_record_is_one_line(tmp_path: Path, capsys, body: str):
    """A record nested 100,000 deep or holding a 5,000-digit number: one line, exit 1, no traceback."""
    record = tmp_path / "r.json"
    record.write_text(body)
    assert main(["report", str(record), "--json", str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err
    assert "is not a Doorstep record" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


def test_a_fifo_episode_is_y112_not_a_hang(tmp_path: Path, capsys):
    """An episode file that is a named pipe: Y112 at once, exit 1."""
    path = materialize(None, tmp_path)
    os.mkfifo(path / "episodes" / "later.yaml")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert "Y112" in out.out + out.err and "pipe" in out.out + out.err
