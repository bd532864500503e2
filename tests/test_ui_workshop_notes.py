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
