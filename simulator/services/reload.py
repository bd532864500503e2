"""Reloading while writing: the trainer saves an edited file, and play carries on from the same moment.

The window notices the save (or F5), loads the case again, and puts the
trainer back where they were by replaying their actions on the edited case
(:func:`replay_onto`): every action that still fits, in order. An action the
edited case no longer offers (a choice renamed, a route changed) stops the
replay there, and the trainer is told how far it got. Pure Python; the
window's flow does the loading and the telling.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.actions import Choose, Continue
from simulator.engine.save import Save
from simulator.engine.session import Session, SessionError
from simulator.scenario.model import Scenario


@dataclass(frozen=True)
class Replayed:
    """A playthrough replayed onto an edited case: the session, and how many of its actions still fitted."""

    session: Session
    kept: int
    dropped: int
    stopped_at: str = ""  # what no longer fitted, in words ("" when everything did)

    @property
    def whole(self) -> bool:
        return self.dropped == 0


def replay_onto(scenario: Scenario, save: Save) -> Replayed:
    """Replay ``save``'s actions onto ``scenario`` (the same case, edited) as far as they fit."""
    session = Session.start(scenario, save.seed, save.player_name)
    for i, action in enumerate(save.actions):
        try:
            session.act(action)
        except SessionError:
            node = session.state.node
            if isinstance(action, Choose):
                why = f"the choice `{action.choice}` is not offered at `{node}` any more"
            elif isinstance(action, Continue):
                why = f"`{node}` now asks for a choice"
            else:
                why = f"the scene at `{node}` cannot be skipped"
            return Replayed(session, i, len(save.actions) - i, why)
    return Replayed(session, len(save.actions), 0)


def words(replayed: Replayed, title: str) -> list[str]:
    """What to tell the trainer after a reload, in a sentence or two."""
    if replayed.whole:
        return [f"{title} was loaded again from its files, and you are back where you were."]
    return [
        f"{title} was loaded again from its files. Your last {replayed.dropped} action{'s' if replayed.dropped != 1 else ''} "
        f"no longer fit the edited case ({replayed.stopped_at}), so you are at the last moment that still does."
    ]
