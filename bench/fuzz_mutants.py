"""The fuzz campaign's mutants: Doorstep's own scenario, record and store files, damaged on purpose.

Byte flips, cuts and splices, YAML-aware edits (deep nesting, huge numbers,
lone surrogates, hostile conditions), JSON values no record should hold, odd
file kinds (FIFOs, links to /dev/zero and outside the folder, folders named
like files), and stores damaged or tampered with at the SQLite level. Each
mutant function takes a seeded ``random.Random``, so a run can be replayed.
:mod:`fuzz_campaign` runs the commands on them; tests/test_fuzz.py runs a
bounded slice.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
SCENARIOS = [EXAMPLE, PROJECT / "scenarios" / "jay-residential", PROJECT / "scenarios" / "harris-family", PROJECT / "scenarios" / "campbell-care-act"]
T0 = "2026-03-02T09:00:00+00:00"

HOSTILE_SCALARS = [
    "9" * 5000, "-" + "9" * 41, "1.0", "1e400", "-0.0", "0x10", "9999-12-31", "0001-01-01", "2026-02-30", "'\\ud800'",
    '"\\ud800x"', "~", "null", "[]", "{}", "''", "&a x", "*a", "!!python/object:os.system ls", "!!binary AAAA", "? x",
    "\t", "%YAML 1.1", "---", "...", "|", ">", "@", "`", "\x00", "\ufeff", "é" * 200, "x" * 70000,
]
HOSTILE_CONDITIONS = [
    "(" * 1000 + "true" + ")" * 1000, "not " * 1000 + "true", " and ".join(["true"] * 3000), "1" * 5000 + " == 1",
    " + ".join(["1"] * 3000) + " > 1", "trust.", "clock.time > 25:99", "flag.x == 'a", "((((", "true or", "seen." + "a" * 5000,
]
HOSTILE_JSON = [10**50, -(10**50), 1.5, -1, 0, True, None, "", "\ud800", "x" * 100000, [], {}, [[[[[]]]]], {"a": {"b": {}}}, "../../etc", "/etc/passwd"]


FROM = ["doorstep.door", "doorstep", "prepare.desk", "visit", "door", "x.y.z", "..", "", "a" * 5000, "Doorstep.Door", "doorstep.door.", "\u00e9"]
SETS = [
    "trust.dana=40", "trust.dana=1e9", "trust.dana=-5", "trust.nobody=3", "flag.unprepared=true", "flag.x=yes", "score.tone=abc",
    "score.tone=99999999999999999999", "clock.time=25:99", "clock.time=10:30", "=", "trust.=3", "x", "seen.door=true", "\u00e9=1",
]


def one_file(rng: random.Random, target: Path) -> Path:
    """A file of the mutant (an episode, scenario.yaml, an evidence or art file), or the target itself when it has none."""
    try:
        files = sorted(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else []
    except OSError:
        files = []
    return rng.choice(files) if files else target


# -- mutators -------------------------------------------------------------------------
def mutate_bytes(rng: random.Random, data: bytes, donors: list[bytes]) -> bytes:
    """One or a few byte-level or line-level changes."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        kind = rng.randrange(12)
        n = len(data)
        at = rng.randrange(n + 1) if n else 0
        if kind == 0 and n:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        elif kind == 1:
            data = data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at:]
        elif kind == 2 and n:
            data = data[:at] + data[at + rng.randint(1, 200) :]
        elif kind == 3:
            data = data[: rng.randrange(n + 1)]
        elif kind == 4 and n:
            end = min(n, at + rng.randint(1, 400))
            data = data[:end] + data[at:end] * rng.randint(1, 50) + data[end:]
        elif kind == 5 and donors:
            donor = rng.choice(donors)
            if donor:
                a = rng.randrange(len(donor))
                data = data[:at] + donor[a : a + rng.randint(1, 2000)] + data[at:]
        elif kind == 6:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            key, sep, _ = lines[i].partition(b":")
            if sep:
                lines[i] = key + b": " + rng.choice(HOSTILE_SCALARS).encode("utf-8", "surrogatepass")
            data = b"\n".join(lines)
        elif kind == 7:
            depth = rng.choice([50, 1000, 100000])
            opener, closer = rng.choice([(b"[", b"]"), (b"{a: ", b"}"), (b"- ", b"")])
            data = data + b"\nzz: " + opener * depth + closer * depth + b"\n"
        elif kind == 8:
            lines = data.split(b"\n")
            whens = [i for i, line in enumerate(lines) if b"when:" in line or b"if:" in line]
            if whens:
                i = rng.choice(whens)
                indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
                lines[i] = indent + lines[i].strip().split(b":")[0] + b": " + json.dumps(rng.choice(HOSTILE_CONDITIONS)).encode()
            data = b"\n".join(lines)
        elif kind == 9:
            data = rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00" * 10, b"%YAML 1.1\n---\n"]) + data
        elif kind == 10:
            data = data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\n  "]))
        elif kind == 11 and n:
            lines = data.split(b"\n")
            rng.shuffle(lines)
            data = b"\n".join(lines)
    return data


