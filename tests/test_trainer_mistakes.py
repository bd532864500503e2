"""The mistakes a trainer makes, on copies of a case written from the docs alone: each is one located line and an exit code.

Every variant of tests/fixtures/youth-justice below is what a trainer really types: a typo in an id,
curly quotes from a word processor, 30.0 for 30, options that all carry `when`, a route with no way out,
an evidence folder that is not there, an emoji, an id already in the shared evidence, an art id that
belongs to Harris, tabs, a byte-order mark, Windows line endings, a very long line, a renamed file.
Each must be refused at its line with its code, or work; never a traceback, never a cascade that buries it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, PROJECT

from simulator.cli import main

CASE = FIXTURES / "youth-justice"
LOCATED = re.compile(r"^\S+\.yaml:\d+:\d+: (error|warning|info) [A-Z]\d{3} \S")

Mutation = Callable[[Path], None]


def sub(rel: str, old: str, new: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def raw(rel: str, change: Callable[[bytes], bytes]) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(change(path.read_bytes()))

    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(root: Path) -> None:
        for m in mutations:
            m(root)

    return apply


FIRST = "episodes/first-contact.yaml"
PANEL = "episodes/joint-decision.yaml"
LAST = "episodes/looking-ahead.yaml"

# name: (mutation, the code expected at `where` (file:line), or None when the case must still play)
MISTAKES: dict[str, tuple[Mutation, str | None, str | None]] = {
    "typo-in-next": (sub(FIRST, "next: understanding", "next: understandng"), "R401", "first-contact.yaml:80:"),
    "typo-in-speaker": (sub(FIRST, "speaker: reece\n", "speaker: reecee\n"), "R402", "first-contact.yaml:60:"),
    "typo-in-principle": (sub(FIRST, "principles: [see-the-child-first]", "principles: [see-the-chld-first]"), "R404", "first-contact.yaml:34:"),
    "typo-in-dimension": (sub(FIRST, "effects: {child-first: 2, candour: 1}", "effects: {childfirst: 2, candour: 1}"), "R403", "first-contact.yaml:30:"),
    "typo-in-key": (sub(FIRST, '          feedback: "Greeting', '          feeback: "Greeting'), "S203", "first-contact.yaml:33:"),
    "curly-quotes-round-a-condition": (sub("episodes/school-meeting.yaml", 'when: "flag.slt-screen"', "when: \u201cflag.slt-screen\u201d"), "C601", "school-meeting.yaml:28:"),
    "curly-quotes-in-a-condition": (sub(LAST, 'when: "trust.reece >= 45"', "when: \"last.path == \u2018enabler\u2019\""), "C601", "looking-ahead.yaml:53:"),
    "an-unquoted-word": (sub(LAST, 'when: "trust.reece >= 45"', 'when: "last.path == enabler"'), "C601", "looking-ahead.yaml:53:"),
    "30.0-for-trust": (sub("scenario.yaml", "trust: 30", "trust: 30.0"), "S202", "scenario.yaml:"),
    "5.0-for-minutes": (sub(FIRST, "minutes: 5", "minutes: 5.0"), "S202", "first-contact.yaml:32:"),
    "every-option-has-when": (
        both(sub(PANEL, "        - id: agree-the-caution\n", '        - id: agree-the-caution\n          when: "trust.reece > 60"\n'), sub(PANEL, 'when: "not flag.slt-screen"', 'when: "trust.reece < 40"')),
        "G511",
        "joint-decision.yaml:16:",
    ),
    "a-route-with-no-way-out": (sub(LAST, "        - next: drifted", '        - when: "trust.reece < 45"\n          next: drifted'), "G502", "looking-ahead.yaml:"),
    "a-missing-evidence-folder": (sub("scenario.yaml", "evidence: [../../../seeds]", "evidence: [../../../seeds, ../youth-evidence]"), "F308", "scenario.yaml:"),
    "an-emoji": (sub(FIRST, "I was just with them.", "I was just with them \U0001f937."), "T801", "first-contact.yaml:61:"),
    "a-shared-principle-id-again": (sub("evidence/principles.yaml", "  - id: plan-the-ending", "  - id: work-from-strengths"), "G506", "evidence/principles.yaml:"),
    "a-tag-id-twice": (sub("evidence/frameworks.yaml", "{id: ystd-4,", "{id: ystd-3,"), "G506", "evidence/frameworks.yaml:"),
    "harris-location": (sub(FIRST, "location: mensah-living-room", "location: harris-living-room"), "R413", "first-contact.yaml:9:"),
    "tabs": (sub(FIRST, '  title: "After the arrest"', '\ttitle: "After the arrest"'), "Y101", "first-contact.yaml:4:"),
    "the-overdue-rule-guessed": (sub("scenario.yaml", "  punctuality:", "  overdue: {dimension: partnership, points_per_day: 1}\n  punctuality:"), "S203", "scenario.yaml:"),
    "a-flag-set-to-no": (sub(FIRST, "flags: {slt-screen: true}", "flags: {slt-screen: no}"), "C605", "first-contact.yaml:"),
    "an-invisible-space-in-an-id": (sub(FIRST, "next: understanding", "next: understanding\u200b"), "S207", "first-contact.yaml:80:"),
    "an-ending-too-early": (sub(PANEL, "      next: school-meeting", '      ending: {kind: barrier, title: "Charged", text: "The case goes to court."}'), "G501", "school-meeting.yaml:3:"),
    "a-year-scale": (sub("scenario.yaml", "scale: months", "scale: years"), "S204", "scenario.yaml:"),
    "a-referral-in-9999": (sub("scenario.yaml", 'referral: "2025-09-05"', 'referral: "9999-12-01"'), "S206", "scenario.yaml:"),
    "an-episode-file-saved-as-bak": (lambda root: (root / PANEL).rename(root / (PANEL + ".bak")), "F304", "scenario.yaml:"),
    "a-byte-order-mark": (raw(FIRST, lambda b: b"\xef\xbb\xbf" + b), None, None),
    "windows-line-endings": (lambda root: [p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n")) for p in root.rglob("*.yaml")], None, None),
    "a-very-long-line": (sub(FIRST, "I was just with them.", "I was just with them. " + "And then " * 3000), None, None),
    "an-episode-file-renamed": (lambda root: (root / PANEL).rename(root / "episodes" / "panel.yaml"), None, None),
    # The night-duty trial (trainer8): an episode file kept, its line in `episodes:` deleted, and a `next` still leading to it.
    # Copied from a Mac to a USB stick and back: macOS leaves `._name` files (binary) beside each file; and a `.github/` folder.
    "a-macs-hidden-copies": (lambda root: [(root / "episodes" / "._first-contact.yaml").write_bytes(b"\0\5\26\7\0\2\0\0Mac OS X        \0\2"),
                                           (root / ".github").mkdir(), (root / ".github" / "ci.yaml").write_text("on: push\n")], None, None),
    "a-capital-in-a-condition": (sub(LAST, 'when: "trust.reece >= 45"', 'when: "trust.Reece >= 45"'), "C601", "looking-ahead.yaml:53:"),
    "an-underscore-in-a-condition": (sub("episodes/school-meeting.yaml", 'when: "flag.slt-screen"', 'when: "flag.slt_screen"'), "C601", "school-meeting.yaml:28:"),
    "an-episode-left-out-of-the-calendar": (sub("scenario.yaml", "  - school-meeting\n", ""), "R401", "joint-decision.yaml:97:"),
}


# An episode lost to a rename also takes the flags only it set: their conditions are warned about, rightly.
MOST = {"an-episode-file-saved-as-bak": 4}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the case where its `evidence: [../../../seeds]` still finds the shared seeds."""
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    target = tmp_path / "cases" / "mine" / "youth-justice"
    shutil.copytree(CASE, target, ignore=shutil.ignore_patterns("*.py"))
    return target


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_trainers_mistake_is_one_located_line_or_still_plays(name: str, copy: Path, capsys: pytest.CaptureFixture[str]):
    """validate names the mistake at its line with its code (notes only counted); play --text refuses it in the same words, or plays."""
    mutate, code, where = MISTAKES[name]
    mutate(copy)
    status = main(["validate", str(copy)])
    out = capsys.readouterr()
    lines = [line for line in (out.out + out.err).splitlines() if line.strip()]
    if code is None:
        assert status == 0, lines
        assert main(["play", str(copy), "--text", "--auto", "enabler"]) == 0
        assert "Ending: looking-ahead.way-forward (enabler)" in capsys.readouterr().out
        return
    assert status == 1, lines
    problems = [line for line in lines[:-1]]
    assert problems and all(LOCATED.match(line) for line in problems), problems
    assert not any(" info " in line for line in problems)  # notes are counted on the last line, not listed
    assert any(f" {code} " in line and where in line for line in problems), (code, where, problems)
    assert len(problems) <= MOST.get(name, 3), problems  # the one mistake, not a cascade of what follows from it
    played = main(["play", str(copy), "--text", "--auto", "enabler"])
    said = capsys.readouterr()
    if played != 0:
        shown = [line for line in said.err.splitlines() if line.strip()]
        assert not any(" info " in line for line in shown), shown
        assert any(f" {code} " in line for line in shown) or code in ("T801", "R413"), shown
        assert shown[-1].startswith("doorstep: ") and "doorstep validate" in shown[-1]


