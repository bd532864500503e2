"""Pictures by id: location backgrounds and character moods, rasterised from SVG and cached per size.

Scenarios name art by id; ``assets/art/art.yaml`` (read by
:func:`simulator.assets.load_art`) maps ids to files. Anything missing or
unreadable falls back to a quiet placeholder and one diagnostic line, so a
trainer's half-finished scenario still plays.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pygame

from simulator.assets import Art

FIGURE_ASPECT = 600 / 900  # character art is drawn 600x900

Notify = Callable[[str], None]


class ArtCache:
    """Surfaces for locations and characters at the sizes the layout asks for."""

    def __init__(self, art: Art | None, notify: Notify | None = None, limit: int = 96) -> None:
        self.art = art
        self.notify = notify
        self.limit = limit
        self.notes: list[str] = []
        self._surfaces: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._aspects: dict[Path, float] = {}
        self._broken: set[Path] = set()
        self._placeholders: set[tuple[object, ...]] = set()

    # -- diagnostics -------------------------------------------------------
    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
            if self.notify is not None:
                self.notify(text)

    def _remember(self, key: tuple[object, ...], surf: pygame.Surface) -> pygame.Surface:
        self._surfaces[key] = surf
        if len(self._surfaces) > self.limit:
            self._surfaces.popitem(last=False)
        return surf

    def _load_svg(self, path: Path, box: tuple[int, int]) -> pygame.Surface | None:
        """The SVG fitted inside ``box`` (aspect kept), or None if it cannot be read."""
        if path in self._broken:
            return None
        try:
            return pygame.image.load_sized_svg(str(path), box)
        except (pygame.error, OSError, ValueError) as exc:
            self._broken.add(path)
            self._note(f"art: cannot read {path} ({exc}); showing a placeholder")
            return None

    # -- locations ---------------------------------------------------------
    def label(self, location: str) -> str:
        if self.art and location in self.art.location_labels:
            return self.art.location_labels[location]
        return location.replace("-", " ").capitalize()

    def has_location(self, location: str) -> bool:
        return bool(self.art and location in self.art.locations and self.art.locations[location] not in self._broken)

    def background(self, location: str, size: tuple[int, int]) -> tuple[pygame.Surface, bool]:
        """The location filling ``size`` (scaled to cover, centred, cropped); True if a placeholder."""
        key = ("bg", location, size)
        found = self._surfaces.get(key)
        if found is not None:
            self._surfaces.move_to_end(key)
            return found, key in self._placeholders
        path = self.art.locations.get(location) if self.art else None
        surf = self._cover(path, size) if path is not None else None
        placeholder = surf is None
        if placeholder:
            if path is None:
                self._note(f"art: no picture for location `{location}` in assets/art/art.yaml; showing a placeholder")
            ph = self.art.placeholder_location if self.art else None
            surf = self._cover(ph, size) if ph is not None else None
            if surf is None:
                surf = placeholder_location(size)
            self._placeholders.add(key)
        return self._remember(key, surf), placeholder

    def _cover(self, path: Path, size: tuple[int, int]) -> pygame.Surface | None:
        w, h = size
        aspect = self._aspects.get(path)
        if aspect is None:
            probe = self._load_svg(path, (max(1, w), max(1, h)))
            if probe is None:
                return None
            aspect = probe.get_width() / max(1, probe.get_height())
            self._aspects[path] = aspect
            if probe.get_width() >= w and probe.get_height() >= h:
                return _crop(probe, size).convert()
        box = (w, math.ceil(w / aspect) + 1) if w / max(1, h) > aspect else (math.ceil(h * aspect) + 1, h)
        full = self._load_svg(path, box)
        if full is None:
            return None
        if full.get_width() < w or full.get_height() < h:
            full = pygame.transform.smoothscale(full, (max(w, full.get_width()), max(h, full.get_height())))
        return _crop(full, size).convert()

    # -- characters --------------------------------------------------------
    def frames(self, character: str, mood: str | None) -> tuple[Path, ...]:
        """The animation frames for a mood, falling back to the character's other moods."""
        moods = self.art.moods.get(character, {}) if self.art else {}
        if mood and mood in moods:
            return moods[mood]
        if moods:
            self._note(f"art: no `{mood}` picture for `{character}`; showing another of their moods")
            return next(iter(moods.values()))
        self._note(f"art: no pictures for character `{character}` in assets/art/art.yaml; showing a placeholder")
        return ()

    def figure(self, character: str, mood: str | None, height: int, frame: int = 0) -> tuple[pygame.Surface, bool]:
        """The character at ``height`` pixels in the given animation frame; True if a placeholder."""
        height = max(8, height)
        paths = self.frames(character, mood)
        path = paths[frame % len(paths)] if paths else None
        key = ("fig", path or character, height)
        found = self._surfaces.get(key)
        if found is not None:
            self._surfaces.move_to_end(key)
            return found, key in self._placeholders
        surf = self._load_svg(path, (height * 2, height)) if path is not None else None
        placeholder = surf is None
        if surf is None:
            ph = self.art.placeholder_character if self.art else None
            surf = self._load_svg(ph, (height * 2, height)) if ph is not None else None
            if surf is None:
                surf = placeholder_figure(height)
            self._placeholders.add(key)
        return self._remember(key, surf.convert_alpha()), placeholder


