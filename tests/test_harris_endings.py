"""The Harris case's endings: the rule of the design outline (docs/harris-outline.md, section 7) chooses them.

Episode 13 applies the rule after the family's voices are heard; episode 14 plays the chosen
ending out. These tests play the whole shipped case with the engine's own policies, so they
also hold the other episodes to the outline's calibration.
"""

from __future__ import annotations

import pytest
from conftest import PROJECT

from simulator.assets import load_art
from simulator.engine import Session
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.autoplay import prefer
from simulator.scenario import Severity, load_scenario

HARRIS = PROJECT / "scenarios" / "harris-family"
SEEDS = range(41)
OUTCOMES = ("stepped-down", "progress", "plan-continues", "escalation")


@pytest.fixture(scope="module")
def harris():
    """The Harris case, loaded against the project's art and evidence base."""
    art = load_art()
    result = load_scenario(HARRIS, art=art.catalog() if art is not None else None)
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


def play(scenario, pick, seed: int = 0):
    """Play to the end; return the session and a snapshot of the state on reaching February."""
    session = Session.start(scenario, seed=seed)
    at_rule = None
    while not session.finished:
        if at_rule is None and session.state.episode == "ending":
            s = session.state
            # Nothing between the rule and February moves a score or trust, so this is the state the rule saw.
            at_rule = (dict(s.scores), dict(s.trust), set(s.chosen), dict(s.flags))
        if session.choices:
            session.choose(pick(session.choices))
        else:
            session.proceed()
    return session, at_rule


def section_7(scores: dict[str, int], trust: dict[str, int], chosen: set[str], flags: dict[str, object]) -> str:
    """The outline's ending rule, written out independently of the scenario files.

    John's trust in the worker is not part of it: the recommendation to end is offered only on
    evidence of change at home (episode 13), and escalation needs a second incident that was told.
    Chloe's trust is not part of it either: she was promised that deciding is the adults' job, so
    what she tells changes what the conference hears from her, never the decision itself.
    A second incident nobody told of shows in the family, so the chair cannot call it progress.
    """
    if flags.get("second-incident-disclosed"):
        return "escalation"
    hidden = bool(flags.get("second-incident"))
    if "e13-recommendation-end" in chosen and trust["fiona"] >= 60 and scores["honesty"] >= 15 and not hidden:
        return "stepped-down"
    if trust["fiona"] >= 45 and scores["honesty"] >= 5 and not hidden:
        return "progress"
    return "plan-continues"


def outcome_of(session: Session) -> str:
    local = session.state.node.split(".", 1)[1]
    assert local.startswith("ending-"), local
    return local[len("ending-") :]


def test_the_case_validates_without_warnings(harris):
    """Loading the Harris case reports no diagnostics at all: no errors and no warnings."""
    art = load_art()
    result = load_scenario(HARRIS, art=art.catalog() if art is not None else None)
    assert [d.render() for d in result.diagnostics if d.severity is not Severity.INFO] == []


def test_every_enabler_option_reaches_the_step_down(harris):
    """Choosing every enabler option ends the plan and steps the family down: the enabler ending."""
    session, _ = play(harris, prefer("enabler"))
    assert session.ending.kind == "enabler"
    assert outcome_of(session) == "stepped-down"


def test_every_barrier_option_reaches_a_barrier_ending(harris):
    """Choosing every barrier option leaves the family stuck on a plan: a barrier ending."""
    session, _ = play(harris, prefer("barrier"))
    assert session.ending.kind == "barrier"
    assert outcome_of(session) == "plan-continues"


def test_random_play_reaches_at_least_three_endings(harris):
    """Seeded random play over seeds 0-40 reaches at least three different endings."""
    reached = {outcome_of(play(harris, named_policy("random", n), n)[0]) for n in SEEDS}
    assert len(reached) >= 3, reached


@pytest.mark.parametrize("name", ["enabler", "barrier", "other", "random"])
def test_the_ending_is_the_one_section_7_picks(harris, name):
    """Whatever the path, the ending reached is the one the outline's rule picks from the state at the review."""
    runs = SEEDS if name == "random" else [0]
    for n in runs:
        pick = named_policy("random", n) if name == "random" else prefer(name)
        session, at_rule = play(harris, pick, n)
        assert at_rule is not None
        assert outcome_of(session) == section_7(*at_rule), (name, n)


def test_each_ending_kind_matches_its_outcome(harris):
    """Stepped down is the enabler ending, plan continues the barrier one; progress and pre-proceedings (John's assault, acted on) are mixed."""
    kinds = {}
    for node in harris.nodes.values():
        if node.ending is not None:
            kinds[node.id.split(".", 1)[1]] = node.ending.kind
    assert kinds == {
        "ending-stepped-down": "enabler",
        "ending-progress": "mixed",
        "ending-plan-continues": "barrier",
        "ending-escalation": "mixed",
    }


def test_every_outcome_sets_exactly_one_flag(harris):
    """Each route out of the second review sets one outcome flag, which February follows to its own scene."""
    for n in SEEDS:
        session, at_rule = play(harris, named_policy("random", n), n)
        set_flags = [o for o in OUTCOMES if at_rule[3].get(f"outcome-{o}")]
        assert set_flags == [outcome_of(session)], (n, set_flags)


def _before_the_rule(scenario) -> Session:
    """A session on the enabler path, paused on the last scene before the ending rule is applied."""
    session = Session.start(scenario)
    pick = prefer("enabler")
    while session.node.id != "review-2.john-returns":
        assert not session.finished
        if session.choices:
            session.choose(pick(session.choices))
        else:
            session.proceed()
    return session


STEP_DOWN = {"fiona": 60, "john": 50, "chloe": 50, "honesty": 15, "end": True, "second": False, "untold": False}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, "stepped-down"),
        ({"second": True}, "escalation"),
        ({"untold": True}, "plan-continues"),
        ({"end": False, "untold": True}, "plan-continues"),
        ({"fiona": 59}, "progress"),
        ({"john": 0}, "stepped-down"),
        ({"chloe": 0}, "stepped-down"),
        ({"honesty": 14}, "progress"),
        ({"end": False}, "progress"),
        ({"end": False, "fiona": 45, "honesty": 5}, "progress"),
        ({"end": False, "fiona": 44, "honesty": 40}, "plan-continues"),
        ({"end": False, "fiona": 90, "honesty": 4}, "plan-continues"),
        ({"second": True, "fiona": 0, "honesty": -30}, "escalation"),
    ],
)
def test_the_rule_at_its_thresholds(harris, change, expected):
    """At each threshold of the outline's rule, and one step below it, the review sends the case where the rule says."""
    values = {**STEP_DOWN, **change}
    session = _before_the_rule(harris)
    state = session.state
    state.trust.update(fiona=values["fiona"], john=values["john"], chloe=values["chloe"])
    state.scores["honesty"] = values["honesty"]
    if values["end"]:
        state.chosen.add("e13-recommendation-end")
    else:
        state.chosen.discard("e13-recommendation-end")
    state.flags["second-incident-disclosed"] = values["second"]
    state.flags["second-incident"] = values["second"] or values["untold"]
    assert section_7(state.scores, state.trust, state.chosen, state.flags) == expected
    session.proceed()
    assert session.node.id == f"review-2.decision-{expected}"
