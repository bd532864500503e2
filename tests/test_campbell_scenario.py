"""The shipped adult social care case: it validates clean, its paths end where they should, and the law it teaches holds."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import PROJECT
from routes import decisions, play, play_ids, project_art, reach, route, shipped, straight_and_restored

from simulator.assets import load_art, scenario_art
from simulator.engine import Session
from simulator.engine.autoplay import policy
from simulator.engine.clock import clock_view
from simulator.scenario import load_scenario

CAMPBELL = PROJECT / "scenarios" / "campbell-care-act"
ENDINGS = {
    "last-week.end-his-own-front-door": "enabler",
    "last-week.end-fourteen-days": "mixed",
    "last-week.end-strangers-at-eight": "mixed",
    "last-week.end-home-for-now": "mixed",
    "last-week.end-somebody-elses-chair": "barrier",
    "last-week.end-coat-by-the-door": "barrier",
}


@pytest.fixture(scope="module")
def case():
    """The Campbell scenario, loaded against the project's art and evidence base."""
    return shipped(CAMPBELL)


def offered_at(scenario, node: str, picks: dict[str, str]) -> list[str]:
    """The choice ids offered when play (enabler, except ``picks``) first reaches ``node``."""
    return [c.id for c in reach(scenario, node, picks).choices]


def test_validates_with_no_diagnostics_at_all():
    """No errors, warnings or notes against the real art manifest, with its own evidence and art folders (what `validate --strict` checks)."""
    result = load_scenario(CAMPBELL, art=project_art())
    assert result.ok
    assert [d.render() for d in result.diagnostics] == []


def test_told_in_weeks_over_six_weeks(case):
    """Three episodes from Thursday 12 March to Tuesday 14 April 2026, told in weeks: the last falls in week 6."""
    assert case.scale == "weeks"
    assert [ep.id for ep in case.episodes] == ["front-room", "mornings", "last-week"]
    assert [case.calendar.date_of(ep.day) for ep in case.episodes] == [date(2026, 3, 12), date(2026, 3, 25), date(2026, 4, 14)]
    assert case.periods() == 5  # weeks counted from 0: "Week 6 of 6" on the clock


def test_enabler_path_reaches_the_enabler_ending(case):
    """Every enabler option ends at home by his own decision, with his and Pearl's trust well above where they started."""
    session = play(case, "enabler")
    assert session.state.node == "last-week.end-his-own-front-door"
    assert session.ending is not None and session.ending.kind == "enabler"
    assert session.state.trust["delroy"] >= case.characters["delroy"].trust + 40
    assert session.state.trust["pearl"] >= case.characters["pearl"].trust + 30
    assert all(score > 0 for score in session.state.scores.values())


def test_barrier_path_reaches_the_barrier_ending(case):
    """Every barrier option ends in a care home on others' decision, with every dimension below zero."""
    session = play(case, "barrier")
    assert session.state.node == "last-week.end-somebody-elses-chair"
    assert session.ending is not None and session.ending.kind == "barrier"
    assert all(score < 0 for score in session.state.scores.values())


def test_the_canonical_paths_diverge_at_the_first_decision_and_never_meet(case):
    """The two paths share no choice at all: they part at the desk on day 3 and stay apart to the end."""
    enabler = play(case, "enabler").state.chosen
    barrier = play(case, "barrier").state.chosen
    assert not enabler & barrier
    assert "read-discharge" in enabler and "skim-referral" in barrier


def test_every_ending_is_reached_by_state_not_one_choice(case):
    """Seeded random play over 200 seeds reaches four endings, the canonical paths the fifth; none is dead text."""
    reached = {play(case, "random", seed).state.node for seed in range(200)}
    assert len(reached) >= 4, reached
    reached |= {play(case, "enabler").state.node, play(case, "barrier").state.node}
    assert reached == set(ENDINGS)
    assert {node.id: node.ending.kind for node in case.endings() if node.ending} == ENDINGS


def test_a_route_with_hurried_choices_can_still_end_well(case):
    """Not one right answer: skimming the file, a task-list start and a brief note still reach the enabler ending if the capacity work, the advocate and Pearl's assessment are done."""
    picks = {
        "front-room.desk": "skim-referral",
        "front-room.door": "all-sit-down",
        "front-room.good-day": "ask-what-help",
        "front-room.notes": "record-brief",
        "mornings.desk": "forward-to-manager",
        "mornings.prepare": "prepare-nothing",
    }
    session = play_ids(case, picks)
    assert session.state.node == "last-week.end-his-own-front-door"
    assert {"explain-capacity-unread", "one-decision-spoken", "plan-ask-what-else"} <= session.state.chosen


