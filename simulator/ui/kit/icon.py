"""The window's icon: the title screen's front door, drawn small, in place of pygame's own.

A window given no icon shows pygame-ce's snake in the task bar, the dock
and the window switcher, which tells a trainee with several windows open
nothing. Drawing the door here also spares the first frame pygame's loading
of that default picture from inside its package (``importlib.resources``
and ``zipfile`` imported for it: about 3 ms of a 55 ms bare window, issue 13).
The icon must be set before the window is first opened, as some systems
never change it afterwards.
"""

from __future__ import annotations

import contextlib

import pygame

SIZE = 64  # window managers scale it to what they show; 64 px stays sharp at 32 and 48

WALL = (232, 226, 214)
FRAME = (205, 196, 180)
DOOR = (74, 118, 122)
GLASS = (226, 236, 232)
KNOB = (222, 190, 120)
STEP = (186, 178, 166)


def door_icon() -> pygame.Surface:
    """The title's door (its everyday colours) on a transparent square: frame, door, glass, knob and step."""
    icon = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    pygame.draw.rect(icon, WALL, (4, 4, 56, 56), border_radius=10)
    frame = pygame.Rect(14, 8, 36, 46)
    pygame.draw.rect(icon, FRAME, frame, border_top_left_radius=18, border_top_right_radius=18)
    door = frame.inflate(-8, -4)
    door.bottom = frame.bottom
    pygame.draw.rect(icon, DOOR, door, border_top_left_radius=14, border_top_right_radius=14)
    pygame.draw.rect(icon, GLASS, (door.centerx - 7, door.y + 6, 14, 8), border_radius=3)
    pygame.draw.circle(icon, KNOB, (door.right - 6, door.centery + 3), 3)
    pygame.draw.rect(icon, STEP, (frame.x - 4, frame.bottom, frame.width + 8, 5), border_radius=2)
    return icon


def set_window_icon() -> None:
    """Give the window its door before it opens (a driver that cannot show icons ignores it)."""
    with contextlib.suppress(pygame.error):
        pygame.display.set_icon(door_icon())
