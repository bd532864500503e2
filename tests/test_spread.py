"""Where random play ends: counts that add up, seeds that replay, trust and score ranges that hold."""

from __future__ import annotations

import io
import json

import pytest
from conftest import FIXTURES, PROJECT

from simulator.analysis.spread import play_random, spread
from simulator.cli import main
from simulator.engine.autoplay import policy
from simulator.engine.session import Session
from simulator.scenario import load_scenario
from simulator.terminal import TextHost


def test_counts_add_up_and_every_play_ends(adult):
    """Every playthrough reaches an ending, the counts add up to the plays, and the kinds sum the same."""
    result = spread(adult, 60)
    assert sum(e.count for e in result.endings) == 60 == sum(n for _, n in result.kinds)
    assert all(e.kind != "unfinished" for e in result.endings)
    assert {e.node for e in result.endings} == {n.id for n in adult.endings()}


def test_a_seed_replays_as_play_auto_random(adult):
    """Playthrough N of the spread is `play --auto random --seed N`: the same ending and the same choices."""
    for seed in range(8):
        ours = play_random(adult, seed)
        out = io.StringIO()
        host = TextHost(Session.start(adult, seed), out, policy=policy("random", seed))
        theirs = host.run()
        assert theirs.state.node == ours.state.node and theirs.state.chosen == ours.state.chosen


def test_ranges_hold_and_the_first_seed_is_real(adult):
    """Trust stays within 0-100, quartiles sit between lowest and highest, and each ending's example seed really ends there."""
    result = spread(adult, 40, first_seed=100)
    for v in (*result.trust, *result.scores):
        assert v.low <= v.quartiles[0] <= v.quartiles[1] <= v.quartiles[2] <= v.high
    assert all(v.low >= 0 and v.high <= 100 for v in result.trust)
    for e in result.endings:
        if e.count:
            assert e.first_seed is not None and play_random(adult, e.first_seed).state.node == e.node


def test_analyze_prints_the_spread(capsys: pytest.CaptureFixture[str]):
    """`analyze --spread N` adds the endings' shares and the trust ranges; --json carries them; --spread 0 leaves them out."""
    path = str(FIXTURES / "adult")
    assert main(["analyze", path, "--spread", "50"]) == 0
    out = capsys.readouterr().out
    assert "Random play: 50 playthroughs" in out and "Trust at the end" in out and "Mr Bell: starts 50" in out
    assert main(["analyze", path, "--json", "--spread", "30"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["spread"]["plays"] == 30 and sum(e["count"] for e in data["spread"]["endings"]) == 30
    assert main(["analyze", path, "--spread", "0"]) == 0
    assert "Random play" not in capsys.readouterr().out


def test_a_canonical_policy_spreads_over_chance_alone(capsys: pytest.CaptureFixture[str]):
    """`--policy enabler` plays every enabler option on each seed, so only chance routes differ: the Harris model answer reaches more than one ending, each replayable with `play --auto enabler`."""
    harris = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    result = spread(harris, 30, policy="enabler")
    reached = [e for e in result.endings if e.count]
    assert len(reached) >= 2 and sum(e.count for e in reached) == 30
    for e in reached:
        assert e.first_seed is not None and play_random(harris, e.first_seed, "enabler").state.node == e.node
    assert main(["analyze", str(PROJECT / "scenarios" / "harris-family"), "--spread", "20", "--policy", "enabler"]) == 0
    out = capsys.readouterr().out
    assert "Every enabler option: 20 playthroughs" in out and "--auto enabler --seed N" in out


@pytest.mark.slow
def test_shared_among_cores_or_not_the_spread_is_the_same():
    """500 playthroughs of Harris asked of two workers give exactly what one process gives: counts, first seeds, every value
    (in a test run with threads alive they stay in this process; the next test runs the forked pool itself)."""
    harris = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert harris is not None
    here = spread(harris, 500, 3, workers=1)
    shared = spread(harris, 500, 3, workers=2)
    assert shared == here and sum(e.count for e in here.endings) == 500
    assert spread(harris, 400, policy="enabler", workers=2) == spread(harris, 400, policy="enabler", workers=1)  # chance alone, too


@pytest.mark.slow
def test_shared_among_forked_workers_in_a_process_of_its_own():
    """The forked pool really runs (in a fresh process with no other thread) and gives what one process gives;
    a process with other threads (this test run's windows, savers, servers) never forks, so no worker can hang on
    a lock held at the fork or outlive its pool because a SIGTERM handler was inherited."""
    import subprocess
    import sys
    import threading

    from simulator.analysis.spread import can_fork

    script = (
        "import sys\n"
        "from simulator.analysis import spread as s\n"
        "from simulator.scenario import load_scenario\n"
        "h = load_scenario(sys.argv[1]).scenario\n"
        "assert s.can_fork(), 'a fresh process should be free to fork'\n"
        "calls = []\n"
        "real = s.multiprocessing.get_context\n"
        "s.multiprocessing.get_context = lambda m: calls.append(m) or real(m)\n"
        "assert s.spread(h, 450, 7, workers=2) == s.spread(h, 450, 7, workers=1)\n"
        "assert calls == ['fork'], calls\n"
        "print('same')\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(PROJECT / "scenarios" / "harris-family")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "same", done.stderr[-2000:]
    if threading.active_count() > 1:
        assert not can_fork()
