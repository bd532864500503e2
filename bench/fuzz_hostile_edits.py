"""The fourth campaign's mutants of files a person edits by hand, and stores of another shape.

:mod:`fuzz_hostile` runs the commands on them; what is new here:

- **record**: a record or a store export edited as a person would, keeping
  it JSON: steps swapped, reversed, doubled, dropped or repeated thousands of
  times; a choice or node renamed to another of the case's own ids; the
  scenario named as another installed case, or in another case or normal
  form; seed, format and kind in odd forms (``3.0``, ``"3"``, ``true``,
  2**64); the stored clock, scores, trust, events, dates and ending edited
  (huge, negative, fractional, of the wrong kind) on a record whose nodes no
  longer fit, so the debrief is rebuilt from what it stored; an export's
  actions, playthrough, reflections and xAPI ids edited; under report, cohort,
  xapi statements and push (to a closed port);
- **config**: ``settings.json``, ``lrs.json``, ``places.json`` and an imported
  cohort file with a key written twice (at the top and inside, same and other
  values, of other kinds), of the wrong shape (a list, a string, nested one
  deeper), numbers in odd forms (``1e0``, ``-0``, ``1.0``, ``1E400``), keys
  differing only in case, normal form or an invisible mark, a BOM, CRLF, a
  line of 60 KB, under ``xapi setup``/``push``/``outbox`` and the window's own
  loaders (settings, LRS settings, places, cohorts; :func:`probe_loaders`, in
  the campaign's worker);
- **sqlite**: the store replaced by a database of another shape: another
  program's, tables missing or renamed, a column dropped or added, a newer
  format, a view or an index where a table was, rows out of order or with ids
  at 2**63-1, the whole file a valid SQLite database of zero tables, a
  journal mode or page size never used;
- **numbers**: every number of one YAML file of a case written in one odd
  form (``1e3``, ``0x10``, ``.inf``, ``-0``, ``1_000``, ``0o17``, ``+5``,
  ``5.0``, quoted), one or all of them;
- **aliases**: anchors and aliases, and merge keys, placed at each kind of
  position of an episode in turn (a node, a choice, an effect, a condition, a
  line, a key, the top), a whole node merged into another, an alias to a
  node's own parent;
- **workshop**: workshops a dead process left running in the store, their
  summaries edited as JSON and saved through the store (their checksums vouch
  for them), under the next workshop's recovery.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from fuzz_hostile_kinds import EXAMPLE, Job, Mutant, copy_case, yaml_files

CLOSED = "http://127.0.0.1:9/xapi/"
INSTALLED = ["harris-family", "jay-residential", "campbell-care-act"]
HUGE = [10**30, -(10**30), 2**63, 2**64, -(2**63) - 1, 1e308, -1e308, 1.5, -1, 0, -0.0, 99999999]
ODD = [None, True, False, "", "x" * 20000, [], {}, [1], {"a": 1}, "\u202e", "9999-12-31", "0000-00-00", "25:99", "-1", "1e3"]
TIMES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00",
         "2026-03-02T09:00:00", "2026-03-02T09:00:00+25:00", "2026-02-30T09:00:00+00:00", "2026-03-02 09:00:00Z", "20260302T090000Z"]  # times at the calendar's edges, naive, odd


# -- records and exports ------------------------------------------------------------------------------
def _ids(root: Path) -> tuple[list[str], list[str]]:
    text = "\n".join(p.read_text("utf-8", "replace") for p in yaml_files(root))
    choices = sorted(set(re.findall(r"\bid: ([a-z][a-z0-9-]*)", text)))
    episodes = sorted(set(re.findall(r"\bepisode: ([a-z][a-z0-9-]*)", text)))
    nodes = [f"{e}.{n}" for e in episodes for n in choices[:20]]
    return choices or ["x"], nodes or ["x.y"]


def base_export(store: Path) -> dict[str, Any]:
    """An export of the base store's first finished playthrough (as ``Store.export`` makes it)."""
    from simulator.records.store import Store

    opened, _ = Store.open(store, at="2026-03-02T09:00:00+00:00")
    with opened:
        rows = opened.playthroughs()
        return opened.export(rows[0].id)


