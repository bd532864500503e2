"""A playthrough looked back on: its debrief, the trainee's reflections, the export, and replay from a decision.

Pure Python (no pygame). The debrief, reflection and compare screens share
one :class:`Review`, built either just after play (from the session) or
from the record store (Past playthroughs). The debrief itself is
:func:`simulator.report.debrief.build_debrief`; the canonical paths and
score bounds it needs are worked out once per scenario and kept.

Reflections are saved to the store as the trainee writes
(:meth:`Review.save`), through the window's saver thread when there is one,
so typing never waits for the disk. The export writes the same
self-contained HTML page and JSON as ``doorstep report``, with the
reflections in, atomically, to a folder the trainee can find.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator import fileio
from simulator.analysis.bounds import Bounds, score_bounds
from simulator.analysis.divergence import DecisionPoint
from simulator.analysis.paths import Trace, canonical_paths
from simulator.engine.actions import Action
from simulator.engine.save import Save
from simulator.engine.session import Session, SessionError
from simulator.engine.state import StateError
from simulator.records.record import RecordError, build_record
from simulator.records.store import Playthrough, Store, StoreError, data_dir, now
from simulator.report.debrief import Debrief, build_debrief, trace_record
from simulator.report.reflection import STAGE_IDS, saved_reflections, with_reflections
from simulator.scenario.model import Scenario
from simulator.services.run import Run
from simulator.services.saver import Saver
from simulator.services.settings import Mode

EXPORT_ENV = "DOORSTEP_EXPORT_DIR"
_ANALYSED: dict[int, tuple[Scenario, dict[str, Trace], Bounds]] = {}


class ReviewError(Exception):
    """A saved playthrough that cannot be looked back on; the message is for the trainee."""


@dataclass(frozen=True)
class Exported:
    """Where the export went."""

    folder: Path
    html: Path
    json: Path


def analysed(scenario: Scenario) -> tuple[dict[str, Trace], Bounds]:
    """The canonical paths and score bounds of a scenario, worked out once per loaded scenario."""
    found = _ANALYSED.get(id(scenario))
    if found is None or found[0] is not scenario:
        if len(_ANALYSED) >= 4:
            _ANALYSED.clear()
        found = (scenario, canonical_paths(scenario), score_bounds(scenario))
        _ANALYSED[id(scenario)] = found
    return found[1], found[2]


def export_folder() -> Path:
    """$DOORSTEP_EXPORT_DIR, else a Doorstep folder in the trainee's Documents."""
    env = os.environ.get(EXPORT_ENV)
    if env:
        return fileio.home_path(env, EXPORT_ENV)
    import platformdirs

    return fileio.platform_dir(platformdirs.user_documents_dir, EXPORT_ENV) / "Doorstep"


