"""The third campaign: YAML shapes, JSON texts, SQLite values, odd places, command lines and streams.

Usage: python bench/fuzz_shapes.py [--minutes 10] [--seed N] [--timeout 10] [--keep DIR]

What it makes (none of it is made by :mod:`fuzz_campaign`, :mod:`fuzz_more` or :mod:`fuzz_cache`):

- **shapes** (:mod:`fuzz_shape_ops`): a scenario's manifest, an episode, an
  evidence file or the art catalog edited as a YAML node graph (anchors and a
  billion laughs, merge keys, a node holding itself, tags, keys twice or of
  the wrong kind, YAML's infinities and NaN, Unicode that hides or reorders,
  ids colliding after case folding or normalisation, routes that loop, paths
  doubling at each node, conditions at the grammar's edges), under validate,
  info, analyze (and --spread), graph, text auto play, report on its record,
  and now and then the window's auto play;
- **texts**: a record written as JSON text no encoder makes (a key twice,
  NaN, Infinity, 1e309, escaped lone surrogates, a BOM, ``-0``), under report,
  cohort and xapi statements;
- **values**: a store whose cells are changed at the SQLite level to values of
  another storage class (text that is not UTF-8, blobs, 2**63-1, reals,
  empty), or rows copied, under xapi outbox and the store's own reads;
- **places**, **argv**, **streams** (:mod:`fuzz_places`): Doorstep's folders in
  odd places (a FIFO, a symlink loop, a read-only mount, a full tmpfs holding
  a store that must keep every playthrough), command lines with one hostile
  argument, output to /dev/full or an ASCII locale. These run as processes.

A failure is a traceback, a crash log, a hang past ``--timeout``, an exit
code other than 0, 1 or 2, a refusal over more than one line where one line
is the rule, or (full disk) a store that lost a playthrough. Failing mutants
are kept under ``--keep`` with WHAT.txt. Prints counts by kind and outcome.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

import fuzz_places as places  # noqa: E402
from fuzz_campaign import answer, campaign_run, judge, mutant_folders, options, process_env, run_judged  # noqa: E402
from fuzz_mutants import EXAMPLE  # noqa: E402
from fuzz_shape_ops import mutate_yaml  # noqa: E402

SOURCES = [EXAMPLE, PROJECT / "scenarios" / "jay-residential", PROJECT / "scenarios" / "campbell-care-act"]
JSON_TEXT = ['"\\ud800"', '"\\udfff\\ud800"', "NaN", "Infinity", "-Infinity", "1e309", "-0", "1E400", "0.0000000000000000000001", "123456789012345678901234567890",
             '"\\u0000"', '"\\u202e"', "[" * 3000 + "]" * 3000, '{"a":1,"a":2}', "true", "null", '""']  # fmt: skip
CELLS = ["CAST(X'FFFE80' AS TEXT)", "X'00FF'", "9223372036854775807", "-9223372036854775808", "1e308", "-1", "0", "''", "' '", "'\u202e'", "zeroblob(10)",
         "CAST(X'C080' AS TEXT)", "'[]'", "'{}'", "'null'", "'2026-99-99T99:99:99+00:00'", "printf('%.*c', 200000, 'x')"]  # fmt: skip


def yaml_mutant(rng: random.Random, work: Path) -> tuple[Path, str]:
    source = rng.choices(SOURCES, weights=[6, 2, 2])[0]
    root = work / "case"
    shutil.copytree(source, root / "scenario", symlinks=True)
    shutil.copytree(PROJECT / "seeds", root / "seeds")
    manifest = root / "scenario" / "scenario.yaml"
    manifest.write_bytes(manifest.read_bytes().replace(b"evidence: ../../../seeds", b"evidence: ../seeds").replace(b"evidence: ../../seeds", b"evidence: ../seeds"))
    pools = {
        "episode": sorted((root / "scenario" / "episodes").glob("*.yaml")),
        "manifest": [manifest],
        "evidence": sorted((root / "seeds").glob("*.yaml")) + sorted((root / "scenario").glob("evidence/*.yaml")),
        "art": sorted((root / "scenario").glob("art/art.yaml")) or [manifest],
    }
    kind = rng.choices(list(pools), weights=[6, 3, 2, 1])[0]
    target = rng.choice(pools[kind] or [manifest])
    data, what = mutate_yaml(rng, target.read_bytes())
    target.write_bytes(data)
    return root / "scenario", f"shapes {source.name}:{target.name} {what}"


def record_text_mutant(rng: random.Random, work: Path, base: bytes) -> tuple[Path, str]:
    """The record as JSON text with a value no encoder writes put in place of a value, or a key written twice."""
    text = base.decode()
    spots = [i for i, c in enumerate(text) if c == ":"]
    for _ in range(rng.randint(1, 3)):
        at = rng.choice(spots)
        end = at + 1
        depth = 0
        while end < len(text) and not (depth == 0 and text[end] in ",}]"):
            depth += text[end] in "[{"
            depth -= text[end] in "]}"
            end += 1
        if rng.random() < 0.25:  # the same key again, later, with a hostile value
            start = text.rfind(",", 0, at) + 1 or text.rfind("{", 0, at) + 1
            key = text[start:at].strip(" {,")
            text = text[:end] + f", {key}: {rng.choice(JSON_TEXT)}" + text[end:]
        else:
            text = text[: at + 1] + " " + rng.choice(JSON_TEXT) + text[end:]
        spots = [i for i, c in enumerate(text) if c == ":"][:5000]
    if rng.random() < 0.1:
        text = "\ufeff" + text
    path = work / "record.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path, "texts record"


def store_copy(work: Path, base: Path) -> tuple[Path, sqlite3.Connection]:
    """The base store copied into the mutant's data folder, and a connection to the copy in autocommit (each edit is kept as made)."""
    folder = work / "data"
    shutil.copytree(base.parent, folder, dirs_exist_ok=True)
    path = folder / base.name
    return path, sqlite3.connect(path, isolation_level=None)


