"""How far a long command has got: `analyze` on a giant case says on a terminal how many playthroughs are done."""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES

from simulator.analysis import spread as spread_module
from simulator.analysis.spread import can_fork, spread
from simulator.cli_common import Progress
from simulator.scenario import load_scenario


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def adult():
    result = load_scenario(FIXTURES / "adult")
    assert result.ok
    return result.scenario


def test_progress_shows_after_a_delay_in_place_and_is_wiped():
    out, clock = Terminal(), Clock()
    shown = Progress("random play", "playthroughs", out, clock)
    shown(10, 200)
    assert out.getvalue() == ""  # a real case is done before anything is said
    clock.now += Progress.DELAY_S
    shown(120, 200)
    shown(121, 200)  # within a tenth of a second: not redrawn
    clock.now += 0.2
    shown(1500, 2000)
    shown.close()
    assert out.getvalue().split("\r") == ["", "doorstep: random play, 120 of 200 playthroughs", "doorstep: random play, 1,500 of 2,000 playthroughs", " " * 50, ""]


def test_progress_says_nothing_off_a_terminal():
    out, clock = io.StringIO(), Clock()
    shown = Progress("random play", "playthroughs", out, clock)
    clock.now += 60
    shown(5, 10)
    shown.close()
    assert out.getvalue() == ""


def test_spread_tells_progress_of_each_playthrough_and_is_unchanged_by_it(adult):
    told: list[tuple[int, int]] = []
    assert spread(adult, 30, workers=1, progress=lambda done, total: told.append((done, total))) == spread(adult, 30, workers=1)
    assert told == [(i, 30) for i in range(30)]


@pytest.mark.skipif(not can_fork(), reason="forked workers are not safe in this process")
def test_long_playthroughs_are_shared_among_workers_even_when_few(adult, monkeypatch: pytest.MonkeyPatch):
    """Few playthroughs of a giant case are shared too (the work is playthroughs times nodes), with the same result."""
    monkeypatch.setattr(spread_module, "PARALLEL_WORK", 40 * len(adult.nodes))
    told: list[tuple[int, int]] = []
    shared = spread(adult, 40, workers=2, progress=lambda done, total: told.append((done, total)))
    assert told == [(10, 40), (20, 40), (30, 40), (40, 40)]  # a chunk at a time, from the workers
    assert shared == spread(adult, 40, workers=1)


def test_analyze_on_a_terminal_says_how_far_random_play_has_got(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    from simulator.cli import main

    monkeypatch.setattr(Progress, "DELAY_S", 0.0)  # as if the case were giant
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["analyze", str(FIXTURES / "adult"), "--spread", "5"]) == 0
    said = err.getvalue()
    assert "\rdoorstep: random play, 0 of 5 playthroughs" in said
    assert said.endswith("\r" + " " * len("doorstep: random play, 0 of 5 playthroughs") + "\r")  # wiped before the results
    assert "Random play: 5 playthroughs" in capsys.readouterr().out


def test_still_working_counts_seconds_in_place_then_wipes_and_leaves_no_thread():
    import threading
    import time

    from simulator.streams import still_working

    out = Terminal()
    with still_working("checking big", out, delay=0.05):
        time.sleep(1.3)
    said = out.getvalue().split("\r")
    assert said[:3] == ["", "doorstep: still checking big... 0 s", "doorstep: still checking big... 1 s"]
    assert said[-2:] == [" " * len("doorstep: still checking big... 1 s"), ""]
    assert not [t for t in threading.enumerate() if t.name == "still-working"]  # analyze forks only from a process with one thread


def test_still_working_says_nothing_off_a_terminal_or_on_a_quick_block():
    import time

    from simulator.streams import still_working

    out = io.StringIO()
    with still_working("checking big", out, delay=0.0):
        time.sleep(0.2)
    quick = Terminal()
    with still_working("checking big", quick):
        pass
    assert out.getvalue() == quick.getvalue() == ""


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_a_slow_first_check_is_told_on_a_terminal(command: str, monkeypatch: pytest.MonkeyPatch):
    import time

    from simulator import streams
    from simulator.authoring import validate
    from simulator.cli import main
    from simulator.scenario import loader

    real = loader.load_scenario

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.5)
        return real(*args, **kwargs)

    for name in ("simulator.scenario.loader", "simulator.scenario", "simulator.authoring.validate"):  # wherever it was imported from
        monkeypatch.setattr(f"{name}.load_scenario", slow)
    assert validate.load_scenario is slow
    monkeypatch.setattr(streams, "DELAY_S", 0.1)
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    main([command, str(FIXTURES / "adult"), *(["--spread", "1"] if command == "analyze" else [])])
    assert f"\rdoorstep: still checking {FIXTURES / 'adult'}... 0 s" in err.getvalue()
