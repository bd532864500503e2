"""A playthrough as it is kept: the one save model.

The engine is deterministic and its randomness is seeded state, so a
playthrough is fully described by its scenario, its seed, the worker's
name and the actions taken, in order. :meth:`Session.save
<simulator.engine.session.Session.save>` makes a :class:`Save`;
:meth:`Session.restore <simulator.engine.session.Session.restore>` replays
one into a session whose state is exactly the one saved. The record store
keeps the same thing row by row, a record keeps it with what followed each
action, and rewinding, resuming, "replay from here" and the watch mode's
reels are all a save cut at some step and restored.

As a dict (:meth:`Save.to_dict`) the actions use the record encoding of
:mod:`simulator.engine.actions`, so every record ever written restores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.engine.actions import Action, ActionError, Code, decode, decode_all, encode
from simulator.engine.state import StateError

SAVE_FORMAT = 1


class SaveError(StateError):
    """Data that is not a save this version of Doorstep can read."""


@dataclass(frozen=True, slots=True)
class Save:
    """Scenario id, seed, the worker's name (None: the scenario's own) and every action taken."""

    scenario: str
    seed: int
    player_name: str | None = None
    actions: tuple[Action, ...] = ()

    @classmethod
    def of(cls, scenario: str, seed: int, actions: Iterable[Action | Code], player_name: str | None = None) -> Save:
        """A save from actions in either form (typed, or as records keep them)."""
        return cls(scenario, seed, player_name, decode_all(actions))

    def upto(self, count: int) -> Save:
        """The same playthrough as it stood after its first ``count`` actions."""
        return Save(self.scenario, self.seed, self.player_name, self.actions[: max(0, count)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": SAVE_FORMAT,
            "scenario": self.scenario,
            "seed": self.seed,
            "player_name": self.player_name,
            "actions": [encode(a) for a in self.actions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Save:
        """Read :meth:`to_dict`'s form; :class:`SaveError` says what is wrong."""
        if not isinstance(data, Mapping):
            raise SaveError("a save is a JSON object")
        if data.get("format") != SAVE_FORMAT:
            raise SaveError(f"save format {data.get('format')!r} is not supported (expected {SAVE_FORMAT})")
        scenario, seed, name, actions = data.get("scenario"), data.get("seed"), data.get("player_name"), data.get("actions")
        if not isinstance(scenario, str) or not scenario:
            raise SaveError("the save names no scenario")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise SaveError("the save's seed is not a whole number")
        if name is not None and not isinstance(name, str):
            raise SaveError("the save's player name is not text")
        if not isinstance(actions, list):
            raise SaveError("the save's actions are not a list")
        try:
            return cls(scenario, seed, name, tuple(decode(a) for a in actions))
        except ActionError as exc:
            raise SaveError(str(exc)) from exc
