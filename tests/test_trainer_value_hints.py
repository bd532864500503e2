"""Times, dates and framework tags written the way trainers write them get the value Doorstep reads, not just the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.scaffold import files
from simulator.scenario.diagnostics import suggest_tag
from simulator.scenario.loader import load_scenario
from simulator.scenario.valuehints import date_meant, tag_meant, time_meant

FRAMEWORKS = """\
format: 1
frameworks:
  - id: eh
    title: "Early help practice standards (test-owned)"
    publisher: "Nowhere Council"
    version: "2026"
    tags:
      - {id: eh-1, label: "Consent"}
      - {id: eh-2, label: "The child's voice"}
      - {id: eh-3, label: "One plan"}
"""


def _case(tmp_path: Path, edits: dict[str, tuple[str, str]], extra: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "case"
    texts = files("case")
    for rel, (old, new) in edits.items():
        assert old in texts[rel]
        texts[rel] = texts[rel].replace(old, new, 1)
    texts.update(extra or {})
    for rel, text in texts.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("written", "meant"),
    [("9:30", "09:30"), ("3pm", "15:00"), ("3:20pm", "15:20"), ("3.20 p.m.", "15:20"), ("12am", "00:00"), ("15.20", "15:20"),
     ("15:20:00", "15:20"), ("9.15am", "09:15"), ("noon", "12:00"), ("930", "09:30"), (1520, "15:20"),
     ("25:20", None), ("9", None), ("13pm", None), ("soon", None), (True, None)],
)
def test_time_meant(written: object, meant: str | None):
    """Each way of writing a time has one reading, or none when it is unclear (no hour 25, a bare 9)."""
    assert time_meant(written) == meant


def test_date_and_tag_meant():
    """A UK day-first date reads as ISO; a tag missing its hyphen gets one; impossible values get nothing."""
    assert date_meant("21/09/2026") == "2026-09-21"
    assert date_meant("31/09/2026") is None and date_meant("2026-09-21x") is None
    assert tag_meant("kssa5") == "kssa-5" and tag_meant("PCF 7") == "pcf-7" and tag_meant("swe_2.3") == "swe-2.3"
    assert tag_meant("pcf-7") is None and tag_meant("seven") is None


@pytest.mark.parametrize(("written", "meant"), [('"9:30"', "09:30"), ('"3pm"', "15:00"), ("9:30", "09:30")])
def test_validate_says_which_time_was_meant(tmp_path: Path, written: str, meant: str):
    """An episode's `time: "9:30"` is refused at its line with the time it should say, whether quoted or not."""
    folder = _case(tmp_path, {"episodes/first-visit.yaml": ('time: "10:00"', f"time: {written}")})
    result = load_scenario(folder)
    assert result.scenario is None
    [d] = [d for d in result.diagnostics if d.code == "S207"]
    assert d.file.endswith("first-visit.yaml") and d.line > 0
    assert d.suggestion == f"did you mean `{meant}`?"


def test_an_unknown_tag_is_matched_within_its_own_framework(tmp_path: Path):
    """`eh-9` in a case whose own framework stops at `eh-3` is told the `eh` tags, not offered a shared tag that looks alike."""
    folder = _case(
        tmp_path,
        {"episodes/first-visit.yaml": ("principles: [explain-your-role-plainly]", "principles: [explain-your-role-plainly]\n          tags: [eh-9]")},
        {"evidence/frameworks.yaml": FRAMEWORKS},
    )
    result = load_scenario(folder)
    [d] = [d for d in result.diagnostics if d.code == "R405"]
    assert d.suggestion == "the `eh` tags in the evidence base are `eh-1`, `eh-2`, `eh-3`"


def test_suggest_tag_keeps_to_the_family():
    """Near numbers in the named framework win over look-alike tags of another framework; no family falls back to spelling."""
    tags = ["kss-9", "kss-5", "kssa-1", "kssa-2", "kssa-3", "kssa-5", "pcf-6"]
    assert suggest_tag("kssa-9", tags) == "the `kssa` tags in the evidence base are `kssa-1`, `kssa-2`, `kssa-3`, `kssa-5`"
    assert suggest_tag("kssa-55", tags) == "did you mean `kssa-5`?"
    assert suggest_tag("kssa5", tags) == "did you mean `kssa-5`?"
    assert suggest_tag("pfc-6", tags) == "did you mean `pcf-6`?"
    many = [f"kssa-{n}" for n in range(1, 11)]
    assert suggest_tag("kssa-1.5", many) == "the `kssa` tags in the evidence base are `kssa-1` to `kssa-10`"


def test_set_clock_time_reads_times_as_conditions_do(tmp_path: Path):
    """`--set clock.time=9:30` is 09:30, as `clock.time > 9:30` is in a condition; `3pm` is refused with the time meant."""
    from simulator.authoring.playfrom import FromError, overrides, reach

    scenario = load_scenario(_case(tmp_path, {})).scenario
    assert scenario is not None
    session = overrides(reach(scenario, "follow-up.back").session, ["clock.time=9:30"])
    assert session.state.minutes == 9 * 60 + 30
    with pytest.raises(FromError, match=r"not `3pm` \(did you mean `15:00`\?\)"):
        overrides(reach(scenario, "follow-up.back").session, ["clock.time=3pm"])


