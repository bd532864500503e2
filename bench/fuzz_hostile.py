"""The fourth campaign: kinds of hostile input the first three never tried, against every command.

Usage: nice -n 10 python bench/fuzz_hostile.py [--minutes 10 | --count N] [--seed N] [--only KIND] [--timeout 10]

The mutants (:mod:`fuzz_hostile_kinds`, :mod:`fuzz_hostile_state`) are of
fifteen kinds: **encoding** (whole files in UTF-16/32, Latin-1, cp1252; NULs,
raw surrogates, overlong bytes, NEL and line separators inside; ids renamed
to emoji, right-to-left or combining text), **yaml11** (``yes``/``no``/
``on``/``off``, ``~``, dates, timestamps, sexagesimal and underscored
numbers as values and keys; ``!!python`` tags and merge keys typed by hand;
tabs; a line of megabytes; many lines, documents, directives), **files**
(folders linking to themselves, their parent or ``/``; sockets, ``/proc``
files and sparse giants in place of episodes; thousands of files; names that
are not UTF-8; unreadable files under an unprivileged user), **paths** (the
case in folders named with spaces, newlines, dashes, undecodable bytes, 40
deep; named relatively, through links; run from a folder that was removed),
**race** (a file rewritten while it is read; plays writing one store at
once), **state** (the store locked by another program, read-only, under a
file-size limit, its ``-wal``/``-shm``/``-journal``, backups, cache or
crash-log folder odd), **cli** (numbers no one should type, options given
twice, unknown flags, ``--set`` in other scripts, quickargs' own command
lines), **env** (time zones, locales, Doorstep's own variables and the LRS's
set to values no one should set), **clobber** (an output named as one of the command's inputs, or
the saved playthroughs), and, of files a person edits by hand (:mod:`fuzz_hostile_edits`): **record**
(records and exports edited as JSON: steps out of order, another case's ids, a foreign scenario, odd
seeds and formats, the stored clock and scores), **config** (settings.json, lrs.json, places.json and
a cohort file with keys twice, of the wrong shape, odd numbers and look-alike keys, under the xapi
commands and the window's own loaders), **sqlite** (stores of another shape or format), **numbers**
(a file's numbers in odd YAML forms), **aliases** (anchors, aliases and merge keys at each kind of
place in an episode) and **workshop** (workshops a dead process left running, their summaries edited and
signed again, under the next workshop's recovery).

A failure: a traceback, a crash log, a hang past the timeout, an exit code
other than 0, 1 or 2, a refusal over more than one line where one line is
the rule, a file the user had changed or removed, fewer saved playthroughs
after than before, a file written that was not asked for, or output holding
a raw control character or direction override (a name or text from a file
steering the terminal). Failing mutants
are kept under ``--keep`` with WHAT.txt. Prints counts by kind and outcome.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

import fuzz_hostile_edits as edits  # noqa: E402
import fuzz_hostile_kinds as kinds  # noqa: E402
import fuzz_hostile_state as state  # noqa: E402
from fuzz_campaign import Worker, answer, campaign_run, judge, listing, mutant_folders, options, process_env  # noqa: E402
from fuzz_places import can_unshare  # noqa: E402
from fuzz_shapes import one_line, rows_in  # noqa: E402

RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
KINDS = ["encoding", "yaml11", "files", "paths", "race", "state", "cli", "env", "clobber", *edits.MAKERS]
WEIGHTS = [4, 4, 3, 2, 2, 3, 3, 2, 1, *[3] * len(edits.MAKERS)]  # the hand-edited kinds (fuzz_hostile_edits) alike


def make(kind: str, rng: random.Random, work: Path, record: Path, store: Path, mounts: bool) -> kinds.Mutant:
    if kind == "encoding":
        roll = rng.random()
        return kinds.encoding_mutant(rng, work) if roll < 0.7 else kinds.reencode_record(rng, work, record) if roll < 0.85 else kinds.reencode_settings(rng, work)
    if kind == "yaml11":
        return kinds.yaml11_mutant(rng, work)
    if kind == "files":
        return kinds.files_mutant(rng, work)
    if kind == "paths":
        return kinds.path_mutant(rng, work)
    if kind == "race":
        return state.race_mutant(rng, work, record, store)
    if kind == "state":
        return state.state_mutant(rng, work, store, mounts)
    if kind == "cli":
        return state.cli_mutant(rng, work, record)
    if kind == "env":
        return state.env_mutant(rng, work, record)
    if kind in edits.MAKERS:
        return edits.MAKERS[kind](rng, work, record, store)
    return state.clobber_mutant(rng, work, record, store)


# -- running a job as a process ----------------------------------------------------------------------
def command(job: kinds.Job) -> list[str]:
    """``doorstep ARGV`` as a process, with what the job needs around it: a mount namespace, a file-size limit, another user, a removed folder."""
    run = [sys.executable, "-m", "simulator", *job.argv]
    if job.nobody:
        run = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", *run]
    if job.homeless:  # a uid the user database does not know: Python cannot expand ~
        unset = ["-u", "HOME", "-u", "XDG_DATA_HOME", "-u", "XDG_CONFIG_HOME"] + ["-u", "DOORSTEP_DATA_DIR"] * ("DOORSTEP_DATA_DIR" not in job.env)
        run = ["env", *unset, "setpriv", "--reuid=54321", "--regid=54321", "--clear-groups", "--", *run]
    if job.fsize is not None:
        run = ["prlimit", f"--fsize={job.fsize}:{job.fsize}", "--", *run]
    first = " && ".join(part for part in (job.setup, job.shell_cwd if job.shell_cwd != "concurrent" else "") if part)
    if first:
        run = ["unshare", "-m"] * bool(job.setup) + ["sh", "-c", f'{first} || exit 97\nexec "$@"', "doorstep", *run]
    return run


def start(job: kinds.Job, work: Path, data: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(command(job), cwd=work, env=process_env(data, job.env), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    return proc


def finish(proc: subprocess.Popen[bytes], stdin: str, timeout: float) -> dict[str, object] | None:
    try:
        out, err = proc.communicate(stdin.encode("utf-8", "surrogateescape"), timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
        proc.communicate()
        return None
    return answer(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))


# -- what is around the jobs: a file rewritten, a store held locked ----------------------------------
class Rewriter:
    """Rewrite a file again and again while commands read it: cut short, garbage, swapped by a rename, removed and made again."""

    def __init__(self, target: Path, rng: random.Random) -> None:
        self.target, self.original = target, target.read_bytes()
        self.rng = random.Random(rng.random())
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        data, rng, target = self.original, self.rng, self.target
        while not self.stop.is_set():
            with contextlib.suppress(OSError):
                kind = rng.randrange(5)
                if kind == 0:
                    with open(target, "r+b") as handle:
                        handle.truncate(rng.randrange(len(data) + 1))
                elif kind == 1:
                    target.write_bytes(data[: rng.randrange(len(data) + 1)] + rng.randbytes(rng.randrange(64)))
                elif kind == 2:
                    tmp = target.with_name(target.name + ".swap")
                    tmp.write_bytes(data if rng.random() < 0.5 else data * 3)
                    os.replace(tmp, target)
                elif kind == 3:
                    target.unlink()
                    time.sleep(0.0005)
                    target.write_bytes(data)
                else:
                    target.write_bytes(data)
            time.sleep(rng.random() * 0.002)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.target.write_bytes(self.original)
        with contextlib.suppress(OSError):
            self.target.with_name(self.target.name + ".swap").unlink()


LOCKER = "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(600)\n"


@contextlib.contextmanager
def held(lock: Path | None):  # type: ignore[no-untyped-def]
    """The store held under an exclusive lock by another program while the jobs run."""
    if lock is None:
        yield
        return
    proc = subprocess.Popen([sys.executable, "-c", LOCKER, str(lock)], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout is not None
        proc.stdout.readline()
        yield
    finally:
        os.killpg(proc.pid, 9)
        proc.wait()


# -- judging -------------------------------------------------------------------------------------------
def fingerprint(work: Path) -> dict[str, str]:
    """Every plain file the user had under the work folder (not Doorstep's data folder), by its hash."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(work):
        rel = os.path.relpath(folder, work)
        if rel == "data" or rel.startswith("data" + os.sep):
            dirs[:] = []
            continue
        for name in files:
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if os.path.isfile(path) and not os.path.islink(path) and os.path.getsize(path) < (64 << 20):
                    with open(path, "rb", opener=lambda p, f: os.open(p, f | os.O_NONBLOCK)) as handle:
                        found[os.path.relpath(path, work)] = hashlib.sha1(handle.read()).hexdigest()
    return found


def lost(before: dict[str, str], after: dict[str, str], allowed: set[str], changes: set[str]) -> list[str]:
    def free(name: str) -> bool:
        return any(name == a or name.startswith(a + "/") for a in allowed | changes)

    return sorted(name for name, digest in before.items() if not free(name) and after.get(name) != digest)


def whole_lines(result: dict[str, object]) -> dict[str, object]:
    """The result with its standard error's first line dropped when the worker kept only the end of it (that line is cut)."""
    err = str(result["err"])
    return {**result, "err": err.split("\n", 1)[-1]} if len(err) >= 3000 else result


def verdict(job: kinds.Job, result: dict[str, object] | None, before: set[str], after: set[str], gone: list[str], changes: set[str]) -> str:
    allowed = job.allowed | changes | ({"data/crash-logs", "data/cache", "data"} if job.argv[:1] != ["store"] else set())
    outcome = judge(result, before, after, allowed)
    if result is not None and result["code"] == 97 and job.setup:
        return "no-namespace"
    if outcome.startswith("ok") and result is not None and not one_line(whole_lines(result)):
        return "many-lines"
    if outcome.startswith("ok") and result is not None and RAW.search(f"{result['out']}{result['err']}"):
        return "raw-control"  # a name or a text from the file reached the terminal with its escape codes or direction marks
    if gone and outcome.startswith("ok"):
        if result is not None:
            result["lost"] = gone[:20]
        return "lost-files"
    return outcome


def run_mutant(mutant: kinds.Mutant, rng: random.Random, work: Path, data: Path, worker: Worker, timeout: float) -> list[tuple[kinds.Job, str, dict[str, object] | None]]:
    results: list[tuple[kinds.Job, str, dict[str, object] | None]] = []
    rows = rows_in(data) if (data / "records.sqlite3").is_file() else -1
    rewriter = Rewriter(work / mutant.race if not mutant.race.is_absolute() else mutant.race, rng) if mutant.race else None
    try:
        with held(mutant.lock):
            together = [job for job in mutant.jobs if job.shell_cwd == "concurrent"]
            if together:
                before, prints = listing(work), fingerprint(work)
                procs = [(job, start(job, work, data)) for job in together]
                for job, proc in procs:
                    result = finish(proc, job.stdin, timeout * 3)
                    results.append((job, verdict(job, result, before, listing(work), lost(prints, fingerprint(work), job.allowed, mutant.changes), mutant.changes), result))
            for job in mutant.jobs:
                if job in together:
                    continue
                if any(outcome == "hang" for _, outcome, _ in results) and not job.process:
                    break
                before, prints = listing(work), fingerprint(work)
                if job.process:
                    try:
                        result = finish(start(job, work, data), job.stdin, timeout * 3)
                    except ValueError:  # an argument with a NUL byte cannot be given to a process at all
                        continue
                    except FileNotFoundError:  # no prlimit, setpriv or unshare on this machine
                        results.append((job, "no-tool", None))
                        continue
                else:
                    result = worker.run({"argv": job.argv, "cwd": str(work), "data": str(data), "env": job.env}, timeout)
                if result is not None:
                    result["argv0"] = job.argv[0] if job.argv else ""
                results.append((job, verdict(job, result, before, listing(work), lost(prints, fingerprint(work), job.allowed, mutant.changes), mutant.changes), result))
    finally:
        if rewriter is not None:
            rewriter.close()
    if rows >= 0 and rows_in(data) < rows:
        results.append((kinds.Job(["(store)"]), f"lost-store({rows}->{rows_in(data)})", None))
    return results


def campaign(args: argparse.Namespace) -> int:
    mounts = can_unshare()
    with campaign_run(args, "hostile") as run:
        for work, data in mutant_folders(args, "doorstep-hostile-"):
            run.mutants += 1
            kind = args.only or run.rng.choices(KINDS, weights=WEIGHTS)[0]
            try:
                mutant = make(kind, run.rng, work, run.record, run.store, mounts)
            except OSError as exc:  # a mutant this machine cannot make (a name the file system refuses...)
                run.counts[(kind, f"unmade-{type(exc).__name__}")] += 1
                continue
            results = run_mutant(mutant, run.rng, work, data, run.worker, args.timeout)
            with contextlib.suppress(OSError):  # a folder or file made unreadable must still be kept and removed
                for p in [work, *work.rglob("*")]:
                    if not p.is_symlink():
                        os.chmod(p, 0o755 if p.is_dir() else 0o644)
            run.tally(kind, work, mutant.what, [(job.argv, outcome, result) for job, outcome, result in results], passing=("no-namespace", "no-tool"))
    return run.summary(f"seed {args.seed}, mount namespace {'yes' if mounts else 'no'}")


def main() -> int:
    parser = options(__doc__.splitlines()[0], "doorstep-hostile-failures", "seconds an in-process command may take before it counts as a hang (processes: three times this)")
    parser.add_argument("--only", choices=KINDS, help="make mutants of this kind only")
    return campaign(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
