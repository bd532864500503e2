"""Loading and validating a large scenario, against libyaml just parsing the same files.

Usage: python bench/bench_load.py [--nodes N] [--repeat R]

Generates a scenario (bench/generate.py) and, in one run, times:
  * libyaml's CSafeLoader doing ``yaml.load`` of every file (parse and build Python data),
  * libyaml's event parser alone (``yaml.parse``: the least any YAML reader must do),
  * Doorstep's ``load_scenario``: strict reading, schema validation, references, graph checks,
  * its second load of the unchanged files, read back from the load cache,
  * and what ``doorstep validate`` does after a trainer edits one episode file (the cache on: the
    whole-load entry is stale, every other file's parse is read back from its per-file layer).
Prints the best of R runs of each and the ratios; the bar is load+validate within 3x of
CSafeLoader parsing the same files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from generate import generate  # noqa: E402

from simulator.scenario import load_scenario  # noqa: E402

BAR = 3.0


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "big", nodes=args.nodes)
        files = sorted(p for p in folder.rglob("*.yaml"))
        texts = [p.read_bytes() for p in files]
        size = sum(len(t) for t in texts)

        def csafe_load() -> None:
            for t in texts:
                yaml.load(t, Loader=yaml.CSafeLoader)

        def csafe_events() -> None:
            for t in texts:
                for _ in yaml.parse(t, Loader=yaml.CSafeLoader):
                    pass

        result = load_scenario(folder)
        if not result.ok:
            for d in result.diagnostics[:10]:
                print(d.render())
            return 1
        nodes = len(result.scenario.nodes)
        t_load = best(csafe_load, args.repeat)
        t_events = best(csafe_events, args.repeat)
        t_ours = best(lambda: load_scenario(folder), args.repeat)
        os.environ["DOORSTEP_DATA_DIR"] = str(Path(tmp) / "data")  # the load cache, written by the first load
        os.environ["DOORSTEP_CACHE"] = "1"
        load_scenario(folder, cache=True)
        t_again = best(lambda: load_scenario(folder, cache=True), args.repeat)
        episode = files[len(files) // 2]
        edits = iter(range(1_000_000))

        def validate_after_an_edit() -> None:
            with episode.open("a", encoding="utf-8") as f:
                f.write(f"# edit {next(edits)}\n")
            load_scenario(folder, cache=True, model=False)

        t_edit = best(validate_after_an_edit, args.repeat)
    print(f"generated scenario: {nodes:,} nodes in {len(files)} files, {size / 1e6:.1f} MB")
    print(f"  libyaml CSafeLoader yaml.load : {t_load:.3f} s")
    print(f"  libyaml event parse only      : {t_events:.3f} s")
    print(f"  doorstep load_scenario        : {t_ours:.3f} s")
    print(f"  doorstep second load (cache)  : {t_again:.3f} s ({t_ours / t_again:.1f}x faster than the first)")
    print(f"  validate after one edit       : {t_edit:.3f} s ({t_ours / t_edit:.1f}x faster than the first load; {t_edit / t_load:.2f}x CSafeLoader)")
    print(f"  ratio to CSafeLoader load     : {t_ours / t_load:.2f}x (bar: at most {BAR:.0f}x); second load {t_again / t_load:.2f}x")
    print(f"  ratio to event parse only     : {t_ours / t_events:.2f}x")
    return 0 if t_ours / t_load <= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
