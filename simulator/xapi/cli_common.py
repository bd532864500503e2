"""What the xAPI and cohort commands share: one-line refusals, finding scenarios, reaching the LRS, writing files."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson
from simulator.wording import count

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_SCENARIO_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def say(message: str) -> None:
    print(f"doorstep: {message}", file=sys.stderr)


class Scenarios:
    """Scenarios by id, loaded once: ``--scenario`` folders first, then the shipped ones."""

    def __init__(self, given: list[str] | None = None) -> None:
        self._given = [Path(p) for p in (given or [])]
        self._loaded: dict[str, Any] = {}
        self._asked: list[Any] = []
        self.problems: list[str] = []

    def _load(self, path: Path) -> Any:
        from simulator.scenario import load_scenario, settle

        result = load_scenario(path, cache=True)
        if not result.ok:
            self.problems.append(f"{path} has {count(len(result.errors), 'error')}; run `doorstep validate {path}` for details")
            return None
        settle()
        return result.scenario

    def asked(self) -> list[Any]:
        """The scenarios given with ``--scenario`` that load, in order (each loaded once, then found by id)."""
        out = []
        for path in self._given:
            scenario = self._load(path)
            if scenario is not None:
                self._loaded.setdefault(scenario.id, scenario)
                out.append(scenario)
        self._given = []
        self._asked += out
        return list(self._asked)

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


def lrs_client(args: argparse.Namespace) -> Any:
    from simulator.xapi.config import load_lrs_settings
    from simulator.xapi.lrs import Client, is_local

    endpoint = args.endpoint or os.environ.get("DOORSTEP_LRS_ENDPOINT")
    username = args.username if args.username is not None else os.environ.get("DOORSTEP_LRS_USERNAME")
    password = args.password if args.password is not None else os.environ.get("DOORSTEP_LRS_PASSWORD")
    note = None
    if not endpoint:  # the LRS saved with `doorstep xapi setup` (or the window's settings)
        saved, note = load_lrs_settings()
        if saved.endpoint:
            endpoint = saved.endpoint
            username = saved.username if username is None else username
            password = saved.password if password is None else password
            for name in ("send_name", "send_reflections"):
                if hasattr(args, name) and not getattr(args, name):
                    setattr(args, name, getattr(saved, name))
    if not endpoint or username is None or password is None:  # one line, with why the saved settings did not help
        ask = "say which LRS: --endpoint URL --username U --password P (or DOORSTEP_LRS_ENDPOINT, _USERNAME, _PASSWORD, or `doorstep xapi setup`)"
        say(f"{note.rstrip('.')}; {ask}" if note else ask)
        return None
    if note:
        say(note)
    try:
        client = Client(endpoint, username, password, version=args.xapi_version, timeout=args.timeout)
    except ValueError as exc:
        say(str(exc))
        return None
    if client.endpoint.startswith("http://") and not is_local(client.endpoint):
        say(f"warning: {client.endpoint} is plain http, so the password crosses the network unencrypted; use https if the LRS offers it")
    return client


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def write(path: str, text: str, kind: str) -> bool:
    """Write an output atomically, or say in one line why not; it replaces only an earlier output of ``kind`` (:func:`simulator.fileio.not_ours`)."""
    why = fileio.not_ours(path, kind)
    if why is not None:
        say(f"will not write over {path}: {why}; name another file, or move that one first")
        return False
    try:
        fileio.write_atomic(path, strictjson.scrub(text))
    except OSError as exc:
        say(f"cannot write {path}: {fileio.reason(exc)}")
        return False
    return True


