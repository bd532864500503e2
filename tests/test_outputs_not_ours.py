"""An output never replaces what the user had: the record a report reads, a scenario's own file, the saved playthroughs.

Found by bench/fuzz_hostile.py (the clobber kind): ``report r.json --json r.json``
turned the only record of a playthrough into its debrief, ``play --record
scenario.yaml`` wrote a record over the scenario, and ``play --record
records.sqlite3`` lost every saved playthrough. An output now replaces only an
earlier output of its own kind (simulator/fileio.py, ``not_ours``).
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import PROJECT

from simulator import fileio
from simulator.cli import main

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


@pytest.fixture
def played(tmp_path, monkeypatch, capsys):
    """A copy of the example case, a record of it, and a store holding one saved playthrough, in a folder of their own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    shutil.copytree(EXAMPLE, tmp_path / "case")
    assert main(["play", "case", "--text", "--auto", "random", "--record", "r.json"]) == 0
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("\n" + "1\n" * 40 + "s\n"))
    assert main(["play", "case", "--text"]) == 0
    capsys.readouterr()
    return tmp_path


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and "cache" not in p.parts}


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "r.json", "--scenario", "case", "--json", "r.json"],
        ["report", "r.json", "--scenario", "case", "--html", "r.json"],
        ["report", "r.json", "--scenario", "case", "--html", "case/episodes/doorstep.yaml"],
        ["report", "r.json", "--scenario", "case", "--json", "data/records.sqlite3"],
        ["play", "case", "--text", "--auto", "random", "--record", "case/scenario.yaml"],
        ["play", "case", "--text", "--auto", "random", "--record", "data/records.sqlite3"],
        ["cohort", "r.json", "--scenario", "case", "--json", "r.json"],
        ["cohort", ".", "--scenario", "case", "--html", "r.json"],
        ["cohort", "r.json", "--scenario", "case", "--json", "data/records.sqlite3"],
    ],
)
def test_an_output_named_as_something_the_user_has_is_refused_in_one_line(played, capsys, argv):
    before = snapshot(played)
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "will not write over" in err and "name another file" in err, err
    assert snapshot(played) == before
    with sqlite3.connect(played / "data" / "records.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM playthroughs").fetchone()[0] == 1


