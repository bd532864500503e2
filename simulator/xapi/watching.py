"""Watching as xAPI: an ``experienced`` statement for each version of an episode watched to its end.

Watching is not a playthrough: nothing about it is saved in the store, so
its statements cannot be worked out again later the way a playthrough's
are. They are queued in the outbox as each version ends (by the window's
saver thread, never on the frame loop), and only while sending is switched
on: with sending off, nothing records what was watched.

One opening of the watch mode is one registration, derived from the
store's secret, the scenario and when it was opened; the actor is the same
pseudonymous account as the trainee's playthroughs, so an LRS can put the
two side by side. A statement's id is derived from the registration, the
episode, the version and when it ended, so one that is queued twice is
stored once, and watching an episode again is a statement of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.records import outbox, xapi_ids
from simulator.records.store import Store
from simulator.xapi.identity import Options, Trainee, pseudonym, statement_id
from simulator.xapi.queue import slot
from simulator.xapi.statements import Builder, Facts


def watch_registration(secret: str, scenario_id: str, opened_at: str) -> str:
    """The registration of one opening of the watch mode on a store."""
    return xapi_ids.derive("registration", "watch", secret, scenario_id, opened_at)


def queue_watched(store: Store, builder: Builder, options: Options, opened_at: str, episode_id: str, versions: Sequence[str], at: str) -> int:
    """Queue ``experienced`` for each version of ``episode_id`` watched to its end at ``at``; how many were new."""
    secret = outbox.secret(store)
    registration = watch_registration(secret, builder.scenario.id, opened_at)
    facts = Facts(registration=registration, trainee=Trainee(pseudonym(secret), options.home_page))
    items = []
    for version in versions:
        planned = builder.watched(facts, episode_id, version, when=at)
        sid = statement_id(registration, *planned.key)
        items.append(outbox.New(sid, None, registration, slot(planned.key), {"id": sid, **planned.statement}))
    return outbox.queue(store, items, at)
