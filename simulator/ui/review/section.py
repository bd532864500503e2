"""One reading section of the debrief, with a way on to the next and back to the summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from simulator.services.review import Review
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.text import Para
from simulator.ui.kit.widgets import Button
from simulator.ui.review.contents import section_buttons
from simulator.ui.review.moves import ReviewMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App


class SectionScene(DocScene[ReviewMoves]):
    """A paged section (how it ended, the moments, the clock, the evidence, support, your choices)."""

    def __init__(self, app: App, moves: ReviewMoves, review: Review, key: str, heading: str, paras: Callable[[Review], list[Para]]) -> None:
        super().__init__(app, moves)
        self.review = review
        self.key = key
        self.name = f"debrief-{key}"
        self.heading = heading
        self.body = paras(review)

    def subtitle(self) -> str:
        return self.review.scenario.title

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return section_buttons(self.moves, self.key)

    def back(self) -> None:
        self.moves.debrief_hub()
