"""The window's accessibility tree handed to the platform through AccessKit: UIA on Windows, NSAccessibility on
macOS, AT-SPI on Linux, so NVDA, Narrator, VoiceOver and Orca find the buttons, the words and the focus.

A thin layer over :mod:`access_tree`: each node becomes an AccessKit node
with an id that stays the same while its key does. AccessKit calls back on
a thread of its own (when a screen reader starts listening, or asks to
press or focus a button); those requests come back to the loop as
:data:`ACCESS_EVENT` events, so only the loop ever touches a screen.
Nothing here may stop the window: if the platform adapter cannot start,
the window plays on and says why once.

New words while the focus stays put (the next line of the conversation,
with Continue still focused) reach UIA and NSAccessibility as a polite live
region. AT-SPI's announcement signal is newer than the screen readers many
Linux desktops ship (Debian 12's Orca 43 ignores it, and said nothing from
a scene's second line on), so on AT-SPI the words go instead as the new
description of the focused node, which every Orca presents when it changes
(and which never doubles with an announcement on a newer Orca).
"""

from __future__ import annotations

import contextlib
import os
import platform
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:  # the tree's module comes in with the bridge, after the first frame (kit/access_hub.py)
    from simulator.ui.kit.access_tree import Node, Tree

def trace(what: str) -> None:
    """Note a step of the bridge's life in the file ``DOORSTEP_ACCESS_TRACE`` names, if it names one (for diagnosing a desktop).

    Opened, connected by a screen reader, disconnected: a window missing from
    the accessibility bus can then be told apart from a window that never
    offered itself to it. Never raises.
    """
    path = os.environ.get("DOORSTEP_ACCESS_TRACE")
    if path:
        try:
            with open(path, "a", encoding="utf-8") as out:
                out.write(f"{time.monotonic():.3f} {what}\n")
        except OSError:
            pass


#: Posted to the loop when a screen reader asks for something: ``action`` is "focus" or "click", ``key`` the node's key.
ACCESS_EVENT = pygame.event.custom_type()

TOOLKIT = "Doorstep (pygame-ce)"


