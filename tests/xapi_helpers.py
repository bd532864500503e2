"""Helpers for the xAPI tests: playthroughs saved in a store as the window saves them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.engine.autoplay import policy
from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.records.store import Store
from simulator.scenario import load_scenario

PROJECT = Path(__file__).resolve().parent.parent
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def harris():
    result = load_scenario(PROJECT / "scenarios" / "harris-family")
    assert result.ok
    return result.scenario


def stamp(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat(timespec="seconds")


def save_playthrough(store: Store, scenario, chooser: str, seed: int, *, steps: int | None = None, name: str | None = None) -> int:
    """Play with a policy, saving every action with its time as the window does; finish it if it ends."""
    session = Session.start(scenario, seed, name)
    pid = store.begin(scenario.id, scenario.title, seed, "coach", name, stamp(seed))
    pick = policy(chooser, seed)
    index = 0
    while not session.finished and (steps is None or index < steps):
        step = session.choose(pick(session.choices)) if session.choices else session.proceed()
        store.add_step(pid, index, step.choice, step.to_dict(), at=stamp(seed + index / 10))
        index += 1
    if session.finished:
        store.finish(pid, build_record(session, {"mode": "coach"}), stamp(seed + index / 10 + 1))
    return pid


def scenarios_of(*loaded):
    by_id = {s.id: s for s in loaded}
    return lambda scenario_id: by_id.get(scenario_id)
