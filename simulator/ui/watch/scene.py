"""Watching an episode: one version full width, or both side by side, at a pace a room can follow.

Each beat stays up for as long as a room needs to read it at 1x (as the
auto pilot times play), divided by the speed. Side by side, the two
versions step in lock-step by decision (:func:`~simulator.services.reels.lockstep`),
so a facilitator can stop both at the same decision and ask the room.

Keys: Space (or Enter with no button focused) pauses and resumes; Right
and Left step one beat, as do a clicker's Page Down and Page Up (which go
on to the card before or after at either end); B or the full stop blanks
the screen; F switches full screen; + and - change the speed; N and P go
to the next and previous episode; E lists the episodes; Esc opens the
watch menu. With
no time pressure on, nothing moves by itself: Space and Right step on.
The loop sleeps between beats, and not at all while paused.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.reels import EpisodeReel, lockstep
from simulator.ui.kit.access_describe import Sketch
from simulator.ui.kit.layer import merged, moved, outside
from simulator.ui.kit.look import Look
from simulator.ui.kit.presenter import presenter_key
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Para
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.watch import strip
from simulator.ui.watch.ahead import again, prefetch_after, prepare
from simulator.ui.watch.moves import WatchMoves
from simulator.ui.watch.pane import Pane
from simulator.ui.watch.strip import LABELS

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

RATES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FASTER = (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS)
SLOWER = (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_UNDERSCORE)


def step_rate(rate: float, step: int) -> float:
    """The next speed up (``step`` 1) or down (-1) from ``rate``, within the offered speeds."""
    if rate <= 0:
        return RATES[-1] if step < 0 else rate
    if step > 0:
        return next((r for r in RATES if r > rate + 1e-9), RATES[-1])
    return next((r for r in reversed(RATES) if r < rate - 1e-9), RATES[0])


class WatchScene(Scene[WatchMoves]):
    """Plays the given versions of one episode; tells the tour when they have finished."""

    name = "watch"
    _row_w: int  # the strip's buttons' row width (watch/strip.py)

    def __init__(self, app: App, tour: WatchMoves, reel: EpisodeReel, paths: tuple[str, ...]) -> None:
        super().__init__(app, tour)
        self.tour = tour
        self.reel = reel
        self.paths = paths
        self.name = "watch-side-by-side" if len(paths) > 1 else f"watch-{paths[0]}"
        reels = tour.reels
        self.panes: list[Pane] = []
        for path in paths:
            take = reel.take(path)
            if take is not None:
                self.panes.append(Pane(take, take.frames(reels.scenario, reels.seed), LABELS.get(path, path), reels.scenario.glossary))
        self.ticks: list[tuple[int, ...]] = []  # the beat each pane shows at each step
        self.tick = (1 << 30) if tour.from_end else 0  # gone back to: the last beat (layout keeps it in range)
        self.timer = 0.0
        self._timed = False
        self.paused = False
        self.group = ButtonGroup(arrows="horizontal")
        self.strip = pygame.Rect(0, 0, 1, 1)
        self.status_rect = pygame.Rect(0, 0, 1, 1)
        self.status: list[Para] = []
        self.statuses: dict[tuple[object, ...], list[Para]] = {}  # the strip's status as worked out, by what it says (watch/strip.py)
        self._strip_shown: object = None  # what the strip under the panes showed when last drawn
        self._first: tuple[object, pygame.Surface] | None = None  # its first frame drawn ahead, and what it shows (draw_ahead)

    def describe(self, sketch: Sketch) -> None:
        """Each version's name and what it shows now; a new beat is said (Right steps on while someone listens)."""
        sketch.heading(f"{self.reel.episode.title}: {' and '.join(p.label for p in self.panes)}")
        said = []
        for pane in self.panes:
            words = pane.words()
            sketch.text(f"{pane.label}: {words}" if len(self.panes) > 1 else words)
            said.append(f"{pane.label}: {words}" if len(self.panes) > 1 and words else words)
        sketch.buttons(self.group)
        sketch.say(*said)
        sketch.said_key = (self.tick, tuple(p.index for p in self.panes))

    # -- state ---------------------------------------------------------------------------
    @property
    def stepping(self) -> bool:
        """No time pressure (or a screen reader or self-voicing listening): every beat waits for the viewer (unless the tour runs by itself)."""
        return (self.app.settings.no_time_pressure or self.app.access.unhurried) and not self.tour.auto

    @property
    def running(self) -> bool:
        return not self.paused and not self.stepping

    def _drawn(self) -> bool:
        return self.app.drawn == (id(self), self.screen_key())

    # -- layout ----------------------------------------------------------------------------
    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        strip_h = self._lay_strip(look)
        self.strip = pygame.Rect(0, h - strip_h, w, strip_h)
        self._place_strip(look)
        area = pygame.Rect(0, 0, w, h - strip_h)
        gap = m.u(8) if len(self.panes) > 1 else 0
        width = (area.width - gap * (len(self.panes) - 1)) // max(1, len(self.panes))
        for i, pane in enumerate(self.panes):
            pane.stage.animate = not self.app.settings.reduced_motion
            pane.layout(look, pygame.Rect(area.x + i * (width + gap), area.y, width, area.height))
        if len(self.panes) > 1:
            a, b = self.panes[0], self.panes[1]
            self.ticks = list(lockstep(a.segments, b.segments, a.keys, b.keys))
        else:
            self.ticks = [(i,) for i in range(len(self.panes[0].beats))] if self.panes else []
        self.tick = max(0, min(self.tick, len(self.ticks) - 1))
        self._show(reset_timer=not self._timed)  # a relayout keeps the time already spent on this beat
        self._timed = True

    def _controls(self, full: bool) -> list[Button]:
        play = Button("Play" if self.paused or self.stepping else "Pause", self.toggle, key="pause")
        if self.stepping:
            play.label = "Next"
        if not full:
            return [play, Button("Menu", self.tour.menu, key="menu")]
        return [
            play,
            Button("Slower", lambda: self.change_speed(-1), key="slower", enabled=not self.stepping),
            Button("Faster", lambda: self.change_speed(1), key="faster", enabled=not self.stepping),
            Button("Next episode", self.tour.next_episode, key="next-episode"),
            Button("Menu", self.tour.menu, key="menu"),
        ]

    def _lay_strip(self, look: Look) -> int:
        """The control strip: status on the left, buttons on the right (watch/strip.py)."""
        return strip.lay_strip(self, look)

    def _place_strip(self, look: Look) -> None:
        strip.place_strip(self, look)

    def _status(self, look: Look) -> None:
        self.status = strip.status(self, look, self.tick)

    # -- moving ------------------------------------------------------------------------------
    def _show(self, reset_timer: bool = True) -> None:
        if not self.ticks:
            return
        now = self.ticks[self.tick]
        before = self.ticks[self.tick - 1] if self.tick > 0 else None
        waits: list[float] = []
        for i, pane in enumerate(self.panes):
            held = len(self.panes) > 1 and before is not None and before[i] == now[i]
            pane.show(now[i], waiting=held)
            if not held:
                waits.append(pane.seconds(now[i]))
        if reset_timer:
            rate = self.tour.rate
            self.timer = 0.0 if rate <= 0 else max(waits, default=1.0) / rate
        self._status(self.look)
        self.app.dirty = True
        if self.tick + 1 < len(self.ticks):
            ahead = self.ticks[self.tick + 1]
            self.app.later(lambda: self._prerender(ahead))
            for i, pane in enumerate(self.panes):  # each pane's next beat drawn ahead, one pane per idle pass (watch/ahead.py)
                held = len(self.panes) > 1 and now[i] == ahead[i]
                self.app.later(functools.partial(self._beat_ahead, pane, ahead[i], held), unseen=True)

    def _beat_ahead(self, pane: Pane, index: int, held: bool, first: bool = False) -> None:
        if self.app.top is self or first:
            if not prepare(pane, index, held, self.app.art) and first and pane.ahead.pending is not None:
                self.app.when_pictures(functools.partial(self._beat_ahead, pane, index, held, True))  # the card is still up
            prefetch_after(pane, index, self.app.art)

    def _redraw_ahead(self, pane: Pane) -> None:
        """The pane's next beat drawn again, its people at the mood frame now on screen (showing it is then only copies)."""
        if self.app.top is self:
            again(pane, self.app.art)

    def beats_ahead(self) -> None:
        """Draw each pane's first beat ahead, while the card before these versions is read (the tour made this scene then)."""
        for pane in self.panes:
            self.app.later(functools.partial(self._beat_ahead, pane, pane.index, pane.waiting, True), unseen=True)

    def _prerender(self, ahead: tuple[int, ...]) -> None:
        """The next beat's words (and the strip's status then), rendered while this one is read."""
        for pane, index in zip(self.panes, ahead, strict=False):
            pane.prerender(index)
        if self.app.top is self and self.tick + 1 < len(self.ticks):
            strip.status_ahead(self, self.tick + 1)

    def step(self, by: int) -> bool:
        """Move ``by`` beats; past the last one the tour moves on to what comes after these versions."""
        target = self.tick + by
        if target >= len(self.ticks):
            self.tour.advance()
            return True
        if target < 0:
            return False
        self.tick = target
        self._show()
        return True

    def toggle(self) -> None:
        if self.stepping:
            self.step(1)
            return
        self.paused = not self.paused
        self._relabel()

    def change_speed(self, step: int) -> None:
        self.tour.rate = step_rate(self.tour.rate, step)
        self._status(self.look)

    def _relabel(self) -> None:
        keep = self.group.focused.key if self.group.focused is not None else None
        self._lay_strip(self.look)
        self._place_strip(self.look)
        if keep:
            self.group.focus_key(keep)

    # -- events ------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        press = presenter_key(event)
        if press == "next":
            return self.step(1)
        if press == "previous":
            if not self.step(-1):
                self.tour.go_back()  # at the first beat: the card before
            return True
        if press == "blank":
            self.tour.blank()
            return True
        if press == "fullscreen":
            self.tour.fullscreen()
            return True
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                self.tour.menu()
                return True
            if key == pygame.K_SPACE or (key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.group.focused is None):
                self.toggle()
                return True
            if key == pygame.K_RIGHT:
                return self.step(1)
            if key == pygame.K_LEFT:
                return self.step(-1)
            if key in FASTER or key in SLOWER:
                self.change_speed(1 if key in FASTER else -1)
                return True
            if key == pygame.K_n:
                self.tour.next_episode()
                return True
            if key == pygame.K_p:
                self.tour.previous_episode()
                return True
            if key in (pygame.K_e, pygame.K_HOME):
                self.tour.episodes()
                return True
        return self.group.act(event)

    def update(self, dt: float) -> bool:
        art = self.app.art
        changed = False
        for pane in self.panes:
            if pane.stage.update(dt, art):
                changed = True
                if pane.ahead.beat is not None:  # its next beat was drawn at the mood frame before: drawn again at this one
                    self.app.later(functools.partial(self._redraw_ahead, pane), unseen=True)
            if pane.ahead.pending is not None and art.version != pane.ahead.pending[2]:  # pictures have arrived: try again
                index, held, _ = pane.ahead.pending
                pane.ahead.pending = None
                self.app.later(functools.partial(self._beat_ahead, pane, index, held), unseen=True)
        if self.running and not self.ticks and self._drawn():
            self.tour.advance()  # a version with nothing to show (no lines, no decision) moves straight on
            return True
        if self.running and self.ticks and self._drawn():
            self.timer -= dt
            if self.timer <= 0:
                self.step(1)
                return True
        return changed

    def wake_in(self) -> float | None:
        art = self.app.art
        waits = [w for w in (p.stage.wake_in(art) for p in self.panes) if w is not None]
        if self.running:
            waits.append(max(0.0, self.timer) if self._drawn() and self.ticks else 0.01)
        return min(waits) if waits else None

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        p = look.palette
        surface.fill(p.bg)
        for pane in self.panes:
            pane.draw(surface, self.app.art)
        self._draw_strip(surface)

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """A new beat redraws the panel of the pane it changed (and its people, if they moved) and the strip's words below."""
        art = self.app.art
        changed: list[pygame.Rect] = []
        for pane in self.panes:
            local = pane.refresh_still(art)
            top, top_key = pane.top_extent(), pane.top_key()
            if local is not None and top_key != pane.top_shown:
                local += [top, pane.top_drawn]
            changed += [pane.rect] if local is None else moved(pane.rect.topleft, local)
            pane.top_drawn, pane.top_shown = top, top_key
        strip_key = (self.look, tuple(self.strip), tuple(self.status), tuple(self.status_rect), self.group.state())
        kept, self._strip_shown = self._strip_shown, strip_key
        strip_changed = strip_key != kept
        only_status = isinstance(kept, tuple) and kept[:2] == strip_key[:2] and kept[3:] == strip_key[3:]  # a new beat's words
        if whole:
            first, self._first = self._first, None
            if first is not None and first[0] == self._whole_key() and first[1].get_size() == surface.get_size():
                surface.blit(first[1], (0, 0))  # the first frame, drawn while the card before was read
            else:
                self._paint(surface, surface.get_rect())
            return None
        rects = merged(changed)
        if strip_changed:  # apart from the panes: joined with them, the whole strip would be drawn under their rectangle
            rects.append(self.status_rect.copy() if only_status else self.strip.unionall(self.group.extent(self.look)))
        for rect in rects:
            self._paint(surface, rect)
        return rects

    def _whole_key(self) -> tuple[object, ...]:
        """Everything the whole window shows (equal keys draw the same pixels): each pane's still part and top, the strip."""
        return (self.look, self._strip_shown, tuple((tuple(p.rect), p.still.key, p.top_key(), p.top_shown) for p in self.panes))

    def draw_ahead(self, scratch: pygame.Surface) -> None:
        """Draw the first frame while the card before is read (the tour made this scene then): showing it is one copy.

        Drawing it takes over each pane's first beat drawn ahead and records what the window would then show, as the
        first frame would; the picture is used only if the window would show the same (:meth:`_whole_key`).
        """
        if self.look.log is not None or scratch.get_size() != self.look.size or self.app.top is self:
            return
        self.draw_changed(scratch, True)
        self._first = (self._whole_key(), scratch.copy())

    def _paint(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draw the window within ``rect`` as :meth:`draw` does, the panes from their still parts."""
        look = self.look
        p = look.palette
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip))
        for part in outside(rect, [pane.rect for pane in self.panes if pane.paints]):  # the panes' own pictures cover the rest
            surface.fill(p.bg, part)
        for pane in self.panes:
            pane.paint(surface, rect)
        if rect.colliderect(self.strip.unionall(self.group.extent(look))):  # else the clip would keep all of it out
            self._draw_strip(surface)
        surface.set_clip(clip)

    def _draw_strip(self, surface: pygame.Surface) -> None:
        strip.draw_strip(self, surface)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.reel.episode.id, self.paths, self.tick)

    def settled(self) -> bool:
        return all(p.ready for p in self.panes)
