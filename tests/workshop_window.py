"""The workshop's projector window for tests: a Campbell workshop on SDL's dummy driver, and phones that vote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from simulator.scenario import load_scenario
from simulator.server.qr import modules
from simulator.services.settings import Settings
from simulator.ui.flow.workshop import WorkshopFlow
from simulator.ui.kit.app import App
from simulator.workshop.control import Control
from simulator.workshop.facilitate import Workshop
from simulator.workshop.room import Room
from simulator.workshop.venue import Venue

ROOT = Path(__file__).resolve().parent.parent
CODE = "K7QM"


def open_projector(tmp_path: Path, mode: str, size: tuple[int, int] = (1280, 720), *, notes: bool = False, text_log: Any = None, keep: Callable[[], Any] = lambda: None) -> tuple[App, WorkshopFlow]:
    """The projector window (and the notes window when asked) over a Campbell workshop in ``mode``, room code K7QM."""
    scenario = load_scenario(ROOT / "scenarios" / "campbell-care-act").scenario
    assert scenario is not None
    room = Room(CODE, mode)  # type: ignore[arg-type]
    control = Control(Workshop.start(scenario, mode, room))  # type: ignore[arg-type]
    venue = Venue(("192.168.1.20",), 8765, CODE, qr=modules(f"http://192.168.1.20:8765/?code={CODE}"), key="k")
    app = App(Settings(), size=size, config_dir=tmp_path, text_log=text_log)
    flow = WorkshopFlow(app, control, venue, timer_s=90, keep=keep)
    flow.open(notes=notes)
    return app, flow


def vote_when_open(room: Room, phones: Sequence[str]) -> None:
    """Once voting is open and nobody has voted, each phone votes: the first option, the second, and so on round."""
    if room.phase == "open" and room.view().voted == 0:
        question = room.question
        assert question is not None
        for i, phone in enumerate(phones):
            room.vote(phone, question.options[i % len(question.options)].id)
