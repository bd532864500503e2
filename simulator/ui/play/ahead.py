"""The next page of play, drawn while the trainee reads the one on screen.

Turning a page at 1920x1080 costs several milliseconds of drawing: the panel
with its text, buttons and hint, and, when the page moves people or lights
another speaker's plate, the stage's picture too. While a line is read the
next page is already known, so play draws it ahead (an idle task, see
:meth:`~simulator.ui.kit.app.App.later`) into pictures of its own: the still
part (place, people, plates, clock bar) when the next page changes it, and
the window's pixels under the panel, tab, buttons and hint with the next page
drawn over them (the still part copied whole beside them, so a page shown
whole is one copy). Turning the page then takes those pictures over and copies
to the window only what changed. A new moment is laid out and drawn the same
way while the last page or a card before it is read (flow/play.py's
``prepare_moment``), and play takes over that whole layout (:func:`adopt`).

Every picture is keyed by everything it shows (the keys of kit/layer.py); one
that no longer matches (another look or layout, a mood frame since, the
pointer over a button) is simply not used, and the page is drawn as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from simulator.ui.play.scene import PlayScene

# What turning to a page changes on the scene (PlayScene._buttons), and what drawing the stage records on it.
PAGE = ("index", "_reached", "group", "panel", "page_box", "heading", "hint", "hint_rect", "tab", "_warmed")
DRAWN = ("ready", "placeholder", "_wanted", "bodies", "moving", "plates", "voices", "_laid_plates")
# What laying out a moment sets on the scene (PlayScene.layout, then _buttons for its first page).
LAYOUT = ("_laid", "_laid_for", "pad", "reading", "text_box", "tab_h", "stage", "bar", "stages", "max_top", *PAGE, "ahead")


class Ahead:
    """One page drawn ahead: its still part (if it differs from the one kept), and the window's pixels under its top."""

    def __init__(self) -> None:
        self.page: tuple[int, int] | None = None  # (layout, page index) these pictures show
        self.still: pygame.Surface | None = None  # that page's still part, when it is not the one the scene keeps now
        self.still_key: object = None
        self.own_still = False  # whether `still` was drawn for this page (else the page shows the still part kept now)
        self.drawn: dict[str, object] = {}  # where that drawing put the people and plates (the stage's record)
        self.frame: pygame.Surface | None = None  # the window: the still part with the page drawn over it within `extent`
        self.frame_key: object = None  # (still key, top key) of the frame
        self.extent = pygame.Rect(0, 0, 0, 0)
        self.pending: int | None = None  # the next page waits for pictures from the art thread (the art's version then)
        self.tick = 0  # the mood frame its people were drawn at

    def forget(self) -> None:
        self.page = None
        self.frame_key = None


def _surface(old: pygame.Surface | None, size: tuple[int, int]) -> pygame.Surface:
    if old is not None and old.get_size() == size:
        return old
    display = pygame.display.get_surface()  # the window's own pixel format: copying to it is a plain copy
    return pygame.Surface(size, 0, display) if display is not None else pygame.Surface(size)


