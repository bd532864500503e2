"""The watch screen's control strip: what is playing and how far, the state and speed, and the buttons.

The strip sits below the panes. Its status says, in two short lines each
shortened to fit, which version is playing, the beat, and whether it plays,
waits or steps; the buttons (Play or Pause, Slower, Faster, Next episode,
Menu) are fewer when the window is short of room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.paging import paginate
from simulator.ui.kit.text import Para, Span, wrap
from simulator.ui.kit.widgets import ButtonGroup

if TYPE_CHECKING:
    from simulator.ui.watch.scene import WatchScene

LABELS = {"barrier": "Barrier version", "enabler": "Enabler version"}


def speed_text(rate: float) -> str:
    if rate <= 0:
        return "as fast as it can draw"
    return f"{rate:g}\u00d7"


def lay_strip(scene: WatchScene, look: Look) -> int:
    """The control strip: status on the left, buttons on the right; fewer buttons when the window is short of room."""
    m = look.m
    w = look.size[0]
    pad = m.u(12)
    keep = scene.group.focused.key if scene.group.focused is not None else None
    line = look.typeset.line_height("small")
    for full in (True, False):
        buttons = scene._controls(full)
        row = sum(b.natural_width(look) for b in buttons) + m.gap * (len(buttons) - 1)
        if row <= w * (0.62 if full else 0.5):
            break
    else:
        buttons = []
        row = 0
    scene.group = ButtonGroup(buttons, arrows="horizontal")
    scene.group.focus = None  # Enter pauses until the viewer tabs to a button
    if keep:
        scene.group.focus_key(keep)
    scene._row_w = row
    button_h = max((b.measure(look, b.natural_width(look)) for b in buttons), default=0)
    return max(button_h, 2 * line) + 2 * pad


def place_strip(scene: WatchScene, look: Look) -> None:
    m = look.m
    pad = m.u(12)
    if scene.group.buttons:
        scene.group.place_row(look, scene.strip.right - pad - scene._row_w, scene.strip.y + pad, scene._row_w, align="right")
    left = scene.strip.x + m.u(20)
    right = scene.strip.right - pad - scene._row_w - m.gap
    scene.status_rect = pygame.Rect(left, scene.strip.y + pad, max(1, right - left), scene.strip.height - 2 * pad)
    scene.status = status(scene, look, scene.tick)


def status(scene: WatchScene, look: Look, tick: int) -> list[Para]:
    """Two short lines: what is playing and how far (at beat ``tick``), then the state and speed, each shortened to fit;
    remembered by what they say, so the next beat's can be worked out and its words laid out while this one plays."""
    who = " and ".join(LABELS.get(p, p).split()[0].lower() for p in scene.paths)
    what = f"{who.capitalize()} version{'s' if len(scene.paths) > 1 else ''}"
    where = f"{tick + 1} of {len(scene.ticks)}" if scene.ticks else ""
    if scene.stepping:
        state = "Step by step: Space or Right for the next"
    elif scene.paused:
        state = "Paused: Space plays on"
    else:
        state = f"Speed {speed_text(scene.tour.rate)}: + and \u2212 change it"
    first = [f"{scene.reel.episode.title} \u00b7 {what} \u00b7 {where}", f"{what} \u00b7 {where}", where]
    second = [f"{state} \u00b7 Esc for the menu", state, state.split(":")[0]]
    width = scene.status_rect.width
    role = "bar_warn" if scene.paused else "on_bar"
    key = (look, width, tuple(first), tuple(second), role)
    known = scene.statuses.get(key)
    if known is not None:
        return known

    def fits(text: str, style: str) -> bool:
        return len(wrap((Span(text, style),), width, look.typeset)) <= 1

    top = next((t for t in first if fits(t, "small-bold")), "")
    bottom = next((t for t in second if fits(t, "small")), "")
    if len(scene.statuses) > 256:
        scene.statuses.clear()
    scene.statuses[key] = said = [Para((Span(top, "small-bold", "on_bar"),), space_after=0), Para((Span(bottom, "small", role),), space_after=0)]
    return said


def status_ahead(scene: WatchScene, tick: int) -> None:
    """Work out beat ``tick``'s status and lay out and render its words now (while the beat before plays)."""
    look = scene.look
    said = status(scene, look, tick)
    look.prerender(paginate(said, scene.status_rect.width, 1 << 30, look.typeset))


def draw_strip(scene: WatchScene, surface: pygame.Surface) -> None:
    look = scene.look
    p = look.palette
    pygame.draw.rect(surface, p.bar, scene.strip)
    if look.high_contrast:
        pygame.draw.line(surface, p.text, scene.strip.topleft, scene.strip.topright, p.border_width)
    look.draw_text(surface, scene.status, scene.status_rect)
    if surface.get_clip().collidelist(scene.group.extent(look)) >= 0:  # a new beat's words alone leave the buttons as they are
        scene.group.draw(surface, look)
