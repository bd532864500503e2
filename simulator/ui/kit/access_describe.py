"""Screens described for a screen reader: the kit's widgets and text, turned into :mod:`access_tree` nodes.

Every scene says what it shows through :meth:`Scene.describe
<simulator.ui.kit.scene.Scene.describe>`, writing into a :class:`Sketch`:
its title, what it says, its buttons. The kit's bases do it for every
document, menu and notice, and a scene that does nothing at all still gets
its title and every :class:`~simulator.ui.kit.widgets.ButtonGroup` it holds
(:func:`describe_groups`), so a new screen is never empty to a screen reader.

A sketch also keeps which button each node stands for, so that a screen
reader's "press" or "focus" reaches the very button the keyboard would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from simulator.ui.kit.access_tree import Live, Node, Role
from simulator.ui.kit.text import Page, Para
from simulator.ui.kit.widgets import Button, ButtonGroup

if TYPE_CHECKING:
    from simulator.ui.kit.scene import AnyScene


_DOT = re.compile(r"\s+·\s+")  # "Mon 2 Mar · Month 1 of 12": a pause, not a "middle dot"
HEADING_STYLES = {"display": 1, "title": 1, "heading": 2}  # paragraphs set in these styles are headings, at this level


@dataclass(frozen=True)
class Handle:
    """Which button of which group a node stands for."""

    group: ButtonGroup
    index: int

    @property
    def button(self) -> Button:
        return self.group.buttons[self.index]


def para_text(p: Para) -> str:
    """A paragraph's words, as one string (a bullet's mark is the list's business, not the words')."""
    return "".join(span.text for span in p.spans).strip()


def sentence(text: str) -> str:
    """Words that end as a sentence, so a voice pauses after a heading or a label as after a full stop."""
    text = " ".join(_DOT.sub(", ", text).split())
    return text if not text or text[-1] in ".!?:;…" or text[-1] in "\"'”’)" else f"{text}."


def page_text(page: Page) -> str:
    """The words of one laid-out page, paragraph by paragraph (a gap between rows is where a paragraph ended)."""
    paras: list[list[str]] = []
    bottom: int | None = None
    for row in page.rows:
        words = " ".join(run.text.strip() for run in row.runs if run.text.strip() and run.text.strip() != "•")
        words = _DOT.sub(", ", words)
        if bottom is None or row.y > bottom or not paras:
            paras.append([])
        if words:
            paras[-1].append(words)
        bottom = row.y + row.height
    done = [" ".join(p) for p in paras if p]
    # The last paragraph may go on over the page: it gets no full stop of ours.
    return " ".join([*(sentence(p) for p in done[:-1]), *done[-1:]])


def bounds(rect: pygame.Rect | None) -> tuple[int, int, int, int] | None:
    return None if rect is None else (rect.x, rect.y, rect.width, rect.height)


class Sketch:
    """A screen being described, in reading order."""

    def __init__(self, scene: AnyScene, prefix: str = "") -> None:
        self.scene = scene
        self.prefix = prefix
        self.title = ""
        self.nodes: list[Node] = []
        self.handles: dict[str, Handle] = {}
        self.focus: str | None = None
        self.said: list[str] = []  # what the announcement says when this screen appears or moves on
        self.said_key: object = None  # set when the same words, said again, are new (two lines that read alike)
        self._n = 0
        self._groups: set[int] = set()

    def _key(self, kind: str) -> str:
        self._n += 1
        return f"{self.prefix}{kind}{self._n}"

    # -- what a scene writes -----------------------------------------------------------
    def heading(self, text: str, level: int = 1) -> None:
        text = text.strip()
        if not text:
            return
        if level == 1 and not self.title:
            self.title = text
        self.nodes.append(Node(self._key("h"), "heading", text, level=level))

    def text(self, text: str, rect: pygame.Rect | None = None, *, role: Role = "text", live: Live = "off") -> None:
        text = text.strip()
        if text:
            self.nodes.append(Node(self._key("t"), role, text, live=live, bounds=bounds(rect)))

    def paras(self, paras: Iterable[Para], rect: pygame.Rect | None = None) -> None:
        """Paragraphs as text, those set as headings as headings (under the screen's title)."""
        for p in paras:
            if p.spans and all(span.style in HEADING_STYLES for span in p.spans):
                self.heading(para_text(p), level=HEADING_STYLES[p.spans[0].style])
            else:
                self.text(para_text(p), rect)

    def field(self, label: str, value: str, rect: pygame.Rect | None = None, *, focused: bool = False, multiline: bool = False, hint: str = "") -> None:
        """A box the trainee types in (its words so far are its value); ``focused`` when the keyboard is in it."""
        key = self._key("f")
        self.nodes.append(Node(key, "field", label, description=hint, focusable=True, value=value, multiline=multiline, bounds=bounds(rect)))
        if focused and self.focus is None:
            self.focus = key

    def say(self, *texts: str) -> None:
        """Put these words in the announcement (said politely when they are new)."""
        self.said.extend(t.strip() for t in texts if t.strip())

    def buttons(self, group: ButtonGroup, label: str = "", *, focus: bool = True) -> None:
        """Every button of ``group``, in a list called ``label`` when there is one (the options at a decision)."""
        if id(group) in self._groups:
            return
        self._groups.add(id(group))
        g = len(self._groups)
        numbered = [b for b in group.buttons if b.number is not None]
        nodes: list[Node] = []
        for i, b in enumerate(group.buttons):
            key = f"{self.prefix}b{g}:{b.key or i}"
            if key in self.handles:
                key = f"{key}:{i}"
            at = numbered.index(b) + 1 if b in numbered else None
            nodes.append(
                Node(
                    key,
                    "button",
                    b.label,
                    description=b.detail,
                    disabled=not b.enabled,
                    focusable=b.enabled,
                    shortcut=str(b.number) if b.number is not None else "",
                    position=(at, len(numbered)) if at is not None else None,
                    bounds=bounds(b.rect),
                )
            )
            self.handles[key] = Handle(group, i)
            if focus and self.focus is None and group.focus == i:
                self.focus = key
        if label:
            self.nodes.append(Node(self._key("l"), "list", label, children=tuple(nodes)))
        else:
            self.nodes.extend(nodes)

    # -- what the kit makes of it ----------------------------------------------------------
    def node(self, key: str, modal: bool) -> Node:
        """The screen as one node: a dialog when it sits over a frozen screen."""
        role: Role = "dialog" if modal else "screen"
        headings = [n.label for n in self.nodes if n.role == "heading"]
        title = self.title or (headings[0] if headings else self.scene.name.replace("-", " ").capitalize())
        return Node(key, role, title, children=tuple(self.nodes), modal=modal)


def describe_groups(scene: Any, sketch: Sketch) -> None:
    """The least any screen says: its heading (when it has one) and every group of buttons it holds."""
    heading = getattr(scene, "heading", "")
    if isinstance(heading, str):
        sketch.heading(heading)
    for value in list(vars(scene).values()):
        if isinstance(value, ButtonGroup):
            sketch.buttons(value)
    if not sketch.said and sketch.title:
        sketch.say(sketch.title)
