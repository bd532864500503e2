"""The window's picture, dimmed ahead, for a card about to open over it.

A card (feedback after a choice, pause, the glossary) opens over play with
everything beneath it dimmed: at 1920x1080 a multiply over the whole window
and a copy of it, the most part of that frame's work. While the trainee reads
the page, the window keeps a dimmed copy of its own picture up to date (an
idle task: all of it after a whole frame, only the rectangles sent after a
partial one), so the frame that opens the card copies that instead. The copy
is keyed by what the window shows (its scenes and look); the rectangles sent
since the last idle moment are brought up to date as the card opens.
"""

from __future__ import annotations

import pygame

from simulator.ui.kit.look import Look


class Dimmed:
    """A dimmed copy of the window's picture: what it shows, and the rectangles sent since it was brought up to date."""

    def __init__(self) -> None:
        self.shown: object = None  # the scenes and look the window showed when it was last brought up to date
        self.surface: pygame.Surface | None = None
        self.stale: list[pygame.Rect] | None = None  # sent since (None: all of it)

    def sent(self, shown: object, rects: list[pygame.Rect] | None) -> None:
        """The window now shows ``shown``, changed within ``rects`` (None: all of it)."""
        if shown != self.shown or rects is None or self.stale is None:
            self.shown, self.stale = shown, None
        else:
            self.stale.extend(rects)

    def current(self, shown: object) -> bool:
        return self.shown == shown and self.stale == [] and self.surface is not None

    def refresh(self, window: pygame.Surface, shown: object, look: Look) -> None:
        """Bring the copy up to date with the window, which shows ``shown`` (as its last frame)."""
        size = window.get_size()
        if self.surface is None or self.surface.get_size() != size:
            self.surface, self.stale = pygame.Surface(size).convert(), None
        if self.shown != shown:
            self.stale = None
        for rect in [window.get_rect()] if self.stale is None else self.stale:
            self.surface.blit(window, rect, rect)
            look.scrim(self.surface, rect)
        self.shown, self.stale = shown, []

    def take(self, window: pygame.Surface, shown: object, look: Look, spare: pygame.Surface | None) -> pygame.Surface | None:
        """The window's picture dimmed, if the copy is of what it shows (``shown``); it is then the caller's, and ``spare`` is kept instead."""
        surface = self.surface
        if surface is None or self.shown != shown or self.stale is None or surface.get_size() != window.get_size():
            return None
        for rect in self.stale:  # sent since the last idle moment: a few strips
            surface.blit(window, rect, rect)
            look.scrim(surface, rect)
        self.surface, self.shown, self.stale = spare, None, None
        return surface
