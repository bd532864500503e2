"""The QR code on the projector: the join link (the address and the room code) as dark and light modules, by segno.

The window draws the modules itself (large, with a quiet zone, in black on
white whatever the theme), so the code scans from the back of a room; the
facilitator's page gets the same code as inline SVG. Nothing is fetched.
"""

from __future__ import annotations

import segno


def modules(link: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, row by row (True is dark), without the quiet zone (the drawer adds it)."""
    code = segno.make(link, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix)


def svg(link: str, title: str = "QR code to join the room") -> str:
    """The code as an inline SVG element with a text alternative."""
    code = segno.make(link, error="m", micro=False)
    out: str = code.svg_inline(scale=6, border=4, dark="#000", light="#fff", title=title)
    return out
