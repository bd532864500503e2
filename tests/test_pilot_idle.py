"""Auto play never waits for good on a screen it could not act on yet.

`play --auto --speed 0` skims past screens undrawn; when it reached one whose options were not ready, the pilot went
idle and the loop slept for an hour: the fifth held-out trainer trial's window run hung about one run in three on its
five-year case, and so did a train's `test_auto_play_at_speed_zero_makes_nothing_ahead` (7 Dec, 03:45). The pilot now
looks again a moment later.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from simulator.ui.kit.pilot import IDLE_LOOK_S, Pilot

pytestmark = pytest.mark.ui


class NotReadyAtFirst:
    """A screen whose auto play can act only the second time it is asked (its options laid out by then)."""

    def __init__(self) -> None:
        self.asked = 0

    def screen_key(self) -> tuple[Any, ...]:
        return ("decision",)

    def settled(self) -> bool:
        return True

    def marking(self) -> bool:
        return False

    def words(self) -> int:
        return 0

    def autoplay(self, pilot: Pilot) -> bool:
        self.asked += 1
        return self.asked >= 2


def test_a_screen_not_ready_is_looked_at_again_without_a_key_press():
    scene = NotReadyAtFirst()
    app = SimpleNamespace(top=scene, drawn=None, skipped=None)
    pilot = Pilot(lambda choices: choices[0], speed=0)
    assert pilot.tick(0.0, app) is False  # a new screen: its timer starts
    app.drawn = pilot.key
    assert pilot.tick(0.0, app) is False and scene.asked == 1  # nothing to act on yet
    wake = pilot.wake_in()
    assert wake is not None and 0 < wake <= IDLE_LOOK_S  # the loop wakes for it, instead of waiting for input
    assert pilot.tick(wake, app) is True and scene.asked == 2
