"""The play screen's stage for a narrow pane, with name plates kept apart when people stand close.

Side by side, each version's stage is half the window wide, so a meeting
of six puts their name plates on top of one another. Here plates that
would overlap go on a second or third row (a little lower, over the
shoulders); only when even that is not enough does a plate drop its mood
word, and the mood still shows in the picture.
"""

from __future__ import annotations

import pygame

from simulator.engine.stage import Person
from simulator.ui.kit.art import ArtCache
from simulator.ui.kit.look import Look
from simulator.ui.kit.stage import Stage


class PaneStage(Stage):
    """A stage whose name plates are laid out together, in rows, so none covers another."""

    ROWS = 3

    def draw(self, surface: pygame.Surface, look: Look, art: ArtCache) -> None:
        self._plates: list[tuple[Person, pygame.Rect]] = []
        super().draw(surface, look, art)
        self._draw_plates(surface, look)

    def _plate(self, surface: pygame.Surface, look: Look, fig: Person, body: pygame.Rect) -> None:
        self._plates.append((fig, body))  # drawn together afterwards, so they can be spaced out

    def _draw_plates(self, surface: pygame.Surface, look: Look) -> None:
        p = look.palette
        m = look.m
        h = look.typeset.line_height("small") + m.u(6)
        gap = m.u(6)
        ends = [-(1 << 30)] * self.ROWS
        bounds = pygame.Rect(0, self.area.y, look.size[0], look.size[1])
        for fig, body in sorted(self._plates, key=lambda item: item[1].centerx):
            speaking = self.speaks(fig)
            name = look.cache.render(look.typeset.font("small-bold"), self.plate_name(fig), p.on_accent if speaking else p.text)
            mood = look.cache.render(look.typeset.font("small-italic"), f"  {fig.mood}", p.on_accent if speaking else p.muted) if fig.mood else None
            for with_mood in (True, False):
                w = name.get_width() + (mood.get_width() if mood is not None and with_mood else 0) + 2 * m.u(10)
                rect = pygame.Rect(0, 0, w, h)
                rect.midbottom = (body.centerx, body.y - m.u(4))
                rect.clamp_ip(bounds)
                row = next((r for r in range(self.ROWS) if rect.x >= ends[r] + gap), None)
                if row is not None:
                    break
            if row is None:
                row = min(range(self.ROWS), key=lambda r: ends[r])
            ends[row] = rect.right
            rect.y += row * (h + m.u(4))
            pygame.draw.rect(surface, p.accent if speaking else p.surface, rect, border_radius=h // 2)
            if look.high_contrast:
                pygame.draw.rect(surface, p.text, rect, p.border_width, border_radius=h // 2)
            x = rect.x + m.u(10)
            y = rect.y + (h - name.get_height()) // 2
            for surf in (name, mood if with_mood else None):
                if surf is None:
                    continue
                drawn = surface.blit(surf, (x, y), area=pygame.Rect(0, 0, max(0, rect.right - m.u(10) - x), surf.get_height()))
                if look.log is not None:
                    look.log(drawn, rect)
                x += surf.get_width()
