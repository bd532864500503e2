"""`doorstep analyze`'s content: paths, bounds and the checks that the paths end where they should."""

from __future__ import annotations

import json

from tiny import build

from simulator.analysis.overview import analyze, to_dict, to_text

SWAPPED = """
format: 1
episode:
  id: a
  title: "Swapped"
  day: 1
  time: "09:00"
  location: office
  nodes:
    start:
      narration: "Choose."
      choices:
        - {id: good, text: "Good", path: enabler, effects: {tone: 1}, feedback: f, principles: [be-on-time], next: bad-end}
        - {id: bad, text: "Bad", path: barrier, effects: {tone: -1}, feedback: f, principles: [be-on-time], next: good-end}
    good-end:
      ending: {kind: enabler, title: "Good", text: "x"}
    bad-end:
      ending: {kind: barrier, title: "Bad", text: "x"}
"""


def test_a_sound_scenario_has_no_warnings(mini):
    """On mini the enabler path ends enabler, the barrier path barrier, and both score inside the bounds."""
    overview = analyze(mini)
    assert overview.warnings == ()
    data = json.loads(json.dumps(to_dict(overview)))
    assert data["kind"] == "doorstep-analysis" and data["format"] == 1
    assert data["paths"]["enabler"]["ending_kind"] == "enabler" and data["paths"]["barrier"]["ending_kind"] == "barrier"
    assert data["bounds"]["total"]["tone"] == {"low": -1, "high": 1}
    assert data["bounds"]["episodes"]["visit"]["timeliness"] == {"low": -3, "high": 1}
    assert [e["reachable"] for e in data["endings"]] == [True, True]


def test_paths_ending_the_wrong_way_are_warned_about():
    """If the enabler option leads to the barrier ending (and back), both paths are flagged."""
    overview = analyze(build({"a": SWAPPED}))
    assert len(overview.warnings) == 2
    assert "enabler path ends at `a.bad-end`, whose kind is barrier" in overview.warnings[0]
    text = "\n".join(to_text(overview))
    assert "warning: the barrier path ends at `a.good-end`" in text


def test_text_lists_paths_bounds_and_endings(mini):
    """The text view names each path's choices, the bounds per dimension and episode, and every ending."""
    text = "\n".join(to_text(analyze(mini)))
    assert "go-now > explain" in text and "emails > chat" in text
    assert "Tone" in text and "First visit: Tone -1 to +1; Timeliness -3 to +1" in text
    assert "reachable    enabler  review.good: Good" in text
