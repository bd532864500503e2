"""A crafted SVG cannot keep the art thread busy: the work it would cause is bounded before SDL_image draws it.

Each crafted file is one thing the renderer (nanosvg in SDL_image) was
measured to be slow at: shapes painted over the whole picture again and again
(2,000 took over 100 s at 1920x1080), gradient fills, dashes cut fine, paths
of hundreds of thousands of points, and the same hidden behind transforms or a
picture with no size. ``validate`` names it in one line (F310) and the window
shows a placeholder with one note; Doorstep's own pictures all pass.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator import fileio, svgcost
from simulator.cli import main
from simulator.ui.kit import art as kit_art

ROOT = Path(__file__).resolve().parent.parent
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1920 1080" width="1920" height="1080">'
FULL = '<rect width="1920" height="1080" fill="#123"/>'


def svg(body: str, head: str = HEAD) -> bytes:
    return (head + body + "</svg>").encode()


CRAFTED = {
    "shapes over shapes": svg(FULL * 2000),
    "gradients over gradients": svg('<defs><radialGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1"/></radialGradient></defs>' + '<rect width="1920" height="1080" fill="url(#g)"/>' * 30),
    "circles stroked wide": svg('<circle cx="960" cy="540" r="900" fill="none" stroke="#000" stroke-width="50"/>' * 2000),
    "a small shape scaled up": svg('<g transform="scale(400)">' + '<rect width="5" height="3" fill="#123"/>' * 100 + "</g>"),
    "rotated and translated": svg('<g transform="translate(960 540) rotate(30)">' + '<rect x="-2000" y="-2000" width="4000" height="4000"/>' * 100 + "</g>"),
    "in a style attribute": svg('<path style="fill:#123" d="M0 0 H1920 V1080 H0 Z"/>' * 100),
    "fine dashes": svg('<path d="M0 0 L1920 1080" stroke="#000" stroke-dasharray="0.01"/>' * 10),
    "a path of many points": svg('<path d="M0 0 ' + " ".join(f"l{i % 7} {i % 5}" for i in range(200_000)) + '"/>'),
    "a polyline of many points": svg('<polyline fill="none" stroke="#000" points="' + " ".join(f"{i % 1920},{i % 1080}" for i in range(150_000)) + '"/>'),
    "many elements": svg('<rect width="1" height="1"/>' * 60_000),
    "deep nesting": svg("<g>" * 300 + "</g>" * 300),
    "no size of its own": svg(FULL * 2000, head='<svg xmlns="http://www.w3.org/2000/svg">'),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_svg_is_refused_in_a_phrase(name: str) -> None:
    """Each kind of costly picture is refused with a short reason, before any drawing."""
    why = svgcost.refusal(CRAFTED[name])
    assert why is not None and "\n" not in why and len(why) < 100, why


def test_every_picture_doorstep_ships_is_drawn() -> None:
    """The shared art, every scenario's art and the examples' art: none refused, each well under the limits."""
    files = [p for folder in ("assets", "scenarios", "docs") for p in (ROOT / folder).rglob("*.svg")]
    assert len(files) > 100
    for path in files:
        cost = svgcost.Cost(path.read_bytes())
        cost.run()
        assert cost.cover < svgcost.MAX_COVER / 4 and cost.points < svgcost.MAX_POINTS / 100, path


def test_the_window_shows_a_placeholder_and_says_why(tmp_path: Path) -> None:
    """The art thread refuses every crafted picture in one line each; all of them together take less time than drawing one real picture 60 times."""
    pygame.init()
    real = ROOT / "assets" / "art" / "locations" / "car.svg"  # Doorstep's busiest picture
    start = time.perf_counter()
    kit_art.rasterise_cover(real, (1920, 1080))
    once = time.perf_counter() - start
    start = time.perf_counter()
    for name, data in CRAFTED.items():
        path = tmp_path / f"{name}.svg"
        path.write_bytes(data)
        with pytest.raises(fileio.FileRefused, match="too much to draw"):
            kit_art.rasterise_cover(path, (1920, 1080))
        with pytest.raises(fileio.FileRefused, match="too much to draw"):
            kit_art.rasterise_fit(path, (600, 900))
    refusing = time.perf_counter() - start
    assert refusing < 60 * once + 3.0, (refusing, once)  # drawing them took minutes


def test_the_most_it_lets_through_draws_in_a_bounded_time() -> None:
    """Just under the limit (the picture painted 39 times over, with gradients): drawn at 1920x1080 in at most ~20 times Doorstep's busiest picture."""
    pygame.init()
    real = (ROOT / "assets" / "art" / "locations" / "car.svg").read_bytes()
    gradient = '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1"/></linearGradient></defs>'
    worst = svg(gradient + '<rect width="1920" height="1080" fill="url(#g)"/>' * int(svgcost.MAX_COVER / svgcost.GRADIENT_COST))
    assert svgcost.refusal(worst) is None
    timings = []
    for data in (real, worst, real, worst):
        start = time.perf_counter()
        pygame.image.load_sized_svg(io.BytesIO(data), (1920, 1080))
        timings.append(time.perf_counter() - start)
    ratio = (timings[1] + timings[3]) / (timings[0] + timings[2])
    assert ratio < 40, timings  # the crafted 2,000 shapes were about 600 times it


def test_validate_names_a_costly_picture_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario's own picture that is too costly: F310, one warning on one line naming the file (exit 1, as for any warning)."""
    case = tmp_path / "small-visit"
    shutil.copytree(ROOT / "docs" / "examples" / "small-visit", case)
    (case / "art" / "locations" / "front-door.svg").write_bytes(CRAFTED["shapes over shapes"])
    code = main(["validate", str(case)])
    out = capsys.readouterr()
    lines = [ln for ln in (out.out + out.err).splitlines() if "F310" in ln]
    assert code == 1 and "1 warning" in out.out and len(lines) == 1 and "front-door.svg" in lines[0] and "times the picture's own area" in lines[0], out


def test_the_load_cache_sees_a_picture_redrawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """With the load cache on: validate, then the picture is replaced by a costly one (same name), validate again: F310, not the cached all-clear."""
    monkeypatch.setenv("DOORSTEP_CACHE", "1")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    case = tmp_path / "small-visit"
    shutil.copytree(ROOT / "docs" / "examples" / "small-visit", case)
    assert main(["validate", str(case)]) == 0
    assert list((tmp_path / "data" / "cache").glob("*.json"))  # the all-clear was kept
    (case / "art" / "locations" / "front-door.svg").write_bytes(CRAFTED["shapes over shapes"])
    capsys.readouterr()
    assert main(["validate", str(case)]) == 1
    assert "F310" in capsys.readouterr().out
