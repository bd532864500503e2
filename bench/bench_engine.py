"""How fast the pure engine plays: random playthroughs, in choices per second.

Usage: python bench/bench_engine.py [SCENARIO ...] [--seconds S]

For each scenario, plays seeded random playthroughs for about S seconds and
prints choices per second (decisions taken) and actions per second (choices
plus continues), three ways: as a host drives a session (``Session.act``,
every step kept for the record); the same loop keeping no steps
(``Session.advance``); and as the spread plays them
(:func:`simulator.engine.outcome.play_out`: the same playthroughs, played in
one loop for where they end). Each is given by the wall clock and by the CPU
time the process had, which a machine shared with other work changes much
less. The bar for the foundation is 50,000 choices a second; issue 10's
reach is 200,000 on Harris.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from simulator.engine.actions import CONTINUE, Choose  # noqa: E402
from simulator.engine.autoplay import seeded_random  # noqa: E402
from simulator.engine.outcome import play_out  # noqa: E402
from simulator.engine.plan import plan_of  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.scenario import load_scenario, settle  # noqa: E402

BAR = 50_000
REACH = 200_000  # issue 10: choices a second on Harris


def measure(scenario, seconds: float, way: str) -> tuple[float, float, float, int]:
    """(choices/s by the wall clock, choices/s of CPU time, actions/s by the wall clock, playthroughs) played ``way``."""
    choices = actions = runs = 0
    plans = plan_of(scenario).nodes
    waiting = {node for node in scenario.nodes if plans[node].waits}  # the moments that wait for the host (counted cheaply, inside the timing)
    start = time.perf_counter()
    cpu = time.process_time()
    deadline = start + seconds
    seed = 0
    while time.perf_counter() < deadline:
        if way == "outcome":
            s = play_out(scenario, seed)
            choices += len(s.chosen)  # the graph is acyclic: no choice is made twice
            actions += sum(map(waiting.__contains__, s.trail)) - 1  # every moment that waits, but the ending
        else:
            session = Session.start(scenario, seed=seed)
            pick = seeded_random(seed)
            move = session.act if way == "host" else session.advance
            while not session.finished:
                offered = session.choices
                if offered:
                    move(Choose(pick(offered).id))
                    choices += 1
                else:
                    move(CONTINUE)
                actions += 1
        runs += 1
        seed += 1
    elapsed = time.perf_counter() - start
    used = time.process_time() - cpu
    return choices / elapsed, choices / used, actions / elapsed, runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(HERE.parent / "scenarios" / "harris-family"), str(HERE.parent / "docs" / "examples" / "small-visit")])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    worst = None
    print(f"load average {os.getloadavg()[0]:.1f} (figures by CPU time change much less with it than those by the wall clock)")
    for path in args.paths:
        result = load_scenario(path)
        if not result.ok:
            print(f"{path}: does not load ({len(result.errors)} errors)")
            return 1
        settle()  # as every host does after loading (see simulator.scenario.settle)
        for label, way in (("host (Session.act, steps kept)", "host"), ("Session.advance (no steps)", "advance"), ("spread (play_out)", "outcome")):
            per_choice, per_cpu, per_action, runs = measure(result.scenario, args.seconds, way)
            worst = per_choice if worst is None else min(worst, per_choice)
            print(f"{path}: {label}: {per_choice:,.0f} choices/s ({per_cpu:,.0f} per CPU second), {per_action:,.0f} actions/s "
                  f"over {runs:,} random playthroughs ({per_choice / BAR:.1f}x the {BAR:,}/s bar; "
                  f"{per_choice / REACH:.2f}x issue 10's {REACH:,}/s reach, {per_cpu / REACH:.2f}x by CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
