"""The words every output uses for a change: one signed number, changes said in words, when an episode is."""

from __future__ import annotations

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
