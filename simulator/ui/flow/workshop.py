"""The workshop's window: the projector scene, the note box, and the end (keeping the record and report).

A workshop window has no title screen and no playthrough of its own: its
flow is this small class, which holds the room's controls and where phones
join, and implements :class:`~simulator.ui.workshop.moves.WorkshopMoves`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.ui.kit.app import App
from simulator.ui.kit.scene import AnyScene
from simulator.workshop.control import Control
from simulator.workshop.venue import Venue

if TYPE_CHECKING:
    from simulator.ui.workshop.notes import NotesWindow


class WorkshopFlow:
    """Every move of the workshop's screens."""

    def __init__(self, app: App, control: Control, venue: Venue, *, timer_s: float, keep: Callable[[], Any]) -> None:
        self.app = app
        self.control = control
        self.venue = venue
        self.timer_s = timer_s
        self.ended_lines: list[str] = []
        self.notes: NotesWindow | None = None
        self._keep = keep

    def open(self, notes: bool | None = None) -> None:
        """The projector view; and the notes window when asked for, or by default when there is a second screen."""
        import pygame

        from simulator.ui.workshop.notes import NotesWindow, displays
        from simulator.ui.workshop.projector import ProjectorScene

        self.app.reset(ProjectorScene(self.app, self))
        if notes or (notes is None and displays() > 1):
            try:
                self.notes = NotesWindow(self, self.app.look)
            except pygame.error as exc:
                self.app.note(f"the facilitator's notes window could not open ({exc}); the projector window has everything")
            else:
                self.app.closing.append(self.notes.close)

    def close(self, scene: AnyScene) -> None:
        self.app.remove(scene)

    def end_workshop(self) -> None:
        done = self.control.act("end", now=0.0)
        kept = self._keep()
        self.ended_lines = list(kept.lines()) if hasattr(kept, "lines") else []
        if not done.ok and not self.control.workshop.ended:
            self.ended_lines.insert(0, done.said)
        self.app.dirty = True

    def write_note(self) -> None:
        from simulator.ui.workshop.note import NoteScene

        self.app.push(NoteScene(self.app, self))

    def keep_note(self, text: str) -> None:
        self.control.act("note", text, now=0.0)

    def quit(self) -> None:
        self.app.quit(0)
