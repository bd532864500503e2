"""A `when` that can never hold is warning C606 at its line (what it guards never happens), never silently accepted;
every condition that can hold, in the shipped and test cases, is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT

from simulator.authoring.scaffold import files
from simulator.scenario import bounds
from simulator.scenario import conditions as cond
from simulator.scenario.loader import load_scenario

FOLLOW = "episodes/follow-up.yaml"
FIRST = "episodes/first-visit.yaml"


def _c606(tmp_path: Path, rel: str, old: str, new: str) -> list[str]:
    folder = tmp_path / "case"
    texts = files("case")
    assert old in texts[rel]
    texts[rel] = texts[rel].replace(old, new, 1)
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    result = load_scenario(folder)
    assert result.scenario is not None  # a warning: the case still plays
    return [f"{d.file}:{d.line} {d.message} ({d.suggestion})" for d in result.diagnostics if d.code == "C606"]


@pytest.mark.parametrize(
    ("rel", "old", "new", "said"),
    [
        (FOLLOW, 'when: "trust.alex >= 60"', 'when: "trust.alex > 100"', ["this way is never taken", "`trust.alex` runs from 0 to 100"]),
        (FOLLOW, 'when: "trust.alex >= 60"', 'when: "score.tone + score.honesty + score.reliability >= 20"', ["can only be", "to 5:"]),
        (FOLLOW, 'when: "trust.alex >= 60"', 'when: "trust.alex >= 60 and trust.alex < 40"', ["the wrong way round"]),
        (FOLLOW, 'when: "chose.give-a-date"', 'when: "clock.time > 23:59"', ["the line is never shown"]),
        (FIRST, "          path: other\n", '          path: other\n          when: "not (trust.alex <= 100)"\n', ["the option is never offered"]),
    ],
)
def test_a_condition_that_cannot_hold_is_named(tmp_path: Path, rel: str, old: str, new: str, said: list[str]):
    """Each never-true condition is one C606 in its own file, saying what never happens and why."""
    [found] = _c606(tmp_path, rel, old, new)
    assert rel in found
    for words in said:
        assert words in found, found


@pytest.mark.parametrize(
    ("new"),
    ['when: "trust.alex >= 100"', 'when: "score.tone + score.honesty + score.reliability >= 5"', 'when: "trust.alex > 60 or trust.alex < 40"', 'when: "score.honesty < 0"'],
)
def test_a_condition_that_can_hold_is_not_warned(tmp_path: Path, new: str):
    """Conditions true in some playthrough (the top of a range, the most points the choices give) get no C606."""
    assert _c606(tmp_path, FOLLOW, 'when: "trust.alex >= 60"', new) == []


def test_no_shipped_or_test_case_has_a_never_true_condition():
    """Every scenario Doorstep ships or tests with loads without C606 (a false alarm would teach trainers to ignore it)."""
    folders = [*sorted((PROJECT / "scenarios").iterdir()), PROJECT / "docs" / "examples" / "small-visit", *(PROJECT / "tests" / "fixtures" / n for n in ("ward-to-home", "youth-justice"))]
    for folder in folders:
        if (folder / "scenario.yaml").is_file():
            assert [d.render() for d in load_scenario(folder).diagnostics if d.code == "C606"] == [], folder


def test_intervals_say_never_only_when_certain():
    """The interval check: a sum past its scores' reach is never true; anything it cannot bound is not claimed."""
    ranges = bounds.score_ranges({"a": (-2, 3), "b": (0, 4)})
    assert bounds.never(cond.parse("score.a + score.b >= 8"), ranges)
    assert not bounds.never(cond.parse("score.a + score.b >= 7"), ranges)
    assert bounds.never(cond.parse("score.a - score.b > 3"), ranges)
    assert not bounds.never(cond.parse("flag.x == 3"), ranges)
    assert bounds.never(cond.parse("not (trust.x <= 100)"), ranges)
    assert not bounds.never(cond.parse("trust.x > 50 or score.a > 9"), ranges)


@pytest.mark.parametrize("command", [["analyze"], ["play", "--text", "--auto", "enabler"], ["graph"], ["info"]])
def test_commands_that_run_a_warned_case_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]):
    """A case with a C606 still plays and analyses, and each command says in one line on stderr that validate has warnings."""
    from simulator.cli import main

    _c606(tmp_path, FOLLOW, 'when: "trust.alex >= 60"', 'when: "trust.alex > 100"')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert main([command[0], "case", *command[1:]]) == 0
    err = capsys.readouterr().err
    assert "doorstep: case has 1 warning; `doorstep validate case` lists them" in err and "Traceback" not in err


def test_no_never_true_claim_while_an_episode_file_is_missing(tmp_path: Path):
    """With the calendar's first episode missing (F304), its points are unseen: no C606 claims a count cannot be reached."""
    folder = tmp_path / "case"
    texts = files("case")
    texts[FOLLOW] = texts[FOLLOW].replace('when: "trust.alex >= 60"', 'when: "score.honesty >= 2"', 1)
    del texts[FIRST]
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    codes = [d.code for d in load_scenario(folder).diagnostics]
    assert "F304" in codes and "C606" not in codes
