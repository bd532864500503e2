"""Settings persist between runs, survive a damaged file, and apply at once in the window."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.services.settings import NAME_LIMIT, TEXT_SIZES, Settings, load_settings, save_settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.theme import HIGH_CONTRAST

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def test_round_trip_keeps_every_field(tmp_path: Path):
    """Saved settings load back equal, field by field."""
    s = Settings(text_size=3, high_contrast=True, reduced_motion=True, no_time_pressure=True, fullscreen=True, mode="assessment", window=(1024, 600), worker_name="Priya Shah")
    assert save_settings(s, tmp_path) is None
    assert load_settings(tmp_path) == (s, None)


def test_missing_file_gives_defaults_quietly(tmp_path: Path):
    """No settings file yet means the defaults and no message."""
    assert load_settings(tmp_path) == (Settings(), None)


def test_damaged_file_is_set_aside_and_defaults_used(tmp_path: Path):
    """Unreadable JSON is renamed aside (not deleted), the defaults apply, and the trainee is told."""
    (tmp_path / "settings.json").write_text("{ text_size: big")
    settings, note = load_settings(tmp_path)
    assert settings == Settings()
    assert note is not None and "damaged" in note
    assert (tmp_path / "settings.json.damaged-1").read_text() == "{ text_size: big"


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"text_size": ' + "9" * 5000 + "}"])
def test_hostile_settings_file_is_set_aside_not_a_crash(tmp_path: Path, body: str):
    """Nested 100,000 deep or a 5,000-digit number: defaults, a note, and the file kept aside."""
    (tmp_path / "settings.json").write_text(body)
    settings, note = load_settings(tmp_path)
    assert settings == Settings()
    assert note is not None and "damaged" in note and len(note) < 200
    assert (tmp_path / "settings.json.damaged-1").read_text() == body


def test_wrong_values_fall_back_field_by_field(tmp_path: Path):
    """A value of the wrong type or out of range keeps that field's default and keeps the others."""
    (tmp_path / "settings.json").write_text(json.dumps({"version": 1, "text_size": 99, "high_contrast": "yes", "reduced_motion": True}))
    settings, note = load_settings(tmp_path)
    assert note is None
    assert settings == Settings(reduced_motion=True)


@pytest.mark.parametrize(
    ("saved", "loaded"),
    [
        ("  Priya Shah  ", "Priya Shah"),
        ("Zoë Ó Briain", "Zoë Ó Briain"),
        ("x" * NAME_LIMIT, "x" * NAME_LIMIT),
        ("x" * (NAME_LIMIT + 1), ""),
        ("Priya\nShah", ""),
        ("Priya\x00", ""),
        (42, ""),
        (["Priya"], ""),
        (None, ""),
    ],
    ids=["stripped", "accents", "at-the-limit", "too-long", "line-break", "control-character", "number", "list", "null"],
)
def test_worker_name_is_checked_on_load(tmp_path: Path, saved, loaded):
    """A saved worker name loads stripped if it is text of at most 40 printable characters; anything else keeps the default."""
    (tmp_path / "settings.json").write_text(json.dumps({"version": 1, "worker_name": saved, "high_contrast": True}))
    settings, note = load_settings(tmp_path)
    assert note is None
    assert settings == Settings(worker_name=loaded, high_contrast=True)


def test_unwritable_folder_is_reported_not_raised(tmp_path: Path):
    """Saving into a path that is a file returns a sentence instead of raising."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    note = save_settings(Settings(), blocker / "inside")
    assert note is not None and "could not be saved" in note


@pytest.mark.ui
def test_changes_in_the_window_apply_at_once_and_persist(tmp_path: Path):
    """Text size and high contrast chosen with the keyboard change the look now and are there on the next start."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    body_before = d.app.look.metrics.body
    assert d.tab_to("settings")
    d.key(pygame.K_RETURN)
    assert d.top.name == "settings" and d.focused_key() == "text-size"
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RIGHT)
    assert d.app.settings.text_size == 3 and d.app.settings.text_size_name == TEXT_SIZES[3]
    assert d.app.look.metrics.body > body_before
    assert d.tab_to("high-contrast")
    d.key(pygame.K_RETURN)
    assert d.app.look.palette is HIGH_CONTRAST
    assert d.tab_to("reduced-motion")
    d.key(pygame.K_RETURN)
    assert d.tab_to("no-time-pressure")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "title"
    d.app.close()

    again = make_app(tmp_path, EXAMPLE)
    s = again.settings
    assert (s.text_size, s.high_contrast, s.reduced_motion, s.no_time_pressure) == (3, True, True, True)
    assert again.look.palette is HIGH_CONTRAST
    again.close()


@pytest.mark.ui
def test_no_time_pressure_keeps_a_transition_waiting(tmp_path: Path):
    """With no time pressure an episode card never moves on by itself, however long it waits; without it, it does."""
    for calm in (True, False):
        d = Driver(make_app(tmp_path / str(calm), EXAMPLE, settings=Settings(no_time_pressure=calm)))
        d.tab_to("new")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        d.until(lambda d=d: d.top.name != "prebrief", lambda d=d: d.key(pygame.K_RETURN), 20)
        assert d.top.name == "transition"
        d.step(dt=1.0)  # the fade is over; the card is just waiting now
        assert (d.app.wake_in() is None) == calm
        for _ in range(10):
            d.step(dt=1.0)
        assert (d.top.name == "transition") == calm
        d.app.close()
