"""The Harris case after the eighth practice reading: a held July is named as the abuse it was, and a plan ended halfway through John's programme keeps watch over the rest.

The held July night (John going through Fiona's spending, then stopping himself and leaving) does
not bar the step-down: the evidence the conference weighs is what Fiona says, seen alone, in the
months since. But nothing the case says in its own voice calls that night one when nothing happened,
and the chair who ends the plan says it was abuse and that it was weighed, not set aside. The plan
ends at week 12 of a 26-week programme, so the decision and the hand-over say what carries on to
its end and how a new worry comes back to children's services.
"""

from __future__ import annotations

import re

import pytest
from test_harris_practice import HARRIS, enabler_except

from simulator.engine import Session
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

#: the case's own voice (feedback, safety notes, an enabler's words) minimising the held night
MINIMISED = re.compile(r"(?<!not )a night when nothing happened|what nearly happened", re.IGNORECASE)


@pytest.fixture(scope="module")
def harris():
    """The shipped Harris case (test_harris_practice checks it loads without errors)."""
    return load_scenario(HARRIS).scenario


def said(scenario, pick, seed: int) -> tuple[Session, list[tuple[str, str | None, str]]]:
    """Play to the end and keep every line shown: (node id, speaker, text)."""
    session = Session.start(scenario, seed=seed)
    shown: list[tuple[str, str | None, str]] = []
    while not session.finished:
        shown += [(session.node.id, line.speaker, line.text) for line in session.lines()]
        session.choose(pick(session.choices)) if session.choices else session.proceed()
    shown += [(session.node.id, line.speaker, line.text) for line in session.lines()]
    return session, shown


def stepped_down_after_a_held_july(scenario, pick, seeds=range(12)):
    for seed in seeds:
        session, shown = said(scenario, pick, seed)
        if session.state.node == "ending.ending-stepped-down":
            assert any(n.startswith("setback.held") for n in session.state.seen), seed
            yield seed, session, shown


def test_the_case_never_calls_the_held_night_one_when_nothing_happened(harris):
    """No feedback, safety note or enabler option anywhere in the case calls a night of controlling behaviour one when nothing (or only nearly something) happened; a character may say so, the case does not."""
    found = []
    for node in harris.nodes.values():
        for choice in node.choices:
            own_voice = [choice.feedback or "", choice.safety or ""] + ([choice.text] if choice.path == "enabler" else [])
            found += [f"{node.id}/{choice.id}: {text[:70]}" for text in own_voice if MINIMISED.search(text)]
    assert found == []


def test_a_step_down_after_a_held_july_names_it_as_abuse_and_weighs_it(harris):
    """Every model-answer step-down follows a held July, and the chair says it was abuse, that it counts against the goals, and that it was weighed rather than set aside, before the plan ends."""
    checked = 0
    for seed, _session, shown in stepped_down_after_a_held_july(harris, prefer("enabler")):
        review = [text for node, speaker, text in shown if node.startswith("review-2.") and speaker == "chair"]
        july = [text for text in review if "July" in text]
        assert any("abuse" in text and "not setting it aside" in text for text in july), seed
        assert not any("have been met" in text for text in review), seed
        checked += 1
    assert checked >= 3


def test_the_chair_names_a_night_fiona_reported_only_without_john(harris):
    """When Fiona, not John, told of the held night, the chair speaks of July only in the part of the review John is not in."""
    # Three choices that cost John's trust without a safety error leave him below the trust at which he rings first.
    pick = enabler_except("e4-waiting-pre-meet", "e4-john-outburst-warn", "e8-opening-the-list")
    session, shown = said(harris, pick, 0)
    assert "setback.held-fiona" in session.state.seen and session.state.node == "ending.ending-stepped-down"
    july = {node for node, speaker, text in shown if node.startswith("review-2.") and speaker == "chair" and "July" in text}
    assert july == {"review-2.e13-family-voice"}, july


def test_a_plan_ended_halfway_through_the_programme_keeps_watch_over_the_rest(harris):
    """The step-down at week 12 of 26 keeps John's part to the programme's end with the partner support worker in touch, says how a new worry comes back that day, and the February hand-over says so again."""
    checked = 0
    for seed, _session, shown in stepped_down_after_a_held_july(harris, prefer("enabler")):
        decision = " ".join(text for node, _, text in shown if node == "review-2.decision-stepped-down")
        assert (
            "last session in March" in decision and "partner support worker" in decision and "strategy discussion" in decision
        ), seed
        handover = " ".join(text for node, _, text in shown if node.startswith("ending.sd-after-handover"))
        assert "last session is in March" in handover and "ring children's services that day" in handover, seed
        checked += 1
    assert checked >= 3


def test_the_glossary_explains_the_programme_the_step_down_leans_on(harris):
    """A trainee who meets the programme and its partner support worker at every conference can look both up, and reads that going is not changing and that the partner speaks with her agreement."""
    meaning = {term.term: term.meaning for term in harris.glossary}
    assert "not the same as changing" in meaning["perpetrator programme"]
    assert "partner's agreement" in meaning["partner support worker"]


def test_a_held_july_goes_back_to_the_marac_as_a_repeat(harris):
    """The held night is abuse within a year of the MARAC, so on the model path it goes back to the MARAC as a repeat, not merely for its information."""
    session, shown = said(harris, prefer("enabler"), 0)
    afternoon = " ".join(text for node, _, text in shown if node.startswith("setback."))
    assert "setback.held-call" in session.state.seen
    assert "back to the MARAC as a repeat" in afternoon


def test_a_held_july_is_named_as_abuse_in_december_whatever_the_ending(harris):
    """On any route where July was held (random play, and the model answer with John left without the programme), the chair names it as abuse in the part of the second review without John, so no ending treats it as a quiet night."""
    from simulator.engine.autoplay import policy

    picks = [(policy("random", seed), seed) for seed in range(60)] + [
        (enabler_except("e8-dapp-leaflet"), seed) for seed in range(6)
    ]
    checked = set()
    for pick, seed in picks:
        session, shown = said(harris, pick, seed)
        held = any(n.startswith("setback.held") for n in session.state.seen)
        if not held or session.state.flags.get("second-incident-disclosed"):
            continue
        voice = [text for node, speaker, text in shown if node == "review-2.e13-family-voice" and speaker == "chair"]
        assert any("July" in text and "abuse" in text for text in voice), (seed, session.state.node)
        checked.add(session.state.node)
    assert {"ending.ending-plan-continues", "ending.ending-progress"} <= checked, checked


def test_the_chair_forecasts_an_easy_march_only_on_evidence_of_change_at_home(harris):
    """When the plan continues for three months, the chair expects a short meeting in March only where the partner support worker has heard that home is different; otherwise she says what March will weigh."""
    from simulator.engine.autoplay import policy

    seen = set()
    for seed in range(80):
        session, shown = said(harris, policy("random", seed), seed)
        if session.state.node != "ending.ending-progress":
            continue
        decision = " ".join(text for node, _, text in shown if node == "review-2.decision-progress")
        easing = bool(session.state.flags.get("control-easing"))
        assert ("short meeting" in decision) == easing, seed
        seen.add(easing)
    assert False in seen, seen
