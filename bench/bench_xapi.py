"""xAPI and cohort figures, measured within one run (the machine is shared, so ratios matter more than seconds).

- statements per Harris playthrough and their size;
- building a playthrough's statements against replaying it (the part the statements add);
- working out a store's statements: a first pass, a pass with nothing changed, and a pass after one new step;
- pushing to a real LRS (Ralph from .venv-lrs, if installed): statements a second, and a second push
  (nothing new: one lookup per registration) against the first;
- a cohort of 200 records;
- a click while the background sender works (it waits for a pause in the clicking, but a trainee reading for
  longer than that and then clicking meets it mid-work): the engine's step plus handing the write to the saver,
  timed alone and while the sender works out and sends 20 playthroughs' statements.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from xapi_helpers import harris, save_playthrough, scenarios_of  # noqa: E402

from simulator.analysis.paths import trace_actions  # noqa: E402
from simulator.engine.autoplay import policy  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.records import outbox  # noqa: E402
from simulator.records.record import build_record  # noqa: E402
from simulator.records.store import Store  # noqa: E402
from simulator.report.cohort import build_cohort, played_of  # noqa: E402
from simulator.report.debrief import trace_record  # noqa: E402
from simulator.services.saver import Saver  # noqa: E402
from simulator.xapi.documents import document_statements  # noqa: E402
from simulator.xapi.identity import Options  # noqa: E402
from simulator.xapi.lrs import Client  # noqa: E402
from simulator.xapi.queue import sync  # noqa: E402
from simulator.xapi.sender import Sender, push  # noqa: E402
from simulator.xapi.statements import Builder  # noqa: E402


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def record_of(scenario, chooser: str, seed: int) -> dict:
    session = Session.start(scenario, seed)
    pick = policy(chooser, seed)
    while not session.finished:
        session.choose(pick(session.choices)) if session.choices else session.proceed()
    return build_record(session, {"mode": "coach"})


def main() -> int:
    scenario = harris()
    builder = Builder(scenario)
    records = {name: record_of(scenario, name, 7) for name in ("enabler", "barrier", "random")}
    for name, record in records.items():
        statements = document_statements(scenario, record, Options(), builder)
        size = len(json.dumps(statements).encode())
        print(f"statements, {name} playthrough: {len(statements)} ({size / 1024:.0f} KiB as JSON, {size / len(statements):.0f} bytes each)")
    record = records["random"]
    actions = [s["choice"] for s in record["steps"]]
    replay = best(lambda: trace_actions(scenario, record["seed"], actions))
    build = best(lambda: document_statements(scenario, record, Options(), builder))
    print(f"building a playthrough's statements: {build * 1000:.1f} ms, {build / replay:.2f}x replaying it alone ({replay * 1000:.1f} ms)")

    with tempfile.TemporaryDirectory() as tmp:
        store, _ = Store.open(Path(tmp) / "records.sqlite3")
        for seed in range(20):
            save_playthrough(store, scenario, "random", seed)
        pid = save_playthrough(store, scenario, "random", 99, steps=30)
        now = datetime(2026, 3, 2, tzinfo=UTC).isoformat()
        start = time.perf_counter()
        queued = sync(store, scenarios_of(scenario), Options(), now).queued
        first = time.perf_counter() - start
        unchanged = best(lambda: sync(store, scenarios_of(scenario), Options(), now), 3)
        session = Session.replay(scenario, 99, store.actions(pid))
        step = session.choose(session.choices[0]) if session.choices else session.proceed()
        store.add_step(pid, 30, step.choice, step.to_dict(), at=now)
        start = time.perf_counter()
        sync(store, scenarios_of(scenario), Options(), now)
        one_step = time.perf_counter() - start
        print(
            f"outbox, a store of 21 playthroughs: first pass {first * 1000:.0f} ms ({queued} statements queued); "
            f"nothing changed {unchanged * 1000:.1f} ms ({first / unchanged:.0f}x less); after one new step {one_step * 1000:.1f} ms"
        )
        _push(store, scenario, Path(tmp))
        store.close()

    runs = [record_of(scenario, "random", seed) for seed in range(200)]
    start = time.perf_counter()
    cohort = build_cohort(scenario, [played_of(trace_record(scenario, r)) for r in runs])
    pooled = time.perf_counter() - start
    print(f"cohort of {cohort.playthroughs} records: {pooled:.2f} s ({pooled / 200 * 1000:.1f} ms a record, {pooled / 200 / replay:.1f}x one replay)")
    return 0


def _push(store: Store, scenario, folder: Path) -> None:
    try:
        import lrs_ralph
    except ImportError:
        return
    if not (lrs_ralph.LRS_BIN / "ralph").exists():
        print("push to an LRS: skipped (Ralph is not installed in .venv-lrs; make test installs it)")
        return
    ralph = lrs_ralph.start(folder / "ralph")
    try:
        client = Client(ralph.endpoint, lrs_ralph.USERNAME, lrs_ralph.PASSWORD)
        clock = lambda: datetime(2026, 3, 2, tzinfo=UTC)  # noqa: E731
        waiting = outbox.status(store).waiting
        start = time.perf_counter()
        done = push(store, client, scenarios_of(scenario), Options(), clock)
        first = time.perf_counter() - start
        assert done.error is None and done.tally.new == waiting, done
        with_lookups = []
        for registration in {r.registration for r in outbox.rows(store)}:
            start = time.perf_counter()
            client.existing(registration)
            with_lookups.append(time.perf_counter() - start)
        print(
            f"push to Ralph (file backend, loopback): {waiting} statements in {first:.2f} s ({waiting / first:.0f} a second); "
            f"looking up what one registration already has: median {statistics.median(with_lookups) * 1000:.0f} ms "
            f"({statistics.median(with_lookups) / (first / waiting * 70):.2f}x sending one playthrough)"
        )
        _clicks(scenario, client, folder)
    finally:
        ralph.stop()


def _click_times(scenario, saver: Saver, pid: int, busy=None) -> list[float]:
    """Each click of a fresh playthrough as the window makes it: the engine's step, then the write handed to the saver."""
    times: list[float] = []
    session = Session.start(scenario, 5)
    pick = policy("random", 5)
    index = 0
    while not session.finished and (busy is None or busy()) and index < 400:
        # The click is due 2 ms after the last one; timed from then, so waiting for the interpreter (held by
        # the sender's thread, up to its switch interval) counts, as it would in the window's event loop.
        due = time.perf_counter() + 0.002
        time.sleep(0.002)
        step = session.choose(pick(session.choices)) if session.choices else session.proceed()
        saver.submit(lambda store, i=index, st=step: store.add_step(pid, i, st.choice, st.to_dict(), at="2026-03-02T11:00:00+00:00"))
        times.append(time.perf_counter() - due)
        index += 1
    return times


