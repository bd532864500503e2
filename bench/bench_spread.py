"""Benchmark: `doorstep analyze --spread`, against the shell loop a trainer used before it existed.

Issue 10's trainer ran 200 `doorstep play --text --auto random --seed N` processes in a shell
loop (87 s) to find where random play ends. This measures, in one run on this machine:

- that loop's cost per playthrough, from LOOP processes (scaled to 200; the full loop is long);
- one `doorstep analyze CASE --spread 200` process doing the same 200 playthroughs and more;
- `analyze --spread 1000` on Harris, whole process and the spread alone in this process, in one
  process and shared among the cores (issue 10's reach: under 2 s), with playthroughs and actions a second.

It prints the times and the ratios between them; figures vary with the machine and its load
(the ratios much less). Never a test.

    python bench/bench_spread.py [--case scenarios/campbell-care-act] [--loop 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from simulator.analysis.spread import play_random, spread  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402

DOORSTEP = [sys.executable, "-m", "simulator"]
REACH_S = 2.0  # issue 10: analyze --spread 1000 on Harris


def timed(argv: list[str]) -> float:
    return timed_cpu(argv)[0]


def timed_cpu(argv: list[str]) -> tuple[float, float]:
    """The wall-clock time of a whole process and the CPU time it (and any workers it forked) used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()[-300:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="scenarios/campbell-care-act")
    parser.add_argument("--loop", type=int, default=20, help="shell-loop processes to time (scaled to 200)")
    args = parser.parse_args()

    loop = sum(timed([*DOORSTEP, "play", args.case, "--text", "--auto", "random", "--seed", str(i)]) for i in range(args.loop))
    loop_200 = loop / args.loop * 200
    one = timed([*DOORSTEP, "analyze", args.case, "--spread", "200"])
    print(f"{args.case}: 200 random playthroughs")
    print(f"  shell loop of play --auto random: {loop_200:6.1f} s (from {args.loop} processes, {loop / args.loop:.2f} s each)")
    print(f"  analyze --spread 200, one process: {one:6.2f} s  ->  {loop_200 / one:.0f}x faster (the trainer's loop took 87 s)")

    harris = "scenarios/harris-family"
    whole, whole_cpu = timed_cpu([*DOORSTEP, "analyze", harris, "--spread", "1000"])
    base, base_cpu = timed_cpu([*DOORSTEP, "analyze", harris, "--spread", "0"])
    scenario = load_scenario(PROJECT / harris).scenario
    assert scenario is not None
    start = time.perf_counter()
    result = spread(scenario, 1000, workers=1)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    shared = spread(scenario, 1000)
    cores = time.perf_counter() - start
    assert shared == result
    actions = sum(len(play_random(scenario, seed).state.steps) for seed in range(100)) * 10
    print(f"{harris}: analyze --spread 1000")
    print(f"  whole process {whole:.2f} s ({base:.2f} s of it is analyze without the spread); "
          f"CPU time {whole_cpu:.2f} s ({base_cpu:.2f} s without the spread), load average {os.getloadavg()[0]:.1f}")
    print(f"  the spread alone: {alone:.2f} s in one process, {cores:.2f} s shared among {os.cpu_count()} cores ({alone / cores:.1f}x)")
    print(f"  one process: {1000 / alone:,.0f} random playthroughs a second, about {actions / alone:,.0f} actions a second; {len(result.endings)} endings")
    print(f"  reach (under {REACH_S:.0f} s for the whole command): {'met' if whole < REACH_S else 'NOT met'} ({whole / REACH_S:.2f}x the budget)")

    # The trainer's first command, the whole process, against Python merely importing the YAML and schema libraries.
    runs = 5
    validate = min(timed([*DOORSTEP, "validate", harris]) for _ in range(runs))
    imports = min(timed([sys.executable, "-c", "import yaml, jsonschema"]) for _ in range(runs))
    print(f"validate {harris}, whole process (best of {runs}): {validate:.2f} s; python -c 'import yaml, jsonschema': {imports:.2f} s")
    print(f"  {validate / imports:.2f}x that import (issue 10's reach: at most 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
