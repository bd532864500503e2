"""The shipped Jay scenario: it validates clean, its canonical paths end where they should, and it scores honestly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT
from routes import decisions, play, play_ids, project_art, reach, route, shipped, straight_and_restored

from simulator.engine import Session
from simulator.engine.autoplay import policy
from simulator.scenario import load_scenario

JAY = PROJECT / "scenarios" / "jay-residential"


@pytest.fixture(scope="module")
def jay():
    """The Jay scenario, loaded against the project's art and evidence base."""
    return shipped(JAY)


def test_validates_with_no_diagnostics_at_all():
    """No errors, warnings or notes, even against the real art manifest (what `validate --strict` checks)."""
    result = load_scenario(JAY, art=project_art())
    assert result.ok
    assert [d.render() for d in result.diagnostics] == []


def test_enabler_path_reaches_the_enabler_ending(jay):
    """Taking every enabler option ends in the enabler outcome, with Jay's trust well above where it started."""
    session = play(jay, "enabler")
    assert session.ending is not None and session.ending.kind == "enabler"
    start = jay.characters["jay"].trust
    assert session.state.trust["jay"] >= start + 40


def test_barrier_path_reaches_the_barrier_ending(jay):
    """Taking every barrier option ends in the barrier outcome, with every dimension below zero."""
    session = play(jay, "barrier")
    assert session.ending is not None and session.ending.kind == "barrier"
    assert all(score < 0 for score in session.state.scores.values())


def test_random_play_reaches_at_least_three_endings(jay):
    """Seeded random play over seeds 0-30 reaches at least three different endings, so outcomes follow state."""
    endings = {play(jay, "random", seed).state.node for seed in range(31)}
    assert len(endings) >= 3, endings


def test_every_ending_is_reached(jay):
    """Each authored ending is reached by seeded random play or a canonical path: none is dead text."""
    reached = {play(jay, "random", seed).state.node for seed in range(200)}
    reached |= {play(jay, "enabler").state.node, play(jay, "barrier").state.node}
    authored = {node.id for node in jay.endings()}
    assert authored == reached


def test_every_scored_choice_cites_a_principle_and_says_why(jay):
    """A choice that moves a dimension cites at least one principle and gives feedback of one to three sentences."""
    scored = [c for node in jay.nodes.values() for c in node.choices if c.scored]
    assert len(scored) >= 30
    for choice in scored:
        assert choice.principles, choice.id
        assert all(p in jay.evidence.principles for p in choice.principles), choice.id
        assert choice.feedback, choice.id
        sentences = sum(choice.feedback.count(mark) for mark in ".?!")
        assert 1 <= sentences <= 3, (choice.id, choice.feedback)


def test_scored_choices_carry_framework_tags(jay):
    """Every scored choice is tagged with at least one PCF, KSS or SWE tag from the evidence base."""
    for node in jay.nodes.values():
        for choice in node.choices:
            if choice.scored:
                assert choice.tags, choice.id
                assert all(t in jay.evidence.tags for t in choice.tags), choice.id


def test_its_rubric_is_its_own(jay):
    """The scenario scores patience, reliability and voice, not the Harris dimensions."""
    assert jay.dimensions == ("patience", "reliability", "voice")


def test_at_least_twelve_decisions_spanning_enabler_and_barrier(jay):
    """At least twelve decision points, each with three or more options including an enabler and a barrier one."""
    assert len(decisions(jay)) >= 12


def test_late_for_the_cafe_without_phoning_costs_jays_trust(jay):
    """Taking the duty call and driving on makes you late unannounced: reliability and Jay's trust drop on arrival."""
    session = play_ids(jay, {"cafe.desk": "take-the-duty", "cafe.running-late": "drive-on"})
    arrivals = [e for step in session.state.steps for e in step.events if e.kind == "late"]
    assert len(arrivals) == 1
    assert dict(arrivals[0].trust).get("jay", 0) < 0
    assert dict(arrivals[0].effects).get("reliability", 0) < 0


