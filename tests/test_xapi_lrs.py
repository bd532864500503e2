"""Against a real LRS (Ralph): statements arrive and validate, pushes are idempotent, offline and kill -9 lose nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from loopback_lrs import Proxy
from lrs_ralph import LRS_BIN, PASSWORD, USERNAME
from xapi_helpers import PROJECT, START, harris, save_playthrough, scenarios_of

from simulator.records import outbox
from simulator.records.store import Store
from simulator.xapi.identity import Options
from simulator.xapi.lrs import Client
from simulator.xapi.sender import Sender, push

DOORSTEP = [sys.executable, "-m", "simulator"]
IMMUTABLE = ("id", "actor", "verb", "object", "result", "context")

VALIDATE = """
import json, sys
from ralph.models.xapi.base.statements import BaseXapiStatement
bad = []
for s in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(s)
    except Exception as exc:
        bad.append(f"{s.get('id')}: {exc}")
print(json.dumps(bad))
"""


@pytest.fixture(scope="module")
def scenario():
    return harris()


def run(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DOORSTEP, *args], capture_output=True, text=True, timeout=300, cwd=PROJECT, **kw)


def credentials(endpoint: str) -> list[str]:
    return ["--endpoint", endpoint, "--username", USERNAME, "--password", PASSWORD]


def strictly_invalid(statements: list[dict]) -> list[str]:
    """Ralph's own strict xAPI model (extra properties forbidden, IRIs and language tags checked) on each statement."""
    done = subprocess.run([str(LRS_BIN / "python"), "-c", VALIDATE], input=json.dumps(statements), capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_a_whole_harris_playthrough_arrives_validates_and_a_second_push_adds_none(ralph, tmp_path):
    """Every statement of a Harris playthrough is stored as sent, passes Ralph's strict model, and pushing again adds none."""
    record = tmp_path / "run.json"
    assert run("play", "scenarios/harris-family", "--text", "--auto", "random", "--seed", "21", "--name", "Ruth Pellow", "--record", str(record)).returncode == 0
    printed = run("xapi", "statements", str(record))
    assert printed.returncode == 0, printed.stderr
    sent = json.loads(printed.stdout)
    first = run("xapi", "push", str(record), *credentials(ralph.endpoint))
    assert first.returncode == 0, first.stderr
    assert f"{len(sent)} statements for {ralph.endpoint}: {len(sent)} new, 0 already there." in first.stdout
    stored = ralph.registration(sent[0]["context"]["registration"])
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in sent)
    by_id = {s["id"]: s for s in stored}
    for s in sent:
        assert {k: by_id[s["id"]].get(k) for k in IMMUTABLE} == {k: s.get(k) for k in IMMUTABLE}
    assert strictly_invalid(stored) == []
    second = run("xapi", "push", str(record), *credentials(ralph.endpoint))
    assert second.returncode == 0, second.stderr
    assert f"0 new, {len(sent)} already there." in second.stdout
    assert len(ralph.registration(sent[0]["context"]["registration"])) == len(sent)


def test_bad_lrs_settings_are_one_line_and_an_exit_code(ralph, tmp_path):
    """A wrong password, a wrong path, nothing listening: one line on stderr, exit 1, no traceback."""
    record = tmp_path / "run.json"
    run("play", "scenarios/harris-family", "--text", "--auto", "enabler", "--record", str(record))
    dead = Proxy(1)
    dead.up = False
    cases = {
        "password": ["--endpoint", ralph.endpoint, "--username", USERNAME, "--password", "wrong"],
        "path": ["--endpoint", ralph.endpoint.replace("/xAPI/", "/nothing/"), "--username", USERNAME, "--password", PASSWORD],
        "offline": ["--endpoint", dead.endpoint, "--username", USERNAME, "--password", PASSWORD],
    }
    try:
        for name, args in cases.items():
            done = run("xapi", "push", str(record), *args)
            assert done.returncode == 1, name
            assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, (name, done.stderr)
    finally:
        dead.close()


def _everything_once(ralph, store: Store) -> None:
    """The LRS holds every statement the outbox holds (voided ones' voiding included), each exactly once."""
    rows = outbox.rows(store)
    assert rows and all(r.state in ("sent", "voided") for r in rows)
    for registration in {r.registration for r in rows}:
        stored = [s["id"] for s in ralph.registration(registration)]
        assert len(stored) == len(set(stored)), "a statement was stored twice"
        expected = {r.statement_id for r in rows if r.registration == registration and r.state == "sent"}
        assert set(stored) == expected


