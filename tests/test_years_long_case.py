"""A case over years: a leaving-care pathway from sixteen to twenty-five is about 2,300 working days.

The fifth held-out trainer trial wrote a care leaver's pathway from sixteen to twenty-one (day 1,300): `day` stopped at
1,000 (four years) and a milestone's `months` at 36, so the last review could not be written at all. Both now reach
ten years (2,600 working days, 120 months), and the clock, the months and the due dates run that far.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import scaffolded

from simulator.scenario.loader import load_scenario


def _case(tmp_path: Path, day: int, due: str) -> Path:
    return scaffolded(
        tmp_path,
        "pathway",
        {
            "scenario.yaml": ("due: {after: first-visit, working_days: 10}", f"due: {{after: first-visit, {due}}}"),
            "episodes/follow-up.yaml": ("  day: 10\n", f"  day: {day}\n"),
        },
    )


def test_a_nine_year_pathway_loads_and_its_clock_runs_to_its_last_review(tmp_path: Path):
    from simulator.engine import Session
    from simulator.engine.clock import clock_view

    result = load_scenario(_case(tmp_path, 2300, "months: 108"))
    assert result.ok, [d.render() for d in result.diagnostics]
    scenario = result.scenario
    assert scenario is not None and scenario.scale == "months"
    session = Session.start(scenario)
    while session.state.episode != "follow-up":
        session.choose(session.choices[0].id)
    clock = clock_view(session)
    # 2,300 working days after Monday 2 March 2026 (no holidays listed), and 105 whole months on.
    assert (clock.date, clock.period_text, clock.time) == (date(2034, 12, 25), "Month 106 of 106", "10:00")
    # Due 108 months after the first visit (3 March 2026): held in time, so nothing is overdue.
    assert session.state.overdue == {}


@pytest.mark.parametrize(("day", "due", "message"), [(2601, "months: 6", "2601 is above the largest allowed value, 2600"), (100, "months: 121", "121 is above the largest allowed value, 120")])
def test_past_ten_years_is_still_refused(tmp_path: Path, day: int, due: str, message: str):
    found = [d.message for d in load_scenario(_case(tmp_path, day, due)).diagnostics if d.code == "S206"]
    assert len(found) == 1 and message in found[0]
