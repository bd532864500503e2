"""What the review screens ask of the flow: the debrief's sections, compare and a decision's detail, replay from here, past playthroughs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from simulator.analysis.divergence import DecisionPoint
from simulator.records.store import Playthrough
from simulator.services.past import PastList
from simulator.services.review import Exported, Review
from simulator.ui.kit.scene import Moves
from simulator.ui.kit.text import Para


class Cursor(Protocol):
    """The compare screen's decision cursor, as a decision's detail follows it."""

    @property
    def decisions(self) -> Sequence[DecisionPoint]: ...

    @property
    def cursor(self) -> int: ...

    def select(self, index: int) -> bool:
        """Move the cursor to decision ``index``; True if it moved."""


class ReviewMoves(Moves, Protocol):
    def home(self) -> None: ...
    def quit(self) -> None: ...
    def notice(self, heading: str, body: Sequence[str | Para], button: str = "OK") -> None: ...
    def show_problems(self) -> bool: ...
    def problem(self, message: str) -> None: ...

    # -- the debrief
    def section(self, key: str) -> None:
        """Open one of the debrief's sections over its summary."""

    def debrief_hub(self) -> None:
        """Back to the debrief's summary from any section."""

    def exported(self, done: Exported) -> None:
        """Say where an export went, with buttons that open the report and its folder."""

    def compare(self, review: Review) -> None: ...
    def others_at(self, scenario_id: str, node: str) -> tuple[list[tuple[str, int]], int] | None:
        """How an imported cohort chose at a decision (option id, how many), and how many playthroughs it pooled; None without one."""
    def decision(self, review: Review, cursor: Cursor) -> None: ...
    def replay_from_here(self, review: Review, decision: DecisionPoint) -> None: ...

    # -- past playthroughs
    def past_list(self) -> PastList:
        """The playthroughs to list (the store read after pending saves are written)."""

    def past_menu(self, playthrough: Playthrough) -> None: ...
    def resume_latest(self, saved: Playthrough | None = None) -> None: ...
    def open_saved(self, playthrough: Playthrough, what: Literal["debrief", "compare"]) -> None: ...
