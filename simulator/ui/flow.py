"""Where each button leads: the journey from the title through a case and back.

Scenes stay small by asking the flow to move on ("begin this case",
"step out", "show the debrief"); the flow owns the catalog of cases, the
record store and the launch options, and is the one place that decides
which scenes are on the stack.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.ui.catalog import Catalog

if TYPE_CHECKING:
    # The runner brings in the engine and the scenario loader: imported when a case starts, not before the first frame.
    from simulator.ui.runner import Run


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    path: Path | None = None
    auto: str | None = None
    seed: int | None = None  # None: each new playthrough draws its own (auto play uses 0)
    speed: float = 1.0
    screenshots: Path | None = None
    name: str | None = None
    assessment: bool = False

    @property
    def fixed_seed(self) -> int:
        """The seed for what must come out the same every time (auto play, the watch mode's reels): --seed, else 0."""
        return 0 if self.seed is None else self.seed


FRESH_SEEDS = 2**31  # any seed below this; the store keeps whichever is drawn, so Continue and replays are exact

GROUNDING = [
    "You have stepped out, and your place in the case is saved at this exact moment.",
    "If the case brought something up for you, take a minute before anything else: feet flat on the floor, "
    "a slow breath out, and notice three things you can see around you.",
    "When you are ready, Continue on the title screen brings you back to where you were. There is no hurry.",
]


class Flow:
    """Moves between screens, and keeps the case catalog, the store and the options."""

    def __init__(self, app: Any, catalog: Catalog, store: Any, options: Options) -> None:
        self.app = app
        self.catalog = catalog
        self.options = options
        self.problems: list[str] = []
        self.saver: Any = None
        self._store: Any = None
        self.store = store

    @property
    def store(self) -> Any:
        return self._store

    @store.setter
    def store(self, store: Any) -> None:
        """The record store; writes during play go through a saver thread with its own connection."""
        self._store = store
        if store is not None:
            from simulator.ui.runner import Saver

            self.saver = Saver(store.path)

    def settle(self) -> None:
        """Wait for saves in flight, so what is read next includes them."""
        if self.saver is not None:
            self.saver.drain()

    def close(self) -> None:
        """The window is closing: finish every save."""
        if self.saver is not None:
            self.saver.close()

    # -- what the title offers -------------------------------------------------------
    def resumable(self) -> Any:
        """The most recently played unfinished playthrough that can be read, if any."""
        if self.store is None or self.options.auto:
            return None
        from simulator.records.store import StoreError

        self.settle()
        try:
            rows = self.store.unfinished()
        except StoreError as exc:
            self.problem(str(exc))
            return None
        return next((p for p in rows if not p.damaged), None)

    def selected_title(self) -> str:
        path = self.catalog.selected
        return self.catalog.title_of(path) if path is not None else "No case installed"

    # -- moving on ---------------------------------------------------------------------
    def home(self) -> None:
        from simulator.ui.scenes.title import TitleScene

        if self.app.pilot is not None and not self.options.auto:
            self.app.pilot = None  # leaving the watch mode
        self.app.reset(TitleScene(self.app))

    def settings(self) -> None:
        from simulator.ui.scenes.settings_scene import SettingsScene

        self.app.push(SettingsScene(self.app))

    def past(self) -> None:
        from simulator.ui.scenes.past import PastScene

        self.app.push(PastScene(self.app))

    def new_playthrough(self) -> None:
        from simulator.ui.scenes.picker import PickerScene

        self.app.push(PickerScene(self.app))

    def prebrief(self, path: Path) -> None:
        from simulator.ui.scenes.prebrief import PrebriefScene

        scenario = self.catalog.scenario(path)
        if scenario is None:
            return
        self.app.push(PrebriefScene(self.app, scenario, self._unfinished_of(scenario.id)))

    def _unfinished_of(self, scenario_id: str) -> list[Any]:
        if self.store is None or self.options.auto:
            return []
        from simulator.records.store import StoreError

        self.settle()
        try:
            return self.store.unfinished(scenario_id)
        except StoreError:
            return []

    def begin(self, scenario: Any, mode: str) -> None:
        """Start a new playthrough (saved unless this is auto play) and show its first moment."""
        from simulator.records.store import StoreError, now
        from simulator.ui.runner import Run
        from simulator.ui.scenes.play import PlayScene
        from simulator.ui.scenes.title import TitleScene

        store = None if self.options.auto else self.store
        for old in self._unfinished_of(scenario.id):
            try:
                store.abandon(old.id, at=now())
            except StoreError as exc:
                self.problem(str(exc))
        run = Run.begin(
            scenario,
            seed=self.new_seed(),
            mode=mode,
            player_name=self.player_name(),
            store=store,
            on_problem=self.problem,
            saver=self.saver if store else None,
        )
        self.app.reset(TitleScene(self.app), PlayScene(self.app, run))

    def new_seed(self) -> int:
        """The seed for a new playthrough: --seed if given, 0 in auto play, else a fresh one.

        A fresh seed shuffles the options into a new order each time a
        trainee plays again, so the best practice is not where it was last
        time. It is drawn here, at the edge, because the engine never
        draws randomness of its own.
        """
        if self.options.seed is not None or self.options.auto:
            return self.options.fixed_seed
        return secrets.randbelow(FRESH_SEEDS)

    # -- the worker's name ---------------------------------------------------------------
    def player_name(self) -> str | None:
        """The name the trainee chose for the worker: --name, else the saved setting; None for the scenario's own."""
        return self.options.name or self.app.settings.worker_name or None

    def name_in_use(self, scenario: Any) -> str:
        """The worker's name a new playthrough of ``scenario`` would use."""
        return self.player_name() or default_name(scenario)

    def name_entry(self, scenario: Any) -> None:
        from simulator.ui.scenes.name_entry import NameEntryScene

        self.app.push(NameEntryScene(self.app, default_name(scenario), cli_name=self.options.name))

    def resume_latest(self, saved: Any = None) -> None:
        """Continue the latest unfinished playthrough (or ``saved``, one picked from Past playthroughs)."""
        from simulator.ui.runner import ResumeError, Run
        from simulator.ui.scenes.play import PlayScene
        from simulator.ui.scenes.title import TitleScene

        saved = saved if saved is not None else self.resumable()
        if saved is None:
            return
        found = self.catalog.find(saved.scenario_id)
        if found is None:
            self.notice("This case is not here", [
                f"Your unfinished playthrough is of {saved.scenario_title}, which is not installed on this computer "
                "(or has problems in its files). It is kept safely in your records."])
            return
        try:
            run = Run.resume(found[1], saved, self.store, on_problem=self.problem, saver=self.saver)
        except ResumeError as exc:
            self.notice("This playthrough cannot be continued", [
                str(exc), "It has been set aside in your records (nothing was deleted). You can begin a new playthrough."])
            from simulator.records.store import StoreError

            with contextlib.suppress(StoreError):  # a damaged row cannot be marked; the notice has said what happened
                self.store.abandon(saved.id)
            return
        self.catalog.selected = found[0]
        self.app.reset(TitleScene(self.app), PlayScene(self.app, run, resumed=True))

    def ending(self, play: Any) -> None:
        from simulator.ui.scenes.ending import EndingScene

        if play.on_finish is not None:
            play.on_finish(play)
        else:
            self.app.push(EndingScene(self.app, play.run))

    def debrief(self, run: Run) -> None:
        from simulator.ui.review import Review
        from simulator.ui.scenes.debrief import DebriefScene

        review = Review.of_run(run, run.store, run.saver, on_problem=self.problem)
        self.app.replace(DebriefScene(self.app, review, run=run))

    def step_out(self, run: Run) -> None:
        from simulator.ui.scenes.title import TitleScene
        from simulator.ui.text import Para, Span, para

        body: list[Any] = list(GROUNDING)
        if not run.saving:
            body[0] = "You have stepped out. This playthrough was not being saved, so it cannot be continued later."
        support = run.session.scenario.support
        if support:
            body.append(para("If you would like to talk it through:", "body", "text", space_after=0.2, keep_with_next=True))
            body.extend(Para((Span(f"{s.name}: ", "bold", "text"), Span(s.detail, "body", "text")), bullet=True, space_after=0.15) for s in support)
        self.app.reset(TitleScene(self.app))
        self.notice("You have stepped out", body, button="Back to the title")

    # -- the watch mode --------------------------------------------------------------
    def watch(self) -> None:
        path = self.catalog.selected
        scenario = self.catalog.scenario(path) if path is not None else None
        if scenario is None:
            self.notice("Nothing to watch", ["There is no playable case to watch. A trainer can check the case with doorstep validate."])
            return
        from simulator.ui.watch_tour import open_watch

        open_watch(self.app, scenario)

    # -- telling the trainee -------------------------------------------------------------
    def notice(self, heading: str, body: list[Any], button: str = "OK", on_ok: Any = None) -> None:
        from simulator.ui.scenes.notice import NoticeScene

        self.app.push(NoticeScene(self.app, heading, body, button, on_ok))

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


def default_name(scenario: Any) -> str:
    """The scenario's own name for the worker the trainee plays (as its dialogue would say it)."""
    worker = scenario.characters.get(scenario.player)
    return worker.short if worker is not None else str(scenario.player)
