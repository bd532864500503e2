"""What the watch mode plays: each episode in its barrier and its enabler version.

RIVRT shows a worker's eleven months twice, as two films. Doorstep's
canonical paths are simulations (:mod:`simulator.analysis.paths`), so each
version of an episode starts exactly where that path stood when it reached
the episode: :meth:`Take.frames` replays the path's earlier actions with
:meth:`Session.replay` and then snapshots every moment of the episode with
the action the path took there. Nothing here draws; the watch scenes lay the
frames out as pages and play them.

:func:`lockstep` lines up two versions for side-by-side viewing so that they
reach each decision together, and :func:`contrast` says in plain words what
each version changed over the episode, for the card after it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.analysis.paths import Standing, Trace, canonical_paths
from simulator.engine.actions import Action, Choose
from simulator.engine.save import Save
from simulator.engine.session import Session
from simulator.scenario.model import Ending, Episode, Scenario
from simulator.services.moment import Moment, snapshot
from simulator.wording import signed

# Barrier first, so the better practice is the one seen second (see WatchTour).
ORDER = ("barrier", "enabler")
NAMES = {"barrier": "barrier", "enabler": "enabler"}


@dataclass(frozen=True, slots=True)
class Frame:
    """One moment of a version and what the worker did there (nothing, at the ending)."""

    moment: Moment
    action: Action | None
    ending: Ending | None = None

    @property
    def chosen(self) -> str | None:
        """The id of the option taken here, if the worker chose."""
        return self.action.choice if isinstance(self.action, Choose) else None

    @property
    def decision(self) -> bool:
        return self.chosen is not None and any(cid == self.chosen for cid, _ in self.moment.choices)


@dataclass(frozen=True, slots=True)
class Take:
    """One path's version of one episode: how it got there, what it did there, where it stood before and after."""

    path: str
    episode: str
    reached: bool
    before: tuple[Action, ...] = ()
    actions: tuple[Action, ...] = ()
    start: Standing | None = None
    end: Standing | None = None
    ends_case: bool = False

    def frames(self, scenario: Scenario, seed: int, player_name: str | None = None) -> list[Frame]:
        """Every moment of this version, replayed from the start of the case (empty when the path never came here)."""
        if not self.reached:
            return []
        session = Session.restore(scenario, Save(scenario.id, seed, player_name, self.before))
        out: list[Frame] = []
        for action in self.actions:
            out.append(Frame(snapshot(session), action))
            session.act(action)
        if session.finished:
            out.append(Frame(snapshot(session), None, session.ending))
        return out


@dataclass(frozen=True, slots=True)
class EpisodeReel:
    """An episode with its versions, in watching order."""

    number: int
    episode: Episode
    takes: tuple[Take, ...]

    def take(self, path: str) -> Take | None:
        for t in self.takes:
            if t.path == path:
                return t
        return None

    @property
    def shown(self) -> tuple[Take, ...]:
        """The versions that reached this episode (a route may skip it on one path)."""
        return tuple(t for t in self.takes if t.reached)


@dataclass(frozen=True, slots=True)
class Reels:
    """Every episode either canonical path reaches, in calendar order."""

    scenario: Scenario
    seed: int
    traces: dict[str, Trace]
    episodes: tuple[EpisodeReel, ...]

    def index_of(self, episode_id: str) -> int | None:
        for i, reel in enumerate(self.episodes):
            if reel.episode.id == episode_id:
                return i
        return None


def _take(trace: Trace, path: str, episode: str) -> Take:
    snap = trace.episode(episode)
    if snap is None or not snap.steps:
        return Take(path, episode, reached=False)
    first, last = snap.steps[0], snap.steps[-1]
    actions = trace.actions()
    return Take(
        path=path,
        episode=episode,
        reached=True,
        before=tuple(actions[:first]),
        actions=tuple(actions[first : last + 1]),
        start=snap.start,
        end=snap.end,
        ends_case=trace.finished and snap is trace.episodes[-1],
    )


def build_reels(scenario: Scenario, seed: int = 0, traces: dict[str, Trace] | None = None) -> Reels:
    """The reels of a scenario, from its canonical paths (computed here unless given)."""
    traces = traces if traces is not None else canonical_paths(scenario, seed)
    reels: list[EpisodeReel] = []
    for ep in scenario.episodes:
        takes = tuple(_take(traces[p], p, ep.id) for p in ORDER if p in traces)
        if any(t.reached for t in takes):
            reels.append(EpisodeReel(len(reels) + 1, ep, takes))
    return Reels(scenario, seed, dict(traces), tuple(reels))


