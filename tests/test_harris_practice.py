"""The Harris case teaches safe domestic-abuse practice: properties a practice educator would check.

Incidents follow the risk factors the case establishes, not John's liking for the worker; a
disclosure that reaches John has consequences months later; the end of the plan rests on what the
partner support worker hears about home, not on attendance; what is confidential is never said
with John in the room; and eleven months of practice move trust a long way without pinning it.
"""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT

from simulator.engine import Session
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

HARRIS = PROJECT / "scenarios" / "harris-family"
CONFIDENTIAL = re.compile(r"\b(MARAC|DASH|risk checklist|risk assessment)\b", re.IGNORECASE)
JULY = {"held-call": "held", "held-fiona": "held", "row-fiona-rings": "row", "row-school-rings": "row", "row-health-rings": "row", "callout-call": "call-out"}


@pytest.fixture(scope="module")
def harris():
    """The shipped Harris case."""
    result = load_scenario(HARRIS)
    assert result.ok, [d.render() for d in result.errors]
    return result.scenario


def enabler_except(*barrier_ids: str):
    """Choose the enabler option everywhere except the named choices, which are taken when offered."""
    enabler = prefer("enabler")

    def pick(choices):
        named = [c for c in choices if c.id in barrier_ids]
        return named[0] if named else enabler(choices)

    return pick


def play(scenario, pick, seed: int = 0, until: str | None = None) -> Session:
    session = Session.start(scenario, seed=seed)
    while not session.finished and session.node.id != until:
        session.choose(pick(session.choices)) if session.choices else session.proceed()
    return session


def july(session: Session) -> str:
    found = {JULY[n.split(".", 1)[1]] for n in session.state.seen if n.startswith("setback.") and n.split(".", 1)[1] in JULY}
    assert len(found) == 1, found
    return found.pop()


def test_confidential_matters_are_never_said_with_john_in_the_room(harris):
    """No narration or line mentions the MARAC or the risk assessment in a scene where John is present."""
    said = []
    for node in harris.nodes.values():
        episode = harris.episode_by_id[node.episode]
        present = node.present if node.present is not None else episode.present
        if "john" not in present:
            continue
        for text in [node.narration, *(line.text for line in node.lines)]:
            if CONFIDENTIAL.search(text):
                said.append(f"{node.id}: {text[:80]}")
    assert said == []


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_what_happens_in_july_does_not_follow_johns_trust(harris, seed):
    """From the same state, John trusting the worker a little or a lot changes who tells the worker, not what happened."""
    before = play(harris, prefer("enabler"), seed, until="setback.desk")
    outcomes = set()
    for john in (5, 95):
        session = before.copy()
        session.state.trust["john"] = john
        pick = prefer("enabler")
        while session.node.episode == "setback":
            session.choose(pick(session.choices)) if session.choices else session.proceed()
        outcomes.add(july(session))
    assert len(outcomes) == 1, outcomes


@pytest.mark.parametrize("error", ["e3-page-nine-same-for-both", "e1-alone-idva-as-he-returns"])
def test_a_disclosure_that_reaches_john_brings_the_july_call_out(harris, error):
    """One safety error on an otherwise model path: John learns Fiona has told, the police are called in July, and the plan cannot end."""
    for seed in range(4):
        session = play(harris, enabler_except(error), seed)
        assert july(session) == "call-out", seed
        assert session.state.node != "ending.ending-stepped-down", seed


def test_attendance_without_change_at_home_does_not_end_the_plan(harris):
    """If the plan never named the phone, the money and her sister, John's full attendance does not earn the step-down."""
    session = play(harris, enabler_except("e4-control-incident-only"))
    assert session.state.flags.get("john-started-programme")
    assert not session.state.flags.get("control-easing")
    assert "e13-recommendation-end" not in session.state.chosen
    assert session.state.node == "ending.ending-progress"


def test_chloe_hears_what_is_passed_on_before_anyone_reads_it(harris):
    """On the model path Chloe is seen before the report goes out, and before the conference reads her words."""
    session = play(harris, prefer("enabler"))
    seen = session.state.seen
    assert "report-before-conference.chloe-before" in seen
    assert "e4-child-voice-as-she-chose" in session.state.chosen


def test_eleven_months_move_trust_a_long_way_without_pinning_it(harris):
    """The canonical paths end far apart, and nobody's trust is total on one or nil on the other."""
    enabler = play(harris, prefer("enabler")).state.trust
    barrier = play(harris, prefer("barrier")).state.trust
    for who in ("fiona", "john", "chloe"):
        assert 0 < barrier[who] < enabler[who] < 100, who
        assert enabler[who] - barrier[who] >= 40, who
