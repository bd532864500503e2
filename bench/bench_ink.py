"""Doorstep beside ink (inkjs, from npm) on the same stories: load, validate or compile, play; and the trainer's first command.

Usage: python bench/bench_ink.py [--nodes 10000] [--repeat 3] [--plays 200] [--big-plays 20]

Issue 10 compares Doorstep with ink, the narrative engine its trainers are most likely to know.
In one run on this machine, for Harris (converted node for node by bench/inkshape.py: one ink
stitch per node) and for a generated case of --nodes nodes (bench/generate.py, converted the same
way), this times:

* the load: Doorstep's ``load_scenario`` (strict YAML, schema, references, the story graph), its
  second load of the unchanged files (read back from the load cache), and ink's ``new Story(json)``
  of the story inkjs compiled (best of --repeat);
* validate or compile: Doorstep's load against inkjs's compiler (the step that finds an
  author's mistakes in each);
* play: random playthroughs from the start, choices made a second, Doorstep's engine against
  inkjs's runtime (bench/ink_side.js: the same random choice at each offer);
* whole processes, best of five, interleaved: ``doorstep validate`` of Harris (the load cache
  off, then warm, then on a copy after editing one episode, which is what a trainer feels while
  writing), ``python -c "import yaml, jsonschema"``, and node loading Harris's ink JSON with
  inkjs's runtime.

It prints the times and their ratios, with the machine's load: CPU seconds (each side's own
process; a busy machine disturbs them much less than wall time) and, for the loads and whole
processes, wall time too. The figures vary with the load, the ratios much less. The node side needs ``npm ci`` (make test runs it). Never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HERE = PROJECT / "bench"
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from inkshape import to_ink  # noqa: E402

from simulator.analysis.spread import play_random  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402
from simulator.scenario.model import Scenario  # noqa: E402

INKJS = PROJECT / "node_modules" / "inkjs" / "dist"
HARRIS = PROJECT / "scenarios" / "harris-family"


def best(fn, repeat: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of ``repeat`` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def ink_side(story: Path, repeat: int, plays: int) -> dict[str, float]:
    done = subprocess.run(["node", str(HERE / "ink_side.js"), str(story), str(story.with_suffix(".json")), str(repeat), str(plays)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the ink side failed: {done.stderr.strip()[-500:]}")
    out: dict[str, float] = json.loads(done.stdout)
    return out


def doorstep_play(scenario: Scenario, plays: int) -> tuple[float, int, int]:
    """CPU seconds, choices and playthroughs of ``plays`` random playthroughs."""
    start = time.process_time()
    choices = 0
    for seed in range(plays):
        session = play_random(scenario, seed)
        choices += sum(1 for step in session.state.steps if step.choice is not None and step.choice != "@skip")
    return time.process_time() - start, choices, plays


def compare(label: str, folder: Path, work: Path, repeat: int, plays: int) -> None:
    first = load_scenario(folder)
    if first.scenario is None:
        raise SystemExit(f"{folder} does not load: {[d.render() for d in first.errors[:3]]}")
    scenario = first.scenario
    story = work / f"{label}.ink"
    story.write_text(to_ink(scenario), encoding="utf-8")
    ink = ink_side(story, repeat, plays)
    load, load_cpu = best(lambda: load_scenario(folder), repeat)
    load_scenario(folder, cache=True)  # writes the cache
    again, again_cpu = best(lambda: load_scenario(folder, cache=True), repeat)
    play_s, choices, played = doorstep_play(scenario, plays)
    ink_load, ink_load_cpu = ink["load_ms"] / 1000, ink["load_cpu_ms"] / 1000
    ink_compile_cpu = ink["compile_cpu_ms"] / 1000
    ours_rate, ink_rate = choices / play_s, ink["choices"] / (ink["play_cpu_ms"] / 1000)
    print(f"{label}: {len(scenario.nodes):,} nodes; ink story {story.stat().st_size / 1e6:.1f} MB of ink, {ink['json_bytes'] / 1e6:.1f} MB compiled")
    print(f"  load (CPU s) doorstep {load_cpu:7.3f}   second load (cache) {again_cpu:7.3f}   ink new Story(json) {ink_load_cpu:7.3f}")
    print(f"  load (wall)  doorstep {load:7.3f}   second load (cache) {again:7.3f}   ink new Story(json) {ink_load:7.3f}")
    print(f"            ratio to ink (CPU): {load_cpu / ink_load_cpu:.2f}x first load, {again_cpu / ink_load_cpu:.2f}x second load (reach: at most 1x)")
    print(f"  validate (CPU s) doorstep load {load_cpu:7.3f}   ink compile {ink_compile_cpu:7.3f}   -> doorstep {ink_compile_cpu / load_cpu:.1f}x faster")
    print(f"  play (CPU) doorstep {ours_rate:9,.0f} choices/s ({played} playthroughs, {choices / played:.0f} choices each)")
    print(f"             ink      {ink_rate:9,.0f} choices/s ({ink['plays']:.0f} playthroughs, {ink['choices'] / ink['plays']:.0f} choices each)  -> doorstep {ours_rate / ink_rate:.1f}x faster")


def whole_processes(work: Path, runs: int = 5) -> None:
    """The trainer's first command as a whole process, beside Python's imports and node loading Harris's ink JSON.

    Three ways a trainer meets ``validate``: the load cache off (as a first run that finds no cache at all,
    without writing one), warm (nothing changed since the last run), and after editing one episode (the
    cache on: the whole-load entry is stale, every other file's parse is read back). The Python children
    run without ``PYTHONDONTWRITEBYTECODE``, as an installed Doorstep does: its bytecode is written once,
    as the import side's already is.
    """
    harris_json = work / "harris.json"
    node_load = f"const {{Story}} = require({json.dumps(str(INKJS / 'ink.js'))}); new Story(require('fs').readFileSync({json.dumps(str(harris_json))}, 'utf8'));"
    data = work / "data"
    copy = work / "edited" / "scenarios" / "harris-family"
    shutil.copytree(HARRIS, copy)
    shutil.copytree(PROJECT / "seeds", work / "edited" / "seeds")
    episode = sorted((copy / "episodes").glob("*.yaml"))[6]
    edits = iter(range(1_000_000))

    def edit_one_episode() -> None:
        with episode.open("a", encoding="utf-8") as f:
            f.write(f"# edit {next(edits)}\n")

    validate = [sys.executable, "-m", "simulator", "validate"]
    commands: dict[str, tuple[list[str], dict[str, str], Callable[[], None] | None]] = {
        "validate (no cache)": ([*validate, str(HARRIS)], {"DOORSTEP_CACHE": "0"}, None),
        "validate (cache warm)": ([*validate, str(HARRIS)], {"DOORSTEP_CACHE": "1", "DOORSTEP_DATA_DIR": str(data)}, None),
        "validate (one edit)": ([*validate, str(copy)], {"DOORSTEP_CACHE": "1", "DOORSTEP_DATA_DIR": str(work / "edit-data")}, edit_one_episode),
        "import yaml, jsonschema": ([sys.executable, "-c", "import yaml, jsonschema"], {}, None),
        "node: ink JSON loaded": (["node", "-e", node_load], {}, None),
    }
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs + 1):  # the first round warms the caches (the OS's, Python's bytecode, Doorstep's)
        for name, (argv, env, before_run) in commands.items():
            if before_run is not None:
                before_run()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=PROJECT, capture_output=True, env={**base, **env})
            took = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                raise SystemExit(f"{name} failed: {done.stderr.decode(errors='replace')[-300:]}")
            times[name].append(took)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    fastest = {name: min(t[1:]) for name, t in times.items()}
    least = {name: min(t[1:]) for name, t in cpu.items()}
    print(f"whole processes, best of {runs} after a warm-up round (wall; CPU, which a busy machine disturbs less):")
    for name, took in fastest.items():
        print(f"  {name:24} {took:6.3f} s wall, {least[name]:6.3f} s CPU")
    for label, figures in (("wall", fastest), ("CPU", least)):
        imports, node = figures["import yaml, jsonschema"], figures["node: ink JSON loaded"]
        for name in ("validate (no cache)", "validate (cache warm)", "validate (one edit)"):
            took = figures[name]
            print(f"  {label:4} {name}: {took / imports:.2f}x the import (reach: at most 1.5x), {took / node:.2f}x node loading Harris's ink (reach: at most 1x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plays", type=int, default=200, help="random playthroughs of Harris on each side")
    parser.add_argument("--big-plays", type=int, default=20, help="random playthroughs of the generated case")
    args = parser.parse_args()
    if not (INKJS / "ink-full.js").is_file():
        raise SystemExit("inkjs is not installed: run `npm ci` (make test does)")
    load = os.getloadavg()
    print(f"machine load (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["DOORSTEP_DATA_DIR"] = str(work / "data")  # the load cache, for the second loads
        os.environ["DOORSTEP_CACHE"] = "1"
        compare("harris", HARRIS, work, args.repeat, args.plays)
        whole_processes(work)
        if args.nodes:
            compare(f"generated-{args.nodes}", generate(work / "big", nodes=args.nodes), work, args.repeat, args.big_plays)
    load = os.getloadavg()
    print(f"machine load at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
