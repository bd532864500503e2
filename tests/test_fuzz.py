"""Bounded fuzzing in the suite: mutated scenario files, records and stores never raise past Doorstep's own refusals.

The long campaign is ``make fuzz`` (bench/fuzz_campaign.py); these run a
seeded slice of the same mutators, small enough for every ``make test``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import random
import shutil
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, materialize
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.records.store import Store, StoreDamaged, StoreError
from simulator.scenario import load_scenario

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
spec = importlib.util.spec_from_file_location("fuzz_campaign", PROJECT / "bench" / "fuzz_campaign.py")
assert spec and spec.loader
campaign = importlib.util.module_from_spec(spec)
sys.modules["fuzz_campaign"] = campaign
spec.loader.exec_module(campaign)

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_episode_files_load_or_give_diagnostics(tmp_path_factory, seed):
    """An episode mutated by the campaign's byte, line and structure mutators loads or gives diagnostics: it never raises."""
    rng = random.Random(seed)
    root = materialize(None, tmp_path_factory.mktemp("m"))
    files = sorted((root / "episodes").glob("*.yaml"))
    target = rng.choice(files)
    data = target.read_bytes()
    mutated = campaign.mutate_structured(rng, data) if rng.random() < 0.5 else campaign.mutate_bytes(rng, data, [f.read_bytes() for f in files])
    target.write_bytes(mutated)
    result = load_scenario(root)
    assert result.ok or result.errors


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_records_give_a_report_or_one_refusal(tmp_path_factory, seed, capsys):
    """A record mutated as JSON or as bytes gives a report (exit 0) or a refusal (exit 1), never an exception."""
    rng = random.Random(seed)
    work = tmp_path_factory.mktemp("r")
    good = work / "good.json"
    assert main(["play", str(EXAMPLE), "--text", "--auto", "random", "--seed", str(seed % 50), "--record", str(good)]) == 0
    path, _ = campaign.record_mutant(rng, work, good.read_bytes())
    assert main(["report", str(path), "--scenario", str(EXAMPLE), "--html", str(work / "o.html"), "--json", str(work / "o.json")]) in (0, 1)
    capsys.readouterr()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    return campaign.base_store(tmp_path_factory.mktemp("base"))


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_damaged_or_tampered_stores_open_or_are_refused(tmp_path_factory, base_store, seed, capsys):
    """A store truncated, with flipped bytes, tampered by SQL or removed: opening, listing, replaying, exporting never raise past StoreError."""
    rng = random.Random(seed)
    work = tmp_path_factory.mktemp("s")
    path, _ = campaign.store_mutant(rng, work, base_store)
    with contextlib.suppress(StoreError):
        campaign.probe_store(str(path))
    capsys.readouterr()


def test_a_short_campaign_finds_nothing(tmp_path, capsys):
    """Thirty seeded mutants through every command in the campaign's worker: no traceback, hang, crash log or stray file."""
    args = campaign.argparse.Namespace(minutes=5.0, count=30, seed=11, timeout=20.0, keep=str(tmp_path / "failures"))
    code = campaign.campaign(args)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "30 mutants" in out and "0 failures" in out


def test_every_store_opened_after_damage_holds_only_whole_rows(tmp_path, base_store):
    """After any damage, each listed playthrough is replayable, carries a damaged note, or refuses replay with StoreDamaged."""
    for seed in range(20):
        work = tmp_path / str(seed)
        work.mkdir()
        path, _ = campaign.store_mutant(random.Random(seed), work, base_store)
        try:
            store, _ = Store.open(path)
        except StoreError:
            continue
        with store:
            for p in store.playthroughs():
                if p.damaged is None:
                    with contextlib.suppress(StoreDamaged):  # a step's own checksum is checked on replay
                        assert isinstance(store.actions(p.id), list)
        shutil.rmtree(work)
