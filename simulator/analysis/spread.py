"""The spread of outcomes over many seeded random playthroughs: what ``doorstep analyze --spread N`` prints.

The canonical paths say where the best and the worst practice lead; a
trainer also needs to know where a trainee who chooses at random ends up
(184 of 200 in the care home says the case is lopsided) and how far each
person's trust can swing. Playthrough ``i`` is exactly ``doorstep play
--auto random --seed i``, so any surprising run can be replayed and read.

With ``policy="enabler"`` (or ``"barrier"``) every playthrough takes the
same canonical options and only the scenario's chance routes differ by
seed: how often the model answer still ends badly because of events the
trainee does not control (``doorstep analyze --spread N --policy enabler``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

from simulator.engine.actions import CONTINUE, Action, Choose
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.outcome import play_out
from simulator.engine.session import Session
from simulator.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class EndingShare:
    """How many of the playthroughs ended at one ending."""

    node: str
    kind: str
    title: str
    count: int
    first_seed: int | None


@dataclass(frozen=True, slots=True)
class ValueSpread:
    """How a score or someone's trust finished across the playthroughs: lowest, highest, mean and quartiles."""

    id: str
    label: str
    low: int
    high: int
    mean: float
    quartiles: tuple[int, int, int]
    start: int = 0


@dataclass(frozen=True, slots=True)
class Spread:
    """The outcome of ``plays`` playthroughs by one policy, seeds ``first_seed`` onwards."""

    plays: int
    first_seed: int
    endings: tuple[EndingShare, ...]
    kinds: tuple[tuple[str, int], ...]
    trust: tuple[ValueSpread, ...]
    scores: tuple[ValueSpread, ...]
    decisions: ValueSpread
    policy: str = "random"


def _spread(ident: str, label: str, values: list[int], start: int = 0) -> ValueSpread:
    ordered = sorted(values)
    n = len(ordered)

    def at(q: float) -> int:
        return ordered[min(n - 1, int(q * n))] if n else 0

    return ValueSpread(ident, label, ordered[0] if n else 0, ordered[-1] if n else 0, sum(ordered) / n if n else 0.0, (at(0.25), at(0.5), at(0.75)), start)


def play_random(scenario: Scenario, seed: int, policy: str = "random", *, keep_steps: bool = True) -> Session:
    """One playthrough as ``play --auto POLICY --seed SEED`` plays it (random by default).

    With ``keep_steps=False`` it keeps no step history (:meth:`Session.advance`): the same playthrough,
    ending, scores and trust. The spread itself plays :func:`~simulator.engine.outcome.play_out`, the
    same playthrough again, for its outcome only.
    """
    session = Session.start(scenario, seed)
    pick = named_policy(policy, seed)
    move: Callable[[Action], object] = session.act if keep_steps else session.advance
    limit = 4 * len(scenario.nodes) + 4  # the graph is acyclic: a playthrough is never longer
    while not session.finished and limit:
        offered = session.choices
        move(Choose(pick(offered).id) if offered else CONTINUE)
        limit -= 1
    return session


@dataclass
class _Tally:
    """What a run of seeds gathered: ending counts, the first seed of each ending, final values."""

    counts: dict[str, int]
    first: dict[str, int]
    trust: dict[str, list[int]]
    scores: dict[str, list[int]]
    decisions: list[int]

    def add(self, other: _Tally) -> None:
        """Append a later run of seeds (so first seeds stay the lowest)."""
        for end, n in other.counts.items():
            self.counts[end] = self.counts.get(end, 0) + n
        for end, seed in other.first.items():
            self.first.setdefault(end, seed)
        for key, values in other.trust.items():
            self.trust[key].extend(values)
        for key, values in other.scores.items():
            self.scores[key].extend(values)
        self.decisions.extend(other.decisions)


def _tally(scenario: Scenario, seeds: range, policy: str, progress: Progress | None = None) -> _Tally:
    tally = _Tally({}, {}, {c: [] for c in scenario.trusting}, {d: [] for d in scenario.dimensions}, [])
    counts, first, trust, scores = tally.counts, tally.first, tally.trust, tally.scores
    nodes = scenario.nodes
    for done, seed in enumerate(seeds):
        if progress is not None:
            progress(done, len(seeds))
        s = play_out(scenario, seed, policy)  # exactly play_random's playthrough, played for its outcome only
        end = s.node if nodes[s.node].ending is not None else ""
        counts[end] = counts.get(end, 0) + 1
        first.setdefault(end, seed)
        for c in trust:
            trust[c].append(s.trust.get(c, 0))
        for d in scores:
            scores[d].append(s.scores.get(d, 0))
        tally.decisions.append(len(s.chosen))
    return tally


#: Playthroughs below which one process is quicker than starting more,
PARALLEL_FROM = 400
#: unless they are long: playthroughs times the case's nodes from which they are shared all the same (200 on a
#: 2,500-node case; Harris's 248 nodes reach it at 800).
PARALLEL_WORK = 200_000
Progress = Callable[[int, int], None]  # told (playthroughs done, of how many) as they are played
_SHARED: tuple[Scenario, str] | None = None  # what a forked worker inherits (never pickled)


def _tally_shared(seeds: range) -> _Tally:
    assert _SHARED is not None
    return _tally(_SHARED[0], seeds, _SHARED[1])


def _plain_signals() -> None:
    """A forked worker ends when the pool says so: no handler its parent installed (a window's SIGTERM as Ctrl-C) outlives the fork."""
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL if name != "SIGINT" else signal.SIG_IGN)


