"""A watch pane's next beat, drawn while the room reads the one on screen.

Side by side at 1920x1080 a new beat in both panes at once costs two stages
and two panels of drawing in one frame. The next beat of each pane is known
(the watch scene's ticks), so each pane draws it ahead in the loop's waiting
time, one pane per idle pass, as play does its next page (play/ahead.py): the
state the beat sets up (:meth:`Pane.show`), its still part when that differs
from the one kept, and the pane's pixels under its panel with the beat drawn
over them. Showing the beat then takes over that state and those pictures.

A beat drawn ahead is keyed by the pane's layout, its own look, the beat and
whether it is held waiting; the still part and the frame by everything they
show. Anything else (another look, a mood frame since) is drawn as before.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from simulator.ui.kit.art import ArtCache
    from simulator.ui.watch.pane import Pane

# What Pane.show sets (the stage and clock bar are laid out on copies, so the ones on screen stay as they are).
SHOWN = ("index", "waiting", "_frame", "stage", "bar", "tab", "heading", "options", "covers_bar", "panel", "box", "note", "hint", "hint_rect", "_only_taken")


class PaneAhead:
    """One beat of a pane drawn ahead."""

    def __init__(self) -> None:
        self.beat: tuple[object, int, int, bool] | None = None  # (layout, look, beat, waiting) it was drawn for
        self.tick = 0  # the mood frame its people were drawn at
        self.state: dict[str, object] = {}  # what showing that beat sets on the pane
        self.still: pygame.Surface | None = None  # its still part, when it is not the one kept now
        self.own_still = False
        self.still_key: object = None
        self.frame: pygame.Surface | None = None  # the pane within `extent`: the still part with the beat's panel over it
        self.frame_key: object = None
        self.extent = pygame.Rect(0, 0, 0, 0)
        self.was: tuple[list[pygame.Rect], list[pygame.Rect]] | None = None  # the stage's regions before the beat was shown
        self.pending: tuple[int, bool, int] | None = None  # a beat to draw ahead once more pictures arrive from the art thread (by then)

    def matches(self, pane: Pane, index: int, waiting: bool) -> bool:
        return self.beat is not None and self.beat == (pane._laid, id(pane.look), index, waiting) and self.state.get("_look") is pane.look


def _surface(old: pygame.Surface | None, size: tuple[int, int]) -> pygame.Surface:
    if old is not None and old.get_size() == size:
        return old
    display = pygame.display.get_surface()
    return pygame.Surface(size, 0, display) if display is not None else pygame.Surface(size)


def prepare(pane: Pane, index: int, waiting: bool, art: ArtCache) -> bool:
    """Draw beat ``index`` of ``pane`` into ``pane.ahead``; the pane goes on showing what it shows."""
    ahead = pane.ahead
    look = pane.look
    if look is None or look.log is not None or not pane.beats or not 0 <= index < len(pane.beats) or ahead.matches(pane, index, waiting):
        return False
    saved = {name: getattr(pane, name) for name in SHOWN}
    ahead.beat = ahead.pending = None
    try:
        pane.stage, pane.bar = copy.copy(pane.stage), copy.copy(pane.bar)
        pane.show(index, waiting)
        size = pane.rect.size
        under = pane.still.surface
        key = pane._still_key(art, look)
        if under is not None and under.get_size() == size and key == pane.still.key and key[4] is None:
            ahead.own_still, ahead.still_key = False, key
        else:
            ahead.still = under = _surface(ahead.still, size)
            pane._draw_still(under, look, art)
            if not pane.stage.ready:  # asked for now: drawn ahead again once they arrive (WatchScene.update)
                ahead.pending = (index, waiting, art.version)
                return False
            ahead.own_still, ahead.still_key = True, pane._still_key(art, look)
        extent = pane.top_extent().clip(pygame.Rect((0, 0), size))
        ahead.frame = frame = _surface(ahead.frame, size)
        frame.blit(under, extent, extent)
        frame.set_clip(extent)
        pane._draw_top(frame, look)
        frame.set_clip(None)
        ahead.extent = extent
        ahead.frame_key = (ahead.still_key, pane.top_key())
        ahead.state = {name: getattr(pane, name) for name in SHOWN} | {"_look": look}
        ahead.beat = (pane._laid, id(look), pane.index, waiting)
        ahead.tick = pane.stage.tick
        return True
    finally:
        for name, value in saved.items():
            setattr(pane, name, value)


def again(pane: Pane, art: ArtCache) -> bool:
    """Draw the beat drawn ahead again if the pane's people have moved on a mood frame since (else showing it repaints them
    and its panel: most of a frame's budget side by side). False if none was drawn ahead, or it is current."""
    ahead = pane.ahead
    if ahead.beat is None or ahead.tick == pane.stage.tick:
        return False
    index, waiting = ahead.beat[2], ahead.beat[3]
    ahead.beat = None
    return prepare(pane, index, waiting, art)


