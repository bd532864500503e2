"""Driving the window from code, as a trainee's keyboard and mouse would.

Tests and the benchmark post real pygame events and step the app's loop
once per event (:meth:`App.step`), with ``dt`` given so nothing depends on
how fast the machine is. Nothing here is used when a person plays.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from simulator.services.settings import Settings, save_settings
from simulator.ui.flow import Options
from simulator.ui.kit.text import TextLog
from simulator.ui.launch import build_app
from simulator.ui.window import Window


class Driver:
    """Posts key presses and clicks to an app and steps it."""

    def __init__(self, app: Window) -> None:
        self.app = app

    @property
    def top(self) -> Any:
        """The scene on top (typed loosely: tests reach into whichever screen it is)."""
        return self.app.top

    def step(self, dt: float = 0.0) -> bool:
        return self.app.step(dt=dt)

    def settle(self) -> bool:
        """Let pictures being drawn on the art thread arrive, as they would while a person reads."""
        art = self.app.art
        if art.busy:
            art.flush()
            self.app.dirty = True  # what arrived during the flush is drawn now
            return self.app.step(dt=0.0)
        return self.app.running

    def read(self) -> None:
        """What the loop does while a person reads the screen to its end: its waiting work, the pictures being drawn on
        the art thread arriving, and the waiting work those pictures let go on (a page drawn ahead whose people were
        still being drawn), as the real loop goes on doing."""
        for _ in range(10):
            while self.app.run_task():
                pass
            busy = self.app.art.busy
            self.settle()
            if not busy and not self.app.tasks:
                return

    def key(self, key: int, mod: int = 0) -> bool:
        """Press one key, run one pass of the loop, and let the pictures it asked for arrive."""
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        return self.app.step(dt=0.0) and self.settle()

    def keys(self, *keys: int) -> None:
        for key in keys:
            self.key(key)

    def click(self, pos: tuple[int, int]) -> bool:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        return self.app.step(dt=0.0) and self.settle()

    def choose(self, choice_id: str) -> bool:
        """At a decision, press the number key of the option with this id (options are shuffled per playthrough)."""
        ids = [cid for cid, _ in self.top.moment.choices]
        return self.key(getattr(pygame, f"K_{ids.index(choice_id) + 1}"))

    def focused_key(self) -> str | None:
        group = getattr(self.top, "group", None)
        focused = group.focused if group is not None else None
        return focused.key if focused is not None else None

    def tab_to(self, key: str, limit: int = 30) -> bool:
        """Press Tab until the button with ``key`` has the focus ring."""
        for _ in range(limit):
            if self.focused_key() == key:
                return True
            self.key(pygame.K_TAB)
        return self.focused_key() == key

    def until(self, done: Callable[[], bool], act: Callable[[], Any], limit: int = 2000) -> bool:
        """Repeat ``act`` until ``done()``; False if it never happens within ``limit`` tries."""
        for _ in range(limit):
            if done():
                return True
            act()
        return done()


def make_app(
    folder: str | Path,
    scenario: str | Path | None = None,
    *,
    size: tuple[int, int] | None = (1280, 720),
    settings: Settings | None = None,
    text_log: TextLog | None = None,
    settle: bool = True,
    **options: Any,
) -> Window:
    """An app whose settings, records and case list all live under ``folder`` (for tests and benchmarks).

    With ``settle`` it has drawn its first frame and done the work queued
    after it (records opened, cases loaded), as the real loop would have a
    moment after the window opened. New playthroughs use seed 0, so a test
    that presses a number key meets the same option every run; pass
    ``seed=None`` for the fresh seed per playthrough a trainee gets.
    """
    folder = Path(folder)
    config = folder / "config"
    if settings is not None:
        save_settings(settings, config)
    empty = folder / "no-scenarios"
    empty.mkdir(parents=True, exist_ok=True)
    options.setdefault("seed", 0)
    app = build_app(
        Options(path=Path(scenario) if scenario else None, **options),
        size=size,
        config_dir=config,
        store_path=folder / "data" / "records.sqlite3",
        scenarios=empty,
        text_log=text_log,
    )
    if settle:
        app.step([], dt=0.0)
        while app.run_task():
            pass
        app.step([], dt=0.0)
        Driver(app).settle()
    return app
