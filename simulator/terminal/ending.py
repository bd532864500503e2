"""The end of a text playthrough: how it ended, a short debrief said in words, and where to find support.

Lines as (heading, "") or ("", line) pairs, as the text player says them:
headings on lines of their own, lists numbered, scores in words ("minus 2"),
so a terminal screen reader reads them as written.
"""

from __future__ import annotations

from simulator.scenario.model import Scenario
from simulator.services import care
from simulator.services.run import Run
from simulator.services.words import WHERE


def signed_words(n: int) -> str:
    """A score said plainly: "plus 3", "minus 2", "0" (a screen reader may not say a lone sign)."""
    return f"plus {n}" if n > 0 else f"minus {-n}" if n < 0 else "0"


def ending_lines(scenario: Scenario, run: Run) -> list[tuple[str, str]]:
    """The ending, the debrief's scores, trust and safety errors, then the case's support list."""
    from simulator.records.record import build_record
    from simulator.report.debrief import build_debrief

    out: list[tuple[str, str]] = []

    def say(text: str = "") -> None:
        out.append(("", text))

    def heading(text: str) -> None:
        out.append((text, ""))

    s = run.session
    ending = s.ending
    assert ending is not None
    heading(f"How it ended: {ending.title}." + (f" {ending.outcome}." if ending.outcome else ""))
    say(ending.text)
    if WHERE.get(ending.kind):
        say(WHERE[ending.kind])
    debrief = build_debrief(scenario, build_record(s, {"mode": run.mode}))
    heading("Your debrief")
    say(f"You made {debrief.decisions} choice{'s' if debrief.decisions != 1 else ''}" + (f" and skipped {len(debrief.skipped)} scene{'s' if len(debrief.skipped) != 1 else ''}." if debrief.skipped else "."))
    for score in debrief.scores:
        r = score.achievable
        say(f"{score.label}: {signed_words(score.score)}; this case allowed {signed_words(r.low)} to {signed_words(r.high)}.")
    for t in debrief.trust:
        say(f"{t.name}'s trust: {t.start} at the start, {t.end} at the end.")
    if debrief.safety:
        say(f"Safety errors to talk over in supervision: {len(debrief.safety)}.")
        for i, m in enumerate(debrief.safety, 1):
            chose = m.choice.text.rstrip()
            stop = "" if chose.endswith((".", "!", "?", '"')) else "."
            say(f"{i}. You chose: {chose}{stop} {m.safety}")
    if run.saving:
        say("The whole debrief, with reflection and your evidence, is under Past playthroughs in the window, and exports as a web page.")
    for section in care.support(scenario):
        if section.heading:
            heading(section.heading)
        else:
            say()
        for para in section.paragraphs:
            say(para)
        for i, (name, words) in enumerate(section.items, 1):
            say(f"{i}. {name}: {words}" if name else f"{i}. {words}")
    return out
