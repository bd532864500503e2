"""``doorstep cohort``: many playthroughs pooled anonymously, from record files, folders of them, or an LRS."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson
from simulator.xapi.cli_common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Scenarios, lrs_client, plural, say, write


def _record_files(paths: list[str]) -> list[str]:
    """The files named, and the .json files directly inside each folder named, in a stable order."""
    out: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            say(f"{given}: there is no such file or folder")
        elif path.is_dir():
            try:
                out += sorted(str(p) for p in path.iterdir() if p.suffix == ".json" and p.is_file())
            except OSError as exc:
                say(f"cannot list {given}: {fileio.reason(exc)}")
        else:
            out.append(given)
    return out


def cmd_cohort(args: argparse.Namespace) -> int:
    from simulator.records.record import RecordError
    from simulator.report.cohort import build_cohort, played_of
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
    unreadable = 0
    for path in _record_files(args.paths):
        try:
            data = strictjson.loads(fileio.read_text(path))
            record = as_record(data) if isinstance(data, dict) else None
        except (fileio.FileRefused, strictjson.JSONRefused, RecordError):
            record = None
        if not isinstance(record, dict) or not isinstance(record.get("scenario"), str) or not isinstance(record.get("steps"), list):
            unreadable += 1
            continue
        records.append((path, record))
    ids = sorted({r["scenario"] for _, r in records})
    wanted = args.only or (ids[0] if len(ids) == 1 else None)
    if wanted is None and ids:
        say(f"the records are of {len(ids)} scenarios ({', '.join(ids)}): choose one with --only ID")
        return EXIT_USAGE
    wanted = wanted or (args.only or "harris-family")
    scenario = scenarios(wanted)
    if scenario is None:
        for problem in scenarios.problems:
            say(problem)
        say(f"cannot find the scenario `{wanted}` among the installed scenarios; give its folder with --scenario PATH")
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
    if unreadable:
        say(f"skipped {plural(unreadable, 'file')} that {'is not a playthrough record' if unreadable == 1 else 'are not playthrough records'}")
    if misfits:
        say(f"skipped {plural(misfits, 'record')} that no longer {'fits' if misfits == 1 else 'fit'} `{scenario.id}` (made with another version of it)")
    if not played:
        say("no playthroughs to pool")
        return EXIT_PROBLEMS
    cohort = build_cohort(scenario, played)
    if args.html and not write(args.html, render_cohort(cohort)):
        return EXIT_PROBLEMS
    if args.json and not write(args.json, json.dumps(cohort.to_dict(), indent=2, ensure_ascii=False) + "\n"):
        return EXIT_PROBLEMS
    print(f"Cohort of {plural(cohort.playthroughs, 'playthrough')} ({cohort.finished} finished) written to {' and '.join(p for p in (args.html, args.json) if p)}")
    return EXIT_OK


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


