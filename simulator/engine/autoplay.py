"""Policies that choose for the player: the canonical paths and seeded random play.

Hosts use these for ``--auto`` play, the watch mode, tests and benchmarks.
A policy is a callable from the offered choices to one of them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from operator import attrgetter

from simulator.engine import lanes, rng
from simulator.engine.rng import GOLDEN, MASK
from simulator.scenario.model import Choice

Policy = Callable[[Sequence[Choice]], Choice]
POLICIES = ("enabler", "barrier", "random")
ALONE = 3  # the random policy's draws made one at a time before it makes lanes.PICKS at once
RANDOM_SALT = 0x5EED  # the random policy's generator starts from the seed mixed with this, apart from the shuffles'
_order = attrgetter("order")


def prefer(path: str) -> Policy:
    """Take the first option on ``path`` as authored; failing that an `other`, then the first written.

    Options are shown shuffled, so the canonical paths look at the authored
    order (``Choice.order``) to stay the same whatever the seed.
    """

    def pick(choices: Sequence[Choice]) -> Choice:
        # The first of the options sorted by order (a stable sort) on the path, without sorting them: the one of
        # lowest order, the earliest of those that share it. One per decision of every canonical path.
        best: Choice | None = None
        for c in choices:
            if c.path == path and (best is None or c.order < best.order):
                best = c
        if best is None:
            for c in choices:
                if c.path == "other" and (best is None or c.order < best.order):
                    best = c
        return best if best is not None else sorted(choices, key=_order)[0]

    return pick


def seeded_random(seed: int) -> Policy:
    """Uniformly random among the offered options, from its own seeded generator."""
    state = rng.seed_state(seed ^ RANDOM_SALT)
    places = rng.STEPS
    outputs: Sequence[int] = ()
    end = at = 0
    alone = ALONE

    def pick(choices: Sequence[Choice]) -> Choice:
        # rng.draw and int(roll * n) (one per decision of every random playthrough): the generator's first ALONE outputs one at a
        # time (a short case takes few), then lanes.PICKS at a time (each the output rng.draw would draw); the place is read off
        # rng.steps' thresholds, which give exactly the float sum's place.
        nonlocal state, outputs, at, end, alone
        n = len(choices)
        if n not in places:
            rng.steps(n)
        if at == end:
            if alone:  # rng.draw written out
                alone -= 1
                state = (state + GOLDEN) & MASK
                z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
                z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
                return choices[bisect_right(places[n], z ^ (z >> 31))]
            outputs, state, end, at = lanes.more(state, lanes.PICKS)
        at += 2
        return choices[bisect_right(places[n], outputs[at - 2])]

    return pick


def policy(name: str, seed: int = 0) -> Policy:
    if name == "random":
        return seeded_random(seed)
    if name in ("enabler", "barrier"):
        return prefer(name)
    raise ValueError(f"unknown policy {name!r}; use one of {', '.join(POLICIES)}")
