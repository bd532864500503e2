"""Full screen covers the window's own display whole, with or without a window manager, and gives the window back its place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.services.settings import Settings
from simulator.ui.driver import make_app
from simulator.ui.kit import displays
from simulator.ui.kit.displays import display_bounds, display_of

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
LAPTOP = pygame.Rect(0, 0, 1920, 1080)
PROJECTOR = pygame.Rect(1920, 0, 1024, 768)


def spy_set_mode(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record, for each set_mode, whether it asked for full screen, on which display, and where the window stood then."""
    calls: list[dict[str, Any]] = []
    real = pygame.display.set_mode

    def set_mode(size: Any = (0, 0), flags: int = 0, *args: Any, display: int | None = None, **kw: Any) -> pygame.Surface:
        calls.append({"full": bool(flags & pygame.FULLSCREEN), "display": display, "at": pygame.display.get_window_position() if pygame.display.get_surface() else None})
        return real(size, flags, *args, **kw)  # the dummy driver has one display: open on it

    monkeypatch.setattr(pygame.display, "set_mode", set_mode)
    return calls


def test_the_display_holding_the_windows_centre_is_its_display():
    """A window is on the display holding its centre, else on the nearest one, as SDL decides it."""
    bounds = [LAPTOP, PROJECTOR]
    assert display_of(pygame.Rect(100, 100, 800, 600), bounds) == 0
    assert display_of(pygame.Rect(1900, 50, 600, 400), bounds) == 1  # straddling, centre on the projector
    assert display_of(pygame.Rect(1500, 50, 800, 400), bounds) == 0  # straddling, centre on the laptop
    assert display_of(pygame.Rect(3100, 900, 400, 300), bounds) == 1  # off every display: the nearest
    assert display_of(pygame.Rect(-900, 50, 400, 300), bounds) == 0


def test_each_displays_bounds_are_read_from_the_driver():
    """The dummy driver's one display is found where it lies, the size pygame reports for it, and no window is left behind."""
    pygame.display.init()
    pygame.display.set_mode((320, 200))
    bounds = display_bounds()
    assert [b.size for b in bounds] == pygame.display.get_desktop_sizes()
    assert bounds[0].topleft == (0, 0)
    assert pygame.display.get_surface().get_size() == (320, 200)


def test_full_screen_starts_from_the_displays_corner_and_the_window_goes_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Going full screen the window is first moved to its display's corner (no window manager moves it); leaving, it stands where it stood."""
    app = make_app(tmp_path, EXAMPLE, size=(800, 500))
    pygame.display.set_window_position((130, 90))
    calls = spy_set_mode(monkeypatch)
    app.toggle_fullscreen()
    assert calls[-1] == {"full": True, "display": 0, "at": (0, 0)}
    assert app.surface.get_size() == pygame.display.get_desktop_sizes()[0] == app.look.size
    app.toggle_fullscreen()
    assert not calls[-1]["full"]
    assert pygame.display.get_window_position() == (130, 90)
    assert app.surface.get_size() == (800, 500)
    app.close()


def test_full_screen_on_the_projector_the_facilitator_moved_the_window_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A window dragged onto a second display goes full screen there, from that display's corner, and comes back to where it was."""
    app = make_app(tmp_path, EXAMPLE, size=(800, 500))
    monkeypatch.setattr(displays, "display_bounds", lambda: [LAPTOP, PROJECTOR])
    pygame.display.set_window_position((2000, 120))
    calls = spy_set_mode(monkeypatch)
    app.toggle_fullscreen()
    assert calls[-1] == {"full": True, "display": 1, "at": PROJECTOR.topleft}
    app.toggle_fullscreen()
    assert pygame.display.get_window_position() == (2000, 120)
    app.close()


def test_a_window_already_in_its_corner_is_not_moved_and_one_opened_full_screen_lets_pygame_choose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Nothing moves a window already at its display's corner; with no window yet, pygame opens on the display the pointer is on."""
    app = make_app(tmp_path, EXAMPLE, size=(800, 500))
    pygame.display.set_window_position((0, 0))
    moved: list[Any] = []
    real_move = pygame.display.set_window_position
    monkeypatch.setattr(pygame.display, "set_window_position", lambda at: (moved.append(at), real_move(at)))
    calls = spy_set_mode(monkeypatch)
    app.toggle_fullscreen()
    assert calls[-1]["full"] and calls[-1]["display"] == 0 and moved == []
    app.toggle_fullscreen()
    assert moved == []
    app.close()
    calls.clear()
    fresh = make_app(tmp_path / "again", EXAMPLE, size=(800, 500), settings=Settings(fullscreen=True))
    assert calls[0] == {"full": True, "display": None, "at": None}
    fresh.close()