class Bridge:
    """One window's AccessKit adapter, fed a new :class:`Tree` whenever the screen changes."""

    def __init__(
        self,
        adapter_factory: Callable[[Callable[[], Any], Callable[[Any], None], Callable[[], None]], Any] | None = None,
        *,
        carry_in_focus: bool | None = None,
        threaded: bool | None = None,
    ) -> None:
        import threading  # with the bridge, after the first frame: nothing before it needs a thread

        import accesskit

        from simulator.ui.kit.access_tree import ROOT

        self.ak: Any = accesskit
        self._root = ROOT
        self._ids: dict[str, int] = {ROOT: 1}
        self._keys: dict[int, str] = {1: ROOT}
        self._next = 2
        self._lock = threading.Lock()
        self.tree: Tree | None = None
        self.active = False
        self.problem: str | None = None  # what went wrong on AccessKit's thread, for the loop to say
        # AT-SPI: new words said while the focus stays are the focused node's new description, not a live region.
        self.carry_in_focus = platform.system() not in ("Windows", "Darwin") if carry_in_focus is None else carry_in_focus
        self._carried = ""  # the words the focused node carries now ("" when the focus moved since)
        # AT-SPI's adapter calls back from a thread of its own while holding its own lock (see _activated): the loop
        # touches it only between a tree taken and the screen reader gone, and keeps the window's state until then.
        self.threaded = platform.system() not in ("Windows", "Darwin") if threaded is None else threaded
        self._taken = False  # the adapter has taken a tree and let go of its lock (set last of all in _activated)
        self._taken_n = 0  # how many times it has (each time the loop brings it up to date once: _catch_up)
        self._caught_up = 0
        self._focused = False
        self._bounds: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.adapter: Any = (adapter_factory or platform_adapter)(self._activated, self._action, self._deactivated)

    # -- called by AccessKit, on its own thread (an exception there would end AccessKit's thread: none may escape) --
    def _activated(self) -> Any:
        """A screen reader is listening: the tree to start from (AT-SPI: on AccessKit's thread, its adapter lock held).

        AccessKit's Unix adapter calls this holding the lock every adapter method
        takes, and needs the GIL to call it; the loop holds the GIL whenever it
        calls an adapter method. Had the loop called one now it would wait for the
        lock while this waited for the GIL, and the window would hang for ever,
        never on the bus (the AT-SPI tests' flake: tests/test_access_kit_thread.py).
        So the loop does not touch a threaded adapter until ``_taken`` is set, and
        it is set last: nothing after it lets the GIL go before AccessKit has the
        tree and has let go of its lock (no call, no loop: CPython switches
        threads only there), so the loop can never see it too early.
        """
        self.active = True
        trace("a screen reader connected")
        update = self._first_update()
        if self.threaded:
            with contextlib.suppress(pygame.error):  # (no window, as in a test of the bridge alone: the next update catches up)
                pygame.event.post(pygame.event.Event(ACCESS_EVENT, action="connected", key=""))  # the loop catches up
        self._taken_n += 1
        self._taken = True  # the last thing before the return (see above)
        return update

    def _first_update(self) -> Any:
        try:
            from simulator.ui.kit.access_tree import Node, Tree

            return self._update(self.tree or Tree(Node(self._root, "window", "Doorstep")))
        except Exception as exc:
            self.problem = f"{type(exc).__name__}: {exc}"
            update = self.ak.TreeUpdate(1)
            update.tree = self.ak.Tree(1)
            update.nodes.append((1, self.ak.Node(self.ak.Role.WINDOW)))
            return update

    def _deactivated(self) -> None:
        self._taken = False  # (AccessKit has let go of its lock before it calls this)
        self.active = False
        trace("the screen reader disconnected")

    def _action(self, request: Any) -> None:
        try:
            kind = "focus" if request.action == self.ak.Action.FOCUS else "click" if request.action == self.ak.Action.CLICK else None
            with self._lock:
                key = self._keys.get(request.target)
            if kind is not None and key is not None:
                pygame.event.post(pygame.event.Event(ACCESS_EVENT, action=kind, key=key))
        except Exception as exc:
            self.problem = f"{type(exc).__name__}: {exc}"

    # -- called by the loop ----------------------------------------------------------------------
    def _touchable(self) -> bool:
        """Whether the loop may call the adapter now (always, but on AT-SPI only while a screen reader has the tree)."""
        if not self.threaded:
            return True
        if not self._taken:
            return False
        if self._caught_up != self._taken_n:
            self._caught_up = self._taken_n
            self._catch_up()
        return True

    def _catch_up(self) -> None:
        """What the window did before the screen reader took the tree: its focus, its place, a newer screen."""
        self.adapter.update_window_focus_state(self._focused)
        if self._bounds is not None:
            self._give_bounds(*self._bounds)
        tree = self.tree
        if tree is not None:
            self.adapter.update_if_active(lambda: self._update(tree))

    def sync(self) -> bool:
        """Bring a screen reader that has just taken the tree up to date; False while it is still taking it (ask again)."""
        if self.threaded and self.active and not self._taken:
            return False
        self._touchable()
        return True

    def update(self, tree: Tree) -> None:
        """Tell the screen reader what changed (AccessKit works out the events: focus moved, a live region spoke)."""
        if self.carry_in_focus:
            self._carry(self.tree, tree)
        self.tree = tree
        if not self._touchable():
            return  # nobody has the tree yet: _activated hands over the newest
        events = self.adapter.update_if_active(lambda: self._update(tree))
        if events is not None:
            events.raise_events()  # macOS and Windows hand back events to raise outside their lock

    def window_focused(self, focused: bool) -> None:
        self._focused = focused
        if not self._touchable():
            return
        if hasattr(self.adapter, "update_window_focus_state"):
            self.adapter.update_window_focus_state(focused)
        elif hasattr(self.adapter, "update_view_focus_state"):
            events = self.adapter.update_view_focus_state(focused)
            if events is not None:
                events.raise_events()

    def window_bounds(self, position: tuple[int, int], size: tuple[int, int]) -> None:
        """Where the window is on the screen (AT-SPI needs it to place the nodes; other platforms ask the window)."""
        self._bounds = (position, size)
        if self._touchable():
            self._give_bounds(position, size)

    def _give_bounds(self, position: tuple[int, int], size: tuple[int, int]) -> None:
        if hasattr(self.adapter, "set_root_window_bounds"):
            x, y = position
            rect = self.ak.Rect(float(x), float(y), float(x + size[0]), float(y + size[1]))
            self.adapter.set_root_window_bounds(rect, rect)

    def _carry(self, before: Tree | None, after: Tree) -> None:
        """What the focused node says as its description: a new announcement while the focus stayed where it was."""
        said = after.announcement
        if before is None or before.focus != after.focus or said is None or not said.label:
            self._carried = ""  # the focus moved: the screen reader reads where it landed, and that says it
            return
        if before.announcement is None or before.announcement.key != said.key:
            words = said.label
            # The same words said again ("Yes." and then "Yes.") must still change the description, or nothing is heard.
            self._carried = words + " " if words == self._carried else words

    @property
    def carried(self) -> str:
        """The words the focused node carries on AT-SPI now (for tests; "" when none)."""
        return self._carried

    # -- the tree as AccessKit's ------------------------------------------------------------------
    def _id(self, key: str) -> int:
        got = self._ids.get(key)
        if got is None:
            got = self._ids[key] = self._next
            self._keys[got] = key
            self._next += 1
        return got

    def _update(self, tree: Tree) -> Any:
        ak = self.ak
        with self._lock:
            keep = {n.key for n in tree.nodes()}
            for key in [k for k in self._ids if k not in keep]:
                self._keys.pop(self._ids.pop(key), None)
            update = ak.TreeUpdate(self._id(tree.focus))
            root = ak.Tree(self._id(self._root))
            root.toolkit_name = TOOLKIT
            update.tree = root
            carried = self._carried if tree is self.tree else ""
            for node in tree.nodes():
                out = self._node(node)
                if carried and node.key == tree.focus:
                    out.set_description(carried)
                update.nodes.append((self._id(node.key), out))
        return update

    def _node(self, node: Node) -> Any:
        ak = self.ak
        roles = {
            "window": ak.Role.WINDOW,
            "screen": ak.Role.GROUP,
            "dialog": ak.Role.DIALOG,
            "heading": ak.Role.HEADING,
            "text": ak.Role.LABEL,
            "list": ak.Role.LIST,
            "button": ak.Role.BUTTON,
            "field": ak.Role.MULTILINE_TEXT_INPUT if node.multiline else ak.Role.TEXT_INPUT,
            "announcement": ak.Role.LABEL,
        }
        out = ak.Node(roles[node.role])
        if node.role == "field":
            out.set_value(node.value)
            out.add_action(ak.Action.FOCUS)
        if node.role in ("text", "announcement"):
            out.set_value(node.label)  # a label's words are its value in AccessKit
        elif node.label:
            out.set_label(node.label)
        if node.description:
            out.set_description(node.description)
        if node.children:
            out.set_children([self._id(c.key) for c in node.children])
        if node.role == "button":
            out.add_action(ak.Action.FOCUS)
            if not node.disabled:
                out.add_action(ak.Action.CLICK)
        if node.disabled:
            out.set_disabled()
        # AccessKit counts levels and positions from 0 (its adapters add 1 for UIA and AT-SPI).
        if node.level:
            out.set_level(node.level - 1)
        if node.shortcut:
            out.set_keyboard_shortcut(node.shortcut)
        if node.position is not None:
            out.set_position_in_set(node.position[0] - 1)
            out.set_size_of_set(node.position[1])
        if self.carry_in_focus:
            pass  # AT-SPI: carried by the focused node's description (see the module's note), never said twice
        elif node.live == "polite" or node.role == "announcement":
            out.set_live(ak.Live.POLITE)
        elif node.live == "assertive":
            out.set_live(ak.Live.ASSERTIVE)
        if node.modal:
            out.set_modal()
        if node.bounds is not None:
            x, y, w, h = node.bounds
            out.set_bounds(ak.Rect(float(x), float(y), float(x + w), float(y + h)))
        return out


def platform_adapter(activated: Callable[[], Any], action: Callable[[Any], None], deactivated: Callable[[], None]) -> Any:
    """The platform's AccessKit adapter for the pygame window (the way AccessKit's own pygame example makes it)."""
    import accesskit

    system = platform.system()
    if system == "Darwin":
        accesskit.macos.add_focus_forwarder_to_window_class("SDLWindow")
        return accesskit.macos.SubclassingAdapter.for_window(pygame.display.get_wm_info()["window"], activated, action)
    if system == "Windows":
        return accesskit.windows.SubclassingAdapter(pygame.display.get_wm_info()["window"], activated, action)
    return accesskit.unix.Adapter(activated, action, deactivated)