def test_phoning_ahead_softens_lateness(jay):
    """Ringing Birch House when late costs less reliability than driving on, and spares Jay's trust."""

    def arrival(pick: str):
        session = play_ids(jay, {"cafe.desk": "take-the-duty", "cafe.running-late": pick})
        (event,) = [e for step in session.state.steps for e in step.events if e.kind == "late"]
        return event

    phoned, silent = arrival("ring-birch-house"), arrival("drive-on")
    assert dict(phoned.trust) == {}
    assert dict(phoned.effects)["reliability"] > dict(silent.effects)["reliability"]


def test_letting_the_next_visit_drift_makes_the_statutory_visit_late(jay):
    """Waiting for court before fixing a date pushes the second visit past six weeks, and the clock scores it."""
    session = play_ids(jay, {"first-visit.card": "be-in-touch", "first-visit.next-date": "after-court"})
    assert session.state.overdue.get("visit-2", 0) > 0


def test_a_kept_promise_and_a_broken_one_read_differently(jay):
    """Jay's first question in the car is answered by what you did about the bike, and trust moves with it."""
    kept = play_ids(jay, {"first-visit.bike": "find-out-about-bike", "first-visit.karen": "ring-karen"})
    broken = play_ids(jay, {"first-visit.bike": "promise-the-bike", "first-visit.karen": "leave-karen"})
    assert "cafe.promise-kept" in kept.state.seen
    assert "cafe.promise-broken" in broken.state.seen
    assert kept.state.trust["jay"] > broken.state.trust["jay"]


def test_round_trip_mid_case_plays_on_identically(jay):
    """Saving after the first visit and restoring gives the same ending, scores and trust as playing straight on."""
    straight, restored = straight_and_restored(jay, "first-visit", 11)
    assert restored.state.node == straight.state.node
    assert restored.state.scores == straight.state.scores
    assert restored.state.trust == straight.state.trust


def test_new_principles_cite_only_known_sources(jay):
    """The principles added for this scenario exist and rest on sources already in seeds/sources.yaml."""
    added = [
        "stay-with-a-refusal",
        "let-young-people-choose",
        "share-something-of-yourself",
        "talk-with-children-not-about-them",
        "help-a-child-shape-their-review",
        "visit-children-in-care-regularly",
        "see-the-hurt-behind-the-anger",
    ]
    principles = jay.evidence.principles
    for pid in added:
        assert pid in principles, pid
        assert principles[pid].sources and all(s in jay.evidence.sources for s in principles[pid].sources), pid


def test_shipped_folder_is_where_the_cli_finds_it():
    """The scenario lives in scenarios/ with a scenario.yaml and one file per episode."""
    assert (JAY / "scenario.yaml").is_file()
    episodes = sorted(p.stem for p in Path(JAY, "episodes").glob("*.yaml"))
    assert episodes == ["bad-day", "cafe", "family-time", "first-visit", "review"]


def _choices_at(scenario, node: str, picks: dict[str, str]) -> set[str]:
    """The ids offered at ``node`` when playing enabler, except at the nodes named in ``picks``."""
    return {c.id for c in reach(scenario, node, picks).choices}


def test_the_call_to_jays_mum_is_played_on_both_canonical_paths(jay):
    """The call the bad day promises is made on the enabler and the barrier path alike, and the two agree different plans."""
    enabler, barrier = play(jay, "enabler"), play(jay, "barrier")
    for session in (enabler, barrier):
        assert {"family-time.answer", "family-time.arrangement"} <= session.state.seen
    assert enabler.state.flags.get("mum-plan") == "agreed"
    assert barrier.state.flags.get("mum-plan") == "on-her"
    assert enabler.state.trust["mum"] > jay.characters["mum"].trust > barrier.state.trust["mum"]


def test_jays_words_reach_his_mum_only_when_he_was_asked(jay):
    """Passing on Jay's words is offered only after asking him what she may hear; otherwise only what is the worker's to say."""
    asked = _choices_at(jay, "family-time.what-happened", {})
    not_asked = _choices_at(jay, "family-time.what-happened", {"family-time.before": "ring-her-now"})
    assert "pass-on-his-words" in asked and "what-is-yours" not in asked
    assert "what-is-yours" in not_asked and "pass-on-his-words" not in not_asked