def mutate_structured(rng: random.Random, data: bytes) -> bytes:
    """Parse the YAML, change a few leaves to other values of the file (so ids still mostly resolve) or hostile ones, write it back as JSON (valid YAML)."""
    import yaml

    try:
        value = yaml.safe_load(data)
    except yaml.YAMLError:
        return data
    leaves: list[tuple[object, object]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item)) if isinstance(item, list) else []
        for k in keys:
            child = item[k]  # type: ignore[index]
            (stack.append(child) if isinstance(child, (dict, list)) else leaves.append((item, k)))
    if not leaves:
        return data
    pool = [parent[k] for parent, k in leaves]  # type: ignore[index]
    for _ in range(rng.randint(1, 3)):
        parent, key = rng.choice(leaves)
        old = parent[key]  # type: ignore[index]
        if rng.random() < 0.7:
            similar = [v for v in pool if type(v) is type(old)]
            parent[key] = rng.choice(similar or pool)  # type: ignore[index]
        elif isinstance(old, (int, float)) and not isinstance(old, bool):
            parent[key] = rng.choice([old + 1, old - 1, -old, old * 1000, 0, 10**18, 1.0 * old])  # type: ignore[index]
        else:
            parent[key] = rng.choice(HOSTILE_JSON)  # type: ignore[index]
    return json.dumps(value, default=str, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def mutate_json(rng: random.Random, value: object) -> object:
    """Replace, delete or deepen a random part of parsed JSON."""
    paths: list[tuple[object, object]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item)) if isinstance(item, list) else []
        for k in keys:
            paths.append((item, k))
            stack.append(item[k])  # type: ignore[index]
    for _ in range(rng.randint(1, 4)):
        if not paths:
            break
        parent, key = rng.choice(paths)
        if (isinstance(parent, dict) and key not in parent) or (isinstance(parent, list) and not 0 <= key < len(parent)):  # type: ignore[operator]
            continue  # removed by an earlier change
        kind = rng.randrange(4)
        if kind == 0:
            parent[key] = rng.choice(HOSTILE_JSON)  # type: ignore[index]
        elif kind == 1 and isinstance(parent, dict):
            parent.pop(key, None)
        elif kind == 2:
            parent[key] = [parent[key]] if rng.random() < 0.5 else {"x": parent[key]}  # type: ignore[index]
        else:
            parent[key] = str(parent[key]) if not isinstance(parent[key], str) else len(parent[key])  # type: ignore[index]
    return value


def odd_kind(rng: random.Random, target: Path, outside: Path) -> str:
    """Turn a file into something that is not a plain file; a word for what."""
    target.unlink(missing_ok=True)
    kind = rng.choice(["fifo", "zero", "outside", "folder", "loop", "dangling", "empty"])
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "zero":
        target.symlink_to("/dev/zero")
    elif kind == "outside":
        target.symlink_to(outside)
    elif kind == "folder":
        target.mkdir()
    elif kind == "loop":
        target.symlink_to(target.name)
    elif kind == "dangling":
        target.symlink_to(target.parent / "nowhere")
    else:
        target.write_bytes(b"")
    return kind


# -- making mutants ---------------------------------------------------------------------
def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def scenario_mutant(rng: random.Random, work: Path) -> tuple[Path, str]:
    """A copy of a scenario and the seeds, with one file mutated or made odd."""
    source = rng.choices(SCENARIOS, weights=[6, 2, 1, 2])[0]
    root = work / "case"
    shutil.copytree(source, root / "scenario", symlinks=True)
    shutil.copytree(PROJECT / "seeds", root / "seeds")
    manifest = root / "scenario" / "scenario.yaml"
    manifest.write_bytes(manifest.read_bytes().replace(b"evidence: ../../../seeds", b"evidence: ../seeds").replace(b"evidence: ../../seeds", b"evidence: ../seeds"))
    evidence = rng.random() < 0.2
    files = yaml_files(root / "seeds") if evidence else yaml_files(root / "scenario")
    target = rng.choice(files)
    donors = [p.read_bytes() for p in rng.sample(files, min(3, len(files)))]
    if rng.random() < 0.1:
        secret = work / "outside.yaml"
        secret.write_text("format: 1\nepisode: OUTSIDE-SECRET\n")
        what = odd_kind(rng, target, secret)
    elif rng.random() < 0.5:
        target.write_bytes(mutate_structured(rng, target.read_bytes()))
        what = "structured"
    else:
        target.write_bytes(mutate_bytes(rng, target.read_bytes(), donors))
        what = "bytes"
    return root / "scenario", f"{'evidence' if evidence else 'scenario'} {source.name}:{target.name} {what}"


