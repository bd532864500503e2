"""Compare in the window: the first partings at the right decisions, what each path did there, Replay from here, keyboard only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import by_ids, play_to_debrief, start_new, words
from ui_pages import Reader

from simulator.engine.actions import decode_all
from simulator.records.store import Store
from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
TITLE_TO_DEBRIEF = ("read-referral", "just-a-chat")  # the enabler path's first choice, then the barrier's
LATE = ("answer-emails", "phone-dana", "introduce-plainly")  # late on the barrier's habit, then the enabler's answers



def compare_after(tmp_path: Path, choices: tuple[str, ...], mode: str = "coach") -> Driver:
    d = Driver(make_app(tmp_path, EXAMPLE))
    start_new(d, mode)
    assert play_to_debrief(d, by_ids(*choices)) == list(choices)
    assert d.tab_to("compare")
    d.key(pygame.K_RETURN)
    assert d.top.name == "compare"
    return d


def test_the_first_partings_are_marked_at_the_decisions_where_they_happened(tmp_path: Path):
    """Parting 1 (from the barrier path) is the first decision, parting 2 (from the enabler path) the door; the badges sit there."""
    d = compare_after(tmp_path, TITLE_TO_DEBRIEF)
    scene = d.top
    partings = scene.timeline.partings
    assert [(p.path, p.node) for p in partings] == [("barrier", "prepare.desk"), ("enabler", "doorstep.door")]
    assert scene.cursor == 0  # opens on the first place you parted
    assert "first parted from the barrier path" in " ".join(s.text for p in scene._caption for s in p.spans)
    d.key(pygame.K_2)
    dp = scene.decisions[scene.cursor]
    assert dp.node == "doorstep.door" and dp.parted == ("enabler",)
    assert scene.chart.parting_x(1) == scene.xs[scene.cursor]
    assert "first parted from the enabler path" in " ".join(s.text for p in scene._caption for s in p.spans)
    d.key(pygame.K_LEFT)
    assert scene.decisions[scene.cursor].node == "prepare.desk"
    d.app.close()


def test_the_detail_says_what_each_path_chose_or_that_it_never_came(tmp_path: Path):
    """At the late-running decision the enabler path never came; the barrier path drove on; each with what it changed and why."""
    d = compare_after(tmp_path, LATE)
    scene = d.top
    d.key(pygame.K_HOME)
    d.key(pygame.K_RIGHT)
    assert scene.decisions[scene.cursor].node == "prepare.running-late"
    assert d.focused_key() == "detail"
    d.key(pygame.K_RETURN)
    assert d.top.name == "decision" and d.top.heading == "Decision 2 of 3"
    text = words(d.top)  # every page of the card
    assert "You chose: Pull over and phone Dana" in text
    assert "The enabler path never came to this decision" in text
    assert "The barrier path chose: Keep driving; it is only a few minutes" in text
    assert "Timeliness \u22121" in text and "Practice principle:" in text
    d.key(pygame.K_RIGHT)  # the next decision, in place
    assert d.top.heading == "Decision 3 of 3" and scene.decisions[scene.cursor].node == "doorstep.door"
    d.key(pygame.K_ESCAPE)
    assert d.top is scene
    d.app.close()


def test_replay_from_here_starts_a_new_playthrough_at_that_decision_with_the_state_you_had(tmp_path: Path):
    """Replay from decision 3 stands at the door with the scores, trust and clock the record had there, saved as a new entry."""
    d = compare_after(tmp_path, LATE, mode="assessment")
    scene = d.top
    review = scene.review
    d.key(pygame.K_END)
    dp = scene.decisions[scene.cursor]
    before = review.trace.steps[dp.index - 1]
    recorded = review.record["steps"][dp.index - 1]
    d.key(pygame.K_RETURN)
    assert d.tab_to("replay")
    d.key(pygame.K_RETURN)
    assert d.top.name == "notice" and d.top.heading == "Replay from here"
    d.key(pygame.K_RETURN)
    play = d.top
    assert play.name == "play" and play.moment.node == dp.node == "doorstep.door"
    state = play.run.session.state
    assert dict(state.scores) == dict(before.after.scores) == recorded["scores"]
    assert dict(state.trust) == dict(before.after.trust) == recorded["trust"]
    assert (state.day, state.minutes) == (recorded["day"], recorded["minutes"])
    assert play.run.mode == "assessment"  # the same setting as the playthrough replayed
    play.run.flush()
    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        rows = store.playthroughs()
        assert len(rows) == 2 and rows[0].id == play.run.pid and not rows[0].finished
        assert decode_all(store.actions(play.run.pid)) == tuple(review.trace.actions(dp.index))
    d.app.close()


def test_keyboard_only_from_the_title_to_the_debrief_to_compare_and_back(tmp_path: Path):
    """Keys alone: title, a case, the debrief, compare, a decision's detail, back to the debrief and home."""
    d = compare_after(tmp_path, TITLE_TO_DEBRIEF)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RETURN)
    assert d.top.name == "decision"
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "compare"
    d.key(pygame.K_DOWN)  # the other tracks
    assert d.top.series_page == 1 or d.top.pages == 1
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "debrief"
    assert d.tab_to("home")
    d.key(pygame.K_RETURN)
    assert d.top.name == "title"
    d.app.close()


