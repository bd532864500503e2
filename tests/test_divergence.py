"""Where a hand-made record parts from each canonical path, and what each path did at the trainee's decisions."""

from __future__ import annotations

from tiny import build

from simulator.analysis.divergence import compare, first_parting
from simulator.analysis.paths import canonical_paths, trace_actions
from simulator.report.debrief import trace_record


def record(*steps: tuple[str, str | None]) -> dict:
    """A record as `play --record` writes it, cut down to what replay needs."""
    return {"format": 1, "kind": "doorstep-record", "scenario": "mini", "seed": 0, "steps": [{"node": n, "choice": c} for n, c in steps]}


def test_first_partings_from_each_path(mini):
    """Going now then calling it a chat parts from the barrier path at once and from the enabler path at the door."""
    yours = trace_record(mini, record(("visit.desk", "go-now"), ("visit.door", "chat")))
    result = compare(mini, yours, canonical_paths(mini))
    enabler, barrier = result.parting("enabler"), result.parting("barrier")
    assert enabler is not None and barrier is not None
    assert (enabler.kind, enabler.index, enabler.node) == ("choice", 1, "visit.door")
    assert enabler.yours is not None and enabler.theirs is not None
    assert (enabler.yours.id, enabler.theirs.id) == ("chat", "explain")
    assert (barrier.kind, barrier.index, barrier.node) == ("choice", 0, "visit.desk")
    assert barrier.theirs is not None and barrier.theirs.id == "emails"
    assert result.followed == ()


def test_each_decision_shows_what_both_paths_did_there(mini):
    """At every decision: each path's choice at the same node, what that step changed, why, and whether it matched."""
    yours = trace_record(mini, record(("visit.desk", "go-now"), ("visit.door", "chat")))
    first, second = compare(mini, yours, canonical_paths(mini)).decisions
    assert (first.number, first.node, first.parted) == (1, "visit.desk", ("barrier",))
    e1, b1 = first.other("enabler"), first.other("barrier")
    assert e1 is not None and e1.same and e1.reached
    assert b1 is not None and b1.choice is not None and b1.choice.id == "emails" and not b1.same
    assert dict(b1.effects)["timeliness"] == -3 and dict(b1.trust) == {"ann": -5}
    assert b1.feedback == "Ann waits."
    assert second.parted == ("enabler",)
    e2, b2 = second.other("enabler"), second.other("barrier")
    assert e2 is not None and e2.choice is not None and e2.choice.id == "explain"
    assert dict(e2.effects)["tone"] == 1 and dict(e2.trust) == {"ann": 15} and e2.feedback == "Plain words help."
    assert b2 is not None and b2.same


def test_following_a_path_all_the_way_is_not_a_parting(mini):
    """A record that takes every enabler option has followed the enabler path."""
    yours = trace_record(mini, record(("visit.desk", "go-now"), ("visit.door", "explain")))
    result = compare(mini, yours, canonical_paths(mini))
    assert result.followed == ("enabler",)
    assert [p.path for p in result.partings] == ["barrier"]


def test_stopping_early_parts_as_ended(mini):
    """A playthrough that stops before the path does parts from it where it stopped."""
    yours = trace_record(mini, record(("visit.desk", "go-now")))
    parting = first_parting(yours, canonical_paths(mini)["enabler"])
    assert parting is not None and parting.kind == "ended" and parting.index == 1
    assert parting.theirs is not None and parting.theirs.id == "explain"


def test_a_chance_route_can_part_the_same_choices():
    """With a chance route, the same choices from another seed can land elsewhere: a "route" parting."""
    sc = build(
        {
            "a": """
            format: 1
            episode:
              id: a
              title: "Chance"
              day: 1
              time: "09:00"
              location: office
              nodes:
                start:
                  narration: "Knock."
                  choices:
                    - {id: knock, text: "Knock", path: enabler, next: toss}
                    - {id: leave, text: "Leave", path: barrier, next: toss}
                toss:
                  narration: "Wait."
                  route:
                    - {chance: 0.5, next: open}
                    - next: shut
                open:
                  ending: {kind: enabler, title: "Open", text: "The door opens."}
                shut:
                  ending: {kind: barrier, title: "Shut", text: "Nobody comes."}
            """
        }
    )
    enabler = canonical_paths(sc)["enabler"]
    differing = [s for s in range(64) if trace_actions(sc, s, enabler.actions()).ending != enabler.ending]
    assert differing, "some seed must send the chance route the other way"
    yours = trace_actions(sc, differing[0], enabler.actions())
    parting = first_parting(yours, enabler)
    assert parting is not None and parting.kind == "route"
    assert (parting.node, parting.their_node) == (yours.ending, enabler.ending)
