"""The trainee's own name: typed on a small card from the prebrief, kept in the settings, used by the next playthrough."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from conftest import materialize
from ui_check import Overflow, post_text, words

from simulator.services.settings import NAME_LIMIT, Settings, load_settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"



def label(d: Driver, key: str) -> str:
    return next(b.label for b in d.top.group.buttons if b.key == key)


def to_prebrief(d: Driver) -> None:
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    assert d.top.name == "prebrief"


def open_entry(d: Driver) -> None:
    """From the title, through the picker to the prebrief, and Enter on its name button."""
    to_prebrief(d)
    assert d.tab_to("name")
    d.key(pygame.K_RETURN)
    assert d.top.name == "name-entry" and d.top.in_box


def press(d: Driver, *keys: int, mod: int = 0) -> None:
    for key in keys:
        d.key(key, mod)


def begin_to_door(d: Driver):
    """Begin from the prebrief and play the mini case to its door, where Ann greets the worker by name."""
    assert d.tab_to("begin")
    d.key(pygame.K_RETURN)
    for _ in range(40):
        top = d.top
        if top.name == "play" and top.stages[top.index][0] == "choose":
            if top.moment.node.endswith("door"):
                return top
            d.choose("go-now")
        else:
            d.key(pygame.K_RETURN)
    raise AssertionError(f"never reached the door; at {d.top.name}")


def shown_text(play) -> str:
    """Every word the play screen lays out for this moment, page by page."""
    return " ".join(r.text for _, leaf in play.stages if leaf is not None for row in leaf.page.rows for r in row.runs)


@pytest.fixture
def mini_case(tmp_path: Path) -> Path:
    return materialize(None, tmp_path / "case")


def test_typed_name_is_saved_and_greets_the_worker_in_the_next_playthrough(tmp_path: Path, mini_case: Path):
    """A name typed as TEXTINPUT events and saved with Enter is in the settings file, on the prebrief, and in the dialogue."""
    d = Driver(make_app(tmp_path / "app", mini_case))
    to_prebrief(d)
    assert label(d, "name") == "Your name: Sam" and "you are Sam" in words(d.top)
    assert d.tab_to("name")
    d.key(pygame.K_RETURN)
    post_text(d.app, "Priya")
    d.key(pygame.K_RETURN)
    assert d.top.name == "prebrief"
    assert d.app.settings.worker_name == "Priya"
    assert load_settings(tmp_path / "app" / "config")[0].worker_name == "Priya"
    assert label(d, "name") == "Your name: Priya" and "you are Priya" in words(d.top)
    door = begin_to_door(d)
    assert door.run.session.state.player_name == "Priya"
    assert "Hello, Priya." in shown_text(door)
    d.app.close()


def test_saved_name_is_used_after_a_restart(tmp_path: Path, mini_case: Path):
    """A name kept in the settings is offered on the prebrief and used when the window is opened again."""
    d = Driver(make_app(tmp_path / "app", mini_case, settings=Settings(worker_name="Priya")))
    to_prebrief(d)
    assert label(d, "name") == "Your name: Priya"
    assert "Hello, Priya." in shown_text(begin_to_door(d))
    d.app.close()


def test_editing_keys_work_at_the_caret(tmp_path: Path):
    """Backspace, Delete, Left, Right, Home and End edit the name where the caret is."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    open_entry(d)
    post_text(d.app, "Pria")
    press(d, pygame.K_LEFT)
    post_text(d.app, "y")  # Priya
    press(d, pygame.K_HOME)
    post_text(d.app, "Dr ")
    press(d, pygame.K_END, pygame.K_BACKSPACE)  # Dr Priy
    press(d, pygame.K_HOME, pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_DELETE)  # DrPriy
    assert (d.top.edit.text, d.top.edit.caret) == ("DrPriy", 2)
    press(d, pygame.K_BACKSPACE, pygame.K_LEFT, pygame.K_LEFT, pygame.K_RIGHT)
    assert (d.top.edit.text, d.top.edit.caret) == ("DPriy", 1)
    d.key(pygame.K_RETURN)
    assert d.app.settings.worker_name == "DPriy"
    d.app.close()


def test_escape_cancels_and_keeps_the_old_name(tmp_path: Path):
    """Esc closes the card without saving what was typed; the prebrief keeps the name it had."""
    d = Driver(make_app(tmp_path, EXAMPLE, settings=Settings(worker_name="Priya")))
    open_entry(d)
    assert d.top.edit.text == "Priya"  # the saved name is there to edit
    post_text(d.app, " Shah")
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "prebrief"
    assert d.app.settings.worker_name == "Priya"
    assert label(d, "name") == "Your name: Priya"
    assert load_settings(tmp_path / "config")[0].worker_name == "Priya"
    d.app.close()


