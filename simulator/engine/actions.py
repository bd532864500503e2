"""What a host can do to a session: continue, skip the scene, or choose an option.

Every host action is one of three small values, and
:meth:`~simulator.engine.session.Session.act` is the one way to apply it:
the terminal, the window, replays, traces and the watch mode's reels all
go through it, so a new kind of action is added in one place.

Records, the store and saves keep actions in a compact form that has not
changed since the first record: a choice as its id, a continue as ``None``,
a skip as ``"@skip"``. :func:`encode` and :func:`decode` convert between
the two, and are the only code that knows the form (a choice id cannot
start with ``@``: the schema allows letters, digits and hyphens).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: How a skip is written in records and the store.
SKIP_CODE = "@skip"

Code = str | None
"""An action as records keep it: a choice id, None for continue, ``"@skip"`` for a skip."""


@dataclass(frozen=True, slots=True)
class Continue:
    """Move on from a moment with no choices (narration, a route)."""


@dataclass(frozen=True, slots=True)
class Skip:
    """Step out of the rest of this episode without it being scored."""


@dataclass(frozen=True, slots=True)
class Choose:
    """Take the offered option with this id."""

    choice: str


Action = Continue | Skip | Choose

CONTINUE = Continue()
SKIP = Skip()


class ActionError(ValueError):
    """A value that is not an action in the record encoding."""


def encode(action: Action) -> Code:
    """The record form of an action."""
    if isinstance(action, Choose):
        return action.choice
    if isinstance(action, Skip):
        return SKIP_CODE
    return None


def decode(code: Action | Code) -> Action:
    """An action from its record form (an action passes through unchanged)."""
    if code is None:
        return CONTINUE
    if isinstance(code, Continue | Skip | Choose):
        return code
    if not isinstance(code, str) or not code:
        raise ActionError(f"{code!r} is not an action (a choice id, None for continue, or {SKIP_CODE!r})")
    if code == SKIP_CODE:
        return SKIP
    if code.startswith("@"):
        raise ActionError(f"{code!r} is not an action this version of Doorstep knows")
    return Choose(code)


def decode_all(codes: Iterable[Action | Code]) -> tuple[Action, ...]:
    return tuple(decode(c) for c in codes)