def variant(rng: random.Random, text: str) -> str:
    """``text`` in another case or normal form, or with an invisible mark: what looks the same and is not."""
    kind = rng.randrange(6)
    if kind == 0:
        return text.upper()
    if kind == 1:
        return text.title()
    if kind == 2:
        return unicodedata.normalize("NFD", text.replace("e", "\u00e9", 1))
    if kind == 3:
        return text + rng.choice(["\u200b", "\u00ad", " ", "\ufeff", "\u0301"])
    if kind == 4:
        return text.replace("-", rng.choice(["\u2010", "\u2011", "_", "\u2212"]))
    return text.replace("a", "\u0430", 1)


def edit_steps(rng: random.Random, steps: list[Any], choices: list[str], nodes: list[str]) -> str:
    if not steps:
        return "no steps"
    kind = rng.choice(["swap", "reverse", "double", "drop", "repeat", "choice", "node", "stored", "stored", "shape", "at-null"])
    whole = [k for k, s in enumerate(steps) if isinstance(s, dict)]  # an earlier edit may have made a step a string
    if not whole and kind in ("choice", "node", "stored", "shape", "at-null"):
        kind = "reverse"
    i, j = (rng.choice(whole) if whole else rng.randrange(len(steps))), rng.randrange(len(steps))
    if kind == "swap":
        steps[i], steps[j] = steps[j], steps[i]
    elif kind == "reverse":
        steps.reverse()
    elif kind == "double":
        steps.insert(i, json.loads(json.dumps(steps[i])))
    elif kind == "drop":
        del steps[i]
    elif kind == "repeat":
        n = rng.choice([10, 1000, 20000])
        steps.extend(json.loads(json.dumps(steps[-1])) for _ in range(n))
        kind = f"repeat {n}"
    elif kind == "choice":
        steps[i]["choice"] = rng.choice([*choices, "@skip", "@wait", "@", "@" + "x" * 300, variant(rng, steps[i].get("choice") or "x")])
    elif kind == "node":
        steps[i]["node"] = rng.choice([*nodes, variant(rng, str(steps[i].get("node"))), "", ".", "a.b.c"])
    elif kind == "stored":  # a node that no longer fits sends the debrief to what the record stored; then edit what it stored
        steps[whole[0]]["node"] = "gone.away"
        for _ in range(rng.randint(1, 4)):
            step = steps[rng.choice(whole)]
            field = rng.choice(["day", "minutes", "late", "scores", "trust", "events", "date", "time", "episode", "path", "flags"])
            roll = rng.random()
            if field in ("scores", "trust") and roll < 0.6 and isinstance(step.get(field), dict):
                inner = step[field]
                key = rng.choice([*inner, "nobody", "\u202eevil", "x" * 500]) if inner else "nobody"
                inner[key] = rng.choice(HUGE + ODD)
            elif field == "events" and roll < 0.6:
                step[field] = rng.choice([[{"kind": "x"}], [None], ["text"], [{"kind": "trust", "who": "dana", "by": 10**30}], [[]] * 500, [{}] * 3])
            else:
                step[field] = rng.choice(HUGE + ODD)
            kind = f"stored {field}"
    elif kind == "shape":
        steps[i] = rng.choice([None, [], "step", 1, {"node": steps[i].get("node")}, {"choice": None}, {**steps[i], "extra": {"deep": [1] * 1000}}])
    else:
        steps[i]["node"] = None
    return kind


