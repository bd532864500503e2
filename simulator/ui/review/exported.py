"""After an export: where the files went, and buttons that open the report in a browser, show its folder, or copy the paths.

A path longer than the card is broken after its separators with the file
name whole (kit/paths.py), its middle folders giving way to "…" when it
would take more than three rows; Copy the paths puts both in full on the
clipboard, and the Open buttons reach them too.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.opener import open_path
from simulator.services.review import Exported
from simulator.ui.kit.card import inside
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.paths import path_rows
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button
from simulator.ui.review.moves import ReviewMoves

if TYPE_CHECKING:
    from pathlib import Path

    import pygame

    from simulator.ui.kit.app import App
    from simulator.ui.kit.look import Look
    from simulator.ui.kit.pilot import Pilot


class ExportedScene(DocScene[ReviewMoves]):
    """The export's paths, Open the report (primary), Open the folder, Back to the debrief."""

    name = "exported"
    fit = True
    column = 1040  # four buttons on one row at 1920x1080
    heading = "Exported"

    def __init__(self, app: App, moves: ReviewMoves, done: Exported) -> None:
        super().__init__(app, moves)
        self.done = done
        self.said = ""  # what happened when a button was pressed (opened, or why not)
        self.path_width = 0  # the card's text width, known at layout

    def _layout_in(self, look: Look, rect: pygame.Rect) -> int:
        self.path_width = inside(look, rect).inner.width
        return super()._layout_in(look, rect)

    def shown(self, path: Path, style: str = "bold") -> str:
        """The path in rows that fit the card, broken after separators, the file name whole, the middle given way past three rows."""
        if self.path_width <= 0:
            return str(path)
        font = self.look.typeset.font(style)
        return "\n".join(path_rows(str(path), self.path_width, lambda text: font.size(text)[0]))

    def paras(self) -> list[Para]:
        html, data = self.done.html, self.done.json
        if html.parent == data.parent:  # one folder said once, then the two files by name
            out = [
                para("Your debrief, with your reflections, is saved in this folder:", "body", "text", space_after=0.1),
                para(self.shown(html.parent) + os.sep, "bold", "text", space_after=0.2),
                Para((Span("The web page: ", "body", "text"), Span(html.name, "bold", "text")), space_after=0.05),
                Para((Span("The JSON: ", "body", "text"), Span(data.name, "bold", "text")), space_after=0.3),
            ]
        else:
            out = [
                para("Your debrief, with your reflections, is saved as a web page and as JSON:", "body", "text", space_after=0.2),
                para(self.shown(html), "bold", "text", space_after=0.1),
                para(self.shown(data), "bold", "text", space_after=0.3),
            ]
        out.append(para("The web page opens in any browser, offline, and prints on A4 or Letter; the JSON holds the same for other tools.", "body", "text", space_after=0.2))
        if self.said:  # first, so it is seen whichever page the card is on at a large text size
            out.insert(0, para(self.said, "bold", "accent", space_after=0.3))
        return out

    def actions(self) -> list[Button]:
        return [
            Button("Open the report", lambda: self.open(self.done.html, "The report is opening in your browser."), kind="primary", key="open-report"),
            Button("Open the folder", lambda: self.open(self.done.folder, "The folder is opening."), key="open-folder"),
            Button("Copy the paths", self.copy, key="copy-paths"),
            Button("Back to the debrief", self.back, key="back"),
        ]

    def open(self, path: Path, done: str) -> None:
        problem = open_path(path)
        self.said = done if problem is None else f"Could not open it: {problem}"
        self.layout(self.look)
        self.app.dirty = True

    def copy(self) -> None:
        """Both paths in full on the clipboard, one a line, to paste into an email or a file manager."""
        try:
            pygame.scrap.put_text(f"{self.done.html}\n{self.done.json}\n")
            self.said = "Both paths, in full, are on the clipboard."
        except pygame.error as exc:  # no clipboard on this display
            self.said = f"Could not copy them: {exc}"
        self.layout(self.look)
        self.app.dirty = True

    def back(self) -> None:
        self.moves.close(self)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.said, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        self.back()
        return True
