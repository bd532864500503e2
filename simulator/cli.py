"""The ``doorstep`` command line.

Exit codes: 0 success; 1 problems found (invalid scenario, unreadable
record); 2 usage errors (argparse's convention). Bad input always gets a
message, never a traceback. An error nobody foresaw (a bug) is one line
naming a crash log with the details (see :mod:`simulator.crashlog`), exit 1;
with ``DOORSTEP_RAISE=1`` (the test suite sets it) it propagates instead, so
tests see the exception itself.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal

from simulator import __version__, collector, fileio, streams
from simulator.cli_common import load as _load
from simulator.cli_common import whole_scenario
from simulator.cli_common import write_json as _write_json
from simulator.quickargs import plain_play, plain_validate

if TYPE_CHECKING:  # argparse only when the parser is built (see simulator/quickargs.py); the scenario package for the commands that read one
    import argparse

    from simulator import argtypes
    from simulator.engine.session import Session
    from simulator.scenario.model import Scenario

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: The commands that need a whole scenario, and take a file of one (an episode a trainer has open) as that scenario.
_WHOLE_SCENARIO = frozenset({"info", "play", "watch", "analyze", "graph", "workshop"})
MAX_SPREAD = 10_000  # a long case plays about 500 a second; a billion would never end, and a typo must not hang the terminal


def cmd_info(args: argparse.Namespace) -> int:
    import json

    from simulator.analysis.summary import summary

    scenario = _load(args.path)
    if scenario is None:
        return EXIT_PROBLEMS
    info = summary(scenario)
    if args.json:
        json.dump(info, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"{info['title']} ({info['id']})")
    for key in ("episodes", "nodes", "decisions", "choices", "endings", "words", "estimated_minutes"):
        print(f"  {key.replace('_', ' ')}: {info[key]}")
    print(f"  choices by path: {', '.join(f'{k} {v}' for k, v in info['choices_by_path'].items())}")
    # Counted from 1, as the clock bar and the report count them ("Month 1 of 22"); the JSON keeps whole periods since the referral.
    print(f"  {info['scale']}: {', '.join(str(n + 1) for n in info[info['scale']])}")
    print(f"  dimensions: {', '.join(info['dimensions'])}")
    print(f"  characters: {', '.join(info['characters'])}")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    if args.text:
        return _play_text(args)
    return _in_window(args, "run_window", interactive=not args.auto)


def cmd_watch(args: argparse.Namespace) -> int:
    return _in_window(args, "run_watch", interactive=not args.auto_advance)


def _in_window(args: argparse.Namespace, entry: Literal["run_window", "run_watch"], *, interactive: bool) -> int:
    """A window command run by its entry in :mod:`simulator.ui.launch`, or refused in one line where its window would go unseen or cannot open."""
    with collector_paused():  # from the window's first import on (pygame's thousands of lasting objects): see collector_paused
        from simulator.ui.compat import no_display, pygame_problem

        problem = no_display(interactive) or pygame_problem()  # pygame is imported only where a window could be seen
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_PROBLEMS
        from simulator.ui import launch

        code: int = getattr(launch, entry)(args)
    return code


def collector_paused() -> contextlib.AbstractContextManager[None]:
    """Python's cyclic garbage collector off while the window starts; the window turns it back on after its first frame.

    Starting makes some twenty thousand objects that last and almost no
    garbage, yet the collector ran 23 times before the title appeared (3.4-4.1
    ms; 12 of them, 1.7-1.9 ms, after the command line has begun, which this
    saves). It is paused before pygame-ce is imported, which alone set off ten
    of the passes left (1.5 ms; pygame's import is the first thing the window's
    commands do, in :func:`_in_window`). The window resumes it as its first idle work
    (:func:`simulator.ui.launch.run_stoppable`); whatever happens, it is on
    again once the window has closed (:func:`simulator.collector.held`).
    """
    return collector.held()


def _play_text(args: argparse.Namespace) -> int:
    import secrets

    from simulator.cli_common import may_write
    from simulator.engine.autoplay import policy
    from simulator.engine.session import Session
    from simulator.records.record import build_record
    from simulator.terminal import TextHost

    if args.record and not may_write(args.record, "doorstep-record"):  # said before a trainee plays, not after
        return EXIT_USAGE
    scenario = _load(args.path)
    if scenario is None:
        return EXIT_PROBLEMS
    # --auto repeats exactly unless given another seed; a trainee gets the options in a fresh order each time, as in the window.
    seed = args.seed if args.seed is not None else 0 if args.auto or args.start_at or args.settings else secrets.randbelow(2**32)
    session = Session.start(scenario, seed=seed, player_name=args.name)
    if args.start_at or args.settings:
        from simulator.authoring.playfrom import FromError, overrides, reach

        if args.settings and args.record:
            print("doorstep: a playthrough with --set cannot be recorded (a record must replay from the start); drop --record or --set", file=sys.stderr)
            return EXIT_USAGE
        try:
            if args.start_at:
                arrival = reach(scenario, args.start_at, seed=seed, player_name=args.name)
                session = arrival.session
                if arrival.note:
                    print(f"doorstep: {arrival.note}", file=sys.stderr)
            if args.settings:
                session = overrides(session, args.settings)
        except FromError as exc:
            print(f"doorstep: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if not args.auto:
        return _play_interactive(args, scenario, session, seed, saving=not (args.start_at or args.settings))
    if args.start_at or args.settings:  # a transcript that starts part way through says where, and with what set
        from simulator.scenario.loops import written_id

        print(f"Playing from {written_id(session.state.node)}{' with ' + ', '.join(args.settings) if args.settings else ''}.")
    host = TextHost(session, sys.stdout, policy=policy(args.auto, seed), coach=not args.assessment)
    host.run()
    if args.record:
        record = build_record(session, {"mode": "assessment" if args.assessment else "coach", "auto": args.auto})
        if not _write_json(args.record, record):
            return EXIT_PROBLEMS
        print(f"Record written to {args.record}")
    return EXIT_OK


def _play_interactive(args: argparse.Namespace, scenario: Scenario, session: Session, seed: int, *, saving: bool) -> int:
    """A trainee's playthrough in the terminal: prebrief, commands, feedback, debrief and support, saved as it goes."""
    from simulator.records.record import build_record
    from simulator.records.store import Store, StoreError, default_path, now
    from simulator.services.run import Run
    from simulator.terminal.player import TextPlayer

    store: Store | None = None
    if saving:
        try:
            store, notes = Store.open(default_path(), at=now())
        except StoreError as exc:
            notes = [f"{exc} You can still play, but this time nothing will be saved."]
        except fileio.FileRefused as exc:  # no folder for it at all (no home folder)
            notes = [f"Your playthroughs cannot be saved: {exc}. You can still play, but this time nothing will be saved."]
        for note in notes:
            print(f"Note: {note}")
    player = TextPlayer(scenario, sys.stdout, input, store=store, mode="assessment" if args.assessment else "coach", seed=seed, name=args.name)
    if not saving:
        player.run = Run(session, player.mode)  # --from and --set: a session already moved on, not saved
        from simulator.scenario.loops import written_id

        player.say(f"Playing from {written_id(session.state.node)}; this playthrough is not saved. {player.commands_line()}")
    try:
        if player.run is None:
            player.play()
        else:
            player.go_on(player.run)
    except KeyboardInterrupt:
        print()
        player.step_out()
    finally:
        if store is not None:
            store.close(at=now())
    run = player.run
    if args.record and run is not None:
        record = build_record(run.session, {"mode": run.mode})
        if not _write_json(args.record, record):
            return EXIT_PROBLEMS
        print(f"Record written to {args.record}")
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    import json

    from simulator.analysis import spread
    from simulator.analysis.overview import analyze, to_dict, to_text
    from simulator.cli_common import Progress

    if not 0 <= args.spread <= MAX_SPREAD:
        print(f"doorstep analyze: --spread is a number of playthroughs from 0 to {MAX_SPREAD:,}", file=sys.stderr)
        return EXIT_USAGE
    scenario = _load(args.path)
    if scenario is None:
        return EXIT_PROBLEMS
    with collector.held(settled=True):  # the scenario is settled (cli_common.load): what its analysis makes is kept alike
        overview = analyze(scenario)
    with contextlib.closing(Progress("random play" if args.policy == "random" else f"{args.policy} play", "playthroughs")) as shown:  # a giant case's take seconds
        played = spread.spread(scenario, args.spread, args.first_seed, args.policy, progress=shown) if args.spread else None
    if args.json:
        data = to_dict(overview)
        if played is not None:
            data["spread"] = spread.to_dict(played)
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(to_text(overview)))
        if played is not None:
            print()
            print("\n".join(spread.to_text(played)))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from simulator.analysis.graph import export

    scenario = _load(args.path)
    if scenario is None:
        return EXIT_PROBLEMS
    sys.stdout.write(export(scenario, args.format))
    return EXIT_OK


