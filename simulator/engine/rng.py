"""A tiny seeded random number generator whose whole state is one integer.

SplitMix64 (Steele, Lea and Flood, 2014): fast, well distributed, and its
state fits in a saved game as a plain number, so a playthrough that uses
chance can be saved, restored and replayed exactly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
TWO_53 = float(1 << 53)
SHUFFLE_PRIME = 0x100000001B3  # a playthrough's seed times this, mixed with a node's salt, seeds that node's shuffle


STEPS: dict[int, tuple[int, ...]] = {}
"""For each count ``n`` (filled by :func:`steps`), the generator outputs at which ``int((output >> 11) / TWO_53 * n)`` steps up."""


def steps(n: int) -> tuple[int, ...]:
    """The outputs at which a place among ``n`` steps up, found once (and for every count below ``n``, so hot loops can index :data:`STEPS` directly).

    ``bisect_right(steps(n), output)`` is ``int((output >> 11) / TWO_53 * n)``
    exactly (the float sum is monotone in the output, so each step is where a
    binary search finds it), at a third of the cost of the float sum: the
    shuffle and the random policy take one at every decision of every
    playthrough.
    """
    found = STEPS.get(n)
    if found is None:
        for m in range(n + 1):
            if m not in STEPS:
                STEPS[m] = tuple(_first(m, k) << 11 for k in range(1, m))
        found = STEPS[n]
    return found


def _first(n: int, k: int) -> int:
    """The least 53-bit draw ``x`` with ``int(x / TWO_53 * n) >= k``."""
    low, high = 0, 1 << 53  # int(x / TWO_53 * n) < k below low (or low is 0), >= k at high (n >= k there)
    while low < high:
        mid = (low + high) // 2
        if int(mid / TWO_53 * n) >= k:
            high = mid
        else:
            low = mid + 1
    return low


def index(output: int, n: int) -> int:
    """``int((output >> 11) / TWO_53 * n)``: a place among ``n`` from one output, read off :func:`steps`."""
    return bisect_right(steps(n), output)


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
    return shuffle(list(items), state)


def shuffle(out: list[T], state: int) -> list[T]:
    """:func:`shuffled` in place: ``out`` itself, shuffled (for a list made to be shown)."""
    if len(out) not in STEPS:
        steps(len(out))
    places = STEPS
    for i in range(len(out) - 1, 0, -1):
        state = (state + GOLDEN) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = bisect_right(places[i + 1], z ^ (z >> 31))  # int(((z ^ (z >> 31)) >> 11) / TWO_53 * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out