def edit_record(rng: random.Random, record: dict[str, Any], choices: list[str], nodes: list[str]) -> str:
    kind = rng.choice(["steps", "steps", "steps", "scenario", "seed", "format", "kind", "ending", "totals", "name", "reflections", "mode", "many"])
    if kind == "steps" and isinstance(record.get("steps"), list):
        return "steps " + edit_steps(rng, record["steps"], choices, nodes)
    if kind == "scenario":
        record["scenario"] = rng.choice([*INSTALLED, variant(rng, str(record.get("scenario"))), "", "../small-visit", "small-visit/..", None, 5])
        return f"scenario {record['scenario']!r:.40}"
    if kind == "seed":
        record["seed"] = rng.choice([3.0, "3", True, 2**63, 2**64, -(2**63), -1, 1e20, None, [3]])
        return f"seed {record['seed']!r}"
    if kind == "format":
        record["format"] = rng.choice([2, 0, "1", 1.0, True, None, -1, 10**30])
        return f"format {record['format']!r}"
    if kind == "kind":
        record["kind"] = rng.choice(["doorstep-export", "doorstep-cohort", "doorstep-debrief", "doorstep-workshop", "x", "", None, 1, "DOORSTEP-RECORD"])
        return f"kind {record['kind']!r}"
    if kind == "ending":
        record["finished"] = rng.choice([True, False, None, "yes"])
        record["ending"] = rng.choice([None, "", "doorstep.end-wary", "doorstep.nowhere", "harris.end", "x" * 5000, 5])
        record["ending_kind"] = rng.choice(["barrier", "enabler", "neither", "", None, "\u202e"])
        record["ending_title"] = rng.choice(["T", "", None, "x" * 100000, "<script>alert(1)</script>"])
        return "ending"
    if kind == "totals":
        key = rng.choice(["scores", "trust", "flags", "skipped"])
        record[key] = rng.choice([{"tone": 10**30}, {"dana": -1e308}, {"nobody": 5}, [], "x", None, {"a": {"b": 1}}, {f"k{i}": i for i in range(5000)}])
        return f"totals {key}"
    if kind == "name":
        record["player_name"] = rng.choice(["x" * 100000, "a\nb", "\x1b[2J", "\u202eevil", "", 5, ["n"], "{louisa}", "<b>x</b>"])
        return "player name"
    if kind == "reflections":
        record["reflections"] = rng.choice([{"feelings": "x" * 300000}, {"nope": "x"}, {"feelings": 5}, [], "x", {"feelings": None}, {str(i): "r" for i in range(3000)}])
        return "reflections"
    if kind == "mode":
        record[rng.choice(["mode", "auto"])] = rng.choice(["assessment", "coach", "", None, 5, "x" * 1000, "random"])
        return "mode"
    for _ in range(3):
        edit_record(rng, record, choices, nodes)
    return "many"


def edit_export(rng: random.Random, export: dict[str, Any], choices: list[str], nodes: list[str]) -> str:
    kind = rng.choice(["record", "record", "actions", "playthrough", "reflections", "xapi", "inner-none", "format", "nested"])
    if kind == "record" and isinstance(export.get("record"), dict):
        return "export record " + edit_record(rng, export["record"], choices, nodes)
    if kind in ("actions", "inner-none") or not isinstance(export.get("record"), dict):
        if kind == "inner-none":
            export["record"] = None
        actions = export.get("actions")
        if isinstance(actions, list) and actions:
            roll = rng.randrange(5)
            if roll == 0:
                rng.shuffle(actions)
            elif roll == 1:
                actions[rng.randrange(len(actions))] = rng.choice([*choices, None, 5, "", "@skip", "@x", "x" * 5000, ["a"]])
            elif roll == 2:
                actions.extend([actions[-1]] * rng.choice([10, 20000]))
            elif roll == 3:
                del actions[rng.randrange(len(actions))]
            else:
                export["actions"] = rng.choice([None, "a", {}, [[]]])
        return f"export {kind}"
    if kind == "playthrough":
        about = export.get("playthrough")
        if isinstance(about, dict):
            key = rng.choice([*about, "scenario_id", "seed"])
            about[key] = rng.choice([*HUGE, *ODD, *INSTALLED, variant(rng, str(about.get(key))), *TIMES * 3])
            return f"export playthrough {key}"
        return "export playthrough"
    if kind == "reflections":
        export["reflections"] = rng.choice([{"feelings": "x" * 300000}, {"feelings": 5}, [], None, {"\u202e": "x"}, {str(i): "r" for i in range(3000)}])
        return "export reflections"
    if kind == "xapi":
        export["xapi"] = rng.choice([{"registration": "not-a-uuid"}, {"registration": "00000000-0000-0000-0000-000000000000", "account": "x" * 5000}, [], "x", {"registration": 5}, {}])
        return "export xapi"
    if kind == "format":
        export["format"] = rng.choice([2, "1", 1.0, None, True])
        return f"export format {export['format']!r}"
    export["record"] = json.loads(json.dumps(export))  # an export inside an export
    return "export nested"