def test_leaving_family_time_with_mum_puts_it_on_the_review_agenda(jay):
    """Only when the call left it to her to book does the review find Jay has not seen his mum, and plan who rings her."""
    left = play_ids(jay, {"family-time.arrangement": "over-to-her"})
    agreed = play(jay, "enabler")
    assert {"review.family-time-plan", "review.family-time-plan-with-jay"} & left.state.seen
    assert not {"review.family-time-plan", "review.family-time-plan-with-jay"} & agreed.state.seen


def test_leaving_family_time_with_mum_never_reaches_the_enabler_ending(jay):
    """Leaving it to his mum to rebook fails the duty to promote family time, so the top ending is out of reach."""
    left = play_ids(jay, {"family-time.arrangement": "over-to-her"})
    assert left.ending is not None and left.ending.kind != "enabler"


def _shown(scenario, picks: dict[str, str], fallback: str = "enabler") -> list[tuple[str, str | None, str]]:
    """Every line shown on a playthrough, as (node, speaker, text)."""
    return [(s.state.node, line.speaker, line.text) for s in route(Session.start(scenario), policy(fallback), picks) for line in s.lines()]


def test_the_review_asks_jay_himself_about_his_mum_when_he_is_there(jay):
    """With Jay in the room, the reviewing officer asks him when he last saw his mum and he answers; with him upstairs, the adults say it."""
    present = _shown(jay, {"family-time.arrangement": "over-to-her"})
    asked = [(who, text) for node, who, text in present if node.startswith("review.family-time-plan")]
    assert asked and asked[0][0] == "chair" and asked[0][1].startswith("Jay,")
    assert "jay" in {who for who, _ in asked}
    upstairs = play(jay, "barrier")
    assert "review.jay-upstairs" in upstairs.state.seen and "review.family-time-plan" in upstairs.state.seen
    assert "review.family-time-plan-with-jay" not in upstairs.state.seen


def test_a_friday_call_she_took_is_never_called_unanswered_at_the_review(jay):
    """After a warning, a mum who then took the worker's Friday call is not said to have stopped answering."""
    for plan in ("agree-the-plan", "guarantee-sunday"):
        shown = _shown(jay, {"family-time.answer": "warn-her", "family-time.arrangement": plan})
        report = " ".join(text for node, _, text in shown if node == "review.report")
        assert "Friday" in " ".join(text for node, _, text in shown if node == "family-time.goodbye")
        assert "not answered" not in report


def test_telling_mum_what_was_jays_to_tell_costs_the_best_ending(jay):
    """Handing Jay's worst night to his mum without him loses his trust and the enabler ending, even on an otherwise enabler path."""
    told = play_ids(jay, {"family-time.what-happened": "tell-her-all"})
    kept = play(jay, "enabler")
    assert told.state.trust["jay"] < kept.state.trust["jay"]
    assert kept.ending is not None and kept.ending.kind == "enabler"
    assert told.ending is not None and told.ending.kind != "enabler"


def _ending_lines(scenario, picks: dict[str, str], fallback: str) -> tuple[str, str]:
    """Play to the end and return the ending's kind and the lines shown with it."""
    session = play_ids(scenario, picks, fallback)
    assert session.ending is not None
    return session.ending.kind, " ".join(line.text for line in session.lines())


def test_an_ending_after_family_time_was_left_to_drift_says_so(jay):
    """Whichever ending follows leaving his mum to rebook, it names the family time Jay went without and whose duty it was; an agreed plan's ending does not."""
    for fallback in ("enabler", "barrier"):
        kind, said = _ending_lines(jay, {"family-time.arrangement": "over-to-her"}, fallback)
        assert kind != "enabler"
        assert "family time" in said and "council's job" in said, fallback
    kind, said = _ending_lines(jay, {}, "enabler")
    assert kind == "enabler" and "council's job" not in said