def test_the_hospital_form_read_changes_what_the_worker_can_say(case):
    """Only a worker who read the discharge summary can explain that the hospital's assessment was made in delirium."""
    read = offered_at(case, "front-room.his-words", {})
    skimmed = offered_at(case, "front-room.his-words", {"front-room.desk": "skim-referral"})
    assert "explain-capacity" in read and "explain-capacity-unread" not in read
    assert "explain-capacity-unread" in skimmed and "explain-capacity" not in skimmed


def test_an_unfair_capacity_test_offers_a_second_try_not_a_conclusion(case):
    """After a memory quiz the enabler option is to try again another morning; concluding capacity is offered only after a supported assessment."""
    quiz = offered_at(case, "mornings.weighing", {"mornings.the-question": "orientation-quiz"})
    fair = offered_at(case, "mornings.weighing", {})
    assert "try-again" in quiz and "has-capacity" not in quiz
    assert "has-capacity" in fair and "try-again" not in fair
    assert "lacks-capacity" in quiz and "lacks-capacity" in fair  # the documented mistake is always available


def test_best_interests_on_a_flawed_assessment_ends_in_the_barrier_ending(case):
    """Relying on the hospital form, concluding he lacks capacity because the choice is risky, a best interests round and a move: the care home, whatever else went well."""
    picks = {
        "front-room.his-words": "accept-hospital",
        "mornings.weighing": "lacks-capacity",
        "last-week.opening": "best-interests-meeting",
        "last-week.after-the-round": "arrange-larchfield",
    }
    session = play_ids(case, picks)
    assert session.state.node == "last-week.end-somebody-elses-chair"
    assert session.state.flags["move"] == "larchfield"
    recovered = play_ids(case, {**picks, "last-week.after-the-round": "stop-and-reassess"})
    assert recovered.ending is not None and recovered.ending.kind != "barrier"
    assert recovered.state.flags["decision"] == "his" and recovered.state.flags["capacity-outcome"] == "late"


def test_an_advocate_and_a_fair_assessment_catch_a_later_mistake(case):
    """With an advocate referred and capacity properly found, a best interests meeting is challenged and the decision stays his."""
    session = play_ids(case, {"last-week.opening": "best-interests-meeting"})
    assert "last-week.tom-objects" in session.state.seen
    assert "last-week.after-the-round" not in session.state.seen
    assert session.state.flags["decision"] == "his"
    assert session.ending is not None and session.ending.kind != "barrier"
    without = play_ids(case, {"front-room.car": "family-will-support", "last-week.opening": "best-interests-meeting"})
    assert "last-week.tom-objects" not in without.state.seen
    assert "last-week.after-the-round" in without.state.seen and "back-to-him" in without.state.chosen
    moved = play_ids(case, {"front-room.car": "family-will-support", "last-week.opening": "best-interests-meeting", "last-week.after-the-round": "arrange-larchfield"})
    assert moved.state.node == "last-week.end-coat-by-the-door"


def test_the_carers_assessment_is_its_own_conversation(case):
    """Offering Pearl her own assessment leads to the carers' centre; folding her into his leaves her at the gate, unasked."""
    own = play(case, "enabler")
    folded = play_ids(case, {"front-room.kitchen": "fold-into-his"})
    assert "mornings.carers-centre" in own.state.seen and "mornings.at-the-gate" not in own.state.seen
    assert "mornings.at-the-gate" in folded.state.seen and "mornings.carers-centre" not in folded.state.seen
    assert own.state.flags.get("carer-support") is True


def test_pearls_crisis_follows_from_her_support_not_from_luck_alone(case):
    """With Pearl assessed and supported on time she never faints; with her needs folded into his she does on most seeds."""
    supported = {seed for seed in range(40) if "last-week.bad-night" in play_ids(case, {}, seed=seed).state.seen}
    assert supported == set()
    unheard = {"front-room.kitchen": "fold-into-his", "mornings.at-the-gate": "add-to-his"}
    crises = sum("last-week.bad-night" in play_ids(case, unheard, seed=seed).state.seen for seed in range(40))
    assert 20 <= crises <= 36, crises


def test_moving_the_meeting_past_the_end_of_reablement_is_late_and_scored(case):
    """Agreeing to Marcia's date puts the plan three working days after free reablement ends, and the clock scores it against the carer."""
    session = play_ids(case, {"mornings.ring-marcia": "move-the-meeting"})
    assert session.state.overdue.get("support-plan") == 3
    assert case.calendar.date_of(session.state.held["support-plan"]) == date(2026, 4, 21)
    events = [e for step in session.state.steps for e in step.events if e.kind == "overdue"]
    assert len(events) == 1 and dict(events[0].effects) == {"carer": -2}
    ending = case.nodes[session.state.node]
    gap = [line for line in ending.lines if line.when is not None and line.when(session.state) and "on her own" in line.text]
    assert session.ending is not None and (session.ending.kind != "enabler" or gap)


