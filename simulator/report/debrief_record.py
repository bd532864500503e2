"""Records as the debrief reads them: a record file or a store export, replayed against the case as it is now.

A record is replayed (:func:`trace_record`); when the case was edited since
and the replay no longer fits, or reaches somewhere else than the record
stored, the debrief is rebuilt from what the record stored at the time
(:func:`from_stored`), with a sentence saying what changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulator import fileio
from simulator.analysis.paths import Trace, TraceError, trace_actions
from simulator.engine.session import Session
from simulator.records.record import RECORD_FORMAT, RecordError, check_record
from simulator.report.debrief_data import EXPORT_KIND
from simulator.report.reflection import RECORD_KEY
from simulator.report.stored import stored_trace
from simulator.scenario.model import Scenario


def as_record(data: Mapping[str, Any]) -> dict[str, Any]:
    """A playthrough record from a record file or a store export, reflections included.

    An export carries the record when the playthrough was finished, else only
    the actions; either way its reflections are merged in (text already in
    the record wins).
    """
    if not isinstance(data, Mapping):
        raise RecordError("a record is a JSON object")
    kind = data.get("kind")
    if isinstance(kind, str) and kind in fileio.KINDS and kind not in (EXPORT_KIND, "doorstep-record"):  # another of Doorstep's outputs, given by mistake
        raise RecordError(f"it is {fileio.KINDS[kind]}, not a playthrough record")
    if kind != EXPORT_KIND:
        return dict(data)
    about = data.get("playthrough")
    about = about if isinstance(about, Mapping) else {}
    inner = data.get("record")
    if isinstance(inner, Mapping):
        record = dict(inner)
    else:
        actions = data.get("actions")
        if not isinstance(actions, list):
            raise RecordError("the export holds neither a record nor the actions of a playthrough")
        record = {
            "format": RECORD_FORMAT,
            "scenario": about.get("scenario_id"),
            "seed": about.get("seed"),
            "player_name": about.get("player_name"),
            "mode": about.get("mode"),
            "steps": [{"choice": a, "node": None} for a in actions],
        }
    notes = data.get(RECORD_KEY)
    if isinstance(notes, Mapping):
        mine = record.get(RECORD_KEY)
        record[RECORD_KEY] = {**dict(notes), **(dict(mine) if isinstance(mine, Mapping) else {})}
    return record


def trace_record(scenario: Scenario, record: Mapping[str, Any]) -> Trace:
    """The trainee's trace, replayed from a record; :class:`RecordError` if it does not fit."""
    check_record(record)
    if record["scenario"] != scenario.id:
        raise RecordError(f"the record is for the scenario `{record['scenario']}`, not `{scenario.id}`")
    steps = record["steps"]
    try:
        return trace_actions(
            scenario,
            record["seed"],
            [s["choice"] for s in steps],
            nodes=[s["node"] for s in steps],
            player_name=record.get("player_name") if isinstance(record.get("player_name"), str) else None,
        )
    except TraceError as exc:
        raise RecordError(str(exc)) from exc


def said_at_the_end(scenario: Scenario, yours: Trace, record: Mapping[str, Any]) -> tuple[str, ...]:
    """What the ending node itself said on this route (its lines whose conditions held), names filled.

    An ending's text is the same for everyone who reaches it; its lines are what only this route
    earned (in Harris: that a safety error put Fiona at greater risk before John abused again), so
    the debrief keeps them beside the text, as the play showed them just before the ending.
    """
    name = record.get("player_name") if isinstance(record.get("player_name"), str) else None
    session = Session.replay(scenario, yours.seed, yours.actions(), name)
    if not session.finished:
        return ()
    shown = session.lines()
    if session.node.narration:
        shown = shown[1:]  # the node's narration, if it has one, is not a line of its own
    return tuple(line.text for line in shown)


CHANGED = "The case has changed since this playthrough"


def from_stored(scenario: Scenario, record: Mapping[str, Any], why: RecordError) -> tuple[Trace, str]:
    """The trainee's trace from what the record stored, when replaying it against the edited case no longer fits."""
    if record.get("scenario") != scenario.id:
        raise why
    steps = record.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(s, Mapping) and isinstance(s.get("scores"), Mapping) for s in steps):
        raise why  # only the actions were kept: nothing to rebuild from
    trace, left_out = stored_trace(scenario, record)
    note = f"{CHANGED}: {what_changed(scenario, steps)}, so this debrief is rebuilt from what the record stored at the time."
    if left_out:
        note += f" {left_out} step{'s' if left_out != 1 else ''} in episodes the case no longer has {'are' if left_out != 1 else 'is'} left out."
    note += " Scores, trust and the clock are as they were then; the ranges and the canonical paths are the case's as it is now."
    return trace, note


def replayed_elsewhere(trace: Trace, record: Mapping[str, Any]) -> bool:
    """Whether replaying a record reached another ending, or other scores or trust, than it stored (a route changed since)."""
    ending = record.get("ending")
    if "ending" in record and ending != trace.ending:
        return True
    for key, standing in (("scores", trace.final.scores), ("trust", trace.final.trust)):
        stored = record.get(key)
        if isinstance(stored, Mapping) and any(stored.get(k, v) != v for k, v in standing):
            return True
    return False


def what_changed(scenario: Scenario, steps: list[Any]) -> str:
    """The first difference between a record and the case as it is now, in words."""
    for i, step in enumerate(steps, 1):
        node = step.get("node")
        if isinstance(node, str) and node not in scenario.nodes:
            return f"step {i} was at `{node}`, which the case no longer has"
        choice = step.get("choice")
        if isinstance(choice, str) and not choice.startswith("@") and choice not in scenario.choice_by_id:
            return f"the choice `{choice}` made at step {i} is no longer in the case"
    return "the case now goes differently from this playthrough (a route or an effect was changed)"