def prepare(scene: PlayScene, index: int) -> bool:
    """Draw page ``index`` of the moment the scene has laid out into ``scene.ahead``; the scene is left showing what it showed.

    False when there is nothing to do (no such page, already drawn, a text log reading every drawn line) or a picture
    for that page is still being drawn on the art thread (it is drawn when shown instead).
    """
    ahead = scene.ahead
    look = scene.look
    if look.log is not None or not 0 <= index < len(scene.stages) or ahead.page == (scene._laid, index):
        return False
    stage = scene.stage
    page = {name: getattr(scene, name) for name in PAGE}
    drawn = {name: getattr(stage, name) for name in (*DRAWN, "view", "speaker")}
    dirty = scene.app.dirty
    kept = scene.still.key
    ahead.forget()
    ahead.pending = None
    try:
        scene.preparing = True
        scene.index = index
        scene._buttons()
        size = look.size
        under = scene.still.surface
        still_key = (scene._laid, None, stage.key(look))
        if under is not None and under.get_size() == size and kept == still_key:
            ahead.still_key = kept  # the same still part as the one kept: the frame is drawn over that
            ahead.own_still = False
        else:
            ahead.own_still = True
            ahead.still = under = _surface(ahead.still, size)
            scene._draw_still(under)
            if not stage.ready:  # asked for now: drawn ahead again once they arrive (PlayScene.update)
                ahead.pending = scene.app.art.version
                return False
            ahead.still_key = (scene._laid, None, stage.key(look))
            ahead.drawn = {name: getattr(stage, name) for name in DRAWN}
        extent = scene._top_extent().clip(pygame.Rect((0, 0), size))
        ahead.frame = frame = _surface(ahead.frame, size)
        frame.blit(under, (0, 0))  # all of it: a page shown whole (a new moment's first) is then one copy of the window
        frame.set_clip(extent)
        scene._draw_top(frame)
        frame.set_clip(None)
        ahead.extent = extent
        ahead.frame_key = (ahead.still_key, scene._top_key())
        ahead.page = (scene._laid, index)
        ahead.tick = stage.tick
        return True
    finally:
        for name, value in page.items():
            setattr(scene, name, value)
        for name, value in drawn.items():
            setattr(stage, name, value)
        scene.app.dirty = dirty
        scene.preparing = False


def take(scene: PlayScene) -> tuple[bool, list[pygame.Rect] | None]:
    """Take over the still part drawn ahead for the page now on screen, if it was.

    Returns whether a page drawn ahead is being shown, and what its still part changes on the window
    (None: all of it; the scene's layer then shows the new still part, and the caller repaints any mood frame since).
    """
    ahead = scene.ahead
    if ahead.page != (scene._laid, scene.index):
        return False, []
    ahead.page = None
    if ahead.still_key == scene.still.key:
        return True, []
    stage = scene.stage
    now = stage.key(scene.look)
    key = ahead.still_key
    if not ahead.own_still or ahead.still is None or not (isinstance(key, tuple) and key[0] == scene._laid and key[2][:2] == now[:2]):
        ahead.frame_key = None
        return False, []
    before, was = scene.still.key, stage.regions()
    scene.still.surface, ahead.still = ahead.still, scene.still.surface
    scene.still.key = key
    ahead.own_still = False
    for name, value in ahead.drawn.items():
        setattr(stage, name, value)
    same_layout = isinstance(before, tuple) and before[:2] == key[:2]
    return True, stage.changes(before[2], key[2], was, stage.regions()) if same_layout and isinstance(before, tuple) else None


def top_painter(scene: PlayScene, top_key: object) -> Callable[[pygame.Surface], None] | None:
    """What draws the top of the page on screen: a copy from the frame drawn ahead when it shows exactly this, else None."""
    ahead = scene.ahead
    if ahead.frame is None or ahead.frame_key != (scene.still.key, top_key):
        return None
    frame, extent = ahead.frame, pygame.Rect(ahead.extent)

    def paint(surface: pygame.Surface) -> None:
        surface.blit(frame, extent, extent)

    return paint


def whole_frame(scene: PlayScene, top_key: object) -> pygame.Surface | None:
    """The frame drawn ahead, every pixel of the window as the page on screen shows it, if it shows exactly this, else None."""
    ahead = scene.ahead
    return ahead.frame if ahead.frame is not None and ahead.frame_key == (scene.still.key, top_key) else None


def adopt(scene: PlayScene, shell: PlayScene | None) -> bool:
    """Take over a layout of this moment made ahead (by ``prepare_moment``, while the card or last page before it was read).

    Only when it was made for the same moment, look, settings and words as the scene would lay out now; the stage's
    clock carries on (a mood frame keeps its beat), and the first page is set up afresh for this scene (its buttons act on it).
    """
    if shell is None or shell._laid_for != scene._inputs(scene.look):
        return False
    old = scene.stage
    scene.app.let_go(scene.ahead, old)  # the pictures the page before was drawn ahead in: freed while this one is read
    state = vars(shell)
    for name in LAYOUT:
        if name in state:
            setattr(scene, name, state[name])
    shell.ahead = Ahead()  # the shell is left for the collector (its buttons make a cycle): it must not hold these pictures till then
    scene.stage.clock, scene.stage.tick = old.clock, old.tick
    scene._buttons()
    return True
