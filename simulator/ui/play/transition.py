"""Between episodes: "Three weeks later: the first core group", over the new place fading in.

The card says how much time has passed, where and when, so the weeks or months
of the case are felt, with a short recap of the episode before (how many choices,
the last one, and in the coach setting what they changed). It moves on by
itself after a few seconds, longer for a longer recap, unless the trainee
has chosen no time pressure (then it waits for Enter); reduced motion skips
the fade. The fade moves one step per 60 Hz frame, and while one step is on
screen the next is blended ahead in the loop's waiting time (an idle task), so
a fade frame copies the window around the card instead of blending it.
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
FADE_HZ = 60  # the fade's steps: one per frame at 60 Hz
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


def fade_alpha(t: float) -> int:
    """How opaque the veil over the place is ``t`` seconds into the fade (255: only the veil), in whole 60 Hz steps."""
    steps = round(FADE_S * FADE_HZ)
    return round(255 * (1 - min(steps, round(t * FADE_HZ)) / steps))


class TransitionScene(DocScene[PlayMoves]):
    """The episode's title card over its location."""

    name = "transition"
    fit = True
    column = 820
    fixed = True  # made, laid out and drawn while the page or prebrief before it is read (flow/play.py)

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
        self._veil: int | None = None  # drawing the fade at this step rather than now's (blending the next step ahead)
        self._next: tuple[object, pygame.Surface] | None = None  # the window around the card at the next step, and what it shows
        self._blending = False  # blending the next step is among the app's tasks

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
        alpha = self._veil if self._veil is not None else fade_alpha(self.t) if self.fading else 0
        if alpha < 255:
            surface.blit(bg, (0, 0))
        if alpha:
            look.veil(surface, look.palette.bg, alpha)

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """While the place fades in, only what lies around the card changes: the card (opaque) is not drawn again,
        and the window around it is a copy of the step blended ahead when there is one."""
        key = self._card_key()
        again = not whole and key == self._card_drawn
        self._card_drawn = key
        if not again:
            self.draw(surface)
            self._blend_later()
            return None
        rects = around(self.card, self.look.m.radius, surface.get_rect())
        ready = self._next
        if ready is not None and ready[0] == self._step_key(None):
            for rect in rects:
                surface.blit(ready[1], rect, rect)
        else:
            self._bands(surface, rects)
        self._blend_later()
        return rects

    def _card_key(self) -> tuple[object, ...]:
        return (self.look, tuple(self.card), id(self.pages), self.page, self.group.state())

    def _step_key(self, alpha: int | None) -> tuple[object, ...]:
        """Everything the window around the card shows at a step of the fade (``alpha``; None: now's)."""
        bg, _ = self.app.art.background(self.location, self.look.size)
        shown = alpha if alpha is not None else fade_alpha(self.t) if self.fading else 0
        return (self._card_key(), shown, id(bg), self.look.size)

    def _bands(self, surface: pygame.Surface, rects: list[pygame.Rect]) -> None:
        """Draw the window around the card (``rects``): the backdrop and the card's rounded edge, or all of it clipped."""
        look = self.look
        middle = self.card.inflate(0, -2 * look.m.radius)
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

    def _blend_later(self) -> None:
        """While this step of the fade is on screen, blend the next one in the loop's waiting time."""
        if self.fading and self.ready and not self._blending and self.look.log is None:
            self._blending = True
            self.app.later(self._blend_next, unseen=True, soon=True)  # before other waiting work: the next frame needs it

    def _blend_next(self) -> None:
        self._blending = False
        if not self.fading or self.app.top is not self:
            return
        alpha = fade_alpha(self.t + 1 / FADE_HZ)  # the step the next frame shows, at 60 Hz
        key = self._step_key(alpha)
        if self._next is not None and self._next[0] == key:
            return
        size = self.look.size
        picture = self._next[1] if self._next is not None and self._next[1].get_size() == size else None
        if picture is None:
            display = pygame.display.get_surface()  # the window's own pixel format: copying to it is a plain copy
            picture = pygame.Surface(size, 0, display) if display is not None else pygame.Surface(size)
        self._next = None
        self._veil = alpha
        try:
            self._bands(picture, around(self.card, self.look.m.radius, picture.get_rect()))
        finally:
            self._veil = None
        self._next = (key, picture)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.episode, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        self.back()
        return True
