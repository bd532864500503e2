"""WCAG 2.2 AA, checked by axe-core in Debian's headless chromium: the debrief report, the cohort page, the workshop
report, the facilitator's page and the workshop's phone page in every state a phone can see. Zero violations, of the
WCAG 2.0, 2.1 and 2.2 A and AA rules and of axe's best practices too.

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
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT

from tests.test_workshop_browser import act, browser, start_room, state, wait_for

pytestmark = pytest.mark.slow
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.0, 2.1 and 2.2 A and AA, and of its best practices, on the page the driver shows."""
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


def test_axe_finds_what_it_should_on_a_page_made_wrong(chromium: Any, tmp_path: Path) -> None:
    """The checker itself works here: a picture with no text, grey on grey and a nameless button are found (so zero elsewhere means zero)."""
    page = tmp_path / "wrong.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Wrong</title></head><body><main><h1>Wrong</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#aaa;background:#bbb">faint</p><button></button></main></body></html>',
        encoding="utf-8",
    )
    chromium.get(page.as_uri())
    assert {v["id"] for v in axe(chromium)} >= {"image-alt", "color-contrast", "button-name"}


def open_details(driver: Any) -> None:
    """Open every disclosure on the page (content notes and support, what was said before), so axe checks what is inside."""
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")


def test_every_state_of_the_phone_page_the_facilitators_page_and_the_workshop_report_have_no_wcag_violations(chromium: Any, tmp_path: Path) -> None:
    """Each state a phone can see (joining, a wrong code, watching, a vote to come, voting, voted, a timer, paused, closed, revealed,
    settled, stepped out, ended, a refused page), every disclosure open, the facilitator's page as it drives, then the report: no violations."""
    from selenium.webdriver.common.by import By

    proc, base, code, host = start_room(tmp_path, "campbell-care-act")
    seen: dict[str, list[dict[str, Any]]] = {}

    def check(name: str, page: Any = None) -> None:
        driver = page or chromium
        open_details(driver)
        seen[name] = axe(driver)

    def phone_says(text: str) -> None:
        wait_for(chromium, text)

    try:
        chromium.get(base + "/")
        check("join")
        chromium.find_element(By.ID, "code").send_keys("ZZZZ")
        chromium.find_element(By.CSS_SELECTOR, "form.join button").click()
        check("join, a wrong code")
        chromium.get(base + "/nowhere")
        check("a page that is not there")
        chromium.get(f"{base}/?code={code}")
        phone_says("Watch the screen")
        check("watching")
        chromium.execute_script("window.open('about:blank', 'host')")
        main = chromium.current_window_handle
        chromium.switch_to.window("host")
        chromium.get(host)
        check("facilitator, at the start")
        chromium.switch_to.window(main)
        for _ in range(50):
            if state(host)["stage"] == "question":
                break
            act(host, "forward")
        phone_says("Voting opens soon")
        check("a vote to come")
        act(host, "forward")  # open voting
        phone_says("Voting is open")
        check("voting")
        chromium.find_element(By.CSS_SELECTOR, 'button[name="option"]').click()
        phone_says("Your vote")
        check("voted")
        act(host, "timer", "3")
        phone_says("Discussion")
        check("voted, a discussion timer running")
        act(host, "pause")
        phone_says("Paused for discussion")
        check("paused for discussion")
        act(host, "pause")
        chromium.switch_to.window("host")
        chromium.get(host)
        check("facilitator, voting open")
        chromium.switch_to.window(main)
        act(host, "timer-stop")
        act(host, "forward")  # close
        phone_says("Voting has closed")
        check("closed")
        act(host, "forward")  # reveal
        phone_says("How the room voted")
        check("revealed")
        act(host, "choose")  # the room's own choice: what came of it
        for _ in range(50):
            if state(host)["phase"] == "settled":
                break
            time.sleep(0.1)
        assert state(host)["phase"] == "settled"
        phone_says(str(state(host)["outcome"]["heading"]))  # type: ignore[index]
        check("settled, with what came of the choice")
        chromium.switch_to.window("host")
        chromium.get(host)
        check("facilitator, after the reveal")
        chromium.switch_to.window(main)
        act(host, "step-out")
        phone_says("The room has stepped out")
        check("stepped out")
        act(host, "step-out")
        act(host, "end")  # the workshop ends early: its report is written
        phone_says("The workshop has ended")
        check("ended")
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for page in sorted((tmp_path / "reports").glob("workshop-*.html")):
        chromium.get(page.as_uri())
        check(page.name)
    assert {k: described(v) for k, v in seen.items() if v} == {}
    assert len(seen) >= 19, sorted(seen)
