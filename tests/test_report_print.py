"""The exported debrief prints on A4 in about a dozen pages: a whole Harris case, printed by Debian's chromium, headless."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.report.debrief import build_debrief
from simulator.report.html import render
from simulator.scenario import load_scenario

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MOST_PAGES = 20  # measured 15 (enabler) and 19 (barrier, nine safety errors) when this was written; 64-75 Letter pages before the print stylesheet


def pages_of(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points, from the PDF's page objects."""
    boxes = re.findall(rb"/Type\s*/Page[^s].*?/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf, flags=re.S)
    if not boxes:  # MediaBox inherited from the page tree
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        assert box is not None
        n = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        return [(float(box.group(3)) - float(box.group(1)), float(box.group(4)) - float(box.group(2)))] * n
    return [(float(c) - float(a), float(d) - float(b)) for a, b, c, d in boxes]


@pytest.mark.parametrize("record", ["harris-enabler", "harris-barrier"])
def test_a_whole_case_prints_on_a4_in_about_a_dozen_pages(tmp_path: Path, record: str):
    """Every page A4 (210 x 297 mm), and no more than MOST_PAGES for an eleven-month case with every decision."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed; `make test` installs it")
    scenario = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert scenario is not None
    data = json.loads((PROJECT / "tests" / "playthroughs" / f"{record}.json").read_text(encoding="utf-8"))
    page = tmp_path / "debrief.html"
    page.write_text(render(build_debrief(scenario, data)), encoding="utf-8")
    pdf = tmp_path / "debrief.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=180,
    )
    sizes = pages_of(pdf.read_bytes())
    assert 6 <= len(sizes) <= MOST_PAGES, len(sizes)
    for w, h in sizes:
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2, (w, h)  # A4 in points, never Letter (612 x 792)
