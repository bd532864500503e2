"""The commands added since the first campaign (new, validate, schema --vscode, analyze --spread, cohort, xapi) against odd paths and files."""

from __future__ import annotations

import os
import time

import pytest
from conftest import PROJECT

from simulator import fileio
from simulator.cli import main

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
LONG = "n" * 300


def one_line(capsys) -> str:
    out = capsys.readouterr()
    lines = [line for line in out.err.splitlines() if line.strip()]
    assert "Traceback" not in out.out + out.err
    assert len(lines) == 1, out.err
    return lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["new", LONG],
        ["new", f"{LONG}/case"],
        ["schema", "--vscode", LONG],
        ["cohort", LONG, "--json", "c.json"],
        ["xapi", "outbox", "--store", f"{LONG}/records.sqlite3"],
        ["xapi", "push", "--store", LONG, "--endpoint", "http://127.0.0.1:9/x/", "--username", "u", "--password", "p"],
    ],
)
def test_a_name_too_long_is_one_line_in_the_newer_commands(argv, capsys, tmp_path, monkeypatch):
    """A path component over 255 bytes: exit 1 and one plain line (Path.exists raises ENAMETOOLONG; it was a crash log), nothing written."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOORSTEP_RAISE")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert main(argv) == 1
    text = one_line(capsys)
    assert "unexpected" not in text and ("too long" in text or "no saved playthroughs" in text or "no playthroughs" in text)
    assert not (tmp_path / "data" / "crash-logs").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["data"])


def test_an_oserror_nobody_foresaw_is_one_line_without_a_crash_log(capsys, tmp_path, monkeypatch):
    """Any OSError escaping a command (the machine said no) is 'cannot use PATH: reason', exit 1, even where tests raise bugs."""

    def refuse(args):
        raise PermissionError(13, "Permission denied", "/somewhere/file")

    from simulator import cli

    monkeypatch.setattr(cli, "cmd_info", refuse)
    assert main(["info", str(EXAMPLE)]) == 1
    assert one_line(capsys) == "doorstep: cannot use /somewhere/file: permission denied"


@pytest.mark.parametrize("kind", ["fifo", "zero", "deep", "not-utf8", "folder"])
def test_schema_vscode_beside_an_odd_settings_file_is_one_line(kind, tmp_path, capsys):
    """.vscode/settings.json a FIFO, /dev/zero, nested deep, not UTF-8 or a folder: one line (the snippet on it), exit 1, nothing replaced."""
    target = tmp_path / ".vscode" / "settings.json"
    target.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "zero":
        target.symlink_to("/dev/zero")
    elif kind == "deep":
        target.write_text("[" * 100_000)
    elif kind == "not-utf8":
        target.write_bytes(b'{"a": "\xff"}')
    else:
        target.mkdir()
    started = time.monotonic()
    assert main(["schema", "--vscode", str(tmp_path)]) == 1
    assert time.monotonic() - started < 5
    text = one_line(capsys)
    assert "yaml.schemas" in text or "folder" in text
    assert sorted(p.name for p in target.parent.iterdir()) == ["settings.json"]


@pytest.mark.parametrize("n", ["100000000", "10001", "-1"])
def test_a_spread_too_large_to_finish_is_refused_at_once(n, capsys):
    """analyze --spread 100000000 would play for days: a usage error (exit 2) before loading anything."""
    started = time.monotonic()
    assert main(["analyze", str(EXAMPLE), "--spread", n]) == 2
    assert time.monotonic() - started < 2
    assert "from 0 to 10,000" in one_line(capsys)


def test_the_safe_predicates_never_raise(tmp_path):
    """fileio.lexists/is_dir/is_file answer False for names too long, NUL bytes and paths through a file, where pathlib raises."""
    afile = tmp_path / "f"
    afile.write_text("x")
    for odd in (tmp_path / LONG, str(tmp_path / "a\0b"), afile / "under", tmp_path / LONG / "x"):
        assert not fileio.lexists(odd) and not fileio.is_dir(odd) and not fileio.is_file(odd)
    assert fileio.is_file(afile) and fileio.is_dir(tmp_path) and fileio.lexists(afile)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert fileio.lexists(fifo) and not fileio.is_file(fifo)


def test_push_says_in_one_line_what_it_left_out(tmp_path, capsys, monkeypatch):
    """Four playthroughs of a scenario not installed here: one line naming them (it was a line each), the push itself still said."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fuzz_campaign_for_push", PROJECT / "bench" / "fuzz_campaign.py")
    assert spec and spec.loader
    campaign = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(campaign)
    store = campaign.base_store(tmp_path)  # four playthroughs of docs/examples/small-visit, which is not in scenarios/
    argv = ["xapi", "push", "--store", str(store), "--endpoint", "http://127.0.0.1:9/x/", "--username", "u", "--password", "p", "--timeout", "1"]
    assert main(argv) == 0
    out = capsys.readouterr()
    (line,) = [line for line in out.err.splitlines() if line.strip()]
    assert line.startswith("doorstep: 4 playthroughs left out: Playthrough") and "small-visit" in line
    assert "0 statements queued" in out.out


