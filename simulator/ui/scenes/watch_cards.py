"""The watch mode's cards and menus: the episode list, the card before, between and after the versions, and the menu.

The cards carry RIVRT's way of watching: before the versions, what to
notice (the episode's own ``notice:`` prompts, or the four general ones);
between them, the same prompts as questions for discussion; after them,
what each version changed, in words. Cards wait for Enter (a natural place
for a room to talk), except when the tour runs by itself for screenshots.
"""

from __future__ import annotations

from typing import Any

import pygame

from simulator.engine.clock import months_total
from simulator.engine.shown import Card
from simulator.scenario.model import Episode, Scenario
from simulator.ui.look import Look
from simulator.ui.reel import EpisodeReel, contrast, endings
from simulator.ui.scene import Scene
from simulator.ui.scenes.doc import DocScene
from simulator.ui.scenes.grid import grid_key, place_grid
from simulator.ui.scenes.menu import MenuScene
from simulator.ui.text import Para, para
from simulator.ui.widgets import Button, ButtonGroup

GENERAL_NOTICE = (
    "What the worker does, and when.",
    "The worker's tone, and how each person answers it.",
    "Body language: how people sit, stand and move as the tone changes.",
    "The approach: who is listened to, who is told, and who decides.",
)
CARD_BASE_S = 3.0
CARD_S_PER_WORD = 0.22


def when(scenario: Scenario, episode: Episode) -> str:
    """"Mon 2 Mar 2026 · month 0 of 11": when the episode is scheduled."""
    d = scenario.calendar.date_of(episode.day)
    total = months_total(scenario)
    month = f" \u00b7 month {scenario.calendar.month_of(episode.day)} of {total}" if total > 0 else ""
    return f"{d:%a} {d.day} {d:%b %Y}{month}"


def notices(card: Card) -> tuple[str, ...]:
    return card.notice or GENERAL_NOTICE


def bullets(items: list[str] | tuple[str, ...]) -> list[Para]:
    return [para(text, "body", "text", bullet=True, space_after=0.12) for text in items]


class WatchCard(DocScene):
    """A card in the tour, over the episode's place; its first button is what comes next."""

    fit = True
    column = 900

    def __init__(self, app: Any, tour: Any, kind: str, heading: str, subtitle: str, body: list[Para], buttons: list[Button], backdrop: str) -> None:
        super().__init__(app)
        self.tour = tour
        self.kind = kind
        self.name = f"watch-{kind}"
        self.heading = heading
        self._subtitle = subtitle
        self.body = body
        self.buttons = buttons
        self.backdrop = backdrop
        self.timer: float | None = None

    def subtitle(self) -> str:
        return self._subtitle

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return list(self.buttons)

    def back(self) -> None:
        self.tour.menu()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_n:
            self.tour.next_episode()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_p:
            self.tour.previous_episode()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_e, pygame.K_HOME):
            self.tour.episodes()
            return True
        return super().handle(event)

    # -- running by itself (screenshots, --auto-advance) ------------------------------------
    def _words(self) -> int:
        page = self.pages[self.page] if self.pages else None
        return sum(len(run.text.split()) for row in page.rows for run in row.runs) if page else 0

    def update(self, dt: float) -> bool:
        if not self.tour.auto or getattr(self.app, "drawn", None) != (id(self), self.screen_key()) or not self.settled():
            return False
        if self.timer is None:
            self.timer = 0.0 if self.tour.rate <= 0 else (CARD_BASE_S + CARD_S_PER_WORD * self._words()) / self.tour.rate
        self.timer -= dt
        if self.timer > 0:
            return False
        self.timer = None
        if not self.turn(1):
            self.buttons[0].action()  # type: ignore[misc]
        return True

    def wake_in(self) -> float | None:
        if not self.tour.auto:
            return None
        return 0.01 if self.timer is None else max(0.0, self.timer)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.tour.index, self.page)


# -- the cards' words ---------------------------------------------------------------------
def intro_card(app: Any, tour: Any, reel: EpisodeReel, total: int) -> WatchCard:
    ep = reel.episode
    scenario = tour.reels.scenario
    body: list[Para] = []
    card = tour.card(ep.id)
    if card.transition:
        body.append(para(card.transition, "heading", "accent", space_after=0.25))
    if card.summary:
        body.append(para(card.summary, "body", "text", space_after=0.45))
    body.append(para("As you watch, notice:", "bold", "text", space_after=0.15, keep_with_next=True))
    body.extend(bullets(notices(card)))
    shown = [t.path for t in reel.shown]
    if tour.side_by_side_now() and len(shown) > 1:
        plan = "The barrier version plays on the left and the enabler version on the right. They stop together at each decision."
        first = Button("Watch both versions", tour.advance, kind="primary", key="play")
    elif len(shown) > 1:
        plan = "First the barrier version, where well-meant habits get in the way; then the enabler version of the same episode."
        first = Button("Watch the barrier version", tour.advance, kind="primary", key="play")
    else:
        plan = f"Only the {shown[0]} path comes to this episode, so there is one version to watch."
        first = Button(f"Watch the {shown[0]} version", tour.advance, kind="primary", key="play")
    body.append(para(plan, "body", "text", space_before=0.35, space_after=0.3))
    body.append(para("Space pauses, + and \u2212 change the speed, Right steps on, N skips to the next episode, Esc opens the menu.", "small", "muted", space_after=0))
    buttons = [first, Button("Next episode", tour.next_episode, key="next-episode"), Button("Episodes", tour.episodes, key="episodes")]
    return WatchCard(app, tour, "intro", ep.title, f"Episode {reel.number} of {total} \u00b7 {when(scenario, ep)}", body, buttons, ep.location)