def _info_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_info)


def _play_options(p: argparse.ArgumentParser) -> None:
    from simulator import argtypes

    p.add_argument("path", metavar="PATH", nargs="?", help="scenario folder (default: the title screen's list)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--auto", choices=("enabler", "barrier", "random"), help="play without input, choosing by this policy")
    p.add_argument(
        "--seed",
        type=argtypes.seed,
        help="seed for the order options are shown in, random play and chance events (default: in the window, a fresh seed "
        "for each new playthrough; with --text or --auto, 0, so those repeat exactly)",
    )
    p.add_argument("--record", metavar="FILE", help="write a JSON record of the playthrough")
    p.add_argument("--name", help="the worker's name (default: in the window, the name saved there; else the scenario's)")
    p.add_argument("--assessment", action="store_true", help="hold feedback for the debrief")
    p.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="with --auto in the window, the reading pace: 1 is a room's pace, 2 twice as fast, 0.5 half as fast, 0 as fast as it "
        "can draw (bigger is faster, as in watch; older versions read it the other way round, so an old script's 2 now means faster)",
    )
    p.add_argument("--screenshots", metavar="DIR", help="save a PNG of every new screen (window auto play), with the default settings rather than yours")
    p.add_argument("--fullscreen", action="store_true", help="open the window full screen, for this run only")
    p.add_argument("--from", dest="start_at", metavar="EPISODE.NODE", help="start at this node (or episode), reached by playing the enabler options where they lead there")
    p.add_argument(
        "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
        help="set a value where play starts, e.g. trust.john=40, score.tone=3, flag.promised-call=true, chose.sit-down=true, clock.time=10:30 (repeat for more)",
    )  # fmt: skip
    p.set_defaults(run=cmd_play)


