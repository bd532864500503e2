"""After an export: where the files went, and buttons that open the report in a browser or show its folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.services.opener import open_path
from simulator.services.review import Exported
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.review.moves import ReviewMoves

if TYPE_CHECKING:
    from pathlib import Path

    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


class ExportedScene(DocScene[ReviewMoves]):
    """The export's paths, Open the report (primary), Open the folder, Back to the debrief."""

    name = "exported"
    fit = True
    column = 900
    heading = "Exported"

    def __init__(self, app: App, moves: ReviewMoves, done: Exported) -> None:
        super().__init__(app, moves)
        self.done = done
        self.said = ""  # what happened when a button was pressed (opened, or why not)

    def paras(self) -> list[Para]:
        out = [
            para("Your debrief, with your reflections, is saved as a web page and as JSON:", "body", "text", space_after=0.2),
            para(str(self.done.html), "bold", "text", space_after=0.1),
            para(str(self.done.json), "bold", "text", space_after=0.4),
            para("The web page opens in any browser with no internet needed, and prints on A4 or Letter. The JSON holds the same content for other tools.", "body", "text", space_after=0.2),
        ]
        if self.said:
            out.append(para(self.said, "bold", "accent", space_before=0.2))
        return out

    def actions(self) -> list[Button]:
        return [
            Button("Open the report", lambda: self.open(self.done.html, "The report is opening in your browser."), kind="primary", key="open-report"),
            Button("Open the folder", lambda: self.open(self.done.folder, "The folder is opening."), key="open-folder"),
            Button("Back to the debrief", self.back, key="back"),
        ]

    def open(self, path: Path, done: str) -> None:
        problem = open_path(path)
        self.said = done if problem is None else f"Could not open it: {problem}"
        self.layout(self.look)
        self.app.dirty = True

    def back(self) -> None:
        self.moves.close(self)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.said, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        self.back()
        return True
