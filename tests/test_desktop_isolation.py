"""The test desktop (tests/desktop.py) keeps its accessibility bus to itself, so suites run at once never meet on it.

at-spi-bus-launcher puts the accessibility bus's socket in the runtime
folder it is given, or in ~/.cache/at-spi/bus: one path for every test
desktop on the machine. Two suites at once (a train and a developer) took
the path from each other, and the first to stop deleted it, so the other's
windows and readers found no bus, or the wrong one.
"""

from __future__ import annotations

import pytest
from desktop import desktop

pytestmark = pytest.mark.slow


def test_two_desktops_at_once_have_their_own_accessibility_buses_and_one_stopping_leaves_the_other_working():
    """Each desktop's accessibility bus is its own; when one stops, a reader starting on the other still reaches its registry."""
    with desktop() as first:
        with desktop() as second:
            mine, theirs = first.a11y_bus(), second.a11y_bus()
            assert mine.split(",")[0] != theirs.split(",")[0], (mine, theirs)
        said = first.read("ready", "10", timeout=60)
        assert said.get("ready"), said
        assert first.a11y_bus() == mine
