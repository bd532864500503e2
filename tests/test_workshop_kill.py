"""A workshop whose process is killed (kill -9, as a power cut) loses nothing the room or the facilitator was told was taken.

The real ``doorstep workshop --no-window`` runs in its own process; phones
join and vote over HTTP, the facilitator settles a decision and types a note,
and while a second round of votes is arriving the process gets SIGKILL at a
random moment. The next ``doorstep workshop`` keeps the stopped session: its
row in the store holds every acknowledged vote, decision and note, and its
report is written.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from simulator.records import workshops
from simulator.records.store import FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent
CASE = str(ROOT / "scenarios" / "campbell-care-act")
PHONES = 8

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL as POSIX sends it")


def start(tmp: Path) -> tuple[subprocess.Popen[str], str, str, str]:
    """The workshop command in a process of its own: it, what it printed first, the phones' address and the facilitator's."""
    env = {**os.environ, "DOORSTEP_DATA_DIR": str(tmp / "data"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "simulator", "workshop", CASE, "--no-window", "--host", "127.0.0.1", "--port", "0", "--report-dir", str(tmp / "reports")]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    text = ""
    deadline = time.monotonic() + 60
    while "Press Ctrl-C" not in text and time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line, f"the workshop command stopped: {proc.stderr.read() if proc.stderr else ''}"
        text += line
    phones = re.search(r"Phones join at (http://127\.0\.0\.1:\d+)\S* with the room code (\w+)", text)
    host = re.search(r"(http://127\.0\.0\.1:\d+/host/\S+)", text)
    assert phones and host, text
    return proc, text, phones.group(1) + "|" + phones.group(2), host.group(1)


def post(opener: urllib.request.OpenerDirector, url: str, fields: dict[str, str]) -> dict[str, object]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": "application/json"})
    with opener.open(request, timeout=20) as answer:
        data: dict[str, object] = json.loads(answer.read())
    return data


def join(base_and_code: str) -> urllib.request.OpenerDirector:
    base, code = base_and_code.split("|")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(urllib.request.Request(f"{base}/join", data=urllib.parse.urlencode({"code": code}).encode()), timeout=20):
        pass
    return opener


def act(host: str, do: str, value: str = "") -> dict[str, object]:
    return post(urllib.request.build_opener(), f"{host}/act", {"do": do, "value": value})


def to_voting(host: str) -> list[str]:
    """PageDown until the room is voting; the ids of the options on the screen."""
    for _ in range(200):
        state = act(host, "forward")["state"]
        assert isinstance(state, dict)
        if state["phase"] == "open":
            return [str(o["id"]) for o in state["question"]["options"]]
    raise AssertionError("no decision came up")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_killed_workshop_keeps_every_acknowledged_vote_decision_and_note(tmp_path: Path, seed: int) -> None:
    """SIGKILL mid-vote: the next start keeps the session, with each vote a phone was told was taken, the settled decision and the note."""
    rng = random.Random(seed)
    proc, _, phones_at, host = start(tmp_path)
    try:
        phones = [join(phones_at) for _ in range(PHONES)]
        first = to_voting(host)
        picked = [rng.choice(first) for _ in phones]
        for phone, option in zip(phones, picked, strict=True):
            assert post(phone, phones_at.split("|")[0] + "/vote", {"option": option})["ok"] is True
        for _ in range(3):  # close, reveal, settle: the room's choice is taken
            act(host, "forward")
        assert act(host, "note", "The room argued about the sister's visit.")["said"] == "Note kept."
        second = to_voting(host)
        acknowledged: dict[int, str] = {}
        sent: dict[int, str] = {}

        def vote(i: int) -> None:
            option = rng.choice(second)
            time.sleep(rng.uniform(0, 0.2))
            sent[i] = option
            try:
                if post(phones[i], phones_at.split("|")[0] + "/vote", {"option": option})["ok"] is True:
                    acknowledged[i] = option
            except OSError:
                pass  # killed before it answered: this vote was never acknowledged

        threads = [threading.Thread(target=vote, args=(i,)) for i in range(PHONES)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.02, 0.25))
        proc.send_signal(signal.SIGKILL)
        for t in threads:
            t.join(30)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    again, text, _, host2 = start(tmp_path)
    try:
        said = re.search(r"An earlier workshop of .* stopped without being ended.*kept as workshop (\d+); its report is (\S+)\.", text)
        assert said, text
        act(host2, "end")
        again.wait(30)
    finally:
        if again.poll() is None:
            again.kill()
            again.wait()
    assert Path(said.group(2)).is_file()
    store, _ = Store.open(tmp_path / "data" / FILENAME)
    try:
        kept = workshops.summary(store, int(said.group(1)))
        assert kept is not None and kept["finished"] is False and kept["interrupted"] is True
        assert len(workshops.running(store)) == 0
    finally:
        store.close()
    settled = kept["decisions"][0]
    assert settled["chosen"] is not None
    assert {o["id"]: o["votes"] for o in settled["options"]} == {o: picked.count(o) for o in first}
    assert [n["text"] for n in kept["notes"]] == ["The room argued about the sister's visit."]
    voting = kept["decisions"][1]
    assert voting["chosen"] is None and "stopped while the room was voting" in " ".join(kept["events"])
    stored = {o["id"]: o["votes"] for o in voting["options"]}
    for option in second:  # every acknowledged vote is there; nothing that was never sent is
        assert list(acknowledged.values()).count(option) <= stored[option] <= list(sent.values()).count(option), (acknowledged, sent, stored)
