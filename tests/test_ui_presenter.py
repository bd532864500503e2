"""A facilitator's keys in watch: a clicker's Page Down and Page Up, B for a black screen, F and --fullscreen; clean profiles for handouts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.services.settings import Settings, load_settings, save_settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.flow import Options
from simulator.ui.launch import build_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
PLAYING = ("watch-barrier", "watch-enabler", "watch-side-by-side")


def watching(tmp_path: Path, **kw) -> Driver:
    d = Driver(make_app(tmp_path, EXAMPLE, **kw))
    assert d.tab_to("watch")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.top.name == "watch-intro"
    return d


def test_a_clicker_runs_the_whole_tour_with_page_down_alone(tmp_path: Path):
    """Page Down alone turns cards, steps every beat and goes on to the next episode, as a presentation clicker would."""
    d = watching(tmp_path)
    seen = []
    for _ in range(300):
        if d.top.name == "watch-episodes":
            break
        seen.append(d.top.name)
        d.key(pygame.K_PAGEDOWN)
    assert d.top.name == "watch-episodes"  # after the last card of the last episode
    for name in ("watch-intro", "watch-barrier", "watch-between", "watch-enabler", "watch-closing"):
        assert seen.count(name) >= 2, name  # both episodes of the example
    d.app.close()


def test_page_up_steps_back_and_at_the_start_goes_to_the_screen_before_from_its_end(tmp_path: Path):
    """Page Up steps a beat back; at a version's first beat it goes to the card before, on its last page; from an intro, to the closing card before."""
    d = watching(tmp_path)
    d.key(pygame.K_PAGEDOWN)
    while d.top.name == "watch-intro":
        d.key(pygame.K_PAGEDOWN)
    assert d.top.name == "watch-barrier" and d.top.tick == 0
    d.keys(pygame.K_PAGEDOWN, pygame.K_PAGEDOWN)
    assert d.top.tick == 2
    d.key(pygame.K_PAGEUP)
    assert d.top.tick == 1
    d.keys(pygame.K_PAGEUP, pygame.K_PAGEUP)
    assert d.top.name == "watch-intro" and d.top.page == len(d.top.pages) - 1
    d.key(pygame.K_PAGEDOWN)
    barrier = d.top
    while d.top is barrier:
        d.key(pygame.K_PAGEDOWN)
    assert d.top.name == "watch-between"
    d.key(pygame.K_PAGEUP)
    while d.top.name == "watch-between":
        d.key(pygame.K_PAGEUP)
    assert d.top.name == "watch-barrier" and d.top.tick == len(d.top.ticks) - 1  # the version again, at its last beat
    d.key(pygame.K_n)
    assert d.top.name == "watch-intro" and d.top.tour.index == 1
    while d.top.page > 0:
        d.key(pygame.K_PAGEUP)
    d.key(pygame.K_PAGEUP)
    assert d.top.name == "watch-closing" and d.top.tour.index == 0
    d.app.close()


def test_b_blanks_the_screen_and_the_beat_waits_under_it(tmp_path: Path):
    """B puts a black screen up; the version's timer does not run beneath it; any key brings back the same beat."""
    d = watching(tmp_path)
    d.key(pygame.K_RETURN)
    watch = d.top
    assert watch.name == "watch-barrier"
    d.step(dt=0.0)
    d.key(pygame.K_b)
    assert d.top.name == "blank"
    for _ in range(5):
        d.step(dt=60.0)
    assert d.top.name == "blank" and watch.tick == 0
    assert d.app.surface.get_at((d.app.look.size[0] // 2, d.app.look.size[1] // 2))[:3] == (0, 0, 0)
    d.key(pygame.K_SPACE)
    assert d.top is watch and watch.tick == 0 and not watch.paused  # the key that unblanks does nothing else
    d.key(pygame.K_PERIOD)
    assert d.top.name == "blank"
    d.key(pygame.K_b)
    assert d.top is watch
    d.app.close()


def test_f_switches_full_screen_in_watch(tmp_path: Path):
    """F in a version or on a card switches full screen, as F11 does anywhere."""
    d = watching(tmp_path)
    d.key(pygame.K_f)
    assert d.app.settings.fullscreen
    d.key(pygame.K_f)
    assert not d.app.settings.fullscreen
    d.app.close()


def test_fullscreen_from_the_command_line_is_for_this_run_only(tmp_path: Path):
    """--fullscreen opens full screen without saving it; a setting the trainee changes in that run is still kept."""
    config = tmp_path / "config"
    save_settings(Settings(text_size=2), config)
    app = build_app(Options(path=EXAMPLE, fullscreen=True), config_dir=config, store_path=tmp_path / "records.sqlite3", scenarios=tmp_path)
    assert app.settings.fullscreen and app.settings.text_size == 2
    app.apply_settings(app.settings.with_changes(high_contrast=True))
    app.close()
    kept, _ = load_settings(config)
    assert kept.high_contrast and kept.text_size == 2 and not kept.fullscreen


def test_screenshots_use_a_clean_profile_and_keep_nothing(tmp_path: Path):
    """Auto play with --screenshots ignores the saved text size, contrast and name, and leaves the settings file as it was."""
    config = tmp_path / "config"
    save_settings(Settings(text_size=3, high_contrast=True, worker_name="Sam Ortiz"), config)
    before = (config / "settings.json").read_text()
    app = build_app(
        Options(path=EXAMPLE, auto="enabler", speed=0, screenshots=tmp_path / "shots"),
        config_dir=config,
        store_path=tmp_path / "records.sqlite3",
        scenarios=tmp_path,
        size=(1100, 700),
    )
    assert app.settings == Settings()
    app.apply_settings(app.settings.with_changes(text_size=1))
    app.close()
    assert (config / "settings.json").read_text() == before
    assert json.loads(before)["worker_name"] == "Sam Ortiz"
