"""The campaign's second half: the commands and file kinds that came after it was first written.

:mod:`fuzz_campaign` imports this for its mutants and jobs of these kinds:

- the window: auto play or watch's tour on a scenario mutant, now and then;
- authoring: ``validate FILE`` on the mutated file itself, ``validate --format
  json --strict``, ``analyze --spread``, ``play --text --from/--set`` with
  hostile values, ``new`` into odd places, ``schema --vscode`` beside an odd
  ``.vscode/settings.json``;
- settings: ``lrs.json`` and ``settings.json`` mutated or made odd, under
  ``xapi setup``, ``xapi push`` and ``xapi outbox``;
- old stores: the base store taken back to formats 1, 2 and 3 (the
  migrations' own steps undone), then damaged as the other stores are;
- art: the shared art (``DOORSTEP_ASSETS``) with ``art.yaml`` or a picture
  mutated, made odd or replaced by a hostile SVG, under ``validate`` and
  the window's auto play (a subprocess: SDL's dummy driver);
- hostile LRSs: ``xapi push``, ``cohort --endpoint`` and ``xapi setup
  --check`` against :mod:`tests.loopback_lrs` (a hang, a drip, redirects,
  JSON nested 200,000 deep, ``more`` links without end...).

Each returns ``(target, what, jobs)`` with jobs as ``(argv, allowed, env, window)``.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests"))

from loopback_lrs import MODES, HostileLRS  # noqa: E402

Job = tuple[list[str], set[str], dict[str, str], bool]
LONG = "n" * 300

HOSTILE_SETS = [
    "trust.{c}=1e999", "trust.{c}=" + "9" * 5000, "trust.{c}=-inf", "trust.{c}=nan", "trust.{c}=", "trust.=3", "trust.{c}=3.5",
    "score.{d}=99999999999999999999", "score.{d}=-1", "score.nope=1", "flag.{f}=maybe", "flag.=true", "flag.{f}=" + "x" * 5000,
    "chose.{o}=true", "chose.{o}=yes", "clock.time=99:99", "clock.time=23:59:60", "clock.time=-1:00", "clock.time=" + "1" * 50,
    "clock.day=999999999999", "clock.date=9999-12-31", "x", "=", "==", "a=b=c", "\ud800=1", "trust.{c}=\x00",
]  # fmt: skip
HOSTILE_FROM = ["", ".", "..", "a.b.c", "x" * 5000, "\ud800", "{e}.", ".{n}", "{e}.{n}.{n}", "{n}", "{e}", "../{e}"]
HOSTILE_SVG = [
    b"",
    b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100000000" height="100000000"><rect width="1e8" height="1e8"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" width="nan" height="-5" viewBox="0 0 0 0"/>',
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 50000 + b"</g>" * 50000 + b"</svg>",
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>',
]


def ids_of(root: Path) -> dict[str, list[str]]:
    """Ids that appear in a scenario's YAML, by rough kind, so hostile values can name real things too."""
    text = " ".join(p.read_text("utf-8", "replace") for p in sorted(root.rglob("*.yaml"))[:40] if p.is_file() and not p.is_symlink())
    found = {kind: sorted(set(re.findall(rf"\b{kind}:\s*([a-z][a-z0-9-]*)", text)))[:30] for kind in ("id", "episode", "character", "flag")}
    return {k: v or ["x"] for k, v in found.items()}


