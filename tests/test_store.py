"""The local record store: saving as you play, resuming after a crash, damage set aside, never lost."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import platformdirs
import pytest
from conftest import SMALL_VISIT
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, precondition, rule

from simulator.engine import Session
from simulator.engine.autoplay import policy
from simulator.records import storefile
from simulator.records.record import build_record
from simulator.records.store import FILENAME, Store, StoreDamaged, StoreError, StoreTooNew, default_path

T0 = "2026-03-02T09:00:00+00:00"
T1 = "2026-03-02T10:15:00+00:00"



@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "records.sqlite3"


@pytest.fixture
def store(path: Path):
    opened, notes = Store.open(path)
    assert notes == []
    yield opened
    opened.close()


def play_saving(store: Store, scenario, seed: int, *, steps: int | None = None, mode: str = "coach") -> tuple[int, Session]:
    """Play with the seeded random policy, saving every action as a host would; finish if it ends."""
    pid = store.begin(scenario.id, scenario.title, seed, mode, "Priya", T0)
    session = Session.start(scenario, seed, "Priya")
    pick = policy("random", seed)
    index = 0
    while not session.finished and (steps is None or index < steps):
        if session.choices:
            action = pick(session.choices).id
            step = session.choose(action)
        else:
            action, step = None, session.proceed()
        store.add_step(pid, index, action, step.to_dict())
        index += 1
    if session.finished:
        store.finish(pid, build_record(session), T1)
    return pid, session


def raw(path: Path) -> sqlite3.Connection:
    """A connection behind the store's back, as another program (or a damaged disk) would write."""
    return sqlite3.connect(path, isolation_level=None)


# -- opening and the file ------------------------------------------------------
def test_new_store_is_wal_full_sync_with_foreign_keys_and_a_version(store, path):
    """A fresh file is in WAL mode, syncs fully, enforces foreign keys and records its schema version."""
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta == {"app": "doorstep", "schema_version": str(storefile.SCHEMA_VERSION)}
    assert path.exists()


