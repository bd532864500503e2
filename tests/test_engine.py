"""The pure session: pulling content, choosing, the case clock, save and restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BAD, art_catalog, materialize
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.engine import SKIP, Save, SaveError, Session, SessionError, StateError
from simulator.engine.autoplay import policy
from simulator.engine.clock import clock_view
from simulator.scenario import load_scenario


def play(session: Session, picks: list[str]) -> Session:
    for pick in picks:
        while not session.choices and session.can_proceed:
            session.proceed()
        session.choose(pick)
    while session.can_proceed:
        session.proceed()
    return session


def test_starts_at_the_first_node_on_the_first_day(mini):
    """A new session is at the first episode's start, on its day and time, with starting trust."""
    s = Session.start(mini, seed=3)
    assert s.state.node == "visit.desk"
    assert (s.state.day, s.state.minutes) == (1, 9 * 60 + 30)
    assert s.state.scores == {"tone": 0, "timeliness": 0}
    assert s.state.trust == {"ann": 40}
    assert sorted(c.id for c in s.choices) == ["emails", "go-now"]
    assert s.lines()[0].text == "The visit is at ten."


def test_arriving_on_time_costs_nothing(mini):
    """Leaving in good time means no lateness event at the door."""
    s = Session.start(mini)
    step = s.choose("go-now")
    assert step.events == () and s.state.late == 0
    assert [line.text for line in s.lines()] == ["Hello, Sam."]


def test_late_arrival_is_scored_and_noticed(mini):
    """Arriving 20 minutes late without phoning costs timeliness and trust, and Ann says so."""
    s = Session.start(mini)
    step = s.choose("emails")
    assert s.state.late == 20
    (event,) = step.events
    assert event.kind == "late" and dict(event.effects) == {"timeliness": -2} and dict(event.trust) == {"ann": -5}
    assert s.state.scores["timeliness"] == -3
    assert [line.text for line in s.lines()] == ["Hello, Sam.", "You're late."]


def test_moods_follow_lines_then_trust(mini):
    """A line's mood sets the speaker's mood; otherwise demeanour follows trust."""
    s = Session.start(mini)
    assert s.mood_of("ann") == "anxious"
    s.choose("go-now")
    assert s.mood_of("ann") == "anxious"
    s.choose("explain")
    assert s.state.trust["ann"] == 55
    assert s.mood_of("ann") == "calm"


def test_routes_follow_state_to_endings(mini):
    """Trust and a flag earned in one episode decide the ending of the next."""
    good = play(Session.start(mini), ["go-now", "explain"])
    poor = play(Session.start(mini), ["emails", "chat"])
    assert good.finished and good.ending.kind == "enabler"
    assert poor.finished and poor.ending.kind == "barrier"


def test_player_can_be_renamed(mini):
    """The trainee's own name fills the player's placeholders."""
    s = Session.start(mini, player_name="Priya")
    s.choose("go-now")
    assert s.lines()[0].text == "Hello, Priya."


def test_choosing_what_is_not_offered_is_a_programming_error(mini):
    """Asking for a choice that is not offered raises SessionError."""
    s = Session.start(mini)
    with pytest.raises(SessionError):
        s.choose("explain")
    with pytest.raises(SessionError):
        s.choose(7)
    with pytest.raises(SessionError):
        s.proceed()


def test_rewind_restores_the_state_before_the_last_choice(mini):
    """Rewind returns to the last decision with the state exactly as it was."""
    s = Session.start(mini)
    s.choose("emails")
    before = s.state.copy()
    s.choose("chat")
    back = s.rewind()
    assert back.state == before
    assert sorted(c.id for c in back.choices) == ["chat", "explain"]


def test_overdue_milestone_costs_timeliness(tmp_path: Path):
    """A review held after its statutory due date is scored and explained."""
    path = materialize(BAD / "G510-milestone-late", tmp_path)
    scenario = load_scenario(path, art=art_catalog()).scenario
    s = Session.start(scenario)
    s.choose("go-now")
    step = s.choose("explain")
    (event,) = step.events
    assert event.kind == "overdue" and "4 working days" in event.text
    assert s.state.overdue == {"review": 4}
    assert s.state.scores["timeliness"] == -1


def test_clock_view_shows_the_next_milestone(mini):
    """The clock names the next statutory milestone and its due date once its start is held."""
    s = Session.start(mini)
    view = clock_view(s)
    assert view.date_text == "Tue 3 Mar 2026" and view.time == "09:30" and view.month == 0
    assert view.next_milestone.id == "review" and view.next_milestone.due_day == 11
    assert view.next_milestone.days_left == 10


def _variant(tmp_path: Path, old: str, new: str) -> object:
    path = materialize(None, tmp_path)
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace(old, new))
    result = load_scenario(path, art=art_catalog())
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


def test_chance_routes_are_seeded(tmp_path: Path):
    """A chance route gives the same outcome for the same seed, and both outcomes across seeds."""
    scenario = _variant(tmp_path, '        - when: "trust.ann >= 50 and flag.explained"\n', '        - chance: 0.5\n')
    endings = {}
    for seed in range(40):
        a = play(Session.start(scenario, seed=seed), ["go-now", "explain"])
        b = play(Session.start(scenario, seed=seed), ["go-now", "explain"])
        assert a.state.node == b.state.node
        endings[seed] = a.state.node
    assert set(endings.values()) == {"review.good", "review.poor"}


