"""The projector and notes windows in words: a screen reader hears what the room sees, the counts and the line, as on the play screen.

The accessibility tree is read as the app makes it after each frame (the
listeners the AT-SPI bridge and self-voicing are fed from), while a whole
workshop is clicked through with phones voting.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from workshop_window import open_projector, vote_when_open

from simulator.scenario import load_scenario
from simulator.server.pages import Case, fragment
from simulator.ui.flow.workshop import WorkshopFlow
from simulator.ui.kit.access_tree import Tree
from simulator.ui.kit.app import App
from simulator.workshop.facilitate import Workshop
from simulator.workshop.room import Room

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.ui


def _window(tmp_path: Path, mode: str) -> tuple[App, WorkshopFlow, list[Tree]]:
    app, flow = open_projector(tmp_path, mode, notes=True)
    trees: list[Tree] = []
    app.access.listeners.append(lambda _before, after: trees.append(after))
    return app, flow, trees


def _texts(tree: Tree) -> list[str]:
    return [n.label for n in tree.nodes() if n.role in ("text", "heading")]


@pytest.mark.parametrize("mode", ["play", "watch"])
def test_the_projector_says_the_line_the_question_the_counts_and_the_notes(tmp_path: Path, mode: str) -> None:
    """Through a whole workshop: each page's words are text and announced; a question has its options and 'N of M phones have voted'; the tally in votes; the notes' answer key under its own heading."""
    app, flow, trees = _window(tmp_path, mode)
    ws = flow.control.workshop
    room = ws.room
    phones = [room.join("K7QM") for _ in range(3)]
    seen: dict[str, str] = {}
    announcements = set()
    for _ in range(3000):
        if ws.ended:
            break
        vote_when_open(room, phones)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0))
        app.step(dt=0.0)
        tree = trees[-1]
        words = " ".join(_texts(tree))
        assert tree.announcement is not None and tree.announcement.label, words
        announcements.add(tree.announcement.label)
        stop = ws.stop
        if ws.stage == "reading" and stop.moment is not None and stop.moment.lines:
            line = stop.moment.lines[0]
            seen.setdefault("line", words)
            if flow.app.top is not None and getattr(flow.app.top, "page", 1) == 0:
                assert line.text.split()[0] in words, (line.text, words)
        if room.phase == "open":
            question = room.question
            assert question is not None
            assert f"of {len(phones)} phones have voted" in words and all(f"Option {c.letter}:" in words for c in question.options), words
            seen["open"] = words
        if room.phase == "revealed":
            assert " vote." in words or " votes." in words, words
            seen["revealed"] = words
        assert "3 phones joined" in words and "K7QM" in words
        assert "Facilitator's notes (on your screen only)" in words and flow.control.workshop.scenario.title in words
    assert ws.ended and {"line", "open", "revealed"} <= set(seen)
    assert len(announcements) > 20  # each step said something new, not only the window's title
    app.close()


def test_watch_phones_say_prediction_and_play_phones_say_vote() -> None:
    """On a phone, a watch-and-predict choice is 'Your prediction', a play-together one 'Your vote'."""
    scenario = load_scenario(ROOT / "scenarios" / "campbell-care-act").scenario
    assert scenario is not None
    for mode, word in (("watch", "prediction"), ("play", "vote")):
        room = Room("K7QM", mode)  # type: ignore[arg-type]
        ws = Workshop.start(scenario, mode, room)  # type: ignore[arg-type]
        phone = room.join("K7QM")
        for _ in range(200):
            if ws.stage == "question":
                break
            ws.forward()
        ws.forward()  # voting opens
        question = room.question
        assert question is not None
        room.vote(phone, question.options[0].id)
        html = fragment(room.view(phone), Case(scenario.title, mode=mode), 0.0)
        assert f"Your {word}: A." in html and f'<span class="mine">Your {word}</span>' in html
        other = "vote" if word == "prediction" else "prediction"
        assert f"Your {other}" not in html
