"""WCAG 2.2 AA, checked by axe-core in Debian's headless chromium: the debrief report, the cohort page, the workshop
report and the workshop's phone page in each of its states. Zero violations.

axe-core comes from the npm lock (package-lock.json; make test runs npm ci);
chromium and chromedriver from Debian (make test installs them). A missing
part fails the test, never skips it. What axe cannot judge (whether words
make sense read aloud, reflow at 320 px, focus order by meaning) is looked at
by hand; see docs/accessibility.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT

from tests.test_workshop_browser import act, browser, start_room, state, wait_for

pytestmark = pytest.mark.slow
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.0, 2.1 and 2.2 A and AA on the page the driver shows."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: make test runs `npm ci` (package-lock.json) to install it")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(TAGS)}}}, resultTypes: ['violations']}})"
        ".then(r => done(r.violations), e => done([{id: 'axe-failed', help: String(e), nodes: []}]));"
    )
    return found


def described(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']} ({v.get('impact')}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in violations)


def doorstep(*args: str, cwd: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "simulator", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("axe")
    driver = browser(tmp, "axe", phone_size=False)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Debriefs of several shapes (enabler, barrier, safety errors, an adult case, a six-week case) and a cohort page."""
    out = tmp_path_factory.mktemp("reports")
    made: dict[str, Path] = {}
    plays = {
        "harris-enabler": ("harris-family", "enabler", "0"),
        "harris-barrier": ("harris-family", "barrier", "0"),
        "harris-random": ("harris-family", "random", "7"),
        "campbell-random": ("campbell-care-act", "random", "3"),
        "jay-enabler": ("jay-residential", "enabler", "0"),
    }
    records = []
    for name, (case, policy, seed) in plays.items():
        record = out / f"{name}.json"
        doorstep("play", str(PROJECT / "scenarios" / case), "--text", "--auto", policy, "--seed", seed, "--record", str(record), cwd=out)
        doorstep("report", str(record), "--html", str(out / f"{name}.html"), cwd=out)
        made[name] = out / f"{name}.html"
        if case == "harris-family":
            records.append(str(record))
    doorstep("cohort", *records, "--html", str(out / "cohort.html"), cwd=out)
    made["cohort"] = out / "cohort.html"
    return made


@pytest.mark.parametrize("name", ["harris-enabler", "harris-barrier", "harris-random", "campbell-random", "jay-enabler", "cohort"])
def test_reports_have_no_wcag_violations(chromium: Any, reports: dict[str, Path], name: str) -> None:
    """The self-contained debrief and cohort pages pass every WCAG 2.2 A and AA rule axe-core checks."""
    chromium.get(reports[name].as_uri())
    violations = axe(chromium)
    assert violations == [], described(violations)


def test_the_phone_page_and_the_workshop_report_have_no_wcag_violations(chromium: Any, tmp_path: Path) -> None:
    """The phone page before joining, waiting, voting, after voting and at the reveal, then the workshop's report: no violations."""
    proc, base, code, host = start_room(tmp_path, "campbell-care-act")
    seen: dict[str, list[dict[str, Any]]] = {}
    try:
        chromium.get(base + "/")
        seen["join"] = axe(chromium)
        chromium.get(f"{base}/?code={code}")
        wait_for(chromium, "Watch the screen")
        seen["waiting"] = axe(chromium)
        for _ in range(50):
            if state(host)["stage"] == "question":
                break
            act(host, "forward")
        act(host, "forward")  # open voting
        wait_for(chromium, "Voting is open")
        seen["voting"] = axe(chromium)
        from selenium.webdriver.common.by import By

        chromium.find_element(By.CSS_SELECTOR, 'button[name="option"]').click()
        wait_for(chromium, "Your vote")
        seen["voted"] = axe(chromium)
        act(host, "forward")  # close
        act(host, "forward")  # reveal
        wait_for(chromium, "How the room voted")
        seen["revealed"] = axe(chromium)
        act(host, "end")  # the workshop ends early: its report is written
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for page in sorted((tmp_path / "reports").glob("workshop-*.html")):
        chromium.get(page.as_uri())
        seen[page.name] = axe(chromium)
    assert {k: described(v) for k, v in seen.items() if v} == {}
    assert len(seen) >= 6
