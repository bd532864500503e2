"""The third campaign's finds (bench/fuzz_shapes.py): store cells of another kind, lines broken by a path, closed streams, YAML shapes."""

from __future__ import annotations

import importlib.util
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, materialize
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import crashlog, streams
from simulator.cli import main
from simulator.records import outbox
from simulator.records.store import Store, StoreDamaged
from simulator.records.storefile import COLUMNS, checksum, select
from simulator.scenario import load_scenario

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
sys.path.insert(0, str(PROJECT / "bench"))


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, PROJECT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ops = _bench("fuzz_shape_ops")
mutants = _bench("fuzz_mutants")


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    return mutants.base_store(tmp_path_factory.mktemp("base"))


CELLS = [
    "UPDATE steps SET idx = '' WHERE rowid = (SELECT min(rowid) FROM steps)",
    "UPDATE steps SET playthrough_id = X'00FF' WHERE rowid = (SELECT min(rowid) FROM steps)",
    "UPDATE playthroughs SET scenario_title = X'00FF' WHERE id = 1",
    "UPDATE playthroughs SET seed = 1e999 WHERE id = 2",
    "UPDATE reflections SET text = CAST(X'C080' AS TEXT) WHERE id = 1",
    "UPDATE outbox_status SET failures = ' ', retry_at = '2026-03-02T09:00:00', last_error = X'00', last_attempt_at = 7",
]


@pytest.mark.parametrize("sql", CELLS)
def test_a_cell_changed_to_another_storage_class_is_damage_not_a_crash(tmp_path, base_store, sql, capsys, monkeypatch):
    """A blob, an infinite real or text where Doorstep wrote a number (checksums not redone): listed, verified and the outbox read, never a TypeError."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / base_store.name
    path.write_bytes(base_store.read_bytes())
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(sql)
    conn.close()
    store, _ = Store.open(path)
    with store:
        listed = store.playthroughs()
        problems = store.verify()
        status = outbox.status(store)
    assert listed and isinstance(status.failures, int) and status.failures >= 0
    assert status.retry_at is None or status.retry_at.endswith("+00:00")
    if not sql.startswith("UPDATE outbox_status"):
        assert problems, "the change is found"
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(folder))
    assert main(["xapi", "outbox"]) in (0, 1)
    capsys.readouterr()


@pytest.mark.parametrize("column, value", [("seed", "abc"), ("seed", 1.5), ("step_count", "x"), ("reflection_count", "x"), ("player_name", 7), ("touched", "x")])
def test_a_row_resigned_with_a_value_of_another_kind_is_damaged(tmp_path, base_store, column, value, capsys, monkeypatch):
    """A playthrough row edited and its checksum redone (a seed of text...): listed as damaged, never replayed or sent (xapi push was a TypeError)."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / base_store.name
    path.write_bytes(base_store.read_bytes())
    conn = sqlite3.connect(path, isolation_level=None)
    row = conn.execute(select("playthroughs") + " WHERE id = 1").fetchone()
    values = {**dict(zip(COLUMNS["playthroughs"], row[:-1], strict=True)), column: value}
    conn.execute(f"UPDATE playthroughs SET {column} = ?, checksum = ? WHERE id = 1", (value, checksum("playthroughs", [values[c] for c in COLUMNS["playthroughs"]])))
    conn.close()
    store, _ = Store.open(path)
    with store:
        damaged = {p.id: p.damaged for p in store.playthroughs()}
        assert damaged[1] and not damaged[2]
        assert any("playthrough 1 " in problem or "id=1)" in problem for problem in store.verify())
        with pytest.raises(StoreDamaged):
            store.actions(1)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(folder))
    push = ["xapi", "push", "--endpoint", "http://127.0.0.1:9/xapi/", "--username", "u", "--password", "p", "--timeout", "1", "--scenario", str(EXAMPLE)]
    assert main(push) in (0, 1)
    capsys.readouterr()


def test_escaped_shows_breaks_controls_and_overrides():
    """A newline, an ESC and a right-to-left override become visible escapes; other text, tabs and accents are kept."""
    assert streams.escaped("a\nb\x1b[2J\u202ec\u2028\té") == "a\\nb\\x1b[2J\\u202ec\\u2028\té"


