"""The xAPI outbox in the store: queueing, rewinds, voiding, back-off, and delivery's handling of refusals."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import timedelta

import pytest
from xapi_helpers import START, harris, save_playthrough, scenarios_of, stamp

from simulator.analysis.paths import trace_actions
from simulator.records import outbox, storefile
from simulator.records.store import Store
from simulator.xapi import vocab
from simulator.xapi.delivery import deliver
from simulator.xapi.identity import Options
from simulator.xapi.lrs import Client, LRSError, Reply
from simulator.xapi.queue import sync
from simulator.xapi.sender import FIRST_WAIT_S, LONGEST_WAIT_S, backoff, push


@pytest.fixture(scope="module")
def scenario():
    return harris()


@pytest.fixture
def store(tmp_path):
    opened, _ = Store.open(tmp_path / "records.sqlite3")
    yield opened
    opened.close()


def test_a_version_2_store_gains_the_outbox_and_keeps_its_playthroughs(tmp_path, scenario):
    """Format 2 files are migrated to 3: the outbox tables and a secret appear, the layout check passes, nothing else moves."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for version in range(2):
        storefile.MIGRATIONS[version](conn)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '2')")
    conn.close()
    store, notes = Store.open(path)
    assert notes == []
    pid = save_playthrough(store, scenario, "enabler", 1, steps=5)
    assert store.verify() == []
    assert len(outbox.secret(store)) == 32
    store.close()
    again, notes = Store.open(path)
    assert notes == [] and again.get(pid).steps == 5
    again.close()


def test_sync_queues_each_statement_once_with_the_times_it_was_saved(store, scenario):
    """Statements are queued once per playthrough state; a second pass with nothing changed queues nothing."""
    pid = save_playthrough(store, scenario, "enabler", 7)
    done = sync(store, scenarios_of(scenario), Options(), stamp(500))
    rows = outbox.rows(store)
    assert done.queued == len(rows) > 50
    assert sync(store, scenarios_of(scenario), Options(), stamp(501)).queued == 0
    statements = [r.statement for r in rows]
    assert statements[0]["timestamp"] == "2026-03-02T09:07:00.000Z"  # when the playthrough began
    answered = [s for s in statements if s["verb"]["id"] == vocab.VERBS["answered"]]
    times = store.step_times(pid)
    for s in answered:
        saved = times[s["context"]["extensions"][vocab.EXT_STEP]]
        assert s["timestamp"].replace(".000Z", "+00:00") == saved
    assert len({r.registration for r in rows}) == 1 and all(r.state == "waiting" for r in rows)


def test_a_rewind_drops_unsent_answers_and_voids_sent_ones(store, scenario):
    """After truncate and a different choice: waiting answers for undone steps go; sent ones are voided; the new answer is queued."""
    pid = save_playthrough(store, scenario, "barrier", 3, steps=12)
    sync(store, scenarios_of(scenario), Options(), stamp(100))
    first = outbox.rows(store)
    sent = [r.statement_id for r in first[:4]]
    outbox.settle(store, sent, "sent", stamp(101))
    actions = store.actions(pid)
    decisions = [i for i, a in enumerate(actions) if a is not None]
    keep = decisions[1]  # rewind to the second decision and choose differently
    store.truncate(pid, keep, at=stamp(102))
    from simulator.engine.session import Session

    session = Session.replay(scenario, 3, actions[:keep])
    other = next(c for c in session.choices if c.id != actions[keep])
    step = session.choose(other.id)
    store.add_step(pid, keep, step.choice, step.to_dict(), at=stamp(103))
    done = sync(store, scenarios_of(scenario), Options(), stamp(104))
    rows = {r.statement_id: r for r in outbox.rows(store)}
    assert done.voided >= 1 and done.dropped >= 1
    undone = {
        r.statement_id
        for r in first[:4]
        if r.statement["verb"]["id"] == vocab.VERBS["answered"] and r.statement["context"]["extensions"][vocab.EXT_STEP] >= keep
    }
    assert actions[keep] in {rows[i].statement["result"]["response"] for i in undone}
    assert {r.statement_id for r in rows.values() if r.state == "voided"} == undone
    voiding = [r for r in rows.values() if r.statement["verb"]["id"] == vocab.VERBS["voided"]]
    assert {v.statement["object"]["id"] for v in voiding} == undone
    waiting = [r.statement for r in rows.values() if r.state == "waiting" and r.statement["verb"]["id"] == vocab.VERBS["answered"]]
    assert other.id in {s["result"]["response"] for s in waiting}
    trace = trace_actions(scenario, 3, store.actions(pid))
    live = [r.statement["result"]["response"] for r in sorted(rows.values(), key=lambda r: r.seq) if r.state in ("waiting", "sent") and r.statement["verb"]["id"] == vocab.VERBS["answered"]]
    assert live == [d.choice.id for d in trace.decisions]


