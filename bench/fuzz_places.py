"""Hostile places and hostile command lines: the mutants of :mod:`fuzz_shapes` that are not file contents.

- **places**: ``DOORSTEP_DATA_DIR`` (and the other folders Doorstep is told of
  by its environment: config, export, cache, assets, scenarios, seeds, TMPDIR,
  HOME) pointing at a file, a FIFO, /dev/null, /dev/full, a symlink loop, a
  dangling link, a path through a file, a name with a newline or 4,000 bytes
  long, a read-only folder (a read-only bind mount, since tests run as root),
  or a full disk (a tmpfs of a few kilobytes, holding a copy of a store with
  playthroughs the trainee must not lose). Mounts need a mount namespace:
  ``unshare -m`` (root, or ``-r`` as a user); without it those kinds are left out;
- **argv**: a command line that works, with one argument replaced by a value
  no one should type (an escaped undecodable byte, 1e309, an option given
  twice, an abbreviation, 100,000 characters, ``-``, ``--``, empty);
- **streams**: stdout to /dev/full or closed, stdin closed, an ASCII-only
  locale while the output is not ASCII, a terminal width of 0.

Each returns jobs ``(argv, env, setup)``: ``setup`` is shell text run first in
the same mount namespace (the job is then run with ``unshare -m``).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

Job = tuple[list[str], dict[str, str], str, str]  # argv, env, shell setup (mount namespace), stdin text

FOLDER_VARS = ["DOORSTEP_DATA_DIR", "DOORSTEP_CONFIG_DIR", "DOORSTEP_EXPORT_DIR", "DOORSTEP_CACHE", "DOORSTEP_ASSETS", "DOORSTEP_SCENARIOS", "DOORSTEP_SEEDS", "TMPDIR", "HOME", "XDG_DATA_HOME"]
ARGS = ["\udcff\udcfe", "1e309", "-1", "nan", "inf", "0x10", "", "-", "--", "x" * 100_000, "\u202eevil", "../../../../etc/passwd", "/dev/zero", "/dev/full", "/proc/self/mem",
        "--help", "-h", "--version", "--seed=1e309", "--seed", "--se", "--format=", "--format=../x", "\u0661\u0662", "\uff11", "9" * 5000, "~", "$HOME", "*", "\n", " ", "--=x"]  # fmt: skip


def can_unshare() -> bool:
    try:
        done = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def odd_at(path: Path, how: str, rng: random.Random) -> None:
    """Put at ``path`` what a store's side file, backups, cache or the store itself should never be: a folder, a
    FIFO, a link to /dev/zero, /dev/full or /dev/null, to itself or to nowhere, random bytes, nothing, or a file."""
    if how == "folder":
        path.mkdir()
    elif how == "fifo":
        os.mkfifo(path)
    elif how in ("zero", "full", "null"):
        path.symlink_to(f"/dev/{how}")
    elif how == "loop":
        path.symlink_to(path.name)
    elif how == "dangling":
        path.symlink_to(path.parent / "gone" / path.name)
    elif how == "file":
        path.write_text("x")
    else:
        path.write_bytes(b"" if how == "empty" else rng.randbytes(rng.choice([24, 512, 32768])))


def odd_place(rng: random.Random, work: Path, mounts: bool) -> tuple[Path, str, str]:
    """A path that is not a usable folder; the word for it; shell text to run first (in a mount namespace) or ''."""
    kinds = ["file", "fifo", "devnull", "devfull", "loop", "dangling", "under-file", "newline", "long", "relative-dotdot", "empty-name", "socket-ish"]
    if mounts:
        kinds += ["readonly", "full", "full", "full-store"]
    kind = rng.choice(kinds)
    place = work / "place"
    setup = ""
    if kind in ("file", "fifo", "devnull", "devfull", "loop", "dangling"):
        odd_at(place, kind.removeprefix("dev"), rng)
    elif kind == "under-file":
        (work / "afile").write_text("x")
        place = work / "afile" / "data"
    elif kind == "newline":
        place = work / "da\nta\u202e"
    elif kind == "long":
        place = work / "/".join(["d" * 250] * 16)
    elif kind == "relative-dotdot":
        place = Path("../../../../../../../../proc/self")
    elif kind == "empty-name":
        place = Path("")
    elif kind == "socket-ish":
        place = Path("/proc/self/fd/0")
    elif kind == "readonly":
        place.mkdir()
        setup = f"mount --bind {place} {place} && mount -o remount,bind,ro {place}"
    else:
        place.mkdir()
        size = rng.choice([4, 16, 64]) if kind == "full" else 0
        setup = f"mount -t tmpfs -o size={size or 'SIZE'}k tmpfs {place}"
    return place, kind, setup


def full_store(place: Path, store: Path, setup: str) -> str:
    """Mount a tmpfs just big enough for a copy of the store (and its backups), then fill it: a trainee's disk that is full."""
    size = sum(p.stat().st_size for p in store.parent.rglob("*") if p.is_file()) // 1024 + 24
    return (setup.replace("SIZE", str(size)) + f" && cp -r {store.parent}/. {place}/ && (dd if=/dev/zero of={place}/filler bs=1k 2>/dev/null; true)")