def between_card(app: Any, tour: Any, reel: EpisodeReel) -> WatchCard:
    ep = reel.episode
    body = [para("Before the enabler version, talk about the barrier version:", "bold", "text", space_after=0.15, keep_with_next=True)]
    body.extend(bullets(notices(tour.card(ep.id))))
    body.append(para("Then watch the enabler version of the same episode, and notice what is different: the words, the tone, where people sit, who speaks.", "body", "text", space_before=0.35, space_after=0))
    buttons = [
        Button("Watch the enabler version", tour.advance, kind="primary", key="play"),
        Button("The barrier version again", tour.again, key="again"),
        Button("Episodes", tour.episodes, key="episodes"),
    ]
    return WatchCard(app, tour, "between", "Between the two versions", ep.title, body, buttons, ep.location)


def closing_card(app: Any, tour: Any, reel: EpisodeReel, next_reel: EpisodeReel | None) -> WatchCard:
    ep = reel.episode
    scenario = tour.reels.scenario
    body: list[Para] = [para("Over this episode, in each version:", "bold", "text", space_after=0.15, keep_with_next=True)]
    body.extend(bullets(contrast(scenario, reel)))
    ended = endings(reel, tour.reels.traces)
    if ended:
        body.append(para("How the case ended:", "bold", "text", space_before=0.35, space_after=0.15, keep_with_next=True))
        body.extend(bullets(ended))
    if tour.side_by_side_now() and len(reel.shown) > 1:
        body.append(para("Questions for discussion:", "bold", "text", space_before=0.35, space_after=0.15, keep_with_next=True))
        body.extend(bullets(notices(tour.card(ep.id))))
    body.append(para("Which moment made the biggest difference, and what did each worker do there?", "bold", "text", space_before=0.35, space_after=0))
    if next_reel is not None:
        first = Button(f"Episode {next_reel.number}: {next_reel.episode.title}", tour.next_episode, kind="primary", key="next-episode")
    else:
        first = Button("Back to the episodes" if not tour.auto else "Finish", tour.finish, kind="primary", key="finish")
    buttons = [first, Button("Watch this episode again", tour.again, key="again"), Button("Episodes", tour.episodes, key="episodes")]
    return WatchCard(app, tour, "closing", f"What changed: {ep.title}", f"Episode {reel.number} \u00b7 {when(scenario, ep)}", body, buttons, ep.location)


# -- menus -------------------------------------------------------------------------------------
class EpisodesScene(Scene):
    """Choose where to start watching (skip to any episode), switch the layout, or go back.

    The episodes sit in a grid (up to four columns on a wide screen), with
    their dates, so a facilitator can pick one on a projector without scrolling.
    """

    name = "watch-episodes"

    def __init__(self, app: Any, tour: Any) -> None:
        super().__init__(app)
        self.tour = tour
        self.group = ButtonGroup(arrows="both")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head_rect = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []
        self.columns = 1

    def _episodes(self) -> list[Button]:
        scenario = self.tour.reels.scenario
        out = [
            Button(f"{reel.number}. {reel.episode.title}", (lambda i=i: self.tour.begin(i)), detail=when(scenario, reel.episode), key=f"episode-{reel.episode.id}")
            for i, reel in enumerate(self.tour.reels.episodes)
        ]
        if out:
            out[0].kind = "primary"
        return out

    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        width = min(w - 2 * m.margin, m.u(1180))
        self.card = pygame.Rect((w - width) // 2, m.margin, width, h - 2 * m.margin)
        inner = self.card.inflate(-2 * m.u(28), -2 * m.u(24))
        scenario = self.tour.reels.scenario
        roomy = inner.height >= 16 * look.typeset.line_height("body")
        keep = self.group.focused.key if self.group.focused is not None else None
        tail = [layout_button(self.tour), Button("Back to the title", self.back, key="home")]
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
        self.app.flow.home()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return True
        if grid_key(self.group, self.columns, event):
            return True
        return self.group.act(event)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        surface.fill(look.palette.bg)
        look.panel(surface, self.card, alpha=255, border=look.palette.button_border)
        look.draw_text(surface, self._head, self.head_rect)
        self.group.draw(surface, look)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.tour.side_by_side_now())

    def update(self, dt: float) -> bool:
        if self.tour.auto and getattr(self.app, "drawn", None) == (id(self), self.screen_key()):
            self.tour.begin(self.tour.start_at)
            return True
        return False

    def wake_in(self) -> float | None:
        return 0.01 if self.tour.auto else None


def layout_button(tour: Any) -> Button:
    """The layout switch, saying what it is now and what a press does."""
    if tour.side_by_side_now():
        return Button("Layout: side by side", tour.toggle_layout, detail="Enter: one version after the other instead", key="layout")
    detail = "Enter: both versions side by side" if tour.side_possible() else "Side by side needs a wider window"
    return Button("Layout: one after the other", tour.toggle_layout, detail=detail, enabled=tour.side_possible(), key="layout")


class WatchMenu(MenuScene):
    """Esc while watching: everything stops until Resume."""

    name = "watch-menu"
    overlay = True
    heading = "Paused"

    def __init__(self, app: Any, tour: Any) -> None:
        super().__init__(app)
        self.tour = tour

    def intro(self) -> list[Para]:
        return [para("The episode waits here until you resume.", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        return [
            Button("Resume", self.back, kind="primary", key="resume"),
            layout_button(self.tour),
            Button("Episodes", self.tour.episodes, detail="Skip to any episode", key="episodes"),
            Button("Settings", self.settings, key="settings"),
            Button("Stop watching", self.app.flow.home, detail="Back to the title screen", key="stop"),
        ]

    def settings(self) -> None:
        from simulator.ui.scenes.settings_scene import SettingsScene

        self.app.push(SettingsScene(self.app))
