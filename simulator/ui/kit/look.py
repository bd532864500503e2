"""The current look: palette, sizes, fonts and the text cache, bundled for drawing.

The app makes a new :class:`Look` whenever the window size or a visual
setting changes; scenes lay out from it and draw with it, and ask
:attr:`Look.high_contrast` (the trainee's setting) when a shape is drawn
differently for low vision. ``log`` is set by
tests to collect every drawn line of text with the box it had to fit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from simulator.ui.kit.fonts import STYLES, Fonts, Typeset
from simulator.ui.kit.paging import paginate
from simulator.ui.kit.text import Page, Para, TextCache, TextLog, draw_rows
from simulator.ui.kit.theme import Colour, Metrics, Palette


def fill_rounded(surface: pygame.Surface, colour: Colour | tuple[int, int, int, int], rect: pygame.Rect, radius: int, *, top_only: bool = False) -> None:
    """A filled rectangle with rounded corners (only the top two with ``top_only``), pixel for pixel what
    ``pygame.draw.rect(surface, colour, rect, border_radius=radius)`` (or ``border_top_left_radius`` and
    ``border_top_right_radius``) draws, at a fraction of the cost for a large one.

    pygame-ce fills the inside row by row as a polygon, sorting its edges on every row, and each corner pixel by pixel:
    the title's card, the wall and the door's arched frame cost 3.3 million instructions before its first frame. Here
    the inside is up to three plain fills and each corner a filled circle clipped to its corner's square, which sets the
    same pixels (tests/test_ui_rounded.py compares every size and radius). A radius pygame would shrink to fit, or of
    under two pixels, is left to pygame.
    """
    x, y, w, h = rect
    r = radius
    if r < 2 or w < 2 * r or h < (r + 1 if top_only else 2 * r):  # (a top-only arch as tall as its radius: pygame's spills a row below)
        if top_only:
            pygame.draw.rect(surface, colour, rect, border_top_left_radius=r, border_top_right_radius=r)
        else:
            pygame.draw.rect(surface, colour, rect, border_radius=r)
        return
    low = 0 if top_only else r
    surface.fill(colour, (x, y + r, w, h - r - low))  # the rows between the corners, the whole width
    surface.fill(colour, (x + r, y, w - 2 * r, r))  # between the top corners
    if low:
        surface.fill(colour, (x + r, y + h - r, w - 2 * r, r))
    clip = surface.get_clip()
    right = x + w - r  # pygame centres the right corners' circles a pixel in from the last column, the bottom ones' likewise
    corners = [((x + r, y + r), (x, y)), ((right, y + r), (right, y))]
    if low:
        corners += [((x + r, y + h - r), (x, y + h - r)), ((right, y + h - r), (right, y + h - r))]
    for centre, corner in corners:
        surface.set_clip(clip.clip((*corner, r, r)))
        pygame.draw.circle(surface, colour, centre, r)
    surface.set_clip(clip)


class Look:
    """Everything a scene needs to lay out and draw for the current window and settings."""

    def __init__(
        self, fonts: Fonts, size: tuple[int, int], text_step: int, palette: Palette, cache: TextCache, log: TextLog | None = None, *, high_contrast: bool = False
    ) -> None:
        self.high_contrast = high_contrast  # the trainee's setting: solid cards, outlined shapes, no dimmed art
        self.metrics = Metrics.for_size(size[0], size[1], text_step)
        self.settings_step = text_step
        self.typeset = Typeset(fonts, self.metrics)
        self.palette = palette
        self.cache = cache
        self.log = log
        self.size = size
        self._panels: dict[tuple[int, int, Colour, int, int], pygame.Surface] = {}
        self._sheets: dict[tuple[tuple[int, int], Colour], pygame.Surface] = {}

    @property
    def m(self) -> Metrics:
        return self.metrics

    def pages(self, paras: Sequence[Para], width: int, height: int) -> list[Page]:
        return paginate(paras, width, height, self.typeset)

    def draw_page(self, surface: pygame.Surface, page: Page, box: pygame.Rect, roles: dict[str, Colour] | None = None) -> None:
        draw_rows(surface, page.rows, box.topleft, self.typeset, self.palette, self.cache, box, self.log, roles)

    def draw_text(self, surface: pygame.Surface, paras: Sequence[Para], box: pygame.Rect, roles: dict[str, Colour] | None = None) -> int:
        """Draw paragraphs known to fit (measured first by the caller); returns the height used."""
        page = paginate(paras, box.width, 1 << 30, self.typeset)[0]
        draw_rows(surface, page.rows, box.topleft, self.typeset, self.palette, self.cache, box, self.log, roles)
        return page.height

    def panel(self, surface: pygame.Surface, rect: pygame.Rect, colour: Colour | None = None, alpha: int | None = None, border: Colour | None = None) -> None:
        """A rounded card, translucent over art in the calm theme, solid in high contrast."""
        colour = colour or self.palette.panel
        alpha = self.palette.panel_alpha if alpha is None else alpha
        radius = self.m.radius
        if alpha >= 255:
            fill_rounded(surface, colour, rect, radius)
        else:
            key = (rect.width, rect.height, colour, alpha, radius)
            surf = self._panels.get(key)
            if surf is None:
                surf = pygame.Surface(rect.size, pygame.SRCALPHA)
                fill_rounded(surf, (*colour, alpha), surf.get_rect(), radius)
                if len(self._panels) > 32:
                    self._panels.clear()
                self._panels[key] = surf
            surface.blit(surf, rect.topleft)
        edge = border if border is not None else (self.palette.button_border if self.high_contrast else None)
        if edge is not None:
            pygame.draw.rect(surface, edge, rect, self.palette.border_width, border_radius=radius)

    def scrim(self, surface: pygame.Surface, rect: pygame.Rect | None = None) -> None:
        """Dim everything behind an overlay (pause, feedback), or the part of it within ``rect``."""
        # A multiply is a quarter of the cost of an alpha sheet at 1920x1080, and dims the same (pixel by pixel: a part dims as the whole would).
        keep = 255 - self.palette.scrim_alpha
        surface.fill((keep, keep, keep), rect, special_flags=pygame.BLEND_MULT)

    def veil(self, surface: pygame.Surface, colour: Colour, alpha: int) -> None:
        """Lay a see-through sheet of one colour over the whole surface (dimming, fades)."""
        if alpha >= 255:
            surface.fill(colour)
            return
        sheet = self.sheet(surface.get_size(), colour)
        sheet.set_alpha(alpha)
        surface.blit(sheet, (0, 0))

    def sheet(self, size: tuple[int, int], colour: Colour) -> pygame.Surface:
        """A full-window surface of one colour (made once: making one costs a frame's budget)."""
        key = (size, colour)
        found = self._sheets.get(key)
        if found is None:
            if len(self._sheets) >= 4:
                self._sheets.clear()  # old window sizes
            found = pygame.Surface(size).convert()
            found.fill(colour)
            self._sheets[key] = found
        return found

    def prerender(self, pages: Sequence[Page]) -> None:
        """Render these pages' lines into the text cache now (while the trainee reads), so drawing them later is blits."""
        for page in pages:
            for row in page.rows:
                for run in row.runs:
                    self.cache.render(self.typeset.font(run.style), run.text, self.palette.role(run.role))

    def warm(self) -> None:
        """Load every font and make the fade sheet now, while nothing is on the move, not in the middle of a frame."""
        for style in STYLES:
            self.typeset.font(style)
        self.sheet(self.size, self.palette.bg)