def _crop(surf: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    w, h = size
    x = max(0, (surf.get_width() - w) // 2)
    y = max(0, (surf.get_height() - h) // 2)
    return surf.subsurface(pygame.Rect(x, y, min(w, surf.get_width()), min(h, surf.get_height()))).copy()


def placeholder_location(size: tuple[int, int]) -> pygame.Surface:
    """A calm wall-and-floor room with a window: clearly a stand-in, never alarming."""
    w, h = max(1, size[0]), max(1, size[1])
    surf = pygame.Surface((w, h))
    wall_top, wall_bottom, floor = (214, 222, 224), (194, 205, 208), (168, 160, 148)
    horizon = int(h * 0.72)
    for y in range(horizon):
        t = y / max(1, horizon)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(wall_top, wall_bottom, strict=True))
        pygame.draw.line(surf, colour, (0, y), (w, y))
    surf.fill(floor, pygame.Rect(0, horizon, w, h - horizon))
    pygame.draw.line(surf, (150, 142, 130), (0, horizon), (w, horizon), max(1, h // 200))
    win = pygame.Rect(int(w * 0.62), int(h * 0.16), int(w * 0.2), int(h * 0.3))
    pygame.draw.rect(surf, (232, 238, 240), win, border_radius=max(1, h // 120))
    pygame.draw.rect(surf, (176, 188, 192), win, max(2, h // 160), border_radius=max(1, h // 120))
    pygame.draw.line(surf, (176, 188, 192), win.midtop, win.midbottom, max(2, h // 200))
    return surf


def placeholder_figure(height: int) -> pygame.Surface:
    """A soft grey silhouette (head and shoulders over a body) at the figure's proportions."""
    w = max(4, round(height * FIGURE_ASPECT))
    surf = pygame.Surface((w, height), pygame.SRCALPHA)
    colour = (120, 132, 140, 200)
    head_r = max(2, round(height * 0.085))
    cx = w // 2
    pygame.draw.circle(surf, colour, (cx, round(height * 0.12)), head_r)
    body = pygame.Rect(round(w * 0.24), round(height * 0.23), round(w * 0.52), round(height * 0.5))
    pygame.draw.rect(surf, colour, body, border_radius=max(2, round(w * 0.18)))
    legs = pygame.Rect(round(w * 0.32), round(height * 0.66), round(w * 0.36), round(height * 0.33))
    pygame.draw.rect(surf, colour, legs, border_radius=max(2, round(w * 0.08)))
    return surf
