"""What the workshop's screens ask of the flow: the room's controls, where phones join, the note box, the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from simulator.ui.kit.scene import Moves
from simulator.workshop.control import Control
from simulator.workshop.venue import Venue

if TYPE_CHECKING:
    from simulator.ui.workshop.notes import NotesWindow


class WorkshopMoves(Moves, Protocol):
    control: Control  # the facilitator's controls over the room (shared with the browser's)
    venue: Venue  # where phones join: addresses, port, room code, QR code
    timer_s: float  # how long the discussion timer T starts runs
    ended_lines: list[str]  # where the record and report were kept, once the workshop ended
    notes: NotesWindow | None  # the facilitator's notes on a second screen, if open

    def end_workshop(self) -> None:
        """End the workshop: keep its record and report, tell the phones."""

    def write_note(self) -> None:
        """Open the box where the facilitator types a note for the report."""

    def keep_note(self, text: str) -> None:
        """Keep a typed note in the workshop's record."""

    def quit(self) -> None:
        """Close the window (the workshop is kept first)."""
