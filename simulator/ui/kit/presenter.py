"""A facilitator's keys, said once for every projected screen: clickers, a blank screen, full screen.

Presentation clickers send Page Down and Page Up (some Right and Left);
the room's habit from slide software is B (or the full stop) for a black
screen and F (or F11, which the app takes anywhere) for full screen. The
watch mode uses them, and so can any mode a facilitator projects.
:class:`BlankScene` is the black screen: it sits on top of the stack, so
whatever is beneath keeps still (a watch beat's timer does not run) until
any key or click takes it away.
"""

from __future__ import annotations

from typing import Any, Literal

import pygame

from simulator.ui.kit.scene import Moves, Scene

Press = Literal["next", "previous", "blank", "fullscreen"]

NEXT_KEYS = (pygame.K_PAGEDOWN,)
PREVIOUS_KEYS = (pygame.K_PAGEUP,)
BLANK_KEYS = (pygame.K_b, pygame.K_PERIOD)
FULLSCREEN_KEYS = (pygame.K_f,)
KEYS_TEXT = "Page Down and Page Up (or a clicker) step on and back, B blanks the screen, F is full screen"


def presenter_key(event: pygame.event.Event) -> Press | None:
    """What a facilitator's key press asks for (None: not one of theirs)."""
    if event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return None
    if event.key in NEXT_KEYS:
        return "next"
    if event.key in PREVIOUS_KEYS:
        return "previous"
    if event.key in BLANK_KEYS:
        return "blank"
    if event.key in FULLSCREEN_KEYS:
        return "fullscreen"
    return None


class BlankScene(Scene[Moves]):
    """A black screen while the room talks; any key or click brings the screen back as it was."""

    name = "blank"

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN or (event.type == pygame.MOUSEBUTTONUP and event.button == 1):
            self.moves.close(self)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((0, 0, 0))

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name,)
