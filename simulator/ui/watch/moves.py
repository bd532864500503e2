"""What the watch mode's screens ask of the flow: its running order (card, version, card, episode after episode), its speed and layout."""

from __future__ import annotations

from typing import Protocol

from simulator.engine.shown import Card
from simulator.services.reels import Reels
from simulator.ui.kit.scene import Moves


class WatchMoves(Moves, Protocol):
    reels: Reels
    rate: float  # the speed the versions play at (1.0: a room can follow), kept from episode to episode
    auto: bool  # running by itself (--auto-advance, screenshots): cards move on and the end quits
    start_at: int  # the episode a run by itself starts at
    index: int  # the episode being watched
    from_end: bool  # the screen being made starts at its last page or beat (going back a screen)

    def card(self, episode: str) -> Card:
        """An episode's title card, ready to show."""

    def side_possible(self) -> bool:
        """Whether the window is wide enough for both versions side by side."""

    def side_by_side_now(self) -> bool:
        """The layout of the episode being watched."""

    def toggle_layout(self) -> None: ...
    def begin(self, index: int) -> None: ...
    def card_ahead(self, index: int) -> None:
        """While the episode list is read: episode ``index``'s card made and drawn, as choosing it would show it."""
    def advance(self) -> None: ...
    def again(self) -> None: ...
    def next_episode(self) -> None: ...
    def previous_episode(self) -> None: ...
    def episodes(self) -> None: ...
    def menu(self) -> None: ...
    def go_back(self) -> None:
        """The card or version before this one (a clicker's Page Up at the start of a screen), shown from its end."""

    def blank(self) -> None:
        """A black screen over this one, which keeps still until any key."""

    def fullscreen(self) -> None:
        """Full screen on or off."""

    def finish(self) -> None: ...
    def settings(self) -> None: ...
    def home(self) -> None: ...