def record_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    choices, nodes = _ids(EXAMPLE)
    target = work / "record.json"
    if rng.random() < 0.6:
        data = json.loads(record.read_text("utf-8"))
        what = "record " + edit_record(rng, data, choices, nodes)
    else:
        data = base_export(store)
        what = edit_export(rng, data, choices, nodes)
    if rng.random() < 0.3:
        what += " + " + (edit_record(rng, data, choices, nodes) if data.get("kind") != "doorstep-export" else edit_export(rng, data, choices, nodes))
    target.write_text(json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1])), "utf-8")
    rec, ex = str(target), str(EXAMPLE)
    jobs = [
        Job(["report", rec, "--scenario", ex, "--html", str(work / "o.html"), "--json", str(work / "o.json")], {"o.html", "o.json"}),
        Job(["report", rec, "--json", str(work / "p.json")], {"p.json"}),
        Job(["cohort", rec, str(work), "--scenario", ex, "--html", str(work / "c.html"), "--json", str(work / "c.json")], {"c.html", "c.json"}),
        Job(["xapi", "statements", rec, "--scenario", ex, *rng.sample(["--send-name", "--send-reflections"], rng.randint(0, 2))]),
    ]
    if rng.random() < 0.3:
        jobs.append(Job(["xapi", "push", rec, "--scenario", ex, "--endpoint", CLOSED, "--username", "u", "--password", "p", "--timeout", "1"], {"data"}))
    return Mutant(what, jobs)


# -- settings, LRS settings and the window's own files ------------------------------------------------
GOOD = {
    "settings.json": {"version": 1, "text_size": 2, "high_contrast": True, "reduced_motion": False, "no_time_pressure": False, "fullscreen": False, "mode": "coach",
                      "window": [1280, 720], "worker_name": "Sam", "seem": False, "self_voicing": False, "speech_rate": 175, "voice": ""},
    "lrs.json": {"version": 1, "enabled": True, "endpoint": CLOSED, "username": "u", "password": "p", "xapi_version": "1.0.3", "send_name": False,
                 "send_reflections": False, "home_page": "https://doorstep.example/"},
    "places.json": {"1": {"steps": 3, "line": 2, "episode": "Doorstep", "number": 2, "total": 2, "when": "Tuesday 3 March"}},
    "cohort.json": {"kind": "doorstep-cohort", "format": 1, "scenario": "small-visit", "playthroughs": 4, "decisions": [{"node": "doorstep.door", "options": [{"id": "knock", "count": 3}]}]},
}  # fmt: skip
NUMBER_FORMS = ["1e0", "-0", "1.0", "1E400", "0.5", "01", "1e-400", "-1", "99999999999999999999", "2e1", "1.7976931348623157e308"]


def dumps_with(data: dict[str, Any], extra: list[tuple[str, str]]) -> str:
    """``data`` as JSON text with raw ``"key": text`` pairs appended (keys twice, numbers JSON writes no other way)."""
    body = json.dumps(data)[1:-1]
    more = ", ".join(f"{json.dumps(k)}: {v}" for k, v in extra)
    return "{" + ", ".join(p for p in (body, more) if p) + "}"


def config_text(rng: random.Random, name: str) -> tuple[str, str]:
    good = json.loads(json.dumps(GOOD[name]))
    keys = list(good)
    kind = rng.choice(["twice", "twice", "twice-inner", "shape", "number", "lookalike", "bytes", "values"])
    if kind == "twice":
        key = rng.choice(keys)
        value = rng.choice([json.dumps(good[key]), "true", "false", "null", '"other"', "0", "[]", "{}", json.dumps(CLOSED.replace("9", "10"))])
        extra = [(key, value)] * rng.choice([1, 1, 5])
        text = dumps_with(good, extra)
        if rng.random() < 0.4:  # the repeat first, the original after
            body = json.dumps(good)[1:-1]
            text = "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in extra) + ", " + body + "}"
        return text, f"{key} twice ({value[:20]})"
    if kind == "twice-inner":
        inner = next((k for k, v in good.items() if isinstance(v, dict)), None)
        if inner is None:
            good["nested"] = {"a": 1}
            inner = "nested"
        sub = json.dumps(good[inner])[1:-1]
        first = sub.split(":", 1)[0] if sub else '"a"'
        good_text = json.dumps({k: v for k, v in good.items() if k != inner})[1:-1]
        text = "{" + good_text + f', "{inner}": {{{sub}, {first}: {rng.choice(["1", "null", "[]", json.dumps("x")])}}}' + "}"
        return text, f"key twice inside {inner}"
    if kind == "shape":
        shape = rng.choice(["list", "string", "number", "null", "nested", "empty", "deep", "array-of"])
        text = {"list": json.dumps([good]), "string": json.dumps(json.dumps(good)), "number": "1", "null": "null", "nested": json.dumps({"settings": good}),
                "empty": "{}", "deep": "[" * 5000 + "]" * 5000, "array-of": json.dumps(list(good.items()))}[shape]  # fmt: skip
        return text, f"shape {shape}"
    if kind == "number":
        key = rng.choice(keys)
        form = rng.choice(NUMBER_FORMS)
        return dumps_with({k: v for k, v in good.items() if k != key}, [(key, form)]), f"{key} {form}"
    if kind == "lookalike":
        key = rng.choice(keys)
        other = variant(rng, key)
        value = good.pop(key)
        good[other] = value if rng.random() < 0.5 else rng.choice([True, "x", 0])
        if rng.random() < 0.5:
            good[key] = value
        return json.dumps(good, ensure_ascii=rng.random() < 0.5), f"key {other!r}"
    if kind == "bytes":
        text = json.dumps(good, indent=rng.choice([None, 2]))
        how = rng.choice(["bom", "crlf", "cr", "long", "nul", "trailing", "comment", "single-quotes", "tabs"])
        text = {"bom": "\ufeff" + text, "crlf": text.replace("\n", "\r\n").replace(", ", ",\r\n"), "cr": text.replace(", ", ",\r"),
                "long": text[:-1] + ', "x": "' + "y" * 60000 + '"}', "nul": text.replace(":", ":\x00", 1), "trailing": text[:-1] + ",}",
                "comment": "// mine\n" + text, "single-quotes": text.replace('"', "'"), "tabs": text.replace(" ", "\t")}[how]  # fmt: skip
        return text, f"text {how}"
    for _ in range(rng.randint(1, 3)):
        key = rng.choice(keys)
        good[key] = rng.choice([*HUGE, *ODD, "ftp://x/", "http://[::1/", "javascript:alert(1)", "https://u:p@lrs.example/"])
    return json.dumps(good), "values"


