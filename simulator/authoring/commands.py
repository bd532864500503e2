"""The trainer's commands: ``validate`` (a scenario or one file, ``--watch``), ``new`` and ``schema``.

Output rules: errors and warnings are listed, notes (info) are counted and
listed only with ``--notes`` or ``--strict``; ``--strict`` counts notes as
problems, so it never prints "ok" while failing. Exit codes as everywhere:
0 clean, 1 problems, 2 usage.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from simulator import fileio, streams
from simulator.streams import escaped

if TYPE_CHECKING:
    import argparse

    from simulator.authoring.validate import Outcome

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
POLL_SECONDS = 0.5


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _art_catalog() -> Any:
    from simulator.assets import load_catalog

    return load_catalog()


def _rest(outcome: Outcome, strict: bool) -> list[Any]:
    """The problems in the rest of the scenario, counted as the file's own are: notes only with --strict."""
    from simulator.scenario import Severity

    return [d for d in outcome.elsewhere if strict or d.severity is not Severity.INFO]


def render_outcome(outcome: Outcome, strict: bool, notes: bool, out: TextIO) -> int:
    """Print one path's diagnostics and summary line; the number of problems it counts."""
    from simulator.scenario import Severity

    show_notes = notes or strict
    for d in outcome.diagnostics:
        if d.severity is not Severity.INFO or show_notes:
            print(d.render(), file=out)
    errors, warnings, infos = (outcome.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    problems = outcome.problems(strict)
    parts = [p for p in (errors and _plural(errors, "error"), warnings and _plural(warnings, "warning")) if p]
    if strict and infos:
        parts.append(f"{_plural(infos, 'note')} (--strict counts notes as problems)")
    summary = ", ".join(parts) if parts else "ok"
    if infos and not strict:
        summary += f" ({_plural(infos, 'note')}{'' if notes else '; --notes lists them'})"
    print(escaped(f"{outcome.path}: {summary}"), file=out)
    if outcome.note:
        print(f"  note: {outcome.note}", file=out)
    rest = _rest(outcome, strict)
    if rest and outcome.scenario is not None:
        print(f"  the rest of the scenario has {_plural(len(rest), 'problem')}: `doorstep validate {outcome.scenario}` lists them", file=out)
    return problems


def cmd_validate(args: argparse.Namespace) -> int:
    from simulator.authoring.validate import check

    catalog = _art_catalog()

    def once() -> tuple[int, list[Any]]:
        with streams.still_working(f"checking {', '.join(args.paths)}"):  # a giant case's first check takes seconds
            outcomes = [check(path, catalog) for path in args.paths]
        if args.format == "json":
            results = [
                {
                    "path": o.path,
                    "ok": o.problems(args.strict) == 0,
                    "diagnostics": [d.to_dict() for d in o.diagnostics],
                    "elsewhere": len(_rest(o, args.strict)),  # the rest of the scenario's problems, as the text says them
                    "note": o.note or None,
                }
                for o in outcomes
            ]
            json.dump({"format": 1, "results": results, "problems": sum(o.problems(args.strict) for o in outcomes)}, sys.stdout, indent=2)
            sys.stdout.write("\n")
            return sum(o.problems(args.strict) for o in outcomes), outcomes
        return sum(render_outcome(o, args.strict, args.notes, sys.stdout) for o in outcomes), outcomes

    problems, outcomes = once()
    if not args.watch:
        return EXIT_PROBLEMS if problems else EXIT_OK
    return _watch(args, once, outcomes)


def _watch(args: argparse.Namespace, once: Callable[[], tuple[int, list[Any]]], outcomes: list[Any]) -> int:
    """Validate again whenever a watched file is saved, until Ctrl-C (exit 0)."""
    from simulator.authoring.watch import Watcher
    from simulator.scenario.evidence import shipped_seeds

    def roots() -> list[Path]:
        found: list[Path] = []
        for o, path in zip(outcomes, args.paths, strict=True):
            found.append(Path(o.scenario) if o.scenario is not None else Path(path).parent if os.path.isfile(path) else Path(path))
        seeds = shipped_seeds()
        found.extend(p for p in (Path("seeds"), seeds) if p is not None and p.is_dir())
        return found

    watcher = Watcher(roots)
    print(f"watching {', '.join(str(r) for r in roots())} for saved changes (Ctrl-C to stop)", flush=True)
    rounds = args.watch_rounds
    try:
        while rounds is None or rounds > 0:
            time.sleep(POLL_SECONDS)
            changed = watcher.changed()
            if not changed:
                continue
            shown = ", ".join(Path(c).name for c in changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
            print(f"\n-- {datetime.now():%H:%M:%S} saved: {shown}; validating again", flush=True)
            _, outcomes = once()
            sys.stdout.flush()
            if rounds is not None:
                rounds -= 1
    except KeyboardInterrupt:
        print("\nstopped watching.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from simulator.authoring.editor import merged_settings
    from simulator.authoring.scaffold import files

    if not str(args.path).strip():
        print("doorstep: give the folder to create, for example `doorstep new scenarios/ward-visit`", file=sys.stderr)
        return EXIT_USAGE
    folder = Path(args.path)
    written: list[str] = []
    try:
        if fileio.lexists(folder) and (not fileio.is_dir(folder) or any(folder.iterdir())):
            print(f"doorstep: {args.path} already exists and is not empty; give a new folder", file=sys.stderr)
            return EXIT_PROBLEMS
        for rel, text in files(folder.name, args.title).items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fileio.write_atomic(target, text)
            written.append(rel)
        settings = folder / ".vscode" / "settings.json"
        settings.parent.mkdir(parents=True, exist_ok=True)
        fileio.write_atomic(settings, json.dumps(merged_settings(None), indent=2) + "\n")
    except OSError as exc:
        print(f"doorstep: cannot write {args.path}: {fileio.reason(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Created {args.path}: {', '.join(written)} (and .vscode/settings.json for autocomplete)")
    import shlex

    where = shlex.quote(str(args.path))  # a folder name with spaces still pastes as one argument
    print("Next:")
    print(f"  doorstep validate {where}")
    print(f"  doorstep play {where} --text")
    print(f"  doorstep play {where}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from simulator import strictjson  # here: validate, the commonest command, reads no JSON of a trainer's
    from simulator.authoring.editor import PATTERNS, merged_settings, schema_file, schema_folder

    if args.vscode is not None:
        folder = Path(args.vscode)
        found = fileio.probe(folder)
        gone = isinstance(found, FileNotFoundError)
        if gone or (not isinstance(found, OSError) and not stat.S_ISDIR(found.st_mode)):  # a misspelt folder was made, and the settings put in it
            print(f"doorstep: {folder} {'does not exist' if gone else 'is not a folder'}: give the folder you open in VS Code, the one that holds your scenarios", file=sys.stderr)
            return EXIT_PROBLEMS
        target = folder / ".vscode" / "settings.json"
        existing: Any = None
        snippet = json.dumps({"yaml.schemas": merged_settings(None)["yaml.schemas"]}, separators=(", ", ": "))
        if fileio.lexists(target):
            try:
                text = fileio.read_text(target)
                repeated: dict[str, list[Any]] = {}
                existing = strictjson.loads(text, repeated=repeated) if text.strip() else None  # an empty file holds nothing to keep
            except (fileio.FileRefused, strictjson.JSONRefused) as exc:
                print(f"doorstep: cannot add to {target} ({exc}; comments are not read); add this to it yourself: {snippet}", file=sys.stderr)
                return EXIT_PROBLEMS
            if repeated:  # rewritten, the file would keep only the last of them: the others' lines would be lost
                key = next(iter(repeated))
                print(f"doorstep: cannot add to {target}: it names `{key}` more than once, and rewriting it would keep only the last; add this to it yourself: {snippet}", file=sys.stderr)
                return EXIT_PROBLEMS
            if existing is not None and not isinstance(existing, dict):
                print(f"doorstep: {target} is not a JSON object of settings", file=sys.stderr)
                return EXIT_PROBLEMS
            if isinstance(existing, dict) and not isinstance(existing.get("yaml.schemas") or {}, dict):  # replacing it would lose it
                print(f"doorstep: cannot add to {target}: its `yaml.schemas` is not an object of schemas and files; add this to it yourself: {snippet}", file=sys.stderr)
                return EXIT_PROBLEMS
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fileio.write_atomic(target, json.dumps(merged_settings(existing), indent=2) + "\n")
        except OSError as exc:
            print(f"doorstep: cannot write {target}: {fileio.reason(exc)}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Wrote {target}: VS Code's YAML extension now checks scenario, episode, evidence and art files under {folder} as you type.")
        return EXIT_OK
    if args.kind is None:
        print(schema_folder())
        for kind, patterns in PATTERNS.items():
            print(f"  {kind}.schema.json  for {', '.join(patterns[1:] or patterns)}")
        return EXIT_OK
    sys.stdout.write(schema_file(args.kind).read_text(encoding="utf-8"))
    return EXIT_OK


# The trainer's commands' options; their names and lines of help are in the command list (simulator/cli.py).
def validate_options(p: argparse.ArgumentParser) -> None:
    import argparse  # here, not above: `doorstep validate PATH` is read without argparse (simulator.quickargs)

    p.add_argument("paths", nargs="+", metavar="PATH", help="a scenario folder, its scenario.yaml, or any file in it (an episode, an evidence file, art.yaml)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output for people (text) or editors and CI (json)")
    p.add_argument("--strict", action="store_true", help="count notes as problems too (and list them)")
    p.add_argument("--notes", action="store_true", help="list the notes (info) as well as counting them")
    p.add_argument("--watch", action="store_true", help="stay open and validate again whenever a file is saved (Ctrl-C to stop)")
    p.add_argument("--watch-rounds", type=int, default=None, help=argparse.SUPPRESS)  # tests: stop after this many re-validations
    p.set_defaults(run=cmd_validate)


def new_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="the new scenario folder, e.g. scenarios/ward-visit")
    p.add_argument("--title", help="the scenario's title (default: from the folder name)")
    p.set_defaults(run=cmd_new)


def schema_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", nargs="?", choices=("scenario", "episode", "seeds", "art"), help="print this schema (default: say where they are)")
    p.add_argument("--vscode", nargs="?", const=".", metavar="FOLDER", help="write FOLDER/.vscode/settings.json (default: here) so VS Code checks files as you type")
    p.set_defaults(run=cmd_schema)
