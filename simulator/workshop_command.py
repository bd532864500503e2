"""The ``doorstep workshop`` command: the room, its web server and the projector window, started and stopped together.

The room and the facilitator's controls are pure (:mod:`simulator.workshop`);
the server (:mod:`simulator.server`) and the window (:mod:`simulator.ui`) are
hosts over them that never import each other, so this module, above both,
puts them together: it listens only while the workshop runs, and whatever
ends it (End, the window closing, Ctrl-C) keeps the record and the report once.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from typing import Any

from simulator import argtypes
from simulator.services.stopping import stopped_by_signals
from simulator.wording import count

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_PORT = 8765


def options(p: argparse.ArgumentParser) -> None:
    """``workshop``'s options; its name and line of help are in the command list (simulator/cli.py)."""
    p.description = (
        "Run a workshop: the facilitator's window for the projector, and a page that participants' phones open over the "
        "room's local network (a QR code, a short address and a room code are on the screen). Nothing is fetched from "
        "the internet. Keys: PageDown / PageUp (or a presentation clicker) step through voting, B blanks the screen, "
        "F is full screen, P pauses for discussion, T starts the discussion timer, S skips a scene, O steps the whole "
        "room out, N types a note, J hides or shows how to join, E twice ends the workshop and writes its report."
    )
    p.add_argument("path", metavar="PATH", help="scenario folder")
    p.add_argument("--mode", choices=("play", "watch"), default="play", help="play: the room steers one playthrough (default); watch: the room predicts what the enabler worker chose")
    p.add_argument("--no-window", action="store_true", help="run only the room's server (drive it from a browser at the facilitator's address it prints)")
    p.add_argument("--host", action="append", default=[], metavar="ADDRESS", help="listen on this address only (repeat for more; default: this machine's address on its local network)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N", help=f"the port phones connect to (default {DEFAULT_PORT}; 0 for any free port)")
    p.add_argument("--seed", type=argtypes.seed, default=0, help="seed for the order options are shown in and chance events (default 0)")
    p.add_argument("--timer", type=int, default=120, metavar="SECONDS", help="length of the discussion timer T starts (default 120)")
    p.add_argument("--report-dir", metavar="DIR", help="where to write the workshop report (default: Documents/Doorstep, or $DOORSTEP_EXPORT_DIR)")
    p.add_argument("--fullscreen", action="store_true", help="open the projector window full screen (F toggles it)")
    notes = p.add_mutually_exclusive_group()
    notes.add_argument("--notes-window", dest="notes_window", action="store_const", const=True, help="open the facilitator's notes in a second window (default: when there is a second screen)")
    notes.add_argument("--no-notes-window", dest="notes_window", action="store_const", const=False, help="no second window for notes")
    p.set_defaults(run=cmd_workshop, notes_window=None)


def _load(path: str) -> Any:
    """The scenario, or None after printing its errors (as every command does)."""
    from simulator.assets import load_art
    from simulator.scenario import Severity, load_scenario, settle

    art = load_art()
    result = load_scenario(path, art=art.catalog() if art is not None else None, cache=True)
    if not result.ok:
        for d in result.diagnostics:
            if d.severity is Severity.ERROR:
                print(d.render(), file=sys.stderr)
        print(f"doorstep: {path} has {count(len(result.errors), 'error')}; run `doorstep validate {path}` for details", file=sys.stderr)
        return None
    settle()
    return result.scenario


def _window_problem() -> str | None:
    """Why the projector window cannot open here (one line), or None."""
    from simulator.ui.compat import pygame_problem

    driver = os.environ.get("SDL_VIDEODRIVER", "").strip()
    if sys.platform.startswith("linux") and not driver and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "doorstep workshop: there is no display for the projector window; run the room without one with --no-window"
    return pygame_problem()


def _report_dir_problem(report_dir: str | None) -> str | None:
    """Why the workshop report could not be written to --report-dir (one line), or None; the folder is made if missing."""
    if report_dir is None:
        return None
    from simulator import fileio

    why: str | None
    try:
        folder = fileio.home_path(report_dir)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = fileio.reason(exc)
    else:
        why = None if fileio.is_dir(folder) and os.access(folder, os.W_OK) else "it is not a folder that can be written"
    if why is None:
        return None
    return f"doorstep workshop: the report cannot be written to {report_dir} ({why}); choose another folder with --report-dir"


