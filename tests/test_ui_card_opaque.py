"""A card opening over play at 1920x1080 (feedback after a choice): the dimmed picture of the window is copied only
where the card does not paint every pixel itself (issue 13's paging frames: a copy of most of a million pixels saved).

Every frame is checked against a whole redraw, pixel for pixel (tests/test_ui_dirty.py's screen copy)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import HARRIS, reading
from test_ui_dirty import Screen, into_play, press, step, walk

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit import layer

pytestmark = pytest.mark.ui


def test_feedback_opens_over_the_dimmed_window_without_copying_it_under_the_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    screen = Screen(monkeypatch)
    copied: list[pygame.Rect] = []
    real = layer.outside

    def outside(rect, covers):  # type: ignore[no-untyped-def]
        parts = real(rect, covers)
        copied.extend(parts)
        return parts

    monkeypatch.setattr(layer, "outside", outside)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    opened = 0
    for _ in range(150):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)  # the window dimmed ahead while the decision is read
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        copied.clear()
        step(d, screen, "a key", press(pygame.K_1 if choosing else pygame.K_RETURN))
        if choosing and d.top.name == "feedback" and copied:
            card = d.top.opaque()
            assert card is not None and card.width * card.height > 300_000
            assert not any(part.colliderect(card) for part in copied), f"the dimmed window was copied under the card {card}: {copied}"
            opened += 1
    assert opened >= 5, opened
    d.app.close()



def test_turning_a_feedback_cards_page_copies_the_window_beneath_only_around_the_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Page Down on a feedback card of several pages (1024x600, largest text) redraws the card over the dimmed window
    beneath, which is copied back only where the card does not paint every pixel (App._draw_over)."""
    screen = Screen(monkeypatch)
    copied: list[pygame.Rect] = []
    real = layer.outside

    def outside(rect, covers):  # type: ignore[no-untyped-def]
        parts = real(rect, covers)
        if sys._getframe(1).f_code.co_name == "_draw_over":  # the window beneath copied back (not the card's own backdrop)
            copied.extend(parts)
        return parts

    monkeypatch.setattr(layer, "outside", outside)
    d = Driver(make_app(tmp_path, HARRIS, size=(1024, 600), settings=Settings(text_size=3)))
    into_play(d, screen)
    turned = 0
    for top, key in walk(d, 150, reading):
        if top.name == "feedback" and top.page + 1 < len(top.pages):
            copied.clear()
            step(d, screen, "Page Down on a feedback card", press(pygame.K_PAGEDOWN))
            card = d.top.opaque()
            assert d.app.updated is not None and card is not None and copied
            assert not any(part.colliderect(card) for part in copied), f"the window beneath was copied under the card {card}: {copied}"
            turned += 1
            continue
        step(d, screen, "a key", key)
    assert turned >= 3, turned
    d.app.close()


def test_a_card_screen_draws_its_backdrop_only_around_the_cards_opaque_middle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The prebrief's pages and the watch mode's cards at 1920x1080: the place behind a card is drawn only where the card
    does not paint every pixel (copying it under the card too was a million pixels a frame), and every frame equals a
    whole redraw."""
    from simulator.ui.kit import document

    screen = Screen(monkeypatch)
    parts: list[tuple[pygame.Rect, list[pygame.Rect]]] = []
    real = document.outside

    def outside(rect, covers):  # type: ignore[no-untyped-def]
        got = real(rect, covers)
        parts.append((covers[0], got))
        return got

    monkeypatch.setattr(document, "outside", outside)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("watch")
    for _ in range(4):  # the list of episodes, then the first one's card
        if d.top.name == "watch-intro":
            break
        step(d, screen, "the watch mode", press(pygame.K_RETURN))
    cards = 0
    for _ in range(120):  # a clicker's Page Down through the card, both versions and the cards after them
        parts.clear()
        step(d, screen, "a clicker's Page Down", press(pygame.K_PAGEDOWN))
        if parts and d.top.name in ("watch-intro", "watch-between", "watch-closing"):
            for band, drawn in parts:
                assert band.width * band.height > 300_000 and not any(p.colliderect(band) for p in drawn), (band, drawn)
            cards += 1
    assert cards >= 2, cards
    d.app.close()
