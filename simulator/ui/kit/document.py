"""A reading screen: a title, paged text in a comfortable column, and a row of buttons.

The prebrief, the picker, the history, the ending, the debrief's sections
and every notice are documents. Text is laid out for the real box and split
into pages (Page Up and Page Down, or the page buttons), so the largest text
size on a 1024x600 screen pages instead of clipping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.ui.kit.access_describe import Sketch, page_text, sentence
from simulator.ui.kit.card import COLUMN, Pager, inside, title_style
from simulator.ui.kit.card import column_width as card_width
from simulator.ui.kit.layer import outside
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import M, Scene
from simulator.ui.kit.text import Page, Para, para, words_in
from simulator.ui.kit.widgets import Button, ButtonGroup

if TYPE_CHECKING:
    from simulator.ui.kit.app import App


CORNER_KEY = (255, 0, 254)  # the colour key of a card's corners drawn ahead (DocScene._cut_corners): never a panel's colour


class DocScene(Scene[M]):
    """A titled, paged document with buttons; subclasses give the text and the buttons."""

    name = "doc"
    heading = ""
    backdrop: str | None = None  # a location id drawn faintly behind the card
    start_at_end = False
    fit = False  # shrink the card to its content and centre it (feedback, notices)
    column = COLUMN
    fixed = False  # its words and buttons are set when it is made: a layout made ahead in the same look is kept (feedback, watch cards)

    def __init__(self, app: App, moves: M) -> None:
        super().__init__(app, moves)
        self.pager = Pager()
        self.pages: list[Page] = []
        self.group = ButtonGroup(arrows="both")
        self.box = pygame.Rect(0, 0, 1, 1)
        self.card = pygame.Rect(0, 0, 1, 1)
        self.title_rect = pygame.Rect(0, 0, 1, 1)
        self._title_paras: list[Para] = []
        self._body: list[Para] = []  # the text as last laid out (what a screen reader is given)
        self._laid_out = False
        self._backdrop_ready = True
        self._outside: object = None  # what the window around the card showed when last drawn (draw_changed)
        self._rendered: object = None  # the page whose words were last rendered ahead (the next one)
        self._picture: tuple[object, pygame.Surface, list[pygame.Surface] | None] | None = None  # the card drawn ahead (draw_ahead): what it shows, its pixels, its corners
        self._page_planned: object = None  # the page and focus its next page was last drawn ahead from (_plan_page_ahead)
        self._laid_in: Look | None = None  # the look it was last laid out in (a new look is made for every change of size or setting)

    @property
    def page(self) -> int:
        return self.pager.page

    @page.setter
    def page(self, value: int) -> None:
        self.pager.page = value

    # -- content (subclasses) -------------------------------------------------------
    def paras(self) -> list[Para]:
        return []

    def actions(self) -> list[Button]:
        return [Button("Back", self.back, key="back")]

    def subtitle(self) -> str:
        return ""

    def back(self) -> None:
        self.moves.close(self)

    # -- layout -----------------------------------------------------------------
    def layout(self, look: Look) -> None:
        if self.fixed and look is self._laid_in:
            return  # laid out ahead (while the screen before was read), and nothing it shows has changed since
        self._laid_in = look
        m = look.m
        w, h = look.size
        col = card_width(look, self.column)
        card = pygame.Rect((w - col) // 2, m.margin, col, h - 2 * m.margin)
        used = self._layout_in(look, card)
        if self.fit and len(self.pages) == 1 and used < card.height:
            # A short card sits in the middle of the screen rather than stretching to the edges.
            card = pygame.Rect(card.x, (h - used) // 2, card.width, used)
            self._layout_in(look, card)

    def _layout_in(self, look: Look, rect: pygame.Rect) -> int:
        """Lay out title, pages and buttons inside ``rect``; returns the height the content needs."""
        m = look.m
        self.card = rect
        card = inside(look, rect)
        inner = card.inner
        pad_v = (rect.height - inner.height) // 2
        self._title_paras = [para(self.heading, title_style(look, rect.height), "text", space_after=0.2)] if self.heading else []
        if self.subtitle():
            self._title_paras.append(para(self.subtitle(), "small", "muted", space_after=0.2))
        title_h = look.pages(self._title_paras, inner.width, 1 << 30)[0].height if self._title_paras else 0
        self.title_rect = pygame.Rect(inner.x, inner.y, inner.width, title_h)
        keep = self.group.focused.key if self.group.focused else None
        focus = self.group.focus
        buttons = self.actions()
        buttons_h = ButtonGroup(buttons).measure_row(look, inner.width)
        top = self.title_rect.bottom + (m.gap if title_h else 0)
        nav_h = look.typeset.line_height("small") + m.u(4)
        body = self._body = self.paras()
        doc_h = max(look.typeset.line_height("body"), inner.bottom - buttons_h - m.gap - top)
        self.pages = look.pages(body, inner.width, doc_h)
        if len(self.pages) > 1:
            # Leave room for "Page 2 of 3" and the page buttons, then lay out again.
            buttons = [*Pager.buttons(self.turn), *buttons]
            buttons_h = ButtonGroup(buttons).measure_row(look, inner.width)
            doc_h = max(look.typeset.line_height("body"), inner.bottom - buttons_h - m.gap - nav_h - top)
            self.pages = look.pages(body, inner.width, doc_h)
            if len(self.pages) == 1:
                buttons = self.actions()
                buttons_h = ButtonGroup(buttons).measure_row(look, inner.width)
        self.box = pygame.Rect(inner.x, top, inner.width, doc_h)
        self.pager.set_count(len(self.pages))
        if not self._laid_out and self.start_at_end:
            self.page = len(self.pages) - 1
        self._laid_out = True
        self.group = ButtonGroup(buttons, arrows="both")
        if keep:
            self.group.focus_key(keep)
        elif focus is not None and buttons:
            self.group.focus = min(focus, len(buttons) - 1)
        self.pager.sync(self.group)
        self.group.place_row(look, inner.x, inner.bottom - buttons_h, inner.width)
        content = self.pages[self.page].height if len(self.pages) == 1 else doc_h + nav_h
        return title_h + (m.gap if title_h else 0) + content + m.gap + buttons_h + 2 * pad_v

    def turn(self, step: int) -> bool:
        return self.pager.turn(step, self.group)

    # -- events -------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key == pygame.K_PAGEDOWN:
                return self.turn(1)
            if event.key == pygame.K_PAGEUP:
                return self.turn(-1)
        return self.group.act(event)

    # -- drawing ------------------------------------------------------------------
    def draw_backdrop(self, surface: pygame.Surface) -> None:
        look = self.look
        if self.overlay:
            return  # the app has drawn the dimmed scene beneath
        bg = None
        if self.backdrop and not look.high_contrast:
            bg, _ = self.app.art.background(self.backdrop, look.size)
            self._backdrop_ready = bg is not None
        if bg is None or bg.get_size() != surface.get_size() or bg.get_flags() & pygame.SRCALPHA or bg.get_alpha() is not None:
            surface.fill(look.palette.bg)  # (a whole opaque picture covers it all)
        if bg is not None:
            surface.blit(bg, (0, 0))

    def opaque(self) -> pygame.Rect | None:
        """The card between its rounded corners' rows: the panel and the copy of it drawn ahead paint every pixel there."""
        return self.card.inflate(0, -2 * self.look.m.radius)

    def draw(self, surface: pygame.Surface) -> None:
        clip = surface.get_clip()
        # The backdrop only around the card's opaque middle: at 1920x1080 copying it under the card too was a million pixels.
        for part in outside(clip, [self.card.inflate(0, -2 * self.look.m.radius)]) or [pygame.Rect(clip.topleft, (0, 0))]:
            surface.set_clip(part)
            self.draw_backdrop(surface)
        surface.set_clip(clip)
        if not self._paste(surface):
            self._draw_card(surface)
        self._plan_page_ahead()

    def _draw_card(self, surface: pygame.Surface) -> None:
        look = self.look
        look.panel(surface, self.card, alpha=255, border=look.palette.button_border if self.overlay else None)
        look.draw_text(surface, self._title_paras, self.title_rect)
        if self.pages:
            look.draw_page(surface, self.pages[self.page], self.box)
        if len(self.pages) > 1:
            font = look.typeset.font("small")
            surf = look.cache.render(font, self._page_label(look, self.page), look.palette.muted)
            rect = surf.get_rect(topleft=(self.box.x, self.box.bottom + look.m.u(4)))
            surface.blit(surf, rect)
            if look.log is not None:
                look.log(rect, self.card)
        self.group.draw(surface, look)

    # -- the card drawn ahead ---------------------------------------------------------
    def draw_ahead(self, scratch: pygame.Surface) -> None:
        """Draw the card now, while the screen before it is read, into a picture of its own (``scratch``: any surface the
        size of the window, drawn over): showing the card is then a copy, and its rounded corners drawn over what is beneath."""
        look = self.look
        if look.log is not None or scratch.get_size() != look.size or not self._corners_clear():
            return
        self._draw_card(scratch)
        self._picture = (self._card_key(), scratch.subsurface(self.card).copy(), self._cut_corners())

    def _plan_page_ahead(self) -> None:
        """Have the card with its next page drawn while this page is read: Page Down then copies it (``_paste``)."""
        if self.page + 1 >= len(self.pages) or self.look.log is not None:
            return
        planned = (self.look, self.page, self.group.state())
        if planned != self._page_planned:
            self._page_planned = planned
            self.app.later(self._page_ahead, unseen=True)

    def _page_ahead(self) -> None:
        if self.app.top is not self or not self.settled():
            self._page_planned = None  # covered, or still fading in or waiting for its picture: planned again when next drawn
            return
        if self._page_planned != (self.look, self.page, self.group.state()):
            return  # the page or the focus moved since: planned again from where it is now
        group = self.group
        kept = (self.pager.page, group.focus, group.first, group.more_above, group.more_below, [b.enabled for b in group.buttons])
        try:
            if self.turn(1) and (self._picture is None or self._picture[0] != self._card_key()):
                self.draw_ahead(self.app.scratch())
        finally:  # back to the page on screen, as it was
            self.pager.page, group.focus, group.first, group.more_above, group.more_below, enabled = kept
            for button, on in zip(group.buttons, enabled, strict=True):
                button.enabled = on

    def _card_key(self) -> tuple[object, ...]:
        """Everything the card shows (equal keys draw the same pixels)."""
        return (self.look, tuple(self.card), self.overlay, self._title_paras, tuple(self.title_rect), self.pages, self.page, tuple(self.box), self.group.state())

    def _corners(self) -> list[pygame.Rect]:
        card, r = self.card, self.look.m.radius
        return [pygame.Rect(x, y, r, r) for x in (card.x, card.right - r) for y in (card.y, card.bottom - r)]

    def _cut_corners(self) -> list[pygame.Surface] | None:
        """The card's four corners on their own, what lies beneath left out (a colour key): pasted over whatever is beneath
        in four small copies, where drawing the panel again clipped to each corner cost four passes of its rounded fill."""
        look = self.look
        edge = look.palette.button_border if self.overlay else (look.palette.button_border if look.high_contrast else None)
        if CORNER_KEY in (look.palette.panel, edge):
            return None  # (the key must be a colour the panel never paints)
        out = []
        for corner in self._corners():
            piece = pygame.Surface(corner.size, 0, self.app.surface)
            piece.fill(CORNER_KEY)
            look.panel(piece, self.card.move(-corner.x, -corner.y), alpha=255, border=look.palette.button_border if self.overlay else None)
            piece.set_colorkey(CORNER_KEY)
            out.append(piece)
        return out

    def _corners_clear(self) -> bool:
        """Whether only the panel shows in the card's corners (its words and buttons sit further in)."""
        look = self.look
        if not pygame.Rect(0, 0, *look.size).contains(self.card):
            return False
        drawn = [inside(look, self.card).inner, self.title_rect, self.box, *self.group.extent(look)]
        return not any(corner.colliderect(rect) for corner in self._corners() for rect in drawn)

    def _paste(self, surface: pygame.Surface) -> bool:
        """Copy the card drawn ahead, if it shows what the card shows now; its corners are drawn over what lies beneath."""
        picture = self._picture
        look = self.look
        if picture is None or look.log is not None or picture[0] != self._card_key():
            return False
        card, r = self.card, look.m.radius
        for part in (card.inflate(0, -2 * r), pygame.Rect(card.x + r, card.y, card.width - 2 * r, r), pygame.Rect(card.x + r, card.bottom - r, card.width - 2 * r, r)):
            surface.blit(picture[1], part, part.move(-card.x, -card.y))
        corners = picture[2]
        if corners is not None:
            for corner, piece in zip(self._corners(), corners, strict=True):
                surface.blit(piece, corner)
            return True
        clip = surface.get_clip()
        for corner in self._corners():
            surface.set_clip(corner.clip(clip))
            look.panel(surface, card, alpha=255, border=look.palette.button_border if self.overlay else None)
        surface.set_clip(clip)
        return True

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """Turning a page or moving the focus changes only the card (and its buttons' rings): the window around it stays."""
        look = self.look
        self._next_ahead(look)
        key = (look, tuple(self.card), self.backdrop, self.overlay)
        kept, self._outside = self._outside, key
        if whole or key != kept or not self._backdrop_ready:  # a picture still to come is drawn whole when it does
            self.draw(surface)
            return None
        rect = self.card.unionall(self.group.extent(look)).clip(surface.get_rect())
        clip = surface.get_clip()
        surface.set_clip(rect)
        self.draw(surface)
        surface.set_clip(clip)
        return [rect]

    def drawn_within(self) -> pygame.Rect | None:
        """An overlay card paints its card and its buttons (their focus rings may reach past it), nothing else."""
        return self.card.unionall(self.group.extent(self.look)) if self.overlay else None

    def _page_label(self, look: Look, page: int) -> str:
        text = f"Page {page + 1} of {len(self.pages)}  (Page Up and Page Down turn pages)"
        return text if look.typeset.font("small").size(text)[0] <= self.box.width else f"Page {page + 1} of {len(self.pages)}"

    def _next_ahead(self, look: Look) -> None:
        """Render the next page's words (and its page number) while this one is read: turning to it is then blits."""
        following = self.pages[self.page + 1 : self.page + 2]
        key = (look, id(following[0])) if following else None
        if key is not None and key != self._rendered:
            self._rendered = key
            label = self._page_label(look, self.page + 1)

            def render() -> None:
                look.prerender(following)
                look.cache.render(look.typeset.font("small"), label, look.palette.muted)

            self.app.later(render, unseen=True)

    def describe(self, sketch: Sketch) -> None:
        """The title, the whole text (a screen reader need not turn pages), the buttons; the page in view is announced."""
        sketch.heading(self.heading)
        sketch.text(self.subtitle())
        sketch.paras(self._body, self.box)
        if len(self.pages) > 1:
            sketch.text(f"Page {self.page + 1} of {len(self.pages)}. Page Up and Page Down turn pages.")
        sketch.buttons(self.group)
        page = page_text(self.pages[self.page]) if self.pages else ""
        if self.page == 0:
            sketch.say(*(sentence(t) for t in (self.heading, self.subtitle()) if t))
        elif len(self.pages) > 1:
            sketch.say(f"Page {self.page + 1} of {len(self.pages)}.")
        sketch.say(page)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.page)

    def settled(self) -> bool:
        return self._backdrop_ready

    def words(self) -> int:
        return min(words_in(self.pages[self.page]), 120) if self.pages else 0
