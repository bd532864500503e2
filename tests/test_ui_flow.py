"""The flow's choices for a new playthrough: a fresh seed each time unless one was asked for, and whose name the worker has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.records.store import Store
from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.flow import FRESH_SEEDS, Flow, Options
from simulator.ui.flow.base import new_seed
from simulator.ui.play.scene import PlayScene

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


class _App:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.closing: list = []


def flow(options: Options, settings: Settings | None = None) -> Flow:
    return Flow(_App(settings or Settings()), catalog=None, store=None, options=options)  # type: ignore[arg-type]


def test_new_seed_is_fresh_without_seed_and_fixed_with_one():
    """With no --seed each new playthrough draws its own seed; --seed N gives N every time; auto play without one gives 0."""
    fresh = [new_seed(Options()) for _ in range(8)]
    assert len(set(fresh)) > 1 and all(0 <= s < FRESH_SEEDS for s in fresh)
    assert [new_seed(Options(seed=7)) for _ in range(3)] == [7, 7, 7]
    assert new_seed(Options(auto="random")) == 0
    assert new_seed(Options(auto="random", seed=5)) == 5


def test_player_name_prefers_the_command_line_then_the_setting():
    """--name wins, else the saved worker name, else None (the scenario's own)."""
    assert flow(Options(name="Alex"), Settings(worker_name="Priya")).player_name() == "Alex"
    assert flow(Options(), Settings(worker_name="Priya")).player_name() == "Priya"
    assert flow(Options(), Settings()).player_name() is None


def to_decision(d: Driver) -> PlayScene:
    assert d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 50)
    return d.top


def begin(d: Driver) -> PlayScene:
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    assert d.tab_to("begin")
    d.key(pygame.K_RETURN)
    return to_decision(d)


def stored_seeds(folder: Path) -> list[int]:
    store, _ = Store.open(folder / "data" / "records.sqlite3")
    try:
        return sorted(p.seed for p in store.playthroughs())
    finally:
        store.close()


@pytest.mark.ui
def test_each_new_playthrough_in_the_window_gets_its_own_seed(tmp_path: Path):
    """Without --seed, two new playthroughs in one window run on different seeds, each kept with its playthrough."""
    d = Driver(make_app(tmp_path, EXAMPLE, seed=None))
    seeds = []
    for _ in range(2):
        play = begin(d)
        seeds.append(play.run.session.state.seed)
        d.key(pygame.K_ESCAPE)
        assert d.tab_to("step-out")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
    d.app.close()
    assert seeds[0] != seeds[1]
    assert stored_seeds(tmp_path) == sorted(seeds)


@pytest.mark.ui
def test_seed_given_on_the_command_line_is_used_every_time(tmp_path: Path):
    """With --seed 7, every new playthrough in the window uses seed 7."""
    d = Driver(make_app(tmp_path, EXAMPLE, seed=7))
    seeds = []
    for _ in range(2):
        seeds.append(begin(d).run.session.state.seed)
        d.key(pygame.K_ESCAPE)
        assert d.tab_to("step-out")
        d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.app.close()
    assert seeds == [7, 7]
    assert stored_seeds(tmp_path) == [7, 7]


@pytest.mark.ui
def test_a_fresh_seed_resumes_exactly_after_a_crash(tmp_path: Path):
    """A playthrough on a fresh seed, dropped without closing, continues in a new window at the same state and option order."""
    first = Driver(make_app(tmp_path, EXAMPLE, seed=None))
    begin(first)
    first.key(pygame.K_2)
    play = to_decision(first)
    run = play.run
    before, offered = run.session.state.to_dict(), play.moment.choices
    run.flush()
    del first, play, run  # the power goes: no close

    second = Driver(make_app(tmp_path, EXAMPLE, seed=None))  # a new fresh seed would be drawn now: Continue must use the stored one
    assert second.top.name == "title" and second.focused_key() == "continue"
    second.key(pygame.K_RETURN)
    resumed = to_decision(second)
    assert resumed.run.session.state.to_dict() == before
    assert resumed.moment.choices == offered
    second.app.close()