def test_default_path_honours_the_environment(monkeypatch, tmp_path):
    """DOORSTEP_DATA_DIR moves the store; without it the platform's user data folder is used."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "workshop"))
    assert default_path() == tmp_path / "workshop" / FILENAME
    monkeypatch.delenv("DOORSTEP_DATA_DIR")
    assert default_path() == Path(platformdirs.user_data_dir("doorstep", appauthor=False)) / FILENAME


def test_reopening_keeps_everything(path, visit):
    """Closing and opening again finds every playthrough, step, record and reflection."""
    with Store.open(path)[0] as first:
        done, _ = play_saving(first, visit, 1)
        open_id, _ = play_saving(first, visit, 2, steps=2)
        first.save_reflection(done, "feelings", "Nervous at the door.", T1)
        before = (first.playthroughs(), first.actions(open_id), first.record(done), first.reflections(done))
    with Store.open(path)[0] as again:
        assert (again.playthroughs(), again.actions(open_id), again.record(done), again.reflections(done)) == before


def test_a_folder_for_a_path_is_a_clear_error(tmp_path):
    """Opening a folder as the store raises StoreError with a sentence, not an SQLite traceback."""
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


# -- playing and listing -----------------------------------------------------------
def test_begin_and_steps_are_listed_as_unfinished(store, visit):
    """A playthrough in progress is offered to continue, with its step count and details."""
    pid, session = play_saving(store, visit, 1, steps=2)
    (found,) = store.unfinished()
    assert found == store.get(pid)
    assert (found.scenario_id, found.seed, found.mode, found.player_name, found.steps) == (visit.id, 1, "coach", "Priya", 2)
    assert not found.finished and not found.abandoned and found.damaged is None
    assert store.actions(pid) == [s.choice for s in session.state.steps]


def test_unfinished_lists_most_recently_played_first_and_filters(store, visit):
    """Newest activity comes first; finished and abandoned ones are not offered; the scenario filter applies."""
    a = store.begin(visit.id, visit.title, 1, "coach", None, T0)
    b = store.begin(visit.id, visit.title, 2, "assessment", None, T0)
    c = store.begin("other", "Other", 3, "coach", None, T0)
    assert [p.id for p in store.unfinished()] == [c, b, a]
    store.add_step(a, 0, None, {"choice": None, "node": "x"})
    assert [p.id for p in store.unfinished()] == [a, c, b]
    assert [p.id for p in store.unfinished(visit.id)] == [a, b]
    store.abandon(b)
    done, _ = play_saving(store, visit, 4)
    assert [p.id for p in store.unfinished()] == [a, c]
    assert {p.id for p in store.playthroughs()} == {a, b, c, done}
    assert [p.id for p in store.playthroughs("other")] == [c]


def test_finish_keeps_the_record_and_ending(store, visit):
    """A finished playthrough keeps its record exactly and shows its ending."""
    pid, session = play_saving(store, visit, 3)
    assert session.finished
    assert store.record(pid) == build_record(session)
    found = store.get(pid)
    assert found.finished and found.ending == session.state.node and found.updated_at == T1
    assert store.unfinished() == []


def test_steps_must_come_in_order(store):
    """Saving a step out of order is refused, so a gap can never be written."""
    pid = store.begin("s", "S", 0, "coach", None, T0)
    with pytest.raises(StoreError, match="next is step 1"):
        store.add_step(pid, 1, None, {"choice": None})
    store.add_step(pid, 0, None, {"choice": None})
    with pytest.raises(StoreError, match="next is step 2"):
        store.add_step(pid, 0, None, {"choice": None})


def test_misuse_is_refused_before_writing(store):
    """A bad mode, seed, or an action that is not the step's choice is refused and nothing is saved."""
    with pytest.raises(ValueError, match="mode"):
        store.begin("s", "S", 0, "practice", None, T0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="seed"):
        store.begin("s", "S", 2**70, "coach", None, T0)
    pid = store.begin("s", "S", 0, "coach", None, T0)
    with pytest.raises(ValueError, match="not the step's choice"):
        store.add_step(pid, 0, "a", {"choice": "b"})
    with pytest.raises(StoreError, match="no saved playthrough 99"):
        store.add_step(99, 0, None, {"choice": None})
    assert store.actions(pid) == [] and len(store.playthroughs()) == 1


def test_finished_and_abandoned_playthroughs_take_no_more_steps(store, visit):
    """Once finished or abandoned, a playthrough cannot be added to, rewound or finished again."""
    done, session = play_saving(store, visit, 1)
    with pytest.raises(StoreError, match="finished"):
        store.add_step(done, len(session.state.steps), None, {"choice": None})
    with pytest.raises(StoreError, match="finished"):
        store.finish(done, build_record(session), T1)
    with pytest.raises(StoreError, match="finished"):
        store.abandon(done)
    left = store.begin(visit.id, visit.title, 2, "coach", None, T0)
    store.abandon(left)
    store.abandon(left)  # twice is harmless
    with pytest.raises(StoreError, match="abandoned"):
        store.truncate(left, 0)


def test_finish_refuses_a_record_of_another_scenario(store, visit):
    """A record for a different scenario is refused rather than stored against the wrong playthrough."""
    pid = store.begin("other", "Other", 0, "coach", None, T0)
    with pytest.raises(ValueError, match="record is for"):
        store.finish(pid, build_record(Session.start(visit)), T1)
    assert not store.get(pid).finished


def test_rewind_then_truncate_resumes_where_the_trainee_is(store, visit):
    """After a practice-mode rewind, truncate makes a resume land at the rewound decision."""
    pid, session = play_saving(store, visit, 1, steps=2)
    assert not session.finished
    back = session.rewind()
    store.truncate(pid, len(back.state.steps))
    resumed = Session.replay(visit, 1, store.actions(pid), "Priya")
    assert resumed.state.to_dict() == back.state.to_dict()
    assert resumed.choices and [c.id for c in resumed.choices] == [c.id for c in back.choices]
    with pytest.raises(ValueError):
        store.truncate(pid, -1)


