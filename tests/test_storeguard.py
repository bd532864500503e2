"""The store at open and behind its back: backups, restores, layout checks, chains over steps and reflections."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from test_store import T0, T1, play_saving, raw

from simulator.records import backups, storefile
from simulator.records.store import Store, StoreDamaged, StoreError


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "records.sqlite3"


def saved(path: Path, visit, seeds=range(3)) -> dict[int, list]:
    """Play and finish a few playthroughs in a store that is then closed (so it is backed up); their actions."""
    with Store.open(path, at=T0)[0] as store:
        pids = [play_saving(store, visit, seed)[0] for seed in seeds]
        return {pid: store.actions(pid) for pid in pids}


def set_aside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".damaged" in p.name and not p.name.endswith(("-wal", "-shm")))


def edit(path: Path, *statements: str) -> None:
    conn = raw(path)
    for sql in statements:
        conn.execute(sql)
    conn.close()


# -- backups -----------------------------------------------------------------------------------
def test_backups_are_taken_on_close_and_open_only_when_something_changed(path, visit):
    """Closing after play backs up; opening and closing again without change adds none; at most GENERATIONS are kept."""
    saved(path, visit, [1])
    assert len(backups.existing(path)) == 1
    Store.open(path)[0].close()
    assert len(backups.existing(path)) == 1
    for seed in range(2, 8):
        saved(path, visit, [seed])
    kept = backups.existing(path)
    assert len(kept) == backups.GENERATIONS
    assert [p.name for p in kept] == sorted((p.name for p in kept), reverse=True)


def test_a_backup_is_a_whole_store_by_itself(path, visit):
    """A backup opens on its own (no -wal beside it), holds every playthrough and verifies clean."""
    actions = saved(path, visit)
    (newest,) = backups.existing(path)
    assert not Path(f"{newest}-wal").exists()
    with Store.open(newest, repair=False)[0] as copy:
        assert {p.id: copy.actions(p.id) for p in copy.playthroughs()} == actions and copy.verify() == []


def test_a_store_cut_to_zero_bytes_is_restored_from_its_backup_and_the_trainee_told(path, visit):
    """A store truncated to 0 bytes is no longer a silent new store: the newest backup comes back, with a note saying so."""
    actions = saved(path, visit)
    path.write_bytes(b"")
    store, notes = Store.open(path, at=T1)
    with store:
        (note,) = notes
        assert "empty (0 bytes)" in note and "restored" in note and "with 3 playthroughs" in note
        assert {p.id: store.actions(p.id) for p in store.playthroughs()} == actions


def test_a_deleted_store_is_restored_from_its_backup(path, visit):
    """With the store file gone but its backups there, the newest backup is restored and the trainee told."""
    actions = saved(path, visit)
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)
    store, notes = Store.open(path)
    with store:
        assert len(notes) == 1 and "was missing" in notes[0] and "3 playthroughs" in notes[0]
        assert {p.id: store.actions(p.id) for p in store.playthroughs()} == actions


def test_a_damaged_newest_backup_is_passed_over_for_an_older_good_one(path, visit):
    """Restoring checks each backup as it checks the store: a damaged newest one is skipped."""
    saved(path, visit, [1])
    saved(path, visit, [2])
    newest, _older = backups.existing(path)
    newest.write_bytes(newest.read_bytes()[:1000])
    path.write_bytes(b"not a database" * 100)
    store, notes = Store.open(path)
    with store:
        assert "with 1 playthrough;" in notes[0] and len(store.playthroughs()) == 1


def test_an_empty_file_with_no_backup_is_a_new_store(path):
    """An empty file and no backups is a store whose creation never finished: used as new, nothing to tell."""
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    store, notes = Store.open(path)
    with store:
        assert notes == [] and store.playthroughs() == []


# -- the layout is exactly Doorstep's ---------------------------------------------------------
@pytest.mark.parametrize(
    ("planted", "said"),
    [
        ("CREATE TRIGGER eat AFTER INSERT ON steps BEGIN DELETE FROM steps WHERE rowid = new.rowid; END", "a trigger `eat`"),
        ("CREATE VIEW everything AS SELECT * FROM playthroughs", "a view `everything`"),
        ("CREATE TABLE extra (x)", "a table `extra`"),
        ("CREATE INDEX by_seed ON playthroughs (seed)", "an index `by_seed`"),
        ("DROP INDEX reflections_by_playthrough", "the index `reflections_by_playthrough` is missing"),
        ("ALTER TABLE steps ADD COLUMN sneaky TEXT", "the table `steps` was altered"),
    ],
)
def test_a_layout_changed_outside_doorstep_is_set_aside_and_every_row_copied(path, visit, planted, said):
    """A trigger, view, extra or missing table or index, or an altered table is found at open; the file is kept aside and
    every row copied into a clean file, so even what was saved after the last backup is kept."""
    actions = saved(path, visit)
    store, _ = Store.open(path)
    late, _ = play_saving(store, visit, 9, steps=2)
    actions[late] = store.actions(late)
    store._conn.close()  # killed: no backup on closing
    edit(path, planted)
    store, notes = Store.open(path, at=T1)
    with store:
        (note,) = notes
        assert "layout was changed outside Doorstep" in note and said in note and "copied your 4 playthroughs" in note
        assert len(set_aside(path)) == 1
        assert {p.id: store.actions(p.id) for p in store.playthroughs()} == actions and store.verify() == []
        pid = store.begin("s", "S", 0, "coach", None, T0)
        store.add_step(pid, 0, None, {"choice": None})
        assert store.actions(pid) == [None]


def test_rows_changed_as_well_as_the_layout_stay_damaged_when_copied(path, visit):
    """Copying never vouches for a row: a step edited alongside a planted trigger is still reported after the copy."""
    actions = saved(path, visit)
    pid = next(iter(actions))
    edit(path, "CREATE VIEW v AS SELECT 1", f"UPDATE steps SET action = 'forged' WHERE playthrough_id = {pid} AND idx = 0")
    store, notes = Store.open(path)
    with store:
        assert "copied your 3 playthroughs" in notes[0]
        with pytest.raises(StoreDamaged):
            store.actions(pid)


def test_a_layout_change_that_cannot_be_copied_falls_back_to_the_backup(path, visit):
    """A Doorstep table replaced by a view cannot be copied (a view is never read as data): the newest backup is restored instead."""
    saved(path, visit)
    edit(path, "ALTER TABLE reflections RENAME TO old_reflections", "CREATE VIEW reflections AS SELECT * FROM old_reflections")
    store, notes = Store.open(path)
    with store:
        assert "from a backup" in notes[0] and "with 3 playthroughs" in notes[0]
        assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("records.sqlite3") and ".damaged" not in p.name)[0] == "records.sqlite3"


def test_a_damaged_byte_in_the_schema_text_is_the_stores_own_error(path, visit):
    """One byte of the schema's SQL text turned invalid UTF-8 is damage found at open (set aside), not a UnicodeDecodeError."""
    saved(path, visit)
    Store.open(path)[0].close()  # checkpointed: the schema is in the main file
    data = bytearray(path.read_bytes())
    at = data.index(b"CREATE TABLE steps")
    data[at + 14] = 0xFF  # inside the word "steps"
    path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        Store.open(path, repair=False)
    store, notes = Store.open(path)
    with store:
        assert len(notes) == 1 and "could not be opened" in notes[0] and len(store.playthroughs()) == 3


