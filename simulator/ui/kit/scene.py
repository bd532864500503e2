"""The scene contract: what every screen of the window does, and how it asks to move on.

A scene handles events, updates with ``dt`` and says whether anything
changed, and draws when asked. The app draws only after a change, and asks
:meth:`Scene.wake_in` how long it may sleep before the scene has something
to do by itself (None: not until the trainee does something).

A scene never touches the app's stack and never imports another scene: to
move on it calls one of its *moves*, a typed protocol its area declares
(``play/moves.py`` and the like) and :class:`~simulator.ui.flow.Flow`
implements. Every move protocol includes :class:`Moves`, the one move the
kit's own bases need: closing themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import pygame

from simulator.ui.kit.look import Look

if TYPE_CHECKING:  # a screen is described only when someone listens (kit/access_hub.py)
    from simulator.ui.kit.access_describe import Sketch
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


class Moves(Protocol):
    """What every scene may ask of the flow."""

    def close(self, scene: Scene[Any]) -> None:
        """Take ``scene`` off the screen (with anything over it), uncovering what was beneath."""


M = TypeVar("M", bound=Moves)


class Scene(Generic[M]):
    """One screen on the app's stack; ``moves`` is how it asks to go somewhere else."""

    name = "scene"
    overlay = False  # drawn over the scene beneath (pause, feedback) instead of replacing it
    dims_ahead = False  # cards often open over it (play): the window keeps a dimmed copy of it ready (App.dim_ahead)
    typing = False  # takes typed text (letters are words here, not shortcuts such as V for self-voicing)

    def __init__(self, app: App, moves: M) -> None:
        self.app = app
        self.moves = moves

    @property
    def look(self) -> Look:
        return self.app.look

    def on_enter(self) -> None:
        """Pushed, or uncovered again when the scene above it closed."""

    def on_close(self) -> None:
        """The window is closing while this scene is on the stack (keep anything unsaved)."""

    def layout(self, look: Look) -> None:
        """Recompute positions for the current window size and settings."""

    def handle(self, event: pygame.event.Event) -> bool:
        """React to one event; True if the screen changed."""
        return False

    def opaque(self) -> pygame.Rect | None:
        """A rectangle of the window whose every pixel :meth:`draw` paints over what lies beneath (an overlay's card); None: none."""
        return None

    def update(self, dt: float) -> bool:
        """Advance timers and animations by ``dt`` seconds; True if the screen changed."""
        return False

    def wake_in(self) -> float | None:
        """Seconds until :meth:`update` will change something by itself; 0 while animating; None for never."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen (or, for an overlay, what goes over the scene beneath)."""

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """Draw what changed since this scene's last frame; return the rectangles changed (None: the whole window).

        ``whole``: the window does not hold this scene's last frame (another
        screen was on it, it was resized or uncovered): draw everything. A
        scene that keeps its still part in a :class:`~simulator.ui.kit.layer.Layer`
        redraws only strips; the result must equal :meth:`draw`, pixel for pixel.
        """
        self.draw(surface)
        return None

    def drawn_within(self) -> pygame.Rect | None:
        """For an overlay: the part of the window its :meth:`draw` paints, all of it (None: it cannot say).

        A change within an overlay then costs only that part: the picture beneath
        copied back there and the overlay drawn over it, clipped (App._draw_over).
        """
        return None

    def describe(self, sketch: Sketch) -> None:
        """Tell a screen reader and self-voicing what is here: title, words, buttons, and what to announce (``sketch.say``).

        The default gives the screen's ``heading`` and every button group it
        holds; override it to add the words the screen shows.
        """
        from simulator.ui.kit.access_describe import describe_groups

        describe_groups(self, sketch)

    def screen_key(self) -> tuple[Any, ...]:
        """Identifies what is on screen, so auto mode saves one screenshot per new screen."""
        return (self.name,)

    def settled(self) -> bool:
        """False while a transition is mid-way (screenshots wait for the settled frame)."""
        return True

    def words(self) -> int:
        """Roughly how many words the screen shows, for the auto pilot's reading time."""
        return 0

    def marking(self) -> bool:
        """True while the auto pilot is showing which option it is about to take."""
        return False

    def autoplay(self, pilot: Pilot) -> bool:
        """Take the next step for the auto pilot; True if it acted."""
        return False


AnyScene = Scene[Any]