def test_a_play_refuses_its_record_before_the_trainee_plays(played, capsys, monkeypatch):
    """Said before the first question, not after twenty minutes of play."""
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    assert main(["play", "case", "--text", "--record", "case/scenario.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "will not write over case/scenario.yaml: it is not a playthrough record Doorstep wrote" in err


def test_each_output_replaces_its_own_kind_from_an_earlier_run(played, capsys):
    """Running a command again over its own outputs (or into empty files) still works."""
    (played / "empty.html").write_bytes(b"")
    for _ in range(2):
        assert main(["report", "r.json", "--scenario", "case", "--html", "o.html", "--json", "o.json"]) == 0
        assert main(["cohort", "r.json", "--scenario", "case", "--html", "empty.html", "--json", "c.json"]) == 0
        assert main(["play", "case", "--text", "--auto", "barrier", "--record", "r2.json"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("content", "kind", "why"),
    [
        (b"", "doorstep-debrief-page", None),
        (b'\xef\xbb\xbf\n<!DOCTYPE html><head><meta name="doorstep-kind" content="doorstep-debrief-page"><p>x', "doorstep-debrief-page", None),
        (b'<!DOCTYPE html><head><meta name="doorstep-kind" content="doorstep-cohort-page">', "doorstep-debrief-page", "it is a cohort report page, not a debrief page"),
        (b'<!DOCTYPE html><head><meta name="doorstep-kind" content="someone-elses">', "doorstep-debrief-page", "it is an HTML page Doorstep did not write"),
        (b"\xef\xbb\xbf\n<!DOCTYPE html><p>x", "doorstep-debrief-page", "it is an HTML page Doorstep did not write"),
        (b"<html><title>Debrief: a handout</title><p>x</html>", "doorstep-debrief-page", "it is an HTML page Doorstep did not write"),
        (b'{"kind": "doorstep-debrief"}', "doorstep-debrief", None),
        (b'{"format": 1, "kind": "doorstep-record"}', "doorstep-debrief", "it is a playthrough record, not a debrief"),
        (b"<!doctype html>", "doorstep-cohort", "it is an HTML page, not a cohort report"),
        (b'{"kind": "doorstep-record"}', "doorstep-cohort-page", "it is a playthrough record, not a cohort report page"),
        (b"SQLite format 3\x00" + bytes(100), "doorstep-record", "it is a database (such as the saved playthroughs)"),
        (b"format: 2\nid: x\n", "doorstep-record", "it is not a playthrough record Doorstep wrote"),
        (b'{"kind": "someone-else"}', "doorstep-record", "it is not a playthrough record Doorstep wrote"),
        (b"[" * 100_000, "doorstep-record", "it is not a playthrough record Doorstep wrote"),
        (b"\xff\xfe{\x00", "doorstep-workshop-page", "it is not a workshop summary page Doorstep wrote"),
    ],
)
def test_what_an_output_may_replace(tmp_path, content, kind, why):
    target = tmp_path / "out"
    target.write_bytes(content)
    assert fileio.not_ours(target, kind) == why


def test_nothing_there_a_folder_or_a_device_is_left_to_the_write_to_judge(tmp_path):
    assert fileio.not_ours(tmp_path / "nothing", "doorstep-debrief-page") is None
    assert fileio.not_ours(tmp_path, "doorstep-debrief-page") is None
    assert fileio.not_ours("/dev/null", "doorstep-record") is None


@pytest.mark.parametrize("command", ["report", "cohort", "xapi"])
def test_an_output_given_back_as_a_record_says_what_it_is(played, capsys, command):
    """A debrief, a cohort report or an analysis given where a record belongs is named as what it is, not as a record with no steps."""
    assert main(["report", "r.json", "--scenario", "case", "--json", "debrief.json"]) == 0
    assert main(["cohort", "r.json", "--scenario", "case", "--json", "cohort.json"]) == 0
    capsys.readouterr()
    for name, what in (("debrief.json", "a debrief"), ("cohort.json", "a cohort report")):
        argv = {"report": ["report", name, "--scenario", "case", "--json", "o.json"], "cohort": ["cohort", name, "--scenario", "case", "--json", "c.json"],
                "xapi": ["xapi", "statements", name, "--scenario", "case"]}[command]  # fmt: skip
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"{name}: it is {what}, not a playthrough record" in err.replace(f"{name} is not a Doorstep record:", f"{name}:").replace(
            f"{name} does not fit the scenario `small-visit`:", f"{name}:"
        ), err


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["validate", ""], "PATH"), (["validate", "case", " "], "PATH"), (["play", ""], "PATH"), (["play", "", "--text"], "PATH"), (["info", ""], "PATH"),
        (["cohort", "", "--json", "c.json"], "PATH"), (["report", "", "--json", "o.json"], "RECORD"), (["xapi", "statements", ""], "RECORD"),
        (["play", "case", "--text", "--auto", "random", "--record", ""], "--record"), (["report", "r.json", "--scenario", "case", "--html", ""], "--html"),
        (["report", "r.json", "--scenario", "", "--json", "o.json"], "--scenario"), (["schema", "--vscode", ""], "--vscode"),
        (["xapi", "outbox", "--store", " "], "--store"),
    ],
)  # fmt: skip
def test_an_empty_name_is_refused_not_taken_for_here_or_for_nothing(played, capsys, argv, shown):
    """An unset shell variable gives "": it was read as the current folder (cohort pooled it, schema --vscode wrote into it)
    or as no file at all (play --record "" saved nothing, silently)."""
    before = snapshot(played)
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err == f"doorstep: {shown} is empty: give the name of a file or folder (see `doorstep --help`)\n"
    assert snapshot(played) == before


@pytest.mark.parametrize("command", [["report", "r.json", "--scenario", "case", "--html"], ["cohort", "r.json", "--scenario", "case", "--html"]])
def test_an_html_output_never_replaces_a_page_doorstep_did_not_write(played, capsys, command):
    """A handout, a saved web page, a page of another kind: refused in one line, and the page kept as it was."""
    (played / "handout.html").write_text("<!DOCTYPE html>\n<html><head><title>Safeguarding handout</title></head><body>Mine</body></html>\n", encoding="utf-8")
    before = snapshot(played)
    assert main([*command, "handout.html"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "will not write over handout.html: it is an HTML page Doorstep did not write" in err, err
    assert snapshot(played) == before


def test_each_page_replaces_only_its_own_kind_and_pages_from_before_the_mark(played, capsys):
    """A debrief page and a cohort page are each other's refusal; a page written before the mark (its title and
    footer are Doorstep's) is still replaced by a page of its kind, so a trainer's script keeps working."""
    assert main(["report", "r.json", "--scenario", "case", "--html", "d.html"]) == 0
    assert main(["cohort", "r.json", "--scenario", "case", "--html", "c.html"]) == 0
    assert 'name="doorstep-kind" content="doorstep-debrief-page"' in (played / "d.html").read_text(encoding="utf-8")[:1000]
    capsys.readouterr()
    assert main(["cohort", "r.json", "--scenario", "case", "--html", "d.html"]) == 1
    assert "it is a debrief page, not a cohort report page" in capsys.readouterr().err
    assert main(["report", "r.json", "--scenario", "case", "--html", "c.html"]) == 1
    assert "it is a cohort report page, not a debrief page" in capsys.readouterr().err
    for name in ("d.html", "c.html"):
        page = played / name
        page.write_text("\n".join(line for line in page.read_text(encoding="utf-8").splitlines() if "doorstep-kind" not in line), encoding="utf-8")
    assert main(["report", "r.json", "--scenario", "case", "--html", "d.html"]) == 0
    assert main(["cohort", "r.json", "--scenario", "case", "--html", "c.html"]) == 0
    assert main(["report", "r.json", "--scenario", "case", "--html", "c.html"]) == 1