def test_a_folder_named_with_a_line_break_is_quoted_on_one_line(tmp_path, capsys, monkeypatch):
    """DOORSTEP_DATA_DIR with a newline, an override and an escape in its name: the refusal is one line, the characters shown as escapes."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "da\nta\u202e\x1b[2J"))
    assert main(["xapi", "outbox"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "da\\nta\\u202e\\x1b[2J" in err and "\x1b" not in err


def test_an_argument_with_a_line_break_is_quoted_on_one_line(capsys):
    """A path or an unknown option holding a newline: validate's lines and argparse's refusal each stay one line."""
    assert main(["validate", str(EXAMPLE), "x\ny"]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == ["x\\ny: error F303 `x\\ny` does not exist", "x\\ny: 1 error"]
    with pytest.raises(SystemExit):
        main(["info", str(EXAMPLE), "--bogus\nflag"])
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip() and not ln.startswith(("usage:", " "))]
    assert len(err) == 1 and "--bogus\\nflag" in err[0], err


@pytest.mark.parametrize("redirect", [">&-", "<&-", "2>&-"])
def test_a_stream_the_shell_closed_is_not_a_crash(tmp_path, redirect):
    """stdout, stdin or stderr closed by the shell: auto play runs to the end, exit 0, no crash log (stdout closed was an AttributeError)."""
    env = {**os.environ, "DOORSTEP_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(PROJECT)}
    env.pop("DOORSTEP_RAISE", None)
    command = f"{sys.executable} -m simulator play {EXAMPLE} --text --auto enabler --record {tmp_path / 'r.json'} {redirect}"
    done = subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.json").is_file() and not (tmp_path / "data" / "crash-logs").exists()


def test_cohort_with_a_scenario_that_does_not_load_says_one_line(tmp_path, capsys):
    """--scenario naming a folder that does not load: why, and what to do, in one line (it was two)."""
    record = tmp_path / "r.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "random", "--record", str(record)]) == 0
    capsys.readouterr()
    assert main(["cohort", str(record), "--scenario", str(tmp_path / "nowhere"), "--json", str(tmp_path / "c.json")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "nowhere" in err and "--scenario PATH" in err, err
    assert main(["xapi", "statements", str(record), "--scenario", str(tmp_path / "nowhere")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_the_crash_report_survives_a_broken_install(tmp_path, monkeypatch):
    """With the store's module and platformdirs missing from the install, an unforeseen error is still one line (it was a second traceback)."""
    monkeypatch.setitem(sys.modules, "simulator.records.store", None)
    monkeypatch.setitem(sys.modules, "platformdirs", None)
    monkeypatch.delenv("DOORSTEP_DATA_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    line = crashlog.report(ValueError("x"), ["doorstep", "validate"])
    assert line.startswith("doorstep: an unexpected error (ValueError)") and "\n" not in line
    assert list((tmp_path / "doorstep-crash-logs").iterdir())


@pytest.mark.parametrize("flood, code", [("zz: &a x\nzzz: [" + ", ".join(["*a"] * 5000) + "]\n", "Y103"), ("".join(f"zz: {i}\n" for i in range(5000)), "Y102"),
                                         ("zzz: [" + ", ".join(["!!str x"] * 5000) + "]\n", "Y105")])  # fmt: skip
def test_one_mistake_repeated_thousands_of_times_is_listed_twenty_times_and_counted(tmp_path, flood, code, capsys):
    """5,000 aliases, repeated keys or tags in one file: the first 20 located, then one line counting the rest (400,000 aliases took 40 s)."""
    root = materialize(None, tmp_path)
    manifest = root / "scenario.yaml"
    manifest.write_text(manifest.read_text() + flood)
    assert main(["validate", str(root)]) == 1
    lines = [ln for ln in capsys.readouterr().out.splitlines() if f" {code} " in ln]
    assert len(lines) == 21, lines[:3]
    more = [ln for ln in lines if "more like these" in ln]
    assert len(more) == 1 and 4979 <= int(more[0].split(f" {code} ")[1].split()[0]) <= 4981, more


SHAPES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SHAPES
@given(seed=st.integers(0, 2**32 - 1))
def test_yaml_shapes_load_or_give_diagnostics(tmp_path_factory, seed, monkeypatch, capsys):
    """The mini case with a file edited as a YAML graph (aliases, tags, keys twice, NaN, Unicode, collisions, loops): loads and plays, or says why."""
    monkeypatch.setattr(ops, "LENGTHS", [40])  # the long run tries chains of 1,000 nodes too
    rng = random.Random(seed)
    root = materialize(None, tmp_path_factory.mktemp("y"))
    target = rng.choice([root / "scenario.yaml", *sorted((root / "episodes").glob("*.yaml"))])
    data, _ = ops.mutate_yaml(rng, target.read_bytes())
    target.write_bytes(data)
    result = load_scenario(root)
    assert result.ok or result.errors
    if result.ok:
        assert main(["analyze", str(root)]) in (0, 1)
        assert main(["play", str(root), "--text", "--auto", "random", "--seed", str(seed % 7)]) in (0, 1)
    capsys.readouterr()
