"""The flow is made just after the title's first frame: until then FirstMoves answers the title as the flow would, and a key pressed at once still works."""

from __future__ import annotations

from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")

from simulator.ui.driver import make_app  # noqa: E402
from simulator.ui.window import FirstMoves  # noqa: E402

pytestmark = pytest.mark.ui

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "small-visit"


def key(k: int) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)]


def test_the_first_frame_is_drawn_before_the_flow_is_made_and_the_work_after_it_makes_it(tmp_path):
    """The title's first frame needs no flow; the first work after it (opening the records) makes it, and the title then asks it."""
    app = make_app(tmp_path, EXAMPLE, settle=False)
    try:
        app.step([])
        assert app.frames == 1 and app.top is not None and app.top.name == "title"
        assert not app.flow_made and isinstance(app.top.moves, FirstMoves)
        while app.run_task():
            pass
        assert app.flow_made and app.top.moves is app.flow  # the title now asks the flow itself
        assert app.top.name == "title" and "New playthrough" in [b.label for b in app.top.group.buttons]
    finally:
        app.close()


def test_a_key_pressed_the_moment_the_title_appears_makes_the_flow_and_is_answered(tmp_path):
    """Enter on the title's first frame, before any work after it has run, opens the case picker as it always did."""
    app = make_app(tmp_path, EXAMPLE, settle=False)
    try:
        app.step([])
        assert not app.flow_made
        app.step(key(pygame.K_RETURN))
        assert app.flow_made and app.top is not None and app.top.name == "picker"
    finally:
        app.close()


def test_before_the_flow_the_title_is_told_what_the_flow_would_tell_it(tmp_path):
    """What the first frame asks (the case's name, anything to continue, any saving problem) is answered as the new flow answers it."""
    app = make_app(tmp_path, EXAMPLE, settle=False)
    try:
        early = app.top.moves
        assert isinstance(early, FirstMoves) and not app.flow_made
        answers = (early.selected_title(), early.resumable(), early.show_problems())
        assert not app.flow_made  # asking did not make it
        flow = app.flow
        assert answers == (flow.selected_title(), flow.resumable(), flow.show_problems())
        assert early.selected_title() == flow.selected_title()  # a button made before the flow still reaches it
    finally:
        app.close()