def test_a_whole_number_written_with_a_point_says_what_was_written(copy: Path, capsys: pytest.CaptureFixture[str]):
    """`trust: 30.0` is "should be a whole number, not 30.0", not "not a number"."""
    MISTAKES["30.0-for-trust"][0](copy)
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "should be a whole number, not 30.0" in out and "not a number" not in out


def test_a_missing_evidence_folder_is_the_only_error(copy: Path, capsys: pytest.CaptureFixture[str]):
    """The F308 for a missing folder is not buried under an R404 or R405 for every citation it would have answered."""
    sub("scenario.yaml", "evidence: [../../../seeds]", "evidence: [../../../seedz]")(copy)
    assert main(["validate", str(copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in lines[:-1]] == ["F308"], lines
    assert "../../../seedz" in lines[0] and "looked for" in lines[0]


def test_an_unknown_key_in_a_nested_mapping_names_where_it_is(copy: Path, capsys: pytest.CaptureFixture[str]):
    """A guessed key in `calendar: overdue:` is "in `calendar.overdue`", not "in the top level"."""
    MISTAKES["the-overdue-rule-guessed"][0](copy)
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "unknown key `points_per_day` in `calendar.overdue`" in out and "top level" not in out


@pytest.mark.parametrize("saved_as", ["joint-decision.yaml.bak", "joint-decision.YAML", "joint-decision.yaml~"])
def test_an_episode_saved_under_a_name_not_read_is_named(saved_as: str, copy: Path, capsys: pytest.CaptureFixture[str]):
    """The calendar's missing episode says which file it was probably saved as, and that only .yaml and .yml are read."""
    (copy / PANEL).rename(copy / "episodes" / saved_as)
    assert main(["validate", str(copy)]) == 1
    f304 = [line for line in capsys.readouterr().out.splitlines() if " F304 " in line]
    assert len(f304) == 1 and f"episodes/{saved_as}` is there" in f304[0] and ".yaml or .yml" in f304[0], f304


def test_an_invisible_character_is_named(copy: Path, capsys: pytest.CaptureFixture[str]):
    """`next: understanding` with a zero-width space pasted after it says so, instead of showing two identical-looking ids."""
    MISTAKES["an-invisible-space-in-an-id"][0](copy)
    assert main(["validate", str(copy)]) == 1
    assert "invisible U+200B (zero width space) at character 14" in capsys.readouterr().out


def test_an_episode_nothing_reaches_is_one_warning(copy: Path, capsys: pytest.CaptureFixture[str]):
    """An ending placed in the second episode leaves three episodes unreached: three warnings, one per episode, not one per node."""
    MISTAKES["an-ending-too-early"][0](copy)
    assert main(["validate", str(copy)]) == 1
    g501 = [line for line in capsys.readouterr().out.splitlines() if " G501 " in line]
    assert len(g501) == 3 and all("can never be reached: nothing leads into it" in line for line in g501), g501


@pytest.mark.parametrize(("written", "meant"), [("trust.Reece >= 45", "trust.reece"), ("flag.slt_screen", "flag.slt-screen"), ("Flag.slt-screen", "flag.slt-screen")])
def test_a_name_in_capitals_or_with_underscores_says_how_it_is_written(written: str, meant: str, copy: Path, capsys: pytest.CaptureFixture[str]):
    """`unexpected `.`` told a trainer nothing: the message names the word and the id it was meant to be."""
    sub(LAST, 'when: "trust.reece >= 45"', f'when: "{written}"')(copy)
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr().out
    assert f"names are lowercase words joined by hyphens (did you mean `{meant}`?)" in out, out


@pytest.mark.parametrize(("written", "meant"), [("16.30", "16:30"), ("16.3", "16:30"), ("9", "09:00"), ("16.05", "16:05")])
def test_a_time_written_with_a_dot_says_the_time_it_was_meant_to_be(written: str, meant: str, copy: Path, capsys: pytest.CaptureFixture[str]):
    """`time: 16.30` is the number 16.3 to YAML: the hint said 'put it in quotes if you mean the text "16.3"'."""
    sub(FIRST, 'time: "16:30"', f"time: {written}")(copy)
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr().out
    assert f'write the time in quotes with a colon: "{meant}"' in out, out
