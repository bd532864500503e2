"""``doorstep``, ``doorstep play PATH`` and ``doorstep validate PATH...`` read without argparse: the commonest command lines.

Importing argparse (with gettext and locale) and building the command
line's parser took about 4 ms of CPU before the title's first frame, a
quarter of all the time Doorstep may add to a bare window (issue 13), and
as much of every ``doorstep validate`` a trainer runs while writing (issue
10). These forms, with no option, are read here into exactly what the
parser makes of them (tests/test_startup.py and tests/test_quickargs.py
compare the two); anything else (an option, another command, ``--help``, a
mistake) goes to the parser, so every message, refusal and exit code stays
argparse's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def plain_play(argv: Sequence[str]) -> dict[str, Any] | None:
    """What the parser makes of ``doorstep``, ``doorstep play`` or ``doorstep play PATH`` (all but ``run``); None for anything else."""
    if len(argv) > 2 or (argv and argv[0] != "play"):
        return None
    path = argv[1] if len(argv) == 2 else None
    if path is not None and (path.startswith("-") or not path.strip()):  # an option, or a path argparse would take for one; or empty (argparse's check says so)
        return None
    return {
        "command": "play", "path": path, "text": False, "auto": None, "seed": None, "record": None, "name": None, "assessment": False,
        "speed": 1.0, "screenshots": None, "fullscreen": False, "start_at": None, "settings": [],
    }  # fmt: skip


def plain_validate(argv: Sequence[str]) -> dict[str, Any] | None:
    """What the parser makes of ``doorstep validate PATH...`` with no option (all but ``run``); None for anything else."""
    if len(argv) < 2 or argv[0] != "validate" or any(arg.startswith("-") or not arg.strip() for arg in argv[1:]):  # an option, or what argparse might take for one; or empty
        return None
    return {"command": "validate", "paths": list(argv[1:]), "format": "text", "strict": False, "notes": False, "watch": False, "watch_rounds": None}
