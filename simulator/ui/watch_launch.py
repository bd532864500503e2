"""``doorstep watch PATH``: the window opened straight into the watch mode.

For a facilitator's projector (``--side-by-side``, ``--speed``), for
skipping to one episode (``--episode``), and, with ``--auto-advance`` and
``--screenshots DIR``, for a handout: every screen photographed, no input
needed, the window closing by itself at the end (which is also how the
tests run it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pygame

from simulator.ui.launch import EXIT_OK, EXIT_PROBLEMS

EXIT_USAGE = 2


def _scenario(path: Path) -> Any:
    """The scenario at ``path``, or None after saying on stderr what is wrong with it."""
    from simulator.assets import load_art
    from simulator.scenario import Severity, load_scenario

    if not path.exists():
        print(f"doorstep: {path} does not exist", file=sys.stderr)
        return None
    art = load_art()
    result = load_scenario(path, art=art.catalog() if art else None)
    if result.ok:
        return result.scenario
    for d in result.diagnostics:
        if d.severity is Severity.ERROR:
            print(d.render(), file=sys.stderr)
    print(f"doorstep: {path} has {len(result.errors)} error(s); run `doorstep validate {path}` for details", file=sys.stderr)
    return None


def run_watch(args: Any) -> int:
    """Open the window in the watch mode; returns the exit code."""
    from simulator.ui.flow import Options
    from simulator.ui.launch import build_app
    from simulator.ui.watch_tour import WatchOptions, open_watch

    speed = float(getattr(args, "speed", 1.0))
    if speed < 0:
        print("doorstep: --speed must be 0 (as fast as possible) or more", file=sys.stderr)
        return EXIT_PROBLEMS
    path = Path(args.path)
    scenario = _scenario(path)
    if scenario is None:
        return EXIT_PROBLEMS
    episode = getattr(args, "episode", None)
    if episode is not None and episode not in scenario.episode_by_id:
        ids = ", ".join(ep.id for ep in scenario.episodes)
        print(f"doorstep: {path} has no episode `{episode}`; its episodes are: {ids}", file=sys.stderr)
        return EXIT_USAGE
    layout = getattr(args, "layout", None)
    watch = WatchOptions(
        episode=episode,
        rate=speed,
        side_by_side=None if layout is None else layout == "side",
        auto=bool(getattr(args, "auto_advance", False)),
    )
    shots = Path(args.screenshots) if getattr(args, "screenshots", None) else None
    try:
        app = build_app(Options(path=path, seed=getattr(args, "seed", 0)))
    except pygame.error as exc:
        print(f"doorstep: cannot open a window ({exc}). Without a display, use `doorstep play PATH --text`.", file=sys.stderr)
        return EXIT_PROBLEMS

    def start() -> bool:
        found = app.flow.catalog.scenario(path)
        if found is None:  # cannot happen after the check above, unless the files changed in between
            app.quit(EXIT_PROBLEMS)
            return False
        tour = open_watch(app, found, watch)
        if episode is not None and not watch.auto:
            tour.begin(tour.start_at)
        if shots is not None:
            from simulator.ui.shots import Shots

            app.shots = Shots(shots)  # from here: the title screen is not part of a handout
        return False

    app.tasks.append(start)
    try:
        code = app.run()
    except KeyboardInterrupt:
        app.close()
        return EXIT_OK
    if shots is not None and app.shots is not None:
        print(f"Saved {app.shots.count} screenshots to {app.shots.folder}")
    return code