def test_reflections_latest_wins_and_every_version_is_kept(store, visit):
    """The latest text per prompt is returned; earlier versions stay in the file."""
    pid, _ = play_saving(store, visit, 1)
    store.save_reflection(pid, "description", "First draft.", T0)
    store.save_reflection(pid, "feelings", "Anxious.", T0)
    store.save_reflection(pid, "description", "Second draft.", T1)
    store.save_reflection(pid, "description", "Second draft.", T1)  # unchanged: no new version
    assert store.reflections(pid) == {"description": "Second draft.", "feelings": "Anxious."}
    kept = store._conn.execute("SELECT text FROM reflections WHERE prompt_id = 'description' ORDER BY id").fetchall()
    assert kept == [("First draft.",), ("Second draft.",)]


def test_export_holds_record_actions_and_reflections(store, visit):
    """An export is one JSON-ready dict with the playthrough, its record, actions and reflections."""
    pid, session = play_saving(store, visit, 2)
    store.save_reflection(pid, "analysis", "I read the file first.", T1)
    out = store.export(pid)
    assert json.loads(json.dumps(out)) == out
    assert out["record"] == build_record(session)
    assert out["actions"] == [s.choice for s in session.state.steps]
    assert out["reflections"] == {"analysis": "I read the file first."}
    assert out["playthrough"]["id"] == pid and out["playthrough"]["finished"] is True
    unfinished = store.begin(visit.id, visit.title, 5, "coach", None, T0)
    assert store.export(unfinished)["record"] is None


# -- resuming after a crash ----------------------------------------------------------
CHILD = r"""
import json, os, sys
from simulator.engine import Session
from simulator.engine.autoplay import policy
from simulator.records.record import build_record
from simulator.records.store import Store
from simulator.scenario import load_scenario

path, scenario_path, mode, arg = sys.argv[1:5]
scenario = load_scenario(scenario_path).scenario
store, notes = Store.open(path)
seeds = range(int(arg), 10**6) if mode == "forever" else [int(arg)]
if mode != "forever":
    print(json.dumps({"ready": True}), flush=True)
for seed in seeds:
    pid = store.begin(scenario.id, scenario.title, seed, "coach", "Priya", "2026-03-02T09:00:00+00:00")
    session = Session.start(scenario, seed, "Priya")
    pick = policy("random", seed)
    index = 0
    while not session.finished:
        if session.choices:
            action = pick(session.choices).id
            step = session.choose(action)
        else:
            action, step = None, session.proceed()
        store.add_step(pid, index, action, step.to_dict())
        index += 1
        if mode != "forever":
            # Reported only once saved: the parent knows the store holds at least this much.
            print(json.dumps({"steps": index, "state": session.state.to_dict(), "choices": [c.id for c in session.choices]}), flush=True)
        if mode == "exit" and session.choices and index >= 2:
            os._exit(1)  # no cleanup, no close: as abrupt as a crash
        if mode == "gate":
            sys.stdin.readline()
    store.finish(pid, build_record(session), "2026-03-02T10:00:00+00:00")
    if mode == "forever" and seed == int(arg):
        print(json.dumps({"ready": True}), flush=True)  # writing is under way: any kill from now lands mid-stream
"""


