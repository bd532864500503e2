"""Where the window's display is, so full screen covers it whole (a projector's display included).

SDL asks the window manager to make a window full screen and to put it on its
display. Without a window manager (Xvfb alone, a kiosk, some workshop PCs) nobody
moves it: the window grew to the display's size where the windowed one stood,
and the picture was cut off at the right and the bottom. So before going full
screen the window is moved to the top-left corner of the display it is on (SDL's
rule: the display holding its centre), and given back its place on the way out.

pygame-ce tells the displays' sizes but not where they lie; a hidden window
of a display's size centred on that display (SDL_WINDOWPOS_CENTERED_DISPLAY)
sits exactly at its corner, so each display's bounds are read from one, made
and destroyed at once (a few milliseconds, only when full screen is switched).
"""

from __future__ import annotations

import contextlib
import warnings

import pygame

CENTERED_DISPLAY = 0x2FFF0000  # SDL_WINDOWPOS_CENTERED_DISPLAY(0): or'ed with a display's index


def display_bounds() -> list[pygame.Rect]:
    """Every display's rectangle in the desktop's coordinates (index = SDL's display index); [] if unknown."""
    bounds: list[pygame.Rect] = []
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return []
    for index, size in enumerate(sizes):
        where = CENTERED_DISPLAY | index
        try:
            probe = pygame.Window("", size, position=(where, where), hidden=True)
        except (pygame.error, TypeError, ValueError):
            return []
        try:
            bounds.append(pygame.Rect(probe.position, size))
        finally:
            probe.destroy()
    return bounds


def display_of(window: pygame.Rect, bounds: list[pygame.Rect]) -> int:
    """The display a window is on, as SDL decides it: the one holding its centre, else the nearest to it."""
    centre = window.center
    best, best_distance = 0, None
    for index, rect in enumerate(bounds):
        if rect.collidepoint(centre):
            return index
        nearest = (min(max(centre[0], rect.left), rect.right - 1), min(max(centre[1], rect.top), rect.bottom - 1))
        distance = (centre[0] - nearest[0]) ** 2 + (centre[1] - nearest[1]) ** 2
        if best_distance is None or distance < best_distance:
            best, best_distance = index, distance
    return best


def to_display_corner() -> tuple[int | None, tuple[int, int] | None]:
    """Move a windowed window to the corner of its display, ready to go full screen there.

    Returns the display's index (for ``set_mode(..., display=)``; None: no window
    yet, or unknown, so pygame chooses) and where the window stood (to give it
    back on leaving full screen; None if it did not move).
    """
    if pygame.display.get_surface() is None or pygame.display.is_fullscreen():
        return None, None
    at = pygame.display.get_window_position()
    bounds = display_bounds()
    if not bounds:
        return None, None
    index = display_of(pygame.Rect(at, pygame.display.get_window_size()), bounds)
    corner = bounds[index].topleft
    if tuple(at) == corner:
        return index, None
    pygame.display.set_window_position(corner)
    return index, (int(at[0]), int(at[1]))


def back_to(place: tuple[int, int] | None) -> None:
    """Put a window just out of full screen back where it stood before (SDL would leave it at the display's corner)."""
    if place is None:
        return
    with contextlib.suppress(pygame.error), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pygame.display.set_window_position(place)