def store_value_mutant(rng: random.Random, work: Path, base: Path) -> tuple[Path, str]:
    """The store with a few cells set to values of another storage class, or rows copied, by SQL (checksums not redone)."""
    path, conn = store_copy(work, base)
    done = []
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for _ in range(rng.randint(1, 3)):
            table = rng.choice(tables)
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            if rng.random() < 0.15:
                sql = f"INSERT OR IGNORE INTO {table} SELECT * FROM {table} ORDER BY random() LIMIT 1"
            else:
                sql = f"UPDATE OR IGNORE {table} SET {rng.choice(cols)} = {rng.choice(CELLS)} WHERE rowid IN (SELECT rowid FROM {table} ORDER BY random() LIMIT {rng.choice([1, 1, 100])})"
            try:
                conn.execute("PRAGMA ignore_check_constraints = 1")
                conn.execute(sql)
                done.append(sql[:90])
            except sqlite3.Error as exc:
                done.append(f"({exc})")
    finally:
        conn.close()
    return path, "values " + " ; ".join(done)


RESIGN = {"steps": ["step", "action"], "records": ["record", "finished_at"], "reflections": ["text", "prompt_id", "saved_at"],
          "playthroughs": ["seed", "mode", "player_name", "ending", "status", "scenario_id", "started_at", "updated_at"]}  # fmt: skip


def resigned_store_mutant(rng: random.Random, work: Path, base: Path) -> tuple[Path, str]:
    """The store with a row's content edited (its JSON mutated, or a value of another kind) and every checksum and chain redone.

    What someone with a SQLite editor and Doorstep's source could write: the checksums vouch for it, so
    the readers behind them (replay, export, records, the outbox) meet it.
    """
    from fuzz_mutants import HOSTILE_JSON, mutate_json

    from simulator import strictjson
    from simulator.records.storefile import COLUMNS, chain, checksum

    path, conn = store_copy(work, base)
    done = []
    try:
        for _ in range(rng.randint(1, 3)):
            table = rng.choice(list(RESIGN))
            column = rng.choice(RESIGN[table])
            rows = conn.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
            if not rows:
                continue
            rowid, value = rng.choice(rows)
            try:
                parsed = strictjson.loads(value) if isinstance(value, str) and value[:1] in "[{" else None
            except strictjson.JSONRefused:
                parsed = None
            if parsed is not None and rng.random() < 0.8:
                new: object = json.dumps(mutate_json(rng, parsed))
            else:
                new = rng.choice([*HOSTILE_JSON[:9], "\u202e", "x" * 5000, "2026-13-45T25:61:00+00:00", "9999-12-31T23:59:59+14:00", "@" + "9" * 30])
                new = json.dumps(new) if isinstance(new, (list, dict)) else new
            try:
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (new if not isinstance(new, int) or abs(new) < 2**63 else str(new), rowid))
                done.append(f"{table}.{column}")
            except (sqlite3.Error, OverflowError, UnicodeEncodeError) as exc:
                done.append(f"({exc})")
        for table in ("steps", "reflections", "records", "outbox", "workshops"):
            for rowid, *values in conn.execute(f"SELECT rowid, {', '.join(COLUMNS[table])} FROM {table}").fetchall():
                with contextlib.suppress(TypeError, ValueError):
                    conn.execute(f"UPDATE {table} SET checksum = ? WHERE rowid = ?", (checksum(table, values), rowid))
        for (pid,) in conn.execute("SELECT id FROM playthroughs").fetchall():
            steps = [r[0] for r in conn.execute("SELECT checksum FROM steps WHERE playthrough_id = ? ORDER BY idx", (pid,))]
            notes = [r[0] for r in conn.execute("SELECT checksum FROM reflections WHERE playthrough_id = ? ORDER BY id", (pid,))]
            conn.execute("UPDATE playthroughs SET step_count = ?, step_head = ?, reflection_count = ?, reflection_head = ? WHERE id = ?",
                         (len(steps), chain(steps), len(notes), chain(notes), pid))  # fmt: skip
            values = conn.execute(f"SELECT {', '.join(COLUMNS['playthroughs'])} FROM playthroughs WHERE id = ?", (pid,)).fetchone()
            with contextlib.suppress(TypeError, ValueError):
                conn.execute("UPDATE playthroughs SET checksum = ? WHERE id = ?", (checksum("playthroughs", values), pid))
    finally:
        conn.close()
    return path, "resigned " + " ".join(done)


