"""The window while a trainer writes: reload on save or F5 to the same moment, a broken file as a message, --from and --set, the case's own scale."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from conftest import FIXTURES

from simulator.engine.actions import Choose
from simulator.engine.session import Session
from simulator.scenario import load_scenario
from simulator.services.reload import replay_onto
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.clockbar import clock_items
from simulator.ui.shell.picker import case_paras

pytestmark = pytest.mark.ui


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A copy of the six-week adult fixture the test may edit."""
    folder = tmp_path / "cases" / "adult"
    shutil.copytree(FIXTURES / "adult", folder)
    return folder


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / "episodes" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def to_visit(d: Driver) -> None:
    """Begin the case and play to the assessment visit's first decision (choosing the first option shown)."""
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)

    def onward() -> None:
        choosing = d.top.name == "play" and d.top.stages[d.top.index][0] == "choose"
        d.key(pygame.K_1 if choosing else pygame.K_RETURN)

    assert d.until(lambda: d.top.name == "play" and d.top.run.session.state.node == "visit.set-off" and d.top.stages[d.top.index][0] == "choose", onward, 60)


def test_replay_onto_an_edited_case_keeps_what_still_fits(case: Path):
    """Every action that still fits is replayed; a renamed choice stops the replay there, and says so."""
    sc = load_scenario(case).scenario
    session = Session.replay(sc, 0, [Choose("ask-him-too"), Choose("leave-early")])
    edit(case, "visit.yaml", "id: leave-early", "id: set-off-in-time")
    replayed = replay_onto(load_scenario(case).scenario, session.save())
    assert (replayed.kept, replayed.dropped) == (1, 1) and "leave-early" in replayed.stopped_at
    assert replayed.session.state.node == "visit.set-off"


def test_f5_reloads_to_the_same_moment_with_the_edit(case: Path, tmp_path: Path):
    """Edit a line, press F5: the same decision, now with the new words, and a card saying so."""
    d = Driver(make_app(tmp_path, case))
    to_visit(d)
    before = d.top.run.session.save()
    edit(case, "visit.yaml", 'narration: "The visit is at two."', 'narration: "The visit is at two, and the buses are late."')
    d.key(pygame.K_F5)
    assert d.top.name == "notice" and "back where you were" in " ".join(str(p) for p in d.top.body)
    d.key(pygame.K_RETURN)
    assert d.top.name == "play"
    assert d.top.run.session.save() == before
    assert "the buses are late" in d.top.run.session.lines()[0].text
    d.app.close()


def test_a_save_is_noticed_on_coming_back_to_the_window(case: Path, tmp_path: Path):
    """Without F5: when the window gets the focus back after a save (from the editor), play reloads."""
    d = Driver(make_app(tmp_path, case))
    to_visit(d)
    time.sleep(0.05)
    edit(case, "visit.yaml", 'narration: "The visit is at two."', 'narration: "The visit is at half past one."')
    d.app.step([pygame.event.Event(pygame.WINDOWFOCUSGAINED)], dt=0.0)
    if d.top.name == "play":  # the save was still settling (a file being written): the next look catches it
        time.sleep(0.05)
        d.app.step([pygame.event.Event(pygame.WINDOWENTER)], dt=0.0)
    assert d.top.name == "notice", "the save was not noticed"
    d.key(pygame.K_RETURN)
    assert "half past one" in d.top.run.session.lines()[0].text
    assert d.app.wake_in() is None  # and nothing wakes the loop to look: a window left alone sleeps
    d.app.close()


def test_a_broken_file_is_a_located_message_not_a_crash(case: Path, tmp_path: Path):
    """A save that breaks the case shows its file:line:col problems over the scene; play carries on with the old version."""
    d = Driver(make_app(tmp_path, case))
    to_visit(d)
    node = d.top.run.session.state.node
    edit(case, "visit.yaml", "next: door", "next: dor")
    d.key(pygame.K_F5)
    assert d.top.name == "notice"
    text = " ".join(str(p) for p in d.top.body)
    assert "visit.yaml:" in text and "R401" in text and "carries on with the version loaded before" in text
    assert d.top.overlay  # a card over the scene, which stays in view (dimmed) behind it
    d.key(pygame.K_RETURN)
    assert d.top.name == "play" and d.top.run.session.state.node == node
    edit(case, "visit.yaml", "next: dor", "next: door")
    d.key(pygame.K_F5)
    assert d.top.name == "notice" and "back where you were" in " ".join(str(p) for p in d.top.body)
    d.app.close()


def test_play_from_a_node_with_values_set(case: Path, tmp_path: Path):
    """--from and --set in the window: straight into the scene, values set, a card saying it is a try-out."""
    d = Driver(make_app(tmp_path, case, start_at="visit.door", set_values=("trust.arthur=80",)))
    assert d.top.name == "notice" and "visit.door" in " ".join(str(p) for p in d.top.body)
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 10)
    session = d.top.run.session
    assert session.state.node == "visit.door" and session.state.trust["arthur"] == 80 and not d.top.run.saving
    d.app.close()


def test_a_six_week_case_speaks_in_weeks():
    """The picker says "over 6 weeks" and the clock bar "Week 3 of 6" for the adult fixture (not "over 1 months")."""
    result = load_scenario(FIXTURES / "adult")
    text = " ".join(str(p) for p in case_paras(result, FIXTURES / "adult"))
    assert "3 episodes over 6 weeks" in text
    from simulator.engine.clock import clock_view

    session = Session.replay(result.scenario, 0, [Choose("ask-him-too")])
    assert "Week 3 of 6" in [i.text for i in clock_items(clock_view(session), "The assessment visit")]


def test_the_picker_says_how_long_any_case_runs():
    """Weeks or months by the case's own scale, never "1 months": Harris over 11 months, the worked example within a week."""
    from conftest import PROJECT

    from simulator.ui.shell.picker import case_span

    spans = {name: case_span(load_scenario(PROJECT / folder).scenario) for name, folder in [("harris", "scenarios/harris-family"), ("example", "docs/examples/small-visit"), ("campbell", "scenarios/campbell-care-act")]}
    assert spans == {"harris": "over 11 months", "example": "within a week", "campbell": "over 6 weeks"}
