"""A picture the art thread cannot draw counts as arrived: the screen waiting on it is drawn again, with the placeholder.

The fifth held-out trainer trial gave a location a PNG saved as `.svg` (F312, a warning: "the window will show a
placeholder"). `watch --auto-advance` then waited for good: a failed picture never counted as arrived, so the screen
was never drawn again, its stage never ready, and the watch card's timer never started.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simulator.assets import Art
from simulator.ui.kit.art import ArtCache

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("pygame_display")]


def test_a_picture_that_cannot_be_drawn_arrives_as_its_placeholder(tmp_path: Path):
    (tmp_path / "cafe.svg").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    cache = ArtCache(Art(folder=tmp_path, locations={"cafe": tmp_path / "cafe.svg"}, location_labels={"cafe": "A cafe"}), threaded=True)
    try:
        surf, _ = cache.background("cafe", (320, 180))
        assert surf is None  # being drawn on the art thread
        arrived = False
        for _ in range(2000):  # (not a timing: only so that a worker that never answers fails instead of hanging)
            arrived = cache.poll()
            if arrived or not cache.busy:
                break
            time.sleep(0.01)
        assert arrived  # the loop marks the screen to be drawn again
        surf, placeholder = cache.background("cafe", (320, 180))
        assert surf is not None and placeholder and surf.get_size() == (320, 180)
    finally:
        cache.close()
