"""Your scores against what this case made achievable, and each family member's trust, as bars.

One bar per dimension, like the HTML report's: the band is what any route
through this scenario could score (from the score bounds), and the markers
are where you, the enabler path and the barrier path finished. Trust is on
0 to 100 with a tick where it started. Every number is also written out
beside its bar, so nothing rests on reading the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.review import Review
from simulator.ui.kit.access_describe import Sketch, sentence
from simulator.ui.kit.card import Pager, reading_card, title_style
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.review import marks
from simulator.ui.review.contents import section_buttons
from simulator.ui.review.moves import ReviewMoves
from simulator.wording import signed

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

PATHS = ("barrier", "enabler", "you")


@dataclass(frozen=True)
class Bar:
    """One row: what it measures, the numbers in words, and what to draw."""

    title: str
    description: str
    numbers: str
    low: int
    high: int
    band: tuple[int, int] | None
    values: tuple[tuple[str, int], ...]
    start: int | None


def bars(review: Review) -> list[Bar]:
    d = review.debrief
    out: list[Bar] = []
    for s in d.scores:
        lo, hi = s.achievable.low, s.achievable.high
        numbers = f"You {signed(s.score)} \u00b7 enabler path {signed(s.enabler)} \u00b7 barrier path {signed(s.barrier)} \u00b7 this case allowed {signed(lo)} to {signed(hi)}"
        low, high = min(lo, s.score, s.enabler, s.barrier), max(hi, s.score, s.enabler, s.barrier)
        out.append(Bar(s.label, s.description, numbers, low, high, (lo, hi), (("barrier", s.barrier), ("enabler", s.enabler), ("you", s.score)), None))
    for t in d.trust:
        first = t.short or (t.name.split()[0] if t.name else t.id)  # as the case calls them ("Mr Campbell"), as the report does
        numbers = f"Started at {t.start} (the upright line) \u00b7 you {t.end} \u00b7 enabler path {t.enabler} \u00b7 barrier path {t.barrier}"
        out.append(Bar(f"{first}'s trust", t.role, numbers, 0, 100, None, (("barrier", t.barrier), ("enabler", t.enabler), ("you", t.end)), t.start))
    return out


def spoken_numbers(bar: Bar) -> str:
    """A bar's numbers as a sentence (the dots between them are for the eye)."""
    return bar.numbers.replace(" \u00b7 ", ", ").replace(" (the upright line)", "")


