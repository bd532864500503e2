"""Drawing only what changed never shows anything a whole redraw would not: every frame sent, compared pixel for pixel.

The window sends only the rectangles a frame changed (``pygame.display.update``).
These tests keep their own copy of what the screen shows, built only from
what was sent (all of it on a flip, the rectangles on an update), and after
every pass of the loop compare it with the same state drawn whole into a
fresh surface. A region a screen forgot to redraw, or to send, fails here
(set DIRTY_DUMP to a folder to keep both pictures of a failing frame).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


class Screen:
    """What the screen shows, from what the app sent it, checked against a whole redraw after every pass."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: pygame.Surface | None = None
        self.whole: pygame.Surface | None = None
        self.partial = 0  # frames sent as rectangles rather than the whole window
        self.checked = 0
        real_flip, real_update = pygame.display.flip, pygame.display.update

        def flip() -> None:
            self.shown = pygame.display.get_surface().copy()
            real_flip()

        def update(rects: object = None) -> None:
            window = pygame.display.get_surface()
            if rects is None or self.shown is None or self.shown.get_size() != window.get_size():
                self.shown = window.copy()
            else:
                listed = [rects] if isinstance(rects, pygame.Rect) else list(rects)  # type: ignore[call-overload]
                for rect in listed:
                    self.shown.blit(window, rect, rect)
                self.partial += 1
            real_update(rects)

        monkeypatch.setattr(pygame.display, "flip", flip)
        monkeypatch.setattr(pygame.display, "update", update)

    def check(self, d: Driver, what: str) -> None:
        """What the screen shows equals the top screen drawn whole (over the dimmed picture of the last frame beneath, for an overlay)."""
        app = d.app
        assert self.shown is not None
        visible = app._visible()
        if self.whole is None or self.whole.get_size() != app.surface.get_size():
            self.whole = pygame.Surface(app.surface.get_size()).convert(app.surface)
        whole = self.whole
        if len(visible) > 1:
            assert app._under is not None
            whole.blit(app._under[1], (0, 0))
        visible[-1].draw(whole)
        differs = difference(self.shown, whole)
        if differs is not None and os.environ.get("DIRTY_DUMP"):
            pygame.image.save(self.shown, f"{os.environ['DIRTY_DUMP']}/shown.png")
            pygame.image.save(whole, f"{os.environ['DIRTY_DUMP']}/whole.png")
            pygame.image.save(app.surface, f"{os.environ['DIRTY_DUMP']}/window.png")
            still = getattr(getattr(app.top, "still", None), "surface", None)
            if still is not None:
                pygame.image.save(still, f"{os.environ['DIRTY_DUMP']}/layer.png")
        assert differs is None, f"{what} on {app.top.name}: the screen differs from a whole redraw within {differs} (frame {app.frames}, sent {app.updated})"
        self.checked += 1


def difference(a: pygame.Surface, b: pygame.Surface) -> pygame.Rect | None:
    """The bounding box of the pixels where two pictures differ (None: they are the same)."""
    if a.get_buffer().raw == b.get_buffer().raw or pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB"):
        return None  # the same bytes, or (padding bytes aside) the same colours
    one, two = a.copy(), b.copy()
    one.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    two.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    one.blit(two, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    same = pygame.mask.from_threshold(one, (0, 0, 0), (1, 1, 1, 255))
    same.invert()
    boxes = same.get_bounding_rects()
    return boxes[0].unionall(boxes[1:]) if boxes else pygame.Rect(0, 0, *a.get_size())


def step(d: Driver, screen: Screen, what: str, events: list[pygame.event.Event] | None = None, dt: float = 0.0) -> None:
    frames = d.app.frames
    d.app.step(events or [], dt=dt)
    screen.check(d, f"{what} ({d.app.frames - frames} frames drawn)")
    if d.app.art.busy:  # pictures arriving while a person reads, each drawn as it comes
        d.app.art.flush()
        d.app.dirty = True  # as the loop's own look for pictures would (Driver.settle)
        d.app.step([], dt=0.0)
        screen.check(d, f"{what}, then pictures arrived")


def press(key: int) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)]


