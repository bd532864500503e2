"""Buttons and the keyboard focus that moves between them.

Every action in the window is a :class:`Button` in a :class:`ButtonGroup`,
so mouse, number keys, arrows with Enter, and Tab all reach everything, and
the focused button always wears a thick ring. Labels wrap inside the button
(it grows taller); a column of buttons that does not fit shows a window of
whole buttons that follows the focus, never a button cut in half.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Run, Span, wrap

Kind = Literal["normal", "primary", "choice"]

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}


class Button:
    """A labelled action; ``number`` shows a badge and binds that number key."""

    def __init__(
        self,
        label: str,
        action: Callable[[], object] | None = None,
        number: int | None = None,
        detail: str = "",
        enabled: bool = True,
        kind: Kind = "normal",
        key: str = "",
    ) -> None:
        self.label, self.action, self.number, self.detail = label, action, number, detail
        self.enabled, self.kind, self.key = enabled, kind, key
        self.rect: pygame.Rect | None = None
        self._rows: list[list[Run]] = []
        self._detail: list[list[Run]] = []

    def __repr__(self) -> str:
        return f"Button({self.label!r}, key={self.key!r}, enabled={self.enabled})"

    # -- measuring -----------------------------------------------------------
    def _pads(self, look: Look) -> tuple[int, int, int]:
        m = look.m
        badge = look.typeset.line_height("bold") + m.u(4) if self.number is not None else 0
        return m.u(18), m.u(12), badge + (m.u(14) if badge else 0)

    def _label_style(self) -> str:
        return "bold" if self.kind == "primary" else "body"

    def natural_width(self, look: Look) -> int:
        """The width of the label on one line, with padding."""
        px, _, badge = self._pads(look)
        text = look.typeset.font(self._label_style()).size(self.label)[0]
        detail = look.typeset.font("small").size(self.detail)[0] if self.detail else 0
        return max(text, detail) + 2 * px + badge

    def measure(self, look: Look, width: int) -> int:
        """Wrap the label for ``width``; return the button's height."""
        px, py, badge = self._pads(look)
        inner = max(1, width - 2 * px - badge)
        self._rows = wrap((Span(self.label, self._label_style()),), inner, look.typeset)
        self._detail = wrap((Span(self.detail, "small"),), inner, look.typeset) if self.detail else []
        text_h = len(self._rows) * look.typeset.line_height(self._label_style()) + len(self._detail) * look.typeset.line_height("small")
        badge_h = look.typeset.line_height("bold") + look.m.u(4) if self.number is not None else 0
        return max(text_h, badge_h) + 2 * py

    # -- drawing -------------------------------------------------------------
    def draw(self, surface: pygame.Surface, look: Look, focused: bool, hovered: bool) -> None:
        if self.rect is None:
            return
        p = look.palette
        m = look.m
        rect = self.rect
        if not self.enabled:
            fill, text_colour, border = p.button, p.disabled, p.button_border
        elif self.kind == "primary":
            fill = p.primary_hover if hovered else p.primary
            text_colour, border = p.on_primary, p.primary
        else:
            fill = p.button_hover if hovered else p.button
            text_colour, border = p.button_text, p.button_border
        pygame.draw.rect(surface, fill, rect, border_radius=m.radius)
        pygame.draw.rect(surface, border, rect, p.border_width, border_radius=m.radius)
        px, py, badge = self._pads(look)
        x = rect.x + px
        if self.number is not None:
            size = look.typeset.line_height("bold") + m.u(4)
            badge_rect = pygame.Rect(x, rect.y + py, size, size)
            pygame.draw.rect(surface, p.accent if self.enabled else p.disabled, badge_rect, border_radius=m.u(6))
            digit = look.cache.render(look.typeset.font("bold"), str(self.number), p.on_accent)
            digit_rect = digit.get_rect(center=badge_rect.center)
            surface.blit(digit, digit_rect)
            if look.log is not None:
                look.log(digit_rect, rect)
            x += badge
        y = rect.y + py
        text_box = pygame.Rect(x, rect.y, rect.right - px - x, rect.height)
        y = self._draw_rows(surface, look, self._rows, self._label_style(), x, y, text_colour, text_box)
        if self._detail:
            detail_colour = text_colour if self.kind == "primary" or not self.enabled else p.muted
            self._draw_rows(surface, look, self._detail, "small", x, y, detail_colour, text_box)
        if focused:
            ring = rect.inflate(2 * m.focus_width + m.u(4), 2 * m.focus_width + m.u(4))
            pygame.draw.rect(surface, p.focus, ring, m.focus_width, border_radius=m.radius + m.focus_width)

    def _draw_rows(self, surface: pygame.Surface, look: Look, rows: list[list[Run]], style: str, x: int, y: int, colour: tuple[int, int, int], box: pygame.Rect) -> int:
        font = look.typeset.font(style)
        line = look.typeset.line_height(style)
        for runs in rows:
            for run in runs:
                surf = look.cache.render(font, run.text, colour)
                surface.blit(surf, (x + run.x, y))
                if look.log is not None:
                    look.log(pygame.Rect((x + run.x, y), surf.get_size()), box)
            y += line
        return y


