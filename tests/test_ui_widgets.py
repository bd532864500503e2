"""Buttons and focus: Tab and arrows move a visible focus, Enter and numbers activate, long columns show whole buttons."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.kit.fonts import Fonts
from simulator.ui.kit.look import Look
from simulator.ui.kit.text import TextCache
from simulator.ui.kit.theme import CALM
from simulator.ui.kit.widgets import Button, ButtonGroup


@pytest.fixture
def look():
    pygame.display.init()
    surface = pygame.display.set_mode((1280, 720))
    yield Look(Fonts(), surface.get_size(), 1, CALM, TextCache())
    pygame.display.quit()


def key(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="")


def group(n: int = 3, **kw) -> tuple[ButtonGroup, list[str]]:
    pressed: list[str] = []
    buttons = [Button(f"Option {i}", (lambda i=i: pressed.append(f"b{i}")), number=i, key=f"b{i}", **kw) for i in range(1, n + 1)]
    return ButtonGroup(buttons, arrows="vertical"), pressed


def test_tab_and_arrows_move_focus_and_wrap():
    """Tab and Down step forward, Shift+Tab and Up step back, and focus wraps at the ends."""
    g, _ = group()
    assert g.focused.key == "b1"
    g.handle(key(pygame.K_TAB))
    g.handle(key(pygame.K_DOWN))
    assert g.focused.key == "b3"
    g.handle(key(pygame.K_TAB))
    assert g.focused.key == "b1"
    g.handle(key(pygame.K_TAB, pygame.KMOD_SHIFT))
    g.handle(key(pygame.K_UP))
    assert g.focused.key == "b2"


def test_enter_space_and_number_keys_activate():
    """Enter and Space activate the focused button; a number key activates its numbered button."""
    g, _ = group()
    assert g.handle(key(pygame.K_RETURN))[1].key == "b1"
    assert g.handle(key(pygame.K_SPACE))[1].key == "b1"
    assert g.handle(key(pygame.K_3))[1].key == "b3"
    assert g.focused.key == "b3"
    assert g.handle(key(pygame.K_9))[1] is None


def test_disabled_buttons_are_skipped_and_never_activate():
    """A disabled button takes no focus, and neither its number nor a click activates it."""
    g, _ = group()
    g.buttons[1].enabled = False
    g.handle(key(pygame.K_TAB))
    assert g.focused.key == "b3"
    assert g.handle(key(pygame.K_2))[1] is None


def test_click_activates_and_focuses(look: Look):
    """A click on a button activates it and moves the focus there."""
    g, _ = group()
    g.place_column(look, 10, 10, 400, 600)
    target = g.buttons[2].rect.center
    g.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=target, rel=(0, 0), buttons=(0, 0, 0)))
    assert g.hover == 2
    _, pressed = g.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=target, button=1))
    assert pressed is g.buttons[2] and g.focus == 2


def test_long_column_shows_whole_buttons_around_the_focus(look: Look):
    """Eight buttons in room for three: only whole buttons are placed, inside the box, and focus scrolls the window."""
    g, _ = group(8)
    box = pygame.Rect(10, 10, 500, 3 * g.buttons[0].measure(look, 500) + 60)
    g.place_column(look, *box)
    placed = [b for b in g.buttons if b.rect is not None]
    assert 1 <= len(placed) < 8 and g.more_below
    assert all(box.contains(b.rect) for b in placed)
    for _ in range(7):
        g.handle(key(pygame.K_DOWN))
        assert g.focused.rect is not None and box.contains(g.focused.rect)
    assert g.more_above and not g.more_below


def test_label_wraps_and_the_button_grows(look: Look):
    """A label longer than the button is wrapped onto more rows and the button is taller, never clipped."""
    short = Button("Go").measure(look, 300)
    tall = Button("Explain plainly why you have come, show your ID, and ask whether now is a good time to talk").measure(look, 300)
    assert tall > 2 * short - look.m.u(30)


def test_focus_ring_is_drawn_outside_the_focused_button(look: Look):
    """The focused button gets a ring in the focus colour around it; an unfocused one does not."""
    surface = pygame.display.get_surface()
    g, _ = group(2)
    g.place_column(look, 100, 100, 400, 400)
    surface.fill((0, 0, 0))
    g.draw(surface, look)
    ring_at = lambda b: surface.get_at((b.rect.centerx, b.rect.y - look.m.focus_width // 2 - 2))[:3]  # noqa: E731
    assert ring_at(g.buttons[0]) == CALM.focus
    assert ring_at(g.buttons[1]) != CALM.focus
