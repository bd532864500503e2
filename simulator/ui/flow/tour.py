"""The watch mode's running order: which card or version comes next, episode by episode.

For each episode: a card with what to notice, the barrier version, a card
with the same prompts as questions for discussion, the enabler version, and
a card saying what each changed. The barrier version comes first, as in
RIVRT's modules: the room sees the habits that get in the way, talks about
them, and then sees the better practice, so the last picture of each
episode is the one to take into practice. Side by side (a window at least
1600 pixels wide, or chosen in the menu), the two versions play together
and the discussion card is folded into the one after them.

The stack while watching is always [title, episode list, the current
card or version], so Esc-and-Stop, or the episode list's Back, goes home.
:class:`WatchTour` is the watch mode's part of the flow: its screens ask it
(their :class:`~simulator.ui.watch.moves.WatchMoves`) to move on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from simulator.engine.session import Session
from simulator.engine.shown import Card
from simulator.services.reels import Reels
from simulator.ui.flow.base import WatchOptions
from simulator.ui.kit.app import App
from simulator.ui.kit.scene import AnyScene
from simulator.ui.shell.title import TitleScene
from simulator.ui.watch.cards import between_card, closing_card, intro_card
from simulator.ui.watch.menus import EpisodesScene, WatchMenu
from simulator.ui.watch.scene import WatchScene

if TYPE_CHECKING:
    from simulator.ui.flow import Flow

SIDE_BY_SIDE_AT = 1600  # window width from which both versions are shown side by side by default
SIDE_BY_SIDE_MIN = 1100  # narrower than this, two panes would squeeze the text too much to read


Part = tuple[str, tuple[str, ...]]  # ("intro" | "play" | "between" | "closing", the paths a "play" part shows)


class WatchTour:
    """Moves through the episodes' cards and versions, and keeps the speed and layout between them."""

    def __init__(self, flow: Flow, reels: Reels, options: WatchOptions | None = None) -> None:
        options = options or WatchOptions()
        self.flow = flow
        self.app: App = flow.app
        self.reels = reels
        self.rate = options.rate
        self.side_by_side = options.side_by_side
        self.auto = options.auto
        found = reels.index_of(options.episode) if options.episode else None
        self.start_at = found or 0
        self.only = found if options.auto and found is not None else None  # a handout of one episode
        self.index = self.start_at
        self.part = 0
        self.from_end = False  # the screen being made starts at its last page or beat (going back with Page Up)
        self._side = self._decide()
        self._cards = Session.start(reels.scenario, reels.seed)  # the scenario's own names, as the versions use
        self.opened_at = datetime.now(UTC).isoformat(timespec="seconds")  # one registration per opening (xAPI's experienced)
        self.picker = EpisodesScene(self.app, self)
        self._ready: tuple[tuple[object, ...], AnyScene] | None = None  # the next version, made while its card is read

    # -- layout --------------------------------------------------------------------------
    def side_possible(self) -> bool:
        return bool(self.app.look.size[0] >= SIDE_BY_SIDE_MIN)

    def _decide(self) -> bool:
        if not self.side_possible():
            return False
        if self.side_by_side is not None:
            return self.side_by_side
        return bool(self.app.look.size[0] >= SIDE_BY_SIDE_AT)

    def side_by_side_now(self) -> bool:
        """The layout of the episode being watched (decided as it begins, so a resize never reshuffles its parts)."""
        return self._side

    def toggle_layout(self) -> None:
        """Switch layouts; a version being watched starts again from the top of its episode in the new layout."""
        watching = self.app.top is not self.picker
        was = self.parts()[self.part][0] if watching else "intro"
        self.side_by_side = not self._side
        self._side = self._decide()
        if not watching:
            self.picker.layout(self.app.look)
            return
        kinds = [p[0] for p in self.parts()]
        self.part = kinds.index(was) if was in ("intro", "closing") else kinds.index("play")
        self.show()

    # -- the running order ------------------------------------------------------------------
    def parts(self) -> list[Part]:
        reel = self.reels.episodes[self.index]
        shown = tuple(t.path for t in reel.shown)
        if self.side_by_side_now() or len(shown) < 2:
            return [("intro", ()), ("play", shown), ("closing", ())]
        return [("intro", ()), ("play", (shown[0],)), ("between", ()), ("play", (shown[1],)), ("closing", ())]

    def card(self, episode: str) -> Card:
        """An episode's title card, ready to show."""
        return self._cards.card(episode)

    def scene(self) -> AnyScene:
        reel = self.reels.episodes[self.index]
        part = self.parts()[self.part]
        if part[0] == "intro":
            return intro_card(self.app, self, reel, len(self.reels.episodes))
        if part[0] == "between":
            return between_card(self.app, self, reel)
        if part[0] == "closing":
            nxt = self.reels.episodes[self.index + 1] if self.index + 1 < len(self.reels.episodes) and self.only is None else None
            return closing_card(self.app, self, reel, nxt)
        return WatchScene(self.app, self, reel, part[1])

    def show(self) -> None:
        self.app.reset(TitleScene(self.app, self.flow), self.picker, self._take_ready() or self.scene())
        self.app.later(self._prepare)  # while this is read or watched, so what follows comes up in one short frame

    def _ready_key(self, part: int) -> tuple[object, ...]:
        look = self.app.look
        return (self.index, part, self._side, id(look), look.size, self.rate, self.app.settings)

    def _following(self) -> tuple[int, int] | None:
        """The episode and part that follow the one on screen (the next episode's card after the last), if any."""
        if self.from_end:
            return None
        if self.part + 1 < len(self.parts()):
            return self.index, self.part + 1
        if self.only is None and self.index + 1 < len(self.reels.episodes):
            return self.index + 1, 0
        return None

    def _prepare(self) -> None:
        """Make and lay out what follows this card or version: laying out every beat of two panes takes tens of ms, and a
        card's words and its place's picture take a frame's budget too."""
        from simulator.ui.flow.play import warm_card
        from simulator.ui.kit.document import DocScene

        following = self._following()
        if following is None:
            return
        here = self.index, self.part, self._side
        try:
            self.index, self.part = following
            if self.index != here[0]:
                self._side = self._decide()  # as begin() will decide it for the next episode
            scene = self.scene()
            key = self._ready_key(self.part)
        finally:
            self.index, self.part, self._side = here
        if isinstance(scene, DocScene):
            warm_card(scene, self.app.look, self.flow.scratch())  # laid out, its place asked for, the card drawn ahead
        else:
            scene.layout(self.app.look)
        self._ready = (key, scene)
        if isinstance(scene, WatchScene):
            scene.beats_ahead()  # and each pane's first beat drawn, one pane per idle pass
            watch = scene
            self.app.later(lambda: self._first_frame_ahead(watch), unseen=True)  # then the first frame, once they are drawn

    def _first_frame_ahead(self, scene: WatchScene) -> None:
        if self._ready is not None and self._ready[1] is scene and self.app.top is not scene:
            scene.draw_ahead(self.app.scratch())
            if not scene.settled():  # its people still being drawn: drawn again when they come
                self.app.when_pictures(lambda: self._first_frame_ahead(scene))

    def card_ahead(self, index: int) -> None:
        """The card of the episode the list's focus is on, made, laid out and drawn while the list is read: choosing it then
        opens that picture, as every card after it is (``_prepare``)."""
        from simulator.ui.flow.play import warm_card
        from simulator.ui.kit.document import DocScene

        if self.app.top is not self.picker or not 0 <= index < len(self.reels.episodes):
            return
        here = self.index, self.part, self._side, self.from_end
        try:
            self.index, self.part, self._side, self.from_end = index, 0, self._decide(), False  # as begin(index) sets them
            key = self._ready_key(0)
            if self._ready is not None and self._ready[0] == key:
                return
            scene = self.scene()
        finally:
            self.index, self.part, self._side, self.from_end = here
        if isinstance(scene, DocScene):
            warm_card(scene, self.app.look, self.flow.scratch())
            self._ready = (key, scene)

    def _take_ready(self) -> AnyScene | None:
        ready, self._ready = self._ready, None
        if ready is not None and not self.from_end and ready[0] == self._ready_key(self.part):
            return ready[1]
        return None

    def begin(self, index: int) -> None:
        """Start episode ``index`` at its card."""
        self.index = max(0, min(index, len(self.reels.episodes) - 1))
        self.part = 0
        self._side = self._decide()
        self.show()

    def advance(self) -> None:
        """On to the next card or version (after the last card, the next episode)."""
        kind, paths = self.parts()[self.part]
        if kind == "play":  # the versions were watched to their end: an LRS may be told (xAPI's experienced)
            self.flow.watched(self.reels.scenario, self.opened_at, self.reels.episodes[self.index].episode.id, paths)
        if self.part + 1 < len(self.parts()):
            self.part += 1
            self.show()
        else:
            self.next_episode()

    def go_back(self) -> None:
        """The card or version before this one, shown from its end; before an episode's first card, the last card of the one before."""
        if self.part > 0:
            self.part -= 1
        elif self.index > 0 and self.only is None:
            self.index -= 1
            self._side = self._decide()
            self.part = len(self.parts()) - 1
        else:
            return
        self.from_end = True
        self.show()
        self.from_end = False

    def blank(self) -> None:
        from simulator.ui.kit.presenter import BlankScene

        self.app.push(BlankScene(self.app, self))

    def fullscreen(self) -> None:
        self.app.toggle_fullscreen()

    def again(self) -> None:
        """Watch this episode's versions again, from the first."""
        self.part = next(i for i, p in enumerate(self.parts()) if p[0] == "play")
        self.show()

    def next_episode(self) -> None:
        if self.only is not None or self.index + 1 >= len(self.reels.episodes):
            self.finish()
        else:
            self.begin(self.index + 1)

    def previous_episode(self) -> None:
        self.begin(self.index - 1)

    def episodes(self) -> None:
        self.picker.group.focus_key(f"episode-{self.reels.episodes[self.index].episode.id}")
        self.app.reset(TitleScene(self.app, self.flow), self.picker)

    def menu(self) -> None:
        self.app.push(WatchMenu(self.app, self))

    def finish(self) -> None:
        """After the last episode: quit when running by itself, else back to the episode list."""
        if self.auto:
            self.app.quit(0)
        else:
            self.episodes()


    # -- what every screen may ask -----------------------------------------------------------
    def close(self, scene: AnyScene) -> None:
        self.flow.close(scene)

    def settings(self) -> None:
        self.flow.settings()

    def home(self) -> None:
        self.flow.home()