def test_a_trigger_planted_while_the_store_is_open_cannot_swallow_a_step(path, visit):
    """A step deleted by a trigger as it is saved makes add_step raise, never return as if saved."""
    store, _ = Store.open(path)
    with store:
        pid = store.begin("s", "S", 0, "coach", None, T0)
        store.add_step(pid, 0, None, {"choice": None})
        edit(path, "CREATE TRIGGER eat AFTER INSERT ON steps BEGIN DELETE FROM steps WHERE rowid = new.rowid; END")
        with pytest.raises(StoreDamaged, match="did not keep it"):
            store.add_step(pid, 1, None, {"choice": None})
        assert store.actions(pid) == [None]


# -- chains: deleted or replaced rows -----------------------------------------------------------
def test_deleting_the_last_steps_is_detected(path, visit):
    """The last steps deleted by SQL outside Doorstep: replay refuses, the listing marks it, verify says so."""
    store, _ = Store.open(path)
    with store:
        pid, _ = play_saving(store, visit, 1, steps=3)
        edit(path, f"DELETE FROM steps WHERE playthrough_id = {pid} AND idx = 2")
        with pytest.raises(StoreDamaged, match="had 3 steps saved, but 2 are in the file"):
            store.actions(pid)
        assert "had 3 steps saved" in (store.get(pid).damaged or "")
        assert any("had 3 steps saved" in p for p in store.verify())
        with pytest.raises(StoreDamaged):
            store.add_step(pid, 2, None, {"choice": None})


def test_a_step_replaced_with_a_fresh_checksum_is_detected(path, visit):
    """A step rewritten with a valid checksum of its own still breaks the playthrough's chain."""
    store, _ = Store.open(path)
    with store:
        pid, _ = play_saving(store, visit, 1, steps=3)
        values = (pid, 1, "forged", "{}")
        edit(
            path,
            f"UPDATE steps SET action = 'forged', step = '{{}}', checksum = '{storefile.checksum('steps', values)}' WHERE playthrough_id = {pid} AND idx = 1",
        )
        with pytest.raises(StoreDamaged, match="chain of checksums is broken"):
            store.actions(pid)
        assert store.get(pid).damaged