def test_offline_for_days_then_back_delivers_everything_exactly_once(ralph, tmp_path, scenario):
    """The background sender fails while the network is gone (play goes on), backs off, and sends all once it is back."""
    store, _ = Store.open(tmp_path / "records.sqlite3")
    proxy = _proxy(ralph)
    proxy.up = False
    clock = {"now": START}
    sender = Sender(
        lambda: Store.open(store.path, repair=False)[0],
        Client(proxy.endpoint, USERNAME, PASSWORD, timeout=10),
        scenarios_of(scenario),
        Options(),
        lambda: clock["now"],
        quiet_s=0.05,
    )
    try:
        save_playthrough(store, scenario, "enabler", 31, steps=30)
        sender.start()
        sender.nudge()
        deadline = time.monotonic() + 60
        while outbox.status(store).failures < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        first = outbox.status(store)
        assert first.failures == 1 and first.counts["sent"] == 0 and first.waiting > 0
        for day in range(1, 4):  # days offline: play goes on, attempts keep failing when due
            save_playthrough(store, scenario, "random", 31 + day)
            clock["now"] = START + timedelta(days=day)
            sender.nudge()
            while outbox.status(store).failures < 1 + day and time.monotonic() < deadline:
                time.sleep(0.05)
        offline = outbox.status(store)
        assert offline.failures == 4 and offline.counts["sent"] == 0
        assert "could not reach the LRS" in offline.last_error or "connection" in offline.last_error
        proxy.up = True
        clock["now"] = START + timedelta(days=5)
        sender.nudge()
        # The last batch is marked sent a moment before the attempt's success clears the failures: wait for both,
        # or a loaded machine reads the status in between (a fresh clone's suite did, at load 9).
        deadline = time.monotonic() + 60
        while ((back := outbox.status(store)).waiting or back.failures) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert back.waiting == 0 and back.failures == 0
    finally:
        sender.stop()
        proxy.close()
    _everything_once(ralph, store)
    store.close()


def _proxy(ralph):
    """A proxy in front of the test LRS (see loopback_lrs.Proxy)."""
    return Proxy(int(ralph.endpoint.split(":")[2].split("/")[0]))


def _killed_holding(ralph, tmp_path, scenario, seeds, hold_post, start):
    """Playthroughs saved; ``start(path, endpoint)`` sends them through a proxy that withholds the answer to POST ``hold_post``; killed then (SIGKILL to its group). The store's path."""
    path = tmp_path / "records.sqlite3"
    store, _ = Store.open(path)
    for seed in seeds:
        save_playthrough(store, scenario, "random", seed)
    store.close()
    proxy = _proxy(ralph)
    proxy.hold_post = hold_post
    process = start(path, proxy.endpoint)
    try:
        assert proxy.held.wait(120), f"batch {hold_post} never reached the LRS"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
    finally:
        proxy.close()
    return path


def _the_next_push_completes_it(ralph, path, scenario, known_sent):
    """After the kill: ``known_sent`` statements known sent, the batch in doubt among the waiting; a push finds it there and sends the rest, each once."""
    store, _ = Store.open(path)
    status = outbox.status(store)
    assert status.counts["sent"] == known_sent and status.waiting > 50
    done = push(store, Client(ralph.endpoint, USERNAME, PASSWORD), scenarios_of(scenario), Options(), lambda: START)
    assert done.error is None and done.tally.already == 50 and done.tally.new == status.waiting - 50
    _everything_once(ralph, store)
    store.close()


def test_kill_9_mid_push_loses_nothing_and_sends_nothing_twice(ralph, tmp_path, scenario):
    """The LRS stores a batch, the pusher is killed before hearing so; the next push sends the rest and nothing twice."""

    def pusher(path, endpoint):
        command = [*DOORSTEP, "xapi", "push", "--store", str(path), *credentials(endpoint)]
        return subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)

    path = _killed_holding(ralph, tmp_path, scenario, range(41, 45), 3, pusher)
    _the_next_push_completes_it(ralph, path, scenario, 100)  # two batches known sent; the third in doubt


