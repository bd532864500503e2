"""The whole case through the window, by keyboard alone, with posted key events."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.records.store import Store
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
NUMBER = {n: getattr(pygame, f"K_{n}") for n in range(1, 10)}


@pytest.fixture
def driver(tmp_path: Path):
    app = make_app(tmp_path, EXAMPLE)
    yield Driver(app)
    app.close()


def start_new(d: Driver) -> None:
    """From the title: New playthrough, start the case, page through the prebrief, Begin."""
    assert d.top.name == "title"
    assert d.tab_to("new")
    d.key(pygame.K_RETURN)
    assert d.top.name == "picker"
    assert d.focused_key() == "start"
    d.key(pygame.K_RETURN)
    assert d.top.name == "prebrief"
    assert d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), limit=20)


def play_to_debrief(d: Driver, pick, by_arrows: bool = False, limit: int = 400) -> list[str]:
    """Answer every screen with Enter and every decision with ``pick(offered choices)`` (an index); returns the ids chosen."""
    chosen: list[str] = []
    for _ in range(limit):
        top = d.top
        if top.name == "debrief":
            return chosen
        if top.name == "play" and top.stages[top.index][0] == "choose":
            ids = [cid for cid, _ in top.moment.choices]
            index = pick(top.run.session.choices)
            chosen.append(ids[index])
            if by_arrows:
                d.key(pygame.K_TAB)
                for _ in range(index):
                    d.key(pygame.K_DOWN)
                assert d.focused_key() == ids[index]
                d.key(pygame.K_RETURN)
            else:
                d.key(NUMBER[index + 1])
        else:
            d.key(pygame.K_RETURN)
    raise AssertionError(f"no debrief after {limit} key presses; stuck at {d.top.name}")


def on_path(path: str):
    """Pick the first offered option on this path (else the first offered), as the canonical paths do."""

    def pick(choices) -> int:
        return next((i for i, c in enumerate(choices) if c.path == path), 0)

    return pick


def test_keyboard_only_playthrough_reaches_the_debrief_and_is_saved(driver: Driver, tmp_path: Path):
    """Number keys and Enter alone play the example from the title to the debrief, and the store holds the finished record."""
    start_new(driver)
    chosen = play_to_debrief(driver, on_path("enabler"))
    run = driver.top.run
    assert run.session.finished
    assert chosen == [s.choice for s in run.session.state.steps if s.choice is not None]
    assert run.session.ending.kind == "enabler"
    run.flush()  # the saver thread commits a moment after the action
    store, _ = Store.open(tmp_path / "data" / "records.sqlite3")
    with store:
        [saved] = store.playthroughs()
        assert saved.finished
        record = store.record(saved.id)
        assert record is not None and record["ending"] == run.session.state.node
        assert store.actions(saved.id) == [s.choice for s in run.session.state.steps]


def test_tab_arrows_and_enter_play_the_barrier_path(driver: Driver):
    """Tab to focus, Down to move, Enter to choose: the barrier option each time leads to the barrier ending."""
    start_new(driver)
    play_to_debrief(driver, on_path("barrier"), by_arrows=True)
    assert driver.top.run.session.ending.kind == "barrier"


def test_enter_alone_never_picks_an_option(driver: Driver):
    """At a decision, Enter with no option focused does nothing, so an extra Enter never chooses for you."""
    start_new(driver)
    assert driver.until(lambda: driver.top.name == "play" and driver.top.stages[driver.top.index][0] == "choose", lambda: driver.key(pygame.K_RETURN), 50)
    node = driver.top.moment.node
    driver.key(pygame.K_RETURN)
    assert driver.top.name == "play" and driver.top.moment.node == node
    assert driver.top.run.session.state.steps == []


def test_debrief_returns_to_a_title_without_continue(driver: Driver):
    """From the debrief, Back to the title goes home, and a finished case is not offered to continue."""
    start_new(driver)
    play_to_debrief(driver, on_path("enabler"))
    assert driver.tab_to("home")
    driver.key(pygame.K_RETURN)
    assert driver.top.name == "title"
    assert driver.top.resumable is None
    assert driver.top.group.buttons[0].key == "new"


def test_mouse_clicks_play_too(driver: Driver):
    """Clicking the buttons works as well as the keys: a click on an option chooses it."""
    start_new(driver)
    assert driver.until(lambda: driver.top.name == "play" and driver.top.stages[driver.top.index][0] == "choose", lambda: driver.key(pygame.K_RETURN), 50)
    second = driver.top.group.buttons[1]
    play = driver.top
    driver.click(second.rect.center)
    assert play.run.session.state.steps[-1].choice == second.key
