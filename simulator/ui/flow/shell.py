"""The flow of the shell: from the title to a case (picker, prebrief, the worker's name, begin), Continue, and stepping out."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.services.care import GROUNDING, GROUNDING_EXERCISE, NO_SUPPORT_LISTED, NOT_SAVED
from simulator.services.settings import Mode
from simulator.ui.flow.base import FlowBase, default_name, new_seed
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.shell.title import TitleScene

if TYPE_CHECKING:  # the engine and the store come in when a case begins, not before the first frame
    from simulator.records.store import Playthrough
    from simulator.scenario.model import Scenario
    from simulator.services.place import Place
    from simulator.services.run import Run
    from simulator.ui.shell.prebrief import PrebriefScene


class ShellFlow(FlowBase):
    """The title's buttons, choosing and beginning a case, Continue, and stepping out."""

    # -- what the title offers -------------------------------------------------------
    def resumable(self) -> Playthrough | None:
        """The most recently played unfinished playthrough that can be read, if any."""
        return next((p for p in self._unfinished() if not p.damaged), None)

    def passed_over(self) -> list[Playthrough]:
        """Unfinished playthroughs more recent than the one Continue offers, which are damaged and cannot be continued."""
        out: list[Playthrough] = []
        for p in self._unfinished():
            if not p.damaged:
                break
            out.append(p)
        return out

    def _unfinished(self) -> list[Playthrough]:
        if self.store is None or self.options.auto:
            return []
        from simulator.records.store import StoreError

        self.settle()
        try:
            return self.store.unfinished()
        except StoreError as exc:
            self.problem(str(exc))
            return []

    def tell_passed_over(self, offered: Playthrough | None, then: Callable[[], None] | None = None) -> bool:
        """Say (once per playthrough) that the latest playthroughs cannot be continued and what Continue offers instead.

        Never quietly: without this, Continue would resume an older playthrough
        as if it were the latest. True if a notice went up (``then`` runs on OK).
        """
        told = [p for p in self.passed_over() if p.id not in self.told_damaged]
        if not told:
            return False
        self.told_damaged.update(p.id for p in told)
        body: list[str | Para] = [
            f"{p.scenario_title}, started {_day(p.started_at)} ({_steps(p.steps)} saved), cannot be continued. {p.damaged} "
            "It is kept in your records as it is; nothing was deleted."
            for p in told
        ]
        if offered is not None:
            body.append(f"Continue now takes you to the playthrough before it: {offered.scenario_title}, started {_day(offered.started_at)} ({_steps(offered.steps)} in).")
        else:
            body.append("There is no other playthrough to continue. You can begin a new one.")
        heading = "Your latest playthrough cannot be continued" if len(told) == 1 else "Your latest playthroughs cannot be continued"
        self.notice(heading, body, on_ok=then)
        return True

    def selected_title(self) -> str:
        return self.catalog.selected_title()

    # -- choosing and beginning a case ---------------------------------------------------
    def new_playthrough(self) -> None:
        from simulator.ui.shell.picker import PickerScene

        picker = PickerScene(self.app, self.flow, self.catalog)
        self.app.push(picker)
        self.app.later(lambda: _warm("simulator.ui.shell.prebrief"))  # while the list is read: the next screen's code
        self.app.later(lambda: self._prebrief_ahead(picker.path))  # and the words of the case it opens on, laid out

    def _prebrief_scene(self, path: Path) -> PrebriefScene | None:
        from simulator.ui.shell.prebrief import PrebriefScene

        scenario = self.catalog.scenario(path)
        if scenario is None:
            return None
        return PrebriefScene(self.app, self.flow, scenario, self.unfinished_of(scenario.id), assessment=self.options.assessment)

    def _prebrief_ahead(self, path: Path | None) -> None:
        """Lay out a case's prebrief while the list is read (its pages are remembered: opening it is then a lookup)."""
        from simulator.ui.flow.play import warm_card

        scene = self._prebrief_scene(path) if path is not None else None
        if scene is not None:
            warm_card(scene, self.app.look)
            from simulator.assets import seen_in_person

            seen_in_person(scene.scenario)  # who is drawn in person, asked as the case opens (ArtCache.use_scenario): known now

    def prebrief(self, path: Path) -> None:
        scene = self._prebrief_scene(path)
        if scene is None:
            return
        self.app.art.use_scenario(scene.scenario)
        self.app.push(scene)
        self.app.later(lambda: self._play_ahead(scene))  # while it is read: the case's first moment and card
        self.app.later(lambda: _warm("simulator.ui.play.scene", "simulator.ui.play.transition", "simulator.ui.play.feedback", "simulator.authoring.watch"))

    def _play_ahead(self, prebrief: PrebriefScene) -> None:
        """Lay out and draw the case's first card and moment as a new playthrough would show them (a trial, never saved)."""
        from simulator.services.run import Run

        if self.app.top is prebrief:
            self.flow.prepare_first(Run.begin(prebrief.scenario, seed=new_seed(self.options), mode=prebrief.mode, player_name=self.player_name()))

    def player_name(self) -> str | None:
        """The name the trainee chose for the worker: --name, else the saved setting; None for the scenario's own."""
        return self.options.name or self.app.settings.worker_name or None

    def name_in_use(self, scenario: Scenario) -> str:
        """The worker's name a new playthrough of ``scenario`` would use."""
        return self.player_name() or default_name(scenario)

    def name_entry(self, scenario: Scenario) -> None:
        from simulator.ui.shell.name_entry import NameEntryScene

        self.app.push(NameEntryScene(self.app, self, default_name(scenario), cli_name=self.options.name))

    def begin(self, scenario: Scenario, mode: Mode) -> None:
        """Start a new playthrough (saved unless this is auto play) and show its first moment."""
        from simulator.records.store import now
        from simulator.services.run import Run

        store = None if self.options.auto else self.store
        self.set_aside(self.unfinished_of(scenario.id), now())
        run = Run.begin(
            scenario,
            seed=new_seed(self.options),
            mode=mode,
            player_name=self.player_name(),
            store=store,
            on_problem=self.problem,
            saver=self.saver if store else None,
        )
        self.flow.start_play(run)

    def begin_from(self, scenario: Scenario) -> None:
        """A trainer's try-out (``--from`` / ``--set``): play starts at the node with the values set, and is not saved."""
        from simulator.authoring.playfrom import FromError, overrides, reach
        from simulator.services.run import Run

        try:
            arrival = reach(scenario, self.options.start_at or scenario.start, seed=self.options.fixed_seed, player_name=self.player_name())
            session = overrides(arrival.session, self.options.set_values) if self.options.set_values else arrival.session
        except FromError as exc:  # checked before the window opened; the files may have changed since
            self.notice("Cannot start there", [str(exc)])
            return
        self.flow.start_play(Run(session, "assessment" if self.options.assessment else "coach"))
        where = f"Started at {session.state.node}" + (f" with {', '.join(self.options.set_values)}" if self.options.set_values else "")
        self.notice("Trying out a scene", [f"{where}. This playthrough is not saved. F5 reloads the case after you save a change.", *([arrival.note] if arrival.note else [])])

    def resume_latest(self, saved: Playthrough | None = None) -> None:
        """Continue the latest unfinished playthrough (or ``saved``, one picked from Past playthroughs)."""
        from simulator.records.store import StoreError
        from simulator.services.run import ResumeError, Run

        if saved is None:
            offered = self.resumable()
            if self.tell_passed_over(offered):  # the trainee reads it, then chooses Continue again (or not)
                return
            saved = offered
        if saved is None or self.store is None:
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
            with contextlib.suppress(StoreError):  # a damaged row cannot be marked; the notice has said what happened
                self.store.abandon(saved.id)
            return
        self.catalog.selected = found[0]
        place = self.place_of(saved)
        self.flow.start_play(run, resumed=True, line=place.line if place is not None else 0)

    def place_of(self, saved: Playthrough) -> Place | None:
        """Where ``saved`` was left (episode and line), when it was kept after its last action."""
        if self.store is None:
            return None
        from simulator.services.place import place_for, places_file

        return place_for(places_file(self.store.path), saved.id, saved.steps)

    # -- leaving ----------------------------------------------------------------------------
    def take_a_moment(self, run: Run) -> None:
        """From pause: the grounding exercise the prebrief promises, and where to find support; back to pause after."""
        first, *steps, last = GROUNDING_EXERCISE
        body: list[str | Para] = [para(first, "body", "text", space_after=0.3)]
        body.extend(para(step, "body", "text", bullet=True, space_after=0.15) for step in steps)
        body.append(para(last, "body", "text", space_before=0.2, space_after=0.4))
        body.append(para("Where to find support", "heading", "text", space_after=0.2, keep_with_next=True))
        support = run.session.scenario.support
        if support:
            body.extend(Para((Span(f"{s.name}: ", "bold", "text"), Span(s.detail, "body", "text")), bullet=True, space_after=0.15) for s in support)
        else:
            body.append(para(NO_SUPPORT_LISTED, "body", "text"))
        self.notice("Take a moment", body, button="Back to the pause menu")

    def step_out(self, run: Run) -> None:
        """Save and step out: back to the title, with a moment to ground oneself and where support is."""
        playing = self.flow.playing
        if playing is not None and playing.run is run:
            playing.keep_place()  # Continue opens at this line
        body: list[str | Para] = list(GROUNDING)
        if not run.saving:
            body[0] = NOT_SAVED
        support = run.session.scenario.support
        if support:
            body.append(para("If you would like to talk it through:", "body", "text", space_after=0.2, keep_with_next=True))
            body.extend(Para((Span(f"{s.name}: ", "bold", "text"), Span(s.detail, "body", "text")), bullet=True, space_after=0.15) for s in support)
        self.app.reset(TitleScene(self.app, self.flow))
        self.notice("You have stepped out", body, button="Back to the title")


def _warm(*modules: str) -> None:
    """Import what the next screen needs while this one is read, so pressing on never waits for Python to load code."""
    import importlib

    for name in modules:
        importlib.import_module(name)


def _day(iso: str) -> str:
    """"2026-03-03T09:00:00+00:00" as "3 March 2026" (the text as it is if it is not a date)."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:40]
    return f"{when.day} {when:%B %Y}"


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"
