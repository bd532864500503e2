"""Run every benchmark in turn and print their figures (``make bench``).

Each script prints ratios or percentiles measured within its own run, since
these machines are shared and noisy; none of them is a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_load.py", "bench_ink.py", "bench_engine.py", "bench_analysis.py", "bench_spread.py", "bench_giant.py", "bench_ui.py", "bench_access.py", "bench_xapi.py"]


def main() -> int:
    worst = 0
    for script in SCRIPTS:
        print(f"== {script} ==", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script)], cwd=HERE.parent)
        worst = max(worst, done.returncode)
        print(flush=True)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