def child(path: Path, mode: str, arg: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(SMALL_VISIT), mode, str(arg)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reports(proc: subprocess.Popen[str]) -> list[dict]:
    line = proc.stdout.readline()
    assert json.loads(line) == {"ready": True}, line + proc.stderr.read()
    return []


def assert_resumes_at(path: Path, scenario, last: dict) -> None:
    """Reopening the store and replaying its actions lands at the child's last saved decision, state and all."""
    with Store.open(path)[0] as again:
        (found,) = again.unfinished()
        actions = again.actions(found.id)
        assert found.steps == len(actions) == last["steps"]
        resumed = Session.replay(scenario, found.seed, actions, found.player_name)
        assert resumed.state.to_dict() == last["state"]
        assert [c.id for c in resumed.choices] == last["choices"] and last["choices"]
        assert again.verify() == []


def test_crash_by_exit_resumes_at_the_same_decision(path, visit):
    """A child that dies with os._exit mid-playthrough leaves a store that resumes at its decision."""
    Store.open(path)[0].close()
    proc = child(path, "exit", 1)
    seen = reports(proc)
    seen += [json.loads(line) for line in proc.stdout]
    assert proc.wait(timeout=30) == 1
    assert_resumes_at(path, visit, seen[-1])


def test_crash_by_sigkill_resumes_at_the_same_decision(path, visit):
    """A child SIGKILLed while waiting at a decision leaves a store that resumes exactly there."""
    proc = child(path, "gate", 1)
    reports(proc)
    while True:
        last = json.loads(proc.stdout.readline())
        if last["choices"] and last["steps"] >= 2:
            break
        proc.stdin.write("\n")
        proc.stdin.flush()
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert_resumes_at(path, visit, last)


def reference(scenario, seed: int) -> Session:
    """The whole playthrough the child plays for a seed (the policy is seeded, so it is repeatable)."""
    session = Session.start(scenario, seed, "Priya")
    pick = policy("random", seed)
    while not session.finished:
        session.choose(pick(session.choices).id) if session.choices else session.proceed()
    return session


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_sigkill_at_any_moment_leaves_a_consistent_store(path, visit, delay):
    """Killed mid-write at an arbitrary moment, every saved playthrough replays as a prefix of what was played."""
    Store.open(path)[0].close()
    for round_start in (0, 10_000):
        proc = child(path, "forever", round_start)
        reports(proc)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        again, notes = Store.open(path)
        with again:
            assert notes == [] and again.verify() == []
            found = again.playthroughs()
            assert any(p.seed == round_start and p.finished for p in found)
            assert len(again.unfinished()) <= round_start // 10_000 + 1
            for p in found:
                whole = reference(visit, p.seed)
                actions = again.actions(p.id)
                assert actions == [s.choice for s in whole.state.steps][: len(actions)]
                if p.finished:
                    assert again.record(p.id) == build_record(whole)


def test_a_second_process_shares_the_open_store(store, path, visit):
    """While this process has the store open, another can read it and save to it, and this one sees that."""
    mine = store.begin(visit.id, visit.title, 7, "coach", None, T0)
    proc = child(path, "exit", 1)
    reports(proc)
    for _ in proc.stdout:
        pass
    assert proc.wait(timeout=30) == 1
    found = store.unfinished()
    assert len(found) == 2 and found[-1].id == mine and found[0].steps >= 2
    store.add_step(mine, 0, None, {"choice": None})


def test_a_busy_store_waits_instead_of_failing(store, path):
    """A write while another connection holds the write lock waits for it (busy timeout) and then succeeds."""
    pid = store.begin("s", "S", 0, "coach", None, T0)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)  # released from a timer thread
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    started = time.perf_counter()
    store.add_step(pid, 0, None, {"choice": None})
    assert time.perf_counter() - started >= 0.2
    release.join()
    other.close()
    assert store.actions(pid) == [None]


def test_a_failed_write_is_reported_and_the_store_stays_usable(store):
    """When the disk is full a save raises StoreError saying so; nothing half-written remains."""
    pid = store.begin("s", "S", 0, "coach", None, T0)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disk is full"):
        store.add_step(pid, 0, None, {"choice": None, "padding": "x" * 100_000})
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.actions(pid) == [] and store.verify() == []
    store.add_step(pid, 0, None, {"choice": None})
    assert store.actions(pid) == [None]


# -- damage -----------------------------------------------------------------------
def set_aside_files(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".damaged" in p.name)


def assert_set_aside(path: Path, notes: list[str], original: bytes, why: str, *, restored: int = 0) -> Path:
    """One note names the reason, the kept file and what was restored; the kept file holds the original bytes; the store works."""
    (note,) = notes
    (aside,) = [p for p in set_aside_files(path) if not p.name.endswith(("-wal", "-shm"))]
    assert why in note and str(aside) in note and "nothing in it was deleted" in note
    assert ("from a backup" in note and f"with {restored} playthroughs" in note) if restored else "new, empty one" in note
    assert aside.read_bytes() == original
    with Store.open(path)[0] as fresh:
        assert len(fresh.playthroughs()) == restored and fresh.verify() == []
        fresh.begin("s", "S", 0, "coach", None, T0)
    return aside


