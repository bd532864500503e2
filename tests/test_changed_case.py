"""Old records still open after the case is edited: the debrief is rebuilt from what the record stored, and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from simulator.analysis.paths import canonical_path
from simulator.cli import main
from simulator.engine.session import Session
from simulator.records.record import RecordError, build_record
from simulator.report.debrief import CHANGED, build_debrief
from simulator.report.html import render
from simulator.scenario import load_scenario


def edited(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of the adult fixture with text replaced in its episode files."""
    folder = tmp_path / "adult"
    if not folder.exists():
        shutil.copytree(FIXTURES / "adult", folder)
    for file, old, new in edits:
        path = folder / "episodes" / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def barrier_record(folder: Path) -> dict:
    sc = load_scenario(folder).scenario
    assert sc is not None
    return build_record(Session.replay(sc, 0, canonical_path(sc, "barrier").actions()))


@pytest.mark.parametrize(
    "edits",
    [
        [("visit.yaml", "one-more-email", "clear-the-inbox")],  # a choice renamed
        [("visit.yaml", "    door:", "    doorway:"), ("visit.yaml", "next: door", "next: doorway")],  # a node renamed
        [("review.yaml", 'when: "trust.arthur >= 55"', 'when: "trust.arthur >= 5"')],  # a route changed: the record ends elsewhere now
    ],
    ids=["choice-renamed", "node-renamed", "route-changed"],
)
def test_a_record_of_an_edited_case_still_opens(tmp_path: Path, edits):
    """The debrief is built from the stored steps, marked as changed, with the scores and the decisions as they were played."""
    folder = edited(tmp_path)
    record = barrier_record(folder)
    edited(tmp_path, *edits)
    sc = load_scenario(folder).scenario
    assert sc is not None
    d = build_debrief(sc, record)
    assert d.changed.startswith(CHANGED)
    assert [s.score for s in d.scores] == [record["scores"][s.id] for s in d.scores]
    assert [t.end for t in d.trust] == [record["trust"][t.id] for t in d.trust]
    assert d.decisions == 3
    page = render(d)
    assert "The case has changed since this playthrough." in page


def test_a_removed_choice_is_still_listed(tmp_path: Path):
    """A choice the case no longer has is still one of the decisions, named from its id and kept on its path."""
    folder = edited(tmp_path)
    record = barrier_record(folder)
    edited(tmp_path, ("visit.yaml", "id: one-more-email", "id: two-more-emails"))
    d = build_debrief(load_scenario(folder).scenario, record)
    mine = [dp.yours for dp in d.comparison.decisions]
    assert ("one-more-email", "One more email", "barrier") in [(c.id, c.text, c.path) for c in mine] and d.changed


def test_an_unchanged_case_is_not_marked(tmp_path: Path):
    """A record that still replays is not marked as changed."""
    folder = edited(tmp_path)
    d = build_debrief(load_scenario(folder).scenario, barrier_record(folder))
    assert d.changed == ""
    assert "has changed since" not in render(d)


def test_a_record_of_another_case_is_still_refused(tmp_path: Path):
    """The fallback is for the same case edited, never for another scenario's record."""
    folder = edited(tmp_path)
    record = {**barrier_record(folder), "scenario": "someone-else"}
    with pytest.raises(RecordError):
        build_debrief(load_scenario(folder).scenario, record)


def test_report_command_opens_an_old_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`doorstep report` writes the rebuilt debrief of an edited case, exit 0."""
    folder = edited(tmp_path)
    path = tmp_path / "run.json"
    path.write_text(json.dumps(barrier_record(folder)))
    edited(tmp_path, ("visit.yaml", "one-more-email", "clear-the-inbox"))
    out = tmp_path / "out.html"
    assert main(["report", str(path), "--scenario", str(folder), "--html", str(out)]) == 0
    assert "The case has changed since this playthrough." in out.read_text()
