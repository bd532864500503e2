"""``doorstep xapi ...``: statements as JSON, pushing them to an LRS, and the outbox's state.

Every failure is one line and an exit code (1 problems, 2 usage), as in
the rest of :mod:`simulator.cli`. The password can come from the
environment (``DOORSTEP_LRS_PASSWORD``) so that it stays out of shell
history; so can the endpoint and username.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator import argtypes, fileio, strictjson
from simulator.streams import escaped, json_text
from simulator.xapi import cohort_command
from simulator.xapi.cli_common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Scenarios, lrs_client, plural, say


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
        say(f"cannot read {path}: {exc}")
        return None
    except strictjson.JSONRefused as exc:
        say(f"{path} is not a Doorstep record: {exc}")
        return None
    if not isinstance(data, dict):
        say(f"{path} is not a Doorstep record: a record is a JSON object")
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
            found = f"cannot find the scenario of {path} among the installed scenarios; give its folder with --scenario PATH"
            say("; ".join([*scenarios.problems, found]))  # one line: why a --scenario given did not load, then what to do
            return None
        try:
            out.extend(document_statements(scenario, data, options))
        except (RecordError, ValueError, AttributeError, TypeError) as exc:
            say(f"{path} does not fit the scenario `{scenario.id}`: {exc}")
            return None
    return out


def cmd_statements(args: argparse.Namespace) -> int:
    statements = _statements_of([args.record], Scenarios(args.scenario), _options(args))
    if statements is None:
        return EXIT_PROBLEMS
    sys.stdout.write(json_text(statements) + "\n")  # a trainee's name or reflection may hold a terminal escape
    return EXIT_OK


def _now() -> datetime:
    return datetime.now(UTC)


def cmd_push(args: argparse.Namespace) -> int:
    from simulator.xapi.delivery import deliver
    from simulator.xapi.lrs import LRSError

    client = lrs_client(args)
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
        say(f"could not send: {exc}")
        return EXIT_PROBLEMS
    print(
        f"{plural(len(statements), 'statement')} for {client.endpoint}: {tally.new} new, {tally.already} already there"
        + (f", {tally.conflict} held there in another version" if tally.conflict else "")
        + (f", {tally.rejected} refused" if tally.rejected else "")
        + "."
    )
    for problem in tally.problems[:5]:
        say(problem)
    return EXIT_PROBLEMS if tally.rejected else EXIT_OK


def _open_store(args: argparse.Namespace) -> Any:
    from simulator.records.store import Store, StoreError, default_path

    path = Path(args.store) if args.store else default_path()
    if not fileio.lexists(path):
        say(f"there are no saved playthroughs at {path}")
        return None
    try:
        store, _ = Store.open(path, repair=False)
    except StoreError as exc:
        say(str(exc))
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
        say(str(exc))
        return EXIT_PROBLEMS
    finally:
        store.close()
    notes = done.synced.skipped + done.damaged
    left_out = ""
    if notes:  # one line however many playthroughs were left out, each named until the line is long enough
        shown: list[str] = []
        for note in notes:
            if shown and sum(len(n) for n in shown) + len(note) > 400:
                break
            shown.append(note.rstrip("."))
        rest = len(notes) - len(shown)
        left_out = f"{plural(len(notes), 'playthrough')} left out: " + "; ".join(shown) + (f"; and {rest} more" if rest else "")
    t = done.tally
    print(
        f"Outbox of {store.path}: {plural(done.synced.queued, 'statement')} queued; sent to {client.endpoint}: "
        f"{t.new} new, {t.already} already there" + (f", {t.rejected} refused" if t.rejected else "") + f"; {done.waiting} waiting."
    )
    if done.error is not None:
        say(f"could not send: {done.error}" + (f"; {left_out}" if left_out else ""))
        return EXIT_PROBLEMS
    if left_out:
        say(left_out + ".")
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
        say(str(exc))
        return EXIT_PROBLEMS
    finally:
        store.close()
    c = status.counts
    print(f"{c['waiting']} waiting, {c['sent']} sent, {c['voided']} taken back (voided), {c['rejected']} refused by the LRS")
    if status.last_success_at:
        print(f"last sent: {status.last_success_at}")
    if status.last_error:
        print(f"last error ({status.last_attempt_at}): {escaped(status.last_error)}")  # an LRS's words, or the store's edited
        if status.retry_at:
            print(f"next try: {status.retry_at}")
    return EXIT_OK


def cmd_setup(args: argparse.Namespace) -> int:
    from simulator.xapi.config import FILENAME, config_dir, load_lrs_settings, save_lrs_settings
    from simulator.xapi.lrs import LRSError

    try:
        where = config_dir() / FILENAME
    except fileio.FileRefused as exc:  # nowhere to keep settings (no home folder): nothing to show or save
        say(str(exc))
        return EXIT_PROBLEMS
    settings, note = load_lrs_settings()

    def fail(message: str) -> None:  # one line: why the saved file did not help, and what went wrong
        say(f"{note.rstrip('.')}; {message}" if note else message)

    changes = {
        name: value
        for name, value in (
            ("endpoint", args.endpoint),
            ("username", args.username),
            ("password", args.password),
            ("xapi_version", args.xapi_version),
            ("send_name", args.send_name),
            ("send_reflections", args.send_reflections),
            ("enabled", args.enabled),
            ("home_page", args.home_page),
        )
        if value is not None
    }
    settings = settings.with_changes(**changes)
    problem = settings.problem() if settings.endpoint or settings.enabled else None
    if problem:
        fail(problem)
        return EXIT_USAGE
    if args.check:  # before saving: a mistyped password must not replace settings that worked
        try:
            settings.client(timeout=args.timeout).query({"limit": "1"}, follow=False)  # one page answers whether it works
        except (ValueError, LRSError) as exc:
            fail(f"the LRS did not answer as it should: {exc}" + ("; nothing was saved (leave out --check to save anyway)" if changes else ""))
            return EXIT_PROBLEMS
    if changes:
        failed = save_lrs_settings(settings)
        if failed:
            fail(failed)
            return EXIT_PROBLEMS
    if note:
        say(note)
    print(f"LRS settings ({where}):")
    print(f"  sending from the window: {'on' if settings.ready else 'off'}")
    shown = {k: escaped(v) for k, v in (("endpoint", settings.endpoint), ("username", settings.username), ("version", settings.xapi_version))}  # as lrs.json holds them: no terminal escapes
    print(f"  endpoint: {shown['endpoint'] or '(none)'}  username: {shown['username'] or '(none)'}  password: {'(set)' if settings.password else '(none)'}")
    print(f"  xAPI {shown['version']}; name sent: {'yes' if settings.send_name else 'no'}; reflections sent: {'yes' if settings.send_reflections else 'no'}")
    if args.check:
        print("  the LRS answered and accepted the username and password")
    return EXIT_OK


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", action="append", metavar="PATH", help="a scenario folder the records are of (default: the installed scenarios)")
    p.add_argument("--send-name", action="store_true", help="name the trainee (the record's player name) in the actor; default: a pseudonym only")
    p.add_argument("--send-reflections", action="store_true", help="include the trainee's written reflections; default: never")
    p.add_argument("--xapi-version", choices=("1.0.3", "2.0.0"), default="1.0.3", help="the xAPI version to speak (2.0.0: IEEE 9274.1.1-2023)")
    p.add_argument("--home-page", metavar="URL", help="the homePage of the pseudonymous account (default: Doorstep's)")


def xapi_options(xapi: argparse.ArgumentParser) -> None:
    """``xapi``'s actions (statements, push, setup, outbox); its name and line of help are in the command list (simulator/cli.py)."""
    inner = xapi.add_subparsers(dest="xapi_command", metavar="ACTION", required=True)

    p = inner.add_parser("statements", help="print a playthrough's statements as JSON")
    p.add_argument("record", metavar="RECORD", help="a record (play --record) or an export from the local store")
    _common(p)
    p.set_defaults(run=cmd_statements)

    p = inner.add_parser("push", help="send statements to an LRS and say how many were new (no RECORD: the local store's outbox)")
    p.add_argument("records", metavar="RECORD", nargs="*", help="records or exports; none: every playthrough in the local store")
    p.add_argument("--endpoint", metavar="URL", help="the LRS's xAPI endpoint (the address statements/ is under)")
    p.add_argument("--username", metavar="U", help="HTTP Basic username (the LRS's key)")
    p.add_argument("--password", metavar="P", help="HTTP Basic password (the LRS's secret); or DOORSTEP_LRS_PASSWORD")
    p.add_argument("--store", metavar="FILE", help="the store file (default: Doorstep's own, or $DOORSTEP_DATA_DIR)")
    p.add_argument("--timeout", type=argtypes.seconds, default=20.0, help="seconds to wait for each answer (default 20)")
    _common(p)
    p.set_defaults(run=cmd_push)

    p = inner.add_parser("setup", help="save the LRS to send to (for the window and for push), switch sending on or off, check it")
    p.add_argument("--endpoint", metavar="URL", help="the LRS's xAPI endpoint")
    p.add_argument("--username", metavar="U", help="HTTP Basic username (the LRS's key)")
    p.add_argument("--password", metavar="P", help="HTTP Basic password (the LRS's secret); kept in a file only you can read")
    p.add_argument("--on", dest="enabled", action="store_const", const=True, help="send from the window, in the background")
    p.add_argument("--off", dest="enabled", action="store_const", const=False, help="stop sending (statements still wait in the outbox)")
    p.add_argument("--send-name", dest="send_name", action="store_const", const=True, help="name the trainee in statements")
    p.add_argument("--no-send-name", dest="send_name", action="store_const", const=False, help="a pseudonym only (the default)")
    p.add_argument("--send-reflections", dest="send_reflections", action="store_const", const=True, help="include written reflections")
    p.add_argument("--no-send-reflections", dest="send_reflections", action="store_const", const=False, help="never send reflections (the default)")
    p.add_argument("--xapi-version", choices=("1.0.3", "2.0.0"), help="the xAPI version to speak")
    p.add_argument("--home-page", metavar="URL", help="the homePage of the pseudonymous account")
    p.add_argument("--check", action="store_true", help="ask the LRS for one statement to check the address and credentials first; if it fails nothing is saved")
    p.add_argument("--timeout", type=argtypes.seconds, default=20.0, help="seconds to wait for the LRS (default 20)")
    p.set_defaults(run=cmd_setup)

    p = inner.add_parser("outbox", help="what is waiting to be sent, and how sending last went")
    p.add_argument("--store", metavar="FILE", help="the store file (default: Doorstep's own)")
    p.set_defaults(run=cmd_outbox)


def cohort_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", metavar="RECORD_OR_FOLDER", nargs="*", help="records or exports, or folders holding them (*.json)")
    p.add_argument("--html", metavar="OUT.html", help="write the cohort report as one self-contained HTML page")
    p.add_argument("--json", metavar="OUT.json", help="write the tallies as JSON (the window's compare screen can show them)")
    p.add_argument("--only", metavar="ID", help="the scenario to report on when the records are of several")
    p.add_argument("--scenario", action="append", metavar="PATH", help="a scenario folder (default: the installed scenarios)")
    p.add_argument("--endpoint", metavar="URL", help="also read the cohort from this LRS (its statements about the scenario)")
    p.add_argument("--username", metavar="U", help="HTTP Basic username for the LRS (statements/read scope)")
    p.add_argument("--password", metavar="P", help="HTTP Basic password for the LRS; or DOORSTEP_LRS_PASSWORD")
    p.add_argument("--xapi-version", choices=("1.0.3", "2.0.0"), default="1.0.3", help="the xAPI version to speak")
    p.add_argument("--timeout", type=argtypes.seconds, default=20.0, help="seconds to wait for each answer (default 20)")
    p.set_defaults(run=cohort_command.cmd_cohort)
