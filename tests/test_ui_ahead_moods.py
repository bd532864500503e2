"""A page of play drawn ahead stays current when the people's mood frame moves on while the trainee reads.

Someone whose mood has a second frame moves every 0.9 s, so by the time a trainee has read a page the next one,
drawn ahead, showed them at an older frame: turning to it repainted them and drew its panel, text and buttons
afresh in that frame (most of a millisecond at 1920x1080). It is now drawn again, ahead, at each mood frame.

The next moment, laid out and its first page drawn ahead while the last page is read (flow/play.py), likewise: it is
drawn again ahead at each mood frame (PlayScene._moment_again). And a card read over play (feedback, a new episode's
card) no longer moves play's people on by the time it was read in the frame that closes it (the people stand still
under a card), which made the moment drawn ahead while the card was read stale in the same way.
Every frame is checked against a whole redraw, pixel for pixel (tests/test_ui_dirty.py's screen copy)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import HARRIS, Counts, reading
from test_ui_dirty import Screen, draw_counts, into_play, press, step, walk

from simulator.ui.driver import Driver, make_app
from simulator.ui.play import picture

pytestmark = pytest.mark.ui


def in_play(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Driver, Screen, Counts, dict[str, int]]:
    """Harris at 1920x1080 in play, with every frame checked, pages and moments drawn ahead counted, and what is drawn counted."""
    screen = Screen(monkeypatch)
    counts = Counts(monkeypatch)
    drawn = draw_counts(monkeypatch, picture)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    return d, screen, counts, drawn


def test_turning_to_a_page_drawn_ahead_after_a_mood_frame_draws_nothing_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d, screen, counts, drawn = in_play(tmp_path, monkeypatch)
    checked = moved = 0
    for _ in range(150):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)
        if top.name != "play" or top.stages[top.index][0] == "choose" or top.index + 1 >= len(top.stages):
            step(d, screen, "a key", press(pygame.K_1 if top.name == "play" and top.stages[top.index][0] == "choose" else pygame.K_RETURN))
            continue
        tick = top.stage.tick
        step(d, screen, "a mood frame while the page is read", dt=1.0)
        reading(d)
        before, shown = dict(drawn), counts.shown
        d.app.step(press(pygame.K_RETURN), dt=0.0)
        after = dict(drawn)
        screen.check(d, "turning the page")
        if d.top is top and counts.shown > shown:  # the page drawn ahead was shown
            assert after == before, f"a page drawn ahead was drawn again as it was shown ({after} after {before})"
            checked += 1
            moved += top.stage.tick != tick
    assert checked >= 10 and moved >= 5, (checked, moved)
    d.app.close()


def test_a_new_moment_drawn_ahead_is_shown_as_drawn_after_mood_frames_and_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d, screen, counts, drawn = in_play(tmp_path, monkeypatch)
    after_page = after_card = moved = 0
    for top, key in walk(d, 200, Driver.read):
        play = next((s for s in d.app.stack if s.name == "play"), None)
        if play is None:
            step(d, screen, "a key", key)
            continue
        last_page = top is play and play.stages[play.index][0] == "read" and play.index == len(play.stages) - 1
        tick = play.stage.tick
        if last_page:  # mood frames while the last page is read, the next moment drawn ahead already
            for _ in range(2):
                step(d, screen, "a mood frame while the last page is read", dt=1.0)
                d.read()
        adopted, shown, before = counts.adopted, counts.shown, dict(drawn)
        # A card is read for a while before it is closed: the loop's time step for that press is the time it was read.
        d.app.step(key, dt=0.0 if top is play else 4.0)
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
