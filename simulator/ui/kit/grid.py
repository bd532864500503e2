"""Buttons in a grid: two or three columns of equal width when a list is long and the window wide.

Used for the debrief's sections and the watch mode's episode list, so a
dozen choices fit a projector screen without scrolling. Up and Down move a
whole row, Left and Right one button; when even one column cannot hold
every button, the caller falls back to the group's scrolling column.
"""

from __future__ import annotations

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.widgets import ButtonGroup


def place_grid(look: Look, group: ButtonGroup, area: pygame.Rect, columns: int) -> bool:
    """Lay ``group``'s buttons out in ``columns`` columns inside ``area``; False (and nothing placed) if they do not fit."""
    m = look.m
    width = (area.width - m.gap * (columns - 1)) // columns
    buttons = group.buttons
    heights = [b.measure(look, width) for b in buttons]
    rows = [heights[i : i + columns] for i in range(0, len(heights), columns)]
    total = sum(max(r) for r in rows) + m.gap * (len(rows) - 1)
    if total > area.height:
        return False
    y = area.y
    for r, row in enumerate(rows):
        for c in range(len(row)):
            buttons[r * columns + c].rect = pygame.Rect(area.x + c * (width + m.gap), y, width, max(row))
        y += max(row) + m.gap
    group._column = None  # not a scrolling column: every button is placed
    return True


def grid_key(group: ButtonGroup, columns: int, event: pygame.event.Event) -> bool:
    """Up and Down by a row in a grid; True if the key was used."""
    if columns > 1 and event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
        group.move(-columns if event.key == pygame.K_UP else columns)
        return True
    return False
