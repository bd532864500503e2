"""Wording every output shares: a number with its sign.

The window, the HTML report, the terminal and ``doorstep analyze`` all show
score changes; they write them one way. A true minus sign reads better and
is announced as "minus" by screen readers; plain-text outputs that must
stay ASCII (transcripts, the analysis printout) pass ``minus="-"``.
"""

from __future__ import annotations

MINUS = "\u2212"


def signed(value: int, minus: str = MINUS) -> str:
    """A number with its sign: "+2", "0", "−1"."""
    return f"+{value}" if value > 0 else f"{minus}{-value}" if value < 0 else "0"
