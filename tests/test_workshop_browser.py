"""A whole case as a workshop in real browsers: Debian's chromium (headless, through chromedriver) and plain HTTP phones.

The real command runs the room (``doorstep workshop --no-window`` on loopback);
two chromium phones (one at a phone's size, joining by the QR link; one typing
the code) and two HTTP phones with no script vote at every decision; the
facilitator drives over HTTP. The browsers must show the count while voting
and the tally only after the reveal, pushed to them without a reload. At the
end the report's tallies, the path followed and the store's record are checked
against the votes cast. `make test` installs chromium and chromium-driver when
they are missing; if they are still missing this test fails, it never skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_workshop_server import Phone

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def browser(tmp: Path, name: str, *, phone_size: bool, text_px: int = 16) -> object:
    """Headless chromium, at a phone's size if asked, with the phone's text size as its default font size in pixels."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("chromium and chromedriver are needed (Debian's chromium and chromium-driver); `make test` installs them")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp / name}")
    if phone_size:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0}})
    if text_px != 16:
        options.add_experimental_option("prefs", {"webkit.webprefs.default_font_size": text_px})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def start_room(tmp: Path, scenario: str, *, extra: tuple[str, ...] = (), port: int = 0) -> tuple[subprocess.Popen[str], str, str, str]:
    env = {**os.environ, "DOORSTEP_DATA_DIR": str(tmp / "data"), "PYTHONUNBUFFERED": "1"}
    env.pop("DOORSTEP_RAISE", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "workshop", str(ROOT / "scenarios" / scenario), "--no-window", "--host", "127.0.0.1", "--port", str(port), "--report-dir", str(tmp / "reports"), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    lines = []
    while len(lines) < 3:
        line = proc.stdout.readline()
        assert line, f"the workshop command stopped: {proc.stderr.read() if proc.stderr else ''}"
        lines.append(line)
    text = "".join(lines)
    base = re.search(r"(http://127\.0\.0\.1:\d+) with the room code (\w+)", text)
    host = re.search(r"(http://127\.0\.0\.1:\d+/host/\S+)", text)
    assert base and host, text
    return proc, base.group(1), base.group(2), host.group(1)


@pytest.fixture
def tmp(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


def act(host: str, action: str, value: str = "") -> dict[str, object]:
    data = urllib.parse.urlencode({"do": action, "value": value, "sure": "on"}).encode()
    request = urllib.request.Request(f"{host}/act", data=data, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return dict(json.load(reply))


def state(host: str) -> dict[str, object]:
    with urllib.request.urlopen(f"{host}/state", timeout=10) as reply:
        return dict(json.load(reply))


def wait_for(driver: object, text: str, timeout: float = 10.0) -> None:
    """Until the live part of the page says ``text`` (it is replaced as updates arrive, so a stale look is looked again)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: text in d.find_element(By.ID, "live").text)  # type: ignore[attr-defined]


def click_option(driver: object, letter: str) -> None:
    """Tap the option with this letter (looked up again if an update replaced it under the finger)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for _ in range(20):
        try:
            driver.find_element(By.XPATH, f'//button[@name="option"][.//span[@class="letter" and text()="{letter}"]]').click()  # type: ignore[attr-defined]
            return
        except StaleElementReferenceException:
            continue
    raise AssertionError(f"option {letter} could not be tapped")


@pytest.mark.slow
def test_a_whole_case_as_a_workshop_with_browser_and_http_phones(tmp: Path) -> None:
    """Browsers and HTTP phones vote at every decision; tallies, the path followed, the report and the store all agree."""
    from selenium.webdriver.common.by import By

    proc, base, code, host = start_room(tmp, "campbell-care-act")
    drivers = []
    try:
        qr_phone = browser(tmp, "a", phone_size=True)
        typing_phone = browser(tmp, "b", phone_size=False)
        drivers += [qr_phone, typing_phone]
        qr_phone.get(f"{base}/?code={code}")  # type: ignore[attr-defined]
        typing_phone.get(base + "/")  # type: ignore[attr-defined]
        typing_phone.find_element(By.ID, "code").send_keys(code.lower())  # type: ignore[attr-defined]
        typing_phone.find_element(By.CSS_SELECTOR, "form.join button").click()  # type: ignore[attr-defined]
        for d in drivers:
            wait_for(d, "Watch the screen")
        http_phones = [Phone(base), Phone(base)]
        for p in http_phones:
            assert p.join(code) == 303
        assert state(host)["joined"] == 4
        votes_cast: list[Counter[str]] = []
        for _ in range(400):
            now = state(host)
            if now["stage"] == "ending":
                break
            if now["stage"] != "question":
                act(host, "forward")
                continue
            act(host, "forward")  # open voting
            options = [o["id"] for o in now["question"]["options"]]  # type: ignore[index]
            counted: Counter[str] = Counter()
            for i, d in enumerate(drivers):
                wait_for(d, "Voting is open")
                letter = "AB"[i % 2] if len(options) > 1 else "A"
                click_option(d, letter)
                wait_for(d, f"Your vote: {letter}")
                counted[options["AB".index(letter)]] += 1
            for i, p in enumerate(http_phones):
                choice = options[-1] if i == 0 else options[0]
                assert p.ask("/vote", {"option": choice})[0] == 303
                counted[choice] += 1
            wait_for(drivers[0], "4 of 4 phones have voted")
            assert "How the room voted" not in drivers[0].find_element(By.ID, "live").text  # type: ignore[attr-defined]
            assert http_phones[0].state()["tally"] is None
            act(host, "forward")  # close
            act(host, "forward")  # reveal
            for d in drivers:
                wait_for(d, "How the room voted")  # pushed, no reload
            assert state(host)["tally"] == {o: counted.get(o, 0) for o in options}
            act(host, "forward")  # the room follows its most-voted option
            votes_cast.append(counted)
        else:
            raise AssertionError("the case never ended")
        ending = act(host, "forward")
        assert ending["ok"]
    finally:
        for d in drivers:
            d.quit()  # type: ignore[attr-defined]
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    out = proc.stdout.read() if proc.stdout else ""
    assert proc.returncode == 0 and "Workshop report written to" in out
    report = json.loads(next((tmp / "reports").glob("workshop-*.json")).read_text(encoding="utf-8"))
    assert len(report["decisions"]) == len(votes_cast) > 3 and report["phones"] == 4 and report["finished"]
    for decision, counted in zip(report["decisions"], votes_cast, strict=True):
        assert {o["id"]: o["votes"] for o in decision["options"]} == {o["id"]: counted.get(o["id"], 0) for o in decision["options"]}
        top = max(counted.values())
        assert counted[decision["chosen"]] == top and decision["revealed"]
    assert [p["choice"] for p in report["path"]] == [d["chosen"] for d in report["decisions"]]
    assert report["ending"]["title"] and report["debrief"]["finished"]
    page = next((tmp / "reports").glob("workshop-*[0-9].html")).read_text(encoding="utf-8")
    assert page.count('class="decision"') == len(votes_cast)
    with sqlite3.connect(tmp / "data" / "records.sqlite3") as db:
        kept = json.loads(db.execute("SELECT summary FROM workshops").fetchone()[0])
    assert kept["decisions"] == report["decisions"] and "doorstep_phone" not in json.dumps(kept)
