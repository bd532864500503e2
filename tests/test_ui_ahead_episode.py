"""Work a frame used to do, done ahead while the screen before it is read; every frame still equal to a whole redraw.

- A new episode's card after a decision's feedback card was laid out and drawn in the frame that closed the feedback
  (the card made after a Continue was made ahead, while the last page was read; after a choice it was not): it is now
  laid out and drawn while the feedback is read, and closing the feedback shows it as drawn then.
- Opening a case's prebrief walked every stage direction of the case to find who is drawn in person (ArtCache's
  undrawn cast, about a millisecond for Harris, in that frame): it is now walked while the list of cases is read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import HARRIS, reading
from test_ui_dirty import Screen, into_play, walk

from simulator import assets
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.document import DocScene

pytestmark = pytest.mark.ui


def test_a_new_episode_s_card_after_feedback_is_shown_as_drawn_while_the_feedback_was_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    screen = Screen(monkeypatch)
    laid: list[str] = []
    pasted: list[str] = []
    real_layout, real_paste = DocScene._layout_in, DocScene._paste

    def layout_in(self, look, rect):  # type: ignore[no-untyped-def]
        laid.append(self.name)
        return real_layout(self, look, rect)

    def paste(self, surface):  # type: ignore[no-untyped-def]
        done = real_paste(self, surface)
        if done:
            pasted.append(self.name)
        return done

    monkeypatch.setattr(DocScene, "_layout_in", layout_in)
    monkeypatch.setattr(DocScene, "_paste", paste)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    shown = 0
    for top, key in walk(d, 300, reading):
        laid.clear()
        pasted.clear()
        d.app.step(key, dt=0.0)
        frame_laid, frame_pasted = list(laid), list(pasted)
        screen.check(d, "a key")  # (which draws the screen whole, to compare)
        if top.name == "feedback" and d.top.name == "transition":
            assert "transition" not in frame_laid, "the new episode's card was laid out in the frame that closed the feedback"
            assert frame_pasted == ["transition"], f"the new episode's card was not shown as drawn ahead ({frame_pasted})"
            assert d.top.t == 0.0, "the card's fade began before it was on screen"
            shown += 1
    assert shown >= 1, shown  # (Harris ends one episode on a decision, on the path of first options)
    d.app.close()


def test_who_is_drawn_in_person_is_worked_out_while_the_list_of_cases_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("new")
    d.key(pygame.K_RETURN)
    picker = d.top
    assert picker.name == "picker"
    reading(d)
    scenario = d.app.flow.catalog.scenario(picker.path)
    assert scenario is not None and scenario in assets._SEEN, "the case's cast was not looked over while the list was read"
    walked: list[object] = []
    real = assets.seen_in_person

    def seen(case):  # type: ignore[no-untyped-def]
        walked.append(case not in assets._SEEN)
        return real(case)

    monkeypatch.setattr(assets, "seen_in_person", seen)
    assert d.tab_to("start")
    d.key(pygame.K_RETURN)
    assert d.top.name == "prebrief"
    assert walked == [False], walked  # asked as the case opened, and known already
    d.app.close()