# -- side by side ---------------------------------------------------------------------
Segment = tuple[int, int]  # (pages read before a decision, beats of the decision itself)


def pair_segments(a_keys: Sequence[str], b_keys: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Which segment of each version plays alongside which: decisions at the same node meet.

    The two versions of an episode mostly pass the same decisions, but one
    may face an extra one (a route the other never took). Matching the
    decisions by node (a longest common subsequence) keeps the shared ones
    together; a decision only one version faces is played while the other waits.
    """
    pairs: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, list(a_keys), list(b_keys), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            common = min(i2 - i1, j2 - j1)
            pairs.extend((i1 + k, j1 + k) for k in range(common))
            pairs.extend((i, None) for i in range(i1 + common, i2))
            pairs.extend((None, j) for j in range(j1 + common, j2))
        elif tag == "delete":
            pairs.extend((i, None) for i in range(i1, i2))
        else:
            pairs.extend((None, j) for j in range(j1, j2))
    return pairs


def lockstep(a: Sequence[Segment], b: Sequence[Segment], a_keys: Sequence[str] | None = None, b_keys: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Ticks for two versions played side by side: at each tick, the beat each one shows.

    Each version is a list of segments: some reading beats, then the beats
    of a decision (none for the last segment). Paired segments (by
    :func:`pair_segments`, or by position without keys) read side by side
    and meet at their decision: the one with less to say holds its last beat
    until the other catches up, so both show their options, and then what
    was chosen, at the same moment.
    """
    if a_keys is None or b_keys is None:
        pairs: list[tuple[int | None, int | None]] = [(k if k < len(a) else None, k if k < len(b) else None) for k in range(max(len(a), len(b)))]
    else:
        pairs = pair_segments(a_keys, b_keys)
    ticks: list[tuple[int, int]] = []
    shown = [0, 0]
    start = [0, 0]
    for ia, ib in pairs:
        segs = [a[ia] if ia is not None else (0, 0), b[ib] if ib is not None else (0, 0)]
        for part in (0, 1):
            for r in range(max(s[part] for s in segs)):
                for i, s in enumerate(segs):
                    if r < s[part]:
                        shown[i] = start[i] + r
                ticks.append((shown[0], shown[1]))
            for i, s in enumerate(segs):
                start[i] += s[part]
    return ticks


# -- what changed -------------------------------------------------------------------------
def _trust_words(value: int, after: int) -> str:
    if value == 0:
        return f"stayed at {after}"
    return f"{'rose' if value > 0 else 'fell'} {abs(value)} to {after}"


def contrast(scenario: Scenario, reel: EpisodeReel) -> list[str]:
    """What each version changed over the episode, one short line per score and per family member's trust."""
    takes = [(t.path, t.start, t.end) for t in reel.takes if t.reached and t.start is not None and t.end is not None]
    if not takes:
        return []
    out: list[str] = []
    for dim in scenario.rubric:
        changes = [(path, end.score(dim.id) - start.score(dim.id)) for path, start, end in takes]
        if all(v == 0 for _, v in changes):
            out.append(f"{dim.label}: no change in {'either version' if len(changes) > 1 else 'this version'}.")
        else:
            parts = [f"{NAMES.get(p, p)} {signed(v) if v else 'no change'}" for p, v in changes]
            out.append(f"{dim.label}: {', '.join(parts)}.")
    for who in scenario.trusting:
        name = scenario.characters[who].short
        moved = [(path, start.trust_of(who), end.trust_of(who)) for path, start, end in takes]
        if all(a == b for _, a, b in moved) and len({b for _, _, b in moved}) == 1:
            out.append(f"{name}'s trust: no change ({moved[0][2]}).")
            continue
        parts = [f"{NAMES.get(p, p)} {_trust_words(b - a, b)}" for p, a, b in moved]
        out.append(f"{name}'s trust: {', '.join(parts)}.")
    return out


def endings(reel: EpisodeReel, traces: dict[str, Trace]) -> list[str]:
    """For the last episode: how each version's case ended."""
    out = []
    for take in reel.takes:
        trace = traces.get(take.path)
        if take.ends_case and trace is not None and trace.ending_title:
            out.append(f"The {NAMES.get(take.path, take.path)} version ended: {trace.ending_title}.")
    return out
