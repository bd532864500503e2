"""The load cache's per-file layer: after one file is edited, the others are read back, and the load says exactly what it would without any cache."""

from __future__ import annotations

import base64
import json
import os
import shutil
import sys
from array import array
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, art_catalog, bad_cases, materialize
from test_load_cache import same

from simulator.scenario import LoadResult, cache_files, load_scenario
from simulator.scenario import cache as load_cache
from simulator.scenario.yamlstrict import Document, parse

sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate


@pytest.fixture
def parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The cache on, in a data folder of the test's own; counts the files parsed and the files read back."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    counts = {"parsed": 0, "read back": 0}
    real_get = cache_files.Kept.get
    real_add = cache_files.Kept.add

    def get(self: cache_files.Kept, raw: bytes) -> Document | None:
        found = real_get(self, raw)
        counts["read back"] += found is not None
        return found

    def add(self: cache_files.Kept, raw: bytes, doc: Document) -> None:
        counts["parsed"] += 1
        real_add(self, raw, doc)

    monkeypatch.setattr(cache_files.Kept, "get", get)
    monkeypatch.setattr(cache_files.Kept, "add", add)
    return counts


def _rendered(result: LoadResult) -> list[str]:
    return [d.render() for d in result.diagnostics]


def _forget_whole_loads(tmp_path: Path) -> None:
    """Remove the whole-load entries, so the next load runs whole on what the per-file layer reads back."""
    for entry in (tmp_path / "data" / "cache").glob("*.json"):
        entry.unlink()


def _same_document(a: Document, b: Document) -> None:
    """Same data (kinds too) and the same position for every key and item, container by container."""
    assert json.dumps(a.data) == json.dumps(b.data) and a.positions.root == b.positions.root
    stack = [(a.data, b.data)]
    while stack:
        x, y = stack.pop()
        assert type(x) is type(y) and (type(x) is not float or x == y)
        if isinstance(x, dict):
            assert list(a.positions.keys.get(id(x), {}).items()) == list(b.positions.keys.get(id(y), {}).items())
            assert list(a.positions.items.get(id(x), {}).items()) == list(b.positions.items.get(id(y), {}).items())
            stack.extend(zip(x.values(), y.values(), strict=True))
        elif isinstance(x, list):
            assert list(a.positions.items.get(id(x), {}).items()) == list(b.positions.items.get(id(y), {}).items())
            stack.extend(zip(x, y, strict=True))


def _yaml_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.yaml"))


def test_every_shipped_and_generated_file_reads_back_as_parsed(tmp_path: Path):
    """Each YAML file of the shipped scenarios, the seeds, the art and a generated case decodes to the very data and positions its parse made."""
    generated = generate(tmp_path / "g", nodes=300, seed=5)
    files = _yaml_files(PROJECT / "scenarios", PROJECT / "seeds", PROJECT / "assets", generated)
    assert len(files) > 30 and any(p.name == "art.yaml" for p in files)
    for path in files:
        doc = parse(path.read_bytes().decode("utf-8-sig"), str(path))
        assert not doc.diagnostics, path
        payload = cache_files.encode(doc)
        assert payload is not None, path
        _same_document(doc, cache_files.decode(payload))


@pytest.mark.parametrize("name", ["harris-family", "campbell-care-act", "jay-residential"])
def test_after_editing_one_episode_only_that_file_is_parsed(name: str, tmp_path: Path, parses: dict[str, int]):
    """Edit one episode of a shipped scenario: that file alone is parsed again, the rest (evidence too) read back, and the load is the load without a cache."""
    shutil.copytree(PROJECT / "scenarios" / name, tmp_path / "s" / name)
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    folder = tmp_path / "s" / name
    load_scenario(folder, art=art_catalog(), cache=True)
    files = parses["parsed"]  # scenario.yaml, the episodes, and each evidence layer's files
    assert files == 1 + len(list((folder / "episodes").glob("*.yaml"))) + len(list((tmp_path / "seeds").glob("*.yaml"))) + len(list((folder / "evidence").glob("*.yaml")))
    assert parses["read back"] == 0
    episode = sorted((folder / "episodes").glob("*.yaml"))[1]
    episode.write_text(episode.read_text(encoding="utf-8").replace("title:", "title: ", 1) + "\n# edited\n", encoding="utf-8")
    after = load_scenario(folder, art=art_catalog(), cache=True)
    assert parses == {"parsed": files + 1, "read back": files - 1}
    fresh = load_scenario(folder, art=art_catalog())
    assert _rendered(after) == _rendered(fresh) and after.scenario is not None and fresh.scenario is not None
    same(fresh.scenario, after.scenario)


