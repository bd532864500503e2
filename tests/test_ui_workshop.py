"""The workshop's projector window, driven by a clicker's keys (SDL's dummy driver): every screen drawn, no text outside its box."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_check import Overflow, post_text
from workshop_window import open_projector, vote_when_open

from simulator.ui.flow.workshop import WorkshopFlow
from simulator.ui.kit.app import App

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.ui


class Kept:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Kept:
        self.calls += 1
        return self

    def lines(self) -> list[str]:
        return ["Workshop report written to /tmp/report.html"]


def _window(tmp_path: Path, mode: str, size: tuple[int, int] = (1280, 720)) -> tuple[App, WorkshopFlow, Overflow, Kept]:
    log = Overflow()
    kept = Kept()
    app, flow = open_projector(tmp_path, mode, size, text_log=log, keep=kept)
    return app, flow, log, kept


def _key(app: App, log: Overflow, key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.step(dt=0.0)
    log.check(app)


@pytest.mark.parametrize(("mode", "size"), [("play", (1280, 720)), ("watch", (1920, 1080)), ("play", (1024, 600))])
def test_a_clicker_alone_runs_a_whole_workshop_and_every_screen_fits(tmp_path: Path, mode: str, size: tuple[int, int]) -> None:
    """PageDown alone, with phones voting, reaches the end; every line drawn stays inside its box and the window."""
    app, flow, log, kept = _window(tmp_path, mode, size)
    room = flow.control.workshop.room
    phones = [room.join("K7QM") for _ in range(3)]
    seen = set()
    for _ in range(3000):
        if flow.control.workshop.ended:
            break
        vote_when_open(room, phones)
        seen.add((flow.control.workshop.stage, room.phase))
        _key(app, log, pygame.K_PAGEDOWN)
    assert flow.control.workshop.ended and kept.calls == 0  # the command keeps it; PageDown past the ending only ends
    assert {("question", "open"), ("question", "revealed"), ("outcome", "settled")} <= seen
    assert log.lines > 100 and not log.problems, log.problems[:5]
    app.close()


def test_the_facilitators_keys(tmp_path: Path) -> None:
    """B blanks and any key brings the picture back; P pauses; T times; O steps out; N keeps a note; E twice ends."""
    app, flow, log, kept = _window(tmp_path, "play")
    scene = app.top
    room = flow.control.workshop.room
    _key(app, log, pygame.K_b)
    assert scene.blank  # type: ignore[union-attr]
    _key(app, log, pygame.K_p)
    assert not scene.blank and not room.paused  # type: ignore[union-attr]
    _key(app, log, pygame.K_p)
    assert room.paused
    _key(app, log, pygame.K_t)
    assert room.view().timer is not None and room.view().timer.seconds == 90  # type: ignore[union-attr]
    _key(app, log, pygame.K_o)
    assert room.stepped_out
    _key(app, log, pygame.K_o)
    _key(app, log, pygame.K_n)
    assert app.top is not scene
    post_text(app, "Ask what Pearl is not saying")
    _key(app, log, pygame.K_RETURN)
    assert app.top is scene and [n.text for n in flow.control.workshop.notes] == ["Ask what Pearl is not saying"]
    _key(app, log, pygame.K_e)
    assert not flow.control.workshop.ended
    _key(app, log, pygame.K_e)
    assert flow.control.workshop.ended and kept.calls == 1 and room.view().ended
    assert not log.problems, log.problems[:5]
    _key(app, log, pygame.K_PAGEDOWN)
    assert not app.running


def test_the_room_follows_the_option_the_facilitator_picks_by_number(tmp_path: Path) -> None:
    """At a revealed vote, 2 picks option B and PageDown settles on it, whatever the votes said."""
    app, flow, log, _ = _window(tmp_path, "play")
    ws = flow.control.workshop
    room = ws.room
    phone = room.join("K7QM")
    while room.phase != "open":
        _key(app, log, pygame.K_PAGEDOWN)
    question = room.question
    assert question is not None and room.phase == "open"
    room.vote(phone, question.options[0].id)
    _key(app, log, pygame.K_PAGEDOWN)
    _key(app, log, pygame.K_PAGEDOWN)
    assert room.phase == "revealed" and ws.candidate == question.options[0].id
    _key(app, log, pygame.K_2)
    assert ws.results[-1].chosen == question.options[1].id and ws.stage == "outcome"
    assert not log.problems, log.problems[:5]


def test_the_n_that_opens_the_note_box_is_not_typed_into_it(tmp_path: Path) -> None:
    """N arrives as a key and as its text (as SDL sends it): the note starts empty, and an n typed next is kept."""
    app, flow, log, _ = _window(tmp_path, "play")
    for first in ("Ask", "nobody"):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="n"))
        app.step(dt=0.0)
        if first.startswith("n"):
            _key(app, log, pygame.K_n)
        post_text(app, first + " more")
        _key(app, log, pygame.K_RETURN)
    assert [n.text for n in flow.control.workshop.notes] == ["Ask more", "nobody more"]
    assert not log.problems, log.problems[:5]


def test_j_hides_the_join_panel_and_the_case_takes_the_whole_width(tmp_path: Path) -> None:
    """J gives the main area the join panel's width (everything still fits) and J again brings the panel back."""
    app, _flow, log, _ = _window(tmp_path, "play")
    scene = app.top
    wide = scene.main.width  # type: ignore[union-attr]
    _key(app, log, pygame.K_j)
    assert not scene.join_shown and scene.main.width > wide  # type: ignore[union-attr]
    for _ in range(6):
        _key(app, log, pygame.K_PAGEDOWN)
    _key(app, log, pygame.K_j)
    assert scene.join_shown and scene.main.width == wide  # type: ignore[union-attr]
    assert not log.problems, log.problems[:5]
