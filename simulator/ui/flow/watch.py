"""Opening the watch mode: from the title, or ``doorstep watch``; its running order is :mod:`simulator.ui.flow.tour`.

The tour, the reels and the watch screens are imported when the watch
mode opens, so the first frame waits only for the title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.ui.flow.base import FlowBase, WatchOptions
from simulator.ui.shell.title import TitleScene

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.ui.flow.tour import WatchTour

class WatchingFlow(FlowBase):
    """Opening the watch mode: from the title, or ``doorstep watch``."""

    def watch(self) -> None:
        """The selected case's episode list, ready to watch."""
        path = self.catalog.selected
        scenario = self.catalog.scenario(path) if path is not None else None
        if scenario is None:
            self.notice("Nothing to watch", ["There is no playable case to watch. A trainer can check the case with doorstep validate."])
            return
        self.open_watch(scenario)

    def open_watch(self, scenario: Scenario, options: WatchOptions | None = None) -> WatchTour:
        """Show the episode list of ``scenario`` (or, running by itself, start at once)."""
        from simulator.services.reels import build_reels
        from simulator.ui.flow.tour import WatchTour

        self.app.art.use_scenario(scenario)
        reels = build_reels(scenario, self.options.fixed_seed)
        tour = WatchTour(self.flow, reels, options)
        self.app.reset(TitleScene(self.app, self.flow), tour.picker)
        return tour
