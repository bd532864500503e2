"""Upstream pygame is refused with a one-line fix, before any window opens."""

from __future__ import annotations

import sys
import types

from simulator.cli import main
from simulator.ui.compat import pygame_problem


def test_pygame_ce_is_accepted():
    """With pygame-ce installed there is nothing to report."""
    assert pygame_problem() is None


def test_upstream_pygame_is_refused_with_the_fix(monkeypatch, capsys):
    """A `pygame` without pygame-ce's IS_CE marker stops `doorstep play` with exit 1 and one line saying how to fix it."""
    monkeypatch.setitem(sys.modules, "pygame", types.ModuleType("pygame"))
    problem = pygame_problem()
    assert problem is not None and "pygame-ce" in problem and "pip uninstall -y pygame" in problem
    assert main(["play", "docs/examples/small-visit"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "upstream pygame" in err