def test_choosing_the_same_again_after_a_void_gets_a_new_id(store, scenario):
    """A slot whose statement was voided and is wanted again is queued under a fresh id, not the voided one."""
    pid = save_playthrough(store, scenario, "enabler", 4, steps=3)
    sync(store, scenarios_of(scenario), Options(), stamp(1))
    outbox.settle(store, [r.statement_id for r in outbox.rows(store)], "sent", stamp(2))
    actions = store.actions(pid)
    first = next(i for i, a in enumerate(actions) if a is not None)
    store.truncate(pid, first, at=stamp(3))
    sync(store, scenarios_of(scenario), Options(), stamp(4))
    from simulator.engine.session import Session

    session = Session.replay(scenario, 4, actions[:first])
    for i in range(first, len(actions)):
        step = session.choose(actions[i]) if actions[i] else session.proceed()
        store.add_step(pid, i, step.choice, step.to_dict(), at=stamp(5 + i))
    sync(store, scenarios_of(scenario), Options(), stamp(9))
    answered = [r for r in outbox.rows(store) if r.statement["verb"]["id"] == vocab.VERBS["answered"]]
    by_state = {(r.statement["result"]["response"], r.state) for r in answered}
    assert (actions[first], "voided") in by_state and (actions[first], "waiting") in by_state
    assert len({r.statement_id for r in answered}) == len(answered)


def test_sharing_reflections_then_not_voids_them(store, scenario):
    """Reflections are queued only while the trainee shares them; stopping voids what was sent."""
    pid = save_playthrough(store, scenario, "enabler", 2)
    store.save_reflection(pid, "feelings", "Nervous at the door.", stamp(900))
    sync(store, scenarios_of(scenario), Options(), stamp(901))
    assert "Nervous at the door." not in json.dumps([r.statement for r in outbox.rows(store)])
    sync(store, scenarios_of(scenario), Options(send_reflections=True), stamp(902))
    (note,) = [r for r in outbox.rows(store) if r.statement.get("result", {}).get("response") == "Nervous at the door."]
    outbox.settle(store, [note.statement_id], "sent", stamp(903))
    done = sync(store, scenarios_of(scenario), Options(), stamp(904))
    assert done.voided == 1
    assert {r.state for r in outbox.rows(store) if r.statement_id == note.statement_id} == {"voided"}


def test_a_changed_outbox_row_is_never_sent(store, scenario):
    """A statement altered on disk fails its checksum: it is reported and skipped, and verify() names it."""
    save_playthrough(store, scenario, "enabler", 5, steps=4)
    sync(store, scenarios_of(scenario), Options(), stamp(1))
    target = outbox.rows(store)[0].statement_id
    store._conn.execute("UPDATE outbox SET statement = replace(statement, 'initialized', 'completed') WHERE statement_id = ?", (target,))
    rows, problems = outbox.waiting(store)
    assert target not in {r.statement_id for r in rows}
    assert len(problems) == 1 and target in problems[0]
    assert any(target in p for p in store.verify())


def test_backoff_doubles_to_half_an_hour_and_differs_between_machines():
    """Waits start near 30 s, double, stop growing at 30 min, and two secrets spread them apart."""
    waits = [backoff(n, "a") for n in range(1, 12)]
    assert FIRST_WAIT_S <= waits[0] <= FIRST_WAIT_S * 1.25
    assert all(b >= a * 1.5 for a, b in itertools.pairwise(waits[:6]))
    assert all(LONGEST_WAIT_S <= w <= LONGEST_WAIT_S * 1.25 for w in waits[-3:])
    assert backoff(3, "a") != backoff(3, "b")


