"""A mutation campaign against the load cache: thousands of damaged, foreign and re-signed cache files.

Usage: python bench/fuzz_cache.py [--seconds 120] [--seed N] [--case tests/fixtures/mini]

For a small case (the suite's mini scenario, with its seeds) it writes the cache once, then, until
the time is up, replaces the cache entry or its secret with a mutant and loads again:

* **bytes**: flips, truncations, insertions, a chunk copied over another, the header or the hash
  edited, random garbage, another entry's bytes, a FIFO, a folder or a link in its place, the
  secret changed or cut short. The load must say exactly what a load without the cache says, never
  raise, and leave a cache that is read back the next time;
* **signed**: the entry's JSON edited by someone holding the machine's secret (a leaf replaced by
  a value of another kind, a list item dropped or repeated, rows swapped, a string changed) and
  signed again. The load must never raise: an edit without the model's shape is refused and the
  load runs whole; one with it is read back, since a signature says the entry is this machine's
  own (so it counts how many were, and how many of those the engine then could not play: the
  trust a signature gives, not a failure of the cache). A quarter of these mutants are made of
  what ``doorstep validate`` keeps (no model: whether it loaded, and its diagnostics), loaded as
  validate loads;
* **per-file**: the same two kinds of mutant made of one entry of the per-file layers
  (``cache/files/``: a file's parse, read back when the whole-load entry is stale; ``checked/``:
  that a parse passed its checks; ``built/``: an episode's built model; ``catalogs/``: the shared
  art's catalog), with the whole-load entry gone; re-signed edits are made of parses. Bytes mutants must change nothing; a re-signed edit (of the data or of
  the positions) must never make the load raise: one no strict parse could make is refused and
  the file parsed again, one it could is read back as if the file said so.

It prints what it tried and what happened, and exits 1 at the first mutant that breaks a rule,
keeping it in a folder it names. Part of ``make fuzz``.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from simulator.scenario import cache as load_cache  # noqa: E402
from simulator.scenario import cache_files, load_scenario  # noqa: E402


def _rendered(result: Any) -> list[str]:
    return [d.render() for d in result.diagnostics]


def _byte_mutant(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    kind = rng.randrange(8)
    at = rng.randrange(max(1, len(data)))
    if kind == 0:
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
    if kind == 1:
        return data[:at]
    if kind == 2:
        return data[:at] + os.urandom(rng.randrange(1, 64)) + data[at:]
    if kind == 3:
        size = rng.randrange(1, 200)
        src = rng.randrange(max(1, len(data) - size))
        return data[:at] + data[src : src + size] + data[at + size :]
    if kind == 4:
        head = len(load_cache.MAGIC) + rng.randrange(200)
        return data[:head] + bytes([rng.randrange(256)]) + data[head + 1 :]
    if kind == 5:
        return os.urandom(rng.randrange(0, 4096))
    if kind == 6 and others:
        return rng.choice(others)
    return data + os.urandom(rng.randrange(1, 16))


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, list):
        for i, item in enumerate(value):
            out.extend(_leaf_paths(item, (*path, i)))
    elif isinstance(value, dict):
        for k, item in value.items():
            out.extend(_leaf_paths(item, (*path, k)))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _signed_edit(rng: random.Random, data: Any) -> None:
    paths = [p for p in _leaf_paths(data) if p]
    path = rng.choice(paths)
    parent, key = _get(data, path[:-1]), path[-1]
    kind = rng.randrange(6)
    replacements = [None, True, False, 0, -1, 10**12, 1.5, "", "x", "nowhere.at-all", [], {}, [1, 2], "enabler"]
    if kind <= 1:
        parent[key] = rng.choice(replacements)
    elif kind == 2 and isinstance(parent, list) and parent:
        del parent[key]
    elif kind == 3 and isinstance(parent, list):
        parent.insert(key, parent[key])
    elif kind == 4 and isinstance(parent, list) and len(parent) > 1:
        other = rng.randrange(len(parent))
        parent[key], parent[other] = parent[other], parent[key]
    elif isinstance(parent[key], str):
        parent[key] = parent[key][::-1]
    else:
        parent[key] = rng.choice(replacements)


def _sign(entry: Path, data: Any) -> None:
    raw = entry.read_bytes()
    head = len(load_cache.MAGIC) + 129
    inputs = raw[head : head + 64].decode("ascii")
    payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
    secret = (entry.parent / "secret").read_bytes()
    entry.write_bytes(load_cache.MAGIC + load_cache.mac(secret, inputs, payload).encode("ascii") + b"\n" + inputs.encode("ascii") + b"\n" + payload)


def _exercise(scenario: Any) -> None:
    """What a host does with a model: random play, analysis, the overview."""
    from simulator.analysis.overview import analyze
    from simulator.analysis.spread import play_random

    for seed in range(100):
        play_random(scenario, seed)
    analyze(scenario)


def _restore(good_files: dict[Path, bytes]) -> None:
    for path, data in good_files.items():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.write_bytes(data)


LAYERS = ("files", "checked", "built", "catalogs")


def _per_file(rng: random.Random, folder: Path, expected: list[str], good_files: dict[Path, bytes], signed: bool, tally: Counter[str]) -> None:
    """Mutate one per-file entry (the whole-load entry is gone) and load; raises when a rule is broken."""
    path = rng.choice(sorted(good_files))
    good = good_files[path]
    layer = path.parent.name
    if signed and layer == "files":
        positions, data = json.loads(good[cache_files.HEADER :])
        flat = list(array("I", base64.b64decode(positions)))
        if rng.random() < 0.5 and flat:
            at = rng.randrange(len(flat))
            roll = rng.randrange(4)
            if roll == 0:
                del flat[at]
            elif roll == 1:
                flat.insert(at, rng.choice([0, 1, 7, 2**32 - 1]))
            else:
                flat[at] = rng.choice([0, 1, 2, 99, 2**31])
        else:
            wrapped = {"data": data}
            for _ in range(rng.randrange(1, 4)):
                _signed_edit(rng, wrapped)
            data = wrapped.get("data")
        payload = json.dumps([base64.b64encode(array("I", flat).tobytes()).decode("ascii"), data], separators=(",", ":")).encode("utf-8")
        secret = (path.parent.parent / "secret").read_bytes()
        name = path.stem
        path.write_bytes(cache_files.MAGIC + load_cache.mac(secret, name, payload).encode("ascii") + b"\n" + name.encode("ascii") + b"\n" + payload)
        result = load_scenario(folder, cache=True)
        tally["per-file signed, " + ("said the same" if _rendered(result) == expected else "read back with other diagnostics")] += 1
        return
    roll = rng.random()
    if roll < 0.05:
        path.unlink()
        os.mkfifo(path)
    elif roll < 0.08:
        path.unlink()
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(_byte_mutant(rng, good, [v for k, v in good_files.items() if k != path]))
    result = load_scenario(folder, cache=True, model=rng.random() < 0.7)
    if _rendered(result) != expected:
        raise AssertionError(f"a bytes mutant of {layer}/{path.name} changed the diagnostics")
    tally[f"per-file bytes ({layer})"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--case", default=str(PROJECT / "tests" / "fixtures" / "mini"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"fuzz_cache: seed {args.seed}, {args.seconds:.0f} s")
    work = Path(tempfile.mkdtemp(prefix="fuzz-cache-"))
    os.environ["DOORSTEP_DATA_DIR"] = str(work / "data")
    os.environ["DOORSTEP_CACHE"] = "1"
    case = Path(args.case)
    shutil.copytree(case, work / case.name)
    if (case.parent / "seeds").is_dir():
        shutil.copytree(case.parent / "seeds", work / "seeds")
    folder = work / case.name
    expected = _rendered(load_scenario(folder))
    load_scenario(folder, cache=True)
    entries = [p for p in (work / "data" / "cache").iterdir() if p.suffix == ".json"]
    entry, secret = entries[0], work / "data" / "cache" / "secret"
    good, good_secret = entry.read_bytes(), secret.read_bytes()
    good_data = json.loads(good[len(load_cache.MAGIC) + 129 + 65 :])
    entry.unlink()
    load_scenario(folder, cache=True, model=False)  # what validate keeps: whether it loaded and its diagnostics, no model
    good_v = entry.read_bytes()
    good_v_data = json.loads(good_v[len(load_cache.MAGIC) + 129 + 65 :])
    assert "loaded" in good_v_data
    others = [good[: len(good) // 3] + good[len(good) // 3 :].replace(b'"', b"'", 1)]
    # Every per-file layer the load keeps: parses (files/), the verdicts that a parse passed its checks (checked/),
    # each episode's built model (built/), the shared art's catalog (catalogs/). Bytes mutants of any of them must
    # change nothing; re-signed edits are made of the parses, whose shape the campaign knows.
    good_files = {p: p.read_bytes() for layer in LAYERS for p in (work / "data" / "cache" / layer).glob("*.json")}
    print("fuzz_cache: per-file entries: " + ", ".join(f"{layer} {sum(1 for p in good_files if p.parent.name == layer)}" for layer in LAYERS))
    tally: Counter[str] = Counter()
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        for p in (entry, secret):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            elif p.exists() or p.is_symlink():
                p.unlink()
        secret.write_bytes(good_secret)
        _restore(good_files)
        signed = rng.random() < 0.4
        what = "signed edit" if signed else "bytes"
        try:
            if rng.random() < 0.4:
                what = f"per-file {what}"
                _per_file(rng, folder, expected, good_files, signed, tally)
                continue
            validating = rng.random() < 0.25
            base, base_data = (good_v, good_v_data) if validating else (good, good_data)
            if validating:
                what = f"validate's {what}"
            if signed:
                data = json.loads(json.dumps(base_data))
                for _ in range(rng.randrange(1, 4)):
                    _signed_edit(rng, data)
                entry.write_bytes(base)
                _sign(entry, data)
            else:
                roll = rng.random()
                if roll < 0.05:
                    os.mkfifo(entry)
                    what = "a FIFO"
                elif roll < 0.08:
                    entry.symlink_to("/dev/zero")
                    what = "a link to /dev/zero"
                elif roll < 0.10:
                    entry.mkdir()
                    what = "a folder"
                elif roll < 0.15:
                    entry.write_bytes(base)
                    secret.write_bytes(_byte_mutant(rng, good_secret, []))
                    what = "the secret"
                else:
                    entry.write_bytes(_byte_mutant(rng, base, others))
            result = load_scenario(folder, cache=True, model=not validating)
            if signed and validating:
                tally["validate's signed, " + ("said the same" if _rendered(result) == expected else "read back with other diagnostics")] += 1
            elif signed:
                if result.scenario is not None and _rendered(result) == expected:
                    try:
                        _exercise(result.scenario)
                        tally["signed, read back or refused, played"] += 1
                    except Exception:  # counted: what a signature trusts
                        tally["signed, read back, the engine could not play it"] += 1
                else:
                    tally["signed, read back with other diagnostics"] += 1
            else:
                if _rendered(result) != expected:
                    raise AssertionError("the diagnostics differ from a load without the cache")
                tally[what] += 1
        except Exception:  # a campaign reports every failure with its input
            kept = work / "failing"
            kept.mkdir(exist_ok=True)
            if entry.is_file() and not entry.is_symlink():
                shutil.copy(entry, kept / "entry.json")
            print(f"fuzz_cache: a {what} mutant broke a rule (kept in {kept}):\n{traceback.format_exc()}")
            return 1
    print(f"fuzz_cache: {sum(tally.values())} mutants, no failure: " + ", ".join(f"{n} {k}" for k, n in tally.most_common()))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
