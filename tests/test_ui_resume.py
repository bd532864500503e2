"""Nothing lost: a killed window resumes at the same decision; a damaged store is reported, set aside, never fatal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def begin(d: Driver) -> None:
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 20)


def to_decision(d: Driver) -> None:
    assert d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 50)


def continue_from_title(d: Driver):
    """Continue on the title (focused first), then past the "continuing" card; returns the play scene."""
    assert d.top.name == "title" and d.top.resumable is not None
    assert d.focused_key() == "continue"
    d.key(pygame.K_RETURN)
    assert d.top.name == "transition"
    d.key(pygame.K_RETURN)
    to_decision(d)
    return d.top


def test_dropped_app_resumes_at_the_same_decision_and_state(tmp_path: Path):
    """Drop the app mid-case without closing anything; a new app's Continue lands at the same node with the same state."""
    first = Driver(make_app(tmp_path, EXAMPLE))
    begin(first)
    to_decision(first)
    first.choose("answer-emails")  # clear the inbox first: late, so the route asks about phoning ahead
    to_decision(first)
    run = first.app.flow.playing.run
    before = run.session.state.to_dict()
    run.flush()  # the power goes a moment after the last save landed
    del first, run  # no close, no goodbye

    second = Driver(make_app(tmp_path, EXAMPLE))
    play = continue_from_title(second)
    assert play.run.session.state.node == before["node"]
    assert play.run.session.state.to_dict() == before
    second.choose("phone-dana")
    assert play.run.session.state.steps[-1].choice == "phone-dana"
    second.app.close()


KILLED = """
import json, os, signal, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
import pygame
from simulator.ui.driver import Driver, make_app
d = Driver(make_app(sys.argv[1], sys.argv[2]))
d.tab_to("new"); d.key(pygame.K_RETURN); d.key(pygame.K_RETURN)
d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 20)
def decide():
    d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 50)
decide(); d.key(pygame.K_1); decide()
run = d.top.run
run.flush()
print(json.dumps(run.session.state.to_dict()), flush=True)
if sys.argv[3] == "mid-write":
    d.key(pygame.K_1)  # a choice, and the kill lands while it is being written
    print(json.dumps(run.session.state.to_dict()), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("when", ["at-rest", "mid-write"])
def test_killed_process_resumes_at_the_same_decision(tmp_path: Path, when: str):
    """SIGKILL a window process; Continue lands on the decision it was at, or the one just made if its save had landed."""
    done = subprocess.run([sys.executable, "-c", KILLED, str(tmp_path), str(EXAMPLE), when], capture_output=True, text=True, timeout=120, cwd=PROJECT)
    assert done.returncode != 0  # it was killed, not closed
    states = [json.loads(line) for line in done.stdout.strip().splitlines()[-2 if when == "mid-write" else -1 :]]
    d = Driver(make_app(tmp_path, EXAMPLE))
    play = continue_to_play(d)
    assert play.run.session.state.to_dict() in states
    d.app.close()


def continue_to_play(d: Driver):
    """Continue, then past the card, stopping at the first play screen (the state may be mid-episode)."""
    assert d.top.name == "title" and d.focused_key() == "continue"
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.top.name == "play"
    return d.top


def test_damaged_store_is_reported_and_set_aside(tmp_path: Path):
    """A records file that is not a database gets a calm notice, is renamed aside (not deleted), and play goes on."""
    store = tmp_path / "data" / "records.sqlite3"
    store.parent.mkdir(parents=True)
    store.write_bytes(b"this is not a database, it is a shopping list" * 100)
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert d.top.name == "notice"
    assert "could not be opened" in " ".join(r.text for p in d.top.pages for row in p.rows for r in row.runs)
    assert list(store.parent.glob("records.sqlite3.damaged*"))
    d.key(pygame.K_RETURN)
    assert d.top.name == "title"
    begin(d)
    to_decision(d)
    d.key(pygame.K_1)
    assert d.app.flow.playing.run.saving
    d.app.close()


def test_tampered_step_is_not_replayed(tmp_path: Path):
    """A saved step changed outside Doorstep is reported on Continue, never silently replayed, and the app carries on."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    begin(d)
    to_decision(d)
    d.key(pygame.K_1)
    to_decision(d)
    d.app.close()
    db = sqlite3.connect(tmp_path / "data" / "records.sqlite3")
    db.execute("UPDATE steps SET action = 'answer-emails' WHERE idx = 0")
    db.commit()
    db.close()
    d = Driver(make_app(tmp_path, EXAMPLE))
    assert d.top.name == "title" and d.top.resumable is not None
    d.key(pygame.K_RETURN)
    assert d.top.name == "notice"
    assert "cannot be continued" in d.top.heading
    d.key(pygame.K_RETURN)
    assert d.top.name == "title"
    d.app.close()