def adopt(pane: Pane, index: int, waiting: bool) -> bool:
    """Show beat ``index`` from the state drawn ahead for it, if it was (the stage's mood frames keep their beat)."""
    ahead = pane.ahead
    if not ahead.matches(pane, index, waiting):
        return False
    old = pane.stage
    ahead.was = old.regions()
    for name in SHOWN:
        setattr(pane, name, ahead.state[name])
    ahead.beat = None
    stage = pane.stage
    if stage is not old:
        stage.clock, stage.tick = old.clock, old.tick
    return True


def take_still(pane: Pane, key: tuple[object, ...]) -> tuple[bool, list[pygame.Rect] | None]:
    """Take over the still part drawn ahead when it shows ``key`` but for the mood frame; (taken, what changed in the pane)."""
    ahead = pane.ahead
    was = ahead.was
    kept = ahead.still_key
    if not ahead.own_still or ahead.still is None or was is None or not isinstance(kept, tuple) or kept[:5] != key[:5]:
        return False, []
    stage_kept, stage_now = kept[5], key[5]
    if not (isinstance(stage_kept, tuple) and isinstance(stage_now, tuple) and stage_kept[:2] == stage_now[:2]):
        return False, []
    before = pane.still.key
    pane.still.surface, ahead.still = ahead.still, pane.still.surface
    pane.still.key = kept
    ahead.own_still = False
    if not isinstance(before, tuple) or before[:5] != kept[:5]:
        return True, None
    return True, pane.stage.changes(before[5], kept[5], was, pane.stage.regions())


def top_painter(pane: Pane) -> Callable[[pygame.Surface], None] | None:
    """A copy of the beat's panel from the frame drawn ahead, when it shows exactly what is on the pane now."""
    ahead = pane.ahead
    if ahead.frame is None or ahead.frame_key != (pane.still.key, pane.top_key()):
        return None
    frame, extent = ahead.frame, pygame.Rect(ahead.extent)

    def paint(sub: pygame.Surface) -> None:
        sub.blit(frame, extent, extent)

    return paint


def prefetch_after(pane: Pane, index: int, art: ArtCache) -> None:
    """Ask now for the pictures of the next moment after beat ``index`` (its people, every mood and pose, at its size; its places).

    So they are drawn on the art thread while this beat and the next are read, and that moment's beats can be drawn ahead.
    """
    look = pane.look
    if look is None or not 0 <= index < len(pane.beats):
        return
    frame = pane.beats[index].frame
    later = next((i for i in range(index + 1, len(pane.beats)) if pane.beats[i].frame != frame), None)
    if later is None:
        return
    saved = {name: getattr(pane, name) for name in SHOWN}
    drawn_ahead, pane.ahead.beat = pane.ahead.beat, None
    try:
        pane.stage, pane.bar = copy.copy(pane.stage), copy.copy(pane.bar)
        pane.show(later)  # lays the stage out for that moment (its figures' size)
        moment = pane.frames[pane.beats[later].frame].moment
        views = (*moment.views, moment.view)
        people = sorted({(p.id, p.mood, p.pose) for view in views for p in view.people}, key=str)
        places = [p for p in dict.fromkeys(view.location for view in views) if p != pane.stage.location]
        pane.stage.prefetch(look, art, people, places, any(p.at == "back" for view in views for p in view.people))
    finally:
        for name, value in saved.items():
            setattr(pane, name, value)
        pane.ahead.beat = drawn_ahead
