"""Continue opens at the line being read, and the title says which case and where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import start_new

from simulator.services.place import Place, keep_place, place_for, places_file, read_places
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


def into_a_long_moment(d: Driver):
    """A new Harris playthrough, at the third page of the first moment that has at least four."""
    start_new(d, "coach")
    assert d.until(lambda: d.top.name == "play" and len(d.top.stages) >= 4 and d.top.index == 0, lambda: d.key(pygame.K_RETURN), 300)
    play = d.top
    d.key(pygame.K_PAGEDOWN)
    d.key(pygame.K_PAGEDOWN)
    assert play.index == 2 and play.line > 0
    return play


def reopen(tmp_path: Path) -> Driver:
    d = Driver(make_app(tmp_path, HARRIS))
    assert d.top.name == "title" and d.focused_key() == "continue"
    return d


def continue_to_play(d: Driver):
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 10)
    return d.top


def test_step_out_and_continue_open_at_the_same_line(tmp_path: Path):
    """Save and step out at a line part-way through a moment: the title names the case, the episode and the date, and Continue opens at that line."""
    d = Driver(make_app(tmp_path, HARRIS))
    play = into_a_long_moment(d)
    line, node, episode = play.line, play.moment.node, play.moment.episode_title
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("step-out")
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "title", lambda: d.key(pygame.K_RETURN), 10)  # past the grounding note
    d.app.flow.settle()
    d.top.on_enter()
    detail = next(b.detail for b in d.top.group.buttons if b.key == "continue")
    assert detail.startswith("The Harris family, episode 1 of ") and episode in detail and "coach setting" in detail
    again = continue_to_play(d)
    assert again.moment.node == node and again.line == line
    assert again.reached >= line  # history holds what was read before stepping out
    d.app.close()


def test_closing_the_window_keeps_the_line(tmp_path: Path):
    """Closing the window mid-moment, a new window's Continue opens at the line that was on screen."""
    d = Driver(make_app(tmp_path, HARRIS))
    play = into_a_long_moment(d)
    line, node = play.line, play.moment.node
    d.app.close()
    again = continue_to_play(reopen(tmp_path))
    assert again.moment.node == node and again.line == line
    again.app.close()


def test_a_place_from_before_a_later_action_is_not_used(tmp_path: Path):
    """A place kept after 3 actions says nothing about the same playthrough after 4; a damaged places file is no place at all."""
    path = places_file(tmp_path / "records.sqlite3")
    assert keep_place(path, 7, Place(3, 5, "The first visit", 1, 14, "Mon 2 Mar 2026"))
    assert place_for(path, 7, 3) == Place(3, 5, "The first visit", 1, 14, "Mon 2 Mar 2026")
    assert place_for(path, 7, 4) is None and place_for(path, 8, 3) is None
    for damaged in ('{"7": {"steps": -1, "line": 0, "episode": "x", "number": 1, "total": 1, "when": "y"}}', "[1, 2]", "{", '{"7": {"steps": 3}}'):
        path.write_text(damaged)
        assert read_places(path) == {}
    path.write_text("")
    path.chmod(0o400)
    assert keep_place(path, 7, Place(3, 5, "e", 1, 14, "w")) in (True, False)  # never raises


@pytest.mark.parametrize(("size", "step"), [((1280, 720), 0), ((1280, 720), 2), ((1024, 600), 1), ((1024, 600), 3), ((1920, 1080), 3)])
def test_the_title_keeps_its_look_once_a_save_exists(tmp_path: Path, size: tuple[int, int], step: int):
    """With a playthrough to continue, the title still draws its door beside the menu wherever it did with none, every button shows, and Continue says the case and the episode."""
    from simulator.services.settings import Settings

    fresh = Driver(make_app(tmp_path / "fresh", HARRIS, size=size, settings=Settings(text_size=step)))
    assert fresh.top.name == "title"
    door = fresh.top.door
    fresh.app.close()
    d = Driver(make_app(tmp_path / "saved", HARRIS, size=size, settings=Settings(text_size=step)))
    start_new(d, "coach")
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("step-out")
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "title", lambda: d.key(pygame.K_RETURN), 10)
    d.app.flow.settle()
    d.top.on_enter()
    d.top.layout(d.top.look)
    keys = [b.key for b in d.top.group.buttons]
    assert keys[0] == "continue" and not (d.top.group.more_above or d.top.group.more_below)
    assert d.top.door == door, f"the door {'went' if door else 'came'} once a save existed at {size}, text size {step}"
    detail = next(b.detail for b in d.top.group.buttons if b.key == "continue")
    assert detail.startswith("The Harris family, episode 1 of "), detail
    d.app.close()
