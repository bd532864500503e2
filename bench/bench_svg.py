"""What a crafted SVG costs the window's renderer, and what Doorstep's check costs, against drawing a real picture.

SDL_image's SVG renderer (nanosvg) paints each shape over its whole
bounding box. This draws Doorstep's busiest picture (assets/art/locations/
car.svg) at 1920x1080, then, in the same run: a tenth of each crafted kind
(so the run stays short; the full files cost ten times as much and more),
the most :mod:`simulator.svgcost` lets through, and the check itself on
every crafted file. Ratios are against the real picture's draw, measured
in this one run.

    python bench/bench_svg.py
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pygame  # noqa: E402
from test_svgcost import CRAFTED, FULL, svg  # noqa: E402

from simulator import svgcost  # noqa: E402

SIZE = (1920, 1080)


def timed(work: object, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def draw(data: bytes) -> None:
    pygame.image.load_sized_svg(io.BytesIO(data), SIZE)


def main() -> int:
    pygame.init()
    real = (ROOT / "assets" / "art" / "locations" / "car.svg").read_bytes()
    base = timed(lambda: draw(real))
    print(f"car.svg (Doorstep's busiest picture) drawn at {SIZE[0]}x{SIZE[1]}: {base * 1000:.1f} ms; check {timed(lambda: svgcost.refusal(real)) * 1000:.2f} ms")
    tenth = {
        "200 full-size rectangles": svg(FULL * 200),
        "200 wide-stroked circles": svg('<circle cx="960" cy="540" r="900" fill="none" stroke="#000" stroke-width="50"/>' * 200),
        "20,000-point path": svg('<path d="M0 0 ' + " ".join(f"l{i % 7} {i % 5}" for i in range(20_000)) + '"/>'),
        "1 path of 0.01 dashes": svg('<path d="M0 0 L1920 1080" stroke="#000" stroke-dasharray="0.01"/>'),
    }
    for name, data in tenth.items():
        spent = timed(lambda data=data: draw(data), repeat=1)
        print(f"  drawn, a tenth of a crafted kind: {name:28s} {spent * 1000:9.1f} ms  {spent / base:7.1f}x car.svg")
    gradient = '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1"/></linearGradient></defs>'
    worst = svg(gradient + '<rect width="1920" height="1080" fill="url(#g)"/>' * int(svgcost.MAX_COVER / svgcost.GRADIENT_COST))
    assert svgcost.refusal(worst) is None
    spent = timed(lambda: draw(worst), repeat=1)
    print(f"  drawn, the most the check lets through (gradients at the area limit): {spent * 1000:.1f} ms, {spent / base:.1f}x car.svg")
    checks = [timed(lambda data=data: svgcost.refusal(data), repeat=1) for data in CRAFTED.values()]
    print(f"  checked and refused, all {len(CRAFTED)} crafted kinds at full size: {sum(checks) * 1000:.1f} ms in all, {sum(checks) / base:.1f}x car.svg; slowest {max(checks) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
