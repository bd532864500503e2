"""The debrief in the window: sections read straight through, reflection typed and kept, export, past playthroughs, room."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import Overflow, on_path, play_to_debrief, post_text, start_new, words

from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
HARRIS = PROJECT / "scenarios" / "harris-family"
SECTION_ORDER = ["debrief-ending", "debrief-scores", "debrief-moments", "debrief-clock", "debrief-reflect", "debrief-evidence", "debrief-support"]


@pytest.fixture(autouse=True)
def exports(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "Documents" / "Doorstep"
    monkeypatch.setenv("DOORSTEP_EXPORT_DIR", str(folder))
    return folder



def finished(tmp_path: Path, scenario: Path = EXAMPLE, mode: str = "coach", choose=None, **kw) -> Driver:
    d = Driver(make_app(tmp_path, scenario, **kw))
    start_new(d, mode)
    play_to_debrief(d, choose or on_path("enabler"))
    return d


def stored(tmp_path: Path) -> Store:
    store, _ = Store.open(tmp_path / "data" / "records.sqlite3")
    return store


def test_enter_reads_the_sections_in_order_and_esc_comes_back(tmp_path: Path):
    """From the summary, each section's Next leads to the following one; Esc returns to the summary from any of them."""
    d = finished(tmp_path)
    assert d.top.name == "debrief" and d.focused_key() == "ending"
    d.key(pygame.K_RETURN)
    seen = []
    for _ in range(60):
        top = d.top
        if not seen or seen[-1] != top.name:
            seen.append(top.name)
        if top.name == "debrief-support":
            break
        if top.name == "debrief-reflect":
            assert d.tab_to("next")  # in an answer, Enter starts a new line
        elif getattr(top, "pages", None) and top.page < len(top.pages) - 1:
            d.key(pygame.K_PAGEDOWN)
            continue
        elif d.focused_key() != "next":
            assert d.tab_to("next")
        d.key(pygame.K_RETURN)
    assert seen == SECTION_ORDER
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "debrief"
    d.app.close()


def test_reflection_typed_is_saved_and_comes_back_when_reopened(tmp_path: Path):
    """Text typed as TEXTINPUT events, with Enter for a new line and Tab to the next answer, is in the store and reloads."""
    d = finished(tmp_path)
    pid = d.top.review.pid
    assert d.tab_to("reflect")
    d.key(pygame.K_RETURN)
    assert d.top.name == "debrief-reflect"
    post_text(d.app, "Dana was anxious.\nI said who I was.")
    d.key(pygame.K_TAB)
    post_text(d.app, "Nervous, then relieved.")
    d.key(pygame.K_ESCAPE)  # leaving saves at once
    assert d.top.name == "debrief"
    d.app.flow.settle()
    with stored(tmp_path) as store:
        assert store.reflections(pid) == {"description": "Dana was anxious.\nI said who I was.", "feelings": "Nervous, then relieved."}
    assert d.tab_to("home")
    d.key(pygame.K_RETURN)
    assert d.tab_to("past")
    d.key(pygame.K_RETURN)
    assert d.top.name == "past" and d.focused_key() == f"p{pid}"
    d.key(pygame.K_RETURN)
    assert d.top.name == "past-menu"
    d.key(pygame.K_RETURN)
    assert d.top.name == "debrief" and d.top.review.pid == pid
    assert d.tab_to("reflect")
    d.key(pygame.K_RETURN)
    texts = [f.edit.text for f in d.top.fields]
    assert texts[:2] == ["Dana was anxious.\nI said who I was.", "Nervous, then relieved."] and texts[2:] == ["", "", "", ""]
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "past"  # a debrief opened from the list goes back to the list
    d.app.close()