def test_cancel_button_is_reached_by_tab_and_keeps_the_old_name(tmp_path: Path):
    """Tab goes from the box round the buttons; Enter on Cancel saves nothing, and letters typed there go nowhere."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    open_entry(d)
    post_text(d.app, "Ann")
    order = []
    for _ in range(4):
        d.key(pygame.K_TAB)
        order.append(None if d.top.in_box else d.focused_key())
    assert order == ["save", "default", "cancel", None]
    d.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    assert d.focused_key() == "cancel" and not d.top.in_box
    post_text(d.app, "x")
    assert d.top.edit.text == "Ann"
    d.key(pygame.K_RETURN)
    assert d.top.name == "prebrief" and d.app.settings.worker_name == ""
    d.app.close()


def test_empty_name_falls_back_to_the_scenarios_own(tmp_path: Path, mini_case: Path):
    """Clearing the box and saving goes back to the scenario's name, on the prebrief and in the dialogue."""
    d = Driver(make_app(tmp_path / "app", mini_case, settings=Settings(worker_name="Priya")))
    open_entry(d)
    press(d, *[pygame.K_BACKSPACE] * len("Priya"))
    post_text(d.app, "   ")  # only spaces is no name at all
    d.key(pygame.K_RETURN)
    assert d.top.name == "prebrief" and d.app.settings.worker_name == ""
    assert label(d, "name") == "Your name: Sam"
    door = begin_to_door(d)
    assert door.run.session.state.player_name is None
    assert "Hello, Sam." in shown_text(door)
    d.app.close()


def test_use_default_button_clears_the_saved_name(tmp_path: Path):
    """A click on "Use Sam" forgets the saved name and closes the card."""
    d = Driver(make_app(tmp_path, EXAMPLE, settings=Settings(worker_name="Priya")))
    open_entry(d)
    button = next(b for b in d.top.group.buttons if b.key == "default")
    assert button.label == "Use Sam"
    d.click(button.rect.center)
    assert d.top.name == "prebrief" and d.app.settings.worker_name == ""
    assert label(d, "name") == "Your name: Sam"
    d.app.close()


def test_a_click_in_the_box_puts_the_caret_there(tmp_path: Path):
    """Clicking inside the box returns the keyboard to it, with the caret at the nearest letter."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    open_entry(d)
    post_text(d.app, "Priya")
    d.key(pygame.K_TAB)
    assert not d.top.in_box
    d.click((d.top.inner.x + 1, d.top.box.centery))
    assert d.top.in_box and d.top.edit.caret == 0
    d.click((d.top.inner.right - 1, d.top.box.centery))
    assert d.top.edit.caret == len("Priya")
    d.app.close()


def test_name_is_cut_at_the_limit(tmp_path: Path):
    """Typing past the limit keeps the first 40 characters, which is what is saved."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    open_entry(d)
    post_text(d.app, "abcdefghij" * 5)
    assert len(d.top.edit.text) == NAME_LIMIT
    d.key(pygame.K_RETURN)
    assert d.app.settings.worker_name == ("abcdefghij" * 5)[:NAME_LIMIT]
    d.app.close()


def test_command_line_name_wins_over_the_saved_one(tmp_path: Path, mini_case: Path):
    """With --name the prebrief and the playthrough use it, and the card says why a saved name is not in use now."""
    d = Driver(make_app(tmp_path / "app", mini_case, settings=Settings(worker_name="Priya"), name="Alex"))
    to_prebrief(d)
    assert label(d, "name") == "Your name: Alex"
    assert d.tab_to("name")
    d.key(pygame.K_RETURN)
    assert "--name Alex" in " ".join(r.text for p in d.top._paras for r in p.spans)
    d.key(pygame.K_ESCAPE)
    assert "Hello, Alex." in shown_text(begin_to_door(d))
    d.app.close()


@pytest.mark.parametrize(
    ("size", "settings"),
    [
        ((1024, 600), Settings(text_size=3)),
        ((1024, 600), Settings(text_size=3, high_contrast=True)),
        ((800, 480), Settings(text_size=3)),
        ((1280, 720), Settings()),
    ],
    ids=["1024x600-largest", "1024x600-largest-contrast", "800x480-largest", "1280x720"],
)
def test_no_text_leaves_its_box_with_the_longest_name(tmp_path: Path, size, settings):
    """The card, a 40-character name of wide letters, the caret and the prebrief showing that name all stay inside their boxes."""
    log = Overflow()
    d = Driver(make_app(tmp_path, EXAMPLE, size=size, settings=settings, text_log=log))
    open_entry(d)
    log.check(d.app)
    window = pygame.Rect((0, 0), size)
    scene = d.top
    assert window.contains(scene.card)
    assert all(scene.card.contains(b.rect) for b in scene.group.buttons)
    post_text(d.app, "W" * NAME_LIMIT)
    log.check(d.app)
    first, end = scene.shown()
    assert first > 0 and end == NAME_LIMIT  # the name slid left to keep the caret, at its end, in view
    press(d, pygame.K_HOME)
    log.check(d.app)
    assert scene.shown()[0] == 0
    d.key(pygame.K_RETURN)
    d.app.dirty = True
    d.step()
    log.check(d.app)
    assert d.top.name == "prebrief" and label(d, "name") in d.top.name_labels()
    assert len({b.rect.y for b in d.top.group.buttons}) == 1  # the label gave way before the buttons took a second row
    for _ in range(len(d.top.pages)):
        d.key(pygame.K_PAGEDOWN)
        log.check(d.app)
    assert log.problems == []
    assert {"name-entry", "prebrief"} <= log.screens
    d.app.close()