class ButtonGroup:
    """Buttons with one focus: Tab and arrows move it, Enter or Space or a click activates."""

    def __init__(self, buttons: list[Button] | None = None, arrows: Literal["vertical", "horizontal", "both"] = "both") -> None:
        self.buttons: list[Button] = buttons or []
        self.arrows = arrows
        self.focus: int | None = None
        self.hover: int | None = None
        self.first = 0
        self.more_above = False
        self.more_below = False
        self._column: tuple[int, int, int, int] | None = None
        self._look: Look | None = None
        self.focus_first()

    # -- focus -----------------------------------------------------------------
    def focusable(self) -> list[int]:
        return [i for i, b in enumerate(self.buttons) if b.enabled]

    def focus_first(self) -> None:
        live = self.focusable()
        self.focus = live[0] if live else None

    def focus_key(self, key: str) -> None:
        for i, b in enumerate(self.buttons):
            if b.key == key and b.enabled:
                self.focus = i
                self._follow()
                return

    @property
    def focused(self) -> Button | None:
        return self.buttons[self.focus] if self.focus is not None and self.focus < len(self.buttons) else None

    def move(self, step: int) -> None:
        live = self.focusable()
        if not live:
            self.focus = None
            return
        if self.focus not in live:
            self.focus = live[0] if step > 0 else live[-1]
        else:
            self.focus = live[(live.index(self.focus) + step) % len(live)]
        self._follow()

    def _follow(self) -> None:
        """Keep the focused button inside the visible window of a long column."""
        if self._column is None or self._look is None or self.focus is None:
            return
        if self.buttons[self.focus].rect is not None:
            return
        if self.focus < self.first:
            self.first = self.focus
            self.place_column(self._look, *self._column)
            return
        while self.buttons[self.focus].rect is None and self.first < self.focus:
            self.first += 1
            self.place_column(self._look, *self._column)

    # -- events ------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> tuple[bool, Button | None]:
        """(changed, activated button) for one event."""
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEMOTION:
            over = self._at(event.pos)
            if over != self.hover:
                self.hover = over
                return True, None
            return False, None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            over = self._at(event.pos)
            if over is not None and self.buttons[over].enabled:
                self.focus = over
                return True, self.buttons[over]
        if event.type == pygame.MOUSEWHEEL and self._column is not None and (self.more_above or self.more_below):
            self.move(-1 if event.y > 0 else 1)
            return True, None
        return False, None

    def act(self, event: pygame.event.Event) -> bool:
        """Handle one event and run the activated button's action; True if the screen changed."""
        changed, pressed = self.handle(event)
        if pressed is not None and pressed.action is not None:
            pressed.action()
            return True
        return changed

    def _key(self, event: pygame.event.Event) -> tuple[bool, Button | None]:
        key = event.key
        back = {pygame.K_UP} if self.arrows == "vertical" else {pygame.K_LEFT} if self.arrows == "horizontal" else {pygame.K_UP, pygame.K_LEFT}
        forward = {pygame.K_DOWN} if self.arrows == "vertical" else {pygame.K_RIGHT} if self.arrows == "horizontal" else {pygame.K_DOWN, pygame.K_RIGHT}
        if key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True, None
        if key in back:
            self.move(-1)
            return True, None
        if key in forward:
            self.move(1)
            return True, None
        if key in ACTIVATE_KEYS and self.focused is not None and self.focused.enabled:
            return True, self.focused
        number = NUMBER_KEYS.get(key)
        if number is not None:
            for i, b in enumerate(self.buttons):
                if b.number == number and b.enabled:
                    self.focus = i
                    return True, b
        return False, None

    def _at(self, pos: tuple[int, int]) -> int | None:
        for i, b in enumerate(self.buttons):
            if b.rect is not None and b.rect.collidepoint(pos):
                return i
        return None

    # -- layout --------------------------------------------------------------------
    def measure_column(self, look: Look, width: int) -> int:
        gap = look.m.gap
        return sum(b.measure(look, width) for b in self.buttons) + gap * max(0, len(self.buttons) - 1)

    def place_column(self, look: Look, x: int, y: int, width: int, height: int) -> int:
        """Stack whole buttons from ``first`` into the box; returns the height used."""
        self._column = (x, y, width, height)
        self._look = look
        gap = look.m.gap
        more = look.typeset.line_height("small-italic")
        heights = [b.measure(look, width) for b in self.buttons]
        for b in self.buttons:
            b.rect = None
        if sum(heights) + gap * max(0, len(heights) - 1) <= height:
            self.first = 0
        self.first = max(0, min(self.first, len(self.buttons) - 1))
        self.more_above = self.first > 0
        top = y + (more if self.more_above else 0)
        cy = top
        last = self.first - 1
        for i in range(self.first, len(self.buttons)):
            room_below = more + look.m.u(2) if i < len(self.buttons) - 1 else 0  # the hint sits 2 px below the last button
            if i > self.first and cy + heights[i] + room_below > y + height:
                break
            self.buttons[i].rect = pygame.Rect(x, cy, width, heights[i])
            cy += heights[i] + gap
            last = i
        self.more_below = last < len(self.buttons) - 1
        return (cy - gap + (more if self.more_below else 0)) - y

    def measure_row(self, look: Look, width: int) -> int:
        rows = self._row_lines(look, width)
        gap = look.m.gap
        return sum(h for _, h in rows) + gap * max(0, len(rows) - 1)

    def _row_lines(self, look: Look, width: int) -> list[tuple[list[tuple[Button, int]], int]]:
        """Buttons flowed into lines that fit ``width``: [(buttons with widths, line height)]."""
        gap = look.m.gap
        lines: list[tuple[list[tuple[Button, int]], int]] = []
        current: list[tuple[Button, int]] = []
        used = 0
        for b in self.buttons:
            w = min(width, b.natural_width(look))
            if current and used + gap + w > width:
                lines.append((current, 0))
                current, used = [], 0
            current.append((b, w))
            used += (gap if used else 0) + w
        if current:
            lines.append((current, 0))
        return [(line, max(b.measure(look, w) for b, w in line)) for line, _ in lines]

    def place_row(self, look: Look, x: int, y: int, width: int, align: Literal["left", "right", "center"] = "right") -> int:
        """Lay the buttons out left to right, wrapping to more lines; returns the height used."""
        self._column = None
        gap = look.m.gap
        cy = y
        for line, h in self._row_lines(look, width):
            total = sum(w for _, w in line) + gap * (len(line) - 1)
            cx = x + (width - total if align == "right" else (width - total) // 2 if align == "center" else 0)
            for b, w in line:
                b.measure(look, w)
                b.rect = pygame.Rect(cx, cy, w, h)
                cx += w + gap
            cy += h + gap
        return cy - gap - y

    # -- drawing -------------------------------------------------------------------
    def state(self) -> tuple[object, ...]:
        """Everything drawing the group reads (two equal states draw the same pixels)."""
        shown = tuple((b.label, b.detail, b.number, b.kind, b.enabled, tuple(b.rect) if b.rect is not None else None) for b in self.buttons)
        return (shown, self.focus, self.hover, self.first, self.more_above, self.more_below, self._column)

    def extent(self, look: Look) -> list[pygame.Rect]:
        """Where the group draws: its buttons with room for the focus ring, and its column (the "more options" notes)."""
        grow = 2 * (look.m.focus_width + look.m.u(4)) + 2
        out = [b.rect.inflate(grow, grow) for b in self.buttons if b.rect is not None]
        if self._column is not None:
            out.append(pygame.Rect(self._column).inflate(0, 2 * look.typeset.line_height("small")))
        return out

    def prerender(self, look: Look) -> None:
        """Render the (measured) labels into the text cache now, so drawing the buttons later is blits."""
        for button in self.buttons:
            style = button._label_style()
            colour = look.palette.on_primary if button.kind == "primary" else look.palette.button_text
            for runs in button._rows:
                for run in runs:
                    look.cache.render(look.typeset.font(style), run.text, colour)
            if button.number is not None:
                look.cache.render(look.typeset.font("bold"), str(button.number), look.palette.on_accent)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        clip = surface.get_clip()
        grow = 2 * (look.m.focus_width + look.m.u(4)) + 2  # (as extent: the button with its focus ring)
        for i, b in enumerate(self.buttons):
            if b.rect is not None and clip.colliderect(b.rect.inflate(grow, grow)):  # one the clip keeps out is not drawn at all
                b.draw(surface, look, focused=i == self.focus, hovered=i == self.hover and b.enabled)
        if self._column is not None and (self.more_above or self.more_below):
            x, y, width, height = self._column
            font = look.typeset.font("small-italic")
            for flag, text, top in ((self.more_above, "More options above: press Up", y), (self.more_below, "More options below: press Down", None)):
                if not flag:
                    continue
                surf = look.cache.render(font, text, look.palette.muted)
                if top is None:
                    visible = [b.rect for b in self.buttons if b.rect is not None]
                    top = (max(r.bottom for r in visible) + look.m.u(2)) if visible else y
                rect = surf.get_rect(topright=(x + width, top))
                surface.blit(surf, rect)
                if look.log is not None:
                    look.log(rect, pygame.Rect(x, y, width, height))