def test_a_condition_with_pm_says_the_24_hour_time(tmp_path: Path):
    """`clock.time > 3pm` is C601 saying times are 24-hour, with `15:00` as the fix, not a hint to join conditions."""
    folder = _case(tmp_path, {"episodes/follow-up.yaml": ('when: "trust.alex >= 60"', 'when: "clock.time > 3pm"')})
    [d] = [d for d in load_scenario(folder).diagnostics if d.code == "C601"]
    assert "24-hour" in d.message and "join conditions" not in d.message
    assert d.suggestion == "`3pm` is written `15:00`"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("60", "a chance is a fraction of 1, not a percentage: `0.6` for 60%"),
        ('"60%"', "a chance is a fraction of 1, not a percentage: `0.6` for 60%"),
        ("12.5", "a chance is a fraction of 1, not a percentage: `0.125` for 12.5%"),
        ('"0.3"', "write the number without quotes: `0.3`"),
        ("100", "an option taken every time needs no `chance`: leave it out"),
        ("1", "an option taken every time needs no `chance`: leave it out"),
    ],
)
def test_a_chance_written_as_a_percentage_says_the_fraction(tmp_path: Path, written: str, hint: str):
    """`chance: 60` (the held-out trainer trials' commonest slip with chance) is 0.6: the message says so, not only "must be less than 1"."""
    route = '        - when: "trust.alex >= 60"\n          next: working-together'
    folder = _case(tmp_path, {"episodes/follow-up.yaml": (route, route.replace("          next:", f"          chance: {written}\n          next:"))})
    [d] = [d for d in load_scenario(folder).diagnostics if d.code in ("S202", "S206")]
    assert "`chance`" in d.message and d.suggestion == hint


def test_a_chance_that_is_no_percentage_gets_no_percentage_hint(tmp_path: Path):
    route = '        - when: "trust.alex >= 60"\n          next: working-together'
    folder = _case(tmp_path, {"episodes/follow-up.yaml": (route, route.replace("          next:", '          chance: "often"\n          next:'))})
    [d] = [d for d in load_scenario(folder).diagnostics if d.code == "S202"]
    assert "percentage" not in (d.suggestion or "")


@pytest.mark.parametrize(
    ("rel", "old", "new", "hint"),
    [
        ("episodes/first-visit.yaml", "          trust: {alex: 10}\n", '          trust: {alex: 10}\n          minutes: "20 mins"\n', "`20`"),
        ("episodes/first-visit.yaml", "          trust: {alex: 10}\n", "          trust: {alex: 10}\n          minutes: 1h\n", "`60`"),
        ("episodes/first-visit.yaml", "          trust: {alex: 10}\n", '          trust: {alex: 10}\n          minutes: "1 hour 30"\n', "`90`"),
        ("scenario.yaml", "estimated_minutes: 5\n", 'estimated_minutes: "25 min"\n', "`25`"),
        ("episodes/follow-up.yaml", "  day: 10\n", '  day: "March 2027"\n', "counts working days from the referral"),
        ("episodes/follow-up.yaml", "  day: 10\n", "  day: 2026-03-16\n", "counts working days from the referral"),
        ("scenario.yaml", "    trust: 40\n", '    trust: 40\n    age: "16-21"\n', "the age at the referral (`16`)"),
        ("scenario.yaml", "    trust: 40\n", '    trust: 40\n    age: "sixteen"\n', "an age is one whole number"),
    ],
)
def test_a_number_written_as_text_says_the_number_meant(tmp_path: Path, rel: str, old: str, new: str, hint: str):
    """The fifth held-out trial wrote `minutes: 1h`, `day: "March 2027"` and `age: "16-21"`: "write a whole number" did not say which."""
    [d] = [d for d in load_scenario(_case(tmp_path, {rel: (old, new)})).diagnostics if d.code == "S202"]
    assert hint in (d.suggestion or "")


def test_curly_quotes_that_cut_a_line_at_its_comma_are_named(tmp_path: Path):
    """Quotes typed by a word processor are letters to YAML: the text after a comma became an unknown key."""
    folder = _case(tmp_path, {"episodes/follow-up.yaml": ('"You came back when you said."', "\u201cYou came back, as you said.\u201d")})
    [d] = [d for d in load_scenario(folder).diagnostics if d.code == "S203"]
    assert "as you said" in d.message and "curly quotes" in (d.suggestion or "")


@pytest.mark.parametrize(
    ("value", "code"),
    [("flag.topics + 1", "C607"), ("score.voice", "C607"), ("no", "C605"), ("Yes", "C605"), ("kitchen", None), ("the flat on trust road", None), (True, None), (3, None)],
)
def test_a_flag_set_to_text_that_reads_as_something_else(value: object, code: str | None):
    """A trainer keeping count in a hub wrote `topics: "flag.topics + 1"`: text, set as written, never a count (C607)."""
    from simulator.scenario.valuehints import flag_text

    found = flag_text("topics", value)
    assert (found[0] if found else None) == code
