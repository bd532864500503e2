"""Before a text playthrough: what the case practises, the fiction contract, its content notes, pausing and stepping out, the setting.

Lines as (heading, "") or ("", line) pairs, as the text player says them
(see :mod:`simulator.terminal.ending`): headings on lines of their own,
lists numbered, so a terminal screen reader reads them as written. The
words of care are the window's own (:mod:`simulator.services.care`).
"""

from __future__ import annotations

from simulator.scenario.model import Scenario
from simulator.services import care
from simulator.services.settings import Mode


def prebrief_lines(scenario: Scenario, mode: Mode, worker: str, *, replacing: bool) -> list[tuple[str, str]]:
    """The prebrief of ``scenario`` for a trainee playing ``worker`` in ``mode``; ``replacing``: an unfinished playthrough is set aside."""
    s = scenario
    out: list[tuple[str, str]] = []

    def say(text: str = "") -> None:
        out.append(("", text))

    def heading(text: str) -> None:
        out.append((text, ""))

    say(s.title)
    say("Before you start.")
    if s.prebrief:
        heading("About this case")
        say(s.prebrief)
    say(f"In this playthrough you are {worker}.")
    if s.learning_objectives:
        heading("What you will practise")
        for i, objective in enumerate(s.learning_objectives, 1):
            say(f"{i}. {objective}")
    heading("The fiction contract")
    say(s.fiction_contract)
    if s.content_notes:
        heading("Content notes")
        for i, note in enumerate(s.content_notes, 1):
            say(f"{i}. {note}")
    heading("Pause and step out")
    if s.safety:
        say(s.safety)
    say(care.SAFETY_TEXT)
    if s.glossary:
        say(f"This case explains {len(s.glossary)} words it uses, such as {s.glossary[0].term}: type g at any prompt for them.")
    heading("Feedback")
    say(care.MODES[mode])
    say(f"This playthrough uses the {mode} setting." + (" Add --assessment to the command for the assessment setting." if mode == "coach" else ""))
    if replacing:
        say("You have an unfinished playthrough of this case. Beginning a new one sets it aside: it stays in your records, but the next run will offer the new one.")
    say()
    return out