def _clicks(scenario, client: Client, folder: Path) -> None:
    path = folder / "clicks.sqlite3"
    store, _ = Store.open(path)
    for seed in range(100, 120):
        save_playthrough(store, scenario, "random", seed)
    idle_pid = store.begin(scenario.id, scenario.title, 5, "coach", None, "2026-03-02T09:00:00+00:00")
    busy_pid = store.begin(scenario.id, scenario.title, 5, "coach", None, "2026-03-02T10:00:00+00:00")
    store.close()
    saver = Saver(path)
    idle = _click_times(scenario, saver, idle_pid)
    saver.drain()
    sender = Sender(lambda: Store.open(path, repair=False)[0], client, scenarios_of(scenario), Options(), lambda: datetime(2026, 3, 2, tzinfo=UTC), quiet_s=0.0)
    sender.start()
    busy = _click_times(scenario, saver, busy_pid, busy=lambda: sender.last is None)  # until its first pass is done
    sender.stop(30)
    saver.close()
    sent = sender.last.tally.new if sender.last else 0
    p95 = lambda xs: sorted(xs)[int(len(xs) * 0.95)]  # noqa: E731
    print(
        f"a click (from when it is due: waking, the engine's step, handing the write to the saver): median {statistics.median(idle) * 1000:.2f} ms alone; "
        f"while the sender works out and sends {sent} statements, {len(busy)} clicks: median {statistics.median(busy) * 1000:.2f} ms "
        f"({statistics.median(busy) / statistics.median(idle):.2f}x), 95th percentile {p95(busy) * 1000:.2f} ms "
        f"({p95(busy) / p95(idle):.2f}x; a frame is 16.7 ms)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