def test_a_deleted_reflection_is_detected(path, visit):
    """Deleting the latest version of a reflection would silently bring back an older one: it is reported instead."""
    store, _ = Store.open(path)
    with store:
        pid, _ = play_saving(store, visit, 1)
        store.save_reflection(pid, "feelings", "First.", T1)
        store.save_reflection(pid, "feelings", "Second thoughts.", T1)
        edit(path, "DELETE FROM reflections WHERE id = 2")
        assert "Reflections of saved playthrough" in (store.get(pid).damaged or "")
        assert any("Reflections" in p for p in store.verify())


def test_a_deleted_final_record_is_detected(path, visit):
    """A finished playthrough whose record row was deleted is reported, not shown as having no record."""
    store, _ = Store.open(path)
    with store:
        pid, _ = play_saving(store, visit, 1)
        edit(path, f"DELETE FROM records WHERE playthrough_id = {pid}")
        with pytest.raises(StoreDamaged, match="final record"):
            store.record(pid)
        assert "final record" in (store.get(pid).damaged or "")


def test_rewinding_and_reflections_keep_the_chain_whole(path, visit):
    """Truncating after a rewind and saving reflections keep count and head right: nothing is flagged."""
    store, _ = Store.open(path)
    with store:
        pid, _ = play_saving(store, visit, 1, steps=3)
        store.truncate(pid, 1)
        store.add_step(pid, 1, None, {"choice": None})
        store.save_reflection(pid, "feelings", "Fine.", T1)
        assert store.get(pid).damaged is None and store.verify() == [] and len(store.actions(pid)) == 2


def test_a_version_1_store_is_migrated_with_its_chains(path, visit):
    """A store written before chains existed opens: its rows get counts and heads, a damaged row stays damaged."""
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    with storefile.transaction(conn):
        storefile.MIGRATIONS[0](conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
        for pid, seed in ((1, 5), (2, 6)):
            row = (pid, "s", "S", seed, "coach", None, T0, T0, "open", None, pid)
            conn.execute(
                f"INSERT INTO playthroughs VALUES ({', '.join('?' * 12)})", (*row, storefile.checksum("playthroughs", row))
            )
            for idx in range(3):
                step = (pid, idx, None, '{"choice":null}')
                conn.execute("INSERT INTO steps VALUES (?, ?, ?, ?, ?)", (*step, storefile.checksum("steps", step)))
        conn.execute("UPDATE playthroughs SET seed = 99 WHERE id = 2")
    conn.close()
    store, notes = Store.open(path)
    with store:
        assert notes == [] and store.actions(1) == [None, None, None] and store.get(1).damaged is None
        assert store.get(2).damaged and "row id=2" in store.get(2).damaged
        store.add_step(1, 3, None, {"choice": None})
        assert store.verify() == ["playthroughs row (id=2) does not match its checksum"]


# -- a full disk ---------------------------------------------------------------------------------
@contextlib.contextmanager
def full_disk(tmp_path: Path):
    """A folder on a small file system filled to the brim (tmpfs; needs root, as CI and the dev machines are)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    assert done.returncode == 0, f"this test needs to mount a small tmpfs (root): {done.stderr.decode()}"
    try:
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096):
                pass
        os.close(fd)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_at_start_up_is_called_full(tmp_path):
    """Starting on a full disk says the disk is full (not "the disk reported an error") and leaves no half-made file."""
    with full_disk(tmp_path) as mount:
        with pytest.raises(StoreError, match="the disk is full") as raised:
            Store.open(mount / "records.sqlite3")
        assert "reported an error" not in str(raised.value)
        assert sorted(p.name for p in mount.iterdir()) == ["filler"]


def test_a_damaged_byte_inside_saved_text_marks_that_row_not_the_whole_store(path, visit):
    """Invalid UTF-8 inside one row's text: that row is reported damaged; listing and the other playthroughs still work."""
    store, _ = Store.open(path)
    with store:
        first, _ = play_saving(store, visit, 1)
        second, _ = play_saving(store, visit, 2)
        edit(path, f"UPDATE playthroughs SET player_name = CAST(X'50FF72' AS TEXT) WHERE id = {first}")
        listed = {p.id: p for p in store.playthroughs()}
        assert listed[first].damaged and listed[second].damaged is None
        assert store.actions(second) and any(f"id={first}" in p for p in store.verify())


def test_a_schema_whose_error_message_is_not_text_is_damage(path, visit):
    """A schema SQLite cannot parse, whose error quotes a non-UTF-8 byte, is damage set aside (not a UnicodeDecodeError)."""
    saved(path, visit)
    conn = raw(path)
    conn.executescript("PRAGMA writable_schema = 1; UPDATE sqlite_master SET sql = CAST(X'435245415445205441424C4520FF28' AS TEXT) WHERE name = 'steps';")
    conn.close()
    store, notes = Store.open(path)
    with store:
        assert len(notes) == 1 and "with 3 playthroughs" in notes[0]