class Scripted:
    """A transport answering from a script, recording requests (to test refusals LRSs rarely produce on cue)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []

    def __call__(self, request, timeout):
        self.requests.append((request.get_method(), request.full_url, json.loads(request.data) if request.data else None))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer


def _ids(request):
    return Reply(200, json.dumps([s["id"] for s in json.loads(request.data)]).encode(), {})


def test_offline_is_recorded_with_when_to_retry_and_nothing_is_marked(store, scenario):
    """A push that cannot reach the LRS leaves every statement waiting, counts the failure and schedules the next try."""
    save_playthrough(store, scenario, "enabler", 6, steps=6)
    client = Client("http://127.0.0.1:9/xapi/", "u", "p", transport=Scripted([LRSError("offline", "could not reach the LRS")] * 3))
    for attempt in range(3):
        now = START + timedelta(hours=attempt)
        done = push(store, client, scenarios_of(scenario), Options(), lambda now=now: now)
        assert done.error is not None and done.error.kind == "offline"
    status = outbox.status(store)
    assert status.failures == 3 and status.waiting == len(outbox.rows(store)) and status.counts["sent"] == 0
    assert status.last_error == "could not reach the LRS"
    assert status.retry_at > (START + timedelta(hours=2)).isoformat()


def test_a_refused_batch_is_split_so_one_bad_statement_does_not_hold_back_the_rest():
    """HTTP 400 on the batch: each statement is PUT alone; the refused one is reported, the others stored."""
    statements = [{"id": f"00000000-0000-4000-8000-00000000000{i}", "context": {"registration": "r"}} for i in range(3)]
    bad = Reply(400, b'{"detail": "bad statement"}', {})
    transport = Scripted([bad, Reply(204, b"", {}), bad, Reply(204, b"", {})])
    settled = []
    tally = deliver(Client("http://lrs.test/xapi", "u", "p", transport=transport), statements, settled=lambda ids, o, n: settled.append((list(ids), o)))
    assert (tally.new, tally.rejected) == (2, 1)
    assert [m for m, _, _ in transport.requests] == ["POST", "PUT", "PUT", "PUT"]
    assert settled[1] == ([statements[1]["id"]], "rejected")


def test_an_lrs_that_says_too_large_gets_smaller_batches():
    """HTTP 413: the batch is halved until the LRS takes it."""
    statements = [{"id": f"00000000-0000-4000-8000-0000000000{i:02d}"} for i in range(8)]
    too_big = Reply(413, b"", {})
    transport = Scripted([too_big, too_big, _ids, _ids, _ids, _ids])
    tally = deliver(Client("http://lrs.test/xapi", "u", "p", transport=transport), statements, batch=8)
    assert tally.new == 8
    assert [len(body) for _, _, body in transport.requests] == [8, 4, 2, 2, 2, 2]


def test_endpoints_that_are_not_http_addresses_are_refused_in_one_line():
    """file:, bare hosts, credentials or queries in the address: a ValueError saying what to give instead."""
    for bad in ("file:///etc/passwd", "lrs.example.org/xapi", "https://u:p@lrs.example.org/xapi", "https://lrs.example.org/xapi?x=1"):
        with pytest.raises(ValueError) as caught:
            Client(bad, "u", "p")
        assert "\n" not in str(caught.value)
    assert Client("https://lrs.example.org/xapi", "u", "p").statements_url == "https://lrs.example.org/xapi/statements"


def test_the_sender_waits_for_a_pause_in_the_clicking(store, scenario):
    """Nudges arriving faster than the quiet time hold the work back; it runs once they stop, and stop() ends the thread."""
    import threading
    import time

    from simulator.xapi.sender import Sender

    save_playthrough(store, scenario, "enabler", 8, steps=5)
    passes = []
    transport = Scripted([LRSError("offline", "no network")] * 50)
    opened = threading.Event()

    def open_store():
        opened.set()
        passes.append(time.monotonic())
        return Store.open(store.path, repair=False)[0]

    sender = Sender(open_store, Client("http://lrs.test/xapi/", "u", "p", transport=transport), scenarios_of(scenario), Options(), lambda: START, quiet_s=0.3)
    sender.start()
    assert opened.wait(10)  # the first pass runs at once
    first = len(passes)
    started = time.monotonic()
    while time.monotonic() - started < 1.0:  # a burst of choices, one every 0.1 s
        sender.nudge()
        time.sleep(0.1)
    assert len(passes) == first  # nothing ran during the burst
    deadline = time.monotonic() + 10
    while len(passes) == first and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(passes) == first + 1 and passes[-1] - started >= 1.0
    sender.stop()
    assert not sender.alive
