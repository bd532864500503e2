"""Whether the window can open here and be seen, checked before it opens: each answer a line saying why not.

:func:`no_display`: without a display, a window waiting for a trainee would
wait unseen. :func:`pygame_problem`: Doorstep needs pygame-ce, and upstream
pygame installs the same ``pygame`` import name, so a machine with it would
import the wrong one and fail later in confusing ways (no SVG loading at the
sizes we ask for, missing functions); the line says how to fix it.
"""

from __future__ import annotations

import os
import sys

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


def no_display(interactive: bool) -> str | None:
    """Why an interactive window would never be seen here (one line), or None.

    Without a display, and no SDL video driver chosen on purpose, SDL falls
    back to an offscreen window: auto play and
    watch with --auto-advance still finish (and can save screenshots), but a
    window waiting for a trainee's input would wait for ever, unseen.
    """
    if not interactive:
        return None
    driver = os.environ.get("SDL_VIDEODRIVER", "").strip()  # set on purpose (tests, kmsdrm consoles): respected
    unix_desktop = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
    if unix_desktop and not driver and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "doorstep: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); play in the terminal with `doorstep play PATH --text`"
    return None
