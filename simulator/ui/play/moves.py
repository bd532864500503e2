"""What the play screens ask of the flow: the cards after each action, pause, the ending, and getting the next screen ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from simulator.engine.session import Session
from simulator.engine.shown import Option
from simulator.engine.state import Step
from simulator.scenario.model import Term
from simulator.services.run import Run
from simulator.ui.kit.scene import Moves

if TYPE_CHECKING:
    from simulator.ui.play.scene import PlayScene


class PlayMoves(Moves, Protocol):
    def show_problems(self) -> bool:
        """Show any saving problems not yet shown; True if a notice went up."""

    def next_card(self, play: PlayScene) -> bool:
        """Put up the next card waiting over ``play`` (a new episode's title, feedback); False if none is waiting."""

    def acted(self, play: PlayScene, option: Option | None, step: Step, *, skipped: bool, new_episode: bool) -> None:
        """An action was taken and saved: put up what follows it (feedback, a skipped-scene note, the next episode's card)."""

    def glossary(self, first: list[Term]) -> None:
        """The case's glossary over play, ``first`` (the words on the page) at the top."""

    def saved_changes(self, play: PlayScene) -> bool:
        """Whether the case's files were saved since play began (then reload them); asked about once a second."""

    def reload(self, play: PlayScene) -> None:
        """Load the case again from its files and carry on from the same moment (F5)."""

    def pause(self) -> None:
        """Open the pause menu over whatever is on top of the playthrough."""

    def ending(self, run: Run) -> None:
        """The case has ended: show how."""

    def debrief(self, run: Run) -> None:
        """After the ending: the debrief of the playthrough just finished."""

    def prepare_feedback(self, session: Session) -> None:
        """While the trainee reads a decision: lay out the feedback card each option would bring."""

    def prepare_next(self, run: Run) -> None:
        """While the trainee reads a moment's last page: lay out the moment Continue leads to."""

    def prepare_moment(self, run: Run) -> None:
        """While a card is read: lay out the playthrough's current moment as play will show it."""
