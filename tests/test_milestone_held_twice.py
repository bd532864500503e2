"""A milestone held by two episodes on one route is G514; held by alternatives (one route or the other) it is quiet.

The fifth held-out trainer trial had two episodes hold one milestone: validate said nothing, and the later holding
silently moved the milestone's date (and scored a late holding again).
"""

from __future__ import annotations

from pathlib import Path

from conftest import materialize

from simulator.scenario.loader import load_scenario

ALTERNATIVE = """format: 1
episode:
  id: review-b
  title: "Review, later"
  day: 9
  time: "14:00"
  location: office
  milestone: review
  present: [ann]
  nodes:
    start:
      ending: {kind: barrier, title: "Later", text: "Ann waits."}
"""


def _codes(folder: Path, code: str) -> list[str]:
    return [d.render() for d in load_scenario(folder).diagnostics if d.code == code]


def test_two_episodes_on_one_route_holding_a_milestone_are_named_at_the_later(tmp_path: Path):
    folder = materialize(None, tmp_path)
    review = folder / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace("milestone: review", "milestone: visit"))
    found = _codes(folder, "G514")
    assert len(found) == 1, found
    assert "review.yaml:3:7" in found[0] and "`visit` (First visit), which `visit` (day 1) already held" in found[0]
    assert "own milestone" in found[0]


def test_alternative_episodes_holding_one_milestone_are_quiet(tmp_path: Path):
    folder = materialize(None, tmp_path)
    (folder / "episodes" / "review-b.yaml").write_text(ALTERNATIVE)
    manifest = folder / "scenario.yaml"
    manifest.write_text(manifest.read_text().replace("episodes: [visit, review]", "episodes: [visit, review, review-b]"))
    visit = folder / "episodes" / "visit.yaml"
    text = visit.read_text()
    visit.write_text(text.replace("          principles: [explain-role]\n      next: review", "          principles: [explain-role]\n          next: review-b\n      next: review"))
    result = load_scenario(folder)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert _codes(folder, "G514") == []
    # Both reviews can be reached, each on its own route.
    assert not [d for d in result.diagnostics if d.code == "G501"]
