"""fill_rounded draws exactly the pixels pygame-ce's rounded rectangles do (the title's card, wall and door), more cheaply."""

from __future__ import annotations

import itertools
import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.kit.look import fill_rounded

SIZES = [*range(1, 26), 57, 84, 205, 233]
RADII = [*range(0, 16), 40, 102, 116]


def _pair(size: tuple[int, int], flags: int = 0) -> tuple[pygame.Surface, pygame.Surface]:
    pair = pygame.Surface(size, flags), pygame.Surface(size, flags)
    for surface in pair:
        surface.fill((9, 9, 9, 0))
    return pair


def _pygame(surface: pygame.Surface, colour: tuple[int, ...], rect: pygame.Rect, radius: int, top_only: bool) -> None:
    if top_only:
        pygame.draw.rect(surface, colour, rect, border_top_left_radius=radius, border_top_right_radius=radius)
    else:
        pygame.draw.rect(surface, colour, rect, border_radius=radius)


@pytest.mark.parametrize("top_only", [False, True])
def test_every_size_and_radius_sets_the_pixels_pygame_sets(top_only: bool):
    """Widths and heights 1-25 and larger, radii 0-15 and larger (shrunk by pygame when too big), all four or the top two corners."""
    differ = []
    for w, h, r in itertools.product(SIZES, [*SIZES, 446, 506, 672], RADII):
        a, b = _pair((w + 6, h + 6))
        rect = pygame.Rect(3, 3, w, h)
        _pygame(a, (200, 100, 50), rect, r, top_only)
        fill_rounded(b, (200, 100, 50), rect, r, top_only=top_only)
        if a.get_buffer().raw != b.get_buffer().raw:
            differ.append((w, h, r))
    assert not differ, f"{len(differ)} differ, e.g. {differ[:5]}"


@pytest.mark.parametrize(("flags", "colour"), [(pygame.SRCALPHA, (252, 250, 246, 200)), (0, (0, 0, 0))])
def test_translucent_cards_and_shapes_cut_by_the_edge_or_the_clip_are_the_same(flags: int, colour: tuple[int, ...]):
    """A card with alpha (drawn once onto its own surface), and shapes partly off the surface or outside its clip."""
    for (x, y), r, top_only in itertools.product([(-30, -20), (50, 40), (110, 90)], [6, 10, 30], [False, True]):
        a, b = _pair((160, 120), flags)
        for s in (a, b):
            s.set_clip(pygame.Rect(20, 15, 100, 80) if r == 30 else None)
        rect = pygame.Rect(x, y, 90, 70)
        _pygame(a, colour, rect, r, top_only)
        fill_rounded(b, colour, rect, r, top_only=top_only)
        assert a.get_buffer().raw == b.get_buffer().raw, (x, y, r, top_only)
        assert b.get_clip() == a.get_clip()  # the surface's own clip is put back
