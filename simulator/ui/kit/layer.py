"""Drawing only what changed: a screen's still part kept in a picture of its own, and the rectangles that changed.

A play screen at 1920x1080 is a place, people, name plates and a clock bar
(the still part, :class:`Layer`), with a text panel, a speaker's tab and
buttons over it (the moving part). Turning a page changes only the panel
and the tab; a mood frame changes only the people. So the still part is drawn
once into its own surface, kept until what it shows changes (its *key*), and
each frame copies back from it only the rectangles that changed, draws the
moving part clipped to them, and hands those rectangles to
``pygame.display.update``. A frame is then a few strips instead of the whole
window (tests compare every such frame with a whole redraw of the same state,
pixel for pixel).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import pygame

Paint = Callable[[pygame.Surface], None]
SLACK = 150_000  # pixels two rectangles may take in beside them when joined: a strip costs more to draw than that many pixels


def merged(rects: Sequence[pygame.Rect]) -> list[pygame.Rect]:
    """The rectangles, with any two joined into one where that adds at most :data:`SLACK` pixels to what they cover apart.

    Each rectangle costs a pass of drawing (most of a millisecond in Python),
    so near neighbours are joined; a tall figure crossing the wide text panel
    stays two rectangles, since their union would be most of the window.
    """
    out: list[pygame.Rect] = [pygame.Rect(r) for r in rects if r.width > 0 and r.height > 0]
    joined = True
    while joined:
        joined = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                joined_area = a.union(b).width * a.union(b).height
                if joined_area <= a.width * a.height + b.width * b.height + SLACK:
                    out[i] = out[i].union(out.pop(j))
                    joined = True
                    break
            if joined:
                break
    return out


class Layer:
    """The still part of a screen, drawn into a surface of its own and redrawn only when its key changes."""

    def __init__(self) -> None:
        self.surface: pygame.Surface | None = None
        self.key: Hashable = None

    def refresh(self, size: tuple[int, int], key: Hashable, paint: Paint, only: Sequence[pygame.Rect] | None = None) -> tuple[bool, Hashable]:
        """Make sure the layer shows ``key`` (painting it with ``paint`` if not); returns (repainted, the key it showed before).

        ``only``: the rectangles that can differ from the picture kept (a mood frame: the people), painted alone (none: nothing).
        """
        before = self.key
        if self.surface is not None and self.surface.get_size() == size and key == before:
            return False, before
        if self.surface is None or self.surface.get_size() != size:
            display = pygame.display.get_surface()  # the window's own pixel format: copying back is a plain copy
            self.surface = pygame.Surface(size, 0, display) if display is not None else pygame.Surface(size)
            before, only = None, None
        if only is None:
            paint(self.surface)
        elif not only:
            pass  # nothing it shows moves (a mood frame's count went on while nobody on stage has a second frame)
        else:  # one painting clipped to them all (painting costs more per call than per pixel)
            self.surface.set_clip(only[0].unionall(list(only[1:])) if only else pygame.Rect(0, 0, 0, 0))
            paint(self.surface)
            self.surface.set_clip(None)
        self.key = key
        return True, before

    def forget(self) -> None:
        self.surface, self.key = None, None


def repaint(surface: pygame.Surface, layer: pygame.Surface, rects: Sequence[pygame.Rect], top: Paint, extent: pygame.Rect | None = None, opaque: pygame.Rect | None = None) -> None:
    """Copy ``rects`` back from ``layer`` and draw the moving part (``top``) over them, clipped to each.

    ``extent``: where the moving part draws at all; a rectangle outside it (a mood frame's people above the panel) is only copied.
    ``opaque``: where it paints every pixel (a copy of a frame drawn ahead, the still part under it included); a rectangle
    inside it is not copied from the layer first, only to be covered (at 1920x1080 a page's panel, most of a millisecond).
    """
    clip = surface.get_clip()
    for rect in rects:
        surface.set_clip(rect.clip(clip))
        if opaque is None or not opaque.contains(rect):
            surface.blit(layer, rect, rect)
        if extent is None or rect.colliderect(extent):
            top(surface)
    surface.set_clip(clip)


def moved(offset: tuple[int, int], rects: Sequence[pygame.Rect]) -> list[pygame.Rect]:
    """Rectangles in a part of the window (a pane) as rectangles of the window."""
    return [r.move(offset) for r in rects]



def outside(rect: pygame.Rect, covers: Sequence[pygame.Rect]) -> list[pygame.Rect]:
    """The parts of ``rect`` that none of ``covers`` takes in (what is left to fill when they paint every pixel of theirs)."""
    left = [pygame.Rect(rect)] if rect.width > 0 and rect.height > 0 else []
    for cover in covers:
        pieces = []
        for r in left:
            if not r.colliderect(cover):
                pieces.append(r)
                continue
            inside = r.clip(cover)
            pieces += [
                pygame.Rect(r.x, r.y, r.width, inside.top - r.top),  # above
                pygame.Rect(r.x, inside.bottom, r.width, r.bottom - inside.bottom),  # below
                pygame.Rect(r.x, inside.y, inside.left - r.left, inside.height),  # beside it, left
                pygame.Rect(inside.right, inside.y, r.right - inside.right, inside.height),  # and right
            ]
        left = [r for r in pieces if r.width > 0 and r.height > 0]
    return left


def within(rects: Sequence[pygame.Rect], bounds: Sequence[pygame.Rect]) -> bool:
    """Every rectangle lies inside one of ``bounds``."""
    return all(any(b.contains(r) for b in bounds) for r in rects if r.width > 0 and r.height > 0)


def around(card: pygame.Rect, radius: int, window: pygame.Rect) -> list[pygame.Rect]:
    """The window outside an opaque rounded card: above it and below it (taking in its rounded corners), and either side."""
    top = pygame.Rect(window.x, window.y, window.width, card.top + radius - window.y)
    bottom = pygame.Rect(window.x, card.bottom - radius, window.width, window.bottom - card.bottom + radius)
    middle = card.height - 2 * radius
    left = pygame.Rect(window.x, card.top + radius, card.left - window.x, middle)
    right = pygame.Rect(card.right, card.top + radius, window.right - card.right, middle)
    return [r.clip(window) for r in (top, bottom, left, right) if r.width > 0 and r.height > 0 and r.clip(window).width and r.clip(window).height]
