"""A facilitator's keys: a keyboard, or a presentation clicker (which sends PageDown, PageUp, B or a full stop, F5, Escape).

Any screen a facilitator drives in front of a room (the workshop's projector,
and the watch mode) reads keys through :func:`command`, so a clicker does the
same thing everywhere: forward, back, blank the screen, full screen.
"""

from __future__ import annotations

from typing import Literal

import pygame

Command = Literal["forward", "back", "blank", "fullscreen"]

FORWARD_KEYS = (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
BACK_KEYS = (pygame.K_PAGEUP, pygame.K_LEFT, pygame.K_BACKSPACE)
BLANK_KEYS = (pygame.K_b, pygame.K_PERIOD, pygame.K_w)  # clickers send B or "." for a black screen
FULLSCREEN_KEYS = (pygame.K_f, pygame.K_F5)


def command(event: pygame.event.Event) -> Command | None:
    """The facilitator's command a key press means, if any (modifier keys held: none)."""
    if event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return None
    key = event.key
    if key in FORWARD_KEYS:
        return "forward"
    if key in BACK_KEYS:
        return "back"
    if key in BLANK_KEYS:
        return "blank"
    if key in FULLSCREEN_KEYS:
        return "fullscreen"
    return None