def config_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    config, data = work / "config", work / "data"
    config.mkdir(exist_ok=True)
    data.mkdir(exist_ok=True)
    shutil.copytree(store.parent, data, dirs_exist_ok=True)
    name = rng.choice(["settings.json", "lrs.json", "lrs.json", "places.json", "cohort.json"])
    text, what = config_text(rng, name)
    where = {"settings.json": config / name, "lrs.json": config / name, "places.json": data / name, "cohort.json": data / "cohorts" / "small-visit.json"}[name]
    where.parent.mkdir(exist_ok=True)
    if rng.random() < 0.15:  # not a file at all: a folder, a FIFO, a device, a loop
        from fuzz_places import odd_at

        text, what = "", rng.choice(["folder", "fifo", "zero", "null", "loop", "dangling", "empty"])
        odd_at(where, what, rng)
    else:
        where.write_bytes(text.encode("utf-8", "surrogatepass"))
    if name == "cohort.json" and rng.random() < 0.5:  # also given to the window to import
        if where.is_file() or not where.exists():
            (work / "given-cohort.json").write_bytes(text.encode("utf-8", "surrogatepass"))
        else:
            (work / "given-cohort.json").symlink_to(where)
    env = {"DOORSTEP_CONFIG_DIR": str(config)}
    change = rng.choice([[], ["--on"], ["--off"], ["--send-name"], ["--endpoint", "http://127.0.0.1:9/x/", "--username", "u", "--password", "p"]])
    jobs = [
        Job(["loaders", str(config), str(data), str(work / "given-cohort.json")], {"config", "data"}),
        Job(["xapi", "setup", *change], {"config"}, env),
        Job(["xapi", "push", "--timeout", "1"], {"data", "config"}, env),
        Job(["xapi", "outbox"], {"data"}, env),
    ]
    if rng.random() < 0.1:  # the window itself (SDL's dummy driver), reading these settings as it starts
        jobs.append(Job(["play", str(EXAMPLE), "--auto", rng.choice(["enabler", "barrier"]), "--speed", "0"], {"data", "config"}, env, process=True))
    if rng.random() < 0.12 and where.is_file() and not where.is_symlink():  # a file its owner cannot read, the commands run as another user
        for folder in (work, config, data, where.parent):
            os.chmod(folder, 0o777)
        os.chmod(where, 0o000)
        jobs = [job for job in jobs if job.argv[0] != "loaders"]
        for job in jobs:
            job.process, job.nobody = True, True
        what += " unreadable"
    return Mutant(f"config {name} {what}"[:120], jobs)