class ScoresScene(Scene[ReviewMoves]):
    """The bars, as many to a page as fit, with the section buttons below."""

    name = "debrief-scores"

    def __init__(self, app: App, moves: ReviewMoves, review: Review) -> None:
        super().__init__(app, moves)
        self.review = review
        self.bars = bars(review)
        self.pager = Pager()
        self.pages: list[list[tuple[Bar, list[Para], int]]] = []
        self.group = ButtonGroup(arrows="both")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head_rect = pygame.Rect(0, 0, 1, 1)
        self.body = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []

    def _texts(self, bar: Bar) -> list[Para]:
        return [
            Para((Span(bar.title, "bold", "text"), Span(f"  {bar.description}", "small", "muted")), space_after=0.1),
            para(bar.numbers, "small", "text", space_after=0),
        ]

    def bar_height(self, look: Look) -> int:
        return look.m.u(32)

    # -- layout ----------------------------------------------------------------------------
    def layout(self, look: Look) -> None:
        m = look.m
        card = reading_card(look)
        self.card, inner = card.rect, card.inner
        self._head = [para("Your scores", title_style(look, inner.height), "text", space_after=0.15), para(self.review.scenario.title, "small", "muted", space_after=0.2)]
        head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
        self.head_rect = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        legend_h = look.typeset.line_height("small")
        self.legend_at = (inner.x, self.head_rect.bottom)
        self.legend_fits = marks.legend_width(look, PATHS) <= inner.width
        top = self.head_rect.bottom + (legend_h + m.gap if self.legend_fits else 0)
        keep = self.group.focused.key if self.group.focused is not None else None
        for paging in (False, True):
            buttons = self._buttons(paging)
            buttons_h = ButtonGroup(buttons).measure_row(look, inner.width)
            self.body = pygame.Rect(inner.x, top, inner.width, inner.bottom - buttons_h - m.gap - top)
            self._paginate(look)
            if len(self.pages) == 1:
                break  # else lay out again with room for the page buttons
        self.pager.set_count(len(self.pages))
        self.group = ButtonGroup(buttons, arrows="both")
        self.group.focus_key(keep or ("next-page" if len(self.pages) > 1 else "next"))
        self.pager.sync(self.group)
        self.group.place_row(look, inner.x, inner.bottom - buttons_h, inner.width)

    @property
    def page(self) -> int:
        return self.pager.page

    def _buttons(self, paging: bool) -> list[Button]:
        out = section_buttons(self.moves, "scores")
        return [*Pager.buttons(self.turn), *out] if paging else out

    def _paginate(self, look: Look) -> None:
        m = look.m
        pages: list[list[tuple[Bar, list[Para], int]]] = [[]]
        used = 0
        for bar in self.bars:
            texts = self._texts(bar)
            text_h = look.pages(texts, self.body.width, 1 << 30)[0].height
            block = text_h + self.bar_height(look)
            gap = m.u(14) if pages[-1] else 0
            if pages[-1] and used + gap + block > self.body.height:
                pages.append([])
                used, gap = 0, 0
            pages[-1].append((bar, texts, text_h))
            used += gap + block
        self.pages = pages

    def turn(self, step: int) -> bool:
        return self.pager.turn(step, self.group)

    # -- events --------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.moves.debrief_hub()
                return True
            if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                return self.turn(1 if event.key == pygame.K_PAGEDOWN else -1)
        return self.group.act(event)

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        m = look.m
        surface.fill(look.palette.bg)
        look.panel(surface, self.card, alpha=255)
        look.draw_text(surface, self._head, self.head_rect)
        if self.legend_fits:
            marks.legend(surface, look, PATHS, self.legend_at, self.card)
        y = self.body.y
        for bar, texts, text_h in self.pages[self.page] if self.pages else []:
            look.draw_text(surface, texts, pygame.Rect(self.body.x, y, self.body.width, text_h))
            self._bar(surface, look, bar, pygame.Rect(self.body.x, y + text_h, self.body.width, self.bar_height(look)))
            y += text_h + self.bar_height(look) + m.u(14)
        if len(self.pages) > 1:
            marks.label(surface, look, f"Page {self.page + 1} of {len(self.pages)}", "small", "muted", (self.body.right, self.body.bottom), self.card, anchor="bottomright")
        self.group.draw(surface, look)

    def _bar(self, surface: pygame.Surface, look: Look, bar: Bar, box: pygame.Rect) -> None:
        m = look.m
        p = look.palette
        left, right = box.x + m.u(16), box.right - m.u(16)
        mid = box.y + m.u(16)
        span = max(1, bar.high - bar.low)

        def x(value: int) -> float:
            return left + (value - bar.low) / span * (right - left)

        track = p.button if not look.high_contrast else p.bg
        pygame.draw.rect(surface, track, pygame.Rect(left, mid - m.u(3), right - left, m.u(6)), border_radius=m.u(3))
        if bar.band is not None:
            lo, hi = bar.band
            band = pygame.Rect(round(x(lo)) - m.u(6), mid - m.u(7), round(x(hi) - x(lo)) + m.u(12), m.u(14))
            pygame.draw.rect(surface, p.button_border if not look.high_contrast else p.bg, band, border_radius=m.u(7))
            if look.high_contrast:
                pygame.draw.rect(surface, p.text, band, p.border_width, border_radius=m.u(7))
            if bar.low < 0 < bar.high:
                pygame.draw.line(surface, p.muted, (x(0), mid - m.u(11)), (x(0), mid + m.u(11)), max(1, m.u(1)))
        if bar.start is not None:
            pygame.draw.line(surface, p.text, (x(bar.start), mid - m.u(13)), (x(bar.start), mid + m.u(13)), max(2, m.u(3)))
        # The enabler ring goes on top and a little wider than your dot, so where you match it shows as a dot in a ring.
        sizes = {"barrier": m.u(7), "you": m.u(8), "enabler": m.u(12)}
        for path in ("barrier", "you", "enabler"):
            value = dict(bar.values)[path]
            marks.marker(surface, look, path, (x(value), mid), sizes[path])

    def describe(self, sketch: Sketch) -> None:
        """Every bar in words (all of them, not only the page in view): what it measures and where each path finished."""
        sketch.heading("Your scores")
        sketch.text(self.review.scenario.title)
        for bar in self.bars:
            sketch.text(f"{bar.title}: {bar.description}. {spoken_numbers(bar)}.")
        if len(self.pages) > 1:
            sketch.text(f"Page {self.page + 1} of {len(self.pages)}. Page Up and Page Down turn pages.")
        sketch.buttons(self.group)
        shown = self.pages[self.page] if self.pages else []
        if self.page == 0:
            sketch.say("Your scores.", sentence(self.review.scenario.title))
        else:
            sketch.say(f"Page {self.page + 1} of {len(self.pages)}.")
        sketch.say(*(f"{bar.title}: {spoken_numbers(bar)}." for bar, _, _ in shown))

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.page)
