"""The first screens of watch and play come up drawn ahead too: the card of the episode the list's focus is on, the code play needs.

The watch tour makes and draws every card after the first while the screen
before is watched (flow/tour.py ``_prepare``); the first card, opened from the
episode list, is made for the episode the focus is on while the list is read
(``card_ahead``), again whenever the focus moves. Each is compared with the
same card drawn afresh, pixel for pixel.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead_cards import HARRIS, press, reading
from test_ui_ahead_pictures import fresh

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui


def to_the_list(tmp_path: Path, size: tuple[int, int], settings: Settings | None = None) -> Driver:
    d = Driver(make_app(tmp_path, HARRIS, size=size, settings=settings))
    assert d.tab_to("watch")
    press(d, pygame.K_RETURN)
    assert d.top.name == "watch-episodes"
    return d


@pytest.mark.parametrize(("size", "settings"), [((1920, 1080), None), ((1024, 600), Settings(text_size=3, high_contrast=True))])
def test_the_first_card_from_the_episode_list_opens_as_drawn_while_the_list_was_read(tmp_path: Path, size: tuple[int, int], settings: Settings | None):
    """Enter on the episode in focus opens its card made and drawn while the list was read, equal to the card drawn afresh."""
    d = to_the_list(tmp_path, size, settings)
    tour = d.top.tour
    reading(d)
    ready = tour._ready[1] if tour._ready is not None else None
    assert ready is not None, "the focused episode's card should be made while the list is read"
    press(d, pygame.K_RETURN)
    card = d.top
    assert card.name == "watch-intro" and card is ready
    assert card._picture is not None and card._picture[0] == card._card_key(), "it should open from its picture drawn ahead"
    assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB")
    d.app.close()


def test_moving_the_focus_on_the_list_makes_that_episodes_card_instead(tmp_path: Path):
    """The focus moved to the third episode: its card is the one made, and choosing it opens that card, not the first's."""
    d = to_the_list(tmp_path, (1920, 1080))
    tour = d.top.tour
    reading(d)
    first = tour._ready[1]
    press(d, pygame.K_RIGHT)
    press(d, pygame.K_RIGHT)
    reading(d)
    third = tour._ready[1]
    assert third is not first and tour.reels.episodes[2].episode.title in third.heading
    press(d, pygame.K_RETURN)
    assert d.top is third and tour.index == 2
    assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB")
    d.app.close()


def test_a_card_made_for_the_list_is_not_shown_for_another_layout(tmp_path: Path):
    """A card made for side by side is not shown after the layout is switched on the list: the card shown is made for the layout chosen."""
    d = to_the_list(tmp_path, (1920, 1080))
    tour = d.top.tour
    reading(d)
    made = tour._ready[1]
    tour.toggle_layout()
    reading(d)
    d.app.run_task()
    tour.begin(0)
    assert d.top is not made and d.top.name == "watch-intro"
    assert tour.parts()[1][0] == "play" and len(tour.parts()) == 5  # one version after the other
    d.app.close()


def test_the_file_watcher_play_starts_is_imported_while_the_prebrief_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The module play looks at the case's files with is imported in the waiting work while the prebrief is read, not in the frame that starts play."""
    import importlib

    asked: list[tuple[str, str]] = []
    real = importlib.import_module
    d = Driver(make_app(tmp_path, HARRIS, size=(1280, 720)))
    monkeypatch.setattr(importlib, "import_module", lambda name, *a: (asked.append((name, d.top.name)), real(name, *a))[1])
    assert d.tab_to("new")
    assert d.until(lambda: d.top.name == "prebrief", lambda: press(d, pygame.K_RETURN), 5)
    reading(d)
    assert ("simulator.authoring.watch", "prebrief") in asked
    d.app.close()


def turned_from_picture(d: Driver, key: int) -> bool:
    """Press ``key`` after the loop's waiting work; True if the card then showed its picture drawn ahead (and it equals the card drawn afresh)."""
    reading(d)
    press(d, key)
    card = d.top
    assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB"), f"after key {key} the card differs from it drawn afresh"
    return card._picture is not None and card._picture[0] == card._card_key()


@pytest.mark.parametrize(("size", "settings"), [((1920, 1080), None), ((1024, 600), Settings(text_size=3, high_contrast=True))])
def test_the_prebriefs_next_page_is_drawn_while_a_page_is_read(tmp_path: Path, size: tuple[int, int], settings: Settings | None):
    """Page Down on the prebrief shows the card with its next page drawn while the page before was read, pixel for pixel the card drawn afresh; also after Page Up, and after the focus moved."""
    d = Driver(make_app(tmp_path, HARRIS, size=size, settings=settings))
    assert d.tab_to("new")
    assert d.until(lambda: d.top.name == "prebrief", lambda: press(d, pygame.K_RETURN), 5)
    doc = d.top
    assert len(doc.pages) > 2
    assert turned_from_picture(d, pygame.K_PAGEDOWN)
    assert not turned_from_picture(d, pygame.K_PAGEUP)  # (page 1 again: drawn afresh)
    assert turned_from_picture(d, pygame.K_PAGEDOWN)
    press(d, pygame.K_TAB)  # the focus moves: the next page is drawn again with the focus where it is now
    assert turned_from_picture(d, pygame.K_PAGEDOWN)
    assert doc.page == 2
    d.app.close()


def test_a_feedback_cards_next_page_is_drawn_while_its_first_is_read(tmp_path: Path):
    """At 1024x600 with the largest text and high contrast: a feedback card's second page comes up as the picture drawn while the first was read."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1024, 600), settings=Settings(text_size=3, high_contrast=True)))
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)
    turned = 0
    for _ in range(300):
        top = d.top
        if top.name in ("ending", "debrief") or turned >= 2:
            break
        reading(d)
        if top.name == "feedback" and len(top.pages) > 1:
            assert turned_from_picture(d, pygame.K_PAGEDOWN)
            turned += 1
            press(d, pygame.K_RETURN)
            continue
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        press(d, pygame.K_1 if choosing else pygame.K_RETURN)
    assert turned >= 2
    d.app.close()


@pytest.mark.parametrize(("size", "settings"), [((1920, 1080), None), ((1024, 600), Settings(text_size=3, high_contrast=True))])
def test_a_watch_versions_first_frame_is_drawn_while_its_card_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], settings: Settings | None):
    """From the episode's card, Enter shows the versions' first frame drawn while the card was read (nothing painted in that frame), equal to them drawn whole; the beats after it draw as before."""
    from test_ui_dirty import Screen

    from simulator.ui.watch.scene import WatchScene

    screen = Screen(monkeypatch)
    painted: list[pygame.Rect] = []
    real = WatchScene._paint
    monkeypatch.setattr(WatchScene, "_paint", lambda self, surface, rect: (painted.append(rect), real(self, surface, rect))[1])
    d = to_the_list(tmp_path, size, settings)
    press(d, pygame.K_RETURN)
    assert d.top.name == "watch-intro"
    for _ in range(4):  # (the card may have pages to read first)
        reading(d)
        painted.clear()
        press(d, pygame.K_PAGEDOWN)
        if d.top.name != "watch-intro":
            break
    watch = d.top
    assert isinstance(watch, WatchScene)
    assert painted == [], "the first frame should be the picture drawn while the card was read"
    whole = pygame.Surface(d.app.surface.get_size()).convert(d.app.surface)
    watch.draw(whole)
    assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(whole, "RGB")
    for _ in range(4):
        reading(d)
        press(d, pygame.K_PAGEDOWN)
        if d.top is not watch:
            break
        screen.check(d, "a beat after the first frame drawn ahead")
    d.app.close()
