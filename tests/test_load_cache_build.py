"""The load cache's per-episode layer: an episode not edited is not built again, and validate says exactly what it says with no cache, whatever was edited where."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_load_cache_files import DAMAGE
from test_load_cache_verdicts import _validate

from simulator.scenario import build as build_module
from simulator.scenario import cache, cache_files

# Each edit swaps one text for another in one file (and back, the next time it is drawn). Most reach across
# files: what one episode's building checks against another file (a node another episode routes to, a
# character, a principle, a flag, a choice id, a milestone), or the manifest (the cast, the glossary).
EDITS: dict[str, tuple[str, str, str]] = {
    "a route to another episode's node": ("mini/episodes/visit.yaml", "      next: review\n", "      next: review.good\n"),
    "the node it routes to renamed": ("mini/episodes/review.yaml", "    good:\n      ending", "    great:\n      ending"),
    "the route's own node renamed too": ("mini/episodes/review.yaml", "          next: good\n", "          next: great\n"),
    "a cast id renamed in the manifest": ("mini/scenario.yaml", "  - id: ann\n", "  - id: anne\n"),
    "a glossary term added": ("mini/scenario.yaml", "player: worker\n", 'player: worker\nglossary:\n  - {term: "core group", meaning: "The professionals who meet to plan."}\n'),
    "a principle renamed in the evidence": ("seeds/principles.yaml", "  - id: be-on-time\n", "  - id: be-punctual\n"),
    "an evidence tag cited that no framework has": ("mini/episodes/visit.yaml", "          tags: [pcf-7]\n", "          tags: [pcf-99]\n"),
    "the flag a condition reads no longer set": ("mini/episodes/visit.yaml", "          flags: {explained: true}\n", "          flags: {explain: true}\n"),
    "a condition reading another episode's choice": ("mini/episodes/review.yaml", "flag.explained", "chose.explain"),
    "the choice it reads renamed": ("mini/episodes/visit.yaml", "        - id: explain\n", "        - id: explained-role\n"),
    "a milestone renamed in the manifest": ("mini/scenario.yaml", "  - id: review\n    label", "  - id: second-look\n    label"),
    "an episode's text only": ("mini/episodes/visit.yaml", "The visit is at ten.", "The visit is at ten o'clock."),
    "a speaker's mood the art has not": ("mini/episodes/visit.yaml", "mood: anxious, cue", "mood: cross, cue"),
    "a comment only": ("mini/episodes/review.yaml", "format: 1\n", "format: 1\n# a note\n"),
}


def _toggle(root: Path, edit: str) -> None:
    rel, old, new = EDITS[edit]
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1) if old in text else text.replace(new, old, 1), encoding="utf-8")


def _copy(into: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini scenario and its seeds copied into ``into``, made the working folder and the home of the data folder (so of the cache)."""
    shutil.copytree(FIXTURES / "mini", into / "mini")
    shutil.copytree(FIXTURES / "seeds", into / "seeds")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(into / "data"))
    monkeypatch.chdir(into)
    return into


def _layers_only(into: Path) -> None:
    """The whole-load cache entries removed, so that the next validate reads the per-episode layer alone."""
    for whole in (into / "data" / "cache").glob("*.json"):
        whole.unlink()


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The episodes the builder's second pass builds (rather than the layer reading them back), by id."""
    seen: list[str] = []
    real = build_module._Builder.episode

    def episode(self: build_module._Builder, ep: build_module._Ep) -> object:
        seen.append(ep.id)
        return real(self, ep)

    monkeypatch.setattr(build_module._Builder, "episode", episode)
    return seen


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=5))
def test_after_any_edits_validate_says_what_it_says_cold(edits: list[str], monkeypatch: pytest.MonkeyPatch):
    """After each edit of a sequence (each kind of reference across files among them), validate with the cache (text, JSON, exit code) equals validate with it off."""
    with tempfile.TemporaryDirectory() as tmp:
        root = _copy(Path(tmp), monkeypatch)
        _validate(root / "mini", cache=True, monkeypatch=monkeypatch)
        for edit in edits:
            _toggle(root, edit)
            cold = _validate(root / "mini", cache=False, monkeypatch=monkeypatch)
            assert _validate(root / "mini", cache=True, monkeypatch=monkeypatch) == cold, edit
            _layers_only(root)
            assert _validate(root / "mini", cache=True, monkeypatch=monkeypatch) == cold, edit


