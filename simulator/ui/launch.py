"""Opening the window: what ``doorstep``, ``doorstep play PATH`` and ``make play`` run.

:func:`build_app` puts the pieces together (settings, the window, art, the
record store, the case catalog, the title screen) and is what tests and the
benchmark call; :func:`run_window` adds the command line's error handling
and runs the loop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from simulator.ui.app import App
from simulator.ui.flow import Flow, Options
from simulator.ui.settings import load_settings
from simulator.ui.text import TextLog

EXIT_OK, EXIT_PROBLEMS = 0, 1


def open_store(app: App, path: Path | None = None) -> tuple[Any, list[str]]:
    """The record store and notes for the trainee; (None, [why]) if it cannot be opened at all."""
    from simulator.records.store import Store, StoreError, default_path, now

    try:
        return Store.open(path or default_path(), at=now())
    except StoreError as exc:
        return None, [f"{exc} You can still play, but this time nothing will be saved."]


def build_app(
    options: Options,
    *,
    size: tuple[int, int] | None = None,
    config_dir: Path | None = None,
    store_path: Path | None = None,
    scenarios: Path | None = None,
    text_log: TextLog | None = None,
) -> App:
    """The window with the title screen ready for its first frame; the rest is queued for just after it.

    What the first frame does not need (the record store, the art manifest,
    the list of cases and the cases themselves, all of which bring in the
    scenario loader) is done by ``app.tasks`` right after the first frame,
    so the window appears at once; Continue appears a moment later.
    """
    from simulator.ui.catalog import Catalog
    from simulator.ui.scenes.title import TitleScene

    settings, settings_note = load_settings(config_dir)
    app = App(settings, size=size, config_dir=config_dir, text_log=text_log)
    manifest: list[Any] = []

    def art_manifest() -> Any:
        if not manifest:
            from simulator.assets import load_art

            manifest.append(load_art())
            if manifest[0] is None:
                app.note("art: no assets/art/art.yaml found; every picture is a placeholder")
        return manifest[0]

    def make_art() -> Any:
        from simulator.ui.art import ArtCache

        return ArtCache(art_manifest, notify=app.note)

    app.make_art = make_art
    catalog = Catalog([], selected=options.path, art=lambda: art_manifest().catalog() if art_manifest() else None, notify=app.note)
    app.flow = Flow(app, catalog, None, options)
    app.reset(TitleScene(app))
    if settings_note:
        app.flow.notice("Your settings", [settings_note])

    def open_records() -> bool:
        if not options.auto:
            store, notes = open_store(app, store_path)
            app.flow.store = store
            if notes:
                app.flow.notice("Your saved playthroughs", notes)
            elif app.top is not None and app.top.name == "title":
                app.top.on_enter()  # now it knows whether there is anything to continue
        return False

    def find_cases() -> bool:
        from simulator.assets import scenarios_dir

        catalog.discover_in(scenarios or scenarios_dir())
        app.art.art  # noqa: B018 - read the manifest now, not when the first picture is wanted
        return False

    def load_one() -> bool:
        more = catalog.load_next()
        app.relayout()  # the title now knows the case's real name
        return more

    app.tasks.extend([open_records, find_cases, load_one])
    if options.screenshots is not None:
        from simulator.ui.shots import Shots

        app.shots = Shots(options.screenshots)
    if options.auto:
        from simulator.engine.autoplay import policy
        from simulator.ui.pilot import Pilot

        app.pilot = Pilot(policy(options.auto, options.fixed_seed), options.speed, tour=options.screenshots is not None, exit_when_done=True)
    return app


def run_window(args: Any) -> int:
    """``doorstep play`` in the window; returns the exit code."""
    options = Options(
        path=Path(args.path) if getattr(args, "path", None) else None,
        auto=getattr(args, "auto", None),
        seed=getattr(args, "seed", None),
        speed=getattr(args, "speed", 1.0),
        screenshots=Path(args.screenshots) if getattr(args, "screenshots", None) else None,
        name=getattr(args, "name", None),
        assessment=bool(getattr(args, "assessment", False)),
    )
    if options.speed < 0:
        print("doorstep: --speed must be 0 (as fast as possible) or more", file=sys.stderr)
        return EXIT_PROBLEMS
    if options.auto and options.path is not None and not _playable(options.path):
        return EXIT_PROBLEMS
    try:
        app = build_app(options)
    except pygame.error as exc:
        print(f"doorstep: cannot open a window ({exc}). Without a display, use `doorstep play PATH --text`.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        code = app.run()
    except KeyboardInterrupt:
        app.close()
        print("doorstep: stopped. Every choice so far is saved; Continue picks up from there.", file=sys.stderr)
        return EXIT_OK
    if options.auto and app.shots is not None:
        print(f"Saved {app.shots.count} screenshots to {app.shots.folder}")
    return code


def _playable(path: Path) -> bool:
    """Auto play needs a valid scenario before a window opens: say what is wrong on stderr."""
    from simulator.assets import load_art
    from simulator.scenario import Severity, load_scenario

    art = load_art()
    result = load_scenario(path, art=art.catalog() if art else None)
    if result.ok:
        return True
    for d in result.diagnostics:
        if d.severity is Severity.ERROR:
            print(d.render(), file=sys.stderr)
    print(f"doorstep: {path} has {len(result.errors)} error(s); run `doorstep validate {path}` for details", file=sys.stderr)
    return False
