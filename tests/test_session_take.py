"""Session.take, the policies' way to move a session on, is Session.act without the action's wrapping: the same steps and state."""

from __future__ import annotations

import pytest
from conftest import PROJECT

from simulator.analysis.paths import trace_policy
from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.autoplay import policy, seeded_random
from simulator.engine.session import Session, SessionError
from simulator.scenario import load_scenario
from simulator.scenario.model import Scenario

CASES = ("scenarios/harris-family", "scenarios/campbell-care-act", "docs/examples/small-visit", "tests/fixtures/adult")


def _load(case: str) -> Scenario:
    result = load_scenario(PROJECT / case)
    assert result.scenario is not None
    return result.scenario


@pytest.mark.parametrize("case", CASES)
def test_taking_an_offered_option_or_continuing_is_acting(case: str):
    """Random, enabler and barrier play through take() and through act() give the same steps, state and ending."""
    scenario = _load(case)
    for name, seed in (("random", 3), ("random", 11), ("enabler", 2), ("barrier", 5)):
        taken, acted = Session.start(scenario, seed), Session.start(scenario, seed)
        pick = policy(name, seed)
        while not acted.finished:
            offered = acted.choices
            assert taken.choices == offered
            if offered:
                choice = pick(offered)
                assert taken.take(choice) == acted.act(Choose(choice.id))
            else:
                assert taken.take(None) == acted.act(CONTINUE)
        assert taken.state.to_dict() == acted.state.to_dict()
        assert taken.save() == acted.save()


def test_continuing_where_there_is_a_choice_or_an_ending_is_refused():
    scenario = _load("docs/examples/small-visit")
    session = Session.start(scenario, 0)
    while not session.choices:
        session.take(None)
    with pytest.raises(SessionError, match="nothing to continue to"):
        session.take(None)
    while not session.finished:
        session.take(session.choices[0] if session.choices else None)
    with pytest.raises(SessionError, match="nothing to continue to"):
        session.take(None)


def test_a_policy_that_picks_an_option_not_offered_is_still_refused():
    """trace_policy takes an option by its id, and so refuses it, when the policy returns one that is not among those offered."""
    scenario = _load("docs/examples/small-visit")
    elsewhere = next(c for c in scenario.choice_by_id.values() if c.node != scenario.start)
    with pytest.raises(SessionError, match="is not offered"):
        trace_policy(scenario, lambda offered: elsewhere)
    assert trace_policy(scenario, seeded_random(4), seed=4).finished