def _watch_options(p: argparse.ArgumentParser) -> None:
    from simulator import argtypes

    p.add_argument("path", metavar="PATH", help="scenario folder")
    p.add_argument("--episode", metavar="ID", help="start at this episode (with --auto-advance, watch only this one)")
    p.add_argument("--speed", type=float, default=1.0, help="reading pace: 1 is a room's pace, 2 twice as fast, 0.5 half as fast, 0 as fast as it can draw (bigger is faster)")
    layout = p.add_mutually_exclusive_group()
    layout.add_argument("--side-by-side", dest="layout", action="store_const", const="side", help="both versions at once (default in a window 1600 pixels wide or more)")
    layout.add_argument("--one-after-the-other", dest="layout", action="store_const", const="sequential", help="the barrier version, then the enabler version")
    p.add_argument("--screenshots", metavar="DIR", help="save a PNG of every new screen, with the default settings rather than yours")
    p.add_argument("--auto-advance", action="store_true", help="run without input and close at the end (for handouts and tests), with the default settings")
    p.add_argument("--fullscreen", action="store_true", help="open full screen for this run only (a projector); F or F11 switches, B blanks the screen")
    p.add_argument("--seed", type=argtypes.seed, default=0, help="seed for the order options are shown in (default 0)")
    p.set_defaults(run=cmd_watch)


