"""The words every output uses for a change: one signed number, changes said in words, when an episode is."""

from __future__ import annotations

import re

from simulator.engine import Session
from simulator.services.words import changes_in_words, episode_when
from simulator.wording import signed


def test_signed_has_one_true_minus_and_an_ascii_one_on_request():
    """+2, 0 and −1 with a true minus sign; plain text outputs ask for "-" and get -1."""
    assert [signed(v) for v in (2, 0, -1)] == ["+2", "0", "\u22121"]
    assert signed(-12, "-") == "-12"


def test_changes_are_said_in_words_and_what_did_not_move_is_left_out(mini):
    """Scores by their labels with a sign, trust as rose or fell by, each person by name; zeros are not said."""
    s = Session.start(mini, player_name="Priya")
    assert changes_in_words(s, (("tone", 1), ("timeliness", -2), ("tone", 0)), (("ann", -5), ("ann", 0))) == [
        "Tone +1",
        "Timeliness \u22122",
        "Ann's trust fell by 5",
    ]


def test_an_episode_is_dated_and_placed_in_the_case(mini):
    """The episode's weekday and date, placed in the case's own weeks (mini runs over two) or months; a case inside its first week says neither."""
    assert [episode_when(mini, ep) for ep in mini.episodes] == ["Tue 3 Mar 2026 \u00b7 week 1 of 2", "Thu 12 Mar 2026 \u00b7 week 2 of 2"]
    from conftest import PROJECT

    from simulator.scenario import load_scenario

    example = load_scenario(PROJECT / "docs" / "examples" / "small-visit").scenario
    assert example is not None and all("week" not in episode_when(example, ep) for ep in example.episodes)


def test_months_are_counted_from_one_like_weeks_wherever_they_are_shown():
    """At the referral the clock says "Month 1 of 12", never "Month 0"; the last episode is in month 12; the report's axis runs 1 to 12 with the same words."""
    from conftest import PROJECT

    from simulator.analysis.paths import canonical_path
    from simulator.engine.clock import clock_view
    from simulator.records.record import build_record
    from simulator.report.debrief import build_debrief
    from simulator.report.html import render
    from simulator.scenario import load_scenario

    harris = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert harris is not None and harris.scale == "months"
    start = Session.start(harris, 0)
    total = harris.periods() + 1
    assert clock_view(start).period_text == f"Month 1 of {total}" and clock_view(start).when[1] == f"Month 1 of {total}"
    assert episode_when(harris, harris.episodes[0]).endswith(f"month 1 of {total}")
    assert episode_when(harris, max(harris.episodes, key=lambda ep: ep.day)).endswith(f"month {total} of {total}")
    page = render(build_debrief(harris, build_record(Session.replay(harris, 0, canonical_path(harris, "enabler").actions()))))
    assert f"Months 1 to {total} along the bottom." in page and "Month of the case (the referral is in month 1)" in page
    labels = [int(x) for x in re.findall(r'text-anchor="middle"[^>]*>(\d+)</text>', page.split('<svg class="timeline"', 1)[1].split("</svg>", 1)[0])]
    assert labels[:total] == list(range(1, total + 1)) and 0 not in labels[:total]
    assert "Month 0" not in page and "month 0" not in page
