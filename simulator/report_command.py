"""The ``doorstep report`` command: a playthrough record's debrief written as self-contained HTML and/or JSON."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson
from simulator.cli_common import load as _load
from simulator.cli_common import whole_scenario
from simulator.cli_common import write_json as _write_json
from simulator.cli_common import write_text as _write_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def cmd_report(args: argparse.Namespace) -> int:
    from simulator.assets import scenarios_dir
    from simulator.records.record import RecordError, check_length
    from simulator.report.debrief import as_record, build_debrief
    from simulator.report.html import render

    if not args.html and not args.json:
        print("doorstep report: say where to write it: --html OUT.html and/or --json OUT.json", file=sys.stderr)
        return EXIT_USAGE
    try:
        record = as_record(strictjson.loads(fileio.read_text(args.record)))
        check_length(record)
    except fileio.FileRefused as exc:
        print(f"doorstep: cannot read {args.record}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except (strictjson.JSONRefused, RecordError) as exc:
        print(f"doorstep: {args.record} is not a Doorstep record: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    scenario_id = record.get("scenario")
    path = whole_scenario(args.scenario) if args.scenario else _known_scenario(scenarios_dir(), scenario_id)
    if path is None:
        shown = repr(scenario_id) if len(repr(scenario_id)) <= 60 else repr(scenario_id)[:57] + "…"
        print(f"doorstep: the record's scenario {shown} is not one of the scenarios in {scenarios_dir()}; give its folder with --scenario PATH", file=sys.stderr)
        return EXIT_PROBLEMS
    scenario = _load(path, quiet=True)
    if scenario is None:
        return EXIT_PROBLEMS
    try:
        debrief = build_debrief(scenario, record)
    except RecordError as exc:
        print(f"doorstep: {args.record} does not fit {path}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if debrief.changed:
        print(f"doorstep: note: {debrief.changed}", file=sys.stderr)
    if args.html and not _write_text(args.html, render(debrief), "doorstep-debrief-page"):
        return EXIT_PROBLEMS
    if args.json and not _write_json(args.json, debrief.to_dict()):
        return EXIT_PROBLEMS
    print(f"Report written to {' and '.join(p for p in (args.html, args.json) if p)}")
    return EXIT_OK


_SCENARIO_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _known_scenario(root: Path, scenario_id: Any) -> str | None:
    """The folder of a shipped scenario named by a record, or None.

    A record is data from anywhere, so its ``scenario`` value is never joined
    to a path: it must be a scenario id (no ``/``, no ``..``) and the name of a
    folder directly inside the scenarios folder, found by listing that folder.
    """
    if not isinstance(scenario_id, str) or len(scenario_id) > 100 or not _SCENARIO_ID.fullmatch(scenario_id):
        return None
    try:
        with os.scandir(root) as listing:
            names = {entry.name for entry in listing if entry.is_dir()}
    except OSError:
        return None
    return str(root / scenario_id) if scenario_id in names else None


def options(p: argparse.ArgumentParser) -> None:
    p.add_argument("record", metavar="RECORD", help="a record (play --record) or an export from the local store")
    p.add_argument("--html", metavar="OUT.html", help="write the report as one HTML file that opens offline")
    p.add_argument("--json", metavar="OUT.json", help="write the same content as JSON")
    p.add_argument("--scenario", metavar="PATH", help="the scenario folder (default: scenarios/<the record's scenario>)")
    p.set_defaults(run=cmd_report)
