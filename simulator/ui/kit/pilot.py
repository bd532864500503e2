"""Auto play in the window: the same scenes, driven by a policy instead of a trainee.

Used for ``doorstep play PATH --auto ...`` (a facilitator's demo and our
smoke test); the watch mode times itself (watch/scene.py). Each screen stays up long enough to
read at ``speed`` 1.0 (the projector pace), divided by the speed, with no
waiting at all at 0. The pilot acts only on a screen that has been
drawn and has settled, so every screen reaches the screenshots.
``speed`` means what it means in the watch mode: bigger is faster (2 reads
twice as fast as 1, 0.5 half as fast), and 0 does not wait at all. With
``tour`` it also opens the pause menu, the history, Take a moment and the settings once,
so a set of handout screenshots shows them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from simulator.engine.autoplay import Policy
    from simulator.scenario.model import Choice
    from simulator.ui.kit.app import App
    from simulator.ui.kit.scene import AnyScene

SKIP_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT)
READ_S_PER_WORD = 0.28
BASE_S = 1.6
TOUR = ("history", "moment", "settings", "resume")
IDLE_LOOK_S = 0.25  # how often auto play looks again at a scene it had nothing to do on (never waits on it for good)


class Pilot:
    """Chooses with ``policy`` and moves the window on at a readable pace."""

    def __init__(self, policy: Policy, speed: float = 1.0, *, tour: bool = False, wait_for_key: bool = False, exit_when_done: bool = False) -> None:
        self.policy = policy
        self.speed = max(0.0, speed)
        self.wait_for_key = wait_for_key
        self.exit_when_done = exit_when_done
        self.timer = 0.0
        self.key: tuple[int, tuple[Any, ...]] | None = None
        self.go = False
        self.decisions = 0
        self._tour: list[str] | None = list(TOUR) if tour else None
        self.touring = False
        self.idle = False  # the top scene is one the trainee opened (pause): leave it to them
        self.unsettled = False

    @property
    def fast(self) -> bool:
        return self.speed == 0

    def delay(self, scene: AnyScene) -> float:
        """How long to leave this screen up before acting on it (a marked option: a second to see which)."""
        if self.fast:
            return 0.0
        if scene.marking():
            return 1.0 / self.speed
        return (BASE_S + READ_S_PER_WORD * scene.words()) / self.speed

    # -- decisions and the tour -------------------------------------------------------------
    def choose(self, choices: Sequence[Choice]) -> Choice:
        self.decisions += 1
        return self.policy(choices)

    def tour_due(self) -> bool:
        """True once, at the second decision, when a tour of pause, history and settings is wanted."""
        if self._tour and not self.touring and self.decisions >= 1:
            self.touring = True
            return True
        return False

    def tour_next(self) -> str | None:
        if not self.touring or not self._tour:
            return None
        step = self._tour.pop(0)
        if not self._tour:
            self.touring = False
            self._tour = None
        return step

    # -- the loop's hooks ----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """Enter, Space or Right moves on now (unless the trainee has a menu of their own open)."""
        if event.type == pygame.KEYDOWN and not self.idle and event.key in SKIP_KEYS:
            self.go = True
            self.timer = 0.0
            return True
        return False

    def wake_in(self) -> float | None:
        if self.wait_for_key and not self.go:
            return None
        if self.idle:  # a scene it could not act on yet (one skimmed past undrawn, or the pause a person opened): look again
            return IDLE_LOOK_S
        if self.unsettled:
            return 0.01  # look again shortly rather than spinning while the screen finishes
        return max(0.0, self.timer)

    def tick(self, dt: float, app: App) -> bool:
        """Act on the top scene when its time is up; True if it acted."""
        top = app.top
        if top is None:
            return False
        key = (id(top), top.screen_key())
        if key != self.key:
            self.key = key
            self.timer = self.delay(top)
            self.go = False
            self.idle = False
            return False
        if (app.drawn != key or not top.settled()) and app.skipped != key:  # (a screen skimmed past undrawn: Loop.skims)
            self.unsettled = True  # the screen is still coming together (a picture, a fade)
            return False
        self.unsettled = False
        self.timer -= dt
        if self.wait_for_key and not self.go:
            return False
        if self.timer > 0 and not self.go:
            return False
        self.go = False
        acted = bool(top.autoplay(self))
        self.idle = not acted
        return acted
