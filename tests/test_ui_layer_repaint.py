"""Repainting part of the window from its still layer: nothing is copied where the moving part will cover every pixel.

A page turned to one drawn ahead (play/ahead.py) is a copy of a frame that
holds the still part under the page too; copying the still layer there
first cost a blit of most of the panel at 1920x1080 for pixels at once
covered (issue 13's paging frames). Pixel equality with a whole redraw is
checked end to end by tests/test_ui_ahead.py; here, what is copied.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.kit.layer import repaint


class Window(pygame.Surface):
    """A window surface noting each rectangle copied onto it from the layer."""

    def __init__(self, size: tuple[int, int], layer: pygame.Surface) -> None:
        super().__init__(size)
        self.layer = layer
        self.copied: list[pygame.Rect] = []

    def blit(self, source, dest, area=None, special_flags=0):  # type: ignore[no-untyped-def, override]
        if source is self.layer:
            self.copied.append(pygame.Rect(area))
        return super().blit(source, dest, area, special_flags)


def test_a_rectangle_the_moving_part_covers_whole_is_not_copied_from_the_layer_first():
    layer = pygame.Surface((200, 100))
    layer.fill((10, 20, 30))
    frame = pygame.Surface((200, 100))  # a frame drawn ahead: the layer with the page over it
    frame.blit(layer, (0, 0))
    page = pygame.Rect(20, 40, 160, 50)
    frame.fill((200, 190, 180), page.inflate(-10, -10))

    def paint(surface: pygame.Surface) -> None:
        surface.blit(frame, page, page)

    for opaque, inside, outside in ((page, [], [pygame.Rect(0, 0, 200, 30)]), (None, [page], [pygame.Rect(0, 0, 200, 30)])):
        window = Window((200, 100), layer)
        repaint(window, layer, [page, pygame.Rect(0, 0, 200, 30)], paint, page, opaque)
        assert window.copied == [*inside, *outside]  # the page's rectangle copied only when nothing says the copy covers it
        assert pygame.image.tobytes(window.subsurface(page), "RGB") == pygame.image.tobytes(frame.subsurface(page), "RGB")


def test_turning_to_pages_drawn_ahead_copies_no_layer_under_them_and_shows_a_whole_redraw(tmp_path, monkeypatch):
    """Play at 1920x1080, read page by page: turning to a page drawn ahead skips the layer under it, and every frame equals a whole redraw."""
    from pathlib import Path

    from test_ui_ahead import reading
    from test_ui_dirty import Screen, into_play, press, step

    from simulator.ui.driver import Driver, make_app
    from simulator.ui.play import picture

    screen = Screen(monkeypatch)
    skipped = [0]
    real = picture.repaint

    def counting(surface, layer, rects, top, extent=None, opaque=None):  # type: ignore[no-untyped-def]
        skipped[0] += opaque is not None and any(opaque.contains(r) for r in rects)
        real(surface, layer, rects, top, extent, opaque)

    monkeypatch.setattr(picture, "repaint", counting)
    d = Driver(make_app(tmp_path, Path(__file__).resolve().parent.parent / "scenarios" / "harris-family", size=(1920, 1080)))
    into_play(d, screen)
    for _ in range(60):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)  # the next page drawn ahead while this one is read
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        step(d, screen, "a key", press(pygame.K_1 if choosing else pygame.K_RETURN))
    assert skipped[0] > 5
    d.app.close()