def test_a_pause_in_typing_saves_and_closing_the_window_keeps_the_rest(tmp_path: Path):
    """A second's pause saves what was typed; text typed just before the window closes is saved as it closes."""
    d = finished(tmp_path)
    pid = d.top.review.pid
    d.tab_to("reflect")
    d.key(pygame.K_RETURN)
    post_text(d.app, "First thoughts")
    assert d.app.wake_in() is not None  # the loop wakes to save, then sleeps
    d.step(dt=0.5)
    d.step(dt=0.6)
    d.app.flow.settle()
    with stored(tmp_path) as store:
        assert store.reflections(pid)["description"] == "First thoughts"
    assert d.app.wake_in() is None
    post_text(d.app, ", and more")
    d.app.close()
    with stored(tmp_path) as store:
        assert store.reflections(pid)["description"] == "First thoughts, and more"


def test_export_writes_a_self_contained_page_and_json_with_the_reflections(tmp_path: Path, exports: Path):
    """Export writes one HTML file (no script, nothing fetched) and the JSON debrief, with the reflections, and says where."""
    d = finished(tmp_path)
    d.tab_to("reflect")
    d.key(pygame.K_RETURN)
    post_text(d.app, "I would phone ahead next time.")
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("export")
    d.key(pygame.K_RETURN)
    assert d.top.name == "exported" and d.top.heading == "Exported"
    [page] = list(exports.glob("*.html"))
    [data] = list(exports.glob("*.json"))
    folder = d.top.paras()[1].spans[0].text.replace("\n", "")  # the folder in rows that fit, then each file by name (test_ui_export_paths.py)
    assert folder.endswith("/Documents/Doorstep/") and f"{page.parent}/".startswith(folder.split("\u2026")[0])
    assert page.name in words(d.top) and data.name in words(d.top)
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html.lower() and 'src="http' not in html and 'href="http' not in html
    assert "I would phone ahead next time." in html
    debrief = json.loads(data.read_text(encoding="utf-8"))
    assert debrief["kind"] == "doorstep-debrief" and debrief["scenario"] == "small-visit"
    assert debrief["reflections"][0]["text"] == "I would phone ahead next time."
    d.app.close()


def test_held_feedback_is_in_the_debrief_in_the_assessment_setting(tmp_path: Path):
    """In the assessment setting, the moments carry the feedback held back during play, with the principle behind it."""
    d = finished(tmp_path, mode="assessment")
    assert d.top.review.mode == "assessment"
    d.tab_to("moments")
    d.key(pygame.K_RETURN)
    text = words(d.top)
    assert "first time you see this feedback" in text
    assert "A plain explanation at the door lets Dana decide" in text and "Practice principle:" in text
    d.app.close()


def test_past_playthroughs_lists_newest_first_and_continues_an_unfinished_one(tmp_path: Path):
    """A finished and a later unfinished playthrough are listed newest first; Continue resumes the unfinished one."""
    d = finished(tmp_path)
    d.tab_to("home")
    d.key(pygame.K_RETURN)
    start_new(d)
    for _ in range(30):
        if d.top.name == "play" and d.top.stages[d.top.index][0] == "choose":
            break
        d.key(pygame.K_RETURN)
    play = d.top
    d.choose("read-referral")
    node = play.run.session.state.node
    d.key(pygame.K_ESCAPE)
    d.tab_to("step-out")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # the stepped-out notice
    assert d.tab_to("past")
    d.key(pygame.K_RETURN)
    details = [b.detail for b in d.top.group.buttons if b.key.startswith("p")]
    assert details[0].startswith("Unfinished") and details[1].startswith("Finished: A start")
    d.key(pygame.K_RETURN)
    assert d.top.name == "past-menu" and d.focused_key() == "continue"
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 10)
    assert d.top.run.session.state.node == node
    d.app.close()


@pytest.fixture
def harris() -> Path:
    if not (HARRIS / "scenario.yaml").is_file() or not load_scenario(HARRIS).ok:
        pytest.skip("the Harris case is not there or does not validate")
    return HARRIS


def _mixed():
    count = [0]

    def choose(offered) -> str:
        count[0] += 1
        path = "barrier" if count[0] % 3 == 0 else "enabler"
        return next((c.id for c in sorted(offered, key=lambda c: c.order) if c.path == path), offered[0].id)

    return choose


