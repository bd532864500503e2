"""Benchmark: the whole-graph analysis of a generated 10,000-node scenario.

Generates a scenario with :func:`generate.generate`, then measures, in one
run: loading and validating it (``load_scenario``: YAML, schema, references,
graph checks, then ``settle()`` as the command does), the analysis ``doorstep analyze`` runs (score bounds by
dynamic programming plus both canonical paths played by the engine), each
half again alone (wall and CPU time), and the graph export. The budget from issue 5 is analysis
under one second for 10,000 nodes; the script says whether it was met and
exits 1 if not. Figures vary by machine: they are printed, never asserted
in tests.

    python bench/bench_analysis.py [--nodes 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from simulator import collector
from simulator.analysis.bounds import score_bounds
from simulator.analysis.graph import to_dot
from simulator.analysis.overview import analyze
from simulator.analysis.paths import canonical_paths
from simulator.scenario import load_scenario, settle

BUDGET_SECONDS = 1.0
REACH_SECONDS = 0.2  # issue 10: analysis of 10,000 nodes under 0.2 s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doorstep-bench-") as tmp:
        folder = Path(tmp) / "generated"
        t0 = time.perf_counter()
        generate(folder, nodes=args.nodes, seed=args.seed)
        t1 = time.perf_counter()
        result = load_scenario(folder)
        t2 = time.perf_counter()
        if result.scenario is None:
            for d in result.errors[:10]:
                print(d.render())
            print("the generated scenario did not load; see the errors above")
            return 1
        scenario = result.scenario
        settle()  # as `doorstep analyze` does after loading (simulator.cli_common.load)
        t2 = time.perf_counter()
        cpu = time.process_time()
        with collector.held(settled=True):  # and as it runs the analysis (simulator.cli.cmd_analyze)
            overview = analyze(scenario)
        analysis_cpu = time.process_time() - cpu
        t3 = time.perf_counter()
        with collector.held():  # each half again on its own (the node plans the paths need are made by now)
            cpu = time.process_time()
            score_bounds(scenario)
            bounds_cpu, cpu = time.process_time() - cpu, time.process_time()
            t4 = time.perf_counter()
            canonical_paths(scenario)
            paths_cpu = time.process_time() - cpu
        t4b = time.perf_counter()
        to_dot(scenario)
        t5 = time.perf_counter()
        analyze(scenario)
        t6 = time.perf_counter()
    load, analysis, bounds, paths, graph = t2 - t1, t3 - t2, t4 - t3, t4b - t4, t5 - t4b
    decisions = sum(1 for n in scenario.nodes.values() if n.choices)
    ways = sum(len(n.successors()) for n in scenario.nodes.values())
    print(f"scenario: {len(scenario.nodes)} nodes, {len(scenario.episodes)} episodes, {decisions} decisions, {ways} ways out (generated in {t1 - t0:.2f} s)")
    print(f"load + validate:          {load:8.3f} s")
    print(f"analysis (bounds+paths):  {analysis:8.3f} s   ({analysis / load:.2f} x load time; {analysis_cpu:.3f} s of CPU time)")
    print(f"  score bounds alone:     {bounds:8.3f} s   (again; {bounds_cpu:.3f} s of CPU time)")
    steps = f"enabler {len(overview.paths['enabler'].steps)} steps, barrier {len(overview.paths['barrier'].steps)} steps"
    print(f"  canonical paths alone:  {paths:8.3f} s   (again, node plans made; {paths_cpu:.3f} s of CPU time; {steps})")
    print(f"graph export (DOT):       {graph:8.3f} s")
    print(f"analysis, second run:     {t6 - t5:8.3f} s")
    if overview.warnings:
        print(f"analysis warnings: {len(overview.warnings)} (first: {overview.warnings[0]})")
    verdict = "within" if analysis < BUDGET_SECONDS else "OVER"
    print(f"budget: analysis {analysis:.3f} s is {verdict} the {BUDGET_SECONDS:.0f} s budget for {len(scenario.nodes)} nodes")
    # Wall and CPU times both grow when other work shares the cores: say how busy the machine was.
    print(f"machine load: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1 / 5 / 15 min averages) on {os.cpu_count()} cores")
    reach = "met" if analysis < REACH_SECONDS else "NOT met"
    print(f"reach (issue 10, under {REACH_SECONDS} s): {reach} ({analysis / REACH_SECONDS:.2f}x the reach by the wall clock, {analysis_cpu / REACH_SECONDS:.2f}x by CPU time)")
    return 0 if analysis < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
