"""Watch side by side at 1920x1080: what a clicker's Page Down costs (issue 13's frame times).

A beat drawn ahead (watch/ahead.py) is shown by copies only. These tests check
that it stays so when the people's mood frame moves on between drawing it ahead
and showing it (it is drawn again, ahead, at the new mood frame), and that
painting part of the window fills only what the panes leave uncovered. Every
frame is also checked against a whole redraw, pixel for pixel
(tests/test_ui_dirty.py's screen copy).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import reading, watch_ahead_used
from test_ui_dirty import Screen, draw_counts, into_side_by_side, press, step

from simulator.ui.kit.layer import outside
from simulator.ui.watch import pane_picture

pytestmark = pytest.mark.ui


def test_outside_is_the_part_of_a_rectangle_no_cover_takes_in():
    """Random rectangles and covers: the pieces lie in the rectangle, miss every cover, never overlap, and with the
    covers' parts inside it make up every pixel of it."""
    rng = random.Random(13)
    for _ in range(300):
        rect = pygame.Rect(rng.randint(-5, 20), rng.randint(-5, 20), rng.randint(0, 40), rng.randint(0, 40))
        covers = [pygame.Rect(rng.randint(-10, 40), rng.randint(-10, 40), rng.randint(0, 30), rng.randint(0, 30)) for _ in range(rng.randint(0, 4))]
        pieces = outside(rect, covers)
        counted: dict[tuple[int, int], int] = {}
        for piece in pieces:
            assert piece.width > 0 and piece.height > 0 and rect.contains(piece)
            assert not any(piece.colliderect(c) for c in covers)
            for x in range(piece.left, piece.right):
                for y in range(piece.top, piece.bottom):
                    counted[(x, y)] = counted.get((x, y), 0) + 1
        assert all(n == 1 for n in counted.values())
        for x in range(rect.left, rect.right):
            for y in range(rect.top, rect.bottom):
                assert ((x, y) in counted) != any(c.collidepoint(x, y) for c in covers)


def test_side_by_side_the_two_panes_are_covered_by_their_own_pictures_and_only_the_rest_is_filled():
    """Two panes with a gap between them and the strip below: only the gap and the strip are left to fill."""
    window = pygame.Rect(0, 0, 1920, 1062)
    panes = [pygame.Rect(0, 0, 956, 1062), pygame.Rect(964, 0, 956, 1062)]
    assert outside(window, panes) == [pygame.Rect(956, 0, 8, 1062)]
    assert outside(pygame.Rect(10, 10, 100, 100), panes) == []
    assert outside(pygame.Rect(900, 1000, 100, 100), panes) == [pygame.Rect(900, 1062, 100, 38), pygame.Rect(956, 1000, 8, 62)]


def test_a_mood_frame_between_drawing_a_beat_ahead_and_showing_it_leaves_nothing_to_draw_at_page_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """People whose mood has a second frame move on every 0.9 s: the beats drawn ahead are drawn again at the new frame
    while the room reads, so a Page Down after it takes both panes' pictures as they are (no still part or panel drawn
    in that frame), and shows exactly what a whole redraw shows."""
    screen = Screen(monkeypatch)
    used = watch_ahead_used(monkeypatch)
    drawn = draw_counts(monkeypatch, pane_picture)
    d = into_side_by_side(tmp_path, screen)
    checked = moved = 0
    for _ in range(40):
        scene = d.top
        if not scene.name.startswith("watch-side"):
            break
        reading(d)  # each pane's next beat drawn ahead
        ticks = [pane.stage.tick for pane in scene.panes]
        step(d, screen, "a mood frame", dt=1.0)
        ticked = ticks != [pane.stage.tick for pane in scene.panes]
        reading(d)
        before, beats = dict(drawn), used["beats"]
        d.app.step(press(pygame.K_PAGEDOWN), dt=0.0)
        after = dict(drawn)
        screen.check(d, "a clicker's Page Down")
        if d.top is scene and used["beats"] - beats == len(scene.panes):  # both panes showed the beat drawn ahead
            assert after == before, f"a beat drawn ahead was drawn again as it was shown ({after} after {before})"
            checked += 1
            moved += ticked
    assert checked >= 10 and moved >= 5, (checked, moved)
    d.app.close()


def test_a_new_beat_redraws_the_strips_words_but_not_its_buttons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each Page Down changes the strip's "25 of 56": only those words are drawn again, apart from the panes' rectangle
    (joined with it, the whole strip was drawn under it, buttons and all), and the screen equals a whole redraw."""
    from simulator.ui.kit.widgets import ButtonGroup

    screen = Screen(monkeypatch)
    d = into_side_by_side(tmp_path, screen)
    drawn: list[object] = []
    real_draw = ButtonGroup.draw

    def draw(group, surface, look):  # type: ignore[no-untyped-def]
        drawn.append(group)
        real_draw(group, surface, look)

    monkeypatch.setattr(ButtonGroup, "draw", draw)
    checked = 0
    for _ in range(30):
        scene = d.top
        if not scene.name.startswith("watch-side"):
            break
        reading(d)
        status = list(scene.status)
        drawn.clear()
        d.app.step(press(pygame.K_PAGEDOWN), dt=0.0)
        mine = [group for group in drawn if group is scene.group]
        screen.check(d, "a clicker's Page Down")
        if d.top is scene and scene.status != status and d.app.updated is not None:
            assert not mine, f"the strip's buttons were drawn again for a new beat (sent {d.app.updated})"
            assert any(rect.contains(scene.status_rect) for rect in d.app.updated)
            checked += 1
    assert checked >= 10
    d.app.close()
