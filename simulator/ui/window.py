"""The window as the command line opens it: the app with its flow, made only when first asked for.

The flow (every move of every screen, :mod:`simulator.ui.flow`, about 2 ms
of imports) is made just after the title's first frame, or the moment it is
first needed (a key pressed as the title appears): until then
:class:`FirstMoves` answers the title, which is all the first frame asks of
it (issue 13). :mod:`simulator.ui.launch` puts the window together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.services.catalog import Catalog
from simulator.services.settings import Settings
from simulator.ui.kit.app import App
from simulator.ui.kit.text import TextLog

if TYPE_CHECKING:
    from simulator.records.store import Playthrough
    from simulator.services.place import Place
    from simulator.ui.flow import Flow
    from simulator.ui.kit.scene import AnyScene


class Window(App):
    """The app as the command line opens it: with its flow, made when first asked for (just after the first frame)."""

    def __init__(
        self,
        settings: Settings,
        make_flow: Callable[[], Flow],
        *,
        size: tuple[int, int] | None = None,
        config_dir: Path | None = None,
        text_log: TextLog | None = None,
    ) -> None:
        super().__init__(settings, size=size, config_dir=config_dir, text_log=text_log)
        self._make_flow = make_flow
        self._flow: Flow | None = None

    @property
    def flow(self) -> Flow:
        """Every move of the window (:mod:`simulator.ui.flow`), made the first time it is asked for."""
        if self._flow is None:
            self._flow = flow = self._make_flow()
            for scene in self.stack:
                if isinstance(scene.moves, FirstMoves):
                    scene.moves = flow  # the title asks the flow itself from now on
        return self._flow

    @property
    def flow_made(self) -> bool:
        return self._flow is not None


class FirstMoves:
    """The title's moves for its first frame, before the flow is made.

    What the first frame asks is answered here as the flow would answer it
    then (no record store is open before the flow is made, so there is
    nothing to continue and no saving problem); once the flow exists every
    question goes to it, and every move (a key pressed the moment the title
    appears) makes the flow at once and is the flow's.
    """

    def __init__(self, window: Window, catalog: Catalog) -> None:
        self.window = window
        self.catalog = catalog

    def resumable(self) -> Playthrough | None:
        return self.window.flow.resumable() if self.window.flow_made else None

    def selected_title(self) -> str:
        return self.window.flow.selected_title() if self.window.flow_made else self.catalog.selected_title()

    def show_problems(self) -> bool:
        return self.window.flow.show_problems() if self.window.flow_made else False

    def place_of(self, saved: Playthrough) -> Place | None:
        return self.window.flow.place_of(saved)

    def close(self, scene: AnyScene) -> None:
        self.window.flow.close(scene)

    def resume_latest(self) -> None:
        self.window.flow.resume_latest()

    def new_playthrough(self) -> None:
        self.window.flow.new_playthrough()

    def watch(self) -> None:
        self.window.flow.watch()

    def past(self) -> None:
        self.window.flow.past()

    def settings(self) -> None:
        self.window.flow.settings()

    def quit(self) -> None:
        self.window.flow.quit()
