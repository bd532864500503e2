"""Text never overflows its box: every line drawn on every screen, at 1024x600 with the largest text,
at the 1280x720 baseline, on a 1920x1080 projector, and in high contrast."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import Overflow

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"



def tour(d: Driver, log: Overflow) -> None:
    """Visit every screen of a playthrough, paging through every document, with the keyboard."""

    def key(k: int) -> None:
        d.key(k)
        log.check(d.app)

    log.check(d.app)
    d.tab_to("settings")
    key(pygame.K_RETURN)
    key(pygame.K_ESCAPE)
    d.tab_to("new")
    key(pygame.K_RETURN)
    decisions = 0
    for _ in range(400):
        top = d.top
        if top.name == "debrief" and top.page == len(top.pages) - 1:
            return
        if top.name == "play" and top.stages[top.index][0] == "choose":
            decisions += 1
            if decisions == 2:
                key(pygame.K_ESCAPE)
                d.tab_to("history")
                key(pygame.K_RETURN)
                for _ in range(len(d.top.pages)):
                    key(pygame.K_PAGEUP)
                key(pygame.K_ESCAPE)
                d.tab_to("settings")
                key(pygame.K_RETURN)
                key(pygame.K_ESCAPE)
                key(pygame.K_ESCAPE)
            key(pygame.K_1)
        elif getattr(top, "pages", None) and top.page < len(top.pages) - 1:
            key(pygame.K_PAGEDOWN)
        else:
            key(pygame.K_RETURN)
    raise AssertionError(f"stuck at {d.top.name}")


@pytest.mark.parametrize(
    ("size", "settings"),
    [
        ((1024, 600), Settings(text_size=3)),
        ((1024, 600), Settings(text_size=3, high_contrast=True)),
        ((1280, 720), Settings()),
        ((1920, 1080), Settings(text_size=2)),
        ((800, 480), Settings(text_size=3)),
    ],
    ids=["1024x600-largest", "1024x600-largest-contrast", "1280x720", "1920x1080-large", "800x480-largest"],
)
def test_no_text_leaves_its_box_on_any_screen(tmp_path: Path, size, settings):
    """Every line of text drawn during a whole playthrough lies inside the box it was laid out for."""
    log = Overflow()
    d = Driver(make_app(tmp_path, EXAMPLE, size=size, settings=settings, text_log=log))
    tour(d, log)
    d.app.close()
    assert log.problems == []
    assert log.lines > 200
    assert {"title", "settings", "picker", "prebrief", "transition", "play", "feedback", "pause", "history", "ending", "debrief"} <= log.screens


def test_resizing_lays_everything_out_again(tmp_path: Path):
    """A resize to a small window mid-case re-lays the screen so its text still fits."""
    log = Overflow()
    d = Driver(make_app(tmp_path, EXAMPLE, size=(1920, 1080), text_log=log))
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 20)
    log.check(d.app)
    pygame.display.set_mode((1024, 600), pygame.RESIZABLE)
    d.app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=600, size=(1024, 600))], dt=0.0)
    assert d.app.look.size == (1024, 600)
    assert d.top.bar.rect.width == 1024
    d.app.dirty = True
    d.step()
    log.check(d.app)
    assert log.problems == []
    d.app.close()
