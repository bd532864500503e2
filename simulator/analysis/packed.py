"""Many small whole numbers side by side in one: how the score bounds keep a node's figures.

The bounds (:mod:`simulator.analysis.bounds`) keep ``4 n`` figures for each
node of the story and, node by node, add a change to all of them and take
each one's lowest over the node's ways out. Kept as a tuple, that is a
Python call for every figure of every way. Kept side by side in one
integer, each figure in a lane of bits of its own, adding a change to all
of them is one integer addition, and the lane-by-lane lowest of two is a
handful of whole-integer operations (:attr:`Lanes.lower`), however many
figures there are.

Each lane holds its figure plus a bias, so what it holds is never below
zero and never reaches the lane's top bit, which stays clear: no addition
carries from one lane into the next, and the lowest can be read off the
top bits of one subtraction. That holds while every figure stays within
``bound`` of zero, or, for a lane marked :attr:`Lanes.dead` ("nothing is
reached this way"), within ``bound`` of where it was marked: the caller
proves that ``bound`` is large enough. A dead lane reads back above
``bound``, so it is always above every live one, and the lowest passes it
over as long as a live one is there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


class Lanes:
    """A layout of ``count`` figures, each within ``bound`` of zero, in lanes of one integer (lane 0 the lowest bits)."""

    def __init__(self, count: int, bound: int) -> None:
        self.count = count
        self.bound = bound
        # Stored values run from 0 (a figure of -bound) to 4 * bound + 1 (a dead lane moved by +bound), below the top bit.
        self.width = width = (4 * bound + 1).bit_length() + 1
        self.full = (1 << width) - 1
        self._bias = self.shift((bound,) * count)
        self.zero = self._bias  # every figure 0
        self.dead = self.shift((3 * bound + 1,) * count)  # every figure 2 * bound + 1: above any a path adds up to
        self.top = sum(1 << (width * i + width - 1) for i in range(count))  # each lane's top bit
        self.lower: Callable[[int, int], int] = _lower(self.top, width)

    def shift(self, figures: Sequence[int]) -> int:
        """What adding ``figures`` (one a lane, any sign) does: added to a packed value, each lane moves by its own figure."""
        width = self.width
        return sum(f << (width * i) for i, f in enumerate(figures))

    def pack(self, figures: Sequence[int]) -> int:
        return self._bias + self.shift(figures)

    def unpack(self, packed: int) -> tuple[int, ...]:
        """The figures (a dead lane's reads above :attr:`bound`)."""
        width, full, bound = self.width, self.full, self.bound
        return tuple(((packed >> (width * i)) & full) - bound for i in range(self.count))

    def first(self, count: int) -> int:
        """The bits of the first ``count`` lanes, to keep those lanes of a packed value and clear the rest."""
        return (1 << (self.width * count)) - 1


def _lower(top: int, width: int) -> Callable[[int, int], int]:
    """Lane by lane, the lower of two packed values.

    Setting each lane's top bit of ``x`` and subtracting ``y`` leaves that
    bit set exactly where ``x``'s figure is not below ``y``'s (no lane
    borrows from the next, as neither reaches its top bit); spread over
    the bits below it in its lane (the bit less the bit moved to the lane's
    foot: the top bit itself is clear in both), it picks ``y``'s lane there
    and ``x``'s elsewhere.
    """
    drop = width - 1

    def lower(x: int, y: int) -> int:
        past = ((x | top) - y) & top
        return x ^ ((x ^ y) & (past - (past >> drop)))  # each such lane's bits below its top one (no figure reaches it)

    return lower
