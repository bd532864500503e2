"""The scene contract: what every screen of the window does.

A scene handles events, updates with ``dt`` and says whether anything
changed, and draws when asked. The app draws only after a change, and asks
:meth:`Scene.wake_in` how long it may sleep before the scene has something
to do by itself (None: not until the trainee does something).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.ui.look import Look

if TYPE_CHECKING:
    from simulator.ui.app import App


class Scene:
    """One screen on the app's stack."""

    name = "scene"
    overlay = False  # drawn over the scene beneath (pause, feedback) instead of replacing it

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def look(self) -> Look:
        return self.app.look

    def on_enter(self) -> None:
        """Pushed, or uncovered again when the scene above it closed."""

    def layout(self, look: Look) -> None:
        """Recompute positions for the current window size and settings."""

    def handle(self, event: pygame.event.Event) -> bool:
        """React to one event; True if the screen changed."""
        return False

    def update(self, dt: float) -> bool:
        """Advance timers and animations by ``dt`` seconds; True if the screen changed."""
        return False

    def wake_in(self) -> float | None:
        """Seconds until :meth:`update` will change something by itself; 0 while animating; None for never."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen (or, for an overlay, what goes over the scene beneath)."""

    def screen_key(self) -> tuple[Any, ...]:
        """Identifies what is on screen, so auto mode saves one screenshot per new screen."""
        return (self.name,)

    def settled(self) -> bool:
        """False while a transition is mid-way (screenshots wait for the settled frame)."""
        return True

    def autoplay(self, pilot: Any) -> bool:
        """Take the next step for the auto pilot; True if it acted."""
        return False