def test_a_click_on_the_chart_opens_the_nearest_decision(tmp_path: Path):
    """Clicking at a decision's place on the chart selects it and opens what each path did there."""
    d = compare_after(tmp_path, TITLE_TO_DEBRIEF)
    scene = d.top
    x = round(scene.xs[1])
    d.click((x, scene.chart.plot.centery))
    assert d.top.name == "decision" and scene.cursor == 1
    d.app.close()


PHONE = "Pull over somewhere safe and ring Dana, telling her plainly that you are late, by how much, and why, so she is not left waiting at the window. Then drive on."
DRIVE = "Keep driving without ringing, since it is only a few minutes and she will surely understand once you arrive. Say sorry at the door."


def long_options(tmp_path: Path) -> Path:
    """The small example with two options that run to two sentences each (as a trainer may write them)."""
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case)
    episode = case / "episodes" / "prepare.yaml"
    text = episode.read_text(encoding="utf-8")
    text = text.replace('"Pull over and phone Dana to say you will be ten minutes late"', f'"{PHONE}"').replace('"Keep driving; it is only a few minutes"', f'"{DRIVE}"')
    episode.write_text(text, encoding="utf-8")
    return case


@pytest.mark.parametrize(("size", "step"), [((1024, 600), 3), ((1920, 1080), 0)], ids=["1024x600-largest", "1920x1080-smallest"])
def test_a_long_option_reads_as_text_on_the_detail_card_not_as_a_heading(tmp_path: Path, monkeypatch, size, step):
    """An option of two sentences is set as body text after "You chose:", starts on the first page with the parting note, and every page reads whole."""
    reader = Reader()
    reader.install(monkeypatch)
    d = Driver(make_app(tmp_path, long_options(tmp_path), size=size, settings=Settings(text_size=step)))
    start_new(d, "coach")
    assert play_to_debrief(d, by_ids(*LATE)) == list(LATE)
    assert d.tab_to("compare")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_HOME)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RETURN)
    card = d.top
    assert card.name == "decision"
    first = " ".join(run.text for row in card.pages[0].rows for run in row.runs)
    assert "first parted" in first and "You chose: Pull over somewhere safe" in " ".join(first.split())
    option = [run for page in card.pages for row in page.rows for run in row.runs if run.text.strip() and run.text.strip() in PHONE + " " + DRIVE]
    assert option and {run.style for run in option} == {"body"}
    for _ in range(len(card.pages)):
        reader.look_at(d.app)
        d.key(pygame.K_PAGEDOWN)
    assert reader.problems() == []
    d.app.close()
