"""SIGTERM and SIGHUP stop play, watch and workshop as Ctrl-C does, and only while they run: the handlers from before come back."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from simulator.cli import main
from simulator.services.stopping import stopped_by_signals

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


class Stop(Exception):
    pass


def before(signum: int, frame: object) -> None:
    """A handler the process had before a command ran (as a test runner or a forking pool may have)."""


@pytest.fixture
def handlers():
    """SIGTERM and SIGHUP handled by :func:`before` for the test, and the runner's own handlers put back after it."""
    saved = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGHUP)}
    for n in saved:
        signal.signal(n, before)
    yield
    for n, h in saved.items():
        signal.signal(n, h)


def test_a_signal_in_the_block_raises_the_stop_and_the_old_handlers_return_after_it(handlers):
    """Inside the block SIGTERM and SIGHUP raise the given exception; after it (left normally or by that exception) both are handled as before."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        with pytest.raises(Stop), stopped_by_signals(Stop):
            assert signal.getsignal(number) is not before
            os.kill(os.getpid(), number)
        assert signal.getsignal(signal.SIGTERM) is before and signal.getsignal(signal.SIGHUP) is before
    with stopped_by_signals(Stop):
        pass
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.ui
@pytest.mark.parametrize(
    "argv",
    [
        ["play", str(EXAMPLE), "--auto", "enabler", "--speed", "0"],
        ["watch", str(EXAMPLE), "--episode", "doorstep", "--auto-advance", "--speed", "0"],
    ],
    ids=["play", "watch"],
)
def test_play_and_watch_run_in_process_leave_the_signal_handlers_as_they_found_them(tmp_path: Path, monkeypatch, handlers, argv: list[str]):
    """After `doorstep play --auto` or `watch --auto-advance` returns inside a process, SIGTERM and SIGHUP are handled as before (a pool forked later must not inherit a handler that raises)."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DOORSTEP_SCENARIOS", str(tmp_path / "none"))
    assert main(argv) == 0
    assert signal.getsignal(signal.SIGTERM) is before
    assert signal.getsignal(signal.SIGHUP) is before
