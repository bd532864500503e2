"""A change within a card over the window (a feedback card's page turned, the focus moved in it or in pause) draws only the card.

The picture beneath an overlay is kept dimmed (App._under); when it has not
changed, the app copies it back under the card only and draws the card there,
clipped (App._draw_over, Scene.drawn_within), and sends only that part. What
the screen shows must equal the card drawn whole over the picture beneath.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead_cards import HARRIS, press, reading
from test_ui_ahead_pictures import fresh
from test_ui_dirty import Screen

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui


def same(d: Driver) -> bool:
    """The window equals the card on top drawn afresh (not from a picture drawn ahead), whole, over the picture beneath."""
    if hasattr(d.top, "_picture"):
        whole = fresh(d)
    else:
        whole = pygame.Surface(d.app.surface.get_size()).convert(d.app.surface)
        whole.blit(d.app._under[1], (0, 0))
        d.top.draw(whole)
    return pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(whole, "RGB")


def sent_within_card(d: Driver) -> bool:
    """The last frame sent part of the window, all of it over the card on top (with room for its focus rings)."""
    area = d.top.drawn_within()
    sent = d.app.updated
    return sent is not None and area is not None and all(area.contains(r) for r in sent) and all(r.width * r.height < d.app.surface.get_width() * d.app.surface.get_height() for r in sent)


@pytest.mark.parametrize(("size", "settings"), [((1920, 1080), Settings()), ((1024, 600), Settings(text_size=3, high_contrast=True))])
def test_a_feedback_cards_page_turn_and_focus_move_draw_only_the_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], settings: Settings):
    """Through Harris's decisions: on each feedback card, Tab and (where it has pages) Page Down and Page Up send only the card, and the screen equals the card drawn afresh over the picture beneath."""
    screen = Screen(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=size, settings=settings))
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)
    cards = turned = 0
    for _ in range(300):
        top = d.top
        if top.name in ("ending", "debrief") or cards >= 5:
            break
        reading(d)
        if top.name == "feedback":
            cards += 1
            keys = [pygame.K_TAB] + ([pygame.K_PAGEDOWN, pygame.K_TAB, pygame.K_PAGEUP] if len(top.pages) > 1 else [])
            for key in keys:
                press(d, key)
                assert d.top is top
                assert sent_within_card(d), f"key {key} on a feedback card sent {d.app.updated}, not only the card"
                assert same(d), f"key {key}: the screen differs from the card drawn afresh over the picture beneath"
                screen.check(d, f"a feedback card after key {key}")
                reading(d)
            turned += len(top.pages) > 1
            press(d, pygame.K_RETURN)
            continue
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        press(d, pygame.K_1 if choosing else pygame.K_RETURN)
    assert cards >= 5
    if size == (1024, 600):
        assert turned >= 1, "some feedback card should have pages at 1024x600 with the largest text (else no page turn was checked)"
    d.app.close()


def paused(tmp_path: Path) -> Driver:
    """A new Harris playthrough at 1920x1080, its first moment read, then paused (Escape): the pause card over play."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 30)
    reading(d)
    press(d, pygame.K_ESCAPE)
    assert d.top.name == "pause"
    return d


def test_pause_over_play_moves_its_focus_drawing_only_its_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Pause over a moment at 1920x1080: moving the focus down and up sends only the pause card, equal to it drawn whole; the first frame is whole."""
    screen = Screen(monkeypatch)
    d = paused(tmp_path)
    assert d.app.updated is None
    for key in (pygame.K_DOWN, pygame.K_DOWN, pygame.K_UP):
        press(d, key)
        assert sent_within_card(d), f"key {key} in pause sent {d.app.updated}"
        assert same(d)
        screen.check(d, f"pause after key {key}")
    d.app.close()


def test_a_card_that_changes_its_size_is_drawn_where_it_was_as_well(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An overlay whose card shrinks between frames leaves none of its old card behind: the part it drew last is drawn over again too."""
    screen = Screen(monkeypatch)
    d = paused(tmp_path)
    pause = d.top
    big = pause.card.copy()
    pause.card = big.inflate(-200, -120)  # as if laid out smaller, the window and the scenes beneath unchanged
    pause.group.place_column(d.app.look, pause.card.x + 40, pause.card.y + 150, pause.card.width - 80, pause.card.height - 200)
    press(d, pygame.K_DOWN)
    assert d.app.updated is not None and any(r.contains(big) for r in d.app.updated), d.app.updated
    assert same(d)
    screen.check(d, "pause, its card shrunk")
    d.app.close()
