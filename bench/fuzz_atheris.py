"""Coverage-guided fuzzing of Doorstep's readers with atheris (libFuzzer for Python).

``make fuzz`` runs this after the mutation campaign when atheris is installed
(``make fuzz`` installs it from requirements/fuzz.txt). Each target takes raw
bytes and must end in a value or Doorstep's own refusal; any other exception
is a crash that libFuzzer reports with the input that caused it (saved as
``crash-*`` in the current folder).

    python bench/fuzz_atheris.py TARGET [libFuzzer options, e.g. -max_total_time=60]

Targets: ``episode`` (an episode file of the small example scenario),
``json`` (strict JSON), ``condition`` (the condition language, compiled and
run), ``record`` (a record turned into a debrief and its HTML).
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import atheris

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"

with atheris.instrument_imports():
    from simulator import strictjson
    from simulator.records.record import RecordError
    from simulator.report.debrief import build_debrief
    from simulator.report.html import render
    from simulator.scenario import conditions, load_scenario
    from simulator.scenario.loader import load_evidence, load_files


def _example_files() -> tuple[dict[str, bytes], str, Any]:
    files = {str(p.relative_to(EXAMPLE)): p.read_bytes() for p in sorted(EXAMPLE.rglob("*.yaml"))}
    evidence, _ = load_evidence(PROJECT / "seeds")
    return files, "scenario.yaml", evidence


FILES, MANIFEST, EVIDENCE = _example_files()
EPISODE = next(name for name in FILES if name != MANIFEST)
SCENARIO = load_scenario(EXAMPLE).scenario
STATE = SimpleNamespace(trust={}, scores={}, flags={}, chosen=set(), seen=set(), held={}, overdue={}, last_effects={}, last_path="", day=0, month=0, minutes=600, late=0, phoned=False)


def episode(data: bytes) -> None:
    result = load_files({**FILES, EPISODE: data}, MANIFEST, EVIDENCE)
    assert result.ok or result.errors


def json_text(data: bytes) -> None:
    with contextlib.suppress(strictjson.JSONRefused):
        strictjson.loads(data.decode("utf-8", "replace"))


def condition(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    try:
        tree = conditions.parse(text)
    except conditions.ConditionError:
        return
    if all(root in ("trust", "score", "flag", "overdue", "last") for root, _, _ in conditions.refs(tree)):
        conditions.compile_condition(tree, lambda root, member: member)(STATE)


def record(data: bytes) -> None:
    try:
        value = strictjson.loads(data.decode("utf-8", "replace"))
        render(build_debrief(SCENARIO, value))
    except (strictjson.JSONRefused, RecordError):
        pass


TARGETS = {"episode": episode, "json": json_text, "condition": condition, "record": record}


def seeds(target: str) -> list[bytes]:
    """Real inputs to start from, so mutations begin inside the format rather than at random bytes."""
    if target == "episode":
        return [FILES[EPISODE], *(f.read_bytes() for f in sorted((PROJECT / "scenarios").rglob("episodes/*.yaml"))[:6])]
    if target == "condition":
        return [b"trust.john >= 50 and not flag.x", b"(score.tone + 1 > 2 or last.path == 'barrier')", b"clock.time > 10:05"]
    from simulator.engine import Session
    from simulator.engine.autoplay import policy
    from simulator.records.record import build_record

    out = []
    for seed in range(3):
        session, pick = Session.start(SCENARIO, seed), policy("random", seed)
        while not session.finished:
            session.choose(pick(session.choices).id) if session.choices else session.proceed()
        out.append(json.dumps(build_record(session)).encode())
    return out


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: fuzz_atheris.py {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv[1]]
    options = sys.argv[2:]
    if not any(not o.startswith("-") for o in options):  # no corpus folder given: start from real inputs
        corpus = Path(tempfile.mkdtemp(prefix=f"doorstep-atheris-{sys.argv[1]}-"))
        for i, data in enumerate(seeds(sys.argv[1])):
            (corpus / f"seed-{i}").write_bytes(data)
        options.append(str(corpus))
    atheris.Setup([sys.argv[0], *options], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
