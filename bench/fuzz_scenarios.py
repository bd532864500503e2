"""The long slice of the generated-scenario invariant: random valid scenarios for MINUTES, each run everywhere.

Usage: python bench/fuzz_scenarios.py [--minutes 5] [--seed N] [--seeds-per-case 100]

Each round draws scenarios with tests/scenario_strategy.py (the strategy the
suite's bounded slice uses) from a fresh seed, and checks the invariant of
issue 10 on each: it validates clean, every policy and a hundred seeded
random playthroughs reach an ending, and analysis, the graph, the record
and the report, the debrief, the watch reels, the spread and play-from-a-
node run without an exception. The first failure stops the run; the
scenario that failed is written to bench/out/failed-scenario/ and the seed
that drew it is printed, so the failure can be repeated and read.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from scenario_strategy import Generated, check_runnable, scenarios  # noqa: E402

OUT = HERE / "out" / "failed-scenario"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=None, help="first round's seed (default: from the clock)")
    parser.add_argument("--seeds-per-case", type=int, default=100)
    parser.add_argument("--per-round", type=int, default=25)
    args = parser.parse_args()
    first = args.seed if args.seed is not None else int(time.time())
    deadline = time.monotonic() + args.minutes * 60
    shapes: Counter[str] = Counter()
    endings: Counter[str] = Counter()
    cases = 0
    failure: list[tuple[Generated, str]] = []
    round_seed = first
    print(f"generated scenarios for {args.minutes:g} minutes from seed {first}", flush=True)
    while time.monotonic() < deadline and not failure:

        @seed(round_seed)
        @settings(max_examples=args.per_round, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=False)
        @given(scenarios())
        def one(generated: Generated) -> None:
            nonlocal cases
            if time.monotonic() >= deadline or failure:
                return
            with tempfile.TemporaryDirectory(prefix="doorstep-fuzz-") as tmp:
                folder = generated.write(Path(tmp))
                try:
                    kinds = check_runnable(folder, seeds=args.seeds_per_case)
                except Exception:
                    failure.append((generated, traceback.format_exc()))
                    raise
            cases += 1
            shapes[f"{generated.scale}, {generated.episodes} episodes{', own evidence' if generated.own_evidence else ''}"] += 1
            endings.update(kinds)

        with contextlib.suppress(Exception):  # the failure is kept in `failure` and reported below
            one()
        round_seed += 1
    print(f"{cases} scenarios checked, {sum(endings.values())} random playthroughs ended: {dict(endings)}")
    for shape, n in sorted(shapes.items()):
        print(f"  {n:>4}  {shape}")
    if failure:
        generated, trace = failure[0]
        shutil.rmtree(OUT, ignore_errors=True)
        for rel, text in generated.files.items():
            path = OUT / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(trace)
        print(f"FAILED in round seed {round_seed - 1}; the scenario is in {OUT} (run: doorstep validate {OUT})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
