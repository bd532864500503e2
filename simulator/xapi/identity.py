"""Who a statement is about, which playthrough it belongs to, and its id: all derived, never random at send time.

A statement's id is a name-based UUID (version 5) of its registration and
what it records, so building the statements of a playthrough twice gives
the same ids, and an LRS that already has one keeps it instead of storing a
duplicate. The registration (one per playthrough) is derived the same way
from what identifies the playthrough.

The actor is a pseudonymous account unless the trainee chooses to send
their name: the account's name is derived from a secret kept on the
trainee's machine, so it is the same for all their playthroughs there, and
nobody holding the statements can work back to the machine or the person.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from simulator.records.xapi_ids import NAMESPACE, derive, key, pseudonym
from simulator.xapi.vocab import DEFAULT_HOME_PAGE, XAPI_1, Version

__all__ = ["NAMESPACE", "Options", "Trainee", "derive", "pseudonym", "statement_id"]


def statement_id(registration: str, *parts: Any) -> str:
    """The id of the statement that records ``parts`` of the playthrough ``registration``."""
    return str(uuid.uuid5(uuid.UUID(registration), key(*parts)))


@dataclass(frozen=True, slots=True)
class Trainee:
    """Who the statements are about.

    ``name`` is the trainee's own name, sent only when they chose to; the
    pseudonymous account is the identifier either way, so choosing to send a
    name later does not split their history in the LRS.
    """

    account: str
    home_page: str = DEFAULT_HOME_PAGE
    name: str | None = None

    def actor(self) -> dict[str, Any]:
        actor: dict[str, Any] = {"objectType": "Agent", "account": {"homePage": self.home_page, "name": self.account}}
        if self.name:
            actor["name"] = self.name
        return actor


@dataclass(frozen=True, slots=True)
class Options:
    """What the trainee (or whoever sends) chose, and which xAPI version to speak.

    Private by default: no name, no reflections.
    """

    version: Version = XAPI_1
    send_name: bool = False
    send_reflections: bool = False
    home_page: str = DEFAULT_HOME_PAGE
