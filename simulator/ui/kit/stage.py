"""The scene above the text: the location and the people present, in their moods.

Body language lives in the art (Fiona's leg bouncing when anxious, John on
his feet when hostile); a mood with a second frame alternates every 0.9 s,
and only while on screen and never with reduced motion. Each person wears a
name plate with their mood in words, so nothing rests on the picture alone.
"""

from __future__ import annotations

import pygame

from simulator.services.moment import Figure
from simulator.ui.kit.art import FIGURE_ASPECT, ArtCache
from simulator.ui.kit.look import Look

FRAME_S = 0.9


class Stage:
    """Background and figures for one moment, laid out in the area above the text panel."""

    def __init__(self) -> None:
        self.location = ""
        self.figures: tuple[Figure, ...] = ()
        self.speaker: str | None = None
        self.size = (1, 1)
        self.area = pygame.Rect(0, 0, 1, 1)
        self.height = 1
        self.slots: list[pygame.Rect] = []
        self.clock = 0.0
        self.tick = 0
        self.animate = True
        self.placeholder = False
        self.ready = False  # every picture on stage was drawn (not still being rasterised)
        self._shade: pygame.Surface | None = None

    def set(self, location: str, figures: tuple[Figure, ...], speaker: str | None) -> None:
        self.location, self.figures, self.speaker = location, figures, speaker

    def layout(self, look: Look, area: pygame.Rect) -> None:
        """Size the figures to stand in ``area`` (from the clock bar down to the text panel)."""
        m = look.m
        self.size = look.size
        self.area = area
        plate = look.typeset.line_height("small") + m.u(10)
        n = max(1, len(self.figures))
        height = max(8, area.height - plate - m.u(14))
        # With large text the scene is short: people stay a readable size and stand behind the text panel
        # (faces matter more than feet) rather than shrinking to dolls.
        sink = 0
        if height < look.size[1] * 0.5:
            sink = round(look.size[1] * 0.5) - height
            height += sink
        width = round(height * FIGURE_ASPECT)
        gap = m.u(24)
        room = int(area.width * 0.9)
        if n * width + (n - 1) * gap > room:
            width = max(4, (room - (n - 1) * gap) // n)
            shrunk = round(width / FIGURE_ASPECT)
            sink = max(0, sink - (height - shrunk))
            height = shrunk
        self.height = height
        self.slots = []
        for i in range(len(self.figures)):
            cx = area.x + round(area.width * (i + 1) / (n + 1))
            self.slots.append(pygame.Rect(cx - width // 2, area.bottom - height - m.u(2) + sink, width, height))

    def animated(self, art: ArtCache) -> bool:
        return self.animate and any(len(art.frames(f.id, f.mood)) > 1 for f in self.figures)

    def update(self, dt: float, art: ArtCache) -> bool:
        if not self.animated(art):
            return False
        self.clock += dt
        tick = int(self.clock / FRAME_S)
        if tick != self.tick:
            self.tick = tick
            return True
        return False

    def wake_in(self, art: ArtCache) -> float | None:
        if not self.animated(art):
            return None
        return max(0.0, (self.tick + 1) * FRAME_S - self.clock)

    def draw(self, surface: pygame.Surface, look: Look, art: ArtCache) -> None:
        bg, self.placeholder = art.background(self.location, look.size)
        self.ready = bg is not None
        if bg is None:
            surface.fill(look.palette.bg)  # for the moment it takes to draw the picture
        else:
            surface.blit(bg, (0, 0))
        if look.palette.art_dim:
            if self._shade is None or self._shade.get_size() != look.size:
                self._shade = pygame.Surface(look.size).convert()
                self._shade.set_alpha(look.palette.art_dim)
            surface.blit(self._shade, (0, 0))
        if self.placeholder:
            self._caption(surface, look, art.label(self.location))
        for i, (fig, slot) in enumerate(zip(self.figures, self.slots, strict=False)):
            frames = len(art.frames(fig.id, fig.mood)) or 1
            frame = (self.tick + i) % frames if self.animate else 0
            surf, _ = art.figure(fig.id, fig.mood, slot.height, frame)
            body = slot
            if surf is None:
                self.ready = False
            else:
                body = surf.get_rect(midbottom=slot.midbottom)
                surface.blit(surf, body)
            self._plate(surface, look, fig, body)

    def prefetch(self, look: Look, art: ArtCache, moods: list[tuple[str, str | None]], locations: list[str]) -> None:
        """Ask for this moment's pictures now and the next places' soon."""
        art.background(self.location, look.size)
        art.prefetch(figures=[(who, mood, self.height) for who, mood in moods], locations=[(loc, look.size) for loc in locations])

    def _plate(self, surface: pygame.Surface, look: Look, fig: Figure, body: pygame.Rect) -> None:
        p = look.palette
        m = look.m
        speaking = fig.id == self.speaker
        name = look.cache.render(look.typeset.font("small-bold"), fig.name, p.on_accent if speaking else p.text)
        mood = look.cache.render(look.typeset.font("small-italic"), f"  {fig.mood}", p.on_accent if speaking else p.muted) if fig.mood else None
        w = name.get_width() + (mood.get_width() if mood else 0) + 2 * m.u(10)
        h = look.typeset.line_height("small") + m.u(6)
        rect = pygame.Rect(0, 0, w, h)
        rect.midbottom = (body.centerx, body.y - m.u(4))
        rect.clamp_ip(pygame.Rect(0, self.area.y, look.size[0], look.size[1]))
        pygame.draw.rect(surface, p.accent if speaking else p.surface, rect, border_radius=h // 2)
        if look.high_contrast:
            pygame.draw.rect(surface, p.text, rect, p.border_width, border_radius=h // 2)
        x = rect.x + m.u(10)
        y = rect.y + (h - name.get_height()) // 2
        drawn = surface.blit(name, (x, y))
        if look.log is not None:
            look.log(drawn, rect)
        if mood is not None:
            drawn = surface.blit(mood, (x + name.get_width(), y))
            if look.log is not None:
                look.log(drawn, rect)

    def _caption(self, surface: pygame.Surface, look: Look, label: str) -> None:
        """Name the place when its picture is a placeholder."""
        m = look.m
        text = look.cache.render(look.typeset.font("small-italic"), label, look.palette.muted)
        rect = text.get_rect(topright=(look.size[0] - m.margin, self.area.y + m.u(10)))
        surface.blit(text, rect)
