"""A workshop session without a window or a network: the facilitator's controls, both courses, the record and the report."""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path

import pytest

from simulator.analysis.paths import canonical_paths
from simulator.engine.session import Session
from simulator.records import workshops
from simulator.records.store import Store
from simulator.records.storefile import StoreDamaged
from simulator.scenario import load_scenario
from simulator.scenario.model import Scenario
from simulator.strictjson import loads
from simulator.workshop.facilitate import Workshop
from simulator.workshop.report_html import render_workshop
from simulator.workshop.room import Room, RoomError
from simulator.workshop.summary import build_summary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def harris() -> Scenario:
    result = load_scenario(ROOT / "scenarios" / "harris-family")
    assert result.scenario is not None
    return result.scenario


@pytest.fixture(scope="module")
def campbell() -> Scenario:
    result = load_scenario(ROOT / "scenarios" / "campbell-care-act")
    assert result.scenario is not None
    return result.scenario


def _run(workshop: Workshop, phones: list[str], pick: int) -> list[str]:
    """Drive a whole session by PageDown alone, the phones voting for option ``pick + phone`` (wrapping); the choices the room followed."""
    room = workshop.room
    followed = []
    for _ in range(5000):
        if workshop.stage == "ended":
            break
        if workshop.stage == "question" and room.phase == "open":
            question = room.question
            assert question is not None
            for i, token in enumerate(phones):
                room.vote(token, question.options[(pick + (i % 2)) % len(question.options)].id)
        before = len(workshop.results)
        workshop.forward()
        if len(workshop.results) > before and workshop.results[-1].chosen:
            followed.append(workshop.results[-1].chosen)
    assert workshop.stage == "ended"
    return followed


def test_play_together_follows_the_rooms_most_voted_option_to_an_ending(harris: Scenario) -> None:
    """PageDown alone opens, closes, reveals and follows the most-voted option; the case is the same as playing those choices."""
    room = Room("K7QM", "play")
    phones = [room.join("K7QM") for _ in range(3)]
    workshop = Workshop.start(harris, "play", room, seed=3)
    followed = _run(workshop, phones, pick=1)
    for result in workshop.results:
        tally = {o.id: o.votes for o in result.options}
        assert sum(tally.values()) == 3 and result.revealed
        assert tally[result.chosen or ""] == max(tally.values())
    again = Session.start(harris, seed=3)
    for choice in followed:
        while not again.options:
            again.proceed()
        again.choose(choice)
    while again.can_proceed:
        again.proceed()
    course_session = workshop.course.session  # type: ignore[union-attr]
    assert again.finished and again.state.scores == course_session.state.scores and again.ending == course_session.ending


def test_watch_and_predict_reveals_what_both_versions_chose(harris: Scenario) -> None:
    """Each decision's answers are the canonical enabler and barrier choices at that node."""
    room = Room("K7QM", "watch")
    phones = [room.join("K7QM") for _ in range(4)]
    workshop = Workshop.start(harris, "watch", room)
    _run(workshop, phones, pick=0)
    traces = canonical_paths(harris, 0)
    assert workshop.results and all(r.chosen is None for r in workshop.results)
    for result in workshop.results:
        step = traces["enabler"].at(result.node)
        assert step is not None and step.choice is not None and result.enabler == step.choice.id
        barrier = traces["barrier"].at(result.node)
        assert result.barrier == (barrier.choice.id if barrier is not None and barrier.choice is not None else None)
    assert {r.node for r in workshop.results} == {s.node for s in traces["enabler"].decisions}


def test_back_reopens_and_the_facilitator_can_choose_without_votes(campbell: Scenario) -> None:
    """PageUp reopens a closed vote; with nobody voting the facilitator names the option; nothing is chosen for them."""
    room = Room("K7QM", "play")
    workshop = Workshop.start(campbell, "play", room)
    while workshop.stage != "question":
        workshop.forward()
    workshop.forward()
    assert room.phase == "open"
    workshop.forward()
    workshop.back()
    assert room.phase == "open"
    workshop.back()
    assert room.phase == "waiting"
    workshop.forward()
    workshop.forward()
    workshop.forward()
    assert room.phase == "revealed" and workshop.candidate is None
    with pytest.raises(RoomError, match="Nobody has voted"):
        workshop.forward()
    workshop.move_candidate(1)
    question = room.question
    assert question is not None and workshop.candidate == question.options[0].id
    workshop.move_candidate(1)
    workshop.forward()
    assert workshop.stage == "outcome" and workshop.results[-1].chosen == question.options[1].id and workshop.results[-1].voters == 0
    outcome = room.view().outcome
    assert outcome is not None and outcome.heading == "The room chose B" and "The room's choice" in outcome.marks[question.options[1].id]


