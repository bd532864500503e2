"""The case-clock bar across the top of play: where you are in the case and what is due next.

The episode and its place in the case (Episode 3 of 14), the date, week or month N of the case (by its own scale),
time of day, minutes late (only when late) and the next
statutory milestone with its due date. Items flow onto a second row when
the window is narrow or the text large, so none is ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.engine.clock import ClockView
from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Span, wrap


@dataclass(frozen=True)
class Item:
    text: str
    style: str = "small"
    role: str = "on_bar"


def clock_items(clock: ClockView, episode_title: str, banner: str = "", episode: tuple[int, int] = (0, 0), seem: list[str] | None = None) -> list[Item]:
    """The bar's items in reading order (``episode``: this episode's number and the case's count, when known; ``seem``: how people seem, last)."""
    items: list[Item] = []
    if banner:
        items.append(Item(banner, "small-bold", "bar_warn"))
    items.append(Item(episode_title, "small-bold"))
    number, total = episode
    if 0 < number <= total:
        items.append(Item(f"Episode {number} of {total}"))
    items.append(Item(clock.date_text))
    if clock.shows_period:
        items.append(Item(clock.period_text))
    items.append(Item(clock.time))
    if clock.late > 0:
        phoned = ", you phoned ahead" if clock.phoned else ""
        items.append(Item(f"{clock.late} min late{phoned}", "small-bold", "bar_warn"))
    nm = clock.next_milestone
    if nm is not None:
        if nm.due_date is not None and nm.days_left is not None:
            when = f"{nm.due_date:%a} {nm.due_date.day} {nm.due_date:%b}"
            if nm.days_left > 0:
                left = f"{nm.days_left} working day{'s' if nm.days_left != 1 else ''} left"
            elif nm.days_left == 0:
                left = "due today"
            else:
                left = f"overdue by {-nm.days_left} working day{'s' if nm.days_left != -1 else ''}"
            items.append(Item(f"Next: {nm.label}, due {when} ({left})", "small", "bar_warn" if nm.days_left < 0 else "on_bar"))
        else:
            items.append(Item(f"Next: {nm.label}"))
    if seem:
        items.append(Item("How they seem: " + "  \u00b7  ".join(seem), "small-italic"))
    return items


class ClockBar:
    """Lays the items out in rows for a width, and draws them."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.rect = pygame.Rect(0, 0, 1, 1)
        self._placed: list[tuple[Item, int, int]] = []

    def layout(self, look: Look, items: list[Item], width: int, top: int = 0) -> int:
        """Place the items for ``width``, the bar's top at ``top``; returns the bar's height."""
        m = look.m
        self.items = items
        pad_x, pad_y = m.u(20), m.u(8)
        sep = look.typeset.font("small").size("   ·   ")[0]
        line = look.typeset.line_height("small")
        x, y = pad_x, top + pad_y
        avail = max(1, width - 2 * pad_x)
        placed: list[tuple[Item, int, int]] = []
        for item in items:
            font = look.typeset.font(item.style)
            parts = [item]
            if font.size(item.text)[0] > avail:
                rows = wrap((Span(item.text, item.style, item.role),), avail, look.typeset)
                parts = [Item(" ".join(r.text for r in row), item.style, item.role) for row in rows if row]
            for k, part in enumerate(parts):
                w = font.size(part.text)[0]
                if x > pad_x and (k > 0 or x + sep + w > width - pad_x):
                    x, y = pad_x, y + line
                elif x > pad_x:
                    x += sep
                placed.append((part, x, y))
                x += w
        self._placed = placed
        self.rect = pygame.Rect(0, top, width, y - top + line + pad_y)
        return self.rect.height

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        p = look.palette
        pygame.draw.rect(surface, p.bar, self.rect)
        if look.high_contrast:
            pygame.draw.line(surface, p.text, self.rect.bottomleft, (self.rect.right, self.rect.bottom), p.border_width)
        sep_surf = look.cache.render(look.typeset.font("small"), "·", p.on_bar)
        prev_y = None
        for item, x, y in self._placed:
            if prev_y == y:
                sw = look.typeset.font("small").size("   ·   ")[0]
                surface.blit(sep_surf, (x - sw + (sw - sep_surf.get_width()) // 2, y))
            surf = look.cache.render(look.typeset.font(item.style), item.text, p.role(item.role))
            rect = surface.blit(surf, (x, y))
            if look.log is not None:
                look.log(rect, self.rect)
            prev_y = y