def authoring_jobs(rng: random.Random, work: Path, root: Path, mutated: Path, odd_kind: Callable[..., str]) -> list[Job]:
    """validate FILE, JSON validation, analyze --spread, play --from/--set, new and schema --vscode, on a scenario mutant."""
    ids = ids_of(root) if root.is_dir() else {"id": ["x"], "episode": ["x"], "character": ["x"], "flag": ["x"]}

    def fill(pattern: str) -> str:
        return pattern.format(c=rng.choice(ids["character"]), d=rng.choice(["tone", "timeliness", "honesty", "x"]), f=rng.choice(ids["flag"]),
                              o=rng.choice(ids["id"]), e=rng.choice(ids["episode"]), n=rng.choice(ids["id"]))  # fmt: skip

    sets = [arg for _ in range(rng.randint(1, 3)) for arg in ("--set", fill(rng.choice(HOSTILE_SETS)))]
    start = ["--from", fill(rng.choice(HOSTILE_FROM))] if rng.random() < 0.6 else []
    jobs: list[Job] = [
        (["validate", str(mutated)], set(), {}, False),
        (["validate", str(root), "--format", "json", "--strict"], set(), {}, False),
        (["analyze", str(root), "--spread", str(rng.choice([0, 5, 40, 10_001, 10**9, -3])), "--json"], set(), {}, False),
        (["play", str(root), "--text", "--auto", rng.choice(["enabler", "barrier", "random"]), *start, *sets], set(), {}, False),
    ]
    new_at = rng.choice([work / "new-case", work / LONG, work / "new-case" / LONG, work / "file-here" / "x", work / "odd-new"])
    if new_at.parent.name == "file-here":
        new_at.parent.write_text("a file, not a folder")
    if new_at.name == "odd-new":
        odd_kind(rng, new_at, root / "scenario.yaml")
    jobs.append((["new", str(new_at), "--title", rng.choice(["T", "x" * 3000, "\ud800", "a\nb", "{{x}}"])], {"new-case", "odd-new", "file-here"}, {}, False))
    vs = work / "vs" / ".vscode" / "settings.json"
    vs.parent.mkdir(parents=True)
    if rng.random() < 0.5:
        odd_kind(rng, vs, root / "scenario.yaml")
    else:
        vs.write_bytes(rng.choice([b"[" * 100_000, b'{"a": 1', b"\xff\xfe", b"{}", b'{"yaml.schemas": 5}', b"// comment\n{}", b"[]"]))
    jobs.append((["schema", "--vscode", str(work / "vs")], {"vs"}, {}, False))
    return jobs


def window_jobs(rng: random.Random, root: Path, work: Path) -> list[Job]:
    """The window on a scenario mutant now and then (a subprocess, SDL's dummy driver): auto play, or watch's tour."""
    roll = rng.random()
    store = {"data"}  # the window keeps what it saw in the store there (a watched version is 'experienced' for the LRS)
    if roll < 0.08:
        return [(["play", str(root), "--auto", rng.choice(["enabler", "barrier", "random"]), "--speed", "0", "--seed", str(rng.randrange(100))], store, {}, True)]
    if roll < 0.12:
        return [(["watch", str(root), "--auto-advance", "--speed", "0"], store, {}, True)]
    return []