def cmd_workshop(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        print("doorstep workshop: --port is a number from 0 to 65535", file=sys.stderr)
        return EXIT_USAGE
    if not 1 <= args.timer <= 3600:
        print("doorstep workshop: --timer is a number of seconds from 1 to 3600", file=sys.stderr)
        return EXIT_USAGE
    problem = _report_dir_problem(args.report_dir)
    if problem:  # said now, not after the workshop: a morning's votes must have somewhere to go
        print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.no_window:
        problem = _window_problem()
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_PROBLEMS
    scenario = _load(args.path)
    if scenario is None:
        return EXIT_PROBLEMS
    from simulator.server import network

    try:
        addresses = network.choose(args.host)
    except network.AddressError as exc:
        print(f"doorstep workshop: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return _run(args, scenario, addresses)


class _Stopped(KeyboardInterrupt):
    """The terminal closed (SIGHUP) or the system asked the command to stop (SIGTERM)."""


def _run(args: argparse.Namespace, scenario: Any, addresses: tuple[str, ...]) -> int:
    from simulator import fileio
    from simulator.records.store import default_path, now
    from simulator.server.app import RoomApp
    from simulator.server.network import loopback_only
    from simulator.server.pages import Case
    from simulator.server.qr import modules
    from simulator.server.run import RoomServer, ServeError
    from simulator.workshop import codes
    from simulator.workshop.control import Control
    from simulator.workshop.facilitate import Workshop
    from simulator.workshop.keep import Keeper
    from simulator.workshop.recover import keep_stopped
    from simulator.workshop.room import Room
    from simulator.workshop.venue import Venue

    folder = fileio.home_path(args.report_dir) if args.report_dir else None
    for line in keep_stopped(default_path(), folder, at=now()):  # a session a power cut stopped is kept before this one starts
        print(line, file=sys.stderr if line.startswith("doorstep") else sys.stdout)
    room = Room(codes.new_code(), args.mode)
    workshop = Workshop.start(scenario, args.mode, room, seed=args.seed)
    lock = threading.RLock()
    keeper = Keeper(workshop, started_at=now(), clock=now, folder=folder, lock=lock)
    control = Control(workshop, on_end=keeper.keep, lock=lock)
    finished = threading.Event()
    key = codes.new_key()
    case = Case(scenario.title, scenario.content_notes, tuple((s.name, s.detail) for s in scenario.support), args.mode)

    def report() -> str:
        return keeper.keep().html

    room_app = RoomApp(control, case, key, report=report, on_finished=finished.set, join_line="")
    server = RoomServer(room_app, addresses, args.port)
    try:
        port = server.start()
    except ServeError as exc:
        print(f"doorstep workshop: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    control.journal = keeper.live(on_problem=lambda why: print(f"doorstep workshop: the workshop cannot be saved as it goes ({why}); it is kept when it ends", file=sys.stderr))
    link = Venue(addresses, port, room.code).join_link
    venue = Venue(addresses, port, room.code, qr=modules(link), key=key)
    room_app.join_line = f"Phones: {venue.short} · code {room.code}"
    what = "play together" if args.mode == "play" else "watch and predict"
    print(f"Doorstep workshop: {scenario.title} ({what})")
    for address in addresses:
        print(f"Phones join at {venue.base(address)} with the room code {room.code}")
    print(f"Facilitator's controls (keep this to yourself): {venue.controls}")
    if loopback_only(addresses):
        print("Only this computer can reach it (loopback): for phones, give the room's network address with --host.")
    sys.stdout.flush()
    code = EXIT_OK
    with stopped_by_signals(_Stopped):  # a closed terminal or a polite kill ends it as Ctrl-C does: the record and report kept first
        try:
            if args.no_window:
                print("Press Ctrl-C to end the workshop and write its report.", flush=True)
                while not finished.wait(0.5):
                    pass
            else:
                from simulator.ui.launch import run_workshop

                code = run_workshop(args, control, venue, timer_s=float(args.timer), keep=keeper.keep)
        except KeyboardInterrupt:
            print("\ndoorstep workshop: stopped.", file=sys.stderr)
        finally:
            with control.lock:
                workshop.end()
            kept = keeper.keep()
            server.stop()
    for line in kept.lines():
        print(line, file=sys.stderr if line in kept.problems else sys.stdout)
    return EXIT_PROBLEMS if kept.problems and code == EXIT_OK else code

