"""The window never goes quiet about damage: a damaged latest playthrough is named, and a killed window loses no acknowledged choice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.engine import Session
from simulator.engine.autoplay import policy
from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
JAY = PROJECT / "scenarios" / "jay-residential"
T0, T1 = "2026-03-02T09:00:00+00:00", "2026-03-03T09:00:00+00:00"


def saved_unfinished(store: Store, scenario, seed: int, steps: int, at: str) -> int:
    """An unfinished playthrough saved as the window saves one: the engine's steps, one row each."""
    pid = store.begin(scenario.id, scenario.title, seed, "coach", None, at)
    session, pick = Session.start(scenario, seed), policy("random", seed)
    for index in range(steps):
        step = session.choose(pick(session.choices).id) if session.choices else session.proceed()
        store.add_step(pid, index, step.choice, step.to_dict(), at=at)
    return pid


def text_of(scene) -> str:
    return " ".join(run.text for page in scene.pages for row in page.rows for run in row.runs)


def test_continue_says_when_the_latest_playthrough_is_damaged_and_which_it_offers(tmp_path: Path):
    """With the newest unfinished playthrough damaged, Continue first says so and names the earlier one it will resume."""
    scenario = load_scenario(EXAMPLE).scenario
    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        older = saved_unfinished(store, scenario, 3, 1, T0)
        newer = saved_unfinished(store, scenario, 4, 2, T1)
    db = sqlite3.connect(tmp_path / "data" / "records.sqlite3")
    db.execute("DELETE FROM steps WHERE playthrough_id = ? AND idx = 1", (newer,))
    db.commit()
    db.close()
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert d.top.name == "title" and d.top.resumable.id == older
    d.key(pygame.K_RETURN)
    assert d.top.name == "notice" and d.top.heading == "Your latest playthrough cannot be continued"
    words = text_of(d.top)
    assert "started 3 March 2026 (2 steps saved)" in words and "before it" in words and "started 2 March 2026 (1 step in)" in words
    d.key(pygame.K_RETURN)
    assert d.top.name == "title" and d.focused_key() == "continue"  # told once; now Continue goes on to the earlier one
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # past the "continuing" card
    assert d.top.name == "play" and d.top.run.session.state.seed == 3
    d.app.close()


def test_only_damaged_playthroughs_are_said_at_start_up(tmp_path: Path):
    """When every unfinished playthrough is damaged there is no Continue: the window says why at start-up instead of nothing."""
    scenario = load_scenario(EXAMPLE).scenario
    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        pid = saved_unfinished(store, scenario, 3, 2, T0)
    db = sqlite3.connect(tmp_path / "data" / "records.sqlite3")
    db.execute("UPDATE playthroughs SET seed = 99 WHERE id = ?", (pid,))
    db.commit()
    db.close()
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert d.top.name == "notice" and "cannot be continued" in d.top.heading
    assert "no other playthrough to continue" in text_of(d.top)
    d.key(pygame.K_RETURN)
    assert d.top.name == "title" and d.top.resumable is None
    d.app.close()


PLAYER = """
import json, os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
import pygame
from simulator.ui.driver import Driver, make_app
d = Driver(make_app(sys.argv[1], sys.argv[2]))
d.tab_to("new"); d.key(pygame.K_RETURN); d.key(pygame.K_RETURN)
d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 40)
acked = 0
while True:
    d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 400)
    if d.top.name != "play":
        break
    run = d.top.run
    d.key(pygame.K_1 + acked % 2)
    steps = [s.choice for s in run.session.state.steps]
    run.flush()  # on disk: from here this choice is acknowledged
    print(json.dumps(steps), flush=True)
    acked += 1
print("END", flush=True)
"""


