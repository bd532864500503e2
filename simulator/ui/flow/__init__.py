"""Where each button leads: the journey from the title through a case and back, in one place.

Scenes never change the app's stack and never import one another: each asks
its area's *moves* (a typed protocol beside its screens, such as
:class:`~simulator.ui.play.moves.PlayMoves`), and :class:`Flow` implements
every one of them, so mypy checks that every move a screen can ask for
exists. The flow is split by area, one part per module:

========================  =========================================================================
``flow/base.py``          the app, the case catalog, the record store and its saver, the options, notices
``flow/shell.py``         the title's buttons, choosing and beginning a case, Continue, stepping out
``flow/play.py``          the cards after each action, pause, history, rewind, skip, the ending
``flow/review.py``        the debrief and its sections, compare, a decision's detail, replay from here, past
``flow/watch.py``         opening the watch mode (from the title, or ``doorstep watch``)
``flow/tour.py``          the watch mode's running order: card, version, card, episode after episode
``flow/sending.py``       the background sending of statements to the course's LRS, its settings and outbox screens
========================  =========================================================================

To add a screen: put it in its area, add the move that opens it to the area's
``moves.py``, and implement that move in the area's part of the flow. Each
part imports its area's screens inside the moves that show them, so the
first frame waits only for the title (tests/test_layering.py keeps it so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.services.catalog import Catalog
from simulator.ui.flow.base import FRESH_SEEDS, Options, WatchOptions, default_name
from simulator.ui.flow.play import PlayFlow
from simulator.ui.flow.review import ReviewFlow
from simulator.ui.flow.sending import SendingFlow
from simulator.ui.flow.shell import ShellFlow
from simulator.ui.flow.watch import WatchingFlow
from simulator.ui.kit.app import App

if TYPE_CHECKING:
    from simulator.records.store import Store


class Flow(ShellFlow, PlayFlow, ReviewFlow, WatchingFlow, SendingFlow):
    """Every move of the window, for every area's screens."""

    def __init__(self, app: App, catalog: Catalog, store: Store | None, options: Options) -> None:
        super().__init__(app, catalog, store, options)
        self._cards = []
        self._feedback = {}


__all__ = ["FRESH_SEEDS", "Flow", "Options", "WatchOptions", "default_name"]