def _analyze_options(p: argparse.ArgumentParser) -> None:
    from simulator import argtypes

    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--spread", type=int, default=200, metavar="N", help="play N seeded random playthroughs and show where they ended, with trust and score ranges (default 200; 0 to skip; at most 10,000)")
    p.add_argument("--policy", choices=("random", "enabler", "barrier"), default="random", help="how the spread's playthroughs choose: at random (default), or every enabler or barrier option, so that only the scenario's chance routes differ by seed")
    p.add_argument("--first-seed", type=argtypes.seed, default=0, metavar="SEED", help="the seed of the first random playthrough (default 0)")
    p.set_defaults(run=cmd_analyze)


def _graph_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", choices=("dot", "mermaid"), default="dot", help="dot (default) or mermaid")
    p.set_defaults(run=cmd_graph)


# Every command, in the order --help lists them: its name, its line in --help, and what adds its options (a
# "module:function" is imported only when that command runs, so the window and validate do not wait for the rest).
COMMANDS: tuple[tuple[str, str, argtypes.Fill | str], ...] = (
    ("validate", "check scenarios (or one file of one) and print located problems", "simulator.authoring.commands:validate_options"),
    ("new", "create a small scenario that validates and plays at once, to change into your own", "simulator.authoring.commands:new_options"),
    ("schema", "the JSON Schemas editors use: print one, or set up VS Code", "simulator.authoring.commands:schema_options"),
    ("info", "counts for a scenario: episodes, decisions, words, months...", _info_options),
    ("play", "play a scenario in the window, or in the terminal with --text", _play_options),
    ("watch", "watch each episode's barrier and enabler versions in the window, with things to notice", _watch_options),
    ("report", "write the debrief of a playthrough record as self-contained HTML and/or JSON", "simulator.report_command:options"),
    ("analyze", "canonical paths, score bounds, reachable endings, and where random play ends", _analyze_options),
    ("graph", "the story graph as Graphviz DOT or Mermaid text", _graph_options),
    ("xapi", "xAPI statements for a Learning Record Store: print, push, and the outbox", "simulator.xapi.commands:xapi_options"),
    ("cohort", "pool many playthroughs (records, folders of them, or an LRS) into an anonymous cohort report", "simulator.xapi.commands:cohort_options"),
    ("workshop", "run a workshop: the projector window, and a page for phones on the room's network (no internet needed)", "simulator.workshop_command:options"),
)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser; each command's own parser is built when it runs (see :class:`argtypes.CommandList`)."""
    from simulator import argtypes

    parser = argtypes.OneLineParser(
        prog="doorstep",
        description="Doorstep: a training simulator for relationship-based social work practice.",
    )
    parser.add_argument("--version", action="version", version=f"doorstep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=argtypes.CommandList)
    assert isinstance(sub, argtypes.CommandList)
    for name, line, fill in COMMANDS:
        sub.command(name, line, fill)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever happens, a message of one line and an exit code, never a traceback."""
    with streams.guarded():  # streams the shell closed, and a message on one line whatever path it quotes
        try:
            return _main(argv)
        except KeyboardInterrupt:
            print("\ndoorstep: stopped.", file=sys.stderr)
            return 130
        except (SystemExit, BrokenPipeError):
            raise
        except OSError as exc:  # the file system or the network said no: the machine's answer, not a bug, so never a crash log
            where = f"cannot use {exc.filename}: " if isinstance(exc.filename, str) and exc.filename else ""
            print(f"doorstep: {where}{fileio.reason(exc)}", file=sys.stderr)
            return EXIT_PROBLEMS
        except Exception as exc:
            if os.environ.get("DOORSTEP_RAISE"):
                raise
            from simulator import crashlog  # only when something unforeseen happened: not before every first frame

            print(crashlog.report(exc, list(sys.argv if argv is None else argv)), file=sys.stderr)
            return EXIT_PROBLEMS


def _main(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if argv is None and one_shot_check(given):  # the process's own `doorstep validate`: see one_shot_check
        with collector.held():
            _inspect_when_used()
            return _run(argv, given)
    return _run(argv, given)


def _inspect_when_used() -> None:
    """The standard ``inspect`` module, for this process, loaded the first time anything reads from it.

    ``dataclasses`` imports it (and with it ``ast``, ``dis``, ``tokenize``,
    ``linecache``) only to write a docstring for a class without one, and
    Doorstep's classes all have theirs: some 16 M instructions of a one-shot
    ``doorstep validate`` for a module it never reads. Until then the module
    is its spec and nothing else (:class:`_LoadedWhenRead`). Only a one-shot
    validate does this: nothing of it reads ``inspect`` from another thread
    (its one thread, on a terminal, only counts the seconds).
    """
    if "inspect" in sys.modules:
        return
    import importlib.util

    spec = importlib.util.find_spec("inspect")
    if spec is None or spec.loader is None:  # pragma: no cover - the standard library always has it
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _LoadedWhenRead
    sys.modules["inspect"] = module


class _LoadedWhenRead(types.ModuleType):
    """A module imported but not yet run: the first name read from it that it lacks runs it, as an import would have."""

    def __getattr__(self, name: str) -> Any:
        self.__class__ = types.ModuleType  # type: ignore[assignment]  # a module again, as it would have been all along
        spec = self.__spec__
        assert spec is not None and spec.loader is not None
        spec.loader.exec_module(self)
        return getattr(self, name)


def one_shot_check(given: Sequence[str]) -> bool:
    """Whether the command line is a ``validate`` that checks once and ends (not ``--watch``, which lives on).

    Run as the process itself, such a validate holds Python's cyclic collector
    off from its first import to its end: it makes a scenario's worth of
    objects that all live until it ends, and some 30 passes of the collector
    over them find nothing (21 M of its 960 M instructions on Harris). It is on
    again, as it was, once the command is done (after the freeze below), so a
    caller of :func:`main` in a living process finds it as it was.
    """
    return bool(given) and given[0] == "validate" and not any(arg.startswith(("--w", "-w")) for arg in given[1:])  # any abbreviation of --watch


def _run(argv: Sequence[str] | None, given: Sequence[str]) -> int:
    plain = plain_play(given)
    args: Any
    if plain is not None:  # `doorstep` or `doorstep play PATH`: the window opens without waiting for argparse
        args = SimpleNamespace(**plain, run=cmd_play)
    elif (checking := plain_validate(given)) is not None:  # `doorstep validate PATH...`: the trainer's commonest command, likewise
        from simulator.authoring.commands import cmd_validate
        args = SimpleNamespace(**checking, run=cmd_validate)
    else:
        parser = build_parser()
        args = parser.parse_args(argv)
        if getattr(args, "run", None) is None:
            args = parser.parse_args(["play", *(argv or [])])
        if args.command == "play" and args.path is None and (args.text or args.auto):
            parser.error("play --text and --auto need a scenario PATH")
        from simulator import argtypes

        if (blank := argtypes.empty_name(args)) is not None:  # "" is not the folder Doorstep runs in, nor no file at all
            parser.error(f"{blank} is empty: give the name of a file or folder")
    if args.command in _WHOLE_SCENARIO and args.path is not None:
        args.path = whole_scenario(args.path)
    if args.command == "play" and args.path is not None:
        found = fileio.probe(Path(args.path))
        if isinstance(found, OSError):
            print(f"doorstep: cannot open {args.path}: {fileio.reason(found)}", file=sys.stderr)
            return EXIT_PROBLEMS
    try:
        code: int = args.run(args)
    except BrokenPipeError:
        return EXIT_OK
    if argv is None:  # the process's own command line, which ends now: its last collections need not walk what it made
        gc.freeze()  # (about 10 ms of a `doorstep validate`: a scenario's worth of objects)
    return code
