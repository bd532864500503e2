"""A cast member's `age` is at the referral and grows with the case clock: a case of years shows a 16-year-old as 19.

The fifth held-out trainer trial (a pathway from sixteen to twenty-one) found `age` static: `excluded: [children]` kept
a 21-year-old out as a child, `holding` took a child as young as at the referral, and the window drew Jordan's
stand-in at a teenager's height at 21. Each now takes the age on the episode's date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import materialize

from simulator.scenario.ages import age_on, whole_years
from simulator.scenario.loader import load_scenario

KID = '  - {id: kid, name: "Kit Lee", role: "Young person", age: 16}\n  - {id: tot, name: "Tia Lee", role: "Baby", age: 1}\n'


def _case(tmp_path: Path, review_day: int, stage: str) -> Path:
    folder = materialize(None, tmp_path)
    manifest = folder / "scenario.yaml"
    manifest.write_text(manifest.read_text().replace("cast:\n", "cast:\n" + KID, 1))
    review = folder / "episodes" / "review.yaml"
    text = review.read_text().replace("day: 8", f"day: {review_day}")
    review.write_text(text.replace("    good:\n", f"    good:\n{stage}", 1))
    return folder


def test_whole_years_count_anniversaries():
    assert whole_years(date(2026, 3, 2), date(2027, 3, 1)) == 0
    assert whole_years(date(2026, 3, 2), date(2027, 3, 2)) == 1
    assert whole_years(date(2024, 2, 29), date(2025, 2, 28)) == 0 and whole_years(date(2024, 2, 29), date(2025, 3, 1)) == 1


def test_children_excluded_follows_the_age_on_the_episodes_date(tmp_path: Path):
    line = '      lines: [{text: "Just the adults now.", excluded: [children]}]\n'
    # Day 8 (March 2026): Kit is 16 and Tia 1, both children; the line keeps them out.
    early = load_scenario(_case(tmp_path / "a", 8, line))
    assert not [d for d in early.diagnostics if d.code == "P907"], [d.render() for d in early.diagnostics]
    good = early.scenario.nodes["review.good"] if early.scenario else None
    assert good is not None and set(good.lines[0].stage.excluded or ()) == {"kid", "tot"}
    # Day 560 (over two years on, April 2028): Kit is 18, an adult; only Tia is kept out.
    late = load_scenario(_case(tmp_path / "b", 560, line))
    good = late.scenario.nodes["review.good"] if late.scenario else None
    assert good is not None and good.lines[0].stage.excluded == ("tot",), [d.render() for d in late.diagnostics]


def test_nobody_a_child_any_more_is_said(tmp_path: Path):
    folder = _case(tmp_path, 560, '      lines: [{text: "Just the adults now.", excluded: [children]}]\n')
    manifest = folder / "scenario.yaml"
    manifest.write_text(manifest.read_text().replace("age: 1}", "age: 25}"))
    found = [d.message for d in load_scenario(folder).diagnostics if d.code == "P907"]
    assert found and "kid is 18 or over by this episode's date" in found[0], found


def test_carrying_follows_the_age_on_the_episodes_date(tmp_path: Path):
    carried = '      move: [{who: ann, holding: tot}]\n'
    assert not [d for d in load_scenario(_case(tmp_path / "a", 8, carried)).diagnostics if d.code == "P909"]
    # Tia is 1 at the referral, and 6 over five years on (day 1,400, in 2031): too old to carry.
    found = [d.message for d in load_scenario(_case(tmp_path / "b", 1400, carried)).diagnostics if d.code == "P909"]
    assert found and "tot is 6" in found[0], found


def test_the_window_draws_a_stand_in_at_the_age_on_the_day(tmp_path: Path, pygame_display):
    from simulator.ui.kit.art import ArtCache

    sc = load_scenario(_case(tmp_path, 8, "")).scenario
    assert sc is not None
    kid = sc.characters["kid"]
    assert age_on(kid, sc.calendar, 0) == 16 and age_on(kid, sc.calendar, 560) == 18
    art = ArtCache()
    art.use_scenario(sc)
    art.grown(8)
    young = art._stature.get("kid", 1.0)
    art.grown(560, sc)
    assert young < 1.0 and art._stature.get("kid", 1.0) == 1.0  # a teenager's height at 16, an adult's at 18
