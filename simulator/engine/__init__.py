"""The pure runtime: a session the host pulls from, its actions, its save, and the case clock.

Nothing here blocks, prints, sleeps, reads the wall clock or imports pygame.
"""

from simulator.engine.actions import CONTINUE, SKIP, Action, Choose, Continue, Skip
from simulator.engine.save import Save, SaveError
from simulator.engine.session import Session, SessionError
from simulator.engine.shown import Card, Names, Option, Shown
from simulator.engine.state import Event, State, StateError, Step

__all__ = [
    "CONTINUE",
    "SKIP",
    "Action",
    "Card",
    "Choose",
    "Continue",
    "Event",
    "Names",
    "Option",
    "Save",
    "SaveError",
    "Session",
    "SessionError",
    "Shown",
    "Skip",
    "State",
    "StateError",
    "Step",
]
