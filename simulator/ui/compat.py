"""Refuse to start on upstream pygame: Doorstep needs pygame-ce.

The two distributions install the same ``pygame`` import name, so a machine
with upstream pygame installed would import the wrong one and fail later in
confusing ways (no SVG loading at the sizes we ask for, missing functions).
This check runs before the window opens and says, in one line, how to fix it.
"""

from __future__ import annotations

import os

FIX = "pip uninstall -y pygame && pip install --force-reinstall 'pygame-ce~=2.5.2'"


def pygame_problem() -> str | None:
    """None if pygame-ce is importable; otherwise the one-line message to print."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
    except ImportError:
        return f"doorstep: the window needs pygame-ce, which is not installed; run `make play`, or `{FIX}`"
    if not getattr(pygame, "IS_CE", False):
        return f"doorstep: upstream pygame is installed, but Doorstep needs pygame-ce; fix it with `{FIX}`"
    return None