@pytest.mark.parametrize("case", bad_cases(), ids=lambda p: p.name)
def test_a_bad_example_read_back_file_by_file_says_the_same(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: dict[str, int]):
    """Every bad example, with its clean files read back by the per-file layer (the whole-load entry gone), gives the same diagnostics in the same order."""
    monkeypatch.chdir(tmp_path)
    path = Path(os.path.relpath(materialize(case, tmp_path)))
    fresh = load_scenario(path, art=art_catalog())
    load_scenario(path, art=art_catalog(), cache=True)
    _forget_whole_loads(tmp_path)
    again = load_scenario(path, art=art_catalog(), cache=True)
    assert _rendered(again) == _rendered(fresh)
    assert (again.scenario is None) == (fresh.scenario is None)


def test_a_file_with_a_problem_is_not_kept(tmp_path: Path, parses: dict[str, int]):
    """Only a clean parse is kept: a file with a duplicate key is parsed, and its message made, every time."""
    folder = materialize(None, tmp_path)
    episode = sorted((folder / "episodes").glob("*.yaml"))[0]
    episode.write_text(episode.read_text(encoding="utf-8") + "format: 1\n", encoding="utf-8")
    files = 1 + len(list((folder / "episodes").glob("*.yaml"))) + len(list((tmp_path / "seeds").glob("*.yaml")))
    for _ in range(2):
        result = load_scenario(folder, art=art_catalog(), cache=True)
        _forget_whole_loads(tmp_path)
        assert any(d.code == "Y102" for d in result.diagnostics)
    assert parses == {"parsed": files + 1, "read back": files - 1}


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "cache" / "files").glob("*.json"))


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]


