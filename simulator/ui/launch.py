"""Opening the window: what ``doorstep``, ``doorstep play PATH``, ``doorstep watch PATH`` and ``make play`` run.

:func:`build_app` puts the pieces together (settings, the window, art, the
record store, the case catalog, the flow, the title screen) and is what tests
and the benchmark call; :func:`run_window` and :func:`run_watch` add the
command line's error handling and run the loop. This is the window's
composition root: the only module that knows every part.
The flow (every move of every screen) is made just after the title's first
frame, or the moment it is first needed (:mod:`simulator.ui.window`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from simulator.services.catalog import Catalog
from simulator.services.settings import Settings, load_settings
from simulator.ui.kit.app import App
from simulator.ui.kit.text import TextLog
from simulator.ui.options import Options
from simulator.ui.shell.title import TitleScene
from simulator.ui.window import FirstMoves, Window

if TYPE_CHECKING:  # the scenario loader, the store and the flow come in just after the first frame (build_app's tasks)
    from argparse import Namespace  # argparse itself only when the parser is built (simulator/quickargs.py)

    from simulator.assets import Art
    from simulator.records.store import Store
    from simulator.scenario.art import ArtCatalog
    from simulator.scenario.model import Scenario
    from simulator.ui.flow import Flow
    from simulator.ui.kit.art import ArtCache
    from simulator.workshop.control import Control
    from simulator.workshop.venue import Venue

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
SLOWEST_SPEED, FASTEST_SPEED = 0.05, 1000.0


def open_store(path: Path | None = None) -> tuple[Store | None, list[str]]:
    """The record store and notes for the trainee; (None, [why]) if it cannot be opened at all."""
    from simulator.records.store import Store, StoreError, default_path, now

    try:
        return Store.open(path or default_path(), at=now())
    except StoreError as exc:
        return None, [f"{exc} You can still play, but this time nothing will be saved."]
    except OSError as exc:  # no folder for it at all (no home folder): fileio.FileRefused
        return None, [f"Your playthroughs cannot be saved: {exc}. You can still play, but this time nothing will be saved."]


def build_app(
    options: Options,
    *,
    size: tuple[int, int] | None = None,
    config_dir: Path | None = None,
    store_path: Path | None = None,
    scenarios: Path | None = None,
    text_log: TextLog | None = None,
) -> Window:
    """The window with the title screen ready for its first frame; the rest is queued for just after it.

    What the first frame does not need (the record store, the art manifest,
    the list of cases and the cases themselves, all of which bring in the
    scenario loader) is done by ``app.tasks`` right after the first frame,
    so the window appears at once; Continue appears a moment later.
    """
    settings, settings_note = (Settings(), None) if options.clean_profile else load_settings(config_dir)

    def make_flow() -> Flow:
        from simulator.ui.flow import Flow  # every screen's moves: after the first frame, or at the first key

        return Flow(app, catalog, None, options)

    app = Window(settings, make_flow, size=size, config_dir=config_dir, text_log=text_log)
    app.persist = not options.clean_profile
    if options.fullscreen:
        app.for_this_run(fullscreen=True)
    manifest: list[Art | None] = []

    def art_manifest() -> Art | None:
        if not manifest:
            from simulator.assets import load_art  # the YAML reader: after the first frame

            manifest.append(load_art())
            if manifest[0] is None:
                app.note("art: no assets/art/art.yaml found; every picture is a placeholder")
        return manifest[0]

    def make_art() -> ArtCache:
        from simulator.ui.kit.art import ArtCache

        return ArtCache(art_manifest, notify=app.note)

    def art_catalog() -> ArtCatalog | None:
        art = art_manifest()
        return art.catalog() if art else None

    app.make_art = make_art
    catalog = Catalog([], selected=options.path, art=art_catalog, notify=app.note)
    app.on_drop = lambda path: app.flow.dropped(path)
    app.reset(TitleScene(app, FirstMoves(app, catalog), kept=not (options.auto or options.clean_profile)))  # (title.py)
    if settings_note:
        app.flow.notice("Your settings", [settings_note])

    def open_records() -> bool:
        flow = app.flow  # made now, if a key has not made it already
        if not options.auto:
            store, notes = open_store(store_path)
            flow.store = store
            flow.start_sending()  # the course's LRS, if one is set up and switched on (a thread of its own)
            if notes:
                flow.notice("Your saved playthroughs", notes)
            elif flow.resumable() is None and flow.passed_over():
                flow.tell_passed_over(None)  # nothing to continue but damaged playthroughs: say so, not silence
            elif app.top is not None and app.top.name == "title":
                app.top.on_enter()  # now it knows whether there is anything to continue
        return False

    def find_cases() -> bool:
        from simulator.assets import scenarios_dir

        catalog.discover_in(scenarios or scenarios_dir())
        app.art.shared  # noqa: B018 - read the manifest now, not when the first picture is wanted
        return False

    def load_one() -> bool:
        more = catalog.load_next()
        app.relayout()  # the title now knows the case's real name
        return more

    def start_from() -> bool:
        """``--from`` / ``--set``: straight into the scene asked for, once the case has loaded."""
        scenario = catalog.scenario(options.path) if options.path is not None else None
        if scenario is not None:
            app.flow.begin_from(scenario)
        return False

    app.tasks.extend([open_records, find_cases, *([start_from] if options.start_at or options.set_values else []), load_one])
    if options.screenshots is not None:
        from simulator.ui.kit.shots import Shots

        app.shots = Shots(options.screenshots)
    if options.auto:
        from simulator.engine.autoplay import policy
        from simulator.ui.kit.pilot import Pilot

        app.pilot = Pilot(policy(options.auto, options.fixed_seed), options.speed, tour=options.screenshots is not None, exit_when_done=True)
    return app


def unseen_window(interactive: bool) -> str | None:
    """Why a window waiting for the trainee would never be seen (one line), or None.

    With DISPLAY set but no display behind it (a closed X server, a
    forwarded session gone away), SDL quietly falls back to an offscreen
    window, which would then wait for input for ever. A driver chosen on
    purpose with SDL_VIDEODRIVER (tests, kiosks) is respected, and auto play
    needs no one to see it.
    """
    if not interactive or os.environ.get("SDL_VIDEODRIVER"):
        return None
    where = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "this computer"
    unseen = f"doorstep: cannot reach the display ({where}), so the window would be invisible; check the display is running, or use `doorstep play PATH --text`."
    # Only X named: ask X alone, so SDL does not go on to try Wayland (printing its own complaint) and then offscreen.
    only_x = bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux")
    if only_x:
        os.environ["SDL_VIDEODRIVER"] = "x11"
    try:
        pygame.display.init()
        driver = pygame.display.get_driver()
    except pygame.error:
        return unseen
    finally:
        if only_x:
            del os.environ["SDL_VIDEODRIVER"]
    if driver in ("offscreen", "dummy"):
        pygame.display.quit()
        return unseen
    return None


def run_window(args: Namespace) -> int:
    """``doorstep play`` in the window; returns the exit code."""
    options = Options(
        path=Path(args.path) if getattr(args, "path", None) else None,
        auto=getattr(args, "auto", None),
        seed=getattr(args, "seed", None),
        speed=getattr(args, "speed", 1.0),
        screenshots=Path(args.screenshots) if getattr(args, "screenshots", None) else None,
        name=getattr(args, "name", None),
        assessment=bool(getattr(args, "assessment", False)),
        fullscreen=bool(getattr(args, "fullscreen", False)),
        start_at=getattr(args, "start_at", None),
        set_values=tuple(getattr(args, "settings", None) or ()),
    )
    problem = speed_problem(options.speed)
    if problem:
        print(f"doorstep: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    if options.auto and options.path is not None and _loaded(options.path, say_missing=False) is None:
        return EXIT_PROBLEMS
    if options.start_at or options.set_values:
        checked = _check_start(options)
        if checked != EXIT_OK:
            return checked
    unseen = unseen_window(interactive=not options.auto)
    if unseen:
        print(unseen, file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        app = build_app(options)
    except pygame.error as exc:
        print(f"doorstep: cannot open a window ({exc}). Without a display, use `doorstep play PATH --text`.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        code = run_stoppable(app)
    except KeyboardInterrupt:
        app.close()
        print("doorstep: stopped. Every choice so far is saved; Continue picks up from there.", file=sys.stderr)
        return EXIT_OK
    if options.auto and app.shots is not None:
        print(f"Saved {app.shots.count} screenshots to {app.shots.folder}")
    return code


def speed_problem(value: float) -> str | None:
    """Why a reading pace cannot be used (one line), or None: 0 (as fast as it can draw), or from 0.05 (twenty times slower) to 1000.

    ``nan`` and ``1e-300`` passed a check for "0 or more" and the window then
    waited for ever between lines; the window's commands check with this.
    """
    if value == 0 or SLOWEST_SPEED <= value <= FASTEST_SPEED:  # nan fails both
        return None
    return f"--speed must be 0 (as fast as possible) or from {SLOWEST_SPEED:g} to {FASTEST_SPEED:g}"


def run_stoppable(app: App) -> int:
    """``app.run()``, with what the start put off done as the first work after the first frame, before the store opens.

    A polite kill or a closed terminal then stops the window as Ctrl-C does
    (:mod:`simulator.services.stopping`, with Python's ``signal`` module: until
    then a kill finds nothing open), and the garbage collector, if the command
    line paused it for the start (``cli.collector_paused``), runs again.
    """
    with contextlib.ExitStack() as stack:

        def listen() -> bool:
            from simulator.services.stopping import stopped_by_signals

            stack.enter_context(stopped_by_signals(KeyboardInterrupt))
            gc.enable()
            return False

        app.tasks.insert(0, listen)
        return app.run()


def _check_start(options: Options) -> int:
    """``--from`` and ``--set`` are checked before the window opens: a mistake is one line and exit 2."""
    from simulator.authoring.playfrom import FromError, overrides, reach

    if options.path is None:
        print("doorstep: --from and --set need a scenario PATH", file=sys.stderr)
        return EXIT_USAGE
    scenario = _loaded(options.path)
    if scenario is None:
        return EXIT_PROBLEMS
    try:
        arrival = reach(scenario, options.start_at or scenario.start, seed=options.fixed_seed)
        overrides(arrival.session, options.set_values)
    except FromError as exc:
        print(f"doorstep: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _loaded(path: Path, *, say_missing: bool = True) -> Scenario | None:
    """The scenario at ``path``, or None after saying on stderr what is wrong with it (before any window opens)."""
    from simulator.assets import load_art
    from simulator.scenario import Severity, load_scenario

    if say_missing and not path.exists():
        print(f"doorstep: {path} does not exist", file=sys.stderr)
        return None
    art = load_art()
    result = load_scenario(path, art=art.catalog() if art else None, cache=True)
    if result.ok:
        return result.scenario
    for d in result.diagnostics:
        if d.severity is Severity.ERROR:
            print(d.render(), file=sys.stderr)
    from simulator.wording import count

    print(f"doorstep: {path} has {count(len(result.errors), 'error')}; run `doorstep validate {path}` for details", file=sys.stderr)
    return None


def run_workshop(args: Namespace, control: Control, venue: Venue, *, timer_s: float, keep: Callable[[], Any]) -> int:
    """``doorstep workshop PATH``: the projector window over a room that is already listening; returns the exit code.

    The window is the room's view (:mod:`simulator.ui.workshop`); the server
    runs on its own thread, started and stopped by the command. Closing the
    window ends the workshop (the command keeps its record and report).
    """
    from simulator.ui.flow.workshop import WorkshopFlow

    settings, _ = load_settings(None)
    try:
        app = App(settings)
    except pygame.error as exc:
        print(f"doorstep: cannot open a window ({exc}). Run the room without one with --no-window.", file=sys.stderr)
        return EXIT_PROBLEMS
    if getattr(args, "fullscreen", False):
        app.for_this_run(fullscreen=True)  # the projector's run only: the trainee's own setting is kept as it was
    flow = WorkshopFlow(app, control, venue, timer_s=timer_s, keep=keep)
    flow.open(notes=getattr(args, "notes_window", None))
    try:
        return app.run()
    except KeyboardInterrupt:
        app.close()
        return EXIT_OK


def run_watch(args: Namespace) -> int:
    """``doorstep watch PATH``: the window opened straight into the watch mode; returns the exit code.

    For a facilitator's projector (``--side-by-side``, ``--speed``), for
    skipping to one episode (``--episode``), and, with ``--auto-advance`` and
    ``--screenshots DIR``, for a handout: every screen photographed, no input
    needed, the window closing by itself at the end (which is also how the
    tests run it).
    """
    speed = float(getattr(args, "speed", 1.0))
    problem = speed_problem(speed)
    if problem:
        print(f"doorstep: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    path = Path(args.path)
    scenario = _loaded(path)
    if scenario is None:
        return EXIT_PROBLEMS
    episode = getattr(args, "episode", None)
    if episode is not None and episode not in scenario.episode_by_id:
        ids = ", ".join(ep.id for ep in scenario.episodes)
        print(f"doorstep: {path} has no episode `{episode}`; its episodes are: {ids}", file=sys.stderr)
        return EXIT_USAGE
    from simulator.ui.flow.base import WatchOptions  # the flow comes in with the watch mode, which opens at once

    layout = getattr(args, "layout", None)
    watch = WatchOptions(
        episode=episode,
        rate=speed,
        side_by_side=None if layout is None else layout == "side",
        auto=bool(getattr(args, "auto_advance", False)),
    )
    shots = Path(args.screenshots) if getattr(args, "screenshots", None) else None
    unseen = unseen_window(interactive=not watch.auto)
    if unseen:
        print(unseen, file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        clean = shots is not None or watch.auto  # a handout or a test: the same look on every machine
        app = build_app(Options(path=path, seed=getattr(args, "seed", 0), fullscreen=bool(getattr(args, "fullscreen", False)), clean=clean))
    except pygame.error as exc:
        print(f"doorstep: cannot open a window ({exc}). Without a display, use `doorstep play PATH --text`.", file=sys.stderr)
        return EXIT_PROBLEMS

    def start() -> bool:
        found = app.flow.catalog.scenario(path)
        if found is None:  # cannot happen after the check above, unless the files changed in between
            app.quit(EXIT_PROBLEMS)
            return False
        tour = app.flow.open_watch(found, watch)
        if episode is not None and not watch.auto:
            tour.begin(tour.start_at)
        if shots is not None:
            from simulator.ui.kit.shots import Shots

            app.shots = Shots(shots)  # from here: the title screen is not part of a handout
        return False

    app.tasks.append(start)
    try:
        code = run_stoppable(app)
    except KeyboardInterrupt:
        app.close()
        return EXIT_OK
    if shots is not None and app.shots is not None:
        print(f"Saved {app.shots.count} screenshots to {app.shots.folder}")
    return code
