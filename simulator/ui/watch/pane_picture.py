"""A watch pane's drawing: its still part (place, people, plates, clock bar, version band) kept in a layer, the panel over it.

A pane draws into its own part of the window (a subsurface) as if it were a
small window. Between beats only what changed is drawn (kit/layer.py): the
still part is repainted when its key changes (a mood frame: only the people
whose mood moves), and a beat drawn ahead (watch/ahead.py) is taken over
here. The keys say everything each part shows, so equal keys draw the same
pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.ui.kit.art import ArtCache
from simulator.ui.kit.layer import around, merged, within
from simulator.ui.kit.look import Look
from simulator.ui.kit.reading import draw_speaker_tab
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.watch.ahead import take_still, top_painter

if TYPE_CHECKING:
    from simulator.ui.watch.pane import Pane


def refresh_still(pane: Pane, art: ArtCache) -> list[pygame.Rect] | None:
    """Bring the still part up to date; what changed in it, in the pane (None: all of it)."""
    look = pane.look
    if look is None:
        return None
    was = pane.ahead.was or pane.stage.regions()  # where the window's picture of the pane has its people and plates
    key = still_key(pane, art, look)
    taken, moved = take_still(pane, key)  # the still part of a beat drawn ahead
    pane.ahead.was = None
    if taken:
        was = pane.stage.regions()
    kept = pane.still.key
    # A mood frame changes only the people whose mood moves: paint just those into the kept picture.
    guess = pane.stage.changes(kept[5], key[5], was, was) if isinstance(kept, tuple) and kept[:5] == key[:5] else None
    only = merged(guess) if guess is not None else None

    def paint(surface: pygame.Surface) -> None:
        draw_still(pane, surface, look, art)

    repainted, before = pane.still.refresh(pane.rect.size, key, paint, only)
    if not repainted:
        return moved
    pane.still.key = key = still_key(pane, art, look)  # drawn whole: pictures arriving later for other places change nothing
    if not isinstance(before, tuple) or before[:5] != key[:5]:
        return None
    changes = pane.stage.changes(before[5], key[5], was, pane.stage.regions())
    if only is not None and (changes is None or not within(changes, only)):
        pane.still.refresh(pane.rect.size, (), paint)  # it moved more than the kept picture allows for
        pane.still.key = key
        return None
    return None if changes is None or moved is None else [*moved, *changes]


def still_key(pane: Pane, art: ArtCache, look: Look) -> tuple[object, ...]:
    ready = pane.stage.ready or not pane.beats
    return (pane._laid, pane._frame, pane.covers_bar, bool(pane.beats), None if ready else art.version, pane.stage.key(look))


def top_key(pane: Pane) -> tuple[object, ...]:
    """Everything the panel and what is over it show (equal keys draw the same pixels)."""
    tab = (tuple(pane.tab[0]), pane.tab[1]) if pane.tab is not None else None
    note = (tuple(pane.note[0]), pane.note[1]) if pane.note is not None else None
    options = tuple((b.label, b.enabled, tuple(b.rect) if b.rect is not None else None) for b in pane.options)
    return (pane._laid, pane.index, tuple(pane.panel), tuple(pane.box), tab, note, pane.hint, tuple(pane.hint_rect), options)


def top_extent(pane: Pane) -> pygame.Rect:
    """Everything drawn over the still part, in the pane: panel, tab, waiting note, options with their rings, hint."""
    if not pane.beats or pane.look is None:
        return pygame.Rect(0, 0, 0, 0)
    grow = 2 * (pane.look.m.focus_width + pane.look.m.u(4)) + 2
    rects = [pane.panel, pane.hint_rect, *(b.rect.inflate(grow, grow) for b in pane.options if b.rect is not None)]
    rects += [part[0] for part in (pane.tab, pane.note) if part is not None]
    return rects[0].unionall(rects[1:])


def paint(pane: Pane, surface: pygame.Surface, clip: pygame.Rect) -> None:
    """Draw the pane from its still part within ``clip`` (a rectangle of the window)."""
    local = clip.clip(pane.rect).move(-pane.rect.x, -pane.rect.y)
    if not local.width or not local.height or pane.still.surface is None or pane.look is None:
        return
    sub = surface.subsurface(pane.rect)
    sub.set_clip(local)
    # The panel is opaque and always drawn over the still part: copy back only what lies around it.
    for part in around(pane.panel, pane.look.m.radius, local) if pane.beats else [local]:
        sub.blit(pane.still.surface, part, part)
    if pane.beats:
        drawn_ahead = top_painter(pane)
        if drawn_ahead is not None:
            drawn_ahead(sub)  # the beat drawn ahead
        else:
            draw_top(pane, sub, pane.look)
    sub.set_clip(None)


def draw_still(pane: Pane, surface: pygame.Surface, look: Look, art: ArtCache) -> None:
    if not pane.beats:
        draw_absent(pane, surface, look)
        return
    art.grown(pane.frames[pane.beats[pane.index].frame].moment.clock.day)  # a child's stand-in at their age on the day
    pane.stage.draw(surface, look, art)
    if not pane.covers_bar:
        pane.bar.draw(surface, look)
    draw_header(pane, surface, look)


def draw(pane: Pane, surface: pygame.Surface, art: ArtCache) -> None:
    sub_surface = surface.subsurface(pane.rect)
    look = pane.look
    if look is None:
        return
    if not pane.beats:
        draw_absent(pane, sub_surface, look)
        return
    draw_still(pane, sub_surface, look, art)
    draw_top(pane, sub_surface, look)


def draw_top(pane: Pane, sub_surface: pygame.Surface, look: Look) -> None:
    p = look.palette
    m = look.m
    look.panel(sub_surface, pane.panel, alpha=255, border=p.button_border)
    draw_speaker_tab(sub_surface, look, pane.tab)
    if pane.note is not None:
        rect, text = pane.note
        pygame.draw.rect(sub_surface, p.surface, rect, border_top_left_radius=m.radius, border_top_right_radius=m.radius)
        if look.high_contrast:
            pygame.draw.rect(sub_surface, p.text, rect, p.border_width, border_top_left_radius=m.radius, border_top_right_radius=m.radius)
        surf = look.cache.render(look.typeset.font("small-italic"), text, p.muted)
        drawn = sub_surface.blit(surf, surf.get_rect(center=rect.center))
        if look.log is not None:
            look.log(drawn, rect)
    beat = pane.beats[pane.index]
    if beat.kind in ("options", "taken"):
        look.draw_text(sub_surface, pane.heading, pane.box)
        taken = pane.frames[beat.frame].chosen
        for b in pane.options:
            b.draw(sub_surface, look, focused=beat.kind == "taken" and b.key == taken, hovered=False)
    elif beat.kind == "ending" and beat.page is not None:
        look.draw_page(sub_surface, beat.page, pane.box)
    elif beat.leaf is not None:
        look.draw_page(sub_surface, beat.leaf.page, pane.box)
    if pane.hint:
        style = "small-bold" if beat.kind == "taken" else "small-italic"
        look.draw_text(sub_surface, [Para((Span(pane.hint, style, "text" if beat.kind == "taken" else "muted"),), space_after=0)], pane.hint_rect)


def draw_header(pane: Pane, surface: pygame.Surface, look: Look) -> None:
    """The version's name on a band of its path's colour, above everything else in the pane."""
    pygame.draw.rect(surface, pane.colour, pane.header)
    if look.high_contrast:
        pygame.draw.line(surface, look.palette.text, pane.header.bottomleft, pane.header.bottomright, look.palette.border_width)
    surf = look.cache.render(look.typeset.font("small-bold"), pane.label, (255, 255, 255))
    drawn = surface.blit(surf, surf.get_rect(midleft=(pane.header.x + look.m.u(20), pane.header.centery)))
    if look.log is not None:
        look.log(drawn, pane.header)


def draw_absent(pane: Pane, surface: pygame.Surface, look: Look) -> None:
    """A version whose path never reached this episode says so, calmly."""
    surface.fill(look.palette.bg)
    m = look.m
    w, h = surface.get_size()
    box = pygame.Rect(m.margin, 0, w - 2 * m.margin, h)
    paras = [
        para(pane.label, "heading", "text", center=True, space_after=0.3),
        para(f"The {pane.take.path} path never came to this episode: its route went another way.", "body", "muted", center=True, space_after=0),
    ]
    page = look.pages(paras, box.width, h - 2 * m.margin)[0]
    box = pygame.Rect(box.x, (h - page.height) // 2, box.width, page.height)
    look.draw_page(surface, page, box)
