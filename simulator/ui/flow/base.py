"""What every part of the flow shares: the app, the case catalog, the record store and its saver, the launch options, notices.

The flow is the one place that changes the app's stack. Its parts, one per
area of the window (``shell.py``, ``play.py``, ``review.py``, ``watch.py``),
each implement the moves that area's screens ask for; this base holds what
they all use, and names the few moves one part makes into another's
(beginning play, the debrief) so each part can be read on its own.
"""

# No `from __future__ import annotations`: WatchOptions' fields would be strings, compiled into forward references as the
# class is made (tests/test_startup.py keeps the records real-typed; the command line's Options are in ui/options.py).

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from simulator.services.catalog import Catalog
from simulator.ui.kit.app import App
from simulator.ui.options import Options
from simulator.ui.shell.title import TitleScene

if TYPE_CHECKING:
    from simulator.records.store import Playthrough, Store
    from simulator.scenario.model import Scenario
    from simulator.services.saver import Saver
    from simulator.ui.flow import Flow
    from simulator.ui.kit.scene import AnyScene
    from simulator.ui.kit.text import Para

FRESH_SEEDS = 2**31  # any seed below this; the store keeps whichever is drawn, so Continue and replays are exact

__all__ = ["FRESH_SEEDS", "FlowBase", "Options", "WatchOptions", "default_name", "new_seed"]


class WatchOptions(NamedTuple):
    """How to watch: from the title (defaults) or ``doorstep watch``."""

    episode: str | None = None
    rate: float = 1.0
    side_by_side: bool | None = None
    auto: bool = False


class FlowBase:
    """The app, the catalog, the store and the options; notices; closing a scene; going home."""

    def __init__(self, app: App, catalog: Catalog, store: "Store | None", options: Options) -> None:
        self.app = app
        self.catalog = catalog
        self.options = options
        self.problems: list[str] = []
        self.told_damaged: set[int] = set()  # damaged playthroughs the trainee has been told about (ShellFlow.tell_passed_over)
        self.saver: Saver | None = None
        self._store: Store | None = None
        self.store = store
        app.closing.append(self.finish_saving)

    # -- the record store ---------------------------------------------------------------
    @property
    def store(self) -> "Store | None":
        return self._store

    @store.setter
    def store(self, store: "Store | None") -> None:
        """The record store; writes during play go through a saver thread with its own connection."""
        self._store = store
        if store is not None:
            from simulator.services.saver import Saver  # the store arrives after the first frame, and brings sqlite3

            self.saver = Saver(store.path)

    def settle(self) -> None:
        """Wait for saves in flight, so what is read next includes them."""
        if self.saver is not None:
            self.saver.drain()

    def finish_saving(self) -> None:
        """The window is closing: finish every save, then close the store (its -wal and -shm files go with the last connection)."""
        if self.saver is not None:
            self.saver.close()
        store, self._store = self._store, None
        if store is not None:
            from simulator.records.store import now

            store.close(at=now())

    def unfinished_of(self, scenario_id: str) -> "list[Playthrough]":
        """The unfinished playthroughs of a case (none in auto play, or when the store cannot say)."""
        if self.store is None or self.options.auto:
            return []
        from simulator.records.store import StoreError

        self.settle()
        try:
            return self.store.unfinished(scenario_id)
        except StoreError:
            return []

    def set_aside(self, playthroughs: "list[Playthrough]", at: str) -> int:
        """Stop offering these playthroughs to continue (they stay in the records); how many were set aside."""
        from simulator.records.store import StoreError

        count = 0
        for old in playthroughs:
            if self.store is None:
                break
            try:
                self.store.abandon(old.id, at=at)
                count += 1
            except StoreError as exc:
                self.problem(str(exc))
        return count

    # -- moves every screen may ask for -----------------------------------------------------
    def close(self, scene: "AnyScene") -> None:
        """Take ``scene`` off the screen, with anything over it."""
        self.app.remove(scene)

    @property
    def flow(self) -> "Flow":
        """This flow as the screens see it: every part's moves together (what each area's protocol is checked against)."""
        return cast("Flow", self)

    def home(self) -> None:
        """Back to the title screen, with nothing under it."""
        self.app.reset(TitleScene(self.app, self.flow))

    def quit(self) -> None:
        self.app.quit(0)

    def notice(self, heading: str, body: "Sequence[str | Para]", button: str = "OK", on_ok: Callable[[], None] | None = None, *, over: bool = False) -> None:
        """Tell the trainee something calmly, in place of what is on screen (``over``: on a card over it, still seen dimmed)."""
        from simulator.ui.kit.notice import NoticeScene

        scene = NoticeScene(self.app, self, heading, body, button, on_ok)
        scene.overlay = over
        self.app.push(scene)

    def show_problems(self) -> bool:
        """Show any saving problems not yet shown; True if a notice went up."""
        if not self.problems:
            return False
        body, self.problems = self.problems, []
        self.notice("About saving", body)
        return True

    def problem(self, message: str) -> None:
        """Something went wrong with saving: shown as a calm notice at the next quiet moment."""
        if message not in self.problems:
            self.problems.append(message)
        self.app.note(message)


def default_name(scenario: "Scenario") -> str:
    """The scenario's own name for the worker the trainee plays (as its dialogue would say it)."""
    worker = scenario.characters.get(scenario.player)
    return worker.short if worker is not None else str(scenario.player)


def new_seed(options: Options) -> int:
    """The seed for a new playthrough: --seed if given, 0 in auto play, else a fresh one.

    A fresh seed shuffles the options into a new order each time a trainee
    plays again, so the best practice is not where it was last time. It is
    drawn here, at the edge, because the engine never draws randomness of its own.
    """
    if options.seed is not None or options.auto:
        return options.fixed_seed
    import secrets  # when a case begins: it brings in hashing, which the first frame need not wait for

    return secrets.randbelow(FRESH_SEEDS)