def run_process(argv: list[str], env: dict[str, str], setup: str, stdin: str, cwd: Path, data: Path, timeout: float, redirect: str = "", rows: Path | None = None) -> dict[str, object] | None:
    """``doorstep ARGV`` as a process (in a mount namespace after SETUP when given); None for a hang."""
    full = process_env(data, env)
    run = f"{shlex.quote(sys.executable)} -m simulator \"$@\" {redirect}"
    script = f"{setup} || exit 97\n{run}\nrc=$?\n" if setup else f"{run}\nrc=$?\n"
    if rows is not None:  # count what the full disk's store still holds, inside the namespace, before the tmpfs goes
        script += f"{shlex.quote(sys.executable)} -c {shlex.quote(COUNT)} {shlex.quote(full['DOORSTEP_DATA_DIR'])} > {shlex.quote(str(rows))}\n"
    script += "exit $rc\n"
    command = ["unshare", "-m", "sh", "-c", script, "doorstep", *argv] if setup else ["sh", "-c", script, "doorstep", *argv]
    try:
        done = subprocess.run(command, cwd=cwd, env=full, input=stdin.encode(), capture_output=True, timeout=timeout, start_new_session=True)
    except subprocess.TimeoutExpired:
        return None
    return answer(done)


COUNT = """import shutil, sqlite3, sys, pathlib, tempfile
best = -1
for p in pathlib.Path(sys.argv[1]).rglob('*'):
    if not p.is_file() or p.name.endswith(('-wal', '-shm', '-journal')):
        continue
    copy = pathlib.Path(tempfile.mkdtemp()) / 'copy.sqlite3'
    try:
        shutil.copy(p, copy)
        if pathlib.Path(f'{p}-wal').is_file():
            shutil.copy(f'{p}-wal', f'{copy}-wal')
        c = sqlite3.connect(copy); best = max(best, c.execute('SELECT count(*) FROM playthroughs').fetchone()[0]); c.close()
    except Exception:
        pass
    shutil.rmtree(copy.parent, ignore_errors=True)
print(best)"""


DIAGNOSTIC = re.compile(r"\S.*?(:\d+:\d+)?: (error|warning) [A-Z]\d{3} ")  # a located problem in a scenario: validate's list, which may be long


def rows_in(folder: Path) -> int:
    """The most playthroughs any SQLite file under ``folder`` holds (copied first, so reading changes nothing); -1 for none."""
    found: dict[str, int] = {}
    exec(COUNT.replace("print(best)", "found['n'] = best").replace("sys.argv[1]", repr(str(folder))), {"found": found})  # our own text, with the folder in it
    return found["n"]


def one_line(result: dict[str, object]) -> bool:
    """A refusal (exit 1 or 2) says itself in one line on stderr (usage errors: argparse's usage line and one message)."""
    lines = [ln for ln in str(result["err"]).splitlines() if ln.strip() and not ln.startswith("usage:") and not ln.startswith("  ") and not DIAGNOSTIC.match(ln)]
    return result["code"] == 0 or len(lines) <= 1


