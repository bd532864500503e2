"""The load cache reads back exactly what a load found, and never trusts a file that is stale, damaged or not its own."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, art_catalog, bad_cases, materialize

from simulator.scenario import LoadResult, load_scenario
from simulator.scenario import cache as load_cache
from simulator.scenario.calendar import Calendar
from simulator.scenario.conditions import Condition
from simulator.scenario.staging import NO_DIRECTIONS

sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The cache on, in a data folder of the test's own; counts the loads it answered."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    counts = {"hits": 0, "misses": 0}
    real = load_cache.lookup

    def counting(key: load_cache.Key, model: bool = True) -> Any:
        found = real(key, model)
        counts["hits" if found is not None else "misses"] += 1
        return found

    monkeypatch.setattr(load_cache, "lookup", counting)
    return counts


def same(a: Any, b: Any, where: str = "scenario") -> None:
    """Deep equality of two models, field by field (locations and conditions' trees too), and NO_DIRECTIONS kept as itself."""
    if isinstance(a, Condition):
        assert isinstance(b, Condition) and a.source == b.source and json.dumps(a.tree) == json.dumps(b.tree), where
        return
    if isinstance(a, Calendar):
        assert (a.referral, a.holidays) == (b.referral, b.holidays), where
        return
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), where
        assert (a is NO_DIRECTIONS) == (b is NO_DIRECTIONS), where
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
        return
    if isinstance(a, dict):
        assert type(b) is dict and list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}[{k!r}]")
        return
    if isinstance(a, (tuple, list, frozenset)):
        assert type(a) is type(b) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(sorted(a, key=repr) if isinstance(a, frozenset) else a, sorted(b, key=repr) if isinstance(b, frozenset) else b, strict=True)):
            same(x, y, f"{where}[{i}]")
        return
    assert type(a) is type(b) and a == b, (where, a, b)


def _rendered(result: LoadResult) -> list[str]:
    return [d.render() for d in result.diagnostics]


def _load_three_ways(path: Path, art: Any = None) -> tuple[LoadResult, LoadResult, LoadResult]:
    """Without the cache, then with it twice (the first writes it, the second reads it back)."""
    return load_scenario(path, art=art), load_scenario(path, art=art, cache=True), load_scenario(path, art=art, cache=True)


@pytest.mark.parametrize("name", ["harris-family", "campbell-care-act", "jay-residential"])
def test_a_shipped_scenario_reads_back_whole(name: str, cached: dict[str, int]):
    """The second load of a shipped scenario comes from the cache and is the same model, field for field, with the same diagnostics."""
    fresh, first, second = _load_three_ways(PROJECT / "scenarios" / name, art_catalog())
    assert cached == {"hits": 1, "misses": 1}
    assert fresh.scenario is not None and second.scenario is not None
    assert _rendered(fresh) == _rendered(first) == _rendered(second)
    same(fresh.scenario, second.scenario)
    for node in second.scenario.nodes.values():  # the lookup tables share the objects they index, as a built model's do
        for choice in node.choices:
            assert second.scenario.choice_by_id[choice.id] is choice
    assert all(second.scenario.characters[c.id] is c for c in second.scenario.cast)


def test_conditions_read_back_decide_as_built(cached: dict[str, int]):
    """Every condition compiled again from the cache gives the same answer as the one the loader built, in many states."""
    import random
    from types import SimpleNamespace

    path = PROJECT / "scenarios" / "harris-family"
    fresh, _, second = _load_three_ways(path)
    assert fresh.scenario is not None and second.scenario is not None
    pairs = []
    for nid, node in fresh.scenario.nodes.items():
        other = second.scenario.nodes[nid]
        for x, y in zip((*node.lines, *node.choices, *node.route), (*other.lines, *other.choices, *other.route), strict=True):
            if x.when is not None:
                pairs.append((x.when, y.when))
    assert len(pairs) > 50
    rng = random.Random(7)
    nodes = list(fresh.scenario.nodes)
    for _ in range(40):
        state = SimpleNamespace(
            trust={c.id: rng.randint(0, 100) for c in fresh.scenario.cast}, scores={d: rng.randint(-4, 4) for d in fresh.scenario.dimensions},
            flags={}, chosen={c for c in fresh.scenario.choice_by_id if rng.random() < 0.3}, seen={n for n in nodes if rng.random() < 0.3},
            held={m.id: 3 for m in fresh.scenario.milestones if rng.random() < 0.5}, overdue={}, last_effects={"tone": rng.randint(-2, 2)},
            last_path=rng.choice(["enabler", "barrier", "other"]), day=rng.randint(0, 200), month=rng.randint(0, 11), minutes=rng.randint(400, 1200),
            late=rng.randint(0, 30), phoned=rng.random() < 0.5,
        )  # fmt: skip
        for built, read in pairs:
            assert bool(built(state)) == bool(read(state)), built.source


