"""A tiny seeded random number generator whose whole state is one integer.

SplitMix64 (Steele, Lea and Flood, 2014): fast, well distributed, and its
state fits in a saved game as a plain number, so a playthrough that uses
chance can be saved, restored and replayed exactly.
"""

from __future__ import annotations

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


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
    return (output(state) >> 11) / float(1 << 53), state


def seed_state(seed: int) -> int:
    """The generator state for a user-facing seed."""
    return output(seed & MASK)