class Review:
    """One playthrough's record, its debrief, and what the trainee writes about it."""

    def __init__(
        self,
        scenario: Scenario,
        record: dict[str, Any],
        *,
        pid: int | None = None,
        store: Store | None = None,
        saver: Saver | None = None,
        started_at: str | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.scenario = scenario
        self.record = record
        self.pid = pid
        self.store = store
        self.saver = saver
        self.started_at = started_at
        self.on_problem = on_problem or (lambda _: None)
        self.reflections: dict[str, str] = dict(saved_reflections(record))
        if store is not None and pid is not None:
            try:
                self.reflections.update({k: v for k, v in store.reflections(pid).items() if k in STAGE_IDS})
            except StoreError as exc:
                self.on_problem(str(exc))
        self._unsaved: set[str] = set()
        self._debrief: Debrief | None = None
        self._trace: Trace | None = None
        self._session: Session | None = None

    # -- making one ------------------------------------------------------------------
    @classmethod
    def of_run(cls, run: Run, store: Store | None = None, saver: Saver | None = None, on_problem: Callable[[str], None] | None = None) -> Review:
        """The review of a playthrough just played in the window."""
        record = build_record(run.session, {"mode": run.mode})
        saving = run.saving
        return cls(run.session.scenario, record, pid=run.pid if saving else None, store=store if saving else None, saver=saver if saving else None, on_problem=on_problem)

    @classmethod
    def of_saved(cls, scenario: Scenario, saved: Playthrough, store: Store, saver: Saver | None = None, on_problem: Callable[[str], None] | None = None) -> Review:
        """The review of a playthrough in the record store (finished, or as far as it went)."""
        if saved.damaged:
            raise ReviewError(saved.damaged)
        try:
            record = store.record(saved.id)
            if record is None:
                session = Session.restore(scenario, Save.of(scenario.id, saved.seed, store.actions(saved.id), saved.player_name))
                record = build_record(session, {"mode": saved.mode})
            trace_record(scenario, record)  # does it still fit this version of the case?
        except StoreError as exc:
            raise ReviewError(str(exc)) from exc
        except (RecordError, SessionError, StateError, ValueError, KeyError) as exc:
            raise ReviewError(f"This playthrough of {saved.scenario_title} no longer fits the case, which has changed since it was played ({exc}).") from exc
        return cls(scenario, record, pid=saved.id, store=store, saver=saver, started_at=saved.started_at, on_problem=on_problem)

    # -- what it holds -----------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        mode = self.record.get("mode")
        return "assessment" if mode == "assessment" else "coach"

    @property
    def saving(self) -> bool:
        return self.store is not None and self.pid is not None

    @property
    def debrief(self) -> Debrief:
        if self._debrief is None:
            canonical, bounds = analysed(self.scenario)
            self._debrief = build_debrief(self.scenario, self.record, canonical=canonical, bounds=bounds)
        return self._debrief

    @property
    def trace(self) -> Trace:
        if self._trace is None:
            self._trace = trace_record(self.scenario, self.record)
        return self._trace

    @property
    def session(self) -> Session:
        """The playthrough replayed to its end (for the choices list and filling in names)."""
        if self._session is None:
            self._session = Session.restore(self.scenario, self.trace.save(self.scenario.id, player_name=self._player()))
        return self._session

    def _player(self) -> str | None:
        name = self.record.get("player_name")
        return name if isinstance(name, str) else None

    # -- reflections ----------------------------------------------------------------------
    def write(self, stage: str, text: str) -> None:
        """Keep what the trainee has written for a stage (saved by :meth:`save`)."""
        if stage not in STAGE_IDS:
            raise ValueError(f"unknown reflection stage {stage!r}")
        if self.reflections.get(stage, "") != text:
            self.reflections[stage] = text
            self._unsaved.add(stage)

    @property
    def unsaved(self) -> bool:
        return bool(self._unsaved)

    def save(self, at: str | None = None) -> None:
        """Save every stage written since the last save (a no-op when this playthrough is not in the store)."""
        if not self._unsaved or not self.saving:
            self._unsaved.clear()
            return
        at = at or now()
        pid, store = self.pid, self.store
        assert pid is not None and store is not None  # saving
        jobs = [(stage, self.reflections.get(stage, "")) for stage in STAGE_IDS if stage in self._unsaved]
        self._unsaved.clear()
        for stage, text in jobs:
            if self.saver is not None:
                self.saver.submit(functools.partial(_save_reflection, pid=pid, stage=stage, text=text, at=at))
                continue
            try:
                store.save_reflection(pid, stage, text, at)
            except StoreError as exc:
                self.on_problem(f"{exc} Your reflection is still on screen; Export keeps a copy.")
                return

    def answered(self) -> int:
        return sum(1 for s in STAGE_IDS if self.reflections.get(s, "").strip())

    # -- export --------------------------------------------------------------------------------
    def file_stem(self, at: str) -> str:
        when = (self.started_at or at)[:10]
        which = f"playthrough-{self.pid}" if self.pid is not None else re.sub(r"[^0-9]", "", at)[8:14] or "unsaved"
        return f"{self.scenario.id}-{when}-{which}"

    def export(self, folder: Path | None = None, at: str | None = None) -> Exported:
        """Write the debrief (reflections included) as one HTML page and its JSON; OSError if neither folder can be written."""
        from simulator.report.html import render

        at = at or now()
        canonical, bounds = analysed(self.scenario)
        texts = {s: t for s, t in self.reflections.items() if s in STAGE_IDS}
        debrief = build_debrief(self.scenario, with_reflections(self.record, texts), canonical=canonical, bounds=bounds)
        html_text = render(debrief)
        json_text = json.dumps(debrief.to_dict(), indent=2, ensure_ascii=False) + "\n"
        stem = self.file_stem(at)
        tried: list[str] = []
        for target in ([folder] if folder is not None else [export_folder(), _fallback_folder()]):
            try:
                html_path, json_path = target / f"{stem}.html", target / f"{stem}.json"
                fileio.write_atomic(html_path, html_text)
                fileio.write_atomic(json_path, json_text)
                return Exported(target, html_path, json_path)
            except OSError as exc:
                tried.append(f"{target} ({exc.strerror or exc})")
        raise OSError("could not write to " + " or ".join(tried))

    # -- replay from a decision -------------------------------------------------------------------
    def actions_before(self, decision: DecisionPoint) -> list[Action]:
        """Every action up to (not including) ``decision``: replayed, they stand at that decision with the state it had."""
        return self.trace.actions(decision.index)

    def replay(self, decision: DecisionPoint, *, store: Store | None = None, saver: Saver | None = None, on_problem: Callable[[str], None] | None = None) -> Run:
        """A new playthrough (a new entry in the store) standing at ``decision``, in the same setting."""
        run = Run.begin(
            self.scenario,
            seed=self.trace.seed,
            mode=self.mode,
            player_name=self._player(),
            store=store,
            on_problem=on_problem or self.on_problem,
            saver=saver,
        )
        for action in self.actions_before(decision):
            run.act(action)
        return run


def _save_reflection(store: Store, *, pid: int, stage: str, text: str, at: str) -> None:
    store.save_reflection(pid, stage, text, at)


def _fallback_folder() -> Path:
    """Next to the record store, when Documents cannot be written."""
    return data_dir() / "exports"
