"""Benchmark: giant scenarios, far past any real case, through the commands a trainer runs.

Makes cases of the docs' small example with a chain of decisions added to
its first episode (``--nodes`` decisions of ``--options`` options each, and
one past the size budget: 50 options a decision), then times whole
``doorstep`` processes in one run, by the CPU time they used (the wall clock
swings with the machine's load, printed alongside):

- validate (no load cache), analyze, graph and info of the case under the budget;
- validate of the case past it: refused with F313 in one line, as a share of the first;
- ``play --auto enabler --speed 0`` in the window (SDL's dummy driver) of a
  ``--chain``-decision episode, per decision.

Figures vary by machine: they are printed, never asserted in tests.

    python bench/bench_giant.py [--nodes 2500] [--options 20] [--chain 3000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def giant(out: Path, decisions: int, options: int) -> Path:
    """The example with ``decisions`` decisions of ``options`` options chained between its door and what follows."""
    shutil.copytree(EXAMPLE, out)
    path = out / "episodes" / "doorstep.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = data["episode"]["nodes"]
    for choice in nodes["door"]["choices"]:
        choice["next"] = "dz0"
    for i in range(decisions):
        after = f"dz{i + 1}" if i + 1 < decisions else "inside"
        nodes[f"dz{i}"] = {"choices": [{"id": f"c{i}-{j}", "text": f"Option {j}", "path": "enabler" if j % 2 else "barrier", "next": after} for j in range(options)]}
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    return out


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """A doorstep process: (CPU seconds it and its children used, wall seconds, exit code, its first line of output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "simulator", *args], env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.returncode, ((done.stdout + done.stderr).splitlines() or [""])[0]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--nodes", type=int, default=2500)
    p.add_argument("--options", type=int, default=20)
    p.add_argument("--chain", type=int, default=3000)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "DOORSTEP_DATA_DIR": str(root / "data"), "DOORSTEP_CONFIG_DIR": str(root / "config"), "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(PROJECT)}
        under = giant(root / "under", a.nodes, a.options)
        over = giant(root / "over", 1000, 50)
        chain = giant(root / "chain", a.chain, 3)
        size = sum(f.stat().st_size for f in under.rglob("*.yaml")) / 1e6
        print(f"load average {os.getloadavg()[0]:.1f}; CPU seconds of whole processes (wall in brackets)")
        print(f"under the budget: {a.nodes:,} decisions of {a.options} options ({size:.1f} MB)")
        cold = {**env, "DOORSTEP_CACHE": "0"}
        full = timed(["validate", str(under)], cold)
        print(f"  validate (no cache)   {full[0]:6.2f} s  ({full[1]:.1f} s)  exit {full[2]}")
        for cmd in (["analyze"], ["graph"], ["info"]):
            cpu, wall, code, _ = timed([*cmd, str(under)], env)
            print(f"  {cmd[0]:<21} {cpu:6.2f} s  ({wall:.1f} s)  exit {code}")
        cpu, wall, code, first = timed(["validate", str(over)], cold)
        print(f"past the budget: 1,000 decisions of 50 options ({sum(f.stat().st_size for f in over.rglob('*.yaml')) / 1e6:.1f} MB)")
        print(f"  validate (no cache)   {cpu:6.2f} s  ({wall:.1f} s)  exit {code}: {first[:100]}")
        print(f"  refused in {cpu / full[0]:.2f}x the time a case under the budget takes to validate")
        cpu, wall, code, _ = timed(["play", str(chain), "--auto", "enabler", "--speed", "0"], env)
        print(f"window auto play at speed 0, {a.chain:,} decisions: {cpu:.2f} s ({wall:.1f} s), {1000 * cpu / a.chain:.2f} ms of CPU a decision, exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
