"""A tiny seeded random number generator whose whole state is one integer.

SplitMix64 (Steele, Lea and Flood, 2014): fast, well distributed, and its
state fits in a saved game as a plain number, so a playthrough that uses
chance can be saved, restored and replayed exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
TWO_53 = float(1 << 53)
SHUFFLE_PRIME = 0x100000001B3  # a playthrough's seed times this, mixed with a node's salt, seeds that node's shuffle


def next_state(state: int) -> int:
    return (state + GOLDEN) & MASK


def output(state: int) -> int:
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def draw(state: int) -> tuple[float, int]:
    """A float in [0, 1) and the next state."""
    state = next_state(state)
    return (output(state) >> 11) / TWO_53, state


def seed_state(seed: int) -> int:
    """The generator state for a user-facing seed."""
    return output(seed & MASK)


def shuffled(items: Sequence[T], state: int) -> list[T]:
    """A Fisher-Yates shuffle of ``items`` drawing from generator ``state``.

    Exactly the shuffle that swaps item ``i`` (from the last down) with item
    ``int(roll * (i + 1))`` for each ``roll, state = draw(state)``; the draw
    is written out in the loop because options are shuffled at every
    decision of every playthrough.
    """
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        state = (state + GOLDEN) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = int(((z ^ (z >> 31)) >> 11) / TWO_53 * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out
