"""Statements from a file: a record (``play --record``) or an export from the local store.

A file carries no secret from the trainee's machine, so its registration
and pseudonym are derived from the playthrough itself (scenario, seed, the
name played under, when it started and the store's number for it, or its
actions when nothing else tells it apart): the same file always gives the
same statements. Two record files that agree on all of that (the same seed,
name and every choice) are one playthrough as far as xAPI can tell; an
export from the window always carries its start time, so two are never
confused. An export that carries an
``xapi`` block (the registration and account the window already used)
keeps them, so a playthrough sent from the window and later pushed from its
export lands in the same registration.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from simulator.records.record import RecordError
from simulator.report.debrief import EXPORT_KIND, as_record, trace_record
from simulator.report.reflection import RECORD_KEY
from simulator.scenario.model import Scenario
from simulator.xapi.identity import Options, Trainee, derive
from simulator.xapi.statements import Builder, Facts, Statement, with_ids


def _uuid(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def facts_of(data: Mapping[str, Any], options: Options) -> tuple[dict[str, Any], Facts]:
    """The record in a file (or export) and what is known of its playthrough; RecordError if it is neither."""
    record = as_record(data)
    about = data.get("playthrough") if data.get("kind") == EXPORT_KIND else None
    about = about if isinstance(about, Mapping) else {}
    steps = record.get("steps")
    if not isinstance(steps, list):
        raise RecordError("the record's steps are damaged")
    started = _text(about.get("started_at"))
    identity = about.get("id") if isinstance(about.get("id"), int) else None
    actions = None if started else [s.get("choice") if isinstance(s, Mapping) else None for s in steps]
    block = data.get("xapi")
    given: Mapping[str, Any] = block if isinstance(block, Mapping) else {}
    player = record.get("player_name") if isinstance(record.get("player_name"), str) else None
    registration = _uuid(given.get("registration")) or derive(
        "registration", "document", record.get("scenario"), record.get("seed"), started, identity, actions, player
    )
    account = _text(given.get("account")) or derive("pseudonym", "registration", registration)
    name = _text(record.get("player_name")) if options.send_name else None
    updated = _text(about.get("updated_at"))
    notes = record.get(RECORD_KEY)
    mode = record.get("mode") if record.get("mode") in ("coach", "assessment") else about.get("mode")
    facts = Facts(
        registration=registration,
        trainee=Trainee(account, options.home_page, name),
        started_at=started,
        finished_at=updated if about.get("finished") else None,
        abandoned_at=updated if about.get("abandoned") else None,
        mode=mode if isinstance(mode, str) else None,
        reflections={k: v for k, v in notes.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(notes, Mapping) else {},
    )
    return record, facts


def document_statements(scenario: Scenario, data: Mapping[str, Any], options: Options, builder: Builder | None = None) -> list[Statement]:
    """Every statement of the playthrough in a record or export, with ids; RecordError if it does not fit the scenario."""
    record, facts = facts_of(data, options)
    trace = trace_record(scenario, record)
    builder = builder or Builder(scenario, options)
    return with_ids(facts.registration, builder.plan(trace, facts))
