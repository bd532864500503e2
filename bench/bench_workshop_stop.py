"""How long Ctrl-C takes to end a workshop when every wait for the disk is slow (a loaded machine, a busy disk).

Usage: python bench/bench_workshop_stop.py [--sync-ms 200] [--phones 3] [--steps 12]

Each write the end of a workshop makes waits for the disk (fsync, fdatasync): milliseconds on an idle laptop,
seconds on a busy one, where a stop that made them one after another took past attack_workshop.py's 20 s. A small
preloaded library (compiled here with the system's C compiler; Linux) makes every fsync and fdatasync of the
server take ``--sync-ms``, and notes when each began. A real ``doorstep workshop --no-window`` runs a short session
(phones join and vote, the facilitator steps on and types a note), then gets Ctrl-C. Printed, from that one run: the
time to exit, the syncs after Ctrl-C, how many of them ran one after another (overlapping syncs count once), and
the ratio of the stop to what the same syncs one after another would take. Not a test: it needs a compiler and
takes seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_workshop import Room

SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static void slow(void) {
    const char *ms = getenv("SLOW_SYNC_MS"), *log = getenv("SLOW_SYNC_LOG");
    long n = ms ? atol(ms) : 200;
    struct timespec begun, nap = {n / 1000, (n % 1000) * 1000000L};
    clock_gettime(CLOCK_REALTIME, &begun);
    nanosleep(&nap, NULL);
    FILE *f = log ? fopen(log, "a") : NULL;
    if (f) { fprintf(f, "%ld.%09ld\n", (long)begun.tv_sec, begun.tv_nsec); fclose(f); }
}
int fsync(int fd) { static int (*real)(int); if (!real) real = dlsym(RTLD_NEXT, "fsync"); slow(); return real(fd); }
int fdatasync(int fd) { static int (*real)(int); if (!real) real = dlsym(RTLD_NEXT, "fdatasync"); slow(); return real(fd); }
"""


def compile_shim(folder: Path) -> Path | None:
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None or not sys.platform.startswith("linux"):
        return None
    (folder / "slow.c").write_text(SHIM)
    out = folder / "slow.so"
    done = subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(out), str(folder / "slow.c"), "-ldl"], capture_output=True, text=True, check=False)
    return out if done.returncode == 0 else None


def in_a_row(starts: list[float], each: float) -> int:
    """How many of the syncs ran one after another: syncs that began within half a wait of each other ran together."""
    waves, last = 0, None
    for start in sorted(starts):
        if last is None or start - last > each / 2:
            waves += 1
        last = start
    return waves


def session(room: Room, phones: int, steps: int) -> None:
    jars = [room.honest("/join", {"code": room.code})[1] for _ in range(phones)]
    for _ in range(steps):
        for jar in jars:
            room.honest("/vote", {"option": "1"}, cookie=f"Cookie: {jar}\r\n")
        room.honest(f"/host/{room.key}/act", {"do": "forward"})
    room.honest(f"/host/{room.key}/act", {"do": "note", "value": "Ended by the bench."})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sync-ms", type=int, default=200, help="how long each fsync/fdatasync waits (default 200)")
    parser.add_argument("--phones", type=int, default=3)
    parser.add_argument("--steps", type=int, default=12)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="doorstep-bench-stop-"))
    try:
        shim = compile_shim(work)
        if shim is None:
            print("no C compiler (or not Linux): the slow-disk library cannot be made here")
            return 0
        log = work / "syncs.txt"
        saved = {k: os.environ.get(k) for k in ("LD_PRELOAD", "SLOW_SYNC_MS", "SLOW_SYNC_LOG")}
        os.environ.update(LD_PRELOAD=str(shim), SLOW_SYNC_MS=str(args.sync_ms), SLOW_SYNC_LOG=str(log))
        try:
            room = Room(work)  # the server inherits the library; this process does not load it
        finally:
            for k, v in saved.items():
                os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
        session(room, args.phones, args.steps)
        time.sleep(0.5)
        asked = time.time()
        started = time.monotonic()
        failures = room.finish()
        took = time.monotonic() - started
        after = [float(t) for t in log.read_text().split()] if log.exists() else []
        after = [t for t in after if t >= asked]
        each = args.sync_ms / 1000
        row = in_a_row(after, each)
        if os.environ.get("BENCH_SHOW_SYNCS"):
            print(" ".join(f"{t - asked:.3f}" for t in sorted(after)))
        print(f"Ctrl-C to exit: {took:.2f} s with each sync {args.sync_ms} ms; {len(after)} syncs after Ctrl-C, {row} of them one after another")
        if after:
            print(f"the stop / the same syncs one after another: {took / (len(after) * each):.2f}")
        for line in failures:
            print(f"  {line}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
