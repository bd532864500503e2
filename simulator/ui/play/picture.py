"""Play's drawing: the still part (place, people, plates, clock bar) kept in a layer, the text panel over it.

A frame draws only what changed (kit/layer.py): turning a page redraws the
text panel and the speaker's tab; a new speaker, their plate too; a mood
frame, the people whose mood moves. A page drawn ahead (play/ahead.py) is
taken over here: its still part swapped in, its panel copied from the frame
drawn then. The keys say everything each part shows, so equal keys draw the
same pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.ui.kit.layer import around, merged, repaint, within
from simulator.ui.kit.reading import choices_heading, draw_speaker_tab
from simulator.ui.kit.text import para
from simulator.ui.play.ahead import take, top_painter, whole_frame

if TYPE_CHECKING:
    from simulator.ui.play.scene import PlayScene


def draw(scene: PlayScene, surface: pygame.Surface) -> None:
    draw_still(scene, surface)
    draw_top(scene, surface)


def draw_changed(scene: PlayScene, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
    """Turning a page redraws the text panel and the speaker's tab; a new speaker, their plate too; a mood frame, the people."""
    look = scene.look
    shown_ahead, taken = take(scene)  # the still part of a page drawn ahead, if this is one
    was = scene.stage.regions()
    key = still_key(scene)
    kept = scene.still.key
    # A new speaker or mood frame changes only plates or people: paint just those into the kept picture.
    guess = scene.stage.changes(kept[2], key[2], was, was) if isinstance(kept, tuple) and kept[:2] == key[:2] else None
    only = merged(guess) if guess is not None else None
    repainted, before = scene.still.refresh(look.size, key, scene._draw_still, only)
    changed: list[pygame.Rect] | None = taken
    if repainted:
        scene.still.key = key = still_key(scene)  # drawn whole: pictures arriving later for other places change nothing
        same_layout = isinstance(before, tuple) and before[:2] == key[:2]
        moved = scene.stage.changes(before[2], key[2], was, scene.stage.regions()) if same_layout and isinstance(before, tuple) else None
        changed = None if moved is None or changed is None else [*changed, *moved]
        if only is not None and (moved is None or not within(moved, only)):
            scene.still.refresh(look.size, (), scene._draw_still)  # it moved more than the kept picture allows for
            scene.still.key = key
            changed = None
    layer = scene.still.surface
    assert layer is not None
    top = top_extent(scene)
    shown = top_key(scene)
    if shown != scene._top_shown:
        changed = None if changed is None else [*changed, top, scene._top_drawn]
    scene._top_shown = shown
    drawn_ahead = top_painter(scene, shown) if shown_ahead else None
    paint = drawn_ahead or scene._draw_top
    if whole or changed is None:
        frame = whole_frame(scene, shown) if drawn_ahead is not None else None
        if frame is not None:
            surface.blit(frame, (0, 0))  # a page drawn ahead over the still part, all of it: one copy (a new moment's first page)
        else:
            for rect in around(scene.panel, look.m.radius, surface.get_rect()):  # the opaque panel covers the rest
                surface.blit(layer, rect, rect)
            paint(surface)
        scene._top_drawn = top
        return None
    rects = merged(changed)
    repaint(surface, layer, rects, paint, top, pygame.Rect(scene.ahead.extent) if drawn_ahead is not None else None)
    scene._top_drawn = top
    return rects


def still_key(scene: PlayScene) -> tuple[object, ...]:
    """What the still part shows: the layout, the stage, and (while a picture is still being drawn) which pictures have arrived."""
    return (scene._laid, None if scene.stage.ready else scene.app.art.version, scene.stage.key(scene.look))


def top_key(scene: PlayScene) -> tuple[object, ...]:
    """Everything the text panel and what is over it show (equal keys draw the same pixels)."""
    kind, leaf = scene.stages[scene.index]
    tab = (tuple(scene.tab[0]), scene.tab[1]) if scene.tab is not None else None
    return (scene.look, scene._laid, scene.index, kind, id(leaf), tuple(scene.panel), tuple(scene.page_box), tab, scene.heading, scene.hint, tuple(scene.hint_rect), scene.group.state())


def top_extent(scene: PlayScene) -> pygame.Rect:
    """Everything drawn over the still part: the panel, the tab, the buttons with their focus rings, the hint."""
    rects = [scene.panel, scene.hint_rect, *scene.group.extent(scene.look)]
    if scene.tab is not None:
        rects.append(scene.tab[0])
    return rects[0].unionall(rects[1:])


def draw_still(scene: PlayScene, surface: pygame.Surface) -> None:
    scene.app.art.grown(scene.moment.clock.day, scene.run.session.scenario)  # a child's stand-in grows over a case of years
    scene.stage.draw(surface, scene.look, scene.app.art)
    scene.bar.draw(surface, scene.look)


def draw_top(scene: PlayScene, surface: pygame.Surface) -> None:
    look = scene.look
    p = look.palette
    look.panel(surface, scene.panel, alpha=255, border=p.button_border)
    draw_speaker_tab(surface, look, scene.tab)
    kind, leaf = scene.stages[scene.index]
    if leaf is not None:
        look.draw_page(surface, leaf.page, scene.page_box)
    elif kind == "choose" and scene.heading:
        look.draw_text(surface, [choices_heading()], scene.page_box)
    scene.group.draw(surface, look)
    if scene.hint:
        look.draw_text(surface, [para(scene.hint, "small", "muted", space_after=0)], scene.hint_rect)
