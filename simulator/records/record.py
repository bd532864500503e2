"""Playthrough records: a versioned JSON document of what was chosen and what followed.

A record holds enough to replay the playthrough exactly (scenario id, seed,
every action in order) and enough to read without replaying (the clock,
scores and trust after each step, the ending). Records are what the debrief,
the report and the local store are built from.
"""

from __future__ import annotations

from typing import Any

from simulator.engine.actions import ActionError, decode
from simulator.engine.save import Save
from simulator.engine.session import Session
from simulator.engine.state import Step
from simulator.scenario.budget import MAX_NODES
from simulator.scenario.calendar import clock_text
from simulator.scenario.loops import looped, rounds, written_id
from simulator.scenario.model import Scenario

RECORD_FORMAT = 1
# A story never loops back (G507), so a playthrough takes at most one step at each node, and a scenario
# has at most MAX_NODES of them (F313): a record with more steps was not made by playing.
MAX_STEPS = MAX_NODES


class RecordError(ValueError):
    """A record that cannot be read or does not fit the scenario."""


def _step(scenario: Scenario, step: Step, round_: int, loops: frozenset[str]) -> dict[str, Any]:
    """One step as a record keeps it: the node as the trainer wrote it, and in a loop which round of it this was."""
    d = step.to_dict()
    d["node"] = written_id(step.node)
    if d["node"] in loops:
        d["round"] = round_
    for event in d["events"]:
        event["node"] = written_id(event["node"])
    d["date"] = scenario.calendar.date_of(step.day).isoformat()
    d["time"] = clock_text(step.minutes)
    d["episode"] = scenario.nodes[step.node].episode
    choice = scenario.choice_by_id.get(step.choice) if step.choice else None
    if choice is not None:
        d["path"] = choice.path
    return d


def build_record(session: Session, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The record of a session so far (finished or not)."""
    s = session.state
    scenario = session.scenario
    ending = session.ending
    loops = looped(scenario)
    record: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "kind": "doorstep-record",
        "scenario": scenario.id,
        "scenario_title": scenario.title,
        "seed": s.seed,
        "player_name": s.player_name,
        "steps": [_step(scenario, st, r, loops) for st, r in zip(s.steps, rounds(st.node for st in s.steps), strict=True)],
        "finished": session.finished,
        "ending": s.node if ending is not None else None,
        "ending_kind": ending.kind if ending is not None else None,
        "ending_title": ending.title if ending is not None else None,
        "scores": dict(s.scores),
        "trust": dict(s.trust),
        "flags": dict(s.flags),
        "skipped": list(s.skipped),
    }
    if extra:
        record.update(extra)
    return record


def save_of(record: dict[str, Any]) -> Save:
    """The playthrough a record holds, as a save; :class:`RecordError` if one of its actions is not one."""
    check_record(record)
    name = record.get("player_name")
    try:
        return Save.of(str(record["scenario"]), record["seed"], (step["choice"] for step in record["steps"]), name if isinstance(name, str) else None)
    except ActionError as exc:
        raise RecordError(f"the record's steps are damaged: {exc}") from exc


def check_length(record: Any) -> None:
    """Raise :class:`RecordError` when a record has more steps than any playthrough can: told before any work is done on it."""
    steps = record.get("steps") if isinstance(record, dict) else None
    if isinstance(steps, list) and len(steps) > MAX_STEPS:
        raise RecordError(
            f"the record has {len(steps):,} steps, more than any playthrough can have (a scenario has at most {MAX_NODES:,} nodes, and a playthrough passes each at most once)"
        )


def check_record(record: Any) -> None:
    """Raise :class:`RecordError` unless ``record`` has the shape of a record."""
    if not isinstance(record, dict):
        raise RecordError("a record is a JSON object")
    if record.get("format") != RECORD_FORMAT:
        raise RecordError(f"record format {record.get('format')!r} is not supported (expected {RECORD_FORMAT})")
    for key in ("scenario", "seed", "steps"):
        if key not in record:
            raise RecordError(f"the record has no `{key}`")
    steps = record["steps"]
    check_length(record)
    if not isinstance(steps, list) or not all(
        isinstance(s, dict) and "node" in s and (s["node"] is None or isinstance(s["node"], str)) and "choice" in s and (s["choice"] is None or isinstance(s["choice"], str)) for s in steps
    ):
        raise RecordError("the record's steps are damaged")
    seed = record["seed"]
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**64:  # True is an int to Python, not a seed
        raise RecordError("the record's seed is not a whole number that fits in 64 bits")


def _lands(at: str, said: str | None) -> bool:
    """Whether the session stands where a record's step says: as written (``hub``), or as a copy's own id in older records."""
    return said == at or said == written_id(at)


def replay_record(scenario: Scenario, record: dict[str, Any]) -> Session:
    """Replay a record against the scenario, checking every step lands where it says."""
    check_record(record)
    if record["scenario"] != scenario.id:
        raise RecordError(f"the record is for `{record['scenario']}`, not `{scenario.id}`")
    session = Session.start(scenario, record["seed"], record.get("player_name"))
    for i, step in enumerate(record["steps"], 1):
        if not _lands(session.state.node, step["node"]):
            raise RecordError(f"step {i}: the record is at `{step['node']}` but the scenario is at `{written_id(session.state.node)}` (has the scenario changed?)")
        try:
            session.act(decode(step["choice"]))
        except Exception as exc:  # SessionError: the scenario no longer offers it; ActionError: not an action
            raise RecordError(f"step {i}: {exc}") from exc
    return session
