"""How the three paths are drawn, the same on every screen and in the HTML report.

You: a thick solid line and a filled circle; the enabler path: a solid line
and a ring; the barrier path: a dashed line and a diamond. Colour follows
the report in the calm theme and the high-contrast palette otherwise, but
it is never the only cue: line style, marker shape and a word label say
which path is which, so the screens read in greyscale and on a washed-out
projector.
"""

from __future__ import annotations

import itertools
import math

import pygame

from simulator.palette import PATH_COLOURS, PATH_NAMES, rgb
from simulator.ui.kit.look import Look
from simulator.ui.kit.theme import Colour

NAMES = PATH_NAMES
CALM = {path: rgb(colour) for path, colour in PATH_COLOURS.items()}  # the report's colours
HALO = {"enabler": (153, 205, 198)}  # the enabler's wide line, lighter, so the lines over it stay readable
ORDER = ("enabler", "you", "barrier")  # drawing order: the wide enabler line under, the dashed barrier line over
CONTRAST = {"you": (255, 221, 0), "enabler": (120, 255, 150), "barrier": (255, 170, 150)}


def colour(look: Look, path: str) -> Colour:
    table = CONTRAST if look.high_contrast else CALM
    return table.get(path, look.palette.text)


def line_width(look: Look, path: str) -> int:
    """The enabler line is the widest and drawn first, so where yours runs along it, it shows as an edge around yours."""
    return {"you": look.m.u(3.5), "enabler": look.m.u(8), "barrier": look.m.u(2.5)}.get(path, look.m.u(2.5))


def dashed(surface: pygame.Surface, col: Colour, points: list[tuple[float, float]], width: int, dash: int, gap: int) -> None:
    """A dashed polyline whose dash pattern runs on across corners."""
    on, left = True, float(dash)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                a = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
                b = (x0 + (x1 - x0) * (done + step) / length, y0 + (y1 - y0) * (done + step) / length)
                pygame.draw.line(surface, col, a, b, width)
            done += step
            left -= step
            if left <= 0:
                on = not on
                left = float(dash if on else gap)


def track(surface: pygame.Surface, look: Look, path: str, points: list[tuple[float, float]]) -> None:
    """One path's line through its points, in its colour and style."""
    if len(points) < 2:
        return
    col = colour(look, path)
    if path in HALO and not look.high_contrast:
        col = HALO[path]
    width = line_width(look, path)
    if path == "barrier":
        dashed(surface, col, points, width, look.m.u(9), look.m.u(6))
    else:
        pygame.draw.lines(surface, col, False, points, width)


def marker(surface: pygame.Surface, look: Look, path: str, at: tuple[float, float], size: float | None = None) -> pygame.Rect:
    """A point on a path: filled circle (you), ring (enabler) or diamond (barrier); returns its box."""
    m = look.m
    r = size if size is not None else m.u(7 if path == "you" else 6)
    x, y = at
    col = colour(look, path)
    edge = look.palette.bg if look.high_contrast else (255, 255, 255)
    if path == "you":
        pygame.draw.circle(surface, edge, (x, y), r + m.u(2))
        pygame.draw.circle(surface, col, (x, y), r)
    elif path == "enabler":
        pygame.draw.circle(surface, edge, (x, y), r + m.u(1))
        pygame.draw.circle(surface, col, (x, y), r, max(2, m.u(3)))
    else:
        d = r * 1.25
        pts = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
        pygame.draw.polygon(surface, edge, [(px + (px - x) * 0.25, py + (py - y) * 0.25) for px, py in pts])
        pygame.draw.polygon(surface, col, pts)
    return pygame.Rect(round(x - r - 2), round(y - r - 2), round(2 * r + 4), round(2 * r + 4))


def legend_width(look: Look, paths: tuple[str, ...], style: str = "small") -> int:
    m = look.m
    font = look.typeset.font(style)
    return sum(m.u(44) + m.u(8) + font.size(NAMES[p])[0] for p in paths) + m.u(24) * (len(paths) - 1)


def legend(surface: pygame.Surface, look: Look, paths: tuple[str, ...], at: tuple[int, int], box: pygame.Rect, style: str = "small") -> None:
    """A line sample, the marker and the name of each path, left to right from ``at``."""
    m = look.m
    x, y = at
    font = look.typeset.font(style)
    h = look.typeset.line_height(style)
    for path in paths:
        mid = y + h // 2
        track(surface, look, path, [(x, mid), (x + m.u(44), mid)])
        marker(surface, look, path, (x + m.u(22), mid), m.u(5))
        x += m.u(44) + m.u(8)
        text = look.cache.render(font, NAMES[path], look.palette.text)
        drawn = surface.blit(text, (x, y + (h - text.get_height()) // 2))
        if look.log is not None:
            look.log(drawn, box)
        x += text.get_width() + m.u(24)


def label(surface: pygame.Surface, look: Look, text: str, style: str, role: str, pos: tuple[int, int], box: pygame.Rect, anchor: str = "topleft") -> pygame.Rect:
    """One line of text placed by an anchor point (logged against ``box`` for the layout tests)."""
    surf = look.cache.render(look.typeset.font(style), text, look.palette.role(role))
    rect = surf.get_rect(**{anchor: pos})
    surface.blit(surf, rect)
    if look.log is not None:
        look.log(rect, box)
    return rect
