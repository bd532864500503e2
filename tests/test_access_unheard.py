"""AT-SPI's bridge open with no screen reader connected: no tree built in a frame, yet the right one the moment a reader connects.

On Linux the bridge opens on every window, and a tree built after every
changed frame cost 0.3-0.5 ms of each at 1920x1080 with nobody to hear it
(issue 13's frame times). It is now built once the loop waits with nothing
moving, after the frames that changed it, and again when a screen reader
connects.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.access_kit import ACCESS_EVENT, Bridge
from simulator.ui.kit.access_tree import Tree

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "small-visit"


class _Adapter:
    """AccessKit's Unix adapter as the bridge sees it: ``take`` is its own thread taking the first tree as a reader connects."""

    def __init__(self, activated: Any, _action: Any, deactivated: Any) -> None:
        self.activated, self.deactivated = activated, deactivated
        self.updates: list[Any] = []

    def take(self) -> Any:
        return self.activated()

    def update_if_active(self, make: Any) -> None:
        self.updates.append(make())

    def update_window_focus_state(self, focused: bool) -> None:
        pass

    def set_root_window_bounds(self, outer: Any, inner: Any) -> None:
        pass


def _focused_label(update: Any) -> str:
    return str(dict(update.nodes)[update.focus].label)


def _rest(app: Any) -> None:
    """The loop waiting for the trainee, nothing moving, until a (harmless) event arrives."""
    assert not app.tasks and app.wake_in() is None
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(0, 0), rel=(0, 0), buttons=(0, 0, 0)))
    assert app.wait()


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DOORSTEP_ACCESSKIT", "0")  # no real adapter: the test's own stands in for AT-SPI's
    window = make_app(tmp_path, EXAMPLE)
    window.access.bridge = Bridge(_Adapter, threaded=True, carry_in_focus=True)
    window.dirty = True
    window.step(dt=0.0)
    _rest(window)
    assert window.access.bridge.tree is not None  # the title, as the bridge opening after the first frame is handed it
    yield window
    window.close()


@pytest.mark.ui
def test_frames_build_no_tree_while_nobody_listens_and_the_loop_at_rest_brings_the_bridge_up_to_date(app: Any) -> None:
    access = app.access
    built: list[Tree] = []
    build = access.build
    access.build = lambda: built.append(build()) or built[-1]
    d = Driver(app)
    frames = app.frames
    for _ in range(3):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
        app.step(dt=0.0)
    assert app.frames == frames + 3 and built == []  # three changed frames, no tree built in any of them
    assert access.handles == {}  # nor the buttons of the tree before kept: they would keep a closed screen's pictures alive
    _rest(app)
    assert len(built) == 1  # once, for the three, as the loop waits for the trainee
    now = build()
    assert access.tree == now and access.bridge.tree == now  # the bridge holds the screen the trainee is looking at
    assert now.focused.label == d.top.group.focused.label


@pytest.mark.ui
def test_a_screen_reader_connecting_before_the_idle_work_is_handed_the_screen_now_on_show(app: Any) -> None:
    bridge, access = app.access.bridge, app.access
    was = bridge.tree
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
    app.step(dt=0.0)  # the focus moved; its tree is left for the loop's rest, not come yet
    assert bridge.tree == was
    bridge.adapter.take()  # Orca connects now, on AccessKit's thread, and is handed the tree the bridge holds
    assert bridge.active and not access.unheard
    app.step(dt=0.0)  # the loop takes the bridge's "connected" and catches the screen reader up
    assert not any(e.type == ACCESS_EVENT for e in pygame.event.get(ACCESS_EVENT))
    focus = app.top.group.focused.label
    assert access.tree is not None and access.tree.focused.label == focus and bridge.tree == access.tree
    assert bridge.adapter.updates and all(_focused_label(u) == focus for u in bridge.adapter.updates)  # never the old focus
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
    app.step(dt=0.0)  # while a screen reader listens, every changed frame tells it at once, as before
    assert _focused_label(bridge.adapter.updates[-1]) == app.top.group.focused.label != focus
