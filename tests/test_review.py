"""Looking back on a playthrough without a window: reflections saved and reloaded, the export and where it goes, replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.autoplay import policy
from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.services.review import Review, ReviewError
from simulator.services.run import Run

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


@pytest.fixture
def example():
    result = load_scenario(EXAMPLE)
    assert result.ok
    return result.scenario


def played(example, store: Store | None, path: str = "barrier", mode: str = "coach") -> Run:
    run = Run.begin(example, seed=3, mode=mode, store=store)  # type: ignore[arg-type]
    choose = policy(path)
    while not run.session.finished:
        run.act(Choose(choose(run.session.choices).id) if run.session.choices else CONTINUE)
    return run


def test_reflections_are_saved_to_the_store_and_come_back(example, tmp_path: Path):
    """What is written is saved on save(), only what changed, and a review of the saved playthrough reloads it."""
    store, _ = Store.open(tmp_path / "records.sqlite3")
    with store:
        run = played(example, store)
        review = Review.of_run(run, store)
        review.write("feelings", "Worried about Dana.")
        assert review.unsaved and review.answered() == 1
        review.save(at="2026-03-03T10:00:00+00:00")
        assert not review.unsaved
        assert store.reflections(run.pid) == {"feelings": "Worried about Dana."}
        again = Review.of_saved(example, store.get(run.pid), store)
        assert again.reflections == {"feelings": "Worried about Dana."}
        assert again.debrief.ending is not None and again.debrief.ending.kind == "barrier"
        with pytest.raises(ValueError):
            review.write("not-a-stage", "x")


def test_an_unsaved_playthrough_keeps_its_reflections_in_memory(example):
    """Without a store, writing works and saving is a quiet no-op: the export is the way to keep it."""
    review = Review.of_run(played(example, None))
    review.write("description", "A first visit.")
    review.save()
    assert not review.saving and review.reflections["description"] == "A first visit."


def test_export_goes_to_the_folder_and_falls_back_next_to_the_records(example, tmp_path: Path, monkeypatch):
    """The export lands in $DOORSTEP_EXPORT_DIR; when that cannot be written, in the data folder's exports."""
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    review = Review.of_run(played(example, None))
    review.write("action-plan", "Phone ahead.")
    monkeypatch.setenv("DOORSTEP_EXPORT_DIR", str(tmp_path / "docs"))
    done = review.export(at="2026-03-03T10:04:05+00:00")
    assert done.folder == tmp_path / "docs" and done.html.name == "small-visit-2026-03-03-100405.html"
    data = json.loads(done.json.read_text(encoding="utf-8"))
    assert {r["stage"]: r["text"] for r in data["reflections"]}["action-plan"] == "Phone ahead."
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    monkeypatch.setenv("DOORSTEP_EXPORT_DIR", str(blocked))
    done = review.export(at="2026-03-03T10:04:05+00:00")
    assert done.folder == tmp_path / "data" / "exports" and done.html.is_file()
    with pytest.raises(OSError, match="could not write"):
        review.export(folder=blocked)


def test_replay_stands_at_the_decision_with_the_same_state(example):
    """Replaying a decision's earlier actions gives a session at that node with the record's scores and trust there."""
    review = Review.of_run(played(example, None))
    for dp in review.debrief.comparison.decisions:
        run = review.replay(dp)
        assert run.session.state.node == dp.node
        step = review.record["steps"][dp.index - 1] if dp.index else None
        if step is not None:
            assert dict(run.session.state.scores) == step["scores"] and dict(run.session.state.trust) == step["trust"]


def test_a_saved_playthrough_that_no_longer_fits_the_case_is_refused_with_a_reason(example, tmp_path: Path):
    """A playthrough of another version of the case gives a ReviewError saying so, not a traceback."""
    store, _ = Store.open(tmp_path / "records.sqlite3")
    with store:
        pid = store.begin("small-visit", "A first visit", 0, "coach", None, "2026-03-03T10:00:00+00:00")
        store.add_step(pid, 0, "no-such-choice", {"node": "prepare.desk", "choice": "no-such-choice"})
        with pytest.raises(ReviewError, match="no longer fits"):
            Review.of_saved(example, store.get(pid), store)