@pytest.mark.parametrize("kind", ["zero", "folder", "deep"])
def test_unreadable_lrs_settings_and_no_endpoint_are_one_line(kind, tmp_path, capsys, monkeypatch):
    """lrs.json a device, a folder or nested deep, and no --endpoint: why the settings did not help and what to give, in one line, exit 2."""
    config = tmp_path / "config"
    config.mkdir()
    target = config / "lrs.json"
    if kind == "zero":
        target.symlink_to("/dev/zero")
    elif kind == "folder":
        target.mkdir()
    else:
        target.write_text("[" * 100_000)
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(config))
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert main(["xapi", "push", "--timeout", "1"]) == 2
    line = one_line(capsys)
    assert "LRS settings" in line and "say which LRS" in line


def test_a_store_damaged_inside_is_named_in_one_line(tmp_path, capsys):
    """Flipped bytes deep in the store: SQLite's integrity report spans lines; the refusal is one line with its first finding."""
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location("fuzz_campaign_for_store", PROJECT / "bench" / "fuzz_campaign.py")
    assert spec and spec.loader
    campaign = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(campaign)
    store = campaign.base_store(tmp_path / "base")
    data = bytearray(store.read_bytes())
    rng = random.Random(5)
    for page in range(1, len(data) // 4096):  # a few bytes into every page's cell pointers
        for at in (page * 4096 + 8, page * 4096 + 9, page * 4096 + 12):
            data[at] = rng.randrange(256)
    store.write_bytes(bytes(data))
    assert main(["xapi", "outbox", "--store", str(store)]) == 1
    line = one_line(capsys)
    assert "cannot be used" in line and "damaged" in line and "***" not in line


def test_push_that_fails_and_left_some_out_says_both_in_one_line(tmp_path, capsys):
    """A record deleted outside Doorstep and no LRS listening: 'could not send' and what was left out, one line, exit 1."""
    import importlib.util
    import sqlite3

    spec = importlib.util.spec_from_file_location("fuzz_campaign_for_push2", PROJECT / "bench" / "fuzz_campaign.py")
    assert spec and spec.loader
    campaign = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(campaign)
    store = campaign.base_store(tmp_path)
    with sqlite3.connect(store) as conn:
        conn.execute("DELETE FROM records WHERE playthrough_id = 1")
    argv = ["xapi", "push", "--store", str(store), "--scenario", str(EXAMPLE), "--endpoint", "http://127.0.0.1:9/x/", "--username", "u", "--password", "p", "--timeout", "1"]
    assert main(argv) == 1
    line = one_line(capsys)
    assert line.startswith("doorstep: could not send:") and "1 playthrough left out" in line


def test_setup_beside_an_unreadable_lrs_json_that_cannot_go_on_is_one_line(tmp_path, capsys, monkeypatch):
    """lrs.json over 16 KB and `xapi setup --on` with no endpoint: the file's problem and 'no LRS endpoint' in one line, exit 2, the file kept."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "lrs.json").write_text('{"endpoint": "' + "a" * 100_000 + '"}')
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(config))
    assert main(["xapi", "setup", "--on"]) == 2
    line = one_line(capsys)
    assert "more than the 16 KB" in line and "no LRS endpoint" in line
    assert (config / "lrs.json").stat().st_size > 100_000


def test_a_number_no_int_can_take_typed_at_the_prompt_is_asked_again(monkeypatch, capsys):
    """10,000 digits pasted, a superscript two, Arabic-Indic digits, a NUL: each is 'Type a number' again, never a ValueError."""
    hostile = iter(["1" * 10_000, "\u00b2", "\u0661", "1\x00", "-1"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(hostile, "1") if "to choose" in prompt else "")
    assert main(["play", str(EXAMPLE), "--text"]) == 0
    assert capsys.readouterr().out.count("Type a number from 1 to") >= 5


@pytest.mark.parametrize("value", ["inf", "1e999", "-inf", "nan", "9" * 5000, "9" * 5000 + ":00", "1:" + "9" * 5000, "", "2:30x"])
def test_a_timer_length_no_int_can_hold_is_refused_in_words(value):
    """The facilitator's timer as 'inf', '1e999' or 5,000 digits: a refusal saying what a timer is (it was an OverflowError, a 500)."""
    from simulator.scenario import load_scenario
    from simulator.workshop.control import Control
    from simulator.workshop.facilitate import Workshop
    from simulator.workshop.room import Room

    scenario = load_scenario(EXAMPLE).scenario
    control = Control(Workshop.start(scenario, "play", Room("K7QM", "play")))
    done = control.act("timer", value, now=0.0)
    assert not done.ok and "timer" in done.said


def test_scores_an_lrs_hands_back_that_are_not_whole_numbers_are_left_out():
    """A completed statement whose raw scores are text, NaN, infinity, true or a fraction: the playthrough pools without them, no exception."""
    from simulator.scenario import load_scenario
    from simulator.xapi import vocab
    from simulator.xapi.cohort_lrs import played_from_statements

    scenario = load_scenario(EXAMPLE).scenario
    prefix = vocab.scenario_iri(scenario.id)
    dims = {d: {"raw": raw} for d, raw in zip(scenario.dimensions, ["abc", float("nan"), float("inf"), True, 2.5, "9" * 5000, 3], strict=False)}
    statement = {
        "id": "s1",
        "verb": {"id": vocab.VERBS["completed"]},
        "object": {"id": prefix},
        "context": {"registration": "r1"},
        "result": {"extensions": {vocab.EXT_ENDING: {"id": "x"}, vocab.EXT_DIMENSIONS: dims}},
    }
    (played,) = played_from_statements(scenario, [statement])
    assert played.finished and all(isinstance(v, int) for _, v in played.scores)


@pytest.mark.parametrize("where", ["under-a-file", "too-long", "fifo"])
def test_a_report_dir_that_cannot_be_written_is_said_before_the_workshop_starts(where, tmp_path, capsys):
    """--report-dir under a file, too long or a FIFO: one line and exit 1 at once (it was said only after the workshop, with exit 0)."""
    (tmp_path / "afile").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    folder = {"under-a-file": tmp_path / "afile" / "reports", "too-long": tmp_path / LONG, "fifo": tmp_path / "fifo"}[where]
    started = time.monotonic()
    assert main(["workshop", str(EXAMPLE), "--no-window", "--host", "127.0.0.1", "--port", "0", "--report-dir", str(folder)]) == 1
    assert time.monotonic() - started < 5
    assert "--report-dir" in one_line(capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["play", str(EXAMPLE), "--auto", "enabler", "--seed", "9" * 40],
        ["play", str(EXAMPLE), "--text", "--auto", "random", "--seed", str(2**63)],
        ["watch", str(EXAMPLE), "--auto-advance", "--seed", "-" + "9" * 30],
        ["analyze", str(EXAMPLE), "--first-seed", "9" * 5000],
        ["workshop", str(EXAMPLE), "--no-window", "--seed", "1e3"],
        ["xapi", "push", "--timeout", "inf"],
        ["cohort", "x.json", "--json", "c.json", "--timeout", "nan"],
        ["xapi", "setup", "--check", "--timeout", "-1"],
        ["play", "--nope"],
        ["xapi"],
    ],
)
def test_a_number_later_code_cannot_use_is_refused_in_one_line_by_the_command_line(argv, capsys, tmp_path, monkeypatch):
    """A seed over 64 bits (the window's debrief stopped on it), a timeout of inf or nan, an unknown option: exit 2, one line pointing at --help."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    line = one_line(capsys)
    assert line.startswith("doorstep") and "--help" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("speed", ["nan", "1e-300", "0.001", "-1", "1e9"])
def test_a_reading_pace_the_window_would_wait_on_for_ever_is_refused(speed, capsys):
    """--speed nan or 1e-300 passed 'not below 0' and auto play or watch then waited for ever: now one line and exit 1, before any window."""
    started = time.monotonic()
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", speed]) == 1
    assert main(["watch", str(EXAMPLE), "--auto-advance", "--speed", speed]) == 1
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all("--speed" in line for line in err)


@pytest.mark.parametrize(
    "content",
    [
        '{"kind": "doorstep-cohort", "format": 1, "scenario": "small-visit", "decisions": 5}',
        '{"kind": "doorstep-cohort", "format": 1, "scenario": "small-visit", "decisions": [{"node": "a", "options": 7}]}',
        '{"kind": "doorstep-cohort", "format": 1, "scenario": "small-visit", "decisions": true}',
        '{"kind": "doorstep-cohort", "format": 1, "scenario": "../../etc", "decisions": []}',
        "[" * 100_000,
        None,  # a FIFO
    ],
)
def test_a_cohort_file_dropped_onto_the_window_is_kept_or_refused_in_a_sentence(content, tmp_path):
    """A file dropped as a cohort: decisions or options that are not lists, a scenario id with ../, deep JSON, a FIFO: ValueError with a sentence (TypeError escaped to the window)."""
    from simulator.report.cohort import COHORT_FORMAT, COHORT_KIND
    from simulator.services.cohorts import import_cohort

    dropped = tmp_path / "dropped.json"
    if content is None:
        os.mkfifo(dropped)
    else:
        dropped.write_text(content.replace('"doorstep-cohort"', json_str(COHORT_KIND)).replace('"format": 1', f'"format": {COHORT_FORMAT}'))
    try:
        said = import_cohort(dropped, tmp_path / "data")
    except ValueError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        assert "chose" in said
    assert not (tmp_path / "etc.json").exists() and not list(tmp_path.glob("**/etc*"))


def json_str(text: str) -> str:
    import json

    return json.dumps(text)
