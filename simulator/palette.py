"""How the three paths look, the same in the HTML report and the window.

You: deep blue; the enabler path: teal; the barrier path: amber-brown
(each above 4.5:1 against white). Colour is never the only cue: line style,
marker shape and these names tell the paths apart too. The report writes
the colours as CSS and SVG; the window draws with :func:`rgb` of the same.
"""

from __future__ import annotations

PATH_COLOURS = {"you": "#1e3a8a", "enabler": "#0f766e", "barrier": "#b45309"}
PATH_NAMES = {"you": "You", "enabler": "Enabler path", "barrier": "Barrier path"}


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#1e3a8a"`` as ``(30, 58, 138)``."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