def probe_loaders(config: str, data: str, given: str) -> int:
    """What the window reads of a trainee's own files: settings, LRS settings, the places, an imported cohort. Only their own refusals may come back."""
    from simulator import fileio, strictjson
    from simulator.services import cohorts, place, settings
    from simulator.xapi.config import load_lrs_settings

    loaded, note = settings.load_settings(Path(config))
    print(f"settings: {loaded.text_size_name}, {note or 'no note'}")
    assert isinstance(loaded, settings.Settings) and (note is None or "\n" not in note)
    lrs, note = load_lrs_settings(Path(config))
    print(f"lrs: {'on' if lrs.ready else 'off'} {lrs.endpoint[:40]!r}, {note or 'no note'}")
    assert note is None or "\n" not in note
    repeated: dict[str, list[Any]] = {}
    with contextlib.suppress(OSError, ValueError):
        strictjson.loads(fileio.read_text(Path(config) / "lrs.json", limit=1 << 16), repeated=repeated)  # Doorstep's own reader: a FIFO or /dev/zero is refused
    assert not repeated or note, "lrs.json names a key more than once and nothing said so"
    for pid, found in place.read_places(Path(data) / place.FILENAME).items():
        print(f"place {pid}: {found.words[:60]}")
    others = cohorts.others(Path(data), "small-visit")
    if others is not None:
        for node in ("doorstep.door", "prepare.desk", "x"):
            others.at(node)
    if Path(given).exists():
        try:
            print(cohorts.import_cohort(given, Path(data) / "imported"))
        except ValueError as exc:
            assert "\n" not in str(exc)
            print(f"refused: {exc}")
    return 0


# -- stores of another shape --------------------------------------------------------------------------
SHAPES = [
    "DROP TABLE steps", "DROP TABLE meta", "DROP TABLE playthroughs", "DROP TABLE outbox", "DROP TABLE workshops", "ALTER TABLE steps RENAME TO steps_old",
    "ALTER TABLE reflections DROP COLUMN text", "ALTER TABLE playthroughs ADD COLUMN extra TEXT DEFAULT 'x'", "ALTER TABLE steps ADD COLUMN more BLOB",
    "UPDATE meta SET value = '5' WHERE key = 'schema_version'", "UPDATE meta SET value = '0' WHERE key = 'schema_version'",
    "UPDATE meta SET value = '-1' WHERE key = 'schema_version'", "UPDATE meta SET value = '4.0' WHERE key = 'schema_version'",
    "UPDATE meta SET value = ' 4' WHERE key = 'schema_version'", "INSERT INTO meta VALUES ('schema_version', '4')",
    "DROP TABLE outbox; CREATE VIEW outbox AS SELECT 1 AS id", "DROP TABLE steps; CREATE TABLE steps (x)",
    "UPDATE playthroughs SET id = 9223372036854775807 WHERE id = (SELECT max(id) FROM playthroughs)",
    "UPDATE playthroughs SET id = -id", "UPDATE steps SET idx = 1000000 - idx", "UPDATE steps SET idx = idx * 2",
    "UPDATE playthroughs SET started_at = '9999-12-31T23:59:59+00:00'", "UPDATE playthroughs SET started_at = NULL",
    *(f"UPDATE playthroughs SET {column} = '{t}'" for column in ("started_at", "updated_at") for t in TIMES[:5]),
    *(f"UPDATE outbox_status SET {column} = '{t}'" for column in ("retry_at", "last_attempt_at", "last_success_at") for t in TIMES[:6]),
    "PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = MEMORY", "PRAGMA user_version = 99", "PRAGMA application_id = 1234",
    "PRAGMA page_size = 512; VACUUM", "PRAGMA page_size = 65536; VACUUM", "PRAGMA auto_vacuum = FULL; VACUUM",
    "CREATE TABLE steps2 AS SELECT * FROM steps; DROP TABLE steps; ALTER TABLE steps2 RENAME TO steps",
]  # fmt: skip


def sqlite_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    data = work / "data"
    data.mkdir(exist_ok=True)
    shutil.copytree(store.parent, data, dirs_exist_ok=True)
    path = data / store.name
    roll = rng.random()
    if roll < 0.15:
        path.unlink()
        conn = sqlite3.connect(path)
        kind = rng.choice(["empty", "other", "other-meta"])
        if kind == "other":
            conn.executescript("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places VALUES (1, 'https://example.com');")
        elif kind == "other-meta":
            conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '4'), ('app', 'other');")
        else:
            conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.close()
        what = f"sqlite {kind} database"
    else:
        sql = rng.choice(SHAPES)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.executescript("PRAGMA writable_schema = 0; " + sql)
            what = f"sqlite {sql[:60]}"
        except sqlite3.Error as exc:
            what = f"sqlite {sql[:40]} (not made: {exc})"
        finally:
            conn.close()
    ex = str(EXAMPLE)
    answers = "\n" + "1\n" * 40 + "s\n"
    jobs = [
        Job(["xapi", "outbox"], {"data"}),
        Job(["xapi", "push", "--endpoint", CLOSED, "--username", "u", "--password", "p", "--timeout", "1", "--scenario", ex], {"data"}),
        Job(["store", str(path)], {"data"}),
        Job(["play", ex, "--text"], {"data"}, process=True, stdin=answers),
        Job(["cohort", "--scenario", ex, "--json", str(work / "c.json")], {"c.json", "data"}),
    ]
    return Mutant(what, jobs)


