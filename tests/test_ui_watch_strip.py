"""Watch side by side: a new beat sends the strip's new words, not its buttons, and every frame equals a whole redraw.

Each beat changes the status words under the panes ("Beat 5 of 40"); the
whole strip, every button with it, was drawn again and sent for each. Now a
beat that changes only those words repaints and sends only their box, and a
button the clip keeps out is not drawn at all (issue 13's watch frames).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_dirty import Screen, into_side_by_side, press, step

from simulator.ui.kit.widgets import Button

pytestmark = pytest.mark.ui


def test_a_beat_that_changes_only_the_strips_words_sends_them_and_not_its_buttons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    screen = Screen(monkeypatch)
    drawn: list[str] = []
    real_draw = Button.draw

    def draw(button: Button, *args: object, **kw: object) -> None:
        drawn.append(button.label)
        real_draw(button, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Button, "draw", draw)
    d = into_side_by_side(tmp_path, screen)
    words_only = 0
    for _ in range(60):
        top = d.top
        d.app.run_task()  # one piece of waiting work between passes, as App.wait does
        state, status = top.group.state(), list(top.status)
        drawn.clear()
        d.app.step(press(pygame.K_PAGEDOWN), dt=0.0)
        strip = {b.label for b in top.group.buttons}
        during = [label for label in drawn if label in strip]  # the strip's (the check below draws the screen whole, every button with it)
        screen.check(d, "a clicker's Page Down")  # the screen equals a whole redraw, pixel for pixel
        if d.top is not top:
            break
        sent = d.app.updated
        if d.app.art.busy:  # pictures arriving while the room watches, drawn as they come
            d.app.art.flush()
            d.app.dirty = True
            step(d, screen, "pictures arrived")
        whole_pane = any(r.contains(pane.rect) for r in sent or [] for pane in top.panes)  # a new place: joined with all below
        if sent and not whole_pane and top.group.state() == state and top.status != status:
            buttons = top.group.extent(top.look)
            assert not [r for r in sent for b in buttons if r.colliderect(b)], "the strip's buttons were sent again for new words"
            assert any(r.colliderect(top.status_rect) for r in sent)
            assert not during, f"the strip's buttons drawn under a clip that keeps them out: {during}"
            words_only += 1
    assert words_only > 5
    d.app.close()
