"""Mutated records and damaged stores through the xAPI and cohort commands: a result or one refusal, never a traceback."""

from __future__ import annotations

import contextlib
import importlib.util
import random
import sys
from datetime import UTC, datetime

from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.records import outbox
from simulator.records.store import Store, StoreError
from simulator.scenario import load_scenario
from simulator.xapi.identity import Options
from simulator.xapi.lrs import Client, LRSError
from simulator.xapi.sender import push

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
spec = importlib.util.spec_from_file_location("fuzz_campaign", PROJECT / "bench" / "fuzz_campaign.py")
assert spec and spec.loader
campaign = sys.modules.get("fuzz_campaign") or importlib.util.module_from_spec(spec)
if "fuzz_campaign" not in sys.modules:
    sys.modules["fuzz_campaign"] = campaign
    spec.loader.exec_module(campaign)

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _offline(request, timeout):
    raise LRSError("offline", "could not reach the LRS (test)")


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_records_give_statements_and_a_cohort_or_one_refusal(tmp_path_factory, seed, capsys):
    """xapi statements and cohort on a mutated record: exit 0 with output, or exit 1 with one line; never an exception."""
    rng = random.Random(seed)
    work = tmp_path_factory.mktemp("x")
    good = work / "good.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "random", "--seed", str(seed % 50), "--record", str(good)]) == 0
    path, _ = campaign.record_mutant(rng, work, good.read_bytes())
    capsys.readouterr()
    code = main(["xapi", "statements", str(path), "--scenario", str(EXAMPLE)])
    out = capsys.readouterr()
    assert code in (0, 1)
    assert code == 0 or len(out.err.strip().splitlines()) == 1
    code = main(["cohort", str(path), "--scenario", str(EXAMPLE), "--only", "small-visit", "--json", str(work / "c.json")])
    out = capsys.readouterr()
    assert code in (0, 1, 2) and "Traceback" not in out.err


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_damaged_stores_are_queued_from_or_refused(tmp_path_factory, seed, capsys):
    """Working out and sending a damaged or tampered store's statements never raises past StoreError; damaged rows are skipped with a note."""
    rng = random.Random(seed)
    base = campaign.base_store(tmp_path_factory.mktemp("base"))
    path, _ = campaign.store_mutant(rng, tmp_path_factory.mktemp("s"), base)
    scenario = load_scenario(EXAMPLE).scenario
    client = Client("http://127.0.0.1:9/xAPI/", "u", "p", transport=_offline)
    with contextlib.suppress(StoreError):
        store, _ = Store.open(path, repair=False)
        try:
            done = push(store, client, lambda sid: scenario if sid == scenario.id else None, Options(), lambda: datetime(2026, 3, 2, tzinfo=UTC))
            assert done.error is not None or not outbox.status(store).waiting
        finally:
            store.close()
    capsys.readouterr()
