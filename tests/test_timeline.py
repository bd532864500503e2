"""The timeline data: month positions from the calendar, three tracks per quantity, partings highlighted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import PROJECT

from simulator.analysis.divergence import compare
from simulator.analysis.paths import canonical_paths, trace_actions
from simulator.report.timeline import build_timeline, month_position
from simulator.scenario import load_scenario


def test_month_positions_follow_the_calendar(mini):
    """Day 0 is the referral (month 0.0); positions grow with the date and pass 1.0 a calendar month later."""
    cal = mini.calendar
    assert month_position(mini, 0) == 0.0
    a_month_on = cal.day_of(cal.referral.replace(month=cal.referral.month + 1))
    assert month_position(mini, a_month_on) == pytest.approx(1.0)
    positions = [month_position(mini, d) for d in range(0, 60, 5)]
    assert positions == sorted(positions) and 2 < positions[-1] < 3


def test_three_tracks_per_dimension_and_per_trusting_person(mini):
    """Each dimension and Ann's trust get barrier, enabler and your tracks, with a point after each episode."""
    paths = canonical_paths(mini)
    yours = trace_actions(mini, 0, ["go-now", "chat"])
    tl = build_timeline(mini, {**paths, "you": yours}, compare(mini, yours, paths))
    assert [(s.kind, s.id) for s in tl.series] == [("score", "tone"), ("score", "timeliness"), ("trust", "ann")]
    for series in tl.series:
        assert [t.path for t in series.tracks] == ["barrier", "enabler", "you"]
        for track in series.tracks:
            assert [p.episode for p in track.points] == ["visit", "review"]
            assert all(series.low <= v <= series.high for v in [track.start, *(p.value for p in track.points)])
    trust = tl.series[2].track("you")
    assert trust is not None and (trust.start, trust.points[-1].value) == (40, 40)


def test_partings_are_numbered_in_the_order_they_happened(mini):
    """The first highlight is the earliest parting (the barrier path at the desk), then the enabler path at the door."""
    paths = canonical_paths(mini)
    yours = trace_actions(mini, 0, ["go-now", "chat"])
    tl = build_timeline(mini, {**paths, "you": yours}, compare(mini, yours, paths))
    assert [(h.path, h.node) for h in tl.partings] == [("barrier", "visit.desk"), ("enabler", "visit.door")]
    assert all(h.episode == "visit" and h.slot == 0 for h in tl.partings)


def test_a_case_inside_one_month_is_drawn_by_episode(mini):
    """Mini happens within days, so its axis is by episode; milestones sit at the episodes that hold them."""
    tl = build_timeline(mini, canonical_paths(mini))
    assert tl.axis == "episodes" and tl.months == 11
    assert [(m.id, m.slot) for m in tl.milestones] == [("visit", 0), ("review", 1)]
    review = tl.milestones[1]
    assert review.due_day == 11 and review.overdue == 0


def test_a_case_over_months_is_drawn_by_month(tmp_path: Path):
    """A generated eleven-month case uses the month axis, with positions spread from month 0 to 11."""
    sys.path.insert(0, str(PROJECT / "bench"))
    from generate import generate

    sc = load_scenario(generate(tmp_path / "gen", nodes=300, seed=2)).scenario
    assert sc is not None
    tl = build_timeline(sc, canonical_paths(sc))
    assert tl.axis == "months" and tl.months == 11
    assert tl.episodes[0].position < 1 and 10 <= tl.episodes[-1].position < 12
    assert [m.short for m in tl.milestones] == ["Strategy", "ICPC", "Core group", "Review", "Review 2"]