def test_random_bytes_are_set_aside_with_their_wal_and_shm(path):
    """A file of random bytes is renamed aside (with its -wal and -shm) and a fresh store is started."""
    path.parent.mkdir(parents=True)
    rnd = random.Random(4)
    original, wal, shm = rnd.randbytes(20_000), rnd.randbytes(3000), rnd.randbytes(500)
    path.write_bytes(original)
    Path(f"{path}-wal").write_bytes(wal)
    Path(f"{path}-shm").write_bytes(shm)
    store, notes = Store.open(path, at=T1)
    store.close()
    aside = assert_set_aside(path, notes, original, "damaged or is not a database")
    assert aside.name == "records.sqlite3.damaged-20260302T101500Z"
    # The -shm is SQLite's index of the WAL, rebuilt on reading: it moves along, but only the WAL holds data.
    assert Path(f"{aside}-wal").read_bytes() == wal and Path(f"{aside}-shm").exists()


def test_a_truncated_database_is_set_aside_and_restored_from_its_backup(path, visit):
    """A store cut short (half its bytes) is detected, kept aside byte for byte, and restored from the backup taken on closing."""
    with Store.open(path)[0] as full:
        for seed in range(60):
            play_saving(full, visit, seed)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    store, notes = Store.open(path, at=T1)
    store.close()
    assert_set_aside(path, notes, data[: len(data) // 2], "damaged", restored=60)


def test_a_damaged_file_with_a_live_wal_keeps_both_byte_for_byte(path, visit):
    """A damaged store whose latest commits are still in its WAL is set aside without checkpointing that WAL."""
    with Store.open(path)[0] as full:
        for seed in range(60):
            play_saving(full, visit, seed)
    writer = raw(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep the new commit in the WAL, as after a crash
    writer.execute("INSERT INTO meta (key, value) VALUES ('note', 'only in the WAL')")
    crashed = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal")}
    writer.close()
    main = crashed[""][: len(crashed[""]) // 2]
    path.write_bytes(main)
    Path(f"{path}-wal").write_bytes(crashed["-wal"])
    store, notes = Store.open(path, at=T1)
    store.close()
    aside = assert_set_aside(path, notes, main, "damaged", restored=60)
    assert crashed["-wal"] and Path(f"{aside}-wal").read_bytes() == crashed["-wal"]


def test_a_second_damage_with_the_same_stamp_gets_its_own_name(path):
    """Setting aside twice at the same time keeps both old files under distinct names."""
    path.parent.mkdir(parents=True)
    for content in (b"first" * 100, b"second" * 100):
        path.write_bytes(content)
        Store.open(path, at=T1)[0].close()
    names = [p.name for p in set_aside_files(path)]
    assert names == ["records.sqlite3.damaged-20260302T101500Z", "records.sqlite3.damaged-20260302T101500Z-2"]
    assert (path.parent / names[1]).read_bytes() == b"second" * 100


def test_a_sqlite_file_of_another_program_is_set_aside(path):
    """A valid SQLite file that is not a Doorstep store is kept aside, not written into."""
    path.parent.mkdir(parents=True)
    with raw(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.close()
    original = path.read_bytes()
    store, notes = Store.open(path)
    store.close()
    assert_set_aside(path, notes, original, "not a Doorstep records file")


def test_a_newer_schema_is_refused_without_change_or_set_aside(path):
    """A store from a newer Doorstep raises StoreTooNew untouched with repair=False, else is set aside."""
    Store.open(path)[0].close()
    conn = raw(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    original = path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version of Doorstep"):
        Store.open(path, repair=False)
    assert path.read_bytes() == original and set_aside_files(path) == []
    store, notes = Store.open(path)
    store.close()
    assert_set_aside(path, notes, original, "newer version of Doorstep")


def test_damage_can_be_refused_without_touching_the_file(path):
    """With repair=False a damaged file raises StoreDamaged and stays where it was."""
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(StoreDamaged, match="damaged"):
        Store.open(path, repair=False)
    assert path.read_bytes() == b"\x00garbage" * 512 and set_aside_files(path) == []


def edit(path: Path, sql: str, *args) -> None:
    conn = raw(path)
    conn.execute(sql, args)
    conn.close()


def test_a_step_edited_behind_the_store_is_not_replayed(store, path, visit):
    """A step row changed outside Doorstep makes actions() raise StoreDamaged naming that row."""
    pid, _ = play_saving(store, visit, 1, steps=3)
    edit(
        path,
        "UPDATE steps SET action = CASE action WHEN 'leave-now' THEN 'answer-emails' ELSE 'leave-now' END WHERE playthrough_id = ? AND idx = 0",
        pid,
    )
    with pytest.raises(StoreDamaged, match=rf"Step 1 of saved playthrough {pid} \(steps row playthrough_id={pid}, idx=0\)"):
        store.actions(pid)
    assert store.verify() == [f"steps row (playthrough_id={pid}, idx=0) does not match its checksum"]


def test_a_missing_step_is_reported(store, path, visit):
    """A step row deleted behind the store's back is reported as missing, by actions() and verify()."""
    pid, _ = play_saving(store, visit, 1, steps=3)
    edit(path, "DELETE FROM steps WHERE playthrough_id = ? AND idx = 1", pid)
    with pytest.raises(StoreDamaged, match=r"Step 2 of saved playthrough \d+ is missing"):
        store.actions(pid)
    assert any("some are missing" in p for p in store.verify())


def test_an_edited_playthrough_is_marked_and_never_rewritten(store, path, visit):
    """An edited playthrough row is listed as damaged, refuses replay and writes, and stays damaged."""
    pid, _ = play_saving(store, visit, 1, steps=2)
    edit(path, "UPDATE playthroughs SET seed = 42 WHERE id = ?", pid)
    (found,) = store.unfinished()
    assert found.seed == 42 and found.damaged and f"playthroughs row id={pid}" in found.damaged
    for attempt in (
        lambda: store.actions(pid),
        lambda: store.add_step(pid, 2, None, {"choice": None}),
        lambda: store.export(pid),
    ):
        with pytest.raises(StoreDamaged):
            attempt()
    store.save_reflection(pid, "feelings", "Still kept.", T1)  # the trainee's writing is never refused
    assert store.get(pid).damaged and store.verify() == [f"playthroughs row (id={pid}) does not match its checksum"]


def test_an_edited_record_or_reflection_is_reported(store, path, visit):
    """Edited record and reflection rows raise StoreDamaged when read instead of being used."""
    pid, _ = play_saving(store, visit, 1)
    store.save_reflection(pid, "feelings", "Anxious.", T1)
    edit(path, "UPDATE records SET record = replace(record, 'Priya', 'Mallory') WHERE playthrough_id = ?", pid)
    edit(path, "UPDATE reflections SET text = 'Calm.'")
    with pytest.raises(StoreDamaged, match="record of saved playthrough"):
        store.record(pid)
    with pytest.raises(StoreDamaged, match="reflections row id=1"):
        store.reflections(pid)
    assert len(store.verify()) == 2


# -- migrations -----------------------------------------------------------------------
def test_an_older_schema_is_migrated_keeping_its_rows(path, visit, monkeypatch):
    """Opening a file of the current version with a Doorstep one version newer runs the migration and keeps every row."""
    with Store.open(path)[0] as old:
        pid, _ = play_saving(old, visit, 1)
        before = old.export(pid)

    def add_cohort(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE playthroughs ADD COLUMN cohort TEXT")

    current = storefile.SCHEMA_VERSION
    monkeypatch.setattr(storefile, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(storefile.MIGRATIONS, current, add_cohort)
    with Store.open(path)[0] as new:
        assert new._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(current + 1),)
        assert "cohort" in [r[1] for r in new._conn.execute("PRAGMA table_info(playthroughs)")]
        assert new.export(pid) == before and new.verify() == []


def test_a_failed_migration_leaves_the_file_as_it_was(path, monkeypatch):
    """A migration that fails rolls back completely: the error is clear and the old version still opens."""
    Store.open(path)[0].close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE playthroughs ADD COLUMN cohort TEXT")
        conn.execute("this is not sql")

    current = storefile.SCHEMA_VERSION
    monkeypatch.setattr(storefile, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(storefile.MIGRATIONS, current, broken)
    with pytest.raises(StoreError, match="Could not prepare"):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path)[0] as again:
        assert "cohort" not in [r[1] for r in again._conn.execute("PRAGMA table_info(playthroughs)")]
        assert again._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(current),)


# -- round trips under random use -------------------------------------------------------
names = st.text(min_size=1, max_size=12)
texts = st.text(max_size=40)


class StoreMachine(RuleBasedStateMachine):
    """Random sequences of begin/add_step/finish/reflections/truncate/abandon/reopen match a plain model."""

    ids = Bundle("ids")

    @initialize()
    def setup(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.store = Store.open(self.folder / "r.sqlite3")[0]
        self.model: dict[int, dict] = {}

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(
        target=ids,
        scenario=names,
        title=texts,
        seed=st.integers(-(2**63), 2**63 - 1),
        mode=st.sampled_from(["coach", "assessment"]),
        who=st.none() | texts,
    )
    def begin(self, scenario, title, seed, mode, who):
        pid = self.store.begin(scenario, title, seed, mode, who, T0)
        self.model[pid] = {
            "scenario": scenario,
            "title": title,
            "seed": seed,
            "mode": mode,
            "who": who,
            "actions": [],
            "status": "open",
            "record": None,
            "notes": {},
        }
        return pid

    @rule(pid=ids, action=st.none() | names, node=texts, day=st.integers(0, 10**6))
    def add_step(self, pid, action, node, day):
        m = self.model[pid]
        if m["status"] != "open":
            with pytest.raises(StoreError):
                self.store.add_step(pid, len(m["actions"]), action, {"choice": action})
            return
        self.store.add_step(pid, len(m["actions"]), action, {"choice": action, "node": node, "day": day})
        m["actions"].append(action)

    @rule(pid=ids, ending=st.none() | names, extra=texts)
    def finish(self, pid, ending, extra):
        m = self.model[pid]
        record = {
            "format": 1,
            "kind": "doorstep-record",
            "scenario": m["scenario"],
            "seed": m["seed"],
            "ending": ending,
            "note": extra,
            "steps": [{"choice": a, "node": "n"} for a in m["actions"]],
        }
        if m["status"] != "open":
            with pytest.raises(StoreError):
                self.store.finish(pid, record, T1)
            return
        self.store.finish(pid, record, T1)
        m.update(status="finished", record=record, ending=ending)

    @rule(pid=ids, prompt=names, text=texts)
    def reflect(self, pid, prompt, text):
        self.store.save_reflection(pid, prompt, text, T1)
        self.model[pid]["notes"][prompt] = text

    @rule(pid=ids, keep=st.integers(0, 5))
    def truncate(self, pid, keep):
        m = self.model[pid]
        if m["status"] == "open":
            self.store.truncate(pid, keep)
            del m["actions"][keep:]

    @rule(pid=ids)
    def abandon(self, pid):
        m = self.model[pid]
        if m["status"] != "finished":
            self.store.abandon(pid)
            m["status"] = "abandoned"

    @rule()
    def reopen(self):
        self.store.close()
        self.store, notes = Store.open(self.folder / "r.sqlite3")
        assert notes == []

    @precondition(lambda self: self.model)
    @invariant()
    def matches_the_model(self):
        for pid, m in self.model.items():
            found = self.store.get(pid)
            assert (found.scenario_id, found.scenario_title, found.seed, found.mode, found.player_name) == (
                m["scenario"],
                m["title"],
                m["seed"],
                m["mode"],
                m["who"],
            )
            assert (found.steps, found.finished, found.abandoned, found.damaged) == (
                len(m["actions"]),
                m["status"] == "finished",
                m["status"] == "abandoned",
                None,
            )
            assert self.store.actions(pid) == m["actions"]
            assert self.store.record(pid) == m["record"]
            assert self.store.reflections(pid) == m["notes"]
        assert {p.id for p in self.store.unfinished()} == {pid for pid, m in self.model.items() if m["status"] == "open"}


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
