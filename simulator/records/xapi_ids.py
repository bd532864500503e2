"""The names xAPI gives a store's playthroughs: name-based UUIDs, derived, never random at send time.

Kept with the records (rather than in :mod:`simulator.xapi`) because an
export carries its playthrough's registration and pseudonym, so that a
playthrough the window already sent and a facilitator later pushes from
its export land in the same registration. The secret they are derived
from stays in the store (``outbox_status``) and is never exported or sent.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

# Doorstep's own namespace for name-based UUIDs (made once with uuid4; never change it:
# every id already in an LRS was derived from it).
NAMESPACE = uuid.UUID("702bd92b-1455-4dd5-b042-5545ca42a3fc")


def key(*parts: Any) -> str:
    return json.dumps(list(parts), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def derive(*parts: Any) -> str:
    """A UUID named by ``parts`` in Doorstep's namespace."""
    return str(uuid.uuid5(NAMESPACE, key(*parts)))


def pseudonym(secret: str) -> str:
    """The account name for a trainee whose store keeps ``secret``: stable there, opaque elsewhere."""
    return derive("pseudonym", secret)


def registration(secret: str, playthrough_id: int, seed: int, started_at: str) -> str:
    """A store playthrough's registration: never shared with another store's, nor with a restored store's reused number."""
    return derive("registration", "store", secret, playthrough_id, seed, started_at)
