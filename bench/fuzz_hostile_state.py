"""The fourth campaign's mutants of what Doorstep keeps and how it is asked: stores under strain, races, odd command lines, outputs onto inputs.

See :mod:`fuzz_hostile_kinds` for the list; this module makes the **race**,
**state**, **cli** and **clobber** kinds. Each maker takes a seeded
``random.Random``, the work folder and the campaign's base files (a record
and a store of four playthroughs) and returns a :class:`Mutant`.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from fuzz_hostile_kinds import EXAMPLE, Job, Mutant, copy_case, yaml_files
from fuzz_places import odd_at

ANSWERS = "\n" + "1\n" * 40 + "s\n"  # Enter to begin, the first option forty times, then save and step out
CLOSED = "http://127.0.0.1:9/xapi/"


def store_jobs(rng: random.Random, work: Path) -> list[Job]:
    """What touches the store: a trainee's text play (a process: it reads stdin), the outbox, a push to a closed port, and the store's own reads."""
    return [
        Job(["play", str(EXAMPLE), "--text"], {"data"}, process=True, stdin=ANSWERS),
        Job(["xapi", "outbox"], {"data"}),
        Job(["xapi", "push", "--endpoint", CLOSED, "--username", "u", "--password", "p", "--timeout", "1", "--scenario", str(EXAMPLE)], {"data"}),
        Job(["store", str(work / "data" / "records.sqlite3")], {"data"}),
    ]


def put_store(work: Path, base: Path) -> Path:
    data = work / "data"
    data.mkdir(exist_ok=True)
    shutil.copytree(base.parent, data, dirs_exist_ok=True)
    return data / base.name


# -- race ------------------------------------------------------------------------------------------
def race_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    roll = rng.random()
    if roll < 0.5:
        root = copy_case(rng, work)
        target = rng.choice(yaml_files(root))
        jobs = [Job(["validate", str(root)]), Job(["validate", str(target)]), Job(["info", str(root), "--json"]),
                Job(["play", str(root), "--text", "--auto", "random", "--record", str(work / "out.json")], {"out.json"})]  # fmt: skip
        name = str(target.relative_to(work))
        return Mutant(f"race {target.name}", jobs, race=target, changes={name, f"{name}.swap"})
    if roll < 0.75:
        target = work / "record.json"
        shutil.copy(record, target)
        jobs = [Job(["report", str(target), "--scenario", str(EXAMPLE), "--html", str(work / "o.html")], {"o.html"}),
                Job(["cohort", str(target), "--scenario", str(EXAMPLE), "--json", str(work / "c.json")], {"c.json"}),
                Job(["xapi", "statements", str(target), "--scenario", str(EXAMPLE)])]  # fmt: skip
        return Mutant("race record", jobs, race=target, changes={"record.json", "record.json.swap"})
    put_store(work, store)
    n = rng.choice([2, 3])
    jobs = [Job(["play", str(EXAMPLE), "--text"], {"data"}, process=True, stdin=ANSWERS) for _ in range(n)]
    if rng.random() < 0.5:
        jobs.append(Job(["xapi", "push", "--endpoint", CLOSED, "--username", "u", "--password", "p", "--timeout", "1", "--scenario", str(EXAMPLE)], {"data"}, process=True))
    for job in jobs:
        job.shell_cwd = "concurrent"  # run these at the same time
    return Mutant(f"race {n} plays at once", jobs)


# -- state -----------------------------------------------------------------------------------------
def state_mutant(rng: random.Random, work: Path, store: Path, mounts: bool) -> Mutant:
    path = put_store(work, store)
    data = path.parent
    kinds = ["locked", "locked", "fsize", "fsize", "fsize", "sidecar", "sidecar", "backups", "cache-odd", "crash-logs-odd", "store-odd"]
    if mounts:
        kinds += ["readonly-file", "readonly-file"]
    kind = rng.choice(kinds)
    jobs = store_jobs(rng, work)
    if kind == "locked":
        return Mutant("state locked", jobs, lock=path)
    if kind == "fsize":
        size = rng.choice([0, 1, 512, 4096, path.stat().st_size - 100, path.stat().st_size + 600, path.stat().st_size + 5000, 40_000])
        extra = [Job(["play", str(EXAMPLE), "--text", "--auto", "random", "--record", str(work / "r.json")], {"r.json"}),
                 Job(["report", str(work / "rec.json"), "--scenario", str(EXAMPLE), "--html", str(work / "o.html"), "--json", str(work / "o.json")], {"o.html", "o.json"}),
                 Job(["new", str(work / "mine")], {"mine"}), Job(["validate", str(EXAMPLE)]),
                 Job(["xapi", "setup", "--endpoint", "https://lrs.example/x/", "--username", "u", "--password", "p"], {"config"}, {"DOORSTEP_CONFIG_DIR": str(work / "config")})]  # fmt: skip
        chosen = [j for j in jobs if j.argv[0] != "store"] + rng.sample(extra, 3)
        for job in chosen:
            job.process, job.fsize = True, max(size, 0)
        return Mutant(f"state fsize {size}", chosen)
    if kind == "sidecar":
        side = Path(f"{path}{rng.choice(['-wal', '-shm', '-journal'])}")
        how = rng.choice(["folder", "fifo", "zero", "full", "garbage", "empty", "loop"])
        odd_at(side, how, rng)
        return Mutant(f"state {side.name.rsplit('-', 1)[1]} {how}", jobs)
    if kind == "backups":
        backups = data / "backups"
        shutil.rmtree(backups, ignore_errors=True)
        how = rng.choice(["file", "fifo", "garbage", "loop"])
        odd_at(backups, "folder" if how == "garbage" else how, rng)
        if how == "garbage":
            for i in range(rng.choice([1, 5, 40])):
                (backups / f"records-2026010{i % 9}T000000Z-{i}.sqlite3").write_bytes(rng.randbytes(rng.choice([0, 100, 5000])))
        return Mutant(f"state backups {how}", jobs)
    if kind in ("cache-odd", "crash-logs-odd"):
        name = "cache" if kind == "cache-odd" else "crash-logs"
        shutil.rmtree(data / name, ignore_errors=True)
        how = rng.choice(["file", "fifo", "loop", "null"])
        odd_at(data / name, how, rng)
        more = [Job(["validate", str(EXAMPLE)]), Job(["play", str(EXAMPLE), "--text", "--auto", "random"])]
        return Mutant(f"state {name} {how}", jobs + more)
    if kind == "store-odd":
        path.unlink()
        how = rng.choice(["folder", "fifo", "full", "null", "loop", "dangling"])
        odd_at(path, how, rng)
        return Mutant(f"state store {how}", jobs)
    setup = f"mount --bind {path} {path} && mount -o remount,bind,ro {path}"
    chosen = [j for j in jobs if j.argv[0] != "store"]
    for job in chosen:
        job.process, job.setup = True, setup
    return Mutant("state readonly-file", chosen)


# -- the command line -----------------------------------------------------------------------------
NUMBERS = ["0", "-1", "nan", "-nan", "inf", "-inf", "1e309", "-0", "1e-300", "", " ", "abc", "2" * 400, "-" + "9" * 30, "0x10", "1_000", "+5", "\u0665", "\uff15",
           "5 ", " 5", "5\n", "1e3", "0.5", "18446744073709551616", "-9223372036854775809", "\x00", "5\x00", "\u2212" + "1", "\U0001d7d3", "NaN", "Infinity"]  # fmt: skip
SETS = ["trust.dana=\u0664\u0660", "trust.dana=\uff14\uff10", "trust.dana= 40", "trust.dana=4_0", "trust.dana=0x10", "trust.dana=+40", "clock.time=\u0660\u0669:\u0660\u0660",
        "flag.unprepared=True", "flag.unprepared=on", "flag.unprepared=1", "score.tone=1e3", "trust.dana=40\n", "trust.dana=4\x000", "TRUST.dana=4", "trust.DANA=4",
        "trust.dana\u200b=4", "trust.dana=40=40", "clock.time=9:00", "clock.time=09:00:00", "clock.time=24:00", "clock.date=2026-02-29", "clock.day=-1",
        "flag.unprepared=", "trust.dana=-0", "trust.dana=1e-400", "score.tone=\u2212" + "1"]  # fmt: skip
REFUSED_SPEEDS = ["-1", "nan", "-nan", "inf", "-inf", "1e309", "", " ", "abc", "\x00", "NaN", "Infinity", "-" + "9" * 30, "\u2212" + "1"]
UNKNOWN = ["--frob", "-x", "--Seed", "--seed=", "---seed", "--text=1", "--json=yes", "-", "--", "--se", "-h=", "--help=x", "--version=1", "-\u2013seed", "\u2014seed"]


def cli_mutant(rng: random.Random, work: Path, record: Path) -> Mutant:
    ex, rec = str(EXAMPLE), str(record)
    kind = rng.choice(["speed", "seed", "spread", "timeout", "twice", "unknown", "set", "from", "quick"])
    value = rng.choice(NUMBERS)
    if kind == "speed":
        jobs = [Job(["play", ex, "--text", "--auto", "random", "--speed", value])]
        if rng.random() < 0.15:  # the window: only values it must refuse (a valid slow pace would play for minutes)
            jobs.append(Job(["play", ex, "--auto", "enabler", "--speed", rng.choice(REFUSED_SPEEDS)], {"data"}, process=True))
    elif kind == "seed":
        jobs = [Job(["play", ex, "--text", "--auto", "random", "--seed", value]), Job(["analyze", ex, "--spread", "3", "--first-seed", value]), Job(["analyze", ex, "--spread", "2", "--policy", "random", "--first-seed", value, "--json"])]
    elif kind == "spread":
        jobs = [Job(["analyze", ex, "--spread", value])]
    elif kind == "timeout":
        jobs = [Job(["xapi", "push", rec, "--scenario", ex, "--endpoint", CLOSED, "--username", "u", "--password", "p", "--timeout", value]),
                Job(["cohort", rec, "--scenario", ex, "--endpoint", CLOSED, "--username", "u", "--password", "p", "--timeout", value, "--json", str(work / "c.json")], {"c.json"}),
                Job(["xapi", "setup", "--endpoint", CLOSED, "--username", "u", "--password", "p", "--check", "--timeout", value], {"config"}, {"DOORSTEP_CONFIG_DIR": str(work / "config")})]  # fmt: skip
    elif kind == "twice":
        jobs = [Job(["play", ex, "--text", "--auto", "random", "--seed", "1", "--seed", value]), Job(["graph", ex, "--format", "dot", "--format", "mermaid"]),
                Job(["play", ex, "--text", "--auto", "random", "--record", str(work / "a.json"), "--record", str(work / "b.json")], {"a.json", "b.json"}),
                Job(["info", ex, "--json", "--json"]), Job(["validate", ex, ex, ex]), Job(["report", rec, "--scenario", ex, "--scenario", ex, "--json", str(work / "o.json")], {"o.json"}),
                Job(["play", ex, "--text", "--auto", "enabler", "--auto", "barrier"])]  # fmt: skip
        jobs = rng.sample(jobs, 3)
    elif kind == "unknown":
        flag = rng.choice(UNKNOWN)
        base = rng.choice([["validate", ex], ["play", ex], ["play", ex, "--text", "--auto", "random"], ["info", ex], ["report", rec, "--scenario", ex, "--json", str(work / "o.json")], ["xapi", "outbox"], ["analyze", ex], ["new", str(work / "n")], ["schema"], []])
        at = rng.randrange(len(base) + 1)
        jobs = [Job([*base[:at], flag, *base[at:]], {"o.json", "n"})]
        if rng.random() < 0.5:
            jobs.append(Job([*base[:at], flag, value, *base[at:]], {"o.json", "n"}))
    elif kind == "set":
        sets = [a for s in rng.sample(SETS, rng.randint(1, 3)) for a in ("--set", s)]
        jobs = [Job(["play", ex, "--text", "--auto", rng.choice(["random", "enabler"]), *sets]), Job(["play", ex, "--text", "--auto", "barrier", "--from", "doorstep.door", *sets])]
    elif kind == "from":
        start = rng.choice(["DOORSTEP.DOOR", "doorstep.door\u200b", " doorstep.door", "doorstep..door", "doorstep.door.extra", "prepare", "prepare.", "doorstep/door", "doorstep:door", "*", "doorstep.*", "\u0000", "doorstep.door\n"])
        jobs = [Job(["play", ex, "--text", "--auto", "random", "--from", start]), Job(["play", ex, "--text", "--from", start], process=True, stdin=ANSWERS)]
    else:  # the command lines quickargs reads without argparse
        jobs = [Job(rng.choice([["validate", "--", ex], ["validate", "--", "-x"], ["play", ex, "extra"], ["validate", ex, "--format"], ["play", "-"], ["validate", ""], ["play", ""],
                                ["validate", *[ex] * 300], ["validate", ex, "--strict", "--strict"], ["play", "--", ex, "--text"], ["validate", "-"], ["validate", ex, "-"],
                                ["play", ex, "--text", "--text", "--auto", "random"], ["validate", "--format=json", ex], ["validate", "--notes=1", ex]]))]  # fmt: skip
        for job in jobs:
            job.process, job.stdin = True, ANSWERS
    return Mutant(f"cli {kind} {value!r}"[:80], jobs)


# -- the environment ------------------------------------------------------------------------------
ENV = {
    "TZ": ["Europe/Nowhere", ":/etc/passwd", "UTC+99999", "<+99>-99", "", "A"],
    "LANG": ["xx_XX.UTF-8", "C", "tr_TR.UTF-8", "en_GB.ISO-8859-1", ""],
    "LC_ALL": ["xx_XX.UTF-8", "C", "POSIX", "tr_TR.UTF-8"],
    "DOORSTEP_CACHE": ["maybe", "-1", "1e309", "", "0", "1", "\u0661", "yes"],
    "DOORSTEP_LRS_ENDPOINT": ["http://[::1", "file:///etc/passwd", "javascript:x", "http://u:p@127.0.0.1:9/", "http://127.0.0.1:99999/", "http://%zz/", "https://", "http://127.0.0.1:9/" + "x" * 70000, CLOSED],
    "DOORSTEP_LRS_USERNAME": ["", "a:b", "\u00e9", "x" * 10000],
    "DOORSTEP_LRS_PASSWORD": ["", "p\nq", "\u00e9", "x" * 100_000],
    "COLUMNS": ["0", "-5", "x", "99999999999999999999"],
    "DOORSTEP_SCENARIOS": ["", ".", "/", "/dev/null", "relative/nowhere"],
    "DOORSTEP_CONFIG_DIR": ["", "relative-config", "/dev/null"],
    "DOORSTEP_EXPORT_DIR": ["", "relative-export", "/dev/full"],
}


def env_mutant(rng: random.Random, work: Path, record: Path) -> Mutant:
    """Every command with two or three of Doorstep's and the system's variables set to values no one should set (as processes: TZ and locales are read at start)."""
    env = {name: rng.choice(ENV[name]) for name in rng.sample(sorted(ENV), rng.randint(2, 3))}
    ex, rec = str(EXAMPLE), str(record)
    argvs = [["validate", ex], ["info", ex], ["play", ex, "--text", "--auto", "random", "--record", str(work / "r.json")], ["xapi", "push", "--timeout", "1"], ["xapi", "outbox"],
             ["xapi", "statements", rec, "--scenario", ex], ["report", rec, "--scenario", ex, "--html", str(work / "o.html")], ["new", str(work / "n")], ["xapi", "setup"]]  # fmt: skip
    allowed = {"r.json", "o.html", "n", "relative-config", "relative-export", "relative"}
    homeless = rng.random() < 0.25  # and no home folder at all (a service account, a container)
    if homeless:
        os.chmod(work, 0o755)  # the other user may enter the work folder (and is refused writing in it)
        env = {k: v for k, v in env.items() if not k.startswith("DOORSTEP_") or rng.random() < 0.5}
        env.update({k: "~/doorstep" for k in rng.sample(["DOORSTEP_DATA_DIR", "DOORSTEP_CONFIG_DIR", "DOORSTEP_EXPORT_DIR"], rng.randint(0, 2))})
    jobs = [Job(argv, allowed, env, process=True, homeless=homeless) for argv in rng.sample(argvs, 3)]
    return Mutant(("env no home " if homeless else "env ") + " ".join(f"{k}={v[:30]!r}" for k, v in env.items()), jobs)


# -- outputs onto inputs ---------------------------------------------------------------------------
def clobber_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    """A command asked to write over a file the user has: the record it reads, the scenario it plays, the saved playthroughs."""
    rec = work / "record.json"
    shutil.copy(record, rec)
    path = put_store(work, store)
    root = copy_case(rng, work)
    inside = rng.choice(yaml_files(root))
    ex = str(root)
    jobs = rng.sample([
        Job(["report", str(rec), "--scenario", ex, "--json", str(rec)]),
        Job(["report", str(rec), "--scenario", ex, "--html", str(rec)]),
        Job(["report", str(rec), "--scenario", ex, "--html", str(inside)]),
        Job(["report", str(rec), "--scenario", ex, "--json", str(path)]),
        Job(["play", ex, "--text", "--auto", "random", "--record", str(inside)]),
        Job(["play", ex, "--text", "--auto", "random", "--record", str(path)]),
        Job(["play", ex, "--text", "--auto", "random", "--record", str(rec)], {"record.json"}),  # a record over an old record: the user's choice
        Job(["cohort", str(rec), "--scenario", ex, "--json", str(rec)]),
        Job(["cohort", str(work), "--scenario", ex, "--html", str(rec)]),
        Job(["cohort", str(rec), "--scenario", ex, "--json", str(path)]),
        Job(["new", ex]),
        Job(["new", str(path.parent)]),
        Job(["new", str(rec)]),
        Job(["schema", "--vscode", ex], {"case/scenario/.vscode"}),
    ], 3)  # fmt: skip
    return Mutant("clobber", jobs)
