"""A mutation campaign: hostile scenario, evidence, record and store files against every command.

``make fuzz`` (or ``python bench/fuzz_campaign.py --minutes 10``) builds
mutants of Doorstep's own files (byte flips, cuts, splices, deep nesting,
huge numbers, lone surrogates, hostile conditions, odd file kinds: FIFOs,
links to /dev/zero and outside the folder, folders named like files, damaged
and tampered stores) and runs each command on them in a worker process:
``validate``, ``info``, ``analyze``, ``graph``, ``play --text --auto``,
``report``, ``cohort``, ``xapi statements``/``outbox``/``push`` (to a closed
port), and the store's own open/list/replay/export/verify. :mod:`fuzz_more`
adds the later commands and kinds: ``validate FILE``, ``new``, ``schema
--vscode``, ``analyze --spread``, ``play --from/--set``, ``lrs.json`` and
``settings.json``, stores of formats 1 to 3, the shared art under the
window's auto play, and hostile LRSs under push, cohort and setup --check.

Each run must end within ``--timeout`` seconds with exit code 0, 1 or 2, no
traceback and no crash log, and write nothing but the output it was asked
for. Anything else is a failure; its mutant is kept under ``--keep`` with
the command, so it can be replayed. The summary prints counts by command and
outcome. Not a test (it is random and long); the suite runs a bounded,
seeded slice of the same mutators (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

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


# -- the worker: runs one command in-process, reports what happened ---------------------------
def probe_store(path: str) -> int:
    """Everything a host does with a store; StoreError is an expected refusal, anything else a failure."""
    from simulator.records.store import Store, StoreError

    try:
        store, notes = Store.open(path, at=T0)
    except StoreError as exc:
        print(f"refused: {exc}")
        return 1
    for note in notes:
        print(note)
    with store:
        for p in store.playthroughs():
            for read in (store.actions, store.record, store.reflections, store.export):
                try:
                    read(p.id)
                except StoreError as exc:
                    print(f"refused: {exc}")
        store.verify()
        with contextlib.suppress(StoreError):
            pid = store.begin("s", "S", 0, "coach", None, T0)
            store.add_step(pid, 0, None, {"choice": None})
            store.save_reflection(pid, "feelings", "x\ud800", T0)
    return 0


def worker() -> None:
    from simulator.cli import main

    os.environ["DOORSTEP_RAISE"] = "1"
    for line in sys.stdin:
        job = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        exc_text = ""
        os.chdir(job["cwd"])
        os.environ["DOORSTEP_DATA_DIR"] = job["data"]
        saved = {k: os.environ.get(k) for k in job.get("env", {})}
        os.environ.update(job.get("env", {}))
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = probe_store(job["argv"][1]) if job["argv"][0] == "store" else main(job["argv"])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # reporting it is the point
            code, exc_text = -1, traceback.format_exc()
        finally:
            for k, v in saved.items():
                os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
        print(json.dumps({"code": code, "out": out.getvalue()[-3000:], "err": err.getvalue()[-3000:], "exc": exc_text[-6000:]}), flush=True)


class Worker:
    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(PROJECT)}
        self.proc = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, start_new_session=True)

    def run(self, job: dict[str, object], timeout: float) -> dict[str, object] | None:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc and self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return None
        line = self.proc.stdout.readline()
        if not line:
            self.proc = None
            return {"code": -9, "out": "", "err": "", "exc": "the worker died (a crash in C code, or memory)"}
        result: dict[str, object] = json.loads(line)
        return result

    def stop(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.proc = None


def run_window(job: dict[str, object], timeout: float) -> dict[str, object] | None:
    """A window job (SDL's dummy driver) in a process of its own: the exit code and output, or None for a hang."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(PROJECT), "DOORSTEP_DATA_DIR": str(job["data"]), **job.get("env", {})}  # type: ignore[dict-item]
    env.pop("DOORSTEP_RAISE", None)  # the installed command's behaviour, crash log and all
    try:
        done = subprocess.run([sys.executable, "-m", "simulator", *job["argv"]], cwd=str(job["cwd"]), env=env, capture_output=True, timeout=timeout, start_new_session=True)  # type: ignore[list-item]
    except subprocess.TimeoutExpired:
        return None
    err = done.stderr.decode("utf-8", "replace")
    return {"code": done.returncode, "out": done.stdout.decode("utf-8", "replace")[-3000:], "err": err[-3000:], "exc": err[-6000:] if "Traceback" in err else ""}


ONE_LINE = {"xapi", "cohort", "new", "schema"}  # commands with no diagnostics list: a refusal is one line


# -- the campaign ---------------------------------------------------------------------------
def only_plain(folder: str, names: list[str]) -> set[str]:
    """For copytree: leave out FIFOs, devices and sockets (copying a FIFO waits for a writer for ever)."""
    odd = set()
    for name in names:
        with contextlib.suppress(OSError):
            mode = os.lstat(os.path.join(folder, name)).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                odd.add(name)
    return odd


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


def judge(result: dict[str, object] | None, before: set[str], after: set[str], allowed: set[str]) -> str:
    if result is None:
        return "hang"
    text = f"{result['out']}{result['err']}"
    if result["exc"] or "Traceback" in text:
        return "traceback"
    if "unexpected error" in text:
        return "crash-log"
    if result["code"] not in (0, 1, 2):
        return f"exit-{result['code']}"
    if result.get("argv0") in ONE_LINE and result["code"] in (1, 2) and len([ln for ln in str(result["err"]).splitlines() if ln.strip()]) > 1:
        return "many-lines"
    stray = {p for p in after - before if not any(p == a or p.startswith(a + "/") for a in allowed)}
    if stray:
        result["stray"] = sorted(stray)[:20]  # kept in WHAT.txt, to say what was written
        return "stray-files"
    return f"ok-exit{result['code']}"


def campaign(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    keep = Path(args.keep)
    counts: Counter[tuple[str, str]] = Counter()
    failures: list[str] = []
    base_dir = Path(tempfile.mkdtemp(prefix="doorstep-fuzz-base-"))
    record_bytes = base_record(base_dir).read_bytes()
    store_base = base_store(base_dir / "store")
    import fuzz_more as more

    servers = more.Servers()
    worker_ = Worker()
    started = time.monotonic()
    deadline = started + args.minutes * 60
    mutants = 0
    try:
        while time.monotonic() < deadline and (args.count is None or mutants < args.count):
            mutants += 1
            work = Path(tempfile.mkdtemp(prefix="doorstep-fuzz-"))
            data = work / "data"
            data.mkdir(exist_ok=True)
            pick = rng.random()
            jobs: list[tuple[list[str], set[str], dict[str, str], bool]]
            if pick < 0.45:
                target, what = scenario_mutant(rng, work)
                jobs = [
                    (["validate", str(target)], set(), {}, False),
                    (["info", str(target), "--json"], set(), {}, False),
                    (["analyze", str(target)], set(), {}, False),
                    (["graph", str(target), "--format", rng.choice(["dot", "mermaid"])], set(), {}, False),
                    (["play", str(target), "--text", "--auto", rng.choice(["enabler", "barrier", "random"]), "--seed", str(rng.randrange(100)), "--record", str(work / "out.json")], {"out.json"}, {}, False),
                    # The trainer's tools (issue 10): one file of the case, random play's spread, a try-out from a node.
                    (["validate", str(one_file(rng, target))], set(), {}, False),
                    (["analyze", str(target), "--spread", str(rng.choice([1, 7, 30])), "--first-seed", str(rng.randrange(1000))], set(), {}, False),
                    (["play", str(target), "--text", "--auto", "random", "--from", rng.choice(FROM), *[a for v in rng.sample(SETS, rng.randint(0, 3)) for a in ("--set", v)]], set(), {}, False),
                ]
                jobs += more.window_jobs(rng, target, work)
                if rng.random() < 0.5:
                    mutated = target / what.split(":")[-1].split(" ")[0] if what.startswith("scenario") else target / "scenario.yaml"
                    found = sorted(target.rglob(mutated.name)) or [target / "scenario.yaml"]
                    jobs += more.authoring_jobs(rng, work, target, found[0], odd_kind)
            elif pick < 0.65:
                target, what = record_mutant(rng, work, record_bytes)
                jobs = [
                    (["report", str(target), "--scenario", str(EXAMPLE), "--html", str(work / "o.html"), "--json", str(work / "o.json")], {"o.html", "o.json"}, {}, False),
                    (["report", str(target), "--json", str(work / "p.json")], {"p.json"}, {}, False),
                    (["cohort", str(target), str(work), "--scenario", str(EXAMPLE), "--html", str(work / "c.html"), "--json", str(work / "c.json")], {"c.html", "c.json"}, {}, False),
                    (["xapi", "statements", str(target), "--scenario", str(EXAMPLE), *rng.sample(["--send-name", "--send-reflections"], rng.randint(0, 2))], set(), {}, False),
                ]
                if rng.random() < 0.3:
                    mode, extra = more.lrs_jobs(rng, servers, target, work, EXAMPLE)
                    what += f", LRS {mode}"
                    jobs += extra
            elif pick < 0.8:
                if rng.random() < 0.5:
                    target, what = store_mutant(rng, work, store_base)
                else:
                    target, what = more.old_store_mutant(rng, work, store_base, store_mutant)
                jobs = [
                    (["xapi", "outbox"], {"data"}, {}, False),
                    (["xapi", "push", "--endpoint", "http://127.0.0.1:9/xapi/", "--username", "u", "--password", "p", "--timeout", "2", "--scenario", str(EXAMPLE)], {"data"}, {}, False),
                    (["store", str(target)], {"data"}, {}, False),
                ]
            elif pick < 0.9:
                target, what = more.settings_mutant(rng, work, odd_kind, mutate_bytes)
                jobs = more.settings_jobs(rng, target)
            else:
                target, what = more.art_mutant(rng, work, mutate_bytes, odd_kind)
                jobs = more.art_jobs(rng, target, work, EXAMPLE)
            for argv, allowed, env, window in jobs:
                before = listing(work)
                job = {"argv": argv, "cwd": str(work), "data": str(data), "env": env}
                result = run_window(job, args.timeout * 6) if window else worker_.run(job, args.timeout)
                if result is not None:
                    result["argv0"] = argv[0]
                outcome = judge(result, before, listing(work), allowed | {"data/crash-logs"} if argv[0] != "store" else allowed)
                counts[(argv[0], outcome)] += 1
                if not outcome.startswith("ok"):
                    name = f"{len(failures):04d}-{argv[0]}-{outcome}"
                    saved = keep / name
                    shutil.copytree(work, saved, symlinks=True, ignore_dangling_symlinks=True, dirs_exist_ok=True, ignore=only_plain)
                    (saved / "WHAT.txt").write_text(f"{what}\n{argv}\n{json.dumps(result, indent=1) if result else 'no answer within the timeout'}\n")
                    failures.append(f"{name}: {what}: {' '.join(argv)[:200]}")
                    print(f"FAIL {name}: {what}", flush=True)
            shutil.rmtree(work, ignore_errors=True)
    finally:
        worker_.stop()
        servers.close()
        shutil.rmtree(base_dir, ignore_errors=True)
    elapsed = time.monotonic() - started
    runs = sum(counts.values())
    print(f"\n{mutants} mutants, {runs} command runs in {elapsed:.0f} s (seed {args.seed})")
    for command in sorted({c for c, _ in counts}):
        parts = ", ".join(f"{o} {n}" for (c, o), n in sorted(counts.items()) if c == command)
        print(f"  {command:9} {parts}")
    print(f"{len(failures)} failures" + (f", kept under {keep}" if failures else ""))
    for line in failures[:50]:
        print(f"  {line}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--count", type=int, help="stop after this many mutants")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000, help="the campaign's seed (printed; default from the clock)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a command may take before it counts as a hang")
    parser.add_argument("--keep", default=str(Path(tempfile.gettempdir()) / "doorstep-fuzz-failures"), help="where failing mutants are kept")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0
    return campaign(args)


if __name__ == "__main__":
    raise SystemExit(main())