@pytest.mark.parametrize("case", bad_cases(), ids=lambda p: p.name)
def test_a_bad_example_says_the_same_with_the_cache(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: dict[str, int]):
    """Every bad example gives the same diagnostics, in the same order, with the cache cold and warm as without it."""
    monkeypatch.chdir(tmp_path)
    path = Path(os.path.relpath(materialize(case, tmp_path)))
    fresh, first, second = _load_three_ways(path, art_catalog())
    assert _rendered(fresh) == _rendered(first) == _rendered(second)
    assert (fresh.scenario is None) == (second.scenario is None)


def test_a_generated_case_reads_back_whole(tmp_path: Path, cached: dict[str, int]):
    """A generated case of another shape (routes on every kind of state, chance, postponements) reads back field for field."""
    folder = generate(tmp_path / "g", nodes=400, seed=3)
    fresh, _, second = _load_three_ways(folder)
    assert cached["hits"] == 1
    assert fresh.scenario is not None and second.scenario is not None
    same(fresh.scenario, second.scenario)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT / "scenarios" / "campbell-care-act", tmp_path / "case")
    return tmp_path / "case"


@pytest.mark.parametrize(
    "change",
    [
        "edit an episode",
        "add an episode file",
        "remove an episode file",
        "rename a file",
        "edit the scenario's own evidence",
        "remove a picture",
        "add a non-YAML file to a new folder",
    ],
)
def test_any_change_to_the_files_is_a_fresh_load(change: str, tmp_path: Path, cached: dict[str, int]):
    """A byte changed, a file added, removed or renamed, a picture gone: the cache is stale and the load runs whole, with the new result."""
    folder = _copy(tmp_path)
    load_scenario(folder, art=art_catalog(), cache=True)
    episode = sorted((folder / "episodes").glob("*.yaml"))[0]
    if change == "edit an episode":
        episode.write_text(episode.read_text(encoding="utf-8").replace("title:", "title: ", 1) + "\n# edited\n", encoding="utf-8")
    elif change == "add an episode file":
        (folder / "episodes" / "stray.yaml").write_text("format: 2\n", encoding="utf-8")
    elif change == "remove an episode file":
        episode.unlink()
    elif change == "rename a file":
        episode.rename(episode.with_name("zz-" + episode.name))
    elif change == "edit the scenario's own evidence":
        evidence = sorted((folder / "evidence").glob("*.yaml"))[0]
        evidence.write_text(evidence.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif change == "remove a picture":
        next((folder / "art").rglob("*.svg")).unlink()
    else:
        (folder / "notes").mkdir()
        (folder / "notes" / "todo.txt").write_text("later", encoding="utf-8")
    after = load_scenario(folder, art=art_catalog(), cache=True)
    assert cached["hits"] == 0
    assert _rendered(after) == _rendered(load_scenario(folder, art=art_catalog()))


def test_a_change_to_the_shared_evidence_is_a_fresh_load(tmp_path: Path, cached: dict[str, int]):
    """An evidence layer outside the scenario folder is an input too: editing its principles makes the cache stale."""
    materialize(None, tmp_path)
    folder = tmp_path / "mini"
    load_scenario(folder, art=art_catalog(), cache=True)
    principles = tmp_path / "seeds" / "principles.yaml"
    principles.write_text(principles.read_text(encoding="utf-8").replace("principles:", "principles:\n  # edited", 1), encoding="utf-8")
    load_scenario(folder, art=art_catalog(), cache=True)
    assert cached == {"hits": 0, "misses": 2}


def test_another_art_catalog_or_working_folder_is_another_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: dict[str, int]):
    """The shared art and the working folder shape the messages, so each is part of what the cache is kept for."""
    materialize(None, tmp_path)
    folder = tmp_path / "mini"
    load_scenario(folder, art=art_catalog(), cache=True)
    load_scenario(folder, art=None, cache=True)
    monkeypatch.chdir(tmp_path)
    load_scenario(folder, art=None, cache=True)
    assert cached["hits"] == 0
    load_scenario(folder, art=None, cache=True)
    assert cached["hits"] == 1