def can_fork() -> bool:
    """Whether forking workers is safe here: only from a process with no other thread, whose locks a child could
    inherit held and wait on for ever (a host that embeds the analysis, a test run that opened windows)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _gather(scenario: Scenario, seeds: range, policy: str, workers: int | None, progress: Progress | None = None) -> _Tally:
    """Tally ``seeds``, split across forked processes when there are many and cores to spare (the same result either way)."""
    global _SHARED
    n = workers if workers is not None else min(os.cpu_count() or 1, 8)
    many = len(seeds) >= PARALLEL_FROM or len(seeds) * len(scenario.nodes) >= PARALLEL_WORK
    if n < 2 or len(seeds) < 2 or not many or not can_fork():
        return _tally(scenario, seeds, policy, progress)
    size = -(-len(seeds) // (2 * n))  # a few chunks per worker, in seed order
    chunks = [seeds[i : i + size] for i in range(0, len(seeds), size)]
    _SHARED = (scenario, policy)
    try:
        with multiprocessing.get_context("fork").Pool(n, initializer=_plain_signals) as pool:
            parts = []
            for part in pool.imap(_tally_shared, chunks):  # in seed order, as they come
                parts.append(part)
                if progress is not None:
                    progress(sum(len(c) for c in chunks[: len(parts)]), len(seeds))
            pool.close()
            pool.join()
    except OSError:  # no processes to be had (a sandbox, a limit): do it here
        return _tally(scenario, seeds, policy, progress)
    finally:
        _SHARED = None
    whole = parts[0]
    for part in parts[1:]:
        whole.add(part)
    return whole


def spread(scenario: Scenario, plays: int = 200, first_seed: int = 0, policy: str = "random", *, workers: int | None = None, progress: Progress | None = None) -> Spread:
    """Play ``plays`` seeded playthroughs by ``policy`` and gather where they ended and what they scored.

    Many or long playthroughs are shared among the machine's cores (forked workers; ``workers=1`` keeps
    them here); the result is the same whichever way they were played. ``progress`` is told how many are done.
    """
    tally = _gather(scenario, range(first_seed, first_seed + plays), policy, workers, progress)
    counts, first, trust, scores, decisions = tally.counts, tally.first, tally.trust, tally.scores, tally.decisions
    endings = []
    for node in scenario.endings():
        assert node.ending is not None
        endings.append(EndingShare(node.id, node.ending.kind, node.ending.title, counts.get(node.id, 0), first.get(node.id)))
    if counts.get(""):
        endings.append(EndingShare("", "unfinished", "(no ending reached)", counts[""], first[""]))
    kinds = {k: 0 for k in ("enabler", "mixed", "barrier")}
    for e in endings:
        if e.kind in kinds:
            kinds[e.kind] += e.count
    cast = scenario.characters
    labels = {d.id: d.label for d in scenario.rubric}
    return Spread(
        plays=plays,
        first_seed=first_seed,
        endings=tuple(sorted(endings, key=lambda e: -e.count)),
        kinds=tuple(kinds.items()),
        trust=tuple(_spread(c, cast[c].short, v, cast[c].trust or 0) for c, v in trust.items()),
        scores=tuple(_spread(d, labels[d], v) for d, v in scores.items()),
        decisions=_spread("decisions", "Decisions", decisions),
        policy=policy,
    )


def to_dict(result: Spread) -> dict[str, object]:
    def value(v: ValueSpread) -> dict[str, object]:
        return {"id": v.id, "label": v.label, "start": v.start, "low": v.low, "high": v.high, "mean": round(v.mean, 2), "quartiles": list(v.quartiles)}

    return {
        "plays": result.plays,
        "policy": result.policy,
        "first_seed": result.first_seed,
        "endings": [{"node": e.node, "kind": e.kind, "title": e.title, "count": e.count, "first_seed": e.first_seed} for e in result.endings],
        "kinds": dict(result.kinds),
        "trust": [value(v) for v in result.trust],
        "scores": [value(v) for v in result.scores],
        "decisions": value(result.decisions),
    }


def to_text(result: Spread) -> list[str]:
    """The spread as lines for a trainer: endings with counts and a bar, then trust and score ranges."""
    n = result.plays
    last = result.first_seed + n - 1
    if result.policy == "random":
        head = f"Random play: {n} playthroughs"
    else:
        head = f"Every {result.policy} option: {n} playthroughs, differing only in the scenario's chance routes"
    lines = [f"{head} (seeds {result.first_seed} to {last}; replay one with `doorstep play PATH --text --auto {result.policy} --seed N`)"]
    width = max((len(e.title) for e in result.endings), default=0)
    for e in result.endings:
        share = e.count / n if n else 0.0
        bar = "#" * round(share * 30)
        seed = f"  e.g. seed {e.first_seed}" if e.first_seed is not None else ""
        lines.append(f"  {e.count:>5}  {share:>4.0%}  {e.kind:<7}  {e.title:<{width}}  {bar}{seed}")
    if result.trust:
        lines.append("Trust at the end (start; lowest, quartiles, highest)")
        for v in result.trust:
            lines.append(f"  {v.label}: starts {v.start}; ends {v.low} / {v.quartiles[0]} / {v.quartiles[1]} / {v.quartiles[2]} / {v.high} (mean {v.mean:.0f})")
    lines.append("Scores at the end (lowest, quartiles, highest)")
    for v in result.scores:
        lines.append(f"  {v.label}: {v.low} / {v.quartiles[0]} / {v.quartiles[1]} / {v.quartiles[2]} / {v.high} (mean {v.mean:+.1f})")
    return lines
