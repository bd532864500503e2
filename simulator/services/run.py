"""A playthrough being played: the session plus saving every action as it is made.

Pure Python (no pygame). Each choice or continue goes to the engine and
straight into the record store (:mod:`simulator.records.store`), so closing
the lid or killing the process loses nothing: :meth:`Run.resume` replays the
saved actions to the same decision. The window hands the writes to a
:class:`~simulator.services.saver.Saver`, a thread with its own connection that commits them in order
(synchronous, fsynced) a few milliseconds later, so the screen never waits
for the disk; only an action made in the last instant before a kill can be
missing, and then Continue lands on the decision just before it. If saving
fails (a full disk, a read-only folder) the trainee is told once and can play on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.engine.actions import Action
from simulator.engine.save import Save
from simulator.engine.session import Session, SessionError
from simulator.engine.state import StateError, Step
from simulator.records.record import build_record
from simulator.records.store import Playthrough, Store, StoreError, now
from simulator.scenario.model import Scenario
from simulator.services.place import Place, keep_place, place_of, places_file
from simulator.services.saver import Job, Saver
from simulator.services.settings import Mode

Problem = Callable[[str], None]


class ResumeError(Exception):
    """A saved playthrough that cannot be continued; the message is for the trainee."""


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class _PlaceJob:
    """Keeping a place, on the saver thread; quiet: it is no saved choice, so the record sender is not nudged."""

    path: Path
    pid: int
    place: Place
    quiet: bool = True

    def __call__(self, _: Store) -> None:
        keep_place(self.path, self.pid, self.place)  # never raises: a place not kept only means Continue opens at the moment's start


@dataclass
class Run:
    """One playthrough being played (saved to ``store`` unless it is a demo)."""

    session: Session
    mode: Mode = "coach"
    store: Store | None = None
    pid: int | None = None
    on_problem: Problem = field(default=_ignore)
    clock: Callable[[], str] = field(default=now)
    saver: Saver | None = None

    @property
    def coach(self) -> bool:
        return self.mode == "coach"

    @property
    def saving(self) -> bool:
        return self.store is not None and self.pid is not None

    @classmethod
    def begin(
        cls,
        scenario: Scenario,
        *,
        seed: int,
        mode: Mode,
        player_name: str | None = None,
        store: Store | None = None,
        on_problem: Problem = _ignore,
        clock: Callable[[], str] = now,
        saver: Saver | None = None,
    ) -> Run:
        """A new playthrough at the first node, registered in the store if there is one."""
        session = Session.start(scenario, seed=seed, player_name=player_name)
        run = cls(session, mode, store, None, on_problem, clock, saver)
        if store is not None:
            try:
                run.pid = store.begin(scenario.id, scenario.title, seed, mode, player_name, clock())
            except StoreError as exc:
                run._stop_saving(str(exc))
        return run

    @classmethod
    def resume(
        cls, scenario: Scenario, saved: Playthrough, store: Store, on_problem: Problem = _ignore, clock: Callable[[], str] = now, saver: Saver | None = None
    ) -> Run:
        """Replay a saved playthrough to where it stopped; raises :class:`ResumeError` if it cannot."""
        if saved.damaged:
            raise ResumeError(saved.damaged)
        try:
            actions = store.actions(saved.id)
        except StoreError as exc:
            raise ResumeError(str(exc)) from exc
        try:
            session = Session.restore(scenario, Save.of(scenario.id, saved.seed, actions, saved.player_name))
        except (SessionError, StateError, KeyError, ValueError) as exc:
            raise ResumeError(
                f"The saved playthrough of {saved.scenario_title} no longer fits the scenario, which has changed since it was saved ({exc})."
            ) from exc
        return cls(session, saved.mode, store, saved.id, on_problem, clock, saver)

    # -- acting ------------------------------------------------------------------
    def act(self, action: Action) -> Step:
        """Take the action in the session, then save the step."""
        step = self.session.act(action)
        self._save(step)
        return step

    @property
    def can_skip(self) -> bool:
        """Stepping out of a scene is always allowed until the case has ended (psychological safety)."""
        return not self.session.finished

    def _save(self, step: Step) -> None:
        pid = self.pid
        if not self.saving or pid is None:
            return
        index, at = len(self.session.state.steps) - 1, self.clock()
        jobs: list[Job] = [lambda store: store.add_step(pid, index, step.choice, step.to_dict(), at=at)]
        if self.session.finished:
            record = build_record(self.session, {"mode": self.mode})
            jobs.append(lambda store: store.finish(pid, record, at))
        self._write(jobs)
        if not self.session.finished:
            self.keep_place(0)  # a new moment, from its first line

    def keep_place(self, line: int) -> None:
        """Remember the line on screen (and the episode) beside the store, for Continue; nothing happens when not saving."""
        pid, store = self.pid, self.store
        if not self.saving or pid is None or store is None:
            return
        job = _PlaceJob(places_file(store.path), pid, place_of(self.session, line))
        if self.saver is not None:
            self.saver.submit(job)
        else:
            job(store)

    def _write(self, jobs: list[Job]) -> None:
        """Hand writes to the saver thread, or make them here when there is none."""
        if self.saver is not None:
            for job in jobs:
                self.saver.submit(job)
            return
        assert self.store is not None
        try:
            for job in jobs:
                job(self.store)
        except StoreError as exc:
            self._stop_saving(str(exc))

    def poll(self) -> bool:
        """Hear about writes the saver thread could not make; True if there was a problem."""
        problems = self.saver.problems() if self.saver is not None else []
        if problems and self.saving:
            self._stop_saving(problems[0])
        return bool(problems)

    def flush(self) -> None:
        """Wait until everything saved so far is on disk."""
        if self.saver is not None:
            self.saver.drain()
        self.poll()

    def _stop_saving(self, reason: str) -> None:
        self.store = None
        self.saver = None
        self.on_problem(f"{reason} You can keep playing, but from here this playthrough is not being saved.")

    def adopt(self, session: Session, kept: int) -> Run:
        """This playthrough carried on with ``session`` (the same actions replayed on the edited case), saving the same.

        When only the first ``kept`` actions still fitted, the store keeps those.
        """
        run = Run(session, self.mode, self.store, self.pid, self.on_problem, self.clock, self.saver)
        pid = self.pid
        if self.saving and pid is not None and kept < len(self.session.state.steps):
            at = self.clock()
            run._write([lambda store: store.truncate(pid, kept, at=at)])
        return run

    @property
    def can_rewind(self) -> bool:
        """Rewind is for practice: coach mode, with at least one choice made, before the end."""
        return self.coach and not self.session.finished and any(s.choice is not None for s in self.session.state.steps)

    def rewind(self) -> bool:
        """Go back to the decision where the latest choice was made; False if not allowed."""
        if not self.can_rewind:
            return False
        self.session = self.session.rewind()
        pid = self.pid
        if self.saving and pid is not None:
            keep, at = len(self.session.state.steps), self.clock()
            self._write([lambda store: store.truncate(pid, keep, at=at)])
        return True

    def abandon(self) -> None:
        """The trainee started afresh instead: stop offering this one to continue."""
        pid = self.pid
        if self.saving and pid is not None:
            at = self.clock()
            self._write([lambda store: store.abandon(pid, at=at)])
