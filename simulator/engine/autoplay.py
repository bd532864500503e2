"""Policies that choose for the player: the canonical paths and seeded random play.

Hosts use these for ``--auto`` play, the watch mode, tests and benchmarks.
A policy is a callable from the offered choices to one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from simulator.engine import rng
from simulator.scenario.model import Choice

Policy = Callable[[Sequence[Choice]], Choice]
POLICIES = ("enabler", "barrier", "random")
RANDOM_SALT = 0x5EED  # the random policy's generator starts from the seed mixed with this, apart from the shuffles'


def prefer(path: str) -> Policy:
    """Take the first option on ``path`` as authored; failing that an `other`, then the first written.

    Options are shown shuffled, so the canonical paths look at the authored
    order (``Choice.order``) to stay the same whatever the seed.
    """

    def pick(choices: Sequence[Choice]) -> Choice:
        ordered = sorted(choices, key=lambda c: c.order)
        for c in ordered:
            if c.path == path:
                return c
        for c in ordered:
            if c.path == "other":
                return c
        return ordered[0]

    return pick


def seeded_random(seed: int) -> Policy:
    """Uniformly random among the offered options, from its own seeded generator."""
    state = rng.seed_state(seed ^ RANDOM_SALT)

    def pick(choices: Sequence[Choice]) -> Choice:
        nonlocal state
        roll, state = rng.draw(state)
        return choices[int(roll * len(choices))]

    return pick


def policy(name: str, seed: int = 0) -> Policy:
    if name == "random":
        return seeded_random(seed)
    if name in ("enabler", "barrier"):
        return prefer(name)
    raise ValueError(f"unknown policy {name!r}; use one of {', '.join(POLICIES)}")
