"""What a screen reader finds in the window, as plain data: no pygame, no AccessKit.

Pygame draws pixels, so on its own the window is empty to NVDA, VoiceOver
and Orca. Each frame that changed, the kit describes the screens on top as
a small :class:`Tree` of :class:`Node` s (the screen and its title, what it
says, its buttons with their state and position, which one has the focus)
and hands it to two readers: the AccessKit bridge (``access_kit.py``),
which turns it into the platform's accessibility tree, and self-voicing,
which speaks what :func:`speech` says changed. Both read the same tree, so
what a screen reader hears and what self-voicing says never disagree.

Every node has a ``key``, unique in its tree and stable while the thing it
stands for stays on screen; keys are what the platform's node ids are made
from, so a node whose key is new is new to the screen reader too.

The *announcement* is the polite live region: the text a screen reader
should say when something new appears without the focus moving (a new line
of the conversation, the options at a decision, a feedback card). It has a
key of its own that changes whenever something new is to be said, even the
same words twice ("Yes." and then "Yes." again are two lines).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["window", "screen", "dialog", "heading", "text", "list", "button", "field", "announcement"]
Live = Literal["off", "polite", "assertive"]

#: The key of the window itself: the root of every tree.
ROOT = "window"


@dataclass(frozen=True)
class Node:
    """One thing on screen: its role, its words, its state, and where it is (x, y, width, height in window pixels)."""

    key: str
    role: Role
    label: str = ""
    description: str = ""
    children: tuple[Node, ...] = ()
    disabled: bool = False
    focusable: bool = False
    live: Live = "off"
    level: int = 0  # headings: 1 for a screen's title
    shortcut: str = ""  # the key that activates it from anywhere on the screen ("1" for the first option)
    position: tuple[int, int] | None = None  # (n, of): the first of three options is (1, 3)
    bounds: tuple[int, int, int, int] | None = None
    modal: bool = False  # a dialog over a frozen screen: nothing beneath it can be reached
    value: str = ""  # a field's text, as typed so far
    multiline: bool = False  # a field of paragraphs (a reflection), not one line (a name)

    def walk(self) -> Iterator[Node]:
        """This node and every node under it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Tree:
    """The window's accessibility tree at one moment: the root, and which node has the keyboard focus."""

    root: Node
    focus: str = ROOT
    _index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = self._index
        for node in self.root.walk():
            if node.key in index:
                raise ValueError(f"two nodes share the key {node.key!r}")
            index[node.key] = node
        if self.focus not in index:
            raise ValueError(f"the focus {self.focus!r} is not a node of the tree")

    def find(self, key: str) -> Node | None:
        return self._index.get(key)

    def nodes(self) -> Iterator[Node]:
        return self.root.walk()

    @property
    def focused(self) -> Node:
        return self._index[self.focus]

    @property
    def announcement(self) -> Node | None:
        return next((n for n in self.root.children if n.role == "announcement"), None)

    @property
    def screen(self) -> Node | None:
        """The screen (or dialog) the trainee is on: the root's first child that is not the announcement."""
        return next((n for n in self.root.children if n.role in ("screen", "dialog")), None)

    def buttons(self) -> list[Node]:
        return [n for n in self.nodes() if n.role == "button"]


def window(screen: Node, announcement: Node | None, focus: str | None, title: str = "Doorstep") -> Tree:
    """The tree of a window showing ``screen``, with the announcement (if any) beside it and the focus on ``focus`` (else the screen)."""
    children = (screen,) if announcement is None else (screen, announcement)
    target = focus if focus is not None and any(n.key == focus for n in screen.walk()) else screen.key
    return Tree(Node(ROOT, "window", title, children=children), target)


def spoken(node: Node) -> str:
    """A focused node as self-voicing says it: "2 of 3: Sit down" or "Rewind one choice, unavailable: Practice only"."""
    if node.role == "field":
        return f"{node.label}, a box to type in{': ' + node.value if node.value else ', empty'}"
    words = node.label
    if node.position is not None and node.role == "button" and node.shortcut:
        words = f"{node.position[0]} of {node.position[1]}: {words}"
    if node.disabled:
        words = f"{words}, unavailable"
    if node.description:
        words = f"{words}: {node.description}"
    return words


def speech(before: Tree | None, after: Tree, returning: str | None = None) -> list[str]:
    """What self-voicing says as the window goes from ``before`` to ``after``, in order; [] when nothing new is on screen.

    What is new is said first (a new screen's announcement: the line with its
    speaker, the options, the feedback), then the focus if it moved or its
    words changed (Tab onto a button, a setting switched), as a screen reader
    would: the words of a node the trainee is not on are never repeated.
    ``returning`` is the focus a screen had when something covered it: back
    on that screen with the focus where it was, the focus is not said again.
    """
    out: list[str] = []
    new = after.announcement
    old = before.announcement if before is not None else None
    if new is not None and new.label and (old is None or old.key != new.key):
        out.append(new.label)
    focused = after.focused
    if focused.role in ("button", "field"):
        was = before.find(after.focus) if before is not None and before.focus == after.focus else None
        if was is None and after.focus == returning:
            was = focused
        # A button is said again when its words change (a setting switched); a field only when the focus arrives,
        # never at each letter typed into it.
        if was is None or (focused.role == "button" and spoken(was) != spoken(focused)):
            out.append(spoken(focused))
    return out
