"""Many SplitMix64 outputs at once: states side by side in one integer, mixed together.

A seeded playthrough draws a few hundred generator outputs (the random
policy's picks, each decision's shuffle), and each one mixed by itself in
Python costs a third of a microsecond. Here ``count`` states sit in one
integer, 128 bits apart (:func:`pack`); :func:`mix` applies
:func:`simulator.engine.rng.output` to every lane with one big-integer
operation per step, 128 bits being room for each lane's 64-by-64-bit product
and for whatever a shift brings down from the lane above, which the lane
mask then clears; :func:`unpack` reads the outputs back as a list. The
outputs are rng.output's exactly (tests/test_engine_fast.py holds them to it).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable

from simulator.engine.rng import GOLDEN, MASK

WIDTH = 128  # bits between lanes


class Lanes:
    """The constants for ``count`` lanes: a one in every lane, every lane's mask, and how to read them back."""

    __slots__ = ("count", "golden", "mask", "ones")

    def __init__(self, count: int) -> None:
        self.count = count
        self.ones = pack([1] * count)  # times a number: that number in every lane
        self.mask = self.ones * MASK
        self.golden = pack([(k * GOLDEN) & MASK for k in range(1, count + 1)])  # plus a state times `ones`: its next `count` states


def pack(values: Iterable[int]) -> int:
    """Values of up to 64 bits, one to a lane, the first in the lowest."""
    out = 0
    for i, value in enumerate(values):
        out |= value << (WIDTH * i)
    return out


def mix(x: int, mask: int) -> int:
    """rng.output of every lane of ``x`` (``mask``: the lanes' :attr:`Lanes.mask`)."""
    x = ((x ^ ((x >> 30) & mask)) * 0xBF58476D1CE4E5B9) & mask
    x = ((x ^ ((x >> 27) & mask)) * 0x94D049BB133111EB) & mask
    return x ^ ((x >> 31) & mask)


def unpack(x: int, lanes: Lanes) -> array[int]:
    """The lanes of ``x`` as numbers, lane ``i`` at index ``2 * i`` (every other one is the empty upper half of a lane)."""
    out = array("Q", x.to_bytes(WIDTH // 8 * lanes.count, "little"))  # "Q": 8 bytes wherever CPython runs
    if BIG_ENDIAN:
        out.byteswap()  # array reads the machine's own order
    return out


BIG_ENDIAN = sys.byteorder == "big"


PICKS = 64  # the most of the random policy's draws made at once
FIRST_PICKS = 4  # ... and the fewest (a short case's playthrough takes few)
MOST = 512  # the most decisions a scenario lays out in lanes (beyond: a shuffle is drawn by itself where it is met)


def picks(start: int, count: int = PICKS) -> array[int]:
    """The next ``count`` outputs of a generator at ``start`` (as ``rng.draw`` would draw them, one by one), at even indexes."""
    lanes = _LANES.get(count)
    if lanes is None:
        lanes = _LANES[count] = Lanes(count)
    return unpack(mix((start * lanes.ones + lanes.golden) & lanes.mask, lanes.mask), lanes)


_LANES: dict[int, Lanes] = {}


def more(start: int, want: int) -> tuple[array[int], int, int, int]:
    """The random policy's next ``want`` draws from generator state ``start`` (:func:`picks`; at least FIRST_PICKS, at most PICKS),
    with the state after them, where they end and where the first is, as readers keep them (``outputs, state, end, at = more(state, want)``)."""
    count = min(PICKS, max(FIRST_PICKS, want))
    return picks(start, count), (start + count * GOLDEN) & MASK, 2 * count, 0


class Decisions:
    """A scenario's shuffled decisions in lanes: each playthrough's first two swaps of every shuffle, drawn at once.

    A decision's shuffle starts from ``rng.seed_state(shuffle_seed ^ salt)``
    (Session.choices) and its k-th swap draws the output of that state plus
    k times the golden step: :meth:`swaps` gives the first and second of
    them for every decision (the third and later, needed only where four or
    more options are shown, are drawn where they are met).
    """

    __slots__ = ("count", "lane", "lanes", "low", "paired", "salts", "steps", "two")

    #: Where :meth:`swaps` puts the generator states for the two values it is also given (lanes after the second swaps).
    SEEDED = 2

    def __init__(self, salts: dict[str, int]) -> None:
        self.lane = {node: i for i, node in enumerate(salts)}  # node id -> its lane
        self.count = len(salts)
        self.lanes = Lanes(self.count)
        self.two = Lanes(2 * self.count + self.SEEDED)
        self.paired = Lanes(self.count + self.SEEDED)  # as swaps reads them back: two outputs to a lane
        self.low = (1 << (WIDTH * self.count)) - 1
        self.salts = pack(salts.values())
        ones = self.lanes.ones
        self.steps = (GOLDEN * ones, ((2 * GOLDEN) & MASK) * ones)

    def swaps(self, shuffle_seed: int, seed: int = 0, other: int = 0) -> array[int]:
        """The first swap's output of every decision's shuffle (at twice its lane) and the second's (just after it), then
        ``rng.seed_state`` of ``seed`` and of ``other`` (at ``2 * count + 1`` and ``2 * count + 3``), drawn with them for the cost of two lanes.

        Each output is mixed in a lane of its own; the second swaps and the seeds are then moved into the empty upper halves of
        the first swaps' lanes, so half as many bytes are read back."""
        lanes = self.lanes
        mask = lanes.mask
        start = mix((shuffle_seed * lanes.ones) ^ self.salts, mask)  # rng.seed_state(shuffle_seed ^ salt), every lane
        first, second = self.steps
        width = WIDTH * self.count
        seeds = (seed & MASK) | ((other & MASK) << WIDTH)
        both = ((start + first) & mask) | (((start + second) & mask) << width) | (seeds << (2 * width))
        out = mix(both, self.two.mask)
        return unpack((out & self.low) | ((out >> width) << (WIDTH // 2)), self.paired)
