"""Play from a node with chosen state: reached by real play where possible, values set as named, mistakes named."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, PROJECT

from simulator.authoring.playfrom import FromError, overrides, reach
from simulator.cli import main
from simulator.engine.session import Session
from simulator.scenario import load_scenario


@pytest.fixture(scope="module")
def harris():
    result = load_scenario(PROJECT / "scenarios" / "harris-family")
    assert result.ok
    return result.scenario


def test_a_node_is_reached_by_play(harris):
    """The session stands at the node asked for, in a state a trainee could have had: replaying its actions gives the same state."""
    arrival = reach(harris, "icpc")
    session = arrival.session
    assert arrival.note == ""
    assert session.state.node == harris.episode_by_id["icpc"].start
    again = Session.restore(harris, session.save())
    assert again.state == session.state


def test_every_stopping_node_of_a_small_case_is_reached_by_play(adult):
    """In the adult fixture every node play stops at is reached by play, never by stepping in."""
    for node_id, node in adult.nodes.items():
        if node.has_content or node.choices or node.ending:
            arrival = reach(adult, node_id)
            assert arrival.session.state.node == node_id and not arrival.note


def test_unknown_and_pass_through_nodes_are_named(adult):
    """A node that does not exist gets a suggestion; a route node (play never stops there) says where to start instead."""
    with pytest.raises(FromError, match=r"did you mean `visit\.door`"):
        reach(adult, "visit.dor")
    with pytest.raises(FromError, match="nothing to show"):
        reach(adult, "review.start")


def test_settings_change_what_is_offered_and_shown(adult):
    """--set values are in the state where play starts, so conditions read them."""
    arrival = reach(adult, "visit.door")
    session = overrides(arrival.session, ["trust.arthur=90", "score.candour=4"])
    assert session.state.trust["arthur"] == 90 and session.state.scores["candour"] == 4
    assert arrival.session.state.trust["arthur"] != 90  # the session given is left as it was
    session.choose("carers-assessment")
    assert session.state.node == "review.settled"  # trust.arthur >= 55 routes to the better ending


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("trust.artur=40", "did you mean `arthur`"),
        ("trust.arthur=140", "between 0 and 100"),
        ("trust.arthur=lots", "whole number"),
        ("flag.nope=true", "no choice or node sets the flag"),
        ("clock.time=25:00", "a time like 10:30"),
        ("mood.arthur=calm", "cannot be set"),
        ("trust.arthur", "NAME=VALUE"),
        ("chose.ask-him-too=maybe", "true or false"),
    ],
)
def test_bad_settings_are_named(adult, setting: str, message: str):
    """Each mistake in --set is one line saying what is wrong."""
    with pytest.raises(FromError, match=message):
        overrides(reach(adult, "visit.door").session, [setting])


def test_cli_play_from_with_settings(capsys: pytest.CaptureFixture[str]):
    """`play --text --from --set` starts at the node with the values set; --record with --set is refused (it could not replay)."""
    path = str(FIXTURES / "adult")
    code = main(["play", path, "--text", "--auto", "barrier", "--from", "visit.door", "--set", "trust.arthur=80"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("Playing from visit.door with trust.arthur=80.\n\n~ Two weeks later ~\n== The assessment visit ==")
    assert "I don't want strangers in my house." in out and "Trust: Mr Bell 70" in out
    code = main(["play", path, "--text", "--auto", "enabler", "--from", "visit.door", "--set", "trust.arthur=80", "--record", "x.json"])
    assert code == 2 and "cannot be recorded" in capsys.readouterr().err
