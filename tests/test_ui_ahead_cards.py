"""Cards and screens got ready while the one before is read: opening them lays out no words anew.

The prebrief is laid out while the case list is read, a new episode's card
while the episode's last page is read (flow/shell.py, flow/play.py), and the
pages they make are remembered (kit/paging.py), so the frame that opens them
paginates nothing. Work done ahead that shows nothing new (a page drawn ahead,
the window dimmed ahead) never makes the loop draw again by itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.ui.driver import Driver, make_app
from simulator.ui.kit import paging

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


def reading(d: Driver) -> None:
    for _ in range(5):
        while d.app.run_task():
            pass
        d.settle()


class Laid:
    """Counts the paragraphs laid out into pages afresh (not found among the pages remembered)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = paging._paginate

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(paging, "_paginate", counting)


def press(d: Driver, key: int) -> None:
    d.app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)], dt=0.0)


def test_the_prebrief_and_a_new_episodes_card_open_with_their_words_laid_out_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """At 1920x1080: choosing the case opens a prebrief laid out while the list was read; continuing from an episode's last page opens its next card laid out while the page was read."""
    laid = Laid(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("new")
    press(d, pygame.K_RETURN)
    assert d.top.name == "picker"
    reading(d)
    assert d.tab_to("start")
    reading(d)
    before = laid.count
    press(d, pygame.K_RETURN)
    assert d.top.name == "prebrief"
    assert laid.count == before, "the prebrief should have been laid out while the list was read"
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)
    cards = 0
    for _ in range(400):
        top = d.top
        if top.name in ("ending", "debrief") or cards >= 2:
            break
        reading(d)
        if top.name == "play" and top.stages[top.index][0] == "choose":
            press(d, pygame.K_1)
            continue
        episode = top.run.session.state.episode if top.name == "play" else None
        last = top.name == "play" and top.index == len(top.stages) - 1
        before = laid.count
        press(d, pygame.K_RETURN)
        if last and d.top.name == "transition" and d.top is not top and episode != d.app.stack[-2].run.session.state.episode:
            assert laid.count == before, "a new episode's card should have been laid out while the last page was read"
            cards += 1
        d.settle()
    assert cards >= 2
    d.app.close()


def test_work_done_ahead_never_draws_by_itself(tmp_path: Path):
    """A page drawn ahead and the window dimmed ahead change nothing on screen: running them leaves nothing to draw."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1280, 720)))
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name == "play" and d.top.index + 1 < len(d.top.stages), lambda: d.key(pygame.K_RETURN), 200)
    while d.app.run_task():
        pass
    d.app.step([], dt=0.0)
    play = d.top
    d.key(pygame.K_RETURN)  # a new page: the next one and the dimmed window are to be got ready
    assert d.app.tasks, "turning a page should leave the next page and the dimmed window to get ready"
    frames = d.app.frames
    while d.app.run_task():
        assert not d.app.dirty, "work done ahead should not ask for a frame"
    d.app.step([], dt=0.0)
    assert d.app.frames == frames
    assert play.ahead.page == (play._laid, play.index + 1) or play.index + 1 >= len(play.stages)
    assert d.app.dimmed.current(d.app._shown)
    d.app.close()


def test_a_new_playthrough_opens_on_its_first_moment_laid_out_while_the_prebrief_was_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Reading the prebrief lays out the case's first moment as a trial (never saved); starting takes it over, and the screen equals a whole redraw."""
    from test_ui_dirty import Screen

    from simulator.ui.play import ahead as ahead_module
    from simulator.ui.play import layout as layout_module
    from simulator.ui.play import scene as scene_module

    taken: list[object] = []
    real = ahead_module.adopt

    def adopt(scene, shell):  # type: ignore[no-untyped-def]
        done = real(scene, shell)
        if done:
            taken.append(shell)
        return done

    for module in (scene_module, layout_module):  # a new moment (refresh), a new playthrough's first layout
        monkeypatch.setattr(module, "adopt", adopt)
    screen = Screen(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("new")
    press(d, pygame.K_RETURN)
    assert d.tab_to("start")
    press(d, pygame.K_RETURN)
    assert d.top.name == "prebrief"
    reading(d)
    first = d.app.flow._first if hasattr(d.app, "flow") else None
    laid = Laid(monkeypatch)
    for _ in range(30):
        if d.top.name != "prebrief":
            break
        d.key(pygame.K_RETURN)
    assert d.top.name == "transition"
    play = d.app.stack[-2]
    assert play.name == "play" and taken and taken[0] is not play, "the first moment laid out ahead should have been taken over"
    assert first is None or taken[0] is first
    assert laid.count == 0, "the first card and moment should open with their words laid out ahead"
    assert play.run.pid is not None or play.run.store is None  # the real playthrough, not the trial, is the one saved
    while d.top.name == "transition":
        for _ in range(90):
            if d.top.settled():
                break
            d.app.run_task()  # the loop's waiting work, between passes, while the card is up
            d.app.step([], dt=1 / 60)
        reading(d)
        first_page = play.ahead.page
        d.key(pygame.K_RETURN)
    assert first_page == (play._laid, 0), "the first page drawn ahead should still be there when the card closes (not the second)"
    assert play.ahead.page != first_page, "and it should be what the first frame of the moment showed"
    screen.check(d, "the first moment, shown from the layout made ahead")
    d.app.close()


def test_both_watch_panes_open_on_first_beats_drawn_while_the_card_was_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Watch side by side at 1920x1080: while an episode's card is read, each pane's first beat is drawn (after its pictures arrive); the versions then open on them, pixel for pixel a whole redraw."""
    from test_ui_ahead import watch_ahead_used
    from test_ui_dirty import Screen

    screen = Screen(monkeypatch)
    taken = watch_ahead_used(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("watch")
    for _ in range(6):
        if d.top.name == "watch-side-by-side":
            break
        reading(d)
        taken.update(beats=0, stills=0)
        d.key(pygame.K_RETURN)
    assert d.top.name == "watch-side-by-side"
    assert taken == {"beats": 2, "stills": 2}, f"both panes should open on their first beat drawn ahead: {taken}"
    screen.check(d, "the versions' first beats")
    d.app.close()


def test_turning_a_documents_page_sends_only_its_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The prebrief at 1920x1080: the next page's words are rendered while a page is read; a page turned or the focus moved redraws and sends only the card, and the screen equals a whole redraw."""
    from test_ui_dirty import Screen

    screen = Screen(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("new")
    press(d, pygame.K_RETURN)
    assert d.tab_to("start")
    press(d, pygame.K_RETURN)
    doc = d.top
    assert doc.name == "prebrief" and len(doc.pages) > 1
    d.settle()
    cache = d.app.look.cache
    partial = 0
    for key in (pygame.K_PAGEDOWN, pygame.K_TAB, pygame.K_PAGEDOWN, pygame.K_PAGEUP):
        reading(d)
        known = len(cache._items)
        press(d, key)
        if key == pygame.K_PAGEDOWN:
            assert len(cache._items) == known, "the next page's words should have been rendered while this one was read"
        screen.check(d, f"the prebrief after key {key}")
        sent = d.app.updated
        if sent is not None:
            assert all(doc.card.inflate(80, 80).contains(r) for r in sent), f"only the card should be sent: {sent}"
            partial += 1
    assert partial >= 3
    d.app.close()
