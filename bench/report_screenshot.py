"""Render debrief reports to HTML and photograph them with Debian's headless Chromium.

For each scenario at hand (the worked example, the tests' mini scenario, a
generated eleven-month case, and the Harris family case once it validates)
this plays a mixed playthrough (enabler first, then seeded random choices),
builds the record and the debrief, writes ``bench/out/report-<id>.html`` and
``.json``, and takes ``bench/out/report-<id>.png`` in a real browser, so the
design can be looked at, not assumed. ``--tall`` takes a second, taller
screenshot of the whole page. Install the browser with
``apt-get install -y chromium`` if /usr/bin/chromium is missing.

    python bench/report_screenshot.py [--height 2400] [--tall]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (bench/ is not a package)

from simulator.engine.autoplay import prefer, seeded_random  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.records.record import build_record  # noqa: E402
from simulator.report.debrief import build_debrief  # noqa: E402
from simulator.report.html import render  # noqa: E402
from simulator.report.reflection import with_reflections  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402
from simulator.scenario.model import Choice, Scenario  # noqa: E402

PROJECT = HERE.parent
OUT = HERE / "out"
SAMPLE_REFLECTION = {
    "description": "I went to a first visit with a parent who was worried about why I had come. I explained who I was at the door.",
    "feelings": "I felt rushed before I left the office, and relieved when Ann let me in.",
}


def browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(html: Path, png: Path, width: int, height: int) -> bool:
    """Photograph ``html`` with headless Chromium (no network, throwaway profile)."""
    exe = browser()
    if exe is None:
        print("no chromium found: apt-get install -y chromium")
        return False
    with tempfile.TemporaryDirectory(prefix="doorstep-chromium-") as profile:
        cmd = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={width},{height}", html.resolve().as_uri(),
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not png.is_file():
        print(f"chromium failed ({done.returncode}): {done.stderr.strip()[-400:]}")
        return False
    return True


def mixed_playthrough(scenario: Scenario, seed: int) -> Session:
    """Enabler at the first decision, then seeded random: a path that parts from both canonical ones."""
    session = Session.start(scenario, seed)
    enabler, rand = prefer("enabler"), seeded_random(seed)
    first = True

    def pick(offered: Sequence[Choice]) -> Choice:
        return enabler(offered) if first else rand(offered)

    while not session.finished:
        if session.choices:
            session.choose(pick(session.choices))
            first = False
        elif session.can_proceed:
            session.proceed()
        else:
            break
    return session


def cases(tmp: Path) -> list[tuple[str, Path, int, dict[str, str]]]:
    found = [
        ("small-visit", PROJECT / "docs" / "examples" / "small-visit", 4, {}),
        ("mini", PROJECT / "tests" / "fixtures" / "mini", 1, SAMPLE_REFLECTION),
        ("generated", generate(tmp / "generated", nodes=400, seed=3), 2, {}),
    ]
    harris = PROJECT / "scenarios" / "harris-family"
    if (harris / "scenario.yaml").is_file():
        found.append(("harris-family", harris, 7, {}))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--tall", action="store_true", help="also take a screenshot tall enough for the whole page")
    parser.add_argument("--tall-height", type=int, default=9000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="doorstep-report-") as tmp:
        for name, path, seed, reflections in cases(Path(tmp)):
            result = load_scenario(path)
            if result.scenario is None:
                print(f"{name}: does not validate yet ({len(result.errors)} errors); skipped")
                continue
            session = mixed_playthrough(result.scenario, seed)
            record = build_record(session, {"mode": "coach"})
            if reflections:
                record = with_reflections(record, reflections)
            debrief = build_debrief(result.scenario, record)
            html = OUT / f"report-{name}.html"
            html.write_text(render(debrief), encoding="utf-8")
            (OUT / f"report-{name}.json").write_text(json.dumps(debrief.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            shots = [(OUT / f"report-{name}.png", args.height)]
            if args.tall:
                shots.append((OUT / f"report-{name}-tall.png", args.tall_height))
            for png, height in shots:
                ok = screenshot(html, png, args.width, height)
                failures += not ok
                print(f"{name}: {html.relative_to(PROJECT)} -> {png.relative_to(PROJECT) if ok else 'no screenshot'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