@pytest.mark.parametrize("edit", sorted(EDITS), ids=sorted(EDITS))
def test_each_edit_shows_what_a_cold_validate_shows(edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every kind of edit above, alone, after a warm load: validate with the cache equals validate with it off, and the edit is one validate can see."""
    root = _copy(tmp_path, monkeypatch)
    if edit in PREPARE:  # the reference this edit breaks, made first (and validated, so its builds are kept)
        _toggle(root, PREPARE[edit])
    before = _validate(root / "mini", cache=True, monkeypatch=monkeypatch)
    _toggle(root, edit)
    cold = _validate(root / "mini", cache=False, monkeypatch=monkeypatch)
    assert _validate(root / "mini", cache=True, monkeypatch=monkeypatch) == cold
    assert edit in VALID or cold != before


PREPARE = {"the choice it reads renamed": "a condition reading another episode's choice", "the node it routes to renamed": "a route to another episode's node"}

# Edits that leave the mini scenario as valid as it was (each of the others makes a diagnostic).
VALID = ("a comment only", "a glossary term added", "an episode's text only", "a condition reading another episode's choice", "a route to another episode's node")


def test_an_edited_episode_is_the_only_one_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: list[str]):
    """An edit inside one episode builds that episode alone; an edit to what every episode is checked against (the cast) builds them all."""
    root = _copy(tmp_path, monkeypatch)
    _validate(root / "mini", cache=True, monkeypatch=monkeypatch)
    assert sorted(built) == ["review", "visit"]
    built.clear()
    _toggle(root, "an episode's text only")
    _validate(root / "mini", cache=True, monkeypatch=monkeypatch)
    assert built == ["visit"]
    built.clear()
    _toggle(root, "a cast id renamed in the manifest")
    _validate(root / "mini", cache=True, monkeypatch=monkeypatch)
    assert sorted(built) == ["review", "visit"]


def _kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, tuple[int, str, str]]:
    """A copy of the mini scenario validated once with the cache, so its episodes' builds are kept; and what validate says of it cold."""
    mini = _copy(tmp_path, monkeypatch) / "mini"
    cold = _validate(mini, cache=False, monkeypatch=monkeypatch)
    _validate(mini, cache=True, monkeypatch=monkeypatch)
    return mini, cold


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "cache" / "built").glob("*.json"))


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_or_foreign_build_entry_is_built_again(damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: list[str]):
    """Whatever was done to an episode's kept build, that episode is built again and validate says the same."""
    mini, expected = _kept(tmp_path, monkeypatch)
    assert len(_entries(tmp_path)) == 2
    for entry in _entries(tmp_path):
        _layers_only(tmp_path)
        good = entry.read_bytes()
        DAMAGE[damage](entry, good)  # type: ignore[no-untyped-call]
        built.clear()
        assert _validate(mini, cache=True, monkeypatch=monkeypatch) == expected
        assert built
        if damage == "a folder in its place":
            entry.rmdir()
            entry.write_bytes(good)
        if damage == "the secret changed":
            break


def _resign(entry: Path, edit: object) -> None:
    """Edit a build entry's data and sign it again with the machine's secret, as someone holding it could."""
    raw = entry.read_bytes()
    data = json.loads(raw[len(cache_files.MAGIC) + 129 + 65 :])
    payload = json.dumps(edit(data)).encode("utf-8")  # type: ignore[operator]
    secret = (entry.parent.parent / "secret").read_bytes()
    name = entry.stem
    entry.write_bytes(cache_files.MAGIC + cache.mac(secret, name, payload).encode("ascii") + b"\n" + name.encode("ascii") + b"\n" + payload)


def _route_nowhere(data: dict[str, object]) -> dict[str, object]:
    text = json.dumps(data)
    return json.loads(text.replace('"review.good"', '"review.nowhere"').replace('"visit.door"', '"visit.nowhere"'))  # type: ignore[no-any-return]


SIGNED = {
    "a way on to a node that is not there": _route_nowhere,
    "another episode's nodes": lambda d: {**d, "nodes": d["nodes"][:1]},
    "not a build at all": lambda d: {"files": [], "episode": None, "nodes": [], "diagnostics": []},
    "a node of the wrong shape": lambda d: {**d, "nodes": [[1, 2, 3], *d["nodes"][1:]]},
}


@pytest.mark.parametrize("edit", list(SIGNED), ids=list(SIGNED))
def test_a_resigned_build_entry_that_does_not_fit_is_built_again(edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: list[str]):
    """A build entry re-signed with what does not fit its file or the scenario (someone holding the secret) is refused: validate says what it says cold."""
    mini, expected = _kept(tmp_path, monkeypatch)
    for entry in _entries(tmp_path):
        _resign(entry, SIGNED[edit])
    _layers_only(tmp_path)
    built.clear()
    assert _validate(mini, cache=True, monkeypatch=monkeypatch) == expected
    assert built


def test_off_means_no_builds_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """DOORSTEP_CACHE=0 neither reads nor writes the per-episode layer."""
    root = _copy(tmp_path, monkeypatch)
    _validate(root / "mini", cache=False, monkeypatch=monkeypatch)
    assert not (tmp_path / "data" / "cache" / "built").exists()
    assert os.environ["DOORSTEP_CACHE"] == "0"


@pytest.mark.parametrize("edit", ["an episode's text only", "a route to another episode's node", "a comment only"])
def test_a_model_built_from_kept_episodes_is_the_model_built_afresh(edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: list[str]):
    """What play and analyze get after an edit, with the other episodes read back, equals a load without cache, field by field (conditions, locations, the stage too)."""
    from conftest import art_catalog
    from test_load_cache import same

    from simulator.scenario import load_scenario

    root = _copy(tmp_path, monkeypatch)
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    load_scenario("mini", art=art_catalog(), cache=True)
    _toggle(root, edit)
    built.clear()
    warm = load_scenario("mini", art=art_catalog(), cache=True)
    assert warm.scenario is not None and len(built) < 2  # at least one episode read back
    cold = load_scenario("mini", art=art_catalog())
    same(warm.scenario, cold.scenario)
    assert [d.render() for d in warm.diagnostics] == [d.render() for d in cold.diagnostics]
