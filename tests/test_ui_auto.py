"""Auto mode from the command line: the whole case in the window without input, with a screenshot per screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from simulator.cli import main

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DOORSTEP_SCENARIOS", str(tmp_path / "none"))


def test_auto_play_saves_a_screenshot_of_every_screen(tmp_path: Path, capsys):
    """`play --auto enabler --speed 0 --screenshots DIR` exits 0 with one numbered PNG per screen, pause and history included."""
    shots = tmp_path / "shots"
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", "0", "--screenshots", str(shots)]) == 0
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "001-title.png"
    assert [int(n[:3]) for n in names] == list(range(1, len(names) + 1))
    kinds = {n[4:-4] for n in names}
    assert {"title", "picker", "prebrief", "transition", "play", "feedback", "pause", "history", "settings", "ending", "debrief"} <= kinds
    assert f"Saved {len(names)} screenshots" in capsys.readouterr().out
    assert not (tmp_path / "data" / "records.sqlite3").exists()  # a demo is not a trainee's playthrough


@pytest.mark.parametrize("policy", ["barrier", "random"])
def test_auto_play_reaches_the_end_by_any_policy(policy: str):
    """Barrier and seeded random auto play also run to the end and exit 0."""
    assert main(["play", str(EXAMPLE), "--auto", policy, "--seed", "4", "--speed", "0", "--assessment"]) == 0


def test_auto_play_of_a_broken_scenario_says_why(tmp_path: Path, capsys):
    """A scenario that does not validate gets its errors on stderr and exit code 1, before any window opens."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "scenario.yaml").write_text("format: 1\nid: broken\n")
    assert main(["play", str(broken), "--auto", "enabler", "--speed", "0"]) == 1
    assert "error" in capsys.readouterr().err


def test_negative_speed_is_refused(capsys):
    """--speed below zero is a clear error, not a hang or a traceback."""
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", "-1"]) == 1
    assert "--speed" in capsys.readouterr().err


@pytest.mark.parametrize(("speed", "ahead"), [("0", False), ("100", True)])
def test_auto_play_at_speed_zero_makes_nothing_ahead(speed: str, ahead: bool, monkeypatch: pytest.MonkeyPatch):
    """At speed 0 nothing is read, so no feedback card or next moment is made ahead of its screen (on a 1,000-decision
    case that work was 60% of the run: each option's card, and each moment made twice); at any other speed it is."""
    from simulator.ui.flow.play import PlayFlow

    made: list[str] = []
    for name in ("prepare_feedback", "prepare_next", "prepare_moment"):
        real = getattr(PlayFlow, name)
        monkeypatch.setattr(PlayFlow, name, lambda self, *a, _n=name, _f=real: (made.append(_n), _f(self, *a))[1])
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", speed]) == 0
    assert bool(made) is ahead


def test_auto_play_at_speed_zero_skims_past_screens_undrawn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """At speed 0 a frame is drawn at most every SKIM_S (here, as on a slow machine, never again after the first):
    the screens in between are acted on undrawn and the case still runs to its end; with screenshots every screen is drawn."""
    from simulator.ui.kit import loop
    from simulator.ui.kit.app import App

    drawn: list[int] = []
    real = App.draw
    monkeypatch.setattr(App, "draw", lambda self: (drawn.append(1), real(self))[1])
    monkeypatch.setattr(loop, "SKIM_S", 3600.0)
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", "0"]) == 0
    assert len(drawn) == 1
    drawn.clear()
    assert main(["play", str(EXAMPLE), "--auto", "enabler", "--speed", "0", "--screenshots", str(tmp_path / "shots")]) == 0
    assert len(drawn) >= len(list((tmp_path / "shots").glob("*.png"))) > 10


def test_esc_while_skimming_pauses_and_the_pause_is_drawn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Esc during auto play at speed 0 opens the pause at once, and the loop wakes within SKIM_S to draw it (a frame
    skimmed past must not wait for a key that will never come: the pilot leaves the pause to the trainee)."""
    import time

    import pygame

    from simulator.engine.autoplay import policy
    from simulator.ui.driver import make_app
    from simulator.ui.kit import loop
    from simulator.ui.kit.pilot import Pilot

    monkeypatch.setattr(loop, "SKIM_S", 1.0)
    app = make_app(tmp_path / "app", EXAMPLE)
    app.pilot = Pilot(policy("enabler", 0), 0.0, exit_when_done=True)
    deadline = time.perf_counter() + 60
    while app.top is None or app.top.name != "play":
        assert app.step(app.wait()) and time.perf_counter() < deadline
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="\x1b", scancode=41)])
    pause = app.top
    assert pause is not None and pause.name == "pause"
    while app.drawn != (id(pause), pause.screen_key()):  # skimmed past: the loop must come back to draw it
        wake = app.wake_in()
        assert wake is not None and wake <= loop.SKIM_S, "the pause is left undrawn until a key is pressed"
        assert app.step(app.wait()) and time.perf_counter() < deadline
    assert app.top is pause  # still paused: the pilot does not choose for the trainee
    app.close()
