"""A playthrough in the window: the session plus saving every action as it is made.

Pure Python (no pygame). Each choice or continue goes to the engine and,
before the screen moves on, into the record store (:mod:`simulator.records.store`),
so closing the lid or killing the process loses nothing: :meth:`Run.resume`
replays the saved actions to the same decision. If saving fails (a full
disk, a read-only folder) the trainee is told once and can play on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from simulator.engine.session import Session, SessionError
from simulator.engine.state import SKIP, StateError, Step
from simulator.records.record import build_record
from simulator.records.store import Playthrough, Store, StoreError, now
from simulator.scenario.model import Choice, Scenario

Mode = Literal["coach", "assessment"]
Problem = Callable[[str], None]


class ResumeError(Exception):
    """A saved playthrough that cannot be continued; the message is for the trainee."""


def _ignore(_: str) -> None:
    return None


@dataclass
class Run:
    """One playthrough being played (saved to ``store`` unless it is a demo)."""

    session: Session
    mode: Mode = "coach"
    store: Store | None = None
    pid: int | None = None
    on_problem: Problem = field(default=_ignore)
    clock: Callable[[], str] = field(default=now)
    label: str = ""

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
    ) -> Run:
        """A new playthrough at the first node, registered in the store if there is one."""
        session = Session.start(scenario, seed=seed, player_name=player_name)
        run = cls(session, mode, store, None, on_problem, clock)
        if store is not None:
            try:
                run.pid = store.begin(scenario.id, scenario.title, seed, mode, player_name, clock())
            except StoreError as exc:
                run._stop_saving(str(exc))
        return run

    @classmethod
    def resume(cls, scenario: Scenario, saved: Playthrough, store: Store, on_problem: Problem = _ignore, clock: Callable[[], str] = now) -> Run:
        """Replay a saved playthrough to where it stopped; raises :class:`ResumeError` if it cannot."""
        if saved.damaged:
            raise ResumeError(saved.damaged)
        try:
            actions = store.actions(saved.id)
        except StoreError as exc:
            raise ResumeError(str(exc)) from exc
        try:
            session = Session.replay(scenario, saved.seed, actions, saved.player_name)
        except (SessionError, StateError, KeyError, ValueError) as exc:
            raise ResumeError(
                f"The saved playthrough of {saved.scenario_title} no longer fits the scenario, which has changed since it was saved ({exc})."
            ) from exc
        return cls(session, saved.mode, store, saved.id, on_problem, clock)

    # -- acting ------------------------------------------------------------------
    def act(self, action: Choice | str | int | None) -> Step:
        """Choose (a choice, its id or index), continue (None) or skip the scene (SKIP), then save the step."""
        if action is None:
            step = self.session.proceed()
        elif action == SKIP:
            step = self.session.skip_episode()
        else:
            step = self.session.choose(action)
        self._save(step)
        return step

    @property
    def can_skip(self) -> bool:
        """Stepping out of a scene is always allowed until the case has ended (psychological safety)."""
        return not self.session.finished

    def _save(self, step: Step) -> None:
        if not self.saving:
            return
        assert self.store is not None and self.pid is not None
        index = len(self.session.state.steps) - 1
        try:
            self.store.add_step(self.pid, index, step.choice, step.to_dict(), at=self.clock())
            if self.session.finished:
                self.store.finish(self.pid, build_record(self.session, {"mode": self.mode}), self.clock())
        except StoreError as exc:
            self._stop_saving(str(exc))

    def _stop_saving(self, reason: str) -> None:
        self.store = None
        self.on_problem(f"{reason} You can keep playing, but from here this playthrough is not being saved.")

    @property
    def can_rewind(self) -> bool:
        """Rewind is for practice: coach mode, with at least one choice made, before the end."""
        return self.coach and not self.session.finished and any(s.choice is not None for s in self.session.state.steps)

    def rewind(self) -> bool:
        """Go back to the decision where the latest choice was made; False if not allowed."""
        if not self.can_rewind:
            return False
        self.session = self.session.rewind()
        if self.saving:
            assert self.store is not None and self.pid is not None
            try:
                self.store.truncate(self.pid, len(self.session.state.steps), at=self.clock())
            except StoreError as exc:
                self._stop_saving(str(exc))
        return True

    def abandon(self) -> None:
        """The trainee started afresh instead: stop offering this one to continue."""
        if self.saving:
            assert self.store is not None and self.pid is not None
            try:
                self.store.abandon(self.pid, at=self.clock())
            except StoreError as exc:
                self.on_problem(str(exc))