def test_a_case_pushed_past_its_last_week_says_so_on_the_clock(case):
    """With the meeting moved to the 21st the last episode falls in week 7, and the clock reads "Week 7 of 7", never "of 6"."""
    moved = route(Session.start(case), policy("enabler"), {"mornings.ring-marcia": "move-the-meeting"})
    session = next(s for s in moved if s.state.episode == "last-week")
    assert clock_view(session).period_text == "Week 7 of 7"
    assert clock_view(play(case, "enabler")).period_text == "Week 6 of 6"


def test_every_scored_choice_cites_a_principle_and_says_why(case):
    """A choice that moves a dimension cites at least one principle and framework tag, with feedback of one to three sentences."""
    scored = [c for node in case.nodes.values() for c in node.choices if c.scored]
    assert len(scored) >= 50
    for choice in scored:
        assert choice.principles and all(p in case.evidence.principles for p in choice.principles), choice.id
        assert choice.tags and all(t in case.evidence.tags for t in choice.tags), choice.id
        sentences = sum(choice.feedback.count(mark) for mark in ".?!")
        assert 1 <= sentences <= 3, (choice.id, choice.feedback)


def test_decisions_span_the_practice(case):
    """At least fifteen decisions, each with three or more options including an enabler and a barrier one, and two that need no condition."""
    assert len(decisions(case)) >= 15


def test_its_rubric_and_evidence_are_adult_practice(case):
    """Its own rubric; its choices cite the adult KSS, PCF and SWE, never the children's KSS; its principles rest on its own sources."""
    assert case.dimensions == ("person-centred", "rights", "carer")
    tags = {t for node in case.nodes.values() for c in node.choices for t in c.tags}
    assert any(t.startswith("kssa-") for t in tags)
    assert not any(t.startswith("kss-") for t in tags)
    own = yaml_ids(CAMPBELL / "evidence" / "principles.yaml")
    cited = {p for node in case.nodes.values() for c in node.choices for p in c.principles}
    assert cited == own
    for pid in own:
        assert all(s in case.evidence.sources for s in case.evidence.principles[pid].sources), pid
    for law in ("care-act-2014", "care-eligibility-regs-2015", "care-advocacy-regs-2014", "mca-2005", "mca-code-2007", "kss-adults-2015"):
        assert law in case.evidence.sources, law


def yaml_ids(path: Path) -> set[str]:
    """The top-level list ids in an evidence file (``  - id: x``)."""
    return {line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("  - id:")}


def test_every_face_and_place_is_its_own(case):
    """Everyone on stage and every location has a picture from the case's own art/ (or shared, unowned art), in every mood the text uses."""
    art = scenario_art(CAMPBELL, case.id, load_art())
    assert art is not None
    own = CAMPBELL / "art"
    for who in ("delroy", "pearl", "marcia", "advocate"):
        for mood in case.characters[who].moods:
            frames = art.moods[who][mood]
            assert frames and all(f.is_file() and own in f.parents for f in frames), (who, mood)
    places = {node.location for node in case.nodes.values() if node.location} | {ep.location for ep in case.episodes}
    for place in places:
        assert art.locations[place].is_file(), place
    assert {"campbell-front-room", "campbell-hall", "campbell-kitchen", "carers-centre", "larchfield-lounge"} <= places


def test_its_art_is_rebuilt_exactly_by_its_generator(tmp_path: Path):
    """scenarios/campbell-care-act/art/build_art.py, run into an empty folder, writes the committed SVGs and art.yaml byte for byte."""
    own = CAMPBELL / "art"
    subprocess.run([sys.executable, str(own / "build_art.py"), str(tmp_path)], check=True, capture_output=True)
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(own).as_posix() for p in own.rglob("*") if p.is_file() and p.suffix in (".svg", ".yaml"))
    assert built == committed
    different = [rel for rel in built if (tmp_path / rel).read_bytes() != (own / rel).read_bytes()]
    assert not different, f"regenerate with: python3 scenarios/campbell-care-act/art/build_art.py ({different[:5]})"


def test_round_trip_mid_case_plays_on_identically(case):
    """Saving after the first visit and restoring gives the same ending, scores and trust as playing straight on."""
    straight, restored = straight_and_restored(case, "front-room", 11)
    assert restored.state.node == straight.state.node
    assert restored.state.scores == straight.state.scores
    assert restored.state.trust == straight.state.trust
