"""The reading card and its pages, said once: how wide a page of reading is, and how pages are turned.

Every reading screen (documents, the debrief, the scores, reflection) sits
on the same card: a column holding about 75 characters of body text at any
text size (so larger text gets a wider card), the full height of the window
less a margin, with the same padding. A short window with large text gets
a smaller title, so more of the page fits. What does not fit goes on the
next page, turned with Page Up and Page Down or the Previous and Next
buttons, which :class:`Pager` keeps enabled, and focused, as they should be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.theme import BODY_SIZES
from simulator.ui.kit.widgets import Button, ButtonGroup

COLUMN = 960  # design pixels at the Medium text size: about 75 characters of body text, easy to read
PREVIOUS, NEXT = "prev-page", "next-page"


@dataclass(frozen=True)
class Card:
    """Where a reading card sits: the card, the padded area inside it, and the side padding."""

    rect: pygame.Rect
    inner: pygame.Rect
    pad: int


def column_width(look: Look, column: int = COLUMN, pad: int = 32) -> int:
    """The width of a card holding ``column`` design pixels of text at the Medium size (scaled with the text) and ``pad`` each side."""
    m = look.m
    return min(look.size[0] - 2 * m.margin, round(m.u(column) * BODY_SIZES[look.settings_step] / BODY_SIZES[1]) + 2 * m.u(pad))


def reading_card(look: Look, column: int = COLUMN) -> Card:
    """The card for a reading screen: centred, full height less the margins."""
    m = look.m
    w, h = look.size
    width = column_width(look, column)
    return inside(look, pygame.Rect((w - width) // 2, m.margin, width, h - 2 * m.margin))


def inside(look: Look, rect: pygame.Rect) -> Card:
    """A card at ``rect``, with the reading padding (narrower on a narrow card)."""
    m = look.m
    pad = m.u(32) if rect.width > m.u(700) else m.u(20)
    return Card(rect, rect.inflate(-2 * pad, -2 * m.u(24)), pad)


def title_style(look: Look, height: int) -> str:
    """The title's style for a card whose inside is ``height`` pixels: smaller when fewer than 16 lines fit."""
    return "title" if height >= 16 * look.typeset.line_height("body") else "heading"


class Pager:
    """Which page is shown of how many, and the Previous and Next buttons that turn them."""

    def __init__(self) -> None:
        self.page = 0
        self.count = 1

    def set_count(self, count: int) -> None:
        self.count = max(1, count)
        self.page = max(0, min(self.page, self.count - 1))

    def turn(self, step: int, group: ButtonGroup | None = None) -> bool:
        """Turn ``step`` pages (stopping at the first and the last), keeping ``group``'s page buttons right; True if the page changed."""
        target = max(0, min(self.count - 1, self.page + step))
        if target == self.page:
            return False
        self.page = target
        if group is not None:
            self.sync(group)
        return True

    @staticmethod
    def buttons(turn: Callable[[int], object]) -> list[Button]:
        return [Button("Previous", lambda: turn(-1), key=PREVIOUS), Button("Next", lambda: turn(1), key=NEXT)]

    def sync(self, group: ButtonGroup) -> None:
        """Enable Previous and Next as the page allows; if the focus is lost, Next, else the screen's main button.

        At the last page, Enter should do the screen's main thing, not turn back a page.
        """
        for b in group.buttons:
            if b.key == PREVIOUS:
                b.enabled = self.page > 0
            elif b.key == NEXT:
                b.enabled = self.page < self.count - 1
        if group.focused is None or not group.focused.enabled:
            wanted = [i for i, b in enumerate(group.buttons) if b.enabled and b.key == NEXT]
            wanted += [i for i, b in enumerate(group.buttons) if b.enabled and b.kind == "primary"]
            if wanted:
                group.focus = wanted[0]
            else:
                group.focus_first()
