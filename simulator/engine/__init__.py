"""The pure runtime: a session the host pulls from, its state, and the case clock.

Nothing here blocks, prints, sleeps, reads the wall clock or imports pygame.
"""

from simulator.engine.session import Session, SessionError, Shown
from simulator.engine.state import Event, State, StateError, Step

__all__ = ["Event", "Session", "SessionError", "Shown", "State", "StateError", "Step"]