def _entry(tmp_path: Path) -> Path:
    entries = [p for p in (tmp_path / "data" / "cache").iterdir() if p.suffix == ".json"]
    assert len(entries) == 1
    return entries[0]


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]


DAMAGE = {
    "empty": lambda p, d: p.write_bytes(b""),
    "truncated": lambda p, d: p.write_bytes(d[: len(d) // 2]),
    "one byte short": lambda p, d: p.write_bytes(d[:-1]),
    "a byte of the data flipped": lambda p, d: p.write_bytes(_flip(d, len(d) - 40)),
    "a byte of the hash flipped": lambda p, d: p.write_bytes(_flip(d, 30)),
    "garbage": lambda p, d: p.write_bytes(os.urandom(len(d))),
    "valid JSON, not ours": lambda p, d: p.write_bytes(d[: d.index(b"\n", 30) + 1] + d[d.index(b"\n", 30) + 1 : d.index(b"\n", 30) + 66] + json.dumps({"files": [], "scenario": None, "diagnostics": []}).encode()),
    "a folder in its place": lambda p, d: (p.unlink(), p.mkdir()),
    "a FIFO in its place": lambda p, d: (p.unlink(), os.mkfifo(p)),
    "a link to /dev/zero": lambda p, d: (p.unlink(), p.symlink_to("/dev/zero")),
    "a link to a missing file": lambda p, d: (p.unlink(), p.symlink_to(p.with_name("nowhere"))),
    "the secret changed": lambda p, d: (p.parent / "secret").write_bytes(os.urandom(32)),
    "the secret truncated": lambda p, d: (p.parent / "secret").write_bytes(b"x"),
    "the secret a folder": lambda p, d: ((p.parent / "secret").unlink(), (p.parent / "secret").mkdir()),
    "another scenario's entry": None,
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_or_foreign_cache_is_ignored(damage: str, tmp_path: Path, cached: dict[str, int]):
    """Whatever was done to the cache file or its secret, the load runs whole, says the same, never raises, and the cache works again after."""
    folder = _copy(tmp_path)
    expected = _rendered(load_scenario(folder, art=art_catalog()))
    load_scenario(folder, art=art_catalog(), cache=True)
    path = _entry(tmp_path)
    data = path.read_bytes()
    if damage == "another scenario's entry":
        other = _copy(tmp_path / "other")
        (other / "episodes" / "extra.yaml").write_text("format: 2\n", encoding="utf-8")
        load_scenario(other, art=art_catalog(), cache=True)
        theirs = next(p for p in path.parent.iterdir() if p.suffix == ".json" and p != path)
        path.write_bytes(theirs.read_bytes())
    else:
        DAMAGE[damage](path, data)  # type: ignore[misc]
    hits = cached["hits"]
    result = load_scenario(folder, art=art_catalog(), cache=True)
    assert cached["hits"] == hits
    assert _rendered(result) == expected and result.scenario is not None
    if damage not in ("a folder in its place", "the secret a folder"):
        load_scenario(folder, art=art_catalog(), cache=True)
        assert cached["hits"] == hits + 1


def test_the_cache_folder_a_file_means_no_cache(tmp_path: Path, cached: dict[str, int]):
    """A file where the cache folder should be: every load runs whole and says the same, without a word about the cache."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cache").write_text("not a folder", encoding="utf-8")
    folder = _copy(tmp_path)
    results = [load_scenario(folder, art=art_catalog(), cache=True) for _ in range(2)]
    assert cached["hits"] == 0
    assert _rendered(results[0]) == _rendered(results[1]) == _rendered(load_scenario(folder, art=art_catalog()))


def test_off_means_nothing_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: dict[str, int]):
    """DOORSTEP_CACHE=0 turns the cache off: nothing is read or written."""
    monkeypatch.setenv("DOORSTEP_CACHE", "0")
    load_scenario(PROJECT / "scenarios" / "jay-residential", cache=True)
    load_scenario(PROJECT / "scenarios" / "jay-residential", cache=True)
    assert not (tmp_path / "data").exists()
    assert cached == {"hits": 0, "misses": 0}


def test_the_cache_keeps_a_bounded_number_of_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: dict[str, int]):
    """One entry per scenario folder, and only the most recent few: the data folder does not grow without end."""
    monkeypatch.setattr(load_cache, "KEEP", 3)
    materialize(None, tmp_path)
    for i in range(5):
        shutil.copytree(tmp_path / "mini", tmp_path / f"mini{i}")
        load_scenario(tmp_path / f"mini{i}", cache=True)
        load_scenario(tmp_path / f"mini{i}", cache=True)
    assert cached["hits"] == 5
    assert len([p for p in (tmp_path / "data" / "cache").iterdir() if p.suffix == ".json"]) == 3


def test_validate_twice_prints_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cached: dict[str, int]):
    """`doorstep validate` on a case with warnings prints the same lines and exit code the second time, from the cache."""
    from simulator.cli import main

    monkeypatch.chdir(tmp_path)
    path = os.path.relpath(materialize(sorted(bad_cases())[-1], tmp_path))
    runs = []
    for _ in range(2):
        rc = main(["validate", path])
        runs.append((rc, capsys.readouterr()))
    assert runs[0] == runs[1]
    assert cached["hits"] == 1


def _resign(path: Path, edit: Any) -> None:
    """Edit a cache entry's data and sign it again with the machine's own secret, as only someone holding it could."""
    raw = path.read_bytes()
    head = len(load_cache.MAGIC) + 128 + 1
    inputs = raw[head : head + 64].decode("ascii")
    data = json.loads(raw[head + 65 :])
    edit(data)
    payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
    secret = (path.parent / "secret").read_bytes()
    path.write_bytes(load_cache.MAGIC + load_cache.mac(secret, inputs, payload).encode("ascii") + b"\n" + inputs.encode("ascii") + b"\n" + payload)


def _node_rows(data: dict[str, Any]) -> list[list[Any]]:
    from simulator.scenario.cache_codec import _scenario_fields

    rows: list[list[Any]] = data["scenario"][_scenario_fields()[0].index("nodes")]
    return rows


def _first_choice(data: dict[str, Any]) -> list[Any]:
    return next(row[12][0] for row in _node_rows(data) if len(row) > 12 and row[12])


def _a_condition(data: dict[str, Any]) -> list[Any]:
    return next(c[14] for row in _node_rows(data) if len(row) > 12 for c in row[12] if len(c) > 14 and c[14] is not None)


SIGNED = {
    "a way on to nowhere": lambda d: _first_choice(d).__setitem__(4, "nowhere.at-all"),
    "minutes as text": lambda d: _first_choice(d).__setitem__(8, "15"),
    "a boolean for a whole number": lambda d: _first_choice(d).__setitem__(8, True),
    "a path that is not a path tag": lambda d: _first_choice(d).__setitem__(3, "sideways"),
    "effects as a mapping": lambda d: _first_choice(d).__setitem__(5, {"tone": 1}),
    "a condition of unknown shape": lambda d: _a_condition(d).__setitem__(1, ["eval", "__import__('os')"]),
    "a condition comparing a list": lambda d: _a_condition(d).__setitem__(1, ["cmp", "<", ["lit", [1]], ["lit", 2]]),
    "a condition nested too deep": lambda d: _a_condition(d).__setitem__(1, json.loads("[" * 0 + '["not", ' * 200 + '["lit", true]' + "]" * 200)),
    "a speaker not in the cast": lambda d: next(row[3][0] for row in _node_rows(d) if len(row) > 3 and row[3]).__setitem__(1, "nobody"),
    "a node without its fields": lambda d: _node_rows(d).__setitem__(0, ["x"]),
    "a diagnostic's severity made up": lambda d: d["diagnostics"].append(["Q999", "made up", "", 0, 0, "fatal"]),
    "the file table not text": lambda d: d["files"].__setitem__(0, 7),
}


@pytest.mark.parametrize("edit", list(SIGNED), ids=list(SIGNED))
def test_a_signed_but_hostile_cache_is_refused(edit: str, tmp_path: Path, cached: dict[str, int]):
    """Data of the wrong shape is refused even when signed with the machine's own secret: the load runs whole, says the same, never raises."""
    folder = _copy(tmp_path)
    expected = _rendered(load_scenario(folder, art=art_catalog()))
    load_scenario(folder, art=art_catalog(), cache=True)
    _resign(_entry(tmp_path), SIGNED[edit])
    result = load_scenario(folder, art=art_catalog(), cache=True)
    assert cached["hits"] == 0
    assert _rendered(result) == expected and result.scenario is not None


def test_a_resigned_cache_unchanged_is_read(tmp_path: Path, cached: dict[str, int]):
    """The signing in the tests above is the cache's own: the same data signed again is read back (so the refusals are the checks')."""
    folder = _copy(tmp_path)
    load_scenario(folder, art=art_catalog(), cache=True)
    _resign(_entry(tmp_path), lambda d: None)
    load_scenario(folder, art=art_catalog(), cache=True)
    assert cached["hits"] == 1


def test_a_link_in_place_of_the_cache_folder_is_never_followed(tmp_path: Path, cached: dict[str, int]):
    """A link where the cache folder should be means no cache: nothing is written through it, and no file it leads to is pruned."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mine = [elsewhere / f"notes-{i}.json" for i in range(3)] + [elsewhere / ("a" * 64 + ".json")]
    for path in mine:
        path.write_text("{}", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cache").symlink_to(elsewhere)
    folder = _copy(tmp_path)
    results = [load_scenario(folder, art=art_catalog(), cache=True) for _ in range(2)]
    assert cached["hits"] == 0
    assert _rendered(results[0]) == _rendered(results[1]) == _rendered(load_scenario(folder, art=art_catalog()))
    assert sorted(elsewhere.iterdir()) == sorted(mine)


def test_pruning_deletes_only_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: dict[str, int]):
    """Files not named as entries are (someone's notes, a write in progress) are never pruned; what a write killed long ago left is."""
    monkeypatch.setattr(load_cache, "KEEP", 1)
    (tmp_path / "data" / "cache").mkdir(parents=True)
    notes = tmp_path / "data" / "cache" / "notes.json"
    notes.write_text("{}", encoding="utf-8")
    killed = tmp_path / "data" / "cache" / (".%s.json.x1y2z3.tmp" % ("b" * 64))  # a write killed long ago
    killed.write_text("{", encoding="utf-8")
    os.utime(killed, (0, 0))
    recent = tmp_path / "data" / "cache" / (".%s.json.q7.tmp" % ("c" * 64))  # perhaps another process writing now
    recent.write_text("{", encoding="utf-8")
    materialize(None, tmp_path)
    for i in range(3):
        shutil.copytree(tmp_path / "mini", tmp_path / f"mini{i}")
        load_scenario(tmp_path / f"mini{i}", cache=True)
    assert notes.exists() and recent.exists() and not killed.exists()
    assert len([p for p in notes.parent.iterdir() if len(p.stem) == 64]) == 1


@pytest.mark.parametrize("case", ["clean", "with errors"])
def test_validate_reads_back_without_building_the_model(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: dict[str, int]):
    """With model=False (what validate asks) a load read back says whether it loaded and its diagnostics, and builds no model."""
    from simulator.scenario import cache_codec

    folder = _copy(tmp_path)
    if case == "with errors":
        episode = sorted((folder / "episodes").glob("*.yaml"))[0]
        episode.write_text(episode.read_text(encoding="utf-8").replace("next:", "next: nowhere-at-all #", 1), encoding="utf-8")
    fresh = load_scenario(folder, art=art_catalog())
    load_scenario(folder, art=art_catalog(), cache=True)
    monkeypatch.setattr(cache_codec, "_decode_scenario", lambda row: pytest.fail("the model was built"))
    result = load_scenario(folder, art=art_catalog(), cache=True, model=False)
    assert cached["hits"] == 1
    assert result.scenario is None and result.ok == fresh.ok == (case == "clean") and result.unbuilt == fresh.ok
    assert _rendered(result) == _rendered(fresh)
