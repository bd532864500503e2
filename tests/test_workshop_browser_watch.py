"""Watch and predict as a room plays it: chromium phones and HTTP phones predict, one phone drops off the Wi-Fi mid-vote.

The real command runs ``doorstep workshop --mode watch --no-window`` on a port
chosen here (``--port N``); a chromium phone at a phone's size and a chromium
phone at a large text size predict at every decision beside two HTTP phones.
At the second decision the large-text phone loses its network after voting,
hears nothing (the page says, after a quiet spell, that it has lost touch and is
trying again), taps again while offline (the page says that vote was not sent), and comes back: its one vote stands, counted once. Every page
the browsers loaded came from the room's own address, with no policy
violation in their consoles. At the end the report's predictions, each
decision's counts and both versions' answers are checked against the votes.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.test_workshop_browser import act, browser, click_option, start_room, state, wait_for
from tests.test_workshop_server import Phone


class Wifi:
    """The room's Wi-Fi between one phone and the laptop: a relay that can drop out as Wi-Fi does, going quiet.

    While down, whatever either side sends is lost and new connections are taken but never answered: no error
    reaches the phone, as when it wanders out of range. Back up, the old connections are gone and new ones work.
    """

    def __init__(self, port: int) -> None:
        self.target = port
        self.up = True
        self.sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                phone, _ = self.listener.accept()
            except OSError:
                return
            self.sockets.append(phone)
            if not self.up:
                continue  # held, never answered
            laptop = socket.create_connection(("127.0.0.1", self.target))
            self.sockets.append(laptop)
            for a, b in ((phone, laptop), (laptop, phone)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                if self.up:
                    dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.close()

    def drop(self) -> None:
        self.up = False

    def back(self) -> None:
        old, self.sockets = self.sockets, []
        self.up = True
        for s in old:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self.back()
        self.listener.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _live(driver: object) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.ID, "live").text)  # type: ignore[attr-defined]


def _problem(driver: object) -> str:
    from selenium.webdriver.common.by import By

    found = driver.find_elements(By.CSS_SELECTOR, "main > p.problem")  # type: ignore[attr-defined]
    return " ".join(str(p.text) for p in found)


def _until(check: object, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("the page never got there")


@pytest.mark.slow
def test_watch_and_predict_with_browsers_and_a_phone_that_drops_off_the_wifi(tmp_path: Path) -> None:
    """Predictions from browsers and HTTP phones are counted once each, a phone back from offline keeps its vote, nothing comes from elsewhere."""
    port = _free_port()
    proc, base, code, host = start_room(tmp_path, "campbell-care-act", extra=("--mode", "watch"), port=port)
    assert base == f"http://127.0.0.1:{port}"
    drivers = []
    wifi = Wifi(port)
    relayed = f"http://127.0.0.1:{wifi.port}"
    try:
        small = browser(tmp_path, "a", phone_size=True)
        large = browser(tmp_path, "b", phone_size=True, text_px=28)
        drivers += [small, large]
        small.get(f"{base}/?code={code}")  # type: ignore[attr-defined]
        large.get(f"{relayed}/?code={code}")  # type: ignore[attr-defined]
        for d in drivers:
            wait_for(d, "Watch the screen")
        http_phones = [Phone(base), Phone(base)]
        for p in http_phones:
            assert p.join(code) == 303
        cast: list[Counter[str]] = []
        for _ in range(400):
            now = state(host)
            if now["stage"] in ("ending", "ended"):
                break
            if now["stage"] != "question":
                act(host, "forward")
                continue
            assert str(now["question"]["prompt"]).startswith("Which option did the")  # type: ignore[index]
            act(host, "forward")  # open
            options = [o["id"] for o in now["question"]["options"]]  # type: ignore[index]
            counted: Counter[str] = Counter()
            for d in drivers:
                wait_for(d, "Voting is open")
            if not cast:  # another phone votes while this one reads: its buttons stay put, what it opened stays open
                from selenium.webdriver.common.by import By

                button = small.find_element(By.XPATH, '//button[@name="option"][.//span[@class="letter" and text()="B"]]')  # type: ignore[attr-defined]
                small.find_element(By.CSS_SELECTOR, "details.context summary").click()  # type: ignore[attr-defined]
                assert http_phones[1].ask("/vote", {"option": options[0]})[0] == 303  # changed below: one vote each still
                wait_for(small, "1 of 4 phones have voted")
                assert button.is_enabled()  # the same element, not one swapped in under the finger (stale would raise)
                assert small.find_element(By.CSS_SELECTOR, "details.context").get_attribute("open") is not None  # type: ignore[attr-defined]
            click_option(small, "A")
            counted[options[0]] += 1
            letter = "B" if len(options) > 1 else "A"
            click_option(large, letter)
            wait_for(large, f"Your prediction: {letter}")
            counted[options["AB".index(letter)]] += 1
            if len(cast) == 1:
                wifi.drop()
                _until(lambda: "lost touch with the room" in _problem(large), timeout=30)  # its stream goes quiet, no error
                click_option(large, "A")  # tapped while off the Wi-Fi: no answer comes, and it says so
                _until(lambda: "Your prediction may not have reached the room" in _problem(large), timeout=20)
                assert f"Your prediction: {letter}" in _live(large) and state(host)["voted"] == 2  # the small phone and this one, once
                wifi.back()
                _until(lambda: "lost touch" not in _problem(large), timeout=30)
                large.refresh()  # type: ignore[attr-defined]
                wait_for(large, f"Your prediction: {letter}")
            for i, p in enumerate(http_phones):
                choice = options[-1] if i else options[0]
                assert p.ask("/vote", {"option": choice})[0] == 303
                counted[choice] += 1
            wait_for(small, "4 of 4 phones have voted")
            assert state(host)["voted"] == 4 and state(host)["joined"] == 4
            act(host, "forward")  # close
            act(host, "forward")  # reveal
            assert state(host)["tally"] == {o: counted.get(o, 0) for o in options}
            act(host, "forward")  # both versions' choices
            for d in drivers:
                wait_for(d, "worker")
            cast.append(counted)
        else:
            raise AssertionError("the case never ended")
        for d, origin in ((small, base), (large, relayed)):
            loaded = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])")  # type: ignore[attr-defined]
            assert loaded and all(str(u).startswith(origin + "/") for u in loaded), loaded
            logs = [e["message"] for e in d.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]  # type: ignore[attr-defined]
            assert not [m for m in logs if "/events" not in m and "/vote" not in m], logs  # only what failed while off the Wi-Fi
        act(host, "end")
    finally:
        for d in drivers:
            d.quit()  # type: ignore[attr-defined]
        wifi.close()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    report = json.loads(next((tmp_path / "reports").glob("workshop-*.json")).read_text(encoding="utf-8"))
    assert report["mode"] == "watch" and report["phones"] == 4 and len(report["decisions"]) == len(cast) > 2
    asked = right = 0
    for decision, counted in zip(report["decisions"], cast, strict=True):
        assert {o["id"]: o["votes"] for o in decision["options"]} == {o["id"]: counted.get(o["id"], 0) for o in decision["options"]}
        assert sum(o["votes"] for o in decision["options"]) == 4 and decision["chosen"] is None
        answer = decision[decision["asked"]] if decision["asked"] else None
        if answer:
            asked += 1
            right += counted.get(answer, 0)
    assert asked > 2 and report["predictions"] == {"decisions": asked, "votes": 4 * asked, "right": right}
    assert report["path"] == [] and report["endings"]["enabler"]["title"]