DAMAGE = {
    "empty": lambda p, d: p.write_bytes(b""),
    "truncated": lambda p, d: p.write_bytes(d[: len(d) // 2]),
    "a byte of the data flipped": lambda p, d: p.write_bytes(_flip(d, len(d) - 10)),
    "a byte of the name flipped": lambda p, d: p.write_bytes(_flip(d, len(cache_files.MAGIC) + 140)),
    "a byte of the hash flipped": lambda p, d: p.write_bytes(_flip(d, len(cache_files.MAGIC) + 3)),
    "another file's entry": lambda p, d: p.write_bytes(next(q for q in p.parent.glob("*.json") if q != p).read_bytes()),
    "a FIFO in its place": lambda p, d: (p.unlink(), os.mkfifo(p)),
    "a link to /dev/zero": lambda p, d: (p.unlink(), p.symlink_to("/dev/zero")),
    "a folder in its place": lambda p, d: (p.unlink(), p.mkdir()),
    "the secret changed": lambda p, d: (p.parent.parent / "secret").write_bytes(os.urandom(32)),
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_or_foreign_entry_is_parsed_again(damage: str, tmp_path: Path, parses: dict[str, int]):
    """Whatever was done to a per-file entry, that file is parsed again, the load says the same, and the entry is written anew."""
    folder = materialize(None, tmp_path)
    expected = _rendered(load_scenario(folder, art=art_catalog()))
    load_scenario(folder, art=art_catalog(), cache=True)
    for entry in _entries(tmp_path):
        _forget_whole_loads(tmp_path)
        good = entry.read_bytes()
        DAMAGE[damage](entry, good)  # type: ignore[no-untyped-call]
        before = dict(parses)
        assert _rendered(load_scenario(folder, art=art_catalog(), cache=True)) == expected
        assert parses["parsed"] - before["parsed"] >= 1
        if damage != "a folder in its place":
            _forget_whole_loads(tmp_path)
            before = dict(parses)
            assert _rendered(load_scenario(folder, art=art_catalog(), cache=True)) == expected
            assert parses["parsed"] == before["parsed"]
        else:
            entry.rmdir()
            entry.write_bytes(good)
        if damage == "the secret changed":
            break


def _resign(entry: Path, edit: Any) -> None:
    """Edit an entry's payload and sign it again with the machine's secret, as someone holding it could."""
    raw = entry.read_bytes()
    name = entry.stem
    positions, data = json.loads(raw[len(cache_files.MAGIC) + 129 + 65 :])
    flat = list(array("I", base64.b64decode(positions)))
    row = edit(flat, data)
    payload = row if isinstance(row, bytes) else json.dumps(row).encode("utf-8")
    secret = (entry.parent.parent / "secret").read_bytes()
    entry.write_bytes(cache_files.MAGIC + load_cache.mac(secret, name, payload).encode("ascii") + b"\n" + name.encode("ascii") + b"\n" + payload)


def _b64(flat: list[int]) -> str:
    return base64.b64encode(array("I", flat).tobytes()).decode("ascii")


SIGNED = {
    "a position short": lambda f, d: [_b64(f[:-1]), d],
    "a position over": lambda f, d: [_b64([*f, 3]), d],
    "a zero position": lambda f, d: [_b64([0, *f[1:]]), d],
    "positions not base64": lambda f, d: ["not base64!", d],
    "positions a list": lambda f, d: [f, d],
    "a long number": lambda f, d: b'["%s",{"format":%s}]' % (_b64(f).encode(), b"1" * 60),
    "NaN": lambda f, d: b'["%s",{"format":NaN}]' % _b64(f).encode(),
    "an infinite number": lambda f, d: b'["%s",{"format":1e999}]' % _b64(f).encode(),
    "a lone surrogate": lambda f, d: b'["%s",{"format":"\\ud800"}]' % _b64(f).encode(),
    "nested too deeply": lambda f, d: [_b64([1, 1] * 59), json.loads("[" * 60 + "]" * 60)],  # positions that fit: only the depth is wrong
    "no data": lambda f, d: [_b64([]), None],
    "three parts": lambda f, d: [_b64(f), d, d],
}


@pytest.mark.parametrize("edit", list(SIGNED), ids=list(SIGNED))
def test_a_signed_entry_a_parse_could_not_make_is_refused(edit: str, tmp_path: Path, parses: dict[str, int]):
    """An entry re-signed with what no strict parse makes (positions that do not fit, numbers YAML refuses, too deep) is refused: the file is parsed again."""
    folder = materialize(None, tmp_path)
    expected = _rendered(load_scenario(folder, art=art_catalog()))
    load_scenario(folder, art=art_catalog(), cache=True)
    for entry in _entries(tmp_path):
        _resign(entry, SIGNED[edit])
    _forget_whole_loads(tmp_path)
    assert _rendered(load_scenario(folder, art=art_catalog(), cache=True)) == expected
    assert parses["read back"] == 0


def test_a_resigned_entry_unchanged_is_read(tmp_path: Path, parses: dict[str, int]):
    """The signing above is the layer's own: the same payload signed again is read back (so the refusals are the checks')."""
    folder = materialize(None, tmp_path)
    load_scenario(folder, art=art_catalog(), cache=True)
    for entry in _entries(tmp_path):
        _resign(entry, lambda f, d: [_b64(f), d])
    _forget_whole_loads(tmp_path)
    load_scenario(folder, art=art_catalog(), cache=True)
    assert parses["read back"] == len(_entries(tmp_path)) > 1


def test_a_link_in_place_of_the_files_folder_is_never_followed(tmp_path: Path, parses: dict[str, int]):
    """A link where ``cache/files`` should be: nothing is read through it or written to where it leads."""
    folder = materialize(None, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "data" / "cache").mkdir(parents=True)
    (tmp_path / "data" / "cache" / "files").symlink_to(elsewhere)
    for _ in range(2):
        load_scenario(folder, art=art_catalog(), cache=True)
        _forget_whole_loads(tmp_path)
    assert parses["read back"] == 0 and list(elsewhere.iterdir()) == []


def test_the_layer_keeps_a_bounded_number_of_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: dict[str, int]):
    """Past KEEP entries the per-file layer prunes to the most recent, the file just edited kept; a note beside them, and a recent write in progress, stay."""
    monkeypatch.setattr(cache_files, "KEEP", 4)
    folder = materialize(None, tmp_path)
    load_scenario(folder, art=art_catalog(), cache=True)
    files = tmp_path / "data" / "cache" / "files"
    note = files / "notes.json"
    note.write_text("{}", encoding="utf-8")
    writing = files / (".%s.json.k3j4.tmp" % ("d" * 64))
    writing.write_text("{", encoding="utf-8")
    killed = files / (".%s.json.z9.tmp" % ("e" * 64))
    killed.write_text("{", encoding="utf-8")
    os.utime(killed, (0, 0))
    episode = sorted((folder / "episodes").glob("*.yaml"))[0]
    for i in range(6):
        episode.write_text(episode.read_text(encoding="utf-8") + f"# edit {i}\n", encoding="utf-8")
        load_scenario(folder, art=art_catalog(), cache=True)
        assert len(_entries(tmp_path)) - 1 <= 4  # the note is named as an entry is not
    assert (files / f"{cache_files.name_of(episode.read_bytes())}.json").exists()
    assert note.exists() and writing.exists() and not killed.exists()


def test_off_means_no_files_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: dict[str, int]):
    """DOORSTEP_CACHE=0, or a load that does not ask for the cache, neither reads nor writes the per-file layer."""
    folder = materialize(None, tmp_path)
    load_scenario(folder, art=art_catalog())
    monkeypatch.setenv("DOORSTEP_CACHE", "0")
    load_scenario(folder, art=art_catalog(), cache=True)
    assert parses == {"parsed": 0, "read back": 0} and not (tmp_path / "data").exists()


def _whole_entry(tmp_path: Path) -> dict[str, Any]:
    [entry] = (tmp_path / "data" / "cache").glob("*.json")
    data: dict[str, Any] = json.loads(entry.read_bytes()[len(load_cache.MAGIC) + 129 + 65 :])
    return data


@pytest.mark.parametrize("case", ["clean", "with errors"])
def test_validate_keeps_no_model_and_a_load_that_needs_one_runs_on_the_parses(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: dict[str, int]):
    """What validate keeps (model=False) says whether it loaded and what it found, without the model; a load that needs
    the model then runs whole on the files read back, says the same, and keeps the model for both."""
    folder = materialize(None, tmp_path)
    if case == "with errors":
        episode = sorted((folder / "episodes").glob("*.yaml"))[0]
        episode.write_text(episode.read_text(encoding="utf-8").replace("next:", "next: nowhere-at-all #", 1), encoding="utf-8")
    fresh = load_scenario(folder, art=art_catalog())
    checked = load_scenario(folder, art=art_catalog(), cache=True, model=False)
    kept = _whole_entry(tmp_path)
    assert kept["scenario"] is None and kept["loaded"] is fresh.ok and _rendered(checked) == _rendered(fresh)
    counts = {"hits": 0}
    real = load_cache.lookup

    def counting(key: load_cache.Key, model: bool = True) -> Any:
        found = real(key, model)
        counts["hits"] += found is not None
        return found

    monkeypatch.setattr(load_cache, "lookup", counting)
    again = load_scenario(folder, art=art_catalog(), cache=True, model=False)
    assert counts["hits"] == 1 and again.ok == fresh.ok and again.scenario is None and _rendered(again) == _rendered(fresh)
    parsed = parses["parsed"]
    played = load_scenario(folder, art=art_catalog(), cache=True)
    assert counts["hits"] == 1 and parses["parsed"] == parsed  # ran whole, every file read back
    assert (played.scenario is None) == (fresh.scenario is None) and _rendered(played) == _rendered(fresh)
    assert "loaded" not in _whole_entry(tmp_path)
    if fresh.scenario is not None:
        assert played.scenario is not None
        same(fresh.scenario, played.scenario)
    for model in (True, False):
        assert _rendered(load_scenario(folder, art=art_catalog(), cache=True, model=model)) == _rendered(fresh)
    assert counts["hits"] == 3


def test_a_validate_entry_says_its_diagnostics_as_the_codec_does(tmp_path: Path):
    """Diagnostics kept without the model are written as the codec writes them, so either kind of entry reads back the same."""
    from simulator.scenario import cache_codec
    from simulator.scenario.cache_shape import diagnostic_rows, diagnostics_of

    result = load_scenario(materialize(sorted(bad_cases())[-1], tmp_path), art=art_catalog())
    assert result.diagnostics
    assert diagnostic_rows(result.diagnostics) == cache_codec.encode(None, result.diagnostics)["diagnostics"]
    assert diagnostics_of({"diagnostics": diagnostic_rows(result.diagnostics), "loaded": True}) == (True, result.diagnostics)
    with pytest.raises(ValueError):
        diagnostics_of({"diagnostics": [], "loaded": "yes"})


def test_cache_entries_are_written_without_waiting_for_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: dict[str, int]):
    """Entries are signed, so a torn one is refused and written again: keeping them never waits for an fsync (only the secret does)."""
    folder = materialize(None, tmp_path)
    load_scenario(folder, art=art_catalog(), cache=True)
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    episode = sorted((folder / "episodes").glob("*.yaml"))[0]
    episode.write_text(episode.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    for model in (False, True):
        load_scenario(folder, art=art_catalog(), cache=True, model=model)
    assert parses["read back"] > 0 and synced == []
    (tmp_path / "data" / "cache" / "secret").unlink()
    load_scenario(folder, art=art_catalog(), cache=True)
    assert synced  # a new secret is written to last
