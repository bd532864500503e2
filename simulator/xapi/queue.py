"""Keeping the outbox in step with the store's playthroughs.

For every playthrough that changed since its statements were last worked
out, the statements it should have now are built and compared, slot by
slot, with what the outbox holds for its registration:

- a statement the outbox lacks is queued; its content is fixed from then
  on, so a later rebuild never sends a different version under the same id;
- a statement still waiting that no longer describes the playthrough (a
  rewind in practice mode, a reflection rewritten, a choice to stop sharing
  reflections) is dropped unsent; one already sent is voided, which is how
  xAPI takes a statement back (the LRS keeps it, marked void);
- a slot whose statement was voided and is wanted again gets a new id.

None of this runs on the frame loop or the save path: the window's sender
thread and ``doorstep xapi push`` call it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.analysis.paths import TraceError, trace_actions
from simulator.records import outbox, xapi_ids
from simulator.records.store import Playthrough, Store, StoreError
from simulator.scenario.model import Scenario
from simulator.xapi import vocab
from simulator.xapi.identity import Options, Trainee, pseudonym, statement_id
from simulator.xapi.statements import Builder, Facts, Key, Planned, Statement

ScenarioFor = Callable[[str], Scenario | None]


@dataclass(slots=True)
class Synced:
    """What a pass over the store did."""

    queued: int = 0
    dropped: int = 0
    voided: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def registration_of(secret: str, playthrough: Playthrough) -> str:
    """A store playthrough's registration: never shared with another store's, nor with a restored store's reused number."""
    return xapi_ids.registration(secret, playthrough.id, playthrough.seed, playthrough.started_at)


def facts_of(store: Store, playthrough: Playthrough, secret: str, options: Options) -> Facts:
    return Facts(
        registration=registration_of(secret, playthrough),
        trainee=Trainee(pseudonym(secret), options.home_page, playthrough.player_name if options.send_name else None),
        started_at=playthrough.started_at,
        finished_at=playthrough.updated_at if playthrough.finished else None,
        abandoned_at=playthrough.updated_at if playthrough.abandoned else None,
        mode=playthrough.mode,
        step_times=tuple(store.step_times(playthrough.id)),
        reflections=store.reflections(playthrough.id),
    )


def slot(key: Key) -> str:
    return json.dumps(list(key), separators=(",", ":"), ensure_ascii=False)


def _fingerprint(options: Options) -> str:
    return slot((options.send_name, options.send_reflections, options.home_page))


def voiding(facts: Facts, target: str) -> Statement:
    """The statement that takes ``target`` back."""
    return {
        "id": statement_id(facts.registration, "voided", target),
        "actor": facts.trainee.actor(),
        "verb": {"id": vocab.VERBS["voided"], "display": {vocab.LANGUAGE: "voided"}},
        "object": {"objectType": "StatementRef", "id": target},
        "context": {"registration": facts.registration},
    }


def sync(store: Store, scenario_for: ScenarioFor, options: Options, at: str) -> Synced:
    """Bring the outbox up to date with every playthrough in the store."""
    done = Synced()
    secret = outbox.secret(store)
    builders: dict[str, Builder] = {}
    fingerprint = _fingerprint(options)
    for playthrough in store.playthroughs():
        if playthrough.damaged:
            done.skipped.append(playthrough.damaged)
            continue
        head = store.reading("SELECT checksum FROM playthroughs WHERE id = ?", (playthrough.id,))
        current = f"{head[0][0] if head else ''}|{fingerprint}"
        if outbox.mark(store, playthrough.id) == current:
            done.unchanged += 1
            continue
        scenario = scenario_for(playthrough.scenario_id)
        if scenario is None:
            done.skipped.append(f"Playthrough {playthrough.id} is of `{playthrough.scenario_id}`, which is not installed here.")
            continue
        builder = builders.get(scenario.id) or builders.setdefault(scenario.id, Builder(scenario, options))
        try:
            trace = trace_actions(scenario, playthrough.seed, store.actions(playthrough.id), player_name=playthrough.player_name)
            facts = facts_of(store, playthrough, secret, options)
        except (TraceError, StoreError) as exc:
            done.skipped.append(f"Playthrough {playthrough.id}: {exc}")
            continue
        _reconcile(store, playthrough.id, facts, builder.plan(trace, facts), at, done)
        outbox.set_mark(store, playthrough.id, current)
    return done


def _reconcile(store: Store, playthrough_id: int, facts: Facts, planned: list[Planned], at: str, done: Synced) -> None:
    have = outbox.rows(store, registration=facts.registration)
    by_slot: dict[str, list[outbox.Row]] = {}
    for row in have:
        by_slot.setdefault(row.slot, []).append(row)
    wanted: set[str] = set()
    new: list[outbox.New] = []
    for item in planned:
        named = slot(item.key)
        wanted.add(named)
        earlier = by_slot.get(named, [])
        if any(r.state != "voided" for r in earlier):
            continue
        sid = statement_id(facts.registration, *item.key) if not earlier else statement_id(facts.registration, *item.key, "again", len(earlier))
        new.append(outbox.New(sid, playthrough_id, facts.registration, named, {"id": sid, **item.statement}))
    stale = [r for r in have if r.slot not in wanted and not r.slot.startswith('["voided"') and r.state in ("waiting", "sent")]
    unsent = [r.statement_id for r in stale if r.state == "waiting"]
    sent = [r.statement_id for r in stale if r.state == "sent"]
    for target in sent:
        void = voiding(facts, target)
        new.append(outbox.New(void["id"], playthrough_id, facts.registration, slot(("voided", target)), void))
    if unsent:
        outbox.drop(store, unsent)
        done.dropped += len(unsent)
    done.queued += outbox.queue(store, new, at)
    if sent:
        outbox.settle(store, sent, "voided", at, "taken back: it no longer describes the playthrough")
        done.voided += len(sent)
