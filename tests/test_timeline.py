"""The timeline data: positions in the case's weeks or months from the calendar, three tracks per quantity, partings highlighted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import PROJECT

from simulator.analysis.divergence import compare
from simulator.analysis.paths import canonical_paths, trace_actions
from simulator.report.timeline import build_timeline, month_position
from simulator.scenario import load_scenario


def test_positions_follow_the_calendar(mini):
    """Day 0 is the referral (0.0); positions grow with the date and pass 1.0 a calendar month (or a week) later."""
    cal = mini.calendar
    assert cal.position(0, "months") == 0.0 == cal.position(0, "weeks")
    a_month_on = cal.day_of(cal.referral.replace(month=cal.referral.month + 1))
    assert cal.position(a_month_on, "months") == pytest.approx(1.0)
    assert cal.position(5, "weeks") == pytest.approx(1.0)  # five working days from a Monday
    positions = [cal.position(d, "months") for d in range(0, 60, 5)]
    assert positions == sorted(positions) and 2 < positions[-1] < 3
    assert mini.scale == "weeks" and month_position(mini, 5) == pytest.approx(1.0)


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


def test_a_short_case_is_drawn_in_weeks(mini):
    """Mini runs over eight working days, so its axis is its weeks (0 and 1), not eleven months; milestones sit in their week."""
    tl = build_timeline(mini, canonical_paths(mini))
    assert (tl.axis, tl.unit, tl.span) == ("weeks", "week", 1)
    assert [(m.id, int(m.position)) for m in tl.milestones] == [("visit", 0), ("review", 1)]
    review = tl.milestones[1]
    assert review.due_day == 11 and review.overdue == 0


def test_a_case_inside_its_first_week_is_drawn_by_episode():
    """The worked example happens within days, so its axis is by episode."""
    sc = load_scenario(PROJECT / "docs" / "examples" / "small-visit").scenario
    assert sc is not None
    tl = build_timeline(sc, canonical_paths(sc))
    assert tl.axis == "episodes" and tl.unit == "week"


def test_a_six_week_case_fills_its_axis():
    """Three episodes over six weeks: weeks 0 to 5 along the bottom, the last episode in the last column."""
    from tiny import build

    episode = """\
        format: 1
        episode:
          id: {id}
          title: "{id}"
          day: {day}
          time: "10:00"
          location: office
          nodes:
            n:
              narration: "Time passes."
              {way}
        """
    sc = build(
        {
            "first": episode.format(id="first", day=1, way="next: second"),
            "second": episode.format(id="second", day=12, way="next: third"),
            "third": episode.format(id="third", day=27, way="ending: {kind: enabler, title: E, text: T}"),
        }
    )
    tl = build_timeline(sc, canonical_paths(sc))
    assert (sc.scale, tl.axis, tl.span) == ("weeks", "weeks", 5)
    assert 5 <= tl.episodes[-1].position < 6


def test_a_case_over_months_is_drawn_by_month(tmp_path: Path):
    """A generated eleven-month case uses the month axis, from month 0 to the month of its last episode."""
    sys.path.insert(0, str(PROJECT / "bench"))
    from generate import generate

    sc = load_scenario(generate(tmp_path / "gen", nodes=300, seed=2)).scenario
    assert sc is not None
    tl = build_timeline(sc, canonical_paths(sc))
    assert tl.axis == "months" and tl.unit == "month"
    assert tl.episodes[0].position < 1 and tl.span <= tl.episodes[-1].position < tl.span + 1 == tl.months + 1 == 11
    assert [m.short for m in tl.milestones] == ["Strategy", "ICPC", "Core group", "Review", "Review 2"]


def test_a_path_that_runs_past_the_last_authored_week_gets_its_own_column():
    """Campbell's barrier path holds the plan in week 6 of a case authored to week 5: the axis runs to 6, so the point sits in its column, not squeezed at the edge."""
    from simulator.report.svg import timeline_svg

    sc = load_scenario(PROJECT / "scenarios" / "campbell-care-act").scenario
    assert sc is not None
    tl = build_timeline(sc, canonical_paths(sc))
    last = max(p.position for s in tl.series for t in s.tracks for p in t.points)
    assert last > sc.periods() and tl.span >= int(last) and last < tl.span + 1
    svg = timeline_svg(tl, {ep.id: ep.title for ep in sc.episodes})
    assert f">{tl.span}</text>" in svg  # the column is labelled


def test_labels_stay_inside_the_picture():
    """Milestone labels near the right edge are pulled in, and a long rubric label is wrapped onto two lines, not cut off at the left."""
    import dataclasses
    import html
    import re

    from simulator.report.svg import timeline_svg

    sc = load_scenario(PROJECT / "scenarios" / "campbell-care-act").scenario
    assert sc is not None
    long = "Partnership with the carer and the wider family"
    sc = dataclasses.replace(sc, rubric=(dataclasses.replace(sc.rubric[0], label=long), *sc.rubric[1:]))
    tl = build_timeline(sc, canonical_paths(sc))
    svg = timeline_svg(tl, {ep.id: ep.title for ep in sc.episodes})
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    for x, anchor, size, text in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)" font-size="(\d+)"[^>]*>([^<]*)</text>', svg):
        text = html.unescape(text)
        half = len(text) * int(size) * 0.55 / 2  # a generous average width of a bold sans character
        left, right = {"start": (0, 2 * half), "middle": (-half, half), "end": (-2 * half, 0)}[anchor]
        assert float(x) + left >= -1 and float(x) + right <= width + 1, (text, x, anchor)
    assert ">Partnership with the</text>" in svg and ">carer and the wider\u2026</text>" in svg
