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
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

from fuzz_mutants import (  # noqa: E402
    EXAMPLE,
    FROM,
    SETS,
    T0,
    base_record,
    base_store,
    mutate_bytes,
    mutate_structured,  # noqa: F401 - tests/test_fuzz.py reads every mutator through this module
    odd_kind,
    one_file,
    record_mutant,
    scenario_mutant,
    store_mutant,
)


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
                if job["argv"][0] == "store":
                    code = probe_store(job["argv"][1])
                elif job["argv"][0] in ("loaders", "recover"):  # the window's own readers of a trainee's files, a workshop's start (fuzz_hostile_edits)
                    from fuzz_hostile_edits import probe_loaders, probe_recover

                    code = probe_loaders(*job["argv"][1:4]) if job["argv"][0] == "loaders" else probe_recover(*job["argv"][1:3])
                else:
                    code = main(job["argv"])
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


def process_env(data: object, env: dict[str, str]) -> dict[str, str]:
    """The environment of ``doorstep`` run as a process: SDL's dummy driver, this checkout, its own data folder, and the installed command's behaviour (crash log and all)."""
    full = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(PROJECT), "DOORSTEP_DATA_DIR": str(data), **env}
    full.pop("DOORSTEP_RAISE", None)
    return full


def answer(done: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    """A finished process as the worker reports a job: its exit code, the ends of its output, and a traceback if it printed one."""
    err = done.stderr.decode("utf-8", "replace")
    return {"code": done.returncode, "out": done.stdout.decode("utf-8", "replace")[-3000:], "err": err[-3000:], "exc": err[-6000:] if "Traceback" in err else ""}


def run_window(job: dict[str, object], timeout: float) -> dict[str, object] | None:
    """A window job (SDL's dummy driver) in a process of its own: the exit code and output, or None for a hang."""
    env = process_env(job["data"], job.get("env", {}))  # type: ignore[arg-type]
    try:
        done = subprocess.run([sys.executable, "-m", "simulator", *job["argv"]], cwd=str(job["cwd"]), env=env, capture_output=True, timeout=timeout, start_new_session=True)  # type: ignore[list-item]
    except subprocess.TimeoutExpired:
        return None
    return answer(done)


ONE_LINE = {"xapi", "cohort", "new", "schema"}  # commands with no diagnostics list: a refusal is one line


# -- the campaign ---------------------------------------------------------------------------
def only_plain(folder: str, names: list[str]) -> set[str]:
    """For copytree: leave out FIFOs, devices and sockets (copying a FIFO waits for a writer for ever), and files over 64 MB (a sparse giant)."""
    odd = set()
    for name in names:
        with contextlib.suppress(OSError):
            mode = os.lstat(os.path.join(folder, name)).st_mode
            size = os.lstat(os.path.join(folder, name)).st_size
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)) or (stat.S_ISREG(mode) and size > 64 << 20):
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


def run_judged(run: Callable[[dict[str, object], float], dict[str, object] | None], timeout: float, argv: list[str], work: Path, data: Path, allowed: set[str], env: dict[str, str] | None = None) -> tuple[dict[str, object] | None, str]:
    """One command run by ``run`` (:meth:`Worker.run`, :func:`run_window`) in ``work`` with its own data folder, and its outcome (:func:`judge`).

    Besides what ``allowed`` names, a command may write a crash log (judged on
    its own) and the scenario load cache (simulator/scenario/cache.py) in its
    data folder; the store's own reads (``store``) may write neither.
    """
    before = listing(work)
    result = run({"argv": argv, "cwd": str(work), "data": str(data), "env": env or {}}, timeout)
    if result is not None:
        result["argv0"] = argv[0]
    return result, judge(result, before, listing(work), allowed | {"data/crash-logs", "data/cache"} if argv[0] != "store" else allowed)


def mutant_folders(args: argparse.Namespace, prefix: str) -> Iterator[tuple[Path, Path]]:
    """A fresh folder for each mutant, and its data folder, until ``--minutes`` have passed or ``--count`` mutants were made; each is removed once its mutant is done."""
    deadline = time.monotonic() + args.minutes * 60
    made = 0
    while time.monotonic() < deadline and (args.count is None or made < args.count):
        made += 1
        work = Path(tempfile.mkdtemp(prefix=prefix))
        (work / "data").mkdir()
        try:
            yield work, work / "data"
        finally:
            shutil.rmtree(work, ignore_errors=True)