def place_jobs(rng: random.Random, work: Path, example: Path, store: Path, mounts: bool) -> tuple[str, list[Job], Path | None]:
    """Commands with one of Doorstep's folders in an odd place; the word; the tmpfs holding a store that must survive (or None)."""
    place, kind, setup = odd_place(rng, work, mounts)
    var = "DOORSTEP_DATA_DIR" if kind.startswith("full") or rng.random() < 0.5 else rng.choice(FOLDER_VARS)
    keep = None
    if kind == "full-store":
        setup, var, keep = full_store(place, store, setup), "DOORSTEP_DATA_DIR", place
    env = {var: str(place)}
    answers = "\n" + "1\n" * 60 + "s\n"  # Enter to begin (else nothing is saved), then choices, then save and step out
    jobs: list[Job] = [
        (["play", str(example), "--text"], env, setup, answers),
        (["play", str(example), "--text", "--auto", "random", "--record", str(work / "r.json")], env, setup, ""),
        (["validate", str(example)], env, setup, ""),
        (["xapi", "outbox"], env, setup, ""),
        (["report", str(work / "r.json"), "--html", str(place / "o.html") if rng.random() < 0.5 else str(work / "o.html")], env, setup, ""),
        (["new", str(place / "mine") if rng.random() < 0.5 else str(work / "mine")], env, setup, ""),
    ]
    if rng.random() < 0.3:
        jobs.append((["schema", "--vscode", str(place)], env, setup, ""))
    return f"{var}={kind}", jobs, keep


GOOD = [
    ["validate", "{ex}"], ["info", "{ex}", "--json"], ["analyze", "{ex}"], ["graph", "{ex}", "--format", "mermaid"], ["new", "{w}/n"],
    ["play", "{ex}", "--text", "--auto", "random", "--seed", "3", "--record", "{w}/r.json"], ["analyze", "{ex}", "--spread", "5"],
    ["report", "{rec}", "--scenario", "{ex}", "--html", "{w}/o.html"], ["cohort", "{rec}", "--scenario", "{ex}", "--json", "{w}/c.json"],
    ["xapi", "statements", "{rec}", "--scenario", "{ex}"], ["schema"], ["validate", "{ex}", "--format", "json", "--strict"],
    ["play", "{ex}", "--text", "--auto", "enabler", "--from", "doorstep.door", "--set", "trust.dana=50"],
]  # fmt: skip


def argv_job(rng: random.Random, work: Path, example: Path, record: Path) -> tuple[str, Job]:
    """A working command line with one or two arguments replaced, inserted or repeated."""
    argv = [a.format(ex=example, w=work, rec=record) for a in rng.choice(GOOD)]
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(1, len(argv) + 1)
        kind = rng.randrange(4)
        if kind == 0 and at < len(argv):
            argv[at] = rng.choice(ARGS)
        elif kind == 1:
            argv.insert(at, rng.choice(ARGS))
        elif kind == 2 and at < len(argv):
            argv.insert(at, argv[at])
        else:
            argv[at - 1 :] = [argv[at - 1] + rng.choice(["=", "=x", "\udcff", "\u200b"]), *argv[at:]]
    return "argv", (argv, {}, "", "")


def stream_job(rng: random.Random, work: Path, example: Path, record: Path) -> tuple[str, Job, str]:
    """A working command with its output going nowhere it can be written, or in a locale that cannot spell it: the job and a shell redirection."""
    argv = [a.format(ex=example, w=work, rec=record) for a in rng.choice(GOOD)]
    kind = rng.choice(["stdout-full", "stdout-closed", "stderr-full", "stdin-closed", "ascii", "latin1", "columns0"])
    env: dict[str, str] = {}
    redirect = {"stdout-full": ">/dev/full", "stdout-closed": ">&-", "stderr-full": "2>/dev/full", "stdin-closed": "<&-"}.get(kind, "")
    if kind == "ascii":
        env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    elif kind == "latin1":
        env = {"PYTHONIOENCODING": "latin-1:strict"}
    elif kind == "columns0":
        env = {"COLUMNS": rng.choice(["0", "-5", "x", "99999999999999999999"]), "LINES": "0", "TERM": "dumb"}
    return f"stream {kind}", (argv, env, "", ""), redirect


def store_survived(keep: Path, rows_before: int) -> bool:
    """The full disk's store still holds every playthrough it held (or a renamed copy of it does)."""
    import sqlite3

    for path in [keep / "records.sqlite3", *sorted(keep.glob("records*")), *sorted(keep.rglob("*.sqlite3"))]:
        if not path.is_file():
            continue
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                (n,) = conn.execute("SELECT count(*) FROM playthroughs").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            continue
        if n >= rows_before:
            return True
    return False


def cleanup(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
