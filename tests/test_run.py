"""A playthrough being played: every action saved before the screen moves on; resume, rewind and failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.autoplay import policy
from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.services.run import ResumeError, Run
from simulator.services.transcript import transcript

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
CLOCK = lambda: "2026-03-02T10:00:00+00:00"  # noqa: E731


@pytest.fixture(scope="module")
def scenario():
    result = load_scenario(EXAMPLE)
    assert result.ok
    return result.scenario


@pytest.fixture
def store(tmp_path: Path):
    s, _ = Store.open(tmp_path / "r.sqlite3")
    yield s
    s.close()


def play(run: Run, pick) -> None:
    while not run.session.finished:
        run.act(Choose(pick(run.session.choices).id) if run.session.choices else CONTINUE)


def test_every_action_is_saved_as_it_is_made(scenario, store):
    """After each act the store's actions equal the session's, and the end stores a finished record."""
    run = Run.begin(scenario, seed=3, mode="coach", store=store, clock=CLOCK)
    pick = policy("random", 5)
    while not run.session.finished:
        run.act(Choose(pick(run.session.choices).id) if run.session.choices else CONTINUE)
        assert store.actions(run.pid) == [s.choice for s in run.session.state.steps]
    [saved] = store.playthroughs()
    assert saved.finished and store.record(run.pid)["mode"] == "coach"


def test_resume_replays_to_the_same_state(scenario, store):
    """A saved half-playthrough resumes with exactly the state it had."""
    run = Run.begin(scenario, seed=1, mode="assessment", store=store, clock=CLOCK)
    run.act(Choose("answer-emails"))
    run.act(CONTINUE)
    [saved] = store.unfinished()
    again = Run.resume(scenario, saved, store)
    assert again.session.state.to_dict() == run.session.state.to_dict()
    assert again.mode == "assessment" and again.pid == run.pid


def test_rewind_is_coach_only_and_truncates_the_store(scenario, store):
    """Rewind goes back one choice and the store keeps only what stands; in assessment it refuses."""
    run = Run.begin(scenario, seed=0, mode="coach", store=store, clock=CLOCK)
    before = run.session.state.to_dict()
    run.act(Choose("answer-emails"))
    assert run.can_rewind and run.rewind()
    assert run.session.state.to_dict() == before
    assert store.actions(run.pid) == []
    strict = Run.begin(scenario, seed=0, mode="assessment", store=store, clock=CLOCK)
    strict.act(Choose("read-referral"))
    assert not strict.can_rewind and not strict.rewind()
    assert len(strict.session.state.steps) == 1


def test_a_failed_save_is_reported_once_and_play_goes_on(scenario, store):
    """When the store refuses a step, the trainee is told once and can still reach the end, unsaved."""
    told: list[str] = []
    run = Run.begin(scenario, seed=0, mode="coach", store=store, on_problem=told.append, clock=CLOCK)
    store.close()  # as if the disk went away
    play(run, policy("enabler"))
    assert run.session.finished and not run.saving
    assert len(told) == 1 and "not being saved" in told[0]


def test_tampered_playthrough_will_not_resume(scenario, store, tmp_path: Path):
    """A step changed on disk raises ResumeError with a readable reason instead of replaying it."""
    run = Run.begin(scenario, seed=0, mode="coach", store=store, clock=CLOCK)
    run.act(Choose("read-referral"))
    store._conn.execute("UPDATE steps SET action = 'leave-now'")
    [saved] = store.unfinished()
    with pytest.raises(ResumeError, match="changed outside Doorstep"):
        Run.resume(scenario, saved, store)


def test_transcript_reads_lines_and_choices_in_order(scenario):
    """The history transcript has the episode heading, the lines read and the choice, in play order."""
    run = Run.begin(scenario, seed=0, mode="coach")
    run.act(Choose("read-referral"))
    kinds = [(e.kind, e.text[:20]) for e in transcript(run.session)]
    assert kinds[0][0] == "episode"
    assert ("choice", "Read the referral an") in kinds
    assert kinds.index(("choice", "Read the referral an")) > 1