def draw_counts(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> dict[str, int]:
    """Count the still parts and panels ``module`` draws (play's picture or a watch pane's), drawing them as before."""
    drawn = {"stills": 0, "panels": 0}
    real_still, real_top = module.draw_still, module.draw_top

    def draw_still(*args):  # type: ignore[no-untyped-def]
        drawn["stills"] += 1
        real_still(*args)

    def draw_top(*args):  # type: ignore[no-untyped-def]
        drawn["panels"] += 1
        real_top(*args)

    monkeypatch.setattr(module, "draw_still", draw_still)
    monkeypatch.setattr(module, "draw_top", draw_top)
    return drawn


def walk(d: Driver, limit: int, read: Callable[[Driver], None]) -> Iterator[tuple[Any, list[pygame.event.Event]]]:
    """Through the case as a trainee would, each screen read first (``read``): the screen on top and the key its reader
    presses (1 at a decision, else Enter), at most ``limit`` screens, until the ending."""
    for _ in range(limit):
        top = d.top
        if top.name in ("ending", "debrief"):
            return
        read(d)
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        yield top, press(pygame.K_1 if choosing else pygame.K_RETURN)


def into_play(d: Driver, screen: Screen) -> None:
    assert d.tab_to("new")
    for _ in range(2):
        step(d, screen, "starting", press(pygame.K_RETURN))
    for _ in range(30):
        if d.top.name != "prebrief":
            break
        step(d, screen, "prebrief", press(pygame.K_RETURN))


def into_side_by_side(tmp_path: Path, screen: Screen) -> Driver:
    """Harris at 1920x1080 on the watch tab, through the watch mode's cards to both versions side by side."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("watch")
    for _ in range(6):
        if d.top.name == "watch-side-by-side":
            break
        step(d, screen, "the watch mode's cards", press(pygame.K_RETURN))
    assert d.top.name == "watch-side-by-side"
    return d


def play_on(d: Driver, screen: Screen, presses: int, extra: Callable[[int], None] | None = None) -> set[str]:
    """Page, choose and sit through transitions (frame by frame at 60 Hz); what screens were met."""
    met: set[str] = set()
    for n in range(presses):
        top = d.top
        met.add(top.name)
        if top.name in ("ending", "debrief"):
            break
        if top.name == "transition":
            for _ in range(60):
                if top.settled():
                    break
                step(d, screen, "a transition's fade", dt=1 / 60)
            step(d, screen, "leaving a transition", press(pygame.K_RETURN))
        elif top.name == "play" and top.stages[top.index][0] == "choose":
            if top.moment.figures:
                step(d, screen, "a mood frame at a decision", dt=1.0)  # the people's second frame, then the first
                step(d, screen, "a mood frame at a decision", dt=1.0)
            button = top.group.buttons[-1].rect
            step(d, screen, "the pointer over an option", [pygame.event.Event(pygame.MOUSEMOTION, pos=button.center, rel=(0, 0), buttons=(0, 0, 0))])
            step(d, screen, "choosing", press(pygame.K_1))
        elif top.name == "play" and top.index > 0 and n % 7 == 3:
            step(d, screen, "paging back", press(pygame.K_LEFT))
            step(d, screen, "paging on again", press(pygame.K_RIGHT))
        else:
            step(d, screen, "paging", press(pygame.K_RETURN))
        if extra is not None:
            extra(n)
    return met


def test_paging_transitions_and_decisions_match_a_whole_redraw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """At 1920x1080 through Harris: every page turned, fade frame, mood frame, hover and choice shows what a whole redraw shows."""
    screen = Screen(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    met = play_on(d, screen, 120)
    assert {"play", "transition"} <= met
    assert screen.partial > 50, "turning pages should send only what changed"
    d.app.close()


def test_settings_resize_and_pause_match_a_whole_redraw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Largest text in high contrast at 1024x600, then settings changed, the window resized and paused mid-case: never a stale strip."""
    screen = Screen(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1024, 600), settings=Settings(text_size=3, high_contrast=True)))
    into_play(d, screen)

    def now_and_then(n: int) -> None:
        app = d.app
        if n == 5:
            app.apply_settings(app.settings.with_changes(high_contrast=False))
            step(d, screen, "high contrast switched off")
        elif n == 10:
            app.apply_settings(app.settings.with_changes(text_size=0))
            step(d, screen, "the smallest text")
        elif n == 15:
            pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
            step(d, screen, "resized", [pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))])
        elif n == 20 and app.top is not None and app.top.name == "play":
            step(d, screen, "paused", press(pygame.K_ESCAPE))
            step(d, screen, "resumed", press(pygame.K_ESCAPE))
        elif n == 25:
            app.apply_settings(app.settings.with_changes(text_size=3, high_contrast=True))
            step(d, screen, "largest text in high contrast again")

    met = play_on(d, screen, 60, now_and_then)
    assert "play" in met
    assert screen.partial > 10
    d.app.close()


def test_watching_side_by_side_matches_a_whole_redraw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Watch at 1920x1080, both versions side by side: each beat (by the clock and by a clicker's Page Down) shows what a whole redraw shows."""
    screen = Screen(monkeypatch)
    d = into_side_by_side(tmp_path, screen)
    for i in range(240):
        if not d.top.name.startswith("watch"):
            break
        if i % 12 == 11:
            step(d, screen, "a clicker's Page Down", press(pygame.K_PAGEDOWN))
        else:
            step(d, screen, "watching", dt=0.25)
    assert screen.checked > 100
    assert screen.partial > 20, "a new beat should send only the pane it changed and the strip"
    d.app.close()
