"""``doorstep xapi ...``: statements as JSON, pushing them to an LRS, and the outbox's state.

Every failure is one line and an exit code (1 problems, 2 usage), as in
the rest of :mod:`simulator.cli`. The password can come from the
environment (``DOORSTEP_LRS_PASSWORD``) so that it stays out of shell
history; so can the endpoint and username.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_SCENARIO_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _say(message: str) -> None:
    print(f"doorstep: {message}", file=sys.stderr)


class Scenarios:
    """Scenarios by id, loaded once: ``--scenario`` folders first, then the shipped ones."""

    def __init__(self, given: list[str] | None = None) -> None:
        self._given = [Path(p) for p in (given or [])]
        self._loaded: dict[str, Any] = {}
        self.problems: list[str] = []

    def _load(self, path: Path) -> Any:
        from simulator.scenario import load_scenario, settle

        result = load_scenario(path)
        if not result.ok:
            self.problems.append(f"{path} has {len(result.errors)} error(s); run `doorstep validate {path}` for details")
            return None
        settle()
        return result.scenario

    def __call__(self, scenario_id: str) -> Any:
        if scenario_id in self._loaded:
            return self._loaded[scenario_id]
        for path in self._given:
            scenario = self._load(path)
            if scenario is not None:
                self._loaded.setdefault(scenario.id, scenario)
        self._given = []
        if scenario_id not in self._loaded:
            self._loaded[scenario_id] = self._shipped(scenario_id)
        return self._loaded[scenario_id]

    def _shipped(self, scenario_id: str) -> Any:
        from simulator.assets import scenarios_dir

        # A record is data from anywhere: its scenario id is never joined to a path unless it is an id of a folder there.
        if not isinstance(scenario_id, str) or len(scenario_id) > 100 or not _SCENARIO_ID.fullmatch(scenario_id):
            return None
        root = scenarios_dir()
        try:
            names = {entry.name for entry in os.scandir(root) if entry.is_dir()}
        except OSError:
            return None
        return self._load(root / scenario_id) if scenario_id in names else None


def _options(args: argparse.Namespace) -> Any:
    from simulator.xapi.identity import Options
    from simulator.xapi.vocab import DEFAULT_HOME_PAGE

    return Options(
        version=args.xapi_version,
        send_name=args.send_name,
        send_reflections=args.send_reflections,
        home_page=args.home_page or DEFAULT_HOME_PAGE,
    )


def _read(path: str) -> dict[str, Any] | None:
    try:
        data = strictjson.loads(fileio.read_text(path))
    except fileio.FileRefused as exc:
        _say(f"cannot read {path}: {exc}")
        return None
    except strictjson.JSONRefused as exc:
        _say(f"{path} is not a Doorstep record: {exc}")
        return None
    if not isinstance(data, dict):
        _say(f"{path} is not a Doorstep record: a record is a JSON object")
        return None
    return data


def _statements_of(paths: list[str], scenarios: Scenarios, options: Any) -> list[dict[str, Any]] | None:
    from simulator.records.record import RecordError
    from simulator.xapi.documents import document_statements

    out: list[dict[str, Any]] = []
    for path in paths:
        data = _read(path)
        if data is None:
            return None
        about, inner = data.get("playthrough"), data.get("record")
        named = data.get("scenario") or (about.get("scenario_id") if isinstance(about, dict) else None)
        named = named or (inner.get("scenario") if isinstance(inner, dict) else None)
        scenario = scenarios(named) if isinstance(named, str) else None
        if scenario is None:
            for problem in scenarios.problems:
                _say(problem)
            _say(f"cannot find the scenario of {path} among the installed scenarios; give its folder with --scenario PATH")
            return None
        try:
            out.extend(document_statements(scenario, data, options))
        except (RecordError, ValueError, AttributeError, TypeError) as exc:
            _say(f"{path} does not fit the scenario `{scenario.id}`: {exc}")
            return None
    return out


def cmd_statements(args: argparse.Namespace) -> int:
    statements = _statements_of([args.record], Scenarios(args.scenario), _options(args))
    if statements is None:
        return EXIT_PROBLEMS
    json.dump(statements, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


def _client(args: argparse.Namespace) -> Any:
    from simulator.xapi.lrs import Client, is_local

    endpoint = args.endpoint or os.environ.get("DOORSTEP_LRS_ENDPOINT")
    username = args.username if args.username is not None else os.environ.get("DOORSTEP_LRS_USERNAME")
    password = args.password if args.password is not None else os.environ.get("DOORSTEP_LRS_PASSWORD")
    if not endpoint or username is None or password is None:
        _say("say which LRS: --endpoint URL --username U --password P (or DOORSTEP_LRS_ENDPOINT, _USERNAME, _PASSWORD)")
        return None
    try:
        client = Client(endpoint, username, password, version=args.xapi_version, timeout=args.timeout)
    except ValueError as exc:
        _say(str(exc))
        return None
    if client.endpoint.startswith("http://") and not is_local(client.endpoint):
        _say(f"warning: {client.endpoint} is plain http, so the password crosses the network unencrypted; use https if the LRS offers it")
    return client


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _now() -> datetime:
    return datetime.now(UTC)


def cmd_push(args: argparse.Namespace) -> int:
    from simulator.xapi.delivery import deliver
    from simulator.xapi.lrs import LRSError

    client = _client(args)
    if client is None:
        return EXIT_USAGE
    if not args.records:
        return _push_store(args, client)
    statements = _statements_of(args.records, Scenarios(args.scenario), _options(args))
    if statements is None:
        return EXIT_PROBLEMS
    try:
        tally = deliver(client, statements, check=[s["context"]["registration"] for s in statements])
    except LRSError as exc:
        _say(f"could not send: {exc}")
        return EXIT_PROBLEMS
    print(
        f"{_plural(len(statements), 'statement')} for {client.endpoint}: {tally.new} new, {tally.already} already there"
        + (f", {tally.conflict} held there in another version" if tally.conflict else "")
        + (f", {tally.rejected} refused" if tally.rejected else "")
        + "."
    )
    for problem in tally.problems[:5]:
        _say(problem)
    return EXIT_PROBLEMS if tally.rejected else EXIT_OK


def _open_store(args: argparse.Namespace) -> Any:
    from simulator.records.store import Store, StoreError, default_path

    path = Path(args.store) if args.store else default_path()
    if not path.exists():
        _say(f"there are no saved playthroughs at {path}")
        return None
    try:
        store, _ = Store.open(path, repair=False)
    except StoreError as exc:
        _say(str(exc))
        return None
    return store


def _push_store(args: argparse.Namespace, client: Any) -> int:
    from simulator.records.store import StoreError
    from simulator.xapi.sender import push

    store = _open_store(args)
    if store is None:
        return EXIT_PROBLEMS
    try:
        done = push(store, client, Scenarios(args.scenario), _options(args), _now)
    except StoreError as exc:
        _say(str(exc))
        return EXIT_PROBLEMS
    finally:
        store.close()
    for note in done.synced.skipped + done.damaged:
        _say(note)
    t = done.tally
    print(
        f"Outbox of {store.path}: {_plural(done.synced.queued, 'statement')} queued; sent to {client.endpoint}: "
        f"{t.new} new, {t.already} already there" + (f", {t.rejected} refused" if t.rejected else "") + f"; {done.waiting} waiting."
    )
    if done.error is not None:
        _say(f"could not send: {done.error}")
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_outbox(args: argparse.Namespace) -> int:
    from simulator.records import outbox
    from simulator.records.store import StoreError

    store = _open_store(args)
    if store is None:
        return EXIT_PROBLEMS
    try:
        status = outbox.status(store)
    except StoreError as exc:
        _say(str(exc))
        return EXIT_PROBLEMS
    finally:
        store.close()
    c = status.counts
    print(f"{c['waiting']} waiting, {c['sent']} sent, {c['voided']} taken back (voided), {c['rejected']} refused by the LRS")
    if status.last_success_at:
        print(f"last sent: {status.last_success_at}")
    if status.last_error:
        print(f"last error ({status.last_attempt_at}): {status.last_error}")
        if status.retry_at:
            print(f"next try: {status.retry_at}")
    return EXIT_OK


def _record_files(paths: list[str]) -> list[str]:
    """The files named, and the .json files directly inside each folder named, in a stable order."""
    out: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                out += sorted(str(p) for p in path.iterdir() if p.suffix == ".json" and p.is_file())
            except OSError as exc:
                _say(f"cannot list {given}: {fileio.reason(exc)}")
        else:
            out.append(given)
    return out


def cmd_cohort(args: argparse.Namespace) -> int:
    from simulator.records.record import RecordError
    from simulator.report.cohort import build_cohort, played_of
    from simulator.report.cohort_html import render_cohort
    from simulator.report.debrief import as_record, trace_record

    if not args.html and not args.json:
        _say("say where to write the cohort report: --html OUT.html and/or --json OUT.json")
        return EXIT_USAGE
    if not args.paths and not args.endpoint:
        _say("give records (files or folders of them), or --endpoint to read the cohort from an LRS")
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
        _say(f"the records are of {len(ids)} scenarios ({', '.join(ids)}): choose one with --only ID")
        return EXIT_USAGE
    wanted = wanted or (args.only or "harris-family")
    scenario = scenarios(wanted)
    if scenario is None:
        for problem in scenarios.problems:
            _say(problem)
        _say(f"cannot find the scenario `{wanted}` among the installed scenarios; give its folder with --scenario PATH")
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
        _say(f"skipped {_plural(unreadable, 'file')} that are not playthrough records")
    if misfits:
        _say(f"skipped {_plural(misfits, 'record')} that no longer fit `{scenario.id}` (made with another version of it)")
    if not played:
        _say("no playthroughs to pool")
        return EXIT_PROBLEMS
    cohort = build_cohort(scenario, played)
    if args.html and not _write(args.html, render_cohort(cohort)):
        return EXIT_PROBLEMS
    if args.json and not _write(args.json, json.dumps(cohort.to_dict(), indent=2, ensure_ascii=False) + "\n"):
        return EXIT_PROBLEMS
    print(f"Cohort of {_plural(cohort.playthroughs, 'playthrough')} ({cohort.finished} finished) written to {' and '.join(p for p in (args.html, args.json) if p)}")
    return EXIT_OK


def _from_lrs(args: argparse.Namespace, scenario: Any) -> list[Any] | None:
    from simulator.xapi.cohort_lrs import played_from_statements
    from simulator.xapi.lrs import LRSError
    from simulator.xapi.vocab import scenario_iri

    client = _client(args)
    if client is None:
        return None
    try:
        statements = client.about(scenario_iri(scenario.id))
    except LRSError as exc:
        _say(f"could not read the cohort from the LRS: {exc}")
        return None
    return played_from_statements(scenario, statements)


def _write(path: str, text: str) -> bool:
    try:
        fileio.write_atomic(path, strictjson.scrub(text))
    except OSError as exc:
        _say(f"cannot write {path}: {fileio.reason(exc)}")
        return False
    return True


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", action="append", metavar="PATH", help="a scenario folder the records are of (default: the installed scenarios)")
    p.add_argument("--send-name", action="store_true", help="name the trainee (the record's player name) in the actor; default: a pseudonym only")
    p.add_argument("--send-reflections", action="store_true", help="include the trainee's written reflections; default: never")
    p.add_argument("--xapi-version", choices=("1.0.3", "2.0.0"), default="1.0.3", help="the xAPI version to speak (2.0.0: IEEE 9274.1.1-2023)")
    p.add_argument("--home-page", metavar="URL", help="the homePage of the pseudonymous account (default: Doorstep's)")


def add_commands(sub: Any, wrap: Callable[[Callable[[argparse.Namespace], int]], Any] = lambda f: f) -> None:
    """Add ``xapi`` (with statements, push, outbox) to the command line's subparsers."""
    xapi = sub.add_parser("xapi", help="xAPI statements for a Learning Record Store: print, push, and the outbox")
    inner = xapi.add_subparsers(dest="xapi_command", metavar="ACTION", required=True)

    p = inner.add_parser("statements", help="print a playthrough's statements as JSON")
    p.add_argument("record", metavar="RECORD", help="a record (play --record) or an export from the local store")
    _common(p)
    p.set_defaults(run=wrap(cmd_statements))

    p = inner.add_parser("push", help="send statements to an LRS and say how many were new (no RECORD: the local store's outbox)")
    p.add_argument("records", metavar="RECORD", nargs="*", help="records or exports; none: every playthrough in the local store")
    p.add_argument("--endpoint", metavar="URL", help="the LRS's xAPI endpoint (the address statements/ is under)")
    p.add_argument("--username", metavar="U", help="HTTP Basic username (the LRS's key)")
    p.add_argument("--password", metavar="P", help="HTTP Basic password (the LRS's secret); or DOORSTEP_LRS_PASSWORD")
    p.add_argument("--store", metavar="FILE", help="the store file (default: Doorstep's own, or $DOORSTEP_DATA_DIR)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each answer (default 20)")
    _common(p)
    p.set_defaults(run=wrap(cmd_push))

    p = sub.add_parser("cohort", help="pool many playthroughs (records, folders of them, or an LRS) into an anonymous cohort report")
    p.add_argument("paths", metavar="RECORD_OR_FOLDER", nargs="*", help="records or exports, or folders holding them (*.json)")
    p.add_argument("--html", metavar="OUT.html", help="write the cohort report as one self-contained HTML page")
    p.add_argument("--json", metavar="OUT.json", help="write the tallies as JSON (the window's compare screen can show them)")
    p.add_argument("--only", metavar="ID", help="the scenario to report on when the records are of several")
    p.add_argument("--scenario", action="append", metavar="PATH", help="a scenario folder (default: the installed scenarios)")
    p.add_argument("--endpoint", metavar="URL", help="also read the cohort from this LRS (its statements about the scenario)")
    p.add_argument("--username", metavar="U", help="HTTP Basic username for the LRS (statements/read scope)")
    p.add_argument("--password", metavar="P", help="HTTP Basic password for the LRS; or DOORSTEP_LRS_PASSWORD")
    p.add_argument("--xapi-version", choices=("1.0.3", "2.0.0"), default="1.0.3", help="the xAPI version to speak")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each answer (default 20)")
    p.set_defaults(run=wrap(cmd_cohort))

    p = inner.add_parser("outbox", help="what is waiting to be sent, and how sending last went")
    p.add_argument("--store", metavar="FILE", help="the store file (default: Doorstep's own)")
    p.set_defaults(run=wrap(cmd_outbox))
