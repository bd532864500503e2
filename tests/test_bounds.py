"""Score bounds and reachable endings on hand-made graphs whose answers are worked out by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import PROJECT
from tiny import build

from simulator.analysis.bounds import Range, score_bounds
from simulator.analysis.paths import trace_policy
from simulator.engine.autoplay import seeded_random
from simulator.scenario import load_scenario

F = "feedback: f, principles: [be-on-time]"

BRANCH_JOIN = f"""
format: 1
episode:
  id: a
  title: "Branch and join"
  day: 1
  time: "09:00"
  location: office
  nodes:
    start:
      narration: "Choose."
      choices:
        - {{id: up, text: "Up", path: enabler, effects: {{tone: 2}}, {F}, next: join}}
        - {{id: down, text: "Down", path: barrier, effects: {{tone: -1}}, {F}, next: join}}
        - {{id: side, text: "Side", path: other, effects: {{timeliness: 1}}, {F}, next: quiet}}
    join:
      narration: "Again."
      choices:
        - {{id: good, text: "Good", path: enabler, effects: {{tone: 1}}, {F}, next: NEXT}}
        - {{id: bad, text: "Bad", path: barrier, effects: {{tone: -3}}, {F}, next: NEXT}}
    quiet:
      narration: "Quiet."
      effects: {{tone: 1}}
      next: NEXT
    end:
      ending: {{kind: mixed, title: "End", text: "The end."}}
"""

SECOND = f"""
format: 1
episode:
  id: b
  title: "Second"
  day: 3
  time: "09:00"
  location: office
  nodes:
    start:
      narration: "Once more."
      choices:
        - {{id: warm, text: "Warm", path: enabler, effects: {{tone: 5}}, {F}, next: fine}}
        - {{id: cold, text: "Cold", path: barrier, effects: {{tone: -5}}, {F}, next: poor}}
    fine:
      ending: {{kind: enabler, title: "Fine", text: "Fine."}}
    poor:
      ending: {{kind: barrier, title: "Poor", text: "Poor."}}
"""


def test_branches_and_joins_give_the_best_and_worst_routes():
    """Min and max follow the worst and best route through a branch that joins again, node effects included."""
    sc = build({"a": BRANCH_JOIN.replace("NEXT", "end")})
    b = score_bounds(sc)
    # tone: up+good = 3; down+bad = -4; side then `quiet` (+1 on entry) = 1.
    assert b.range("tone") == Range(-4, 3)
    assert b.range("timeliness") == Range(0, 1)


def test_per_episode_bounds_run_from_the_ways_in_to_the_ways_out():
    """Each episode's bounds count only what happens inside it; the total adds the episodes up."""
    sc = build({"a": BRANCH_JOIN.replace("NEXT", "b"), "b": SECOND})
    b = score_bounds(sc)
    a_bounds, b_bounds = b.episode("a"), b.episode("b")
    assert a_bounds is not None and b_bounds is not None
    assert a_bounds.range("tone") == Range(-4, 3)
    assert b_bounds.range("tone") == Range(-5, 5)
    assert b_bounds.entries == ("b.start",)
    assert b.range("tone") == Range(-9, 8)


def test_a_route_is_treated_as_any_branch_possible():
    """A route option whose condition never holds in play still counts: the bounds over-approximate soundly."""
    sc = build(
        {
            "a": """
            format: 1
            episode:
              id: a
              title: "Route"
              day: 1
              time: "09:00"
              location: office
              nodes:
                start:
                  narration: "Which way?"
                  route:
                    - when: "trust.ann >= 99"
                      next: lucky
                    - next: plain
                lucky:
                  narration: "Lucky."
                  effects: {tone: 10}
                  next: end
                plain:
                  narration: "Plain."
                  next: end
                end:
                  ending: {kind: mixed, title: "End", text: "The end."}
            """
        }
    )
    assert score_bounds(sc).range("tone") == Range(0, 10)
    played = trace_policy(sc, seeded_random(1))
    assert played.final.score("tone") == 0  # trust 40 never reaches 99: the real game always goes plain


def test_route_options_after_an_unconditional_one_never_count():
    """An option listed after one with no condition can never be taken, so it does not widen the bounds."""
    sc = build(
        {
            "a": """
            format: 1
            episode:
              id: a
              title: "Dead option"
              day: 1
              time: "09:00"
              location: office
              nodes:
                start:
                  narration: "Which way?"
                  route:
                    - next: plain
                    - next: lucky
                lucky:
                  narration: "Lucky."
                  effects: {tone: 10}
                  next: end
                plain:
                  narration: "Plain."
                  next: end
                end:
                  ending: {kind: mixed, title: "End", text: "The end."}
            """
        }
    )
    b = score_bounds(sc)
    assert b.range("tone") == Range(0, 0)
    assert [e.node for e in b.endings] == ["a.end"]


def test_an_ending_nothing_leads_to_is_reported_unreachable():
    """Reachable endings are those some route reaches; an orphan ending is listed as unreachable."""
    body = SECOND.replace(
        "    poor:\n",
        '    orphan:\n      ending: {kind: enabler, title: "Orphan", text: "Never."}\n    poor:\n',
    )
    b = score_bounds(build({"b": body}))
    assert {e.node: e.reachable for e in b.endings} == {"b.fine": True, "b.orphan": False, "b.poor": True}
    assert b.reachable_kinds == ("enabler", "barrier")


