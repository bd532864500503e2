"""A menu card: a title, a few words, and a column of buttons (pause, settings).

The card is as tall as its content and centred; when the window is too
small for every button, the column shows whole buttons around the focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.ui.kit.access_describe import Sketch, para_text, sentence
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import M, Scene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button, ButtonGroup

if TYPE_CHECKING:
    from simulator.ui.kit.app import App


class MenuScene(Scene[M]):
    """A centred card with a column of buttons; Esc goes back."""

    name = "menu"
    heading = ""
    width = 640
    keep_details = False  # True: never drop the buttons' second lines; the column shows whole buttons around the focus instead

    def __init__(self, app: App, moves: M) -> None:
        super().__init__(app, moves)
        self.group = ButtonGroup(arrows="vertical")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.text_rect = pygame.Rect(0, 0, 1, 1)
        self._paras: list[Para] = []

    def buttons(self) -> list[Button]:
        return []

    def intro(self) -> list[Para]:
        return []

    def back(self) -> None:
        self.moves.close(self)

    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        width = min(w - 2 * m.margin, m.u(self.width))
        pad = m.u(28)
        inner_w = width - 2 * pad
        self._paras = [para(self.heading, "title", "text", space_after=0.3), *self.intro()]
        text_h = look.pages(self._paras, inner_w, 1 << 30)[0].height
        keep = self.group.focused.key if self.group.focused else None
        self.group = ButtonGroup(self.buttons(), arrows="vertical")
        if keep:
            self.group.focus_key(keep)
        buttons_h = self.group.measure_column(look, inner_w)
        max_h = h - 2 * m.margin
        if 2 * pad + text_h + m.gap + buttons_h > max_h and not self.keep_details:
            # Short of room: the buttons' second lines go before any button is hidden.
            for b in self.group.buttons:
                b.detail = ""
            buttons_h = self.group.measure_column(look, inner_w)
        if 2 * pad + text_h + m.gap + buttons_h > max_h and len(self._paras) > 1:
            # No room for the words as well as the buttons: keep just the title.
            self._paras = self._paras[:1]
            text_h = look.pages(self._paras, inner_w, 1 << 30)[0].height
        card_h = min(max_h, 2 * pad + text_h + m.gap + buttons_h)
        self.card = pygame.Rect((w - width) // 2, (h - card_h) // 2, width, card_h)
        self.text_rect = pygame.Rect(self.card.x + pad, self.card.y + pad, inner_w, text_h)
        top = self.text_rect.bottom + m.gap
        self.group.place_column(look, self.card.x + pad, top, inner_w, self.card.bottom - pad - top)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return True
        return self.group.act(event)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        if not self.overlay:  # an overlay goes over the dimmed scene the app has drawn
            surface.fill(look.palette.bg)
        look.panel(surface, self.card, alpha=255, border=look.palette.button_border)
        look.draw_text(surface, self._paras, self.text_rect)
        self.group.draw(surface, look)

    def drawn_within(self) -> pygame.Rect | None:
        """Over the window (pause), it paints its card and its buttons, nothing else."""
        return self.card.unionall(self.group.extent(self.look)) if self.overlay else None

    def describe(self, sketch: Sketch) -> None:
        """The title, the few words under it (announced with it), and the column of buttons."""
        sketch.heading(self.heading)
        intro = [para_text(p) for p in self.intro()]
        for text in intro:
            sketch.text(text, self.text_rect)
        sketch.buttons(self.group)
        sketch.say(*(sentence(t) for t in (self.heading, *intro) if t))

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name,)
