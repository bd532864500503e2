"""`doorstep play PATH --text` as a trainee uses it: a transcript from the prebrief to the support list.

The Harris case, typed at as a person would (the fake keyboard prints each
prompt and answer, as a terminal shows them): the prebrief, a pause with the
history read back, help, a scene skipped, a step out; then the next run
continues it and plays to the end, the debrief and the support list. The
words of care are the window's own (services/care.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PROJECT

from simulator.cli import main
from simulator.records.store import Store
from simulator.scenario import load_scenario
from simulator.services import care

HARRIS = PROJECT / "scenarios" / "harris-family"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(tmp_path / "config"))


def keyboard(monkeypatch: pytest.MonkeyPatch, answer: Callable[[str], str | None]) -> list[str]:
    """Answer each prompt with ``answer(prompt)`` (None: the input ends, as Ctrl-D), echoing both as a terminal would."""
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        got = answer(prompt)
        if got is None or len(prompts) > 5000:
            raise EOFError
        print(f"{prompt}{got}")
        return got

    monkeypatch.setattr("builtins.input", typed)
    return prompts


def script(*steps: tuple[str, str]) -> Callable[[str], str]:
    """Answers in order for prompts that start as given; any other prompt gets Enter, or 1 at a decision."""
    queue = list(steps)

    def answer(prompt: str) -> str:
        if queue and prompt.startswith(queue[0][0]):
            return queue.pop(0)[1]
        return "1" if "to choose" in prompt else ""

    return answer


def in_order(text: str, *parts: str) -> None:
    """Each part appears after the one before (line breaks from wrapping count as spaces)."""
    text = " ".join(text.split())
    at = 0
    for part in (" ".join(p.split()) for p in parts):
        found = text.find(part, at)
        assert found >= 0, f"{part!r} is missing after position {at}:\n{text[at:at + 2000]}"
        at = found + len(part)


def plain(text: str) -> None:
    """No colour, no cursor movement, nothing drawn with punctuation: what a terminal screen reader reads well."""
    assert "\x1b" not in text and "\r" not in text
    assert not re.search(r"^(==|~|\*\*\*|--|\[clock\])", text, re.M)


def test_a_whole_case_in_the_terminal_from_the_prebrief_to_the_support_list(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """Prebrief, pause and history, help, skip, step out; then continue to the ending, the debrief and the support, saved throughout."""
    scenario = load_scenario(HARRIS).scenario
    assert scenario is not None
    first_line = "Monday, half past one, at your desk in the open-plan office."

    keyboard(monkeypatch, script(
        ("Press Enter to begin", ""),
        ("Type 1 to 3 to choose", "p"), ("Press Enter to resume", "h"), ("Press Enter to resume", ""),
        ("Type 1 to 3 to choose", "1"),
        ("Press Enter to go on", "?"), ("Press Enter to go on", ""),
        ("Type 1 to 3 to choose", "k"), ("Press Enter when you are ready", ""),
        ("Press Enter to go on", "s"),
    ))  # fmt: skip
    assert main(["play", str(HARRIS), "--text", "--seed", "0"]) == 0
    first = capsys.readouterr().out
    plain(first)
    in_order(
        first,
        scenario.title, "Before you start.", "What you will practise", "1. ", "The fiction contract", scenario.fiction_contract,
        "Content notes", f"1. {scenario.content_notes[0][:40]}", "Pause and step out", care.SAFETY_TEXT[:60], "Feedback", care.MODES["coach"][:50],
        "Press Enter to begin",
        "Episode 1 of 14: The first visit.", "Mon 2 Mar 2026, Month 1 of 12, 13:30.", first_line,
        "What do you do? 3 options.", "1. ", "2. ", "3. ",
        "Paused", "The case waits here until you resume. Everything so far is saved.",
        "History: what was said and chosen so far", first_line, "End of the history.",
        "Resumed.", "You were at a decision:",
        "You chose: ", "Feedback: ", "Practice principle: ",
        "Commands, at any prompt", "p: pause", "s: save and step out",
        care.SKIPPED[0][:60], care.SKIPPED[1][:40],
        care.GROUNDING[0][:50], care.GROUNDING[1][:50], care.RETURN_TEXT[:50],
    )
    assert "How it ended" not in first

    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        [saved] = store.unfinished(scenario.id)
        assert saved.steps == 3 and store.actions(saved.id)[-1] == "@skip"  # a choice, a continue, the skip

    keyboard(monkeypatch, script(("Type c to continue it", "c")))
    assert main(["play", str(HARRIS), "--text"]) == 0
    second = capsys.readouterr().out
    plain(second)
    in_order(
        second,
        "You have an unfinished playthrough of", "Continuing where you stopped, in the coach setting.",
        "How it ended: ", "Your debrief", "You made ", "and skipped 1 scene.",
        *(f"{d.label}: " for d in scenario.rubric),
        "If this case stirred something up", *(f"{s.name}: " for s in scenario.support),
        "Taking a moment", care.GROUNDING[1][:60], "What this case contains", f"1. {scenario.content_notes[0][:40]}",
    )
    assert "this case allowed" in second
    with Store.open(tmp_path / "data" / "records.sqlite3")[0] as store:
        assert store.unfinished(scenario.id) == [] and store.playthroughs(scenario.id)[0].finished


def test_the_terminal_says_the_window_care_words_from_the_same_place():
    """The support list at the end of a text playthrough is the debrief's support section, word for word."""
    from simulator.ui.review import contents

    scenario = load_scenario(HARRIS).scenario
    assert scenario is not None
    words = [s.heading for s in care.support(scenario)] + [p for s in care.support(scenario) for p in s.paragraphs]
    shown = " ".join("".join(span.text for span in p.spans) for p in contents.support_paras(type("R", (), {"scenario": scenario})()))  # type: ignore[arg-type]
    for w in words:
        assert w in shown


