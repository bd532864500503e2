"""JSON export of a saved playthrough: one versioned document, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.records.export import EXPORT_FORMAT, build_export, dumps, write_export
from simulator.records.store import Playthrough


def playthrough(**changes) -> Playthrough:
    base = dict(id=3, scenario_id="mini", scenario_title="Mini", seed=5, mode="coach", player_name="Priya",
                started_at="2026-03-02T09:00:00+00:00", updated_at="2026-03-02T10:00:00+00:00",
                steps=2, finished=True, abandoned=False, ending="review.end")
    base.update(changes)
    return Playthrough(**base)


def test_export_is_versioned_and_complete():
    """An export carries its format, the playthrough, actions, record and reflections."""
    out = build_export(playthrough(), ["go-now", None], {"format": 1, "steps": []}, {"feelings": "ok", "analysis": "a"})
    assert out["format"] == EXPORT_FORMAT and out["kind"] == "doorstep-export"
    assert out["playthrough"]["id"] == 3 and "damaged" not in out["playthrough"]
    assert out["actions"] == ["go-now", None] and out["record"] == {"format": 1, "steps": []}
    assert list(out["reflections"]) == ["analysis", "feelings"]


def test_written_export_reads_back_equal(tmp_path: Path):
    """The file written is UTF-8 JSON that reads back equal, with no temporary file left over."""
    out = build_export(playthrough(player_name="Zoë"), [], None, {"feelings": "Nervous — then calmer."})
    target = write_export(tmp_path / "export.json", out)
    assert json.loads(target.read_text(encoding="utf-8")) == out
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]
    assert dumps(out) == target.read_text(encoding="utf-8")


def test_a_failed_write_keeps_the_old_export(tmp_path: Path):
    """If the export cannot be written, an existing file is left as it was and no temporary file remains."""
    target = tmp_path / "export.json"
    target.write_text("old")
    with pytest.raises(ValueError):
        write_export(target, {"bad": float("nan")})
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]
