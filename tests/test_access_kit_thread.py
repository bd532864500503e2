"""The bridge and AccessKit's own thread: the loop never waits on AccessKit's lock while AccessKit waits on the GIL.

AccessKit's Unix adapter (accesskit 0.7, accesskit_unix 0.17) asks for the
first tree on a thread of its own while holding the adapter's lock, and
needs the GIL to call Python; every adapter method the loop calls takes that
lock while the loop holds the GIL. A loop that called one at that moment
hung the window for ever, never on the bus: the AT-SPI tests' flake (about
one suite run in six under load). The bridge now keeps its calls until the
adapter has taken a tree, then catches the adapter up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from desktop import desktop

from simulator.ui.kit.access_kit import Bridge
from simulator.ui.kit.access_tree import ROOT, Node, Tree

TESTS = Path(__file__).resolve().parent


class _ThreadedAdapter:
    """AccessKit's Unix adapter as the bridge sees it: every call noted; ``take`` is its thread taking the first tree."""

    def __init__(self, activated: Any, _action: Any, deactivated: Any) -> None:
        self.activated, self.deactivated = activated, deactivated
        self.calls: list[tuple[str, Any]] = []

    def take(self) -> Any:
        return self.activated()

    def update_if_active(self, make: Any) -> None:
        self.calls.append(("update", make()))

    def update_window_focus_state(self, focused: bool) -> None:
        self.calls.append(("focus", focused))

    def set_root_window_bounds(self, outer: Any, _inner: Any) -> None:
        self.calls.append(("bounds", (outer.x0, outer.y0, outer.x1, outer.y1)))


def _tree(*labels: str) -> Tree:
    buttons = tuple(Node(f"s1:{i}", "button", label, focusable=True) for i, label in enumerate(labels))
    return Tree(Node(ROOT, "window", "Doorstep", children=(Node("s1", "screen", "Title", children=buttons),)), focus="s1:0")


def _labels(update: Any) -> list[str]:
    return sorted(node.label for _, node in update.nodes if node.label)


def test_nothing_reaches_a_threaded_adapter_before_it_takes_the_tree_and_then_it_is_caught_up_once():
    """Before AT-SPI takes the tree the loop only keeps focus, place and screen; the tree taken is the newest; then focus and place follow, once."""
    bridge = Bridge(_ThreadedAdapter, threaded=True, carry_in_focus=False)
    adapter: _ThreadedAdapter = bridge.adapter
    bridge.window_focused(True)
    bridge.window_bounds((10, 20), (800, 600))
    bridge.update(_tree("Old"))
    bridge.update(_tree("New playthrough", "Quit"))
    assert adapter.calls == []  # what deadlocked: a call while AccessKit's thread could be taking the tree
    assert bridge.sync()  # nobody listening: nothing to wait for
    first = adapter.take()
    assert _labels(first) == ["Doorstep", "New playthrough", "Quit", "Title"]
    assert bridge.active and adapter.calls == []
    assert bridge.sync()
    assert [c[0] for c in adapter.calls] == ["focus", "bounds", "update"]
    assert adapter.calls[0] == ("focus", True) and adapter.calls[1] == ("bounds", (10.0, 20.0, 810.0, 620.0))
    bridge.update(_tree("New playthrough", "Settings"))
    assert [c[0] for c in adapter.calls] == ["focus", "bounds", "update", "update"]  # caught up once, then as ever
    adapter.deactivated()
    bridge.window_focused(False)
    bridge.update(_tree("Gone"))
    assert len(adapter.calls) == 4 and not bridge.active  # the screen reader gone: kept, not told
    adapter.take()  # a screen reader switched on again
    bridge.update(_tree("Back"))
    assert adapter.calls[4] == ("focus", False) and _labels(adapter.calls[-1][1]) == ["Back", "Doorstep", "Title"]


def test_windows_and_macos_adapters_are_told_at_once():
    """UIA and NSAccessibility call back on the window's own thread: the bridge tells them everything as it happens, as before."""
    bridge = Bridge(_ThreadedAdapter, threaded=False, carry_in_focus=False)
    bridge.window_focused(True)
    bridge.update(_tree("New playthrough"))
    assert [c[0] for c in bridge.adapter.calls] == ["focus", "update"]


@pytest.mark.slow
def test_a_loop_calling_accesskit_while_at_spi_takes_it_up_never_hangs_and_is_read():
    """The real Unix adapter on a real AT-SPI bus, its loop calling it without pause as it connects: it connects, five times in five, and is read."""
    with desktop() as d:
        for attempt in range(5):
            proc = d.start([sys.executable, str(TESTS / "access_kit_busy.py"), "1.5"], PYGAME_HIDE_SUPPORT_PROMPT="1")
            assert proc.stdout is not None
            said = proc.stdout.readline().decode()
            if not said.startswith("connected"):
                out = d.stop(proc)
                pytest.fail(f"attempt {attempt + 1}: the bridge hung with AccessKit's thread:\n{said}{out[-4000:]}")
            tree = d.read("tree", "20")
            d.stop(proc)
            assert tree.get("name") == "Doorstep", tree
            buttons = [n for n in tree["children"][0]["children"] if n["role"] == "push button"]
            assert [b["name"] for b in buttons] == ["New playthrough"] and "focused" in buttons[0]["states"], tree
