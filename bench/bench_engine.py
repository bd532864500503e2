"""How fast the pure engine plays: random playthroughs, in choices per second.

Usage: python bench/bench_engine.py [SCENARIO ...] [--seconds S]

For each scenario, plays seeded random playthroughs for about S seconds and
prints choices per second (decisions taken) and actions per second (choices
plus continues). The bar for the foundation is 50,000 choices a second.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from simulator.engine.autoplay import seeded_random  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.scenario import load_scenario, settle  # noqa: E402

BAR = 50_000


def measure(scenario, seconds: float) -> tuple[float, float, int]:
    choices = actions = runs = 0
    start = time.perf_counter()
    deadline = start + seconds
    seed = 0
    while time.perf_counter() < deadline:
        s = Session.start(scenario, seed=seed)
        pick = seeded_random(seed)
        while not s.finished:
            offered = s.choices
            if offered:
                s.choose(pick(offered))
                choices += 1
            else:
                s.proceed()
            actions += 1
        runs += 1
        seed += 1
    elapsed = time.perf_counter() - start
    return choices / elapsed, actions / elapsed, runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(HERE.parent / "scenarios" / "harris-family"), str(HERE.parent / "docs" / "examples" / "small-visit")])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    worst = None
    for path in args.paths:
        result = load_scenario(path)
        if not result.ok:
            print(f"{path}: does not load ({len(result.errors)} errors)")
            return 1
        settle()  # as every host does after loading (see simulator.scenario.settle)
        per_choice, per_action, runs = measure(result.scenario, args.seconds)
        worst = per_choice if worst is None else min(worst, per_choice)
        print(f"{path}: {per_choice:,.0f} choices/s, {per_action:,.0f} actions/s over {runs:,} random playthroughs "
              f"({per_choice / BAR:.1f}x the {BAR:,}/s bar)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
