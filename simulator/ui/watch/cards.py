"""The watch mode's cards: before, between and after an episode's versions.

The cards carry RIVRT's way of watching: before the versions, what to
notice (the episode's own ``notice:`` prompts, or the four general ones);
between them, the same prompts as questions for discussion; after them,
what each version changed, in words. Cards wait for Enter (a natural place
for a room to talk), except when the tour runs by itself for screenshots.
A clicker's Page Down turns a card's page and, on its last, goes on; Page
Up goes back a page, then to the screen before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.engine.shown import Card
from simulator.services.reels import EpisodeReel, contrast, endings
from simulator.services.words import episode_when as when
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.presenter import presenter_key
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.watch.moves import WatchMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

GENERAL_NOTICE = (
    "What the worker does, and when.",
    "The worker's tone, and how each person answers it.",
    "Body language: how people sit, stand and move as the tone changes.",
    "The approach: who is listened to, who is told, and who decides.",
)
CARD_BASE_S = 3.0
CARD_S_PER_WORD = 0.22


def notices(card: Card) -> tuple[str, ...]:
    return card.notice or GENERAL_NOTICE


def bullets(items: list[str] | tuple[str, ...]) -> list[Para]:
    return [para(text, "body", "text", bullet=True, space_after=0.12) for text in items]


class WatchCard(DocScene[WatchMoves]):
    """A card in the tour, over the episode's place; its first button is what comes next."""

    fit = True
    column = 900
    fixed = True  # made and laid out while the screen before it is watched (flow/tour.py)

    def __init__(self, app: App, tour: WatchMoves, kind: str, heading: str, subtitle: str, body: list[Para], buttons: list[Button], backdrop: str) -> None:
        super().__init__(app, tour)
        self.tour = tour
        self.kind = kind
        self.name = f"watch-{kind}"
        self.heading = heading
        self._subtitle = subtitle
        self.body = body
        self.buttons = buttons
        self.backdrop = backdrop
        self.timer: float | None = None
        self.start_at_end = tour.from_end

    def subtitle(self) -> str:
        return self._subtitle

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return list(self.buttons)

    def back(self) -> None:
        self.tour.menu()

    def handle(self, event: pygame.event.Event) -> bool:
        press = presenter_key(event)
        if press == "next":
            if not self.turn(1):
                self.buttons[0].action()  # type: ignore[misc]
            return True
        if press == "previous":
            if not self.turn(-1):
                self.tour.go_back()
            return True
        if press == "blank":
            self.tour.blank()
            return True
        if press == "fullscreen":
            self.tour.fullscreen()
            return True
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
        if not self.tour.auto or self.app.drawn != (id(self), self.screen_key()) or not self.settled():
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
def intro_card(app: App, tour: WatchMoves, reel: EpisodeReel, total: int) -> WatchCard:
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
    body.append(
        para(
            "Space pauses, + and \u2212 change the speed, Right or Page Down steps on (a clicker works), B blanks the screen, "
            "N skips to the next episode, Esc opens the menu.",
            "small",
            "muted",
            space_after=0,
        )
    )
    buttons = [first, Button("Next episode", tour.next_episode, key="next-episode"), Button("Episodes", tour.episodes, key="episodes")]
    return WatchCard(app, tour, "intro", ep.title, f"Episode {reel.number} of {total} \u00b7 {when(scenario, ep)}", body, buttons, ep.location)


def between_card(app: App, tour: WatchMoves, reel: EpisodeReel) -> WatchCard:
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


def closing_card(app: App, tour: WatchMoves, reel: EpisodeReel, next_reel: EpisodeReel | None) -> WatchCard:
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