def test_saves_of_other_formats_or_scenarios_are_refused(mini):
    """A save with another format, a damaged shape or another scenario's id is refused with a clear error."""
    data = Session.start(mini).save().to_dict()
    with pytest.raises(SaveError, match="format 99"):
        Save.from_dict({**data, "format": 99})
    with pytest.raises(SaveError, match="seed"):
        Save.from_dict({**data, "seed": "7"})
    with pytest.raises(SaveError, match="not an action"):
        Save.from_dict({**data, "actions": [3]})
    with pytest.raises(StateError, match="belongs to `elsewhere`"):
        Session.restore(mini, Save("elsewhere", 0))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32))
def test_random_playthroughs_round_trip_at_every_step(seed):
    """At every step of a random playthrough, the save survives JSON and restores the same state, and a copy is equal but independent."""
    from conftest import FIXTURES

    from simulator.engine.autoplay import seeded_random

    scenario = _mini_cached()
    s = Session.start(scenario, seed=seed)
    pick = seeded_random(seed)
    while not s.finished:
        data = json.loads(json.dumps(s.save().to_dict()))
        restored = Session.restore(scenario, Save.from_dict(data))
        assert restored.state == s.state
        copy = s.copy()
        assert copy.state == s.state
        copy.choose(0) if copy.choices else copy.proceed()
        assert copy.state != s.state and restored.state == s.state
        s.choose(pick(s.choices)) if s.choices else s.proceed()
    again = Session.replay(scenario, seed, [st.choice for st in s.state.steps])
    assert again.state == s.state
    assert FIXTURES.exists()


_CACHE: dict[str, object] = {}


def _mini_cached():
    if "mini" not in _CACHE:
        import tempfile

        tmp = Path(tempfile.mkdtemp())
        _CACHE["mini"] = load_scenario(materialize(None, tmp), art=art_catalog()).scenario
    return _CACHE["mini"]


def test_policies_follow_their_paths(mini):
    """The enabler and barrier policies take the options tagged for their path."""
    assert play_policy(mini, "enabler").ending.kind == "enabler"
    assert play_policy(mini, "barrier").ending.kind == "barrier"


def play_policy(scenario, name: str) -> Session:
    s = Session.start(scenario)
    pick = policy(name)
    while not s.finished:
        s.choose(pick(s.choices)) if s.choices else s.proceed()
    return s


def test_skipping_a_scene_does_not_score_it(mini):
    """Skip scene moves on as if the middle way was taken: trust and flags follow, scores do not."""
    s = Session.start(mini)
    step = s.act(SKIP)
    assert step.action == SKIP and step.choice == "@skip"
    assert s.state.skipped == ["visit"]
    assert s.state.scores == {"tone": 0, "timeliness": 0}
    assert s.state.episode == "review" and s.finished
    again = Session.replay(mini, 0, [st.choice for st in s.state.steps])
    assert again.state == s.state
    restored = Session.restore(mini, Save.from_dict(json.loads(json.dumps(s.save().to_dict()))))
    assert restored.state == s.state


def test_skip_keeps_the_next_episodes_clock_events(tmp_path: Path):
    """Lateness or an overdue milestone on entering the next episode still counts after a skip."""
    path = materialize(BAD / "G510-milestone-late", tmp_path)
    scenario = load_scenario(path, art=art_catalog()).scenario
    s = Session.start(scenario)
    step = s.act(SKIP)
    assert [e.kind for e in step.events] == ["overdue"]
    assert s.state.scores["timeliness"] == -2


def test_postponing_moves_the_calendar_and_restarts_the_day(tmp_path: Path):
    """A choice that puts things back by days moves the date and restarts the day at the episode's time."""
    scenario = _variant(
        tmp_path,
        '    start:\n      route:\n',
        '    start:\n      choices:\n        - {id: put-off, text: "Put it off a week", path: barrier, days: 5, next: decide}\n'
        '        - {id: hold-it, text: "Hold it today", path: enabler, next: decide}\n    decide:\n      route:\n',
    )
    s = Session.start(scenario)
    s.choose("go-now")
    s.choose("explain")
    s.choose("put-off")
    assert (s.state.day, s.state.minutes) == (13, 14 * 60)
    assert s.state.held["review"] == 8 and s.state.overdue == {}


def test_overdue_text_names_the_earlier_milestone(tmp_path: Path):
    """The overdue note says "within 10 working days of the first visit" (its short label, in a sentence), not an id."""
    path = materialize(BAD / "G510-milestone-late", tmp_path)
    scenario = load_scenario(path, art=art_catalog()).scenario
    s = Session.start(scenario)
    s.choose("go-now")
    (event,) = s.choose("explain").events
    assert "within 10 working days of the first visit" in event.text


def test_options_are_shuffled_per_playthrough_but_stable(mini):
    """The order of options depends on the seed, is stable for a seed, and the canonical paths ignore it."""
    orders = {tuple(c.id for c in Session.start(mini, seed=seed).choices) for seed in range(20)}
    assert orders == {("go-now", "emails"), ("emails", "go-now")}
    a, b = Session.start(mini, seed=5), Session.start(mini, seed=5)
    assert [c.id for c in a.choices] == [c.id for c in b.choices]
    restored = Session.restore(mini, a.save())
    assert [c.id for c in restored.choices] == [c.id for c in a.choices]
    for seed in range(6):
        s = Session.start(mini, seed=seed)
        pick = policy("enabler")
        assert pick(s.choices).id == "go-now"
