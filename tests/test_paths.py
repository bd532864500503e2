"""Canonical paths and traces: simulated with the engine, deterministic, step by step and episode by episode."""

from __future__ import annotations

import pytest
from conftest import PROJECT

from simulator.analysis.paths import TraceError, canonical_path, canonical_paths, trace_actions
from simulator.engine.actions import SKIP
from simulator.engine.session import Session
from simulator.scenario import load_scenario

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def test_the_canonical_paths_on_mini(mini):
    """On mini the enabler path goes now and explains; the barrier path answers emails and calls it a chat."""
    paths = canonical_paths(mini)
    enabler, barrier = paths["enabler"], paths["barrier"]
    assert [s.choice.id for s in enabler.decisions] == ["go-now", "explain"]
    assert (enabler.ending, enabler.ending_kind, enabler.finished) == ("review.good", "enabler", True)
    assert [s.choice.id for s in barrier.decisions] == ["emails", "chat"]
    assert (barrier.ending, barrier.ending_kind) == ("review.poor", "barrier")
    assert dict(enabler.final.scores) == {"tone": 1, "timeliness": 1} and dict(enabler.final.trust) == {"ann": 55}


def test_a_step_records_what_changed_including_the_clock(mini):
    """Answering emails first costs 1 by choice and 2 more for arriving 20 minutes late, with Ann's trust."""
    first = canonical_path(mini, "barrier").steps[0]
    assert first.node == "visit.desk" and first.choice is not None and first.choice.path == "barrier"
    assert dict(first.effects) == {"timeliness": -3}
    assert dict(first.trust_change) == {"ann": -5}
    assert [e.kind for e in first.events] == ["late"] and first.late == 20
    assert (first.day, first.month) == (1, 0)
    assert dict(first.after.scores) == {"tone": 0, "timeliness": -3}


def test_episode_snapshots_chain_and_add_up(mini):
    """Each episode starts where the last one left off, and the changes add up to the final scores."""
    trace = canonical_path(mini, "enabler")
    assert [s.episode for s in trace.episodes] == ["visit", "review"]
    visit, review = trace.episodes
    assert dict(visit.start.scores) == {"tone": 0, "timeliness": 0} and dict(visit.start.trust) == {"ann": 40}
    assert visit.end == review.start
    assert (review.day, visit.choices) == (8, ("go-now", "explain"))
    for dim in mini.dimensions:
        assert sum(s.change("score", dim) for s in trace.episodes) == trace.final.score(dim) - trace.start.score(dim)


def test_the_clocks_arrival_penalty_counts_in_the_episode_it_happens_in():
    """On the worked example the late arrival is scored in "At the door", not in "Before you leave"."""
    sc = load_scenario(EXAMPLE).scenario
    assert sc is not None
    trace = canonical_path(sc, "barrier")
    prepare, door = trace.episode("prepare"), trace.episode("doorstep")
    assert prepare is not None and door is not None
    assert prepare.change("score", "timeliness") == -2  # two late-making choices
    assert door.change("score", "timeliness") == -1  # 15 minutes late, not phoned
    assert door.change("trust", "dana") == 0  # -5 for lateness, +5 for "just a chat"


def test_canonical_paths_are_deterministic(mini):
    """Two simulations of the same path are identical (no hidden randomness)."""
    assert canonical_paths(mini) == canonical_paths(mini)


def test_replay_from_here_restores_the_state_at_that_decision(mini):
    """Replaying a trace's first i actions puts a session at step i's node with the state the path had there."""
    trace = canonical_path(mini, "barrier")
    second = trace.steps[1]
    session = Session.restore(mini, trace.save(mini.id, 1))
    assert session.state.node == second.node
    assert session.state.scores == dict(trace.steps[0].after.scores)
    assert session.state.trust == dict(trace.steps[0].after.trust)


def test_traced_actions_are_checked_against_the_nodes_a_record_names(mini):
    """Actions whose recorded nodes do not match the scenario are refused with the step number."""
    good = trace_actions(mini, 0, ["go-now", "chat"], nodes=["visit.desk", "visit.door"])
    assert good.ending == "review.poor"
    with pytest.raises(TraceError, match="step 2"):
        trace_actions(mini, 0, ["go-now", "chat"], nodes=["visit.desk", "review.start"])
    with pytest.raises(TraceError, match="step 1"):
        trace_actions(mini, 0, ["no-such-choice"])


def test_a_skipped_scene_is_traced_and_replays(mini):
    """Skipping the rest of an episode is one step, marked skipped, and the trace's actions replay it."""
    trace = trace_actions(mini, 0, [SKIP])
    (step,) = trace.steps
    assert step.skipped and step.choice is None
    assert trace.actions() == [SKIP]
    assert Session.replay(mini, 0, trace.actions()).state.node == trace.ending


def test_an_unfinished_trace_says_so(mini):
    """A playthrough that stops early is traced up to where it stopped."""
    trace = trace_actions(mini, 0, ["go-now"])
    assert not trace.finished and trace.ending is None
    assert [s.episode for s in trace.episodes] == ["visit"]
