"""Pause (Esc, always): resume, history, rewind in the coach setting only, save and step out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.records.store import Store
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def begin(d: Driver, mode: str = "coach") -> None:
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.top.name == "prebrief"
    if d.top.mode != mode:
        assert d.tab_to("mode")
        d.key(pygame.K_RETURN)
    assert d.top.mode == mode
    assert d.tab_to("begin")
    d.key(pygame.K_RETURN)


def to_decision(d: Driver) -> None:
    assert d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 50)


@pytest.fixture
def driver(tmp_path: Path):
    app = make_app(tmp_path, EXAMPLE)
    yield Driver(app)
    app.close()


def test_esc_pauses_and_resumes_anywhere_in_play(driver: Driver):
    """Esc opens the pause menu over reading and over a decision, and Esc again returns to the same page."""
    begin(driver)
    driver.key(pygame.K_RETURN)  # past the first episode's card
    for _ in range(2):
        play = driver.top
        where = (play.moment.node, play.index)
        driver.key(pygame.K_ESCAPE)
        assert driver.top.name == "pause"
        driver.key(pygame.K_ESCAPE)
        assert driver.top is play and (play.moment.node, play.index) == where
        to_decision(driver)


def test_rewind_in_coach_setting_goes_back_one_choice_and_forgets_it(driver: Driver, tmp_path: Path):
    """In the coach setting, Rewind returns to the last decision with the state as it was, and the store keeps only what stands."""
    begin(driver, "coach")
    to_decision(driver)
    play = driver.app.flow.playing
    before = play.run.session.state.to_dict()
    driver.key(pygame.K_3)
    assert play.run.session.state.steps
    to_decision(driver)
    driver.key(pygame.K_ESCAPE)
    assert driver.top.name == "pause"
    assert driver.tab_to("rewind")
    driver.key(pygame.K_RETURN)
    assert driver.top is play
    assert play.run.session.state.to_dict() == before
    play.run.flush()  # the saver thread commits a moment after the action
    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        [saved] = store.unfinished()
        assert store.actions(saved.id) == [s.choice for s in play.run.session.state.steps]


def test_assessment_setting_holds_feedback_and_cannot_rewind(driver: Driver):
    """In the assessment setting no feedback card appears, and Rewind is shown switched off and cannot be reached."""
    begin(driver, "assessment")
    to_decision(driver)
    play = driver.app.flow.playing
    driver.key(pygame.K_1)
    assert driver.top.name != "feedback"
    to_decision(driver)
    driver.key(pygame.K_ESCAPE)
    pause = driver.top
    rewind = next(b for b in pause.group.buttons if b.key == "rewind")
    assert not rewind.enabled
    seen = set()
    for _ in range(len(pause.group.buttons) * 2):
        driver.key(pygame.K_TAB)
        seen.add(driver.focused_key())
    assert "rewind" not in seen
    steps = len(play.run.session.state.steps)
    driver.click(rewind.rect.center)
    assert len(play.run.session.state.steps) == steps


def test_coach_setting_shows_feedback_after_a_choice(driver: Driver):
    """In the coach setting a feedback card with the choice's own feedback text follows the choice."""
    begin(driver, "coach")
    to_decision(driver)
    driver.choose("read-referral")
    assert driver.top.name == "feedback"
    words = " ".join(r.text for p in driver.top.pages for row in p.rows for r in row.runs)
    assert "Knowing what the school said" in words


def test_step_out_saves_and_returns_to_title_with_a_grounding_note(driver: Driver):
    """Save and step out lands on the title with a short grounding message; Continue then brings the case back."""
    begin(driver)
    to_decision(driver)
    driver.key(pygame.K_1)
    to_decision(driver)
    node = driver.top.moment.node
    driver.key(pygame.K_ESCAPE)
    assert driver.tab_to("step-out")
    driver.key(pygame.K_RETURN)
    assert driver.top.name == "notice" and driver.top.heading == "You have stepped out"
    driver.key(pygame.K_RETURN)
    assert driver.top.name == "title" and driver.focused_key() == "continue"
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    to_decision(driver)
    assert driver.top.moment.node == node


def test_history_lists_what_was_said_and_chosen(driver: Driver):
    """History shows the lines read and the option taken, opened at its latest page."""
    begin(driver)
    to_decision(driver)
    driver.key(pygame.K_1)
    to_decision(driver)
    driver.key(pygame.K_ESCAPE)
    assert driver.tab_to("history")
    driver.key(pygame.K_RETURN)
    history = driver.top
    assert history.name == "history" and history.page == len(history.pages) - 1
    words = " ".join(r.text for p in history.pages for row in p.rows for r in row.runs)
    assert "Read the referral" in words and "The referral came in yesterday" in words
    driver.key(pygame.K_ESCAPE)
    assert driver.top.name == "pause"


def test_skip_scene_moves_to_the_next_episode_unscored_and_is_saved(driver: Driver, tmp_path: Path):
    """Skip from the pause menu leaves the episode without scoring it, says so calmly, and is saved for resume."""
    begin(driver)
    to_decision(driver)
    play = driver.app.flow.playing
    first_episode = play.run.session.state.episode
    scores = dict(play.run.session.state.scores)
    driver.key(pygame.K_ESCAPE)
    assert driver.tab_to("skip")
    driver.key(pygame.K_RETURN)
    assert driver.top.name == "notice" and driver.top.heading == "Scene skipped"
    session = play.run.session
    assert session.state.episode != first_episode and session.state.skipped == [first_episode]
    assert {k: v for k, v in session.state.scores.items() if k != "timeliness"} == {k: v for k, v in scores.items() if k != "timeliness"}
    play.run.flush()  # the saver thread commits a moment after the action
    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        [saved] = store.unfinished()
        assert store.actions(saved.id) == ["@skip"]
    driver.key(pygame.K_RETURN)
    assert driver.top.name == "transition"


def test_esc_over_a_feedback_card_pauses_and_rewind_from_there_works(driver: Driver):
    """Esc on a feedback card opens the pause menu; resuming shows the card again, and Rewind goes back to the decision."""
    begin(driver, "coach")
    to_decision(driver)
    play = driver.app.flow.playing
    node = play.moment.node
    driver.key(pygame.K_1)
    card = driver.top
    assert card.name == "feedback"
    driver.key(pygame.K_ESCAPE)
    assert driver.top.name == "pause"
    driver.key(pygame.K_ESCAPE)
    assert driver.top is card
    driver.key(pygame.K_ESCAPE)
    assert driver.tab_to("rewind")
    driver.key(pygame.K_RETURN)
    assert driver.top is play and play.moment.node == node and play.run.session.state.steps == []