def base_record(work: Path) -> Path:
    from simulator.cli import main

    out = work / "base-record.json"
    with contextlib.redirect_stdout(io.StringIO()):
        main(["play", str(EXAMPLE), "--text", "--auto", "random", "--seed", "3", "--record", str(out)])
    return out


def record_mutant(rng: random.Random, work: Path, base: bytes) -> tuple[Path, str]:
    path = work / "record.json"
    if rng.random() < 0.5:
        path.write_text(json.dumps(mutate_json(rng, json.loads(base))))
        what = "json"
    else:
        path.write_bytes(mutate_bytes(rng, base, []))
        what = "bytes"
    if rng.random() < 0.05:
        what = odd_kind(rng, path, EXAMPLE / "scenario.yaml")
    return path, f"record {what}"


def base_store(folder: Path) -> Path:
    from simulator.engine import Session
    from simulator.engine.autoplay import policy
    from simulator.records.record import build_record
    from simulator.records.store import Store
    from simulator.scenario import load_scenario

    scenario = load_scenario(EXAMPLE).scenario
    path = folder / "records.sqlite3"
    store, _ = Store.open(path, at=T0)
    for seed in range(4):
        pid = store.begin(scenario.id, scenario.title, seed, "coach", "Priya", T0)
        session = Session.start(scenario, seed, "Priya")
        pick = policy("random", seed)
        index = 0
        while not session.finished and (seed != 3 or index < 2):
            step = session.choose(pick(session.choices).id) if session.choices else session.proceed()
            store.add_step(pid, index, step.choice, step.to_dict())
            index += 1
        if session.finished:
            store.finish(pid, build_record(session), T0)
        store.save_reflection(pid, "feelings", f"Reflection {seed}", T0)
    store.close(at=T0)
    return path


TAMPER = [
    "DELETE FROM steps WHERE rowid = (SELECT max(rowid) FROM steps)",
    "UPDATE steps SET action = 'x' WHERE idx = 0",
    "DELETE FROM reflections WHERE id = (SELECT max(id) FROM reflections)",
    "DELETE FROM records WHERE playthrough_id = 1",
    "UPDATE playthroughs SET seed = seed + 1",
    "CREATE TRIGGER t AFTER INSERT ON steps BEGIN DELETE FROM steps WHERE rowid = new.rowid; END",
    "CREATE VIEW v AS SELECT 1",
    "DROP INDEX reflections_by_playthrough",
    "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
    "UPDATE meta SET value = 'x' WHERE key = 'schema_version'",
    "DELETE FROM meta",
    "UPDATE reflections SET text = char(55296)",
    "UPDATE steps SET step = '[' || step",
    "UPDATE records SET record = replace(record, '\"format\":1', '\"format\":" + "9" * 5000 + "')",
    "PRAGMA writable_schema = 1; UPDATE sqlite_master SET sql = replace(sql, 'steps', 'st\u00ffps') WHERE name = 'steps'",
]


def store_mutant(rng: random.Random, work: Path, base: Path) -> tuple[Path, str]:
    folder = work / "data"
    shutil.copytree(base.parent, folder, dirs_exist_ok=True)
    path = folder / base.name
    kind = rng.randrange(6)
    if kind == 0:
        data = path.read_bytes()
        path.write_bytes(data[: rng.choice([0, 0, 100, 4096, rng.randrange(len(data) + 1)])])
        return path, "store truncated"
    if kind in (1, 2):
        data = bytearray(path.read_bytes())
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(100) if kind == 1 else rng.randrange(len(data))
            data[at] = rng.randrange(256)
        path.write_bytes(bytes(data))
        return path, "store bytes " + ("header" if kind == 1 else "anywhere")
    if kind == 3:
        sql = rng.choice(TAMPER)
        conn = sqlite3.connect(path, isolation_level=None)
        with contextlib.suppress(sqlite3.Error):
            conn.executescript(sql)
        conn.close()
        return path, f"store sql {sql[:40]}"
    if kind == 4:
        path.unlink()
        if rng.random() < 0.5:
            shutil.rmtree(folder / "backups", ignore_errors=True)
        return path, "store removed"
    Path(f"{path}-wal").write_bytes(rng.randbytes(rng.choice([10, 4000, 40000])))
    return path, "store garbage wal"