BACKGROUND = """
import sys, time
sys.path.insert(0, "tests")
from xapi_helpers import harris, scenarios_of, START
from lrs_ralph import USERNAME, PASSWORD
from simulator.records.store import Store
from simulator.xapi.identity import Options
from simulator.xapi.lrs import Client
from simulator.xapi.sender import Sender
path, endpoint = sys.argv[1:]
sender = Sender(lambda: Store.open(path, repair=False)[0], Client(endpoint, USERNAME, PASSWORD), scenarios_of(harris()), Options(), lambda: START, quiet_s=0.0)
sender.start()
sender.nudge()
time.sleep(600)
"""


def test_kill_9_of_the_background_sender_mid_send_loses_nothing(ralph, tmp_path, scenario):
    """The window's sender thread is killed with its process after the LRS stored a batch, unanswered: the next push completes it, once."""

    def window(path, endpoint):
        return subprocess.Popen([sys.executable, "-c", BACKGROUND, str(path), endpoint], cwd=PROJECT, start_new_session=True)

    path = _killed_holding(ralph, tmp_path, scenario, range(71, 74), 2, window)
    _the_next_push_completes_it(ralph, path, scenario, 50)  # one batch known sent; the second in doubt


def test_an_export_pushed_after_the_window_sent_it_adds_nothing(ralph, tmp_path, scenario):
    """The export carries the registration and pseudonym the outbox used: pushing it finds every statement already there."""
    store, _ = Store.open(tmp_path / "records.sqlite3")
    pid = save_playthrough(store, scenario, "enabler", 51)
    done = push(store, Client(ralph.endpoint, USERNAME, PASSWORD), scenarios_of(scenario), Options(), lambda: START)
    assert done.error is None and done.tally.new > 50
    export = store.export(pid)
    (tmp_path / "export.json").write_text(json.dumps(export))
    store.close()
    again = run("xapi", "push", str(tmp_path / "export.json"), *credentials(ralph.endpoint))
    assert again.returncode == 0, again.stderr
    assert f": 0 new, {done.tally.new} already there." in again.stdout
    stored = ralph.registration(export["xapi"]["registration"])
    assert len(stored) == done.tally.new
    assert {s["actor"]["account"]["name"] for s in stored} == {export["xapi"]["account"]}


ZONED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def test_xapi_2_is_said_on_every_request_and_the_statements_keep_its_stricter_rules(ralph, tmp_path, scenario):
    """--xapi-version 2.0.0: every request (push, its lookups, cohort) says 2.0.0; what is sent keeps what both versions allow."""
    path = tmp_path / "records.sqlite3"
    store, _ = Store.open(path)
    save_playthrough(store, scenario, "random", 61)
    save_playthrough(store, scenario, "enabler", 62, steps=20)
    store.close()
    proxy = _proxy(ralph)
    try:
        done = run("xapi", "push", "--store", str(path), "--xapi-version", "2.0.0", *credentials(proxy.endpoint))
        assert done.returncode == 0, done.stderr
        again = run("xapi", "push", "--store", str(path), "--xapi-version", "2.0.0", *credentials(proxy.endpoint))
        assert again.returncode == 0 and "0 statements queued; sent to" in again.stdout and ": 0 new, 0 already there; 0 waiting." in again.stdout, again.stdout
        cohort = run("cohort", "--only", scenario.id, "--json", str(tmp_path / "c.json"), "--xapi-version", "2.0.0", *credentials(proxy.endpoint))
        assert cohort.returncode == 0, cohort.stderr
        assert proxy.posts >= 1 and proxy.versions and set(proxy.versions) == {"2.0.0"}
        proxy.versions.clear()
        assert run("cohort", "--only", scenario.id, "--json", str(tmp_path / "d.json"), *credentials(proxy.endpoint)).returncode == 0
        assert set(proxy.versions) == {"1.0.3"}
    finally:
        proxy.close()
    store, _ = Store.open(path)
    try:
        sent = [r.statement for r in outbox.rows(store)]
        assert sent and all(r.state == "sent" for r in outbox.rows(store))
        for s in sent:
            assert "version" not in s and "authority" not in s  # the LRS sets both
            assert all(isinstance(v, list) for v in s["context"].get("contextActivities", {}).values())
            assert ZONED.match(s["timestamp"]), s["timestamp"]
        _everything_once(ralph, store)
    finally:
        store.close()