@pytest.mark.parametrize(
    ("size", "settings"),
    [((1024, 600), Settings(text_size=3)), ((1024, 600), Settings(text_size=3, high_contrast=True)), ((1920, 1080), Settings(text_size=2)), ((1280, 720), Settings())],
    ids=["1024x600-largest", "1024x600-largest-contrast", "1920x1080-large", "1280x720"],
)
def test_no_debrief_or_compare_text_leaves_its_box(tmp_path: Path, harris: Path, size, settings):
    """Every line drawn on the summary, every page of every section, reflection with text, compare and its detail fits its box."""
    log = Overflow()
    d = finished(tmp_path, harris, choose=_mixed(), size=size, settings=settings, text_log=log)

    def key(k: int, mod: int = 0) -> None:
        d.key(k, mod)
        log.check(d.app)

    d.app.dirty = True
    d.step()
    log.check(d.app)
    for section in ("ending", "scores", "moments", "clock", "evidence", "support", "choices"):
        assert d.tab_to(section)
        key(pygame.K_RETURN)
        for _ in range(40):
            if d.top.page >= len(d.top.pages) - 1:
                break
            key(pygame.K_PAGEDOWN)
        key(pygame.K_ESCAPE)
    d.tab_to("reflect")
    key(pygame.K_RETURN)
    for _ in range(6):
        post_text(d.app, "A long answer that wraps over several rows, to see that it stays inside its box however much is written. " * 3)
        log.check(d.app)
        key(pygame.K_TAB)
    key(pygame.K_ESCAPE)
    d.tab_to("compare")
    key(pygame.K_RETURN)
    for _ in range(3):
        key(pygame.K_RIGHT)
        key(pygame.K_DOWN)
    key(pygame.K_1)
    d.tab_to("detail")
    key(pygame.K_RETURN)
    for _ in range(4):
        key(pygame.K_PAGEDOWN)
    key(pygame.K_RIGHT)
    key(pygame.K_ESCAPE)
    key(pygame.K_ESCAPE)
    d.tab_to("export")
    key(pygame.K_RETURN)
    key(pygame.K_PAGEDOWN)
    key(pygame.K_ESCAPE)  # the notice closes
    assert d.tab_to("home")
    key(pygame.K_RETURN)
    assert d.tab_to("past")
    key(pygame.K_RETURN)
    key(pygame.K_RETURN)
    d.app.close()
    assert log.problems == []
    assert {"debrief", "debrief-scores", "debrief-reflect", "debrief-evidence", "compare", "decision", "past", "past-menu"} <= log.screens


def test_export_opens_the_report_and_its_folder(tmp_path: Path, exports: Path, monkeypatch):
    """Open the report hands the HTML file to the computer's opener, Open the folder the folder; a missing opener is said in a line."""
    said = tmp_path / "opened.txt"
    opener = tmp_path / "opener.sh"
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{said}"\n')
    opener.chmod(0o755)
    monkeypatch.setenv("DOORSTEP_OPEN", str(opener))
    d = finished(tmp_path)
    assert d.tab_to("export")
    d.key(pygame.K_RETURN)
    assert d.top.name == "exported" and d.focused_key() == "open-report"
    d.key(pygame.K_RETURN)
    assert d.tab_to("open-folder")
    d.key(pygame.K_RETURN)
    [page] = list(exports.glob("*.html"))
    for _ in range(100):
        if said.exists() and len(said.read_text().splitlines()) == 2:
            break
        time.sleep(0.05)
    assert said.read_text().splitlines() == [str(page), str(exports)]
    assert "The folder is opening." in words(d.top)
    monkeypatch.setenv("DOORSTEP_OPEN", str(tmp_path / "no-such-program"))
    assert d.tab_to("open-report")
    d.key(pygame.K_RETURN)
    assert "Could not open it: This computer has no" in words(d.top)
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "debrief"
    d.app.close()
