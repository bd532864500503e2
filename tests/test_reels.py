"""The watch mode's reels: each version starts where its canonical path stood, versions meet at shared decisions, changes in words."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from simulator.analysis.paths import canonical_paths
from simulator.engine.session import Session
from simulator.scenario import load_scenario
from simulator.services.reels import build_reels, contrast, endings, lockstep, pair_segments

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


@pytest.fixture(scope="module")
def example():
    result = load_scenario(EXAMPLE)
    assert result.ok
    return result.scenario


def test_every_version_starts_with_the_state_its_path_had_at_that_episode(example):
    """Replaying a take's earlier actions lands on the episode's first node with the canonical path's standing there."""
    reels = build_reels(example)
    traces = canonical_paths(example)
    assert [r.episode.id for r in reels.episodes] == ["prepare", "doorstep"]
    for reel in reels.episodes:
        for take in reel.takes:
            trace = traces[take.path]
            snap = trace.episode(reel.episode.id)
            session = Session.replay(example, 0, take.before)
            assert session.state.episode == reel.episode.id
            # The standing after the step that arrived here (arrival's own lateness included).
            arrived = trace.steps[snap.steps[0] - 1].after if snap.steps[0] else trace.start
            assert dict(session.state.trust) == dict(arrived.trust) and dict(session.state.scores) == dict(arrived.scores)
            frames = take.frames(example, 0)
            assert frames[0].moment.node == traces[take.path].steps[snap.steps[0]].node
            assert [f.action for f in frames if f.ending is None] == list(take.actions)


def test_the_last_episode_ends_with_each_paths_ending(example):
    """The final episode's frames end on the ending, and the closing words name both endings."""
    reels = build_reels(example)
    last = reels.episodes[-1]
    for take in last.takes:
        frames = take.frames(example, 0)
        assert frames[-1].ending is not None and frames[-1].ending.kind == take.path
    assert endings(last, reels.traces) == ["The barrier version ended: A guarded start.", "The enabler version ended: A start."]


def test_contrast_says_each_change_in_words(example):
    """What changed is said per score and per family member, with the sign in words where nothing moved."""
    reels = build_reels(example)
    lines = contrast(example, reels.episodes[0])
    assert lines[0] == "Tone: no change in either version."
    assert lines[1] == "Timeliness: barrier \u22122, enabler no change."
    assert lines[-1] == "Dana's trust: no change (40)."


def test_lockstep_holds_the_shorter_version_until_the_decision():
    """Two versions read side by side; the one with fewer pages waits, and both reach each decision together."""
    ticks = lockstep([(2, 2), (1, 2), (3, 0)], [(0, 2), (4, 2), (1, 2), (2, 0)])
    assert ticks[:4] == [(0, 0), (1, 0), (2, 0), (3, 1)]  # the first decision's beats together
    assert ticks[4:8] == [(4, 2), (4, 3), (4, 4), (4, 5)]  # the first pane holds its page while the second reads
    assert ticks[-1] == (9, 12)
    assert all(b >= a for a, b in zip([t[0] for t in ticks], [t[0] for t in ticks[1:]], strict=False))


def test_decisions_are_paired_by_node_so_an_extra_one_does_not_shift_the_rest():
    """A decision only one version faces plays while the other waits; the shared ones still meet."""
    assert pair_segments(["a", "x", "b", "end"], ["a", "b", "end"]) == [(0, 0), (1, None), (2, 1), (3, 2)]
    ticks = lockstep([(1, 2), (1, 2), (1, 2)], [(1, 2), (1, 2)], ["a", "x", "b"], ["a", "b"])
    # pane one's extra decision x (beats 4-5) is played while pane two holds its "a" chosen beat (2)
    assert (4, 2) in ticks and (5, 2) in ticks
    b_taken = ticks.index((8, 5))
    assert ticks[b_taken - 1] == (7, 4)  # "b" options together, then "b" chosen together
