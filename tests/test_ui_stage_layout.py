"""Where the window stands people: nobody further back is hidden behind someone in front."""

from __future__ import annotations

import pytest

from simulator.engine.stage import Person, View
from simulator.ui.kit.stage import Stage, back_shares

pygame = pytest.importorskip("pygame")
pytestmark = pytest.mark.ui


def test_the_back_row_stands_in_the_gaps_between_the_front_row():
    """One person in front at the centre: the one behind is beside them, not behind; two gaps, two people, widest first."""
    assert back_shares([0.5], 1) in ([0.3], [0.7])
    assert back_shares([0.5], 2) == [0.3, 0.7]
    assert back_shares([], 2) == pytest.approx([1 / 3, 2 / 3])
    assert len(back_shares([0.25, 0.5, 0.75], 6)) == 6


def test_someone_in_the_hall_behind_the_door_is_not_hidden():
    """John at the door and Fiona with Mason further back: her figure overlaps his by less than half its width."""
    stage = Stage()
    stage.set(View("harris-doorstep", (Person("john", "John"), Person("fiona", "Fiona", at="back", holding="mason", holding_name="Mason"))), crowd=1)
    stage.area = pygame.Rect(0, 40, 1280, 480)
    stage.height, stage.width, stage.foot = 400, 266, 2
    (fiona, behind), (john, front) = stage.slots()
    assert (fiona.id, john.id) == ("fiona", "john")
    assert behind.clip(front).width < behind.width / 2
