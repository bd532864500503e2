"""A second trainer's mistakes, on copies of a one-week adult case: each is one located line and an exit code, or still plays.

tests/fixtures/ward-to-home was written from the docs alone (session 6's held-out check); about eighty
variants of it went through every command (validate, info, play --text, --from, analyze, graph, report,
the window and watch). These are the ones that were unclear, buried under a cascade, unlocated, or a
stall, and what they say now.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, PROJECT
from test_trainer_mistakes import LOCATED, Mutation, raw, sub

from simulator.cli import main

CASE = FIXTURES / "ward-to-home"
KAREN = "episodes/karen-call.yaml"

# name: (mutation, the code expected, where (file:line:col), words the message must hold)
MISTAKES: dict[str, tuple[Mutation, str, str, str]] = {
    "an-episode-file-missing": (lambda root: (root / KAREN).unlink(), "F304", "scenario.yaml:", "the calendar lists `karen-call`, but no episode file defines it"),
    "no-episode-files-at-all": (lambda root: shutil.rmtree(root / "episodes"), "F304", "scenario.yaml:", "the calendar lists 5 episodes, but the scenario has no episode file"),
    "a-key-indented-too-far": (sub("episodes/ward-call.yaml", '  title: "A call from the ward"', '    title: "A call from the ward"'), "Y101", "ward-call.yaml:4:", "indented more than `id:` above it"),
    "a-line-key-indented-too-far": (sub("episodes/bedside.yaml", "          mood: tired", "            mood: tired"), "Y101", "bedside.yaml:", "indented more than `text:` above it"),
    "a-nul-byte": (raw(KAREN, lambda b: b.replace(b"Karen on the phone", b"Karen on\x00 the phone")), "Y101", "karen-call.yaml:4:19:", "U+0000"),
    "the-worker-listed-as-present": (sub("episodes/bedside.yaml", "  present: [edna]", "  present: [edna, worker]"), "P908", "bedside.yaml:11:", "`worker` is the player"),
    "a-misspelt-place": (sub("episodes/review.yaml", "location: edna-front-room", "location: edna-front-rom"), "R414", "review.yaml:", "did you mean `edna-front-room`?"),
    "a-source-kind-misspelt": (sub("evidence/sources.yaml", "kind: guidance", "kind: guideline"), "S204", "sources.yaml:", "is `guideline`; it must be one of"),
    "a-list-item-without-its-dash": (sub(KAREN, "        - id: keep-it-short", "          id: keep-it-short"), "Y102", "karen-call.yaml:39:", "begin it with `- id:`"),
    "the-worker-given-trust": (sub("scenario.yaml", 'role: "Hospital social worker"}', 'role: "Hospital social worker", trust: 50}'), "R415", "scenario.yaml:", "the player `worker` has a starting `trust`"),
    "an-accent-in-an-id": (sub("episodes/ward-call.yaml", "- id: see-edna-first", "- id: see-\u00e9dna-first"), "S205", "ward-call.yaml:", "(try `see-edna-first`)"),
    "a-glossary-word-twice": (sub("scenario.yaml", '  - term: "MCA"', '  - term: "reablement"\n    meaning: "Help at home."\n  - term: "MCA"'), "G506", "scenario.yaml:", "`reablement` is explained twice, with different meanings"),
}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the case where its `evidence: [../../../seeds]` still finds the shared seeds."""
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    target = tmp_path / "cases" / "mine" / "ward-to-home"
    shutil.copytree(CASE, target)
    return target


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_is_one_located_line_with_its_code(name: str, copy: Path, capsys: pytest.CaptureFixture[str]):
    """validate prints the mistake alone, at its line, with its code and what to do; play --text refuses an error in the same words."""
    mutate, code, where, words = MISTAKES[name]
    mutate(copy)
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr()
    problems = [line for line in out.out.splitlines()[:-1] if line.strip()]
    assert len(problems) == 1 and LOCATED.match(problems[0]), problems
    assert f" {code} " in problems[0] and where in problems[0] and words in problems[0], problems
    assert "Traceback" not in out.out + out.err
    played = main(["play", str(copy), "--text", "--auto", "enabler"])
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err
    assert played == 0 or (f" {code} " in said.err and "has 1 error;" in said.err)  # not "1 error(s)"


@pytest.mark.parametrize(
    "change",
    [
        lambda root: [p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n")) for p in root.rglob("*.yaml")],
        raw("scenario.yaml", lambda b: b"\xef\xbb\xbf" + b),
        sub("scenario.yaml", 'referral: "2026-11-16"', "referral: 2026-11-16"),
    ],
    ids=["windows-line-endings", "a-byte-order-mark", "an-unquoted-date"],
)
def test_what_a_trainers_editor_does_still_plays(change: Mutation, copy: Path, capsys: pytest.CaptureFixture[str]):
    """Windows line endings, a byte-order mark and an unquoted date are read as the trainer meant: the case validates and plays to its ending."""
    change(copy)
    assert main(["validate", str(copy)]) == 0
    assert main(["play", str(copy), "--text", "--auto", "enabler"]) == 0
    assert "Ending: review.at-home-settled (enabler)" in capsys.readouterr().out
