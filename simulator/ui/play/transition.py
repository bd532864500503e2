"""Between episodes: "Three weeks later: the first core group", over the new place fading in.

The card says how much time has passed, where and when, so the weeks or months
of the case are felt, with a short recap of the episode before (how many choices,
the last one, and in the coach setting what they changed). It moves on by
itself after a few seconds, longer for a longer recap, unless the trainee
has chosen no time pressure (then it waits for Enter); reduced motion skips
the fade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.engine.clock import clock_view
from simulator.engine.session import Session
from simulator.services.recap import recap
from simulator.ui.kit.card import inside
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.layer import around
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.play.moves import PlayMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot

FADE_S = 0.7
HOLD_S = 3.2
READ_S_PER_WORD = 0.3  # an unhurried reading pace for a card that moves on by itself


def transition_paras(session: Session, resumed: bool = False, coach: bool = True) -> list[Para]:
    ep = session.card()
    clock = clock_view(session)
    paras: list[Para] = []
    lead = "Continuing where you stopped" if resumed else ep.transition
    if lead:
        paras.append(para(lead, "heading", "accent", center=True, space_after=0.25))
    paras.append(para(ep.title, "title", "text", center=True, space_after=0.25))
    paras.append(para("  ·  ".join(clock.when), "small", "muted", center=True, space_after=0.4))
    if ep.summary:
        paras.append(para(ep.summary, "body", "text", center=True, space_after=0.3))
    heading, said = recap(session, coach=coach)
    if said:
        paras.append(para(heading, "small-bold", "muted", center=True, space_before=0.2, space_after=0.1, keep_with_next=True))
        paras.append(para(" ".join(said), "small", "text", center=True, space_after=0.2))
    return paras


class TransitionScene(DocScene[PlayMoves]):
    """The episode's title card over its location."""

    name = "transition"
    fit = True
    column = 820

    def __init__(self, app: App, moves: PlayMoves, session: Session, resumed: bool = False, coach: bool = True) -> None:
        super().__init__(app, moves)
        self.location = session.location
        self.episode = session.state.episode
        self.body = transition_paras(session, resumed, coach)
        words = sum(len(span.text.split()) for p in self.body for span in p.spans)
        self.hold = max(HOLD_S, words * READ_S_PER_WORD)  # time to read the whole card before it moves on
        self.t = 0.0
        self.ready = False
        self._card_drawn: object = None  # what the card showed when last drawn on the window

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [Button("Continue", self.back, kind="primary", key="continue")]

    @property
    def fading(self) -> bool:
        fast = self.app.pilot is not None and self.app.pilot.fast
        return not self.app.settings.reduced_motion and not fast and self.t < FADE_S

    @property
    def self_advancing(self) -> bool:
        return self.app.pilot is None and not self.app.settings.no_time_pressure and not self.app.access.unhurried

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            self.moves.pause()
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and not any(b.rect and b.rect.collidepoint(event.pos) for b in self.group.buttons):
            self.back()
            return True
        return super().handle(event)

    def update(self, dt: float) -> bool:
        if not self.ready:
            return False  # the fade starts once the picture is drawn
        was_fading = self.fading
        self.t += dt
        if self.self_advancing and self.t >= self.hold:
            self.back()
            return True
        return was_fading

    def wake_in(self) -> float | None:
        if not self.ready:
            return None  # the app wakes when the picture arrives
        if self.fading:
            return 0.0
        return max(0.0, self.hold - self.t) if self.self_advancing else None

    def settled(self) -> bool:
        return self.ready and not self.fading

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        look = self.look
        bg, _ = self.app.art.background(self.location, look.size)
        self.ready = bg is not None
        if bg is None:
            surface.fill(look.palette.bg)
            return
        alpha = round(255 * (1 - self.t / FADE_S)) if self.fading else 0
        if alpha < 255:
            surface.blit(bg, (0, 0))
        if alpha:
            look.veil(surface, look.palette.bg, alpha)

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """While the place fades in, only what lies around the card changes: the card (opaque) is not drawn again."""
        key = (self.look, tuple(self.card), id(self.pages), self.page, self.group.state())
        again = not whole and key == self._card_drawn
        self._card_drawn = key
        if not again:
            self.draw(surface)
            return None
        look = self.look
        radius = look.m.radius
        rects = around(self.card, radius, surface.get_rect())
        middle = self.card.inflate(0, -2 * radius)
        # Within the bands only the card's rounded edge shows (its words and buttons sit further in): backdrop and edge suffice.
        edge_only = all(middle.contains(r) for r in [inside(look, self.card).inner, *self.group.extent(look)])
        clip = surface.get_clip()
        for rect in rects:
            surface.set_clip(rect.clip(clip))
            if edge_only:
                self.draw_backdrop(surface)
                look.panel(surface, self.card, alpha=255)
            else:
                self.draw(surface)
        surface.set_clip(clip)
        return rects

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.episode, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        self.back()
        return True
