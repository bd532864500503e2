"""What the command line asked the window for: the options of ``doorstep play`` (and ``doorstep watch``'s window).

Apart from the flow (:mod:`simulator.ui.flow`), which is made only after the
title's first frame: the command line builds these before the window opens.
How to watch (:class:`simulator.ui.flow.base.WatchOptions`) is the flow's.
"""

# No `from __future__ import annotations`: the options' NamedTuples, made before the first frame, would have each field's
# annotation as a string, compiled into a forward reference as the class is made (15 compiles, about 20 us each).

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import NamedTuple
else:  # the same classes, their __new__ compiled ahead rather than at every start (simulator/quicktuple)
    from simulator.quicktuple import NamedTuple


class Options(NamedTuple):  # records, not dataclasses: made before the first frame (see kit/theme.py)
    """What the command line asked for."""

    path: Path | None = None
    auto: str | None = None
    seed: int | None = None  # None: each new playthrough draws its own (auto play uses 0)
    speed: float = 1.0
    screenshots: Path | None = None
    name: str | None = None
    assessment: bool = False
    fullscreen: bool = False  # full screen for this run only (a facilitator's projector)
    start_at: str | None = None  # --from EPISODE.NODE: a trainer trying a scene (not saved)
    set_values: tuple[str, ...] = ()  # --set NAME=VALUE where play starts
    clean: bool = False  # the default settings, none kept: runs for handouts and tests look the same on every machine

    @property
    def clean_profile(self) -> bool:
        """Screenshots for a handout never show one trainee's text size, contrast or name."""
        return self.clean or self.screenshots is not None

    @property
    def fixed_seed(self) -> int:
        """The seed for what must come out the same every time (auto play, the watch mode's reels): --seed, else 0."""
        return 0 if self.seed is None else self.seed