def test_a_window_killed_at_random_moments_loses_no_acknowledged_choice(tmp_path: Path):
    """SIGKILL the real window (its app, loop and saver thread) at random moments while it plays: every choice it had
    acknowledged as saved is in the store, nothing else is, and Continue in a new window lands where the store says."""
    rng = random.Random(11)
    resumed = 0
    for trial in range(6):
        folder = tmp_path / str(trial)
        proc = subprocess.Popen([sys.executable, "-c", PLAYER, str(folder), str(JAY)], stdout=subprocess.PIPE, text=True, cwd=PROJECT)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the window is up and a first choice is saved
        assert first.startswith("["), first
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        acked = [json.loads(line) for line in [first, *rest.splitlines()] if line.startswith("[")]
        with Store.open(folder / "data" / "records.sqlite3", repair=False)[0] as store:
            (p,) = store.playthroughs()
            saved = store.actions(p.id)
            assert p.damaged is None and store.verify() == []
        last = acked[-1]
        # Everything acknowledged is there, in order (and what was being written when the kill came, if it landed).
        assert saved[: len(last)] == last
        if p.finished:
            continue
        resumed += 1
        d = Driver(make_app(folder, JAY))
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        assert d.top.name == "play" and [s.choice for s in d.top.run.session.state.steps] == saved
        d.app.close()
    assert resumed >= 3  # most kills land mid-case


def first_notice_then_title(d: Driver) -> str:
    """The words of the notice the window opened with; then OK back to a working title."""
    assert d.top.name == "notice"
    words = f"{d.top.heading} {text_of(d.top)}"
    d.key(pygame.K_RETURN)
    assert d.top.name == "title"
    return words


def test_a_data_folder_that_cannot_be_made_still_opens_the_window(tmp_path: Path):
    """Where the data folder should be there is a file (as with a folder without permission): a notice, then play, unsaved."""
    (tmp_path / "data").write_text("not a folder")
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert "nothing will be saved" in first_notice_then_title(d)
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 40)
    assert not d.top.run.saving
    d.app.close()


@pytest.mark.parametrize("kind", ["fifo", "deep", "huge-number", "not-utf8", "zero"])
def test_a_bad_settings_file_still_opens_the_window(tmp_path: Path, kind: str):
    """settings.json as a pipe, nested 100,000 deep, with a 5,000-digit number, not UTF-8 or a link to /dev/zero: defaults and a notice."""
    config = tmp_path / "config"
    config.mkdir()
    path = config / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes({"deep": b"[" * 100_000 + b"]" * 100_000, "huge-number": b'{"text_size": ' + b"9" * 5000 + b"}", "not-utf8": b'{"worker_name": "\xff"}'}[kind])
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert "settings" in first_notice_then_title(d).lower()
    d.app.close()


def test_a_store_with_a_damaged_schema_byte_opens_the_window_and_keeps_the_playthroughs(tmp_path: Path):
    """One corrupted byte in the store's schema text: a notice at start-up saying what was kept, never a UnicodeDecodeError at every start."""
    scenario = load_scenario(EXAMPLE).scenario
    path = tmp_path / "data" / "records.sqlite3"
    with Store.open(path)[0] as store:
        saved_unfinished(store, scenario, 3, 2, T0)
    Store.open(path)[0].close()
    data = bytearray(path.read_bytes())
    data[data.index(b"CREATE TABLE steps") + 14] = 0xFF
    path.write_bytes(bytes(data))
    d = Driver(make_app(tmp_path, EXAMPLE))
    words = first_notice_then_title(d)
    assert "could not be opened" in words and "with 1 playthrough" in words
    assert d.top.resumable is not None
    d.app.close()
    assert list(path.parent.glob("records.sqlite3.damaged*"))


@pytest.mark.parametrize("argv", [["play", str(EXAMPLE)], ["watch", str(EXAMPLE)], []])
def test_a_display_that_does_not_answer_is_one_line_not_an_invisible_window(argv):
    """DISPLAY names a display with nothing behind it: SDL would fall back to an offscreen window and wait for ever; one line, exit 1."""
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY", "DOORSTEP_RAISE")}
    env["DISPLAY"] = ":97"  # no X server there
    env["XDG_RUNTIME_DIR"] = "/nonexistent"
    done = subprocess.run([sys.executable, "-m", "simulator", *argv], capture_output=True, text=True, timeout=60, env=env, cwd=PROJECT)
    errors = [line for line in done.stderr.splitlines() if line.startswith("doorstep:")]
    assert done.returncode == 1 and len(errors) == 1 and "cannot reach the display (:97)" in errors[0]
    assert "Traceback" not in done.stderr