def test_skip_step_out_pause_and_notes_are_kept_in_the_summary(campbell: Scenario, tmp_path: Path) -> None:
    """A skipped scene, a step-out and typed notes reach the summary; no token or vote-by-phone does."""
    room = Room("K7QM", "play")
    phones = [room.join("K7QM") for _ in range(2)]
    workshop = Workshop.start(campbell, "play", room)
    workshop.note("  Ask the room what Pearl is not saying.  ")
    workshop.note("   ")
    assert workshop.toggle_pause() and not workshop.toggle_pause()
    workshop.toggle_step_out()
    workshop.toggle_step_out()
    said = workshop.skip_scene()
    assert said.startswith("Skipped the rest of") and "not scored" in said
    _run(workshop, phones, pick=0)
    summary = build_summary(workshop, started_at="2026-12-06T09:00:00Z", finished_at="2026-12-06T10:30:00Z", phones=room.joined)
    text = json.dumps(summary)
    assert all(p not in text for p in phones)
    assert [n["text"] for n in summary["notes"]] == ["Ask the room what Pearl is not saying."] and summary["notes"][0]["where"]
    assert summary["skipped"] and len(summary["events"]) == 3 and summary["phones"] == 2
    assert summary["ending"] is not None and summary["debrief"]["kind"] == "doorstep-debrief"
    assert [p["choice"] for p in summary["path"]] == [r.chosen for r in workshop.results]
    page = render_workshop(summary)
    assert "Ask the room what Pearl is not saying." in page and escape(summary["ending"]["title"]) in page
    assert "6 Dec 2026, " in page and "T09:00" not in page  # a date and times a facilitator reads, not the record's ISO text
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "") and "{" + "louisa}" not in page


def test_the_report_shows_each_decisions_votes_against_both_paths(harris: Scenario) -> None:
    """Every decision is a section with its vote counts, and the enabler and barrier choices marked."""
    room = Room("K7QM", "watch")
    phones = [room.join("K7QM") for _ in range(5)]
    workshop = Workshop.start(harris, "watch", room)
    _run(workshop, phones, pick=2)
    summary = build_summary(workshop, started_at="2026-12-06T09:00:00Z", finished_at="2026-12-06T10:30:00Z", phones=room.joined)
    page = render_workshop(summary)
    assert page.count('<section class="decision"') == len(summary["decisions"]) == len(workshop.results)
    assert page.count("the enabler worker chose this") == sum(1 for r in workshop.results if r.enabler)
    predicted = summary["predictions"]
    assert predicted["votes"] == 5 * predicted["decisions"]
    right = sum(Counter({o.id: o.votes for o in r.options})[r.enabler or ""] for r in workshop.results)
    assert predicted["right"] == right


def test_a_workshop_is_kept_in_the_store_and_a_changed_row_is_damage(campbell: Scenario, tmp_path: Path) -> None:
    """The summary round-trips through the store's workshops table; an edited row is refused, not read."""
    room = Room("K7QM", "play")
    workshop = Workshop.start(campbell, "play", room)
    _run(workshop, [room.join("K7QM")], pick=0)
    summary = build_summary(workshop, started_at="2026-12-06T09:00:00Z", finished_at="2026-12-06T10:30:00Z", phones=1)
    store, _ = Store.open(tmp_path / "records.sqlite3")
    with store:
        kept = workshops.save(store, summary)
        assert workshops.summary(store, kept) == loads(json.dumps(summary))
        assert [k.id for k in workshops.listing(store)] == [kept] and workshops.summary(store, kept + 1) is None
        assert store.verify() == []
        with store.writing("test: damage a row") as conn:
            conn.execute("UPDATE workshops SET summary = replace(summary, 'Pearl', 'Someone') WHERE id = ?", (kept,))
        with pytest.raises(StoreDamaged):
            workshops.summary(store, kept)
        assert workshops.listing(store) == [] and any("workshops row" in p for p in store.verify())