# -- numbers in every odd form, anchors in every position ---------------------------------------------
NUMBER_YAML = ["1e3", "0x10", ".inf", "-.inf", ".nan", "-0", "1_000", "0o17", "+5", "5.0", "5.", '"5"', "'5'", "0b11", "017", "1:00", "5e-1", "!!float 5", "!!int 5.5", "1E400", "-0.0"]
NUMBER_LINE = re.compile(rb"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:\s+)(-?\d+(?:\.\d+)?)(\s*(?:#.*)?)$", re.M)


def numbers_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    from fuzz_hostile_kinds import case_jobs

    root = copy_case(rng, work)
    files = [p for p in yaml_files(root) + yaml_files(root.parent / "seeds")[:3] if NUMBER_LINE.search(p.read_bytes())] or yaml_files(root)
    target = rng.choice(files)
    data = target.read_bytes()
    form = rng.choice(NUMBER_YAML).encode()
    found = list(NUMBER_LINE.finditer(data))
    every = rng.random() < 0.3
    if found:
        chosen = found if every else [rng.choice(found)]
        for m in sorted(chosen, key=lambda m: m.start(), reverse=True):
            data = data[: m.start()] + m.group(1) + form + m.group(3) + data[m.end() :]
    target.write_bytes(data)
    return Mutant(f"numbers {target.name} {'every' if every else 'one'} -> {form.decode()}", case_jobs(rng, root, work, target))


def aliases_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    """An anchor on one mapping or list of an episode (by the kind of place it is in), and an alias or merge key to it somewhere else of that kind or another."""
    import yaml
    from fuzz_hostile_kinds import case_jobs
    from fuzz_shape_ops import SEQ, put, scalar, walk
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    root = copy_case(rng, work)
    episodes = sorted((root / "episodes").glob("*.yaml")) or yaml_files(root)
    target = rng.choice(episodes)
    doc = yaml.compose(target.read_bytes())
    places = [(parent, slot, node) for parent, slot, node in walk(doc) if parent is not None]
    if not places:
        return Mutant("aliases none", case_jobs(rng, root, work, target))

    def key_of(parent: Any, slot: Any) -> str:
        if isinstance(parent, MappingNode) and isinstance(slot, tuple):
            key = parent.value[slot[1]][0]
            return str(key.value) if isinstance(key, ScalarNode) else "?"
        return "[]"

    by_place: dict[str, list[tuple[Any, Any, Any]]] = {}
    for parent, slot, node in places:
        if isinstance(slot, tuple) and slot[0] == "k":
            by_place.setdefault("a key", []).append((parent, slot, node))
        else:
            by_place.setdefault(key_of(parent, slot), []).append((parent, slot, node))
    where = rng.choice(sorted(by_place))
    parent, slot, node = rng.choice(by_place[where])
    kind = rng.choice(["alias-same", "alias-other", "merge", "merge-list", "self", "parent", "top"])
    source = rng.choice([n for _, _, n in places if isinstance(n, (MappingNode, SequenceNode))] or [node])
    if kind == "alias-same":
        parent2, slot2, _ = rng.choice(by_place[where])
        put(parent2, slot2, node)
    elif kind == "alias-other":
        put(parent, slot, source)
    elif kind in ("merge", "merge-list"):
        maps = [n for _, _, n in places if isinstance(n, MappingNode)]
        into = rng.choice(maps) if maps else doc
        merged = source if kind == "merge" else SequenceNode(SEQ, [source, rng.choice(maps or [source])])
        if isinstance(into, MappingNode):
            into.value.insert(rng.randrange(len(into.value) + 1), (scalar("<<", "tag:yaml.org,2002:merge"), merged))
    elif kind == "self" and isinstance(node, (MappingNode, SequenceNode)):
        if isinstance(node, MappingNode):
            node.value.append((scalar("again"), node))
        else:
            node.value.append(node)
    elif kind == "parent":
        put(parent, slot, parent)
    else:
        put(parent, slot, doc)
    try:
        text = yaml.serialize(doc, Dumper=yaml.SafeDumper, allow_unicode=True).encode("utf-8")
    except (yaml.YAMLError, RecursionError, TypeError) as exc:
        return Mutant(f"aliases not written ({type(exc).__name__})", [])
    target.write_bytes(text)
    return Mutant(f"aliases {target.name} {kind} at {where!r:.30}", case_jobs(rng, root, work, target))