PUNCTUAL = """
format: 1
episode:
  id: a
  title: "Appointment"
  day: 1
  time: "09:00"
  APPOINTMENT
  location: office
  nodes:
    start:
      narration: "Off you go."
      next: door
    door:
      arrive: true
      narration: "At the door."
      next: end
    end:
      ending: {kind: mixed, title: "End", text: "The end."}
"""


def test_an_arrival_costs_what_the_longest_way_there_could_cost():
    """At an arrive node, the bounds allow the penalty of the most minutes any way there can spend."""
    on_time = score_bounds(build({"a": PUNCTUAL.replace("APPOINTMENT", 'appointment: "09:30"')}))
    assert on_time.range("timeliness") == Range(0, 0)
    slow = PUNCTUAL.replace("APPOINTMENT", 'appointment: "09:30"').replace('      narration: "Off you go."\n', '      narration: "Off you go."\n      minutes: 46\n')
    assert score_bounds(build({"a": slow})).range("timeliness") == Range(-2, 0)  # 16 late: 2 points (capped)
    a_bit = PUNCTUAL.replace("APPOINTMENT", 'appointment: "09:30"').replace('      narration: "Off you go."\n', '      narration: "Off you go."\n      minutes: 40\n')
    assert score_bounds(build({"a": a_bit})).range("timeliness") == Range(-1, 0)  # 10 late: 1 point
    without = score_bounds(build({"a": PUNCTUAL.replace("  APPOINTMENT\n", "")}))
    assert without.range("timeliness") == Range(0, 0)


def _milestone_pair(review_day: int, postpone: bool) -> dict[str, str]:
    visit = f"""
    format: 1
    episode:
      id: visit
      title: "Visit"
      day: 1
      time: "09:00"
      location: office
      milestone: visit
      nodes:
        start:
          narration: "Visit."
          choices:
            - id: go
              text: "Carry on"
              path: enabler
              days: {30 if postpone else 0}
              next: review
            - id: wait
              text: "Wait"
              path: barrier
              next: review
    """
    review = f"""
    format: 1
    episode:
      id: review
      title: "Review"
      day: {review_day}
      time: "09:00"
      location: office
      milestone: review
      nodes:
        start:
          ending: {{kind: mixed, title: "End", text: "The end."}}
    """
    return {"visit": visit, "review": review}


@pytest.mark.parametrize(
    ("review_day", "postpone", "expected"),
    [(8, False, Range(0, 0)), (20, False, Range(-3, 0)), (8, True, Range(-3, 0))],
    ids=["on-time", "scheduled-late", "a-choice-postpones"],
)
def test_the_overdue_penalty_counts_when_a_milestone_can_be_late(review_day, postpone, expected):
    """Holding a milestone late can cost the overdue points, when the calendar or a postponing choice allows it."""
    b = score_bounds(build(_milestone_pair(review_day, postpone)))
    assert b.range("timeliness") == expected
    episode = b.episode("review")
    assert episode is not None and episode.range("timeliness") == expected


def test_exponentially_many_paths_are_never_enumerated():
    """Sixty two-way decisions (2**60 paths) are bounded in one pass: the answer is the sum of the extremes."""
    nodes = []
    for i in range(60):
        nxt = f"n{i + 1}" if i < 59 else "end"
        nodes.append(
            f"    n{i}:\n      narration: \"Step {i}.\"\n      choices:\n"
            f"        - {{id: p{i}, text: \"Plus\", path: enabler, effects: {{tone: 1}}, {F}, next: {nxt}}}\n"
            f"        - {{id: m{i}, text: \"Minus\", path: barrier, effects: {{tone: -2}}, {F}, next: {nxt}}}\n"
        )
    body = (
        'format: 1\nepisode:\n  id: a\n  title: "Long"\n  day: 1\n  time: "09:00"\n  location: office\n  nodes:\n'
        + "".join(nodes)
        + '    end:\n      ending: {kind: mixed, title: "End", text: "The end."}\n'
    )
    assert score_bounds(build({"a": body})).range("tone") == Range(-120, 60)


def _scenarios(tmp_path: Path) -> list:
    sys.path.insert(0, str(PROJECT / "bench"))
    from generate import generate

    out = [build({"a": BRANCH_JOIN.replace("NEXT", "b"), "b": SECOND})]
    for folder in (PROJECT / "docs" / "examples" / "small-visit", generate(tmp_path / "gen", nodes=300, seed=5)):
        result = load_scenario(folder)
        assert result.scenario is not None
        out.append(result.scenario)
    return out


def test_every_playthrough_scores_inside_the_bounds(tmp_path: Path, mini):
    """Seeded random playthroughs finish inside the total bounds, and each episode's change inside its bounds."""
    for sc in [mini, *_scenarios(tmp_path)]:
        bounds = score_bounds(sc)
        for seed in range(25):
            trace = trace_policy(sc, seeded_random(seed), seed=seed)
            for dim in sc.dimensions:
                assert trace.final.score(dim) in bounds.range(dim), (sc.id, seed, dim)
                for snap in trace.episodes:
                    eb = bounds.episode(snap.episode)
                    assert eb is not None
                    assert snap.change("score", dim) in eb.range(dim), (sc.id, seed, snap.episode, dim)
