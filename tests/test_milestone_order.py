"""A milestone's due date counts from one held before it: counted from one held later (or never), it never applies.

The fifth held-out trainer trial made the pathway plan due three months after the first review, which comes six months
after it: validate said ok, and the due date silently never applied. That is now G513, at the milestone's episode.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import scaffolded

from simulator.scenario.loader import load_scenario

FIRST = '  - {id: first-visit, label: "First home visit", short: "First visit"}\n'


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("{after: follow-up, working_days: 5}", "is due within 5 working days of the follow-up, but `follow-up` is held only later, on day 10"),
        ("{after: core-group, months: 1}", "but no episode holds `core-group`"),
    ],
)
def test_a_milestone_counted_from_a_later_or_unheld_one_is_named(tmp_path: Path, rule: str, expected: str):
    extra = '  - {id: core-group, label: "Core group", short: "Core group"}\n'
    folder = scaffolded(tmp_path, "order", {"scenario.yaml": (FIRST, FIRST.replace('short: "First visit"}', f'short: "First visit", due: {rule}}}') + extra)})
    found = [d for d in load_scenario(folder).diagnostics if d.code == "G513"]
    assert len(found) == 1 and expected in found[0].message and "never applies" in found[0].message
    assert found[0].file.endswith("first-visit.yaml")


def test_counting_from_an_earlier_milestone_or_the_referral_is_quiet(tmp_path: Path):
    folder = scaffolded(tmp_path, "order", {"scenario.yaml": (FIRST, FIRST.replace('short: "First visit"}', 'short: "First visit", due: {after: referral, working_days: 5}}'))})
    assert [d for d in load_scenario(folder).diagnostics if d.code == "G513"] == []
