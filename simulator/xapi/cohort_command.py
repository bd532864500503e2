"""``doorstep cohort``: many playthroughs pooled anonymously, from record files, folders of them, or an LRS."""

from __future__ import annotations

import argparse
import errno
import json
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson
from simulator.xapi.cli_common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Scenarios, lrs_client, plural, say, write


def _record_files(paths: list[str]) -> tuple[list[str], list[str]]:
    """The files named, and the .json files directly inside each folder named, in a stable order; and a note for each name that is not there."""
    out: list[str] = []
    missing: list[str] = []
    for given in paths:
        path = Path(given)
        found = fileio.probe(path)
        if isinstance(found, OSError) and not fileio.lexists(path):
            why = "there is no such file or folder" if found.errno == errno.ENOENT else fileio.reason(found)
            missing.append(f"{given}: {why}")
        elif fileio.is_dir(path):
            try:
                out += sorted(str(p) for p in path.iterdir() if p.suffix == ".json" and fileio.is_file(p))
            except OSError as exc:
                missing.append(f"cannot list {_short(given)}: {fileio.reason(exc)}")
        else:
            out.append(given)
    return out, missing


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def cmd_cohort(args: argparse.Namespace) -> int:
    from simulator.records.record import RecordError, check_length
    from simulator.report.cohort import COHORT_KIND, build_cohort, played_of
    from simulator.report.cohort_html import render_cohort
    from simulator.report.debrief import as_record, trace_record

    if not args.html and not args.json:
        say("say where to write the cohort report: --html OUT.html and/or --json OUT.json")
        return EXIT_USAGE
    if not args.paths and not args.endpoint:
        say("give records (files or folders of them), or --endpoint to read the cohort from an LRS")
        return EXIT_USAGE
    scenarios = Scenarios(args.scenario)
    records: list[tuple[str, dict[str, Any]]] = []
    unreadable: list[str] = []  # "path: why", for the one line that says what was skipped
    files, missing = _record_files(args.paths)
    for path in files:
        try:
            data = strictjson.loads(fileio.read_text(path))
            record = as_record(data) if isinstance(data, dict) else None
            check_length(record)  # a record longer than any playthrough is said so, not replayed first
        except fileio.FileRefused as exc:
            unreadable.append(f"{_short(path)}: {exc}")
            continue
        except (strictjson.JSONRefused, RecordError) as exc:
            unreadable.append(f"{_short(path)}: {_short(str(exc))}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("scenario"), str) or not isinstance(record.get("steps"), list):
            unreadable.append(f"{_short(path)}: not a playthrough record")
            continue
        records.append((path, record))
    ids = sorted({r["scenario"] for _, r in records})
    wanted = args.only or (ids[0] if len(ids) == 1 else None)
    if wanted is None and ids:
        say(f"the records are of {len(ids)} scenarios ({', '.join(ids)}): choose one with --only ID")
        return EXIT_USAGE
    if wanted is None:  # no records: the scenario asked for with --scenario, never one assumed
        asked = scenarios.asked()
        if len(asked) == 1:
            wanted = asked[0].id
        elif not args.endpoint:
            given = ", ".join(_short(p) for p in args.paths)
            say("; ".join(missing if missing and not unreadable else [f"no playthrough records to pool in {given}", *_unreadable(unreadable)]))
            return EXIT_PROBLEMS
        else:
            say("say which scenario's cohort to read from the LRS: --only ID, or --scenario PATH")
            return EXIT_USAGE
    scenario = scenarios(wanted)
    if scenario is None:
        found = f"cannot find the scenario `{wanted}` among the installed scenarios; give its folder with --scenario PATH"
        say("; ".join([*scenarios.problems, found]))  # one line: why a --scenario given did not load, then what to do
        return EXIT_PROBLEMS
    played = []
    misfits = 0
    for _, record in records:
        if record["scenario"] != scenario.id:
            continue
        try:
            played.append(played_of(trace_record(scenario, record)))
        except (RecordError, ValueError, TypeError, KeyError):
            misfits += 1
    if args.endpoint:
        fetched = _from_lrs(args, scenario)
        if fetched is None:
            return EXIT_PROBLEMS
        played += fetched
    skipped = [*missing, *_unreadable(unreadable)]
    if misfits:
        skipped.append(f"skipped {plural(misfits, 'record')} that no longer {'fits' if misfits == 1 else 'fit'} `{scenario.id}` (made with another version of it)")
    if not played:  # one line: what was missing says it all; else what there was and why none of it could be pooled
        only_missing = missing and len(skipped) == len(missing)
        say("; ".join(skipped if only_missing else [f"no playthroughs of `{scenario.id}` to pool", *skipped]))
        return EXIT_PROBLEMS
    if skipped:
        say("; ".join(skipped))
    cohort = build_cohort(scenario, played)
    if args.html and not write(args.html, render_cohort(cohort), "doorstep-cohort-page"):
        return EXIT_PROBLEMS
    if args.json and not write(args.json, json.dumps(cohort.to_dict(), indent=2, ensure_ascii=False) + "\n", COHORT_KIND):
        return EXIT_PROBLEMS
    print(f"Cohort of {plural(cohort.playthroughs, 'playthrough')} ({cohort.finished} finished) written to {' and '.join(p for p in (args.html, args.json) if p)}")
    return EXIT_OK


def _unreadable(unreadable: list[str]) -> list[str]:
    """The files that were not playthrough records, said in one clause (the first named), or nothing."""
    if not unreadable:
        return []
    more = f"; and {plural(len(unreadable) - 1, 'other')}" if len(unreadable) > 1 else ""
    what = "is not a playthrough record" if len(unreadable) == 1 else "are not playthrough records"
    return [f"skipped {plural(len(unreadable), 'file')} that {what} ({unreadable[0]}{more})"]


def _from_lrs(args: argparse.Namespace, scenario: Any) -> list[Any] | None:
    from simulator.xapi.cohort_lrs import played_from_statements
    from simulator.xapi.lrs import LRSError
    from simulator.xapi.vocab import scenario_iri

    client = lrs_client(args)
    if client is None:
        return None
    try:
        statements = client.about(scenario_iri(scenario.id))
    except LRSError as exc:
        say(f"could not read the cohort from the LRS: {exc}")
        return None
    return played_from_statements(scenario, statements)


