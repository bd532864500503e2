"""The facilitator's notes window (a second pygame window): what only the facilitator should see, redrawn with the projector."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from simulator.scenario import load_scenario
from simulator.services.settings import Settings
from simulator.ui.flow.workshop import WorkshopFlow
from simulator.ui.kit.app import App
from simulator.workshop.control import Control
from simulator.workshop.facilitate import Workshop
from simulator.workshop.room import Room
from simulator.workshop.venue import Venue

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.ui


def test_the_notes_window_shows_the_answer_key_the_live_count_and_the_prompts(tmp_path: Path) -> None:
    """At a decision the second window names each option's path and its votes so far; the projector never does before the reveal."""
    scenario = load_scenario(ROOT / "scenarios" / "harris-family").scenario
    assert scenario is not None
    room = Room("K7QM", "play")
    control = Control(Workshop.start(scenario, "play", room))
    app = App(Settings(), size=(1280, 720), config_dir=tmp_path)
    flow = WorkshopFlow(app, control, Venue(("127.0.0.1",), 8765, "K7QM"), timer_s=60, keep=lambda: None)
    flow.open(notes=True)
    assert flow.notes is not None
    phone = room.join("K7QM")
    while room.phase != "open":
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0))
        app.step(dt=0.0)
    question = room.question
    assert question is not None
    room.vote(phone, question.options[0].id)
    words = " ".join(span.text for p in flow.notes.paras() for span in p.spans)
    path = scenario.choice_by_id[question.options[0].id].path
    assert f"{path} · 1 votes so far" in words and "PageDown closes voting" in words
    assert room.view().tally is None
    app.step(dt=0.0)
    app.close()


def test_in_watch_nothing_is_outlined_as_if_it_were_the_answer(tmp_path: Path) -> None:
    """After the reveal in watch, no option is outlined on the projector or called the room's in the notes; in play the most-voted is."""
    from simulator.ui.workshop.projector import outlined

    scenario = load_scenario(ROOT / "scenarios" / "campbell-care-act").scenario
    assert scenario is not None
    for mode in ("watch", "play"):
        room = Room("K7QM", mode)  # type: ignore[arg-type]
        control = Control(Workshop.start(scenario, mode, room))  # type: ignore[arg-type]
        app = App(Settings(), size=(1280, 720), config_dir=tmp_path / mode)
        flow = WorkshopFlow(app, control, Venue(("127.0.0.1",), 8765, "K7QM"), timer_s=60, keep=lambda: None)
        flow.open(notes=True)
        assert flow.notes is not None
        phone = room.join("K7QM")
        while room.phase != "revealed":
            if room.phase == "open":
                room.vote(phone, room.question.options[1].id)  # type: ignore[union-attr]
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0))
            app.step(dt=0.0)
        words = " ".join(span.text for p in flow.notes.paras() for span in p.spans)
        if mode == "watch":
            assert outlined(control.workshop, "revealed") is None and "the room will follow" not in words
        else:
            assert outlined(control.workshop, "revealed") == room.question.options[1].id and "the room will follow" in words  # type: ignore[union-attr]
        app.close()
