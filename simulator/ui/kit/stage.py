"""The scene above the text: the location, the people in it as the line says, and who is only heard.

The engine hands a :class:`~simulator.engine.stage.View` for each line: who
is drawn, in which pose (sitting, at the door, holding a child), mood and
spot, and who is heard but not seen. The stage draws exactly that: people at
the back smaller and behind, a person carrying a child in one picture, and
for a voice on the phone (or a letter, a video call) a small tag with their
name and how they are heard instead of a figure. Body language lives in the
art (a mood with a second frame alternates every 0.9 s, only while on screen
and never with reduced motion); each person wears a name plate with their
mood in words, so nothing rests on the picture alone; the plates are laid
out together (:mod:`~simulator.ui.kit.plates`), clear of the voices' tags,
so a crowded meeting never puts one on top of another or cuts a name short.

Figures are sized once per moment for the most people it ever has on stage
(``crowd``), so nobody grows or shrinks when someone comes in or leaves.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pygame

from simulator.engine.stage import Person, View, Voice
from simulator.ui.kit.art import FIGURE_ASPECT, ArtCache
from simulator.ui.kit.look import Look
from simulator.ui.kit.plates import Plate, lay_plates
from simulator.ui.kit.voices import draw_voices

FRAME_S = 0.9
BACK_SCALE = 0.8  # someone further back is drawn this much smaller, with their feet a little higher
SPOT_ORDER = {"left": 0, None: 1, "centre": 1, "right": 2}
LONE_SPOT = {"left": 0.3, "centre": 0.5, "right": 0.7}


def crowd_of(views: Iterable[View]) -> int:
    """The most people standing at the front at once over these views (at least one)."""
    return max((sum(1 for p in v.people if p.at != "back") for v in views), default=1) or 1


def back_shares(front: list[float], count: int) -> list[float]:
    """Where ``count`` people further back stand (fractions of the width): in the gaps between those in front, widest first."""
    if not front:
        return [(i + 1) / (count + 1) for i in range(count)]
    edges = [0.1, *sorted(front), 0.9]
    gaps = sorted(((b - a, (a + b) / 2) for a, b in itertools.pairwise(edges)), reverse=True)
    picked = [mid for _, mid in gaps[:count]]
    while len(picked) < count:  # more people at the back than gaps: spread the rest evenly
        picked.append((len(picked) + 1) / (count + 1))
    return sorted(picked)


class Stage:
    """Background, figures and voices for one line, laid out in the area above the text panel."""

    def __init__(self) -> None:
        self.view = View("")
        self.speaker: str | None = None
        self.crowd = 1
        self.size = (1, 1)
        self.area = pygame.Rect(0, 0, 1, 1)
        self.height = 1
        self.width = 1
        self.gap = 1
        self.sink = 0
        self.foot = 2
        self.clock = 0.0
        self.tick = 0
        self.animate = True
        self.placeholder = False
        self.ready = False  # every picture on stage was drawn (not still being rasterised)
        self._shade: pygame.Surface | None = None
        self._wanted: list[tuple[Person, pygame.Rect]] = []
        self.plates: list[pygame.Rect] = []  # where the name plates were drawn last (checked by tests: never overlapping)
        self.bodies: list[pygame.Rect] = []  # where the people were drawn last
        self.moving: list[pygame.Rect] = []  # those of them whose mood has a second frame
        self._laid_plates: tuple[object, list[Plate]] | None = None
        self.voices: list[pygame.Rect] = []  # and the tags of those only heard

    # -- what is on stage ---------------------------------------------------------------
    @property
    def location(self) -> str:
        return self.view.location

    @property
    def figures(self) -> tuple[Person, ...]:
        return self.view.people

    def set(self, view: View, speaker: str | None = None, crowd: int | None = None) -> None:
        """Show ``view`` (with ``speaker``'s plate lit); ``crowd`` sizes the figures for a whole moment."""
        self.view, self.speaker = view, speaker
        if crowd is not None:
            self.crowd = max(1, crowd)

    def describe(self, art: ArtCache) -> str:
        """Who is where, in words (for screen readers and anyone who cannot see the picture)."""
        return self.view.describe(art.label(self.view.location))

    # -- layout -----------------------------------------------------------------------------
    def layout(self, look: Look, area: pygame.Rect) -> None:
        """Size the figures to stand in ``area`` (from the clock bar down to the text panel)."""
        m = look.m
        self.size = look.size
        self.area = area
        plate = look.typeset.line_height("small") + m.u(10)
        n = max(1, self.crowd)
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
        self.height, self.width, self.gap, self.sink = height, width, gap, sink
        self.foot = m.u(2)

    def slots(self) -> list[tuple[Person, pygame.Rect]]:
        """Where each person stands, back row first (drawn first, so the front row stands before them).

        The back row stands in the gaps between the people in front (someone in the hall behind
        John at the door is seen beside him, not hidden behind him), widest gaps first.
        """
        front = sorted((p for p in self.view.people if p.at != "back"), key=lambda p: SPOT_ORDER.get(p.at, 1))
        back = [p for p in self.view.people if p.at == "back"]
        area = self.area
        bottom = area.bottom - self.foot + self.sink
        n = len(front)
        shares = [LONE_SPOT.get(p.at or "centre", 0.5) if n == 1 else (i + 1) / (n + 1) for i, p in enumerate(front)]
        out: list[tuple[Person, pygame.Rect]] = []
        if back:
            h = round(self.height * BACK_SCALE)
            w = round(h * FIGURE_ASPECT)
            lift = round(self.height * 0.1)
            for p, share in zip(back, back_shares(shares, len(back)), strict=True):
                cx = area.x + round(area.width * share)
                out.append((p, pygame.Rect(cx - w // 2, bottom - lift - h, w, h)))
        for p, share in zip(front, shares, strict=True):
            cx = area.x + round(area.width * share)
            out.append((p, pygame.Rect(cx - self.width // 2, bottom - self.height, self.width, self.height)))
        return out

    # -- time ---------------------------------------------------------------------------------
    def animated(self, art: ArtCache) -> bool:
        return self.animate and any(len(art.frames(f.id, f.mood, f.pose)) > 1 for f in self.view.people)

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

    # -- what the picture depends on (kit/layer.py keeps it until this changes) -------------------
    def key(self, look: Look) -> tuple[object, ...]:
        """Everything the stage's picture shows, with who speaks and the mood frame last (they change only part of it)."""
        base = (look, self.area, self.height, self.width, self.gap, self.sink, self.foot, self.animate, self.view)
        return (base, self.speaker, self.tick if self.animate else 0)

    def regions(self) -> tuple[list[pygame.Rect], list[pygame.Rect]]:
        """Where the last drawing put the people whose mood moves, and the plates and tags (lit for whoever speaks)."""
        return list(self.moving), [*self.plates, *self.voices]

    @staticmethod
    def changes(before: object, after: object, was: tuple[list[pygame.Rect], list[pygame.Rect]], now: tuple[list[pygame.Rect], list[pygame.Rect]]) -> list[pygame.Rect] | None:
        """What differs between two drawings keyed ``before`` and ``after`` (their regions ``was`` and ``now``); None: everything."""
        if not (isinstance(before, tuple) and isinstance(after, tuple) and len(before) == len(after) == 3) or before[0] != after[0]:
            return None
        out: list[pygame.Rect] = []
        if before[1] != after[1]:  # another speaker: only the plates and tags change colour
            out += was[1] + now[1]
        if before[2] != after[2]:  # a mood frame: only the people whose mood moves (and the plates, had they moved)
            out += was[0] + now[0]
            if was[1] != now[1]:
                out += was[1] + now[1]
        return out

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, look: Look, art: ArtCache) -> None:
        self._wanted = []
        self.bodies = []
        self.moving = []
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
        caption = self._caption(surface, look, art.label(self.location)) if self.placeholder else None
        placed = self.slots()
        for i, (fig, slot) in enumerate(placed):
            frames = len(art.frames(fig.id, fig.mood, fig.pose)) or 1
            frame = (self.tick + i) % frames if self.animate else 0
            surf, _ = art.figure(fig.id, fig.mood, slot.height, frame, pose=fig.pose)
            body = slot
            if surf is None:
                self.ready = False
            else:
                body = surf.get_rect(midbottom=slot.midbottom)
                surface.blit(surf, body)
            self.bodies.append(body)
            if frames > 1:
                self.moving.append(body)
            self._plate(surface, look, fig, body)
        voices = self.voices = self._voices(surface, look, self.view.heard)
        self._draw_plates(surface, look, voices if caption is None else [*voices, caption])  # a plate never hides the place's name

    def prefetch(self, look: Look, art: ArtCache, people: list[tuple[str, str | None, str | None]], locations: list[str], back_row: bool | None = None) -> None:
        """Ask for this moment's pictures now (people as (who, mood, pose)) and the next places' soon.

        ``back_row``: someone stands further back in any of the moment's views (by default: in the one shown now), so
        the smaller pictures, every mood frame of them, are asked for too.
        """
        art.background(self.location, look.size)
        back = round(self.height * BACK_SCALE)
        wanted = [(who, mood, self.height, pose) for who, mood, pose in people]
        if back_row or (back_row is None and any(p.at == "back" for p in self.view.people)):
            wanted += [(who, mood, back, pose) for who, mood, pose in people]
        art.prefetch(figures=wanted, locations=[(loc, look.size) for loc in locations])

    def speaks(self, fig: Person) -> bool:
        return self.speaker is not None and self.speaker in (fig.id, fig.holding)

    def plate_name(self, fig: Person) -> str:
        return f"{fig.name} with {fig.holding_name}" if fig.holding_name else fig.name

    def _plate(self, surface: pygame.Surface, look: Look, fig: Person, body: pygame.Rect) -> None:
        self._wanted.append((fig, body))  # laid out together once every figure is placed, so none covers another

    def _draw_plates(self, surface: pygame.Surface, look: Look, avoid: list[pygame.Rect]) -> None:
        p = look.palette
        m = look.m
        self.plates = []
        wanted = [(fig, body, self.plate_name(fig)) for fig, body in self._wanted]
        bounds = pygame.Rect(0, self.area.y, look.size[0], self.area.height)
        key = (look, tuple((fig, tuple(body), name) for fig, body, name in wanted), tuple(bounds), tuple(tuple(r) for r in avoid))
        if self._laid_plates is None or self._laid_plates[0] != key:  # laying plates out tries many places: once per picture
            self._laid_plates = (key, lay_plates(look, wanted, bounds, avoid))
        for plate in self._laid_plates[1]:
            speaking = self.speaks(plate.fig)
            rect = plate.rect
            pygame.draw.rect(surface, p.accent if speaking else p.surface, rect, border_radius=min(rect.height, m.u(30)) // 2)
            if look.high_contrast:
                pygame.draw.rect(surface, p.text, rect, p.border_width, border_radius=min(rect.height, m.u(30)) // 2)
            for text, style, role, at in plate.texts:
                colour = p.on_accent if speaking else (p.text if role == "text" else p.muted)
                surf = look.cache.render(look.typeset.font(style), text, colour)
                drawn = surface.blit(surf, at)
                if look.log is not None:
                    look.log(drawn, rect)
            self.plates.append(rect)

    def _voices(self, surface: pygame.Surface, look: Look, voices: tuple[Voice, ...]) -> list[pygame.Rect]:
        return draw_voices(surface, look, voices, self.speaker, self.area)

    def _caption(self, surface: pygame.Surface, look: Look, label: str) -> pygame.Rect:
        """Name the place when its picture is a placeholder; where the name is (plates keep clear of it)."""
        m = look.m
        text = look.cache.render(look.typeset.font("small-italic"), label, look.palette.muted)
        rect = text.get_rect(topright=(look.size[0] - m.margin, self.area.y + m.u(10)))
        surface.blit(text, rect)
        return rect
