"""The watch mode's menus: the episode list (where to start, the layout, back to the title) and the menu Esc opens.

The episodes sit in a grid (up to four columns on a wide screen), with
their dates, so a facilitator can pick one on a projector without scrolling.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.words import episode_when as when
from simulator.ui.kit.grid import grid_key, place_grid
from simulator.ui.kit.look import Look
from simulator.ui.kit.menu import MenuScene
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.watch.moves import WatchMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App


class EpisodesScene(Scene[WatchMoves]):
    """Choose where to start watching (skip to any episode), switch the layout, or go back.

    The episodes sit in a grid (up to four columns on a wide screen), with
    their dates, so a facilitator can pick one on a projector without scrolling.
    """

    name = "watch-episodes"

    def __init__(self, app: App, tour: WatchMoves) -> None:
        super().__init__(app, tour)
        self.tour = tour
        self.group = ButtonGroup(arrows="both")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head_rect = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []
        self.columns = 1
        self._laid: tuple[object, ...] | None = None  # what the list was last laid out for: the look and the layout switch

    def _episodes(self) -> list[Button]:
        scenario = self.tour.reels.scenario
        out = [
            Button(f"{reel.number}. {reel.episode.title}", functools.partial(self.tour.begin, i), detail=when(scenario, reel.episode), key=f"episode-{reel.episode.id}")
            for i, reel in enumerate(self.tour.reels.episodes)
        ]
        if out:
            out[0].kind = "primary"
        return out

    def layout(self, look: Look) -> None:
        switch = layout_button(self.tour)
        laid = (look, switch.label, switch.detail, switch.enabled)
        if laid == self._laid:
            return  # as laid out last time (the tour puts the list back under every card and version it shows)
        self._laid = laid
        m = look.m
        w, h = look.size
        width = min(w - 2 * m.margin, m.u(1180))
        self.card = pygame.Rect((w - width) // 2, m.margin, width, h - 2 * m.margin)
        inner = self.card.inflate(-2 * m.u(28), -2 * m.u(24))
        scenario = self.tour.reels.scenario
        roomy = inner.height >= 16 * look.typeset.line_height("body")
        keep = self.group.focused.key if self.group.focused is not None else None
        tail = [switch, Button("Back to the title", self.back, key="home")]
        for extras in (True, False):
            self._head = [para("Watch the two versions", "title" if roomy and extras else "heading", "text", space_after=0.15)]
            if extras:
                self._head.append(para(f"{scenario.title}: each episode as its barrier version, then its enabler version, with things to notice. Choose where to start.", "body", "muted", space_after=0.2))
            head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
            self.head_rect = pygame.Rect(inner.x, inner.y, inner.width, head_h)
            row = ButtonGroup(list(tail))
            row_h = row.measure_row(look, inner.width)
            area = pygame.Rect(inner.x, self.head_rect.bottom + m.gap, inner.width, inner.bottom - row_h - 2 * m.gap - self.head_rect.bottom)
            placed = False
            for details in (True, False):
                episodes = self._episodes()
                if not details:
                    for b in episodes:
                        b.detail = ""
                self.group = ButtonGroup([*episodes, *tail], arrows="both")
                for columns in (4, 3, 2, 1):
                    if area.width < columns * m.u(260):
                        continue
                    grid = ButtonGroup(episodes)
                    if place_grid(look, grid, area, columns):
                        self.columns, placed = columns, True
                        break
                if placed:
                    break
            if placed:
                break
        if placed:
            ButtonGroup(tail).place_row(look, inner.x, inner.bottom - row_h, inner.width, align="left")
        else:
            # Even one column cannot show them all: one column, the layout and Back at its end, that scrolls with the focus.
            self.columns = 1
            self.group.place_column(look, area.x, area.y, area.width, inner.bottom - area.y)
        if keep:
            self.group.focus_key(keep)

    def back(self) -> None:
        self.tour.home()

    def on_enter(self) -> None:
        self._card_ahead()

    def _card_ahead(self) -> None:
        """Have the card of the episode in focus made and drawn while the list is read (a clicker's Enter then opens it at once)."""
        focused = self.group.focused
        keys = [f"episode-{reel.episode.id}" for reel in self.tour.reels.episodes]
        if focused is not None and focused.key in keys:
            index = keys.index(focused.key)
            self.app.later(lambda: self.tour.card_ahead(index))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return True
        was = self.group.focus
        if grid_key(self.group, self.columns, event) or self.group.act(event):
            if self.group.focus != was and self.app.top is self:
                self._card_ahead()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        surface.fill(look.palette.bg)
        look.panel(surface, self.card, alpha=255, border=look.palette.button_border)
        look.draw_text(surface, self._head, self.head_rect)
        self.group.draw(surface, look)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.tour.side_by_side_now())

    def update(self, dt: float) -> bool:
        if self.tour.auto and self.app.drawn == (id(self), self.screen_key()):
            self.tour.begin(self.tour.start_at)
            return True
        return False

    def wake_in(self) -> float | None:
        return 0.01 if self.tour.auto else None


def layout_button(tour: WatchMoves) -> Button:
    """The layout switch, saying what it is now and what a press does."""
    if tour.side_by_side_now():
        return Button("Layout: side by side", tour.toggle_layout, detail="Enter: one version after the other instead", key="layout")
    detail = "Enter: both versions side by side" if tour.side_possible() else "Side by side needs a wider window"
    return Button("Layout: one after the other", tour.toggle_layout, detail=detail, enabled=tour.side_possible(), key="layout")


class WatchMenu(MenuScene[WatchMoves]):
    """Esc while watching: everything stops until Resume."""

    name = "watch-menu"
    overlay = True
    heading = "Paused"

    def __init__(self, app: App, tour: WatchMoves) -> None:
        super().__init__(app, tour)
        self.tour = tour

    def intro(self) -> list[Para]:
        return [para("The episode waits here until you resume.", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        return [
            Button("Resume", self.back, kind="primary", key="resume"),
            layout_button(self.tour),
            Button("Episodes", self.tour.episodes, detail="Skip to any episode", key="episodes"),
            Button("Settings", self.tour.settings, key="settings"),
            Button("Stop watching", self.tour.home, detail="Back to the title screen", key="stop"),
        ]