# -- workshops a power cut stopped, their rows edited and signed again ---------------------------------
def workshop_mutant(rng: random.Random, work: Path, record: Path, store: Path) -> Mutant:
    """The store holding workshops that stopped without ending (a dead process's running rows), their summaries edited
    as JSON and written back through the store's own save (so their checksums vouch for them), under what reads them
    back: the next ``doorstep workshop`` keeping them (:func:`probe_recover`), the outbox and the store's own reads."""
    from fuzz_mutants import mutate_json

    from simulator import strictjson
    from simulator.records import workshops
    from simulator.records.store import Store
    from simulator.scenario import load_scenario
    from simulator.workshop.facilitate import Workshop
    from simulator.workshop.keep import boot_id, open_question
    from simulator.workshop.room import Room, RoomError
    from simulator.workshop.summary import build_summary

    data = work / "data"
    data.mkdir(exist_ok=True)
    shutil.copytree(store.parent, data, dirs_exist_ok=True)
    scenario = load_scenario(EXAMPLE).scenario
    assert scenario is not None
    mode = rng.choice(["play", "watch"])
    room = Room("K7QM", mode)
    phones = [room.join("K7QM") for _ in range(rng.randint(0, 3))]
    workshop = Workshop.start(scenario, mode, room)
    for _ in range(rng.randint(0, 12)):
        if workshop.stage == "ended":
            break
        question = room.question
        if question is not None and room.phase == "open":
            for token in phones:
                room.vote(token, rng.choice(question.options).id)
        try:
            workshop.forward()
        except RoomError:  # nobody voted: the facilitator would choose; the session stops here instead
            break
    if rng.random() < 0.5:
        workshop.note(rng.choice(["A note.", "\u202e" + "x" * 3000, "<script>alert(1)</script>", "{louisa}"]))
    summary: dict[str, Any] = json.loads(json.dumps(build_summary(workshop, started_at="2026-03-02T09:00:00+00:00", finished_at="", phones=len(phones))))
    summary["open"] = json.loads(json.dumps(open_question(workshop)))
    summary["live"] = {"pid": 2**22 + rng.randrange(1000), "boot": boot_id(), "saved_at": rng.choice(["2026-03-02T10:00:00+00:00", *TIMES])}
    kept = {k: summary[k] for k in ("scenario", "scenario_title", "mode", "started_at", "finished_at")}
    edited = mutate_json(rng, summary) if rng.random() < 0.85 else summary
    if not isinstance(edited, dict):
        edited = {"x": edited}
    for key, value in kept.items():  # the row's own columns: what save needs to write a row at all (its mode as the table allows)
        if key == "mode" or key not in edited:
            edited[key] = value
    edited = strictjson.scrub(edited)  # no lone surrogates: what the store can write (a summary is read through strictjson)
    opened, _ = Store.open(data / store.name, at="2026-03-02T10:00:00+00:00")
    with opened:
        workshops.save(opened, edited, running=True)
    jobs = [
        Job(["recover", str(data / store.name), str(work / "reports")], {"data", "reports"}),
        Job(["store", str(data / store.name)], {"data"}),
        Job(["xapi", "outbox"], {"data"}),
    ]
    return Mutant(f"workshop row {mode} edited", jobs)


def probe_recover(store: str, folder: str) -> int:
    """What ``doorstep workshop`` does first: keep each workshop that stopped without ending (its record and report)."""
    from simulator.workshop.recover import keep_stopped

    for line in keep_stopped(Path(store), Path(folder), at="2026-03-02T11:00:00+00:00"):
        assert "\n" not in line, line
        print(line)
    return 0


#: The kinds this module makes, each from a seeded chooser, a fresh work folder and the campaign's base record and store.
MAKERS = {"record": record_mutant, "config": config_mutant, "sqlite": sqlite_mutant, "numbers": numbers_mutant, "aliases": aliases_mutant, "workshop": workshop_mutant}