def campaign(args: argparse.Namespace) -> int:
    mounts = places.can_unshare()
    with campaign_run(args, "shapes") as run:
        rng, record_path, store, worker = run.rng, run.record, run.store, run.worker
        record_bytes = record_path.read_bytes()
        for work, data in mutant_folders(args, "doorstep-shapes-"):
            run.mutants += 1
            pick = rng.random() if args.only is None else {"shapes": 0.0, "texts": 0.6, "values": 0.7, "places": 0.8, "argv": 0.9, "streams": 0.95}[args.only]
            inproc: list[tuple[list[str], set[str]]] = []
            procs: list[tuple[places.Job, str]] = []
            keep_store: Path | None = None
            if pick < 0.55:
                target, what = yaml_mutant(rng, work)
                t = str(target)
                inproc = [(["validate", t], set()), (["info", t, "--json"], set()), (["analyze", t], set()), (["graph", t, "--format", rng.choice(["dot", "mermaid"])], set()),
                          (["play", t, "--text", "--auto", rng.choice(["enabler", "barrier", "random"]), "--seed", str(rng.randrange(99)), "--record", str(work / "out.json")], {"out.json"}),
                          (["report", str(work / "out.json"), "--scenario", t, "--html", str(work / "o.html")], {"o.html"}), (["analyze", t, "--spread", "5"], set())]  # fmt: skip
                if rng.random() < 0.05:
                    procs.append(((["play", t, "--auto", "random", "--speed", "0"], {}, "", ""), ""))
            elif pick < 0.65:
                target, what = record_text_mutant(rng, work, record_bytes)
                inproc = [(["report", str(target), "--scenario", str(EXAMPLE), "--html", str(work / "o.html"), "--json", str(work / "o.json")], {"o.html", "o.json"}),
                          (["cohort", str(target), "--scenario", str(EXAMPLE), "--json", str(work / "c.json")], {"c.json"}), (["xapi", "statements", str(target), "--scenario", str(EXAMPLE)], set())]  # fmt: skip
            elif pick < 0.75:
                if rng.random() < 0.5:
                    target, what = store_value_mutant(rng, work, store)
                else:
                    target, what = resigned_store_mutant(rng, work, store)
                    procs.append(((["play", str(EXAMPLE), "--text"], {}, "", "1\n" * 40 + "s\n"), ""))  # the open playthrough resumed: its steps replayed
                inproc = [(["xapi", "outbox"], {"data"}), (["store", str(target)], {"data"}),
                          (["xapi", "push", "--endpoint", "http://127.0.0.1:9/xapi/", "--username", "u", "--password", "p", "--timeout", "1", "--scenario", str(EXAMPLE)], {"data"})]  # fmt: skip
            elif pick < 0.87:
                what, jobs, keep_store = places.place_jobs(rng, work, EXAMPLE, store, mounts)
                shutil.copy(record_path, work / "r.json")
                procs = [(job, "") for job in rng.sample(jobs, min(len(jobs), 3))]
            elif pick < 0.94:
                what, job = places.argv_job(rng, work, EXAMPLE, record_path)
                procs = [(job, "")]
            else:
                what, job, redirect = places.stream_job(rng, work, EXAMPLE, record_path)
                procs = [(job, redirect)]
            results = []
            rows_before = rows_in(data) if what.startswith(("values", "resigned")) else None
            for argv, allowed in inproc:
                if any(outcome == "hang" for _, outcome, _ in results):  # the same mutant again would wait out the timeout again
                    break
                result, outcome = run_judged(worker.run, args.timeout, argv, work, data, allowed)
                results.append((argv, outcome, result))
            for (argv, env, setup, stdin), redirect in procs:
                rows = work / "rows.txt" if keep_store is not None else None
                result = run_process(argv, env, setup, stdin, work, data, args.timeout * 3, redirect, rows)
                outcome = judge(result, set(), set(), set())
                if result is not None and result["code"] == 97:
                    outcome = "no-namespace"
                elif outcome.startswith("ok") and result is not None and not one_line(result):
                    outcome = "many-lines"
                if rows is not None and rows.is_file() and int(rows.read_text().strip() or -1) < 4:
                    outcome = f"lost-store({rows.read_text().strip()})"
                results.append((argv, outcome, result))
            if rows_before is not None and rows_in(data) < rows_before:  # a bad read destroyed saved playthroughs
                results.append((["(store)"], f"lost-store({rows_before}->{rows_in(data)})", None))
            run.tally(what.split()[0], work, what, results)
    return run.summary(f"seed {args.seed}, mount namespace {'yes' if mounts else 'no'}")


def main() -> int:
    parser = options(__doc__.splitlines()[0], "doorstep-shapes-failures", "seconds an in-process command may take before it counts as a hang (processes: three times this)")
    parser.add_argument("--only", choices=["shapes", "texts", "values", "places", "argv", "streams"], help="make mutants of this kind only")
    return campaign(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