def downgrade(path: Path, version: int) -> None:
    """Take a store file back to an older format by undoing the migrations' steps (so opening it migrates it again)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        if version < 4:
            conn.execute("DROP TABLE IF EXISTS workshops")
        if version < 3:
            conn.execute("DROP TABLE IF EXISTS outbox")
            conn.execute("DELETE FROM meta WHERE key LIKE 'outbox%' OR key LIKE 'xapi%'")
        if version < 2:
            from simulator.records.storefile import PLAYTHROUGH_V1, checksum

            for column in ("step_count", "step_head", "reflection_count", "reflection_head"):
                conn.execute(f"ALTER TABLE playthroughs DROP COLUMN {column}")
            for row in conn.execute(f"SELECT {', '.join(PLAYTHROUGH_V1)} FROM playthroughs").fetchall():
                conn.execute("UPDATE playthroughs SET checksum = ? WHERE id = ?", (checksum("playthroughs", row), row[0]))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        conn.execute("COMMIT")
    finally:
        conn.close()


def old_store_mutant(rng: random.Random, work: Path, base: Path, damage: Callable[..., tuple[Path, str]]) -> tuple[Path, str]:
    """A copy of the base store at format 1, 2 or 3, then (mostly) damaged the way fuzz_campaign damages stores."""
    version = rng.choice([1, 2, 3])
    staged = work / "old-base" / base.name
    staged.parent.mkdir(parents=True)
    shutil.copy(base, staged)
    downgrade(staged, version)
    if rng.random() < 0.25:
        data = work / "data"
        data.mkdir(exist_ok=True)
        shutil.copy(staged, data / base.name)
        shutil.rmtree(staged.parent)
        return data / base.name, f"store format {version}, whole"
    path, what = damage(rng, work, staged)
    shutil.rmtree(staged.parent)
    return path, f"store format {version}, {what}"


def settings_mutant(rng: random.Random, work: Path, odd_kind: Callable[..., str], mutate_bytes: Callable[..., bytes]) -> tuple[Path, str]:
    """A config folder whose lrs.json or settings.json is odd, damaged, or of the wrong shape."""
    config = work / "config"
    config.mkdir()
    name = rng.choice(["lrs.json", "settings.json"])
    target = config / name
    good = {"version": 1, "enabled": True, "endpoint": "http://127.0.0.1:9/xapi/", "username": "u", "password": "p", "xapi_version": "1.0.3"}
    roll = rng.random()
    if roll < 0.3:
        what = odd_kind(rng, target, work / "outside.json")
    elif roll < 0.6:
        target.write_bytes(mutate_bytes(rng, json.dumps(good).encode(), []))
        what = "bytes"
    else:
        changed = dict(good)
        for _ in range(rng.randint(1, 4)):
            changed[rng.choice([*good, "font_scale", "name", "x"])] = rng.choice([None, 10**50, -1, 1e308, "", "\ud800", [], {}, "x" * 100_000, True, "ftp://x/", "http://[::1/"])
        target.write_text(json.dumps(changed))
        what = "values"
    return config, f"{name} {what}"


def settings_jobs(rng: random.Random, config: Path) -> list[Job]:
    env = {"DOORSTEP_CONFIG_DIR": str(config)}
    change = rng.choice([[], ["--on"], ["--off"], ["--endpoint", "http://127.0.0.1:9/x/"], ["--send-name"]])
    return [
        (["xapi", "setup", *change], {"config"}, env, False),
        (["xapi", "push", "--timeout", "1"], {"data", "config"}, env, False),
        (["xapi", "outbox"], {"data"}, env, False),
    ]


def art_mutant(rng: random.Random, work: Path, mutate_bytes: Callable[..., bytes], odd_kind: Callable[..., str]) -> tuple[Path, str]:
    """A copy of the shared art with art.yaml or one picture mutated, made odd or replaced by a hostile SVG."""
    assets = work / "assets"
    shutil.copytree(PROJECT / "assets", assets, symlinks=True, ignore=shutil.ignore_patterns("*.py"))
    manifest = assets / "art" / "art.yaml"
    pictures = sorted((assets / "art").rglob("*.svg"))
    if rng.random() < 0.4:
        target = manifest
    else:
        wanted = [p for p in pictures if p.stem in ("office", "front-door", "car")] or pictures
        target = rng.choice(wanted)
    roll = rng.random()
    if roll < 0.3:
        what = odd_kind(rng, target, work / "outside.yaml")
    elif roll < 0.5 and target != manifest:
        target.write_bytes(rng.choice(HOSTILE_SVG))
        what = "hostile svg"
    else:
        target.write_bytes(mutate_bytes(rng, target.read_bytes(), [manifest.read_bytes()]))
        what = "bytes"
    return assets, f"art {target.name} {what}"


def art_jobs(rng: random.Random, assets: Path, work: Path, example: Path) -> list[Job]:
    env = {"DOORSTEP_ASSETS": str(assets)}
    jobs: list[Job] = [(["validate", str(example)], set(), env, False)]
    if rng.random() < 0.5:
        jobs.append((["play", str(example), "--auto", rng.choice(["enabler", "barrier"]), "--speed", "0", "--screenshots", str(work / "shots")], {"shots"}, env, True))
    return jobs


class Servers:
    """One hostile LRS per mode, started once for the whole campaign."""

    def __init__(self) -> None:
        self.by_mode: dict[str, HostileLRS] = {}

    def get(self, mode: str) -> HostileLRS:
        if mode not in self.by_mode:
            self.by_mode[mode] = HostileLRS(mode)
        return self.by_mode[mode]

    def close(self) -> None:
        for server in self.by_mode.values():
            server.close()


def lrs_jobs(rng: random.Random, servers: Servers, record: Path, work: Path, example: Path) -> tuple[str, list[Job]]:
    """push, cohort --endpoint and setup --check against one hostile LRS mode."""
    mode = rng.choice(MODES)
    lrs = servers.get(mode)
    common = ["--endpoint", lrs.endpoint, "--username", "u", "--password", "p", "--timeout", "1.5"]
    env = {"DOORSTEP_CONFIG_DIR": str(work / "config")}
    jobs: list[Job] = [
        (["xapi", "push", str(record), "--scenario", str(example), *common], set(), env, False),
        (["cohort", "--only", "small-visit", "--scenario", str(example), *common, "--json", str(work / "lc.json")], {"lc.json"}, env, False),
        (["xapi", "setup", *common, "--check"], {"config"}, env, False),
    ]
    return mode, jobs


def describe(job: Any) -> str:
    return " ".join(str(a) for a in job)[:200]
