"""What the command line accepts as a number, and how it refuses a wrong one: one line, exit 2.

``type=int`` and ``type=float`` let through what later code cannot use: a
seed of forty digits (the store keeps 64-bit integers, a record refuses it,
and the window stopped with a crash log at the debrief), a speed of ``nan``
or ``1e-300`` (the window waited for ever), a timeout of ``inf`` (the socket
refuses it). Each option names its kind here (the window's pace is checked
where the window starts, :func:`speed_problem`), so every command that takes
one checks it the same way, before anything runs. :class:`OneLineParser`
makes argparse's own refusals one line too (it printed the whole usage first).
"""

from __future__ import annotations

import argparse
import math
from typing import NoReturn

SEED_MIN, SEED_MAX = -(2**63), 2**63 - 1  # what SQLite's INTEGER and a record's seed both hold
SLOWEST_SPEED, FASTEST_SPEED = 0.05, 1000.0
LONGEST_WAIT_S = 3600.0


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a refusal is one line naming the command and pointing at --help (exit 2), not the usage and then the error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _number(text: str, kind: type[int] | type[float]) -> float:
    if len(text) > 40:  # int() of thousands of digits is slow, and of more than 4,300 refused
        raise argparse.ArgumentTypeError(f"{text[:20]}... is too long to be a number here")
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole number' if kind is int else 'number'}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def seed(text: str) -> int:
    """A seed: a whole number that fits in 64 bits."""
    value = int(_number(text, int))
    if not SEED_MIN <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"a seed is a whole number from {SEED_MIN} to {SEED_MAX}")
    return value


def speed_problem(value: float) -> str | None:
    """Why a reading pace cannot be used (one line), or None: 0 (as fast as it can draw), or from 0.05 (twenty times slower) to 1000.

    ``nan`` and ``1e-300`` passed a check for "0 or more" and the window then
    waited for ever between lines; the window's commands check with this.
    """
    if value == 0 or SLOWEST_SPEED <= value <= FASTEST_SPEED:  # nan fails both
        return None
    return f"--speed must be 0 (as fast as possible) or from {SLOWEST_SPEED:g} to {FASTEST_SPEED:g}"


def seconds(text: str) -> float:
    """A time to wait: more than 0 and at most an hour."""
    value = _number(text, float)
    if not 0 < value <= LONGEST_WAIT_S:
        raise argparse.ArgumentTypeError(f"a time to wait is more than 0 and at most {LONGEST_WAIT_S:g} seconds, not {text}")
    return value