def test_leaving_at_the_prebrief_saves_nothing_and_input_ending_steps_out(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """s at the prebrief leaves without beginning; the input ending mid-case (Ctrl-D) is a step out, saved, never a traceback."""
    keyboard(monkeypatch, script(("Press Enter to begin", "s")))
    assert main(["play", str(HARRIS), "--text", "--seed", "0"]) == 0
    assert "You left before the case began. Nothing was saved." in capsys.readouterr().out
    assert not (tmp_path / "data" / "records.sqlite3").exists() or Store.open(tmp_path / "data" / "records.sqlite3")[0].playthroughs() == []

    answers = iter(["", "", ""])
    keyboard(monkeypatch, lambda prompt: next(answers, None))
    assert main(["play", str(HARRIS), "--text", "--seed", "0"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert care.GROUNDING[0] in out and care.RETURN_TEXT in out


def test_the_assessment_setting_holds_feedback_and_refuses_rewind(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """--assessment: no feedback after a choice, and r says why it cannot rewind."""
    keyboard(monkeypatch, script(("Press Enter to begin", ""), ("Type 1 to 3 to choose", "1"), ("Press Enter to go on", "r"), ("Press Enter to go on", "s")))
    assert main(["play", str(HARRIS), "--text", "--seed", "0", "--assessment"]) == 0
    out = capsys.readouterr().out
    assert "Assessment setting" in out and "You chose: " in out and "Feedback: " not in out.split("You chose: ", 1)[1]
    assert "Not in the assessment setting: choices stand, as in practice." in out


def test_the_glossary_is_as_near_in_the_terminal_as_in_the_window(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Words the glossary explains are named after the lines that use them; g at a decision and on pause lists those first, then every word A to Z; help lists g."""
    from simulator.engine.session import Session
    from simulator.services.glossary import alphabetical, terms_in

    scenario = load_scenario(HARRIS).scenario
    assert scenario is not None and scenario.glossary
    first = Session.start(scenario, 0)
    met = terms_in([line.text for line in first.lines()] + [o.text for o in first.options], scenario.glossary)
    assert met, "the first visit uses glossary words"
    keyboard(monkeypatch, script(
        ("Press Enter to begin", ""), ("Type 1 to 3 to choose", "g"), ("Type 1 to 3 to choose", "p"),
        ("Press Enter to resume, or type h, g,", "glossary"), ("Press Enter to resume", ""), ("Type 1 to 3 to choose", "?"), ("Type 1 to 3 to choose", "s"),
    ))  # fmt: skip
    assert main(["play", str(HARRIS), "--text", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    plain(out)
    words = " and ".join(t.term for t in met) if len(met) <= 2 else ", ".join(t.term for t in met[:-1]) + f" and {met[-1].term}"
    listing = ["Glossary: the words you just met", *(f"{t.term}: {t.meaning}" for t in met), "Every word this case explains", *(f"{t.term}: {t.meaning}" for t in alphabetical(scenario.glossary)), "End of the glossary."]
    in_order(out, f"This case explains {len(scenario.glossary)} words it uses", "type g at any prompt", f"The glossary explains {words} (type g).", "What do you do?", *listing, "Paused", *listing, "Commands, at any prompt", "g: glossary")
    assert out.count("The glossary explains") == 1  # named once, then again only for words new in the episode


def test_every_host_heads_an_episode_with_the_same_when(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The text player, the --auto text host and the window's episode card give the clock's one heading (a week-scale case says its week)."""
    from conftest import FIXTURES

    from simulator.engine.clock import clock_view
    from simulator.engine.session import Session
    from simulator.ui.play.transition import transition_paras

    adult = FIXTURES / "adult"
    scenario = load_scenario(adult).scenario
    assert scenario is not None and scenario.scale == "weeks"
    clock = clock_view(Session.start(scenario, 0))
    assert clock.shows_period and clock.period_text.startswith("Week ")
    keyboard(monkeypatch, script(("Press Enter to begin", ""), ("Type", "s"), ("Press Enter to go on", "s")))
    assert main(["play", str(adult), "--text", "--seed", "0"]) == 0
    assert f"{', '.join(clock.when)}." in " ".join(capsys.readouterr().out.split())
    assert main(["play", str(adult), "--text", "--auto", "enabler"]) == 0
    assert " · ".join(clock.when) in capsys.readouterr().out
    card = [" ".join(s.text for s in p.spans) for p in transition_paras(Session.start(scenario, 0))]
    assert "  ·  ".join(clock.when) in card
