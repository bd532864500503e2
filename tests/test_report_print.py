"""The exported debrief prints on A4 in about a dozen pages, no heading left at a page's foot: a whole Harris case, printed by Debian's chromium, headless, read back with poppler's pdftotext."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from simulator.report.debrief import build_debrief
from simulator.report.html import render
from simulator.scenario import load_scenario

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
# Measured 12 (enabler) and 13 (barrier, nine safety errors) when this was written; 15 and 19 before the cards went two to
# a row and the portfolio three; 64-75 Letter pages before the print stylesheet.
MOST_PAGES = {"harris-enabler": 12, "harris-barrier": 13}

Line = tuple[float, float, float, float, str]  # x0, y0, x1, y1, text


def pages_of(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points, from the PDF's page objects."""
    boxes = re.findall(rb"/Type\s*/Page[^s].*?/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf, flags=re.S)
    if not boxes:  # MediaBox inherited from the page tree
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        assert box is not None
        n = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        return [(float(box.group(3)) - float(box.group(1)), float(box.group(4)) - float(box.group(2)))] * n
    return [(float(c) - float(a), float(d) - float(b)) for a, b, c, d in boxes]


def printed_lines(pdf: Path) -> list[list[Line]]:
    """Every printed line of every page, with its box, as pdftotext lays them out."""
    xml = subprocess.run([PDFTOTEXT, "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    pages = []
    for page in ElementTree.fromstring(xml).iter("page"):
        pages.append(
            [
                (float(ln.get("xMin", 0)), float(ln.get("yMin", 0)), float(ln.get("xMax", 0)), float(ln.get("yMax", 0)), " ".join(w.text or "" for w in ln.iter("word")))
                for ln in page.iter("line")
            ]
        )
    return pages


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


HEADING = re.compile(
    r'<h2[^>]*>(?P<h2>.*?)</h2>(?:<p class="lede">(?P<lede>.*?)</p>)?'
    r'|<div class="fw-head"><h3>(?P<fw>.*?)</h3>(?P<about>.*?)</div>'
    r"|<h3>(?P<h3>.*?)</h3>"
    r'|<tr class="episode"><th[^>]*>(?P<episode>.*?)</th>',
    re.S,
)


def headings(page: str) -> list[tuple[str, str]]:
    """(heading, the lines printed with it) in document order: sections, card groups, frameworks, the decisions' episodes."""
    out = []
    for m in HEADING.finditer(page):
        if m["h2"] is not None:
            out.append((_text(m["h2"]), _text(m["lede"] or "")))
        elif m["fw"] is not None:
            out.append((_text(m["fw"]), _text(m["about"])))
        elif m["h3"] is not None:
            before = page[: m.start()]
            if before.rfind('<div class="stage">') <= before.rfind("</div></div>"):  # a reflection box stays whole anyway
                out.append((_text(m["h3"]), ""))
        else:
            out.append((_text(m["episode"]), ""))
    return out


def stranded(pages: list[list[Line]], page: str) -> list[str]:
    """Headings with nothing of theirs under them on their page (only their opening lines) while the text goes on overleaf."""
    found, at, used = [], 0, set()
    for head, lede in headings(page):
        hit = next(
            ((p, i) for p in range(at, len(pages)) for i, ln in enumerate(pages[p]) if (p, i) not in used and ln[4] and head.startswith(ln[4]) and len(ln[4]) >= min(len(head), 12)),
            None,
        )
        if hit is None:
            found.append(f"{head} (not printed)")
            continue
        p, i = hit
        at = p
        used.add(hit)
        x0, _, x1, y1, _ = pages[p][i]
        under = [ln for ln in pages[p] if ln[1] > y1 - 0.5 and ln[0] < x1 and ln[2] > x0 and ln[4] and not head.endswith(ln[4]) and not (lede and ln[4] in lede)]
        if not under and p + 1 < len(pages):
            found.append(f"{head} (foot of page {p + 1})")
    return found


@pytest.mark.parametrize("record", ["harris-enabler", "harris-barrier"])
def test_a_whole_case_prints_on_a4_in_about_a_dozen_pages(tmp_path: Path, record: str):
    """Every page A4 (210 x 297 mm), no more pages than measured for an eleven-month case with every decision, and no heading stranded at a page's foot."""
    if not Path(CHROMIUM).exists() or not Path(PDFTOTEXT).exists():
        pytest.fail("Debian's chromium and poppler-utils are needed; `make test` installs them")
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
    assert 6 <= len(sizes) <= MOST_PAGES[record], len(sizes)
    for w, h in sizes:
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2, (w, h)  # A4 in points, never Letter (612 x 792)
    lines = printed_lines(pdf)
    assert len(lines) == len(sizes)
    assert stranded(lines, page.read_text(encoding="utf-8")) == []


def test_the_stranded_heading_check_finds_one():
    """The check itself: a heading whose only line under it is its opening paragraph, with a page after, is reported; one with text under it is not."""
    page = '<h2 id="a">Your scores</h2><p class="lede">Each bar runs from the lowest.</p><h2 id="b">Sources</h2><p class="lede">The research.</p>'
    foot = [[(30, 700, 200, 712, "Your scores"), (30, 716, 300, 726, "Each bar runs from the lowest.")], [(30, 40, 200, 52, "Sources"), (30, 56, 200, 66, "The research."), (30, 70, 200, 80, "1. Baker")]]
    assert stranded(foot, page) == ["Your scores (foot of page 1)"]
    foot[0].append((30, 730, 300, 740, "Tone"))
    assert stranded(foot, page) == []
