"""Colour arithmetic and the shared muted palette."""

from __future__ import annotations


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def mix(a: str, b: str, t: float) -> str:
    """Blend colour a towards b by t (0 = a, 1 = b)."""
    ra, ga, ba = _rgb(a)
    rb, gb, bb = _rgb(b)
    return "#%02x%02x%02x" % (
        round(ra + (rb - ra) * t),
        round(ga + (gb - ga) * t),
        round(ba + (bb - ba) * t),
    )


INK = "#2f3441"      # the darkest colour we use: a soft blue-black
PAPER = "#fbf7f1"    # the lightest: a warm off-white


def shade(c: str, t: float = 0.15) -> str:
    """Darken towards a cool ink (shadows stay calm, never pure black)."""
    return mix(c, INK, t)


def tint(c: str, t: float = 0.15) -> str:
    """Lighten towards warm paper."""
    return mix(c, PAPER, t)


# A shared palette so rooms and people feel like one world.
P = {
    "lilac": "#c8bad6",
    "lilac_light": "#d9cfe3",
    "sage": "#a8bba3",
    "sage_dark": "#8ca38a",
    "dusty_blue": "#8fa6ba",
    "blue_grey": "#b8c4cf",
    "navy": "#4b5a73",
    "ochre": "#d8b878",
    "terracotta": "#c99279",
    "rose": "#d7a9a4",
    "cream": "#efe6d8",
    "sand": "#dccbb2",
    "oak": "#c4a283",
    "oak_dark": "#a8876b",
    "warm_grey": "#bdb4aa",
    "cool_grey": "#aab1b8",
    "charcoal": "#5b5f68",
    "sky": "#cfd8df",
    "white": "#f4f1ec",
    "glass": "#dde6ea",
}
