"""The next moment drawn ahead stays current across mood frames: shown, nothing of it is drawn afresh.

While the last page of a moment is read, the next moment is laid out and its first page drawn ahead (flow/play.py),
its people at the mood frame then on screen. Someone whose mood moves has a new frame every 0.9 s, so by the time
the page was read that drawing was stale, and Continue repainted the new moment's people and drew its panel, text
and buttons afresh in that frame. It is now drawn again, ahead, at each mood frame (PlayScene._moment_again). And a
card read over play (feedback, a new episode's card) no longer moves play's people on by the time it was read in the
frame that closes it (the people stand still under a card), which made the moment drawn ahead while the card was
read stale in the same way. Every frame is checked against a whole redraw, pixel for pixel (tests/test_ui_dirty.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import HARRIS, Counts
from test_ui_dirty import Screen, draw_counts, into_play, press, step

from simulator.ui.driver import Driver, make_app
from simulator.ui.play import picture

pytestmark = pytest.mark.ui


def reading(d: Driver) -> None:
    """A page or card read to the end: the loop's waiting work, pictures arriving, and the work waiting on them, done."""
    for _ in range(10):
        while d.app.run_task():
            pass
        busy = d.app.art.busy
        d.settle()
        if not busy and not d.app.tasks:
            return


def test_a_new_moment_drawn_ahead_is_shown_as_drawn_after_mood_frames_and_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    screen = Screen(monkeypatch)
    counts = Counts(monkeypatch)
    drawn = draw_counts(monkeypatch, picture)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    after_page = after_card = moved = 0
    for _ in range(200):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)
        play = next((s for s in d.app.stack if s.name == "play"), None)
        if play is None:
            step(d, screen, "a key", press(pygame.K_RETURN))
            continue
        choosing = top is play and play.stages[play.index][0] == "choose"
        last_page = top is play and not choosing and play.index == len(play.stages) - 1
        tick = play.stage.tick
        if last_page:  # mood frames while the last page is read, the next moment drawn ahead already
            for _ in range(2):
                step(d, screen, "a mood frame while the last page is read", dt=1.0)
                reading(d)
        adopted, shown, before = counts.adopted, counts.shown, dict(drawn)
        # A card is read for a while before it is closed: the loop's time step for that press is the time it was read.
        d.app.step(press(pygame.K_1 if choosing else pygame.K_RETURN), dt=0.0 if top is play else 4.0)
        after = dict(drawn)
        screen.check(d, "a key")  # (which draws the screen whole, to compare)
        if d.top is not play or counts.adopted == adopted or counts.shown == shown:
            continue  # not a new moment shown from what was drawn ahead (a card came first, or it was not ready)
        assert after == before, f"a moment drawn ahead was drawn again as it was shown ({after} after {before})"
        if top is play:
            after_page += 1
            moved += play.stage.tick != tick
        else:
            after_card += 1
            assert play.stage.tick == tick, "the people moved on by the time a card was read over them"
    assert after_page >= 5 and moved >= 3 and after_card >= 10, (after_page, moved, after_card)
    d.app.close()