class Failures:
    """A campaign's failing mutants: each kept under ``keep`` with WHAT.txt (what it was, the command, what came back), and listed at the end."""

    def __init__(self, keep: Path) -> None:
        self.keep = keep
        self.lines: list[str] = []

    def add(self, work: Path, what: str, argv: list[str], outcome: str, result: dict[str, object] | None) -> None:
        name = f"{len(self.lines):04d}-{argv[0][:12]}-{outcome}"
        saved = self.keep / name
        shutil.copytree(work, saved, symlinks=True, ignore_dangling_symlinks=True, dirs_exist_ok=True, ignore=only_plain)
        (saved / "WHAT.txt").write_text(f"{what}\n{argv!r}\n{json.dumps(result, indent=1) if result else 'no answer within the timeout'}\n", errors="replace")
        self.lines.append(f"{name}: {what[:120]}: {' '.join(argv)[:160]!r}")
        print(f"FAIL {name}: {what[:120]}", flush=True)

    def summary(self, headline: str, counts: Counter[tuple[str, str]]) -> int:
        """Print the headline, the outcomes counted by command (or kind), and the failures; 1 if there were any, else 0."""
        print(f"\n{headline}")
        width = max((len(k) for k, _ in counts), default=0)
        for key in sorted({k for k, _ in counts}):
            print(f"  {key:{width}} " + ", ".join(f"{o} {n}" for (k, o), n in sorted(counts.items()) if k == key))
        print(f"{len(self.lines)} failures" + (f", kept under {self.keep}" if self.lines else ""))
        for line in self.lines[:60]:
            print(f"  {line}")
        return 1 if self.lines else 0


class Run:
    """What a campaign holds for its whole run: its seeded chooser, outcome counts, failures kept, the base record and
    store its mutants are made from, and the in-process worker (see :func:`campaign_run`)."""

    def __init__(self, args: argparse.Namespace, base: Path) -> None:
        self.rng = random.Random(args.seed)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.failures = Failures(Path(args.keep))
        self.base = base
        self.record = base_record(base)
        self.store = base_store(base / "store")
        self.worker = Worker()
        self.mutants = 0
        self.started = time.monotonic()

    def tally(self, kind: str, work: Path, what: str, results: list[tuple[list[str], str, dict[str, object] | None]], passing: tuple[str, ...] = ()) -> None:
        """Count each command's outcome under ``kind``; keep the mutant for each that failed (neither ok... nor in ``passing``)."""
        for argv, outcome, result in results:
            self.counts[(kind or argv[0], outcome)] += 1
            if not outcome.startswith("ok") and outcome not in passing:
                self.failures.add(work, what, argv, outcome, result)

    def summary(self, headline: str) -> int:
        return self.failures.summary(f"{self.mutants} mutants, {sum(self.counts.values())} command runs in {time.monotonic() - self.started:.0f} s ({headline})", self.counts)


@contextlib.contextmanager
def campaign_run(args: argparse.Namespace, name: str) -> Iterator[Run]:
    """A campaign's :class:`Run`; its worker stopped and its base folder removed however the campaign ends."""
    base = Path(tempfile.mkdtemp(prefix=f"doorstep-{name}-base-"))
    run = None
    try:
        run = Run(args, base)
        yield run
    finally:
        if run is not None:
            run.worker.stop()
        shutil.rmtree(base, ignore_errors=True)


def options(description: str, keep: str, timeout: str) -> argparse.ArgumentParser:
    """The options every campaign takes: how long, how many, which seed, the timeout, where failures are kept."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--count", type=int, help="stop after this many mutants")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000, help="the campaign's seed (printed; default from the clock)")
    parser.add_argument("--timeout", type=float, default=10.0, help=timeout)
    parser.add_argument("--keep", default=str(Path(tempfile.gettempdir()) / keep), help="where failing mutants are kept")
    return parser


def campaign(args: argparse.Namespace) -> int:
    import fuzz_more as more

    servers = more.Servers()
    with campaign_run(args, "fuzz") as run:
        rng, record_bytes, store_base = run.rng, run.record.read_bytes(), run.store
        try:
            for work, data in mutant_folders(args, "doorstep-fuzz-"):
                run.mutants += 1
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
                judged = []
                for argv, allowed, env, window in jobs:
                    result, outcome = run_judged(run_window if window else run.worker.run, args.timeout * (6 if window else 1), argv, work, data, allowed, env)
                    judged.append((argv, outcome, result))
                run.tally("", work, what, judged)
        finally:
            servers.close()
    return run.summary(f"seed {args.seed}")


def main() -> int:
    parser = options(__doc__.splitlines()[0], "doorstep-fuzz-failures", "seconds a command may take before it counts as a hang")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0
    return campaign(args)


if __name__ == "__main__":
    raise SystemExit(main())
