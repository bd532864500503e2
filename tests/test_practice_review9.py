"""The ninth practice educator's reading: Campbell's deprivation of liberty law, what Chloe said kept from John's hearing, and figures that cannot go stale.

- Campbell: since 2 June 2026 the Supreme Court's "acid test" of 2014 no longer decides what a
  deprivation of liberty is, and the Liberty Protection Safeguards are still not in force, so the
  Deprivation of Liberty Safeguards remain the law. The glossary and the principle say so, and cite it.
- Harris: a child's account of a night at home is never read out with John in the scene, on any route
  through the report and the initial conference, even where nobody decided on the Monday where it
  belonged; a page-nine choice that leaves it in John's copy undecided is named as the safety error it
  is; and nothing tells Chloe that she chose which part of a meeting heard her.
- Jay: the option that carries Jay's voice into a professionals' meeting about his home says so, rather
  than bringing the boy himself into it.
- docs/harris-outline.md's measured figures are written by tests/harris_figures.py from the
  playthroughs themselves, and the prebrief's "three in ten" and "one in seven" are held to them.
"""

from __future__ import annotations

import re

import harris_figures
import pytest
from routes import every_route, project_art
from test_campbell_scenario import CAMPBELL
from test_harris_practice import HARRIS, in_scene
from test_jay_scenario import JAY

from simulator.engine import Session
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

#: Chloe's own account of the night and her words about home, as the case quotes them (her line about "the quiet" is hers to give John)
CHLOE_ABOUT_HOME = re.compile(
    r"just shouting|headphones|stop shouting|crying in the bathroom|John shouting|home is (a bit )?better|still worry about Mum",
    re.IGNORECASE,
)
#: the episodes in which Chloe's words are written, copied and first given to a conference
UP_TO_THE_CONFERENCE = {"first-visit", "chloe-at-school", "report-before-conference", "icpc"}


def loaded(path, **kwargs):
    result = load_scenario(path, **kwargs)
    assert result.ok, [d.render() for d in result.errors]
    return result.scenario


@pytest.fixture(scope="module")
def harris():
    return loaded(HARRIS)


@pytest.fixture(scope="module")
def campbell():
    return loaded(CAMPBELL, art=project_art())


# --- Campbell: the law on deprivation of liberty as it stands ------------------------------------------


def glossary(scenario) -> dict[str, str]:
    return {t.term: t.meaning for t in scenario.glossary}


def test_campbell_does_not_teach_the_overruled_acid_test_as_the_law(campbell):
    """The glossary says the 2014 "acid test" was overruled on 2 June 2026, that the person's wishes and feelings now count, and that a care home needs authorising however it is paid for; nothing in the case still defines a deprivation of liberty by the acid test alone or by who pays."""
    meaning = glossary(campbell)["deprivation of liberty"]
    assert "2 June 2026" in meaning and "overruling" in meaning and "acid test" in meaning
    assert "wishes and feelings" in meaning and "content" in meaning
    assert "however paid for" in meaning
    texts = [t.meaning for t in campbell.glossary] + [p.summary for p in campbell.evidence.principles.values()]
    texts += [n.ending.text for n in campbell.nodes.values() if n.ending is not None]
    assert not [t[:60] for t in texts if re.search(r"the Supreme Court's test|arranged or paid for by the state", t)]


def test_campbell_says_the_deprivation_of_liberty_safeguards_are_still_the_law(campbell):
    """A trainee who has heard of the Liberty Protection Safeguards finds that they are not in force and that DoLS must be followed; the urgent authorisation's one extension is there too."""
    terms = glossary(campbell)
    lps = terms["Liberty Protection Safeguards"]
    assert "none of it has been brought into force" in lps and "still the law" in lps and "April 2023" in lps
    assert re.search(r"extend (it )?once", terms["standard authorisation"])


def test_the_principle_on_moving_someone_cites_the_law_as_it_now_stands(campbell):
    """The principle a trainee is shown when a move is arranged round Mr Campbell cites the 2026 judgment and the put-off safeguards, each honestly marked as known from summaries, and speaks of a home that would stop someone who asks to go."""
    principle = campbell.evidence.principles["a-move-needs-consent-or-authority"]
    assert {"uksc-2026-agni-reference", "lps-put-off-2023"} <= set(principle.sources)
    assert "when they ask to go" in principle.summary and re.search(r"extend (it )?once", principle.summary)
    for source in ("uksc-2026-agni-reference", "lps-put-off-2023"):
        assert campbell.evidence.sources[source].evidence == "abstract"


# --- Harris: what Chloe said about home is never read out where John can hear it -------------------------


#: what decides where Chloe's words go: whether they were written down, what she was promised, whether she heard first, what John's copy holds
WHERE_HER_WORDS_GO = {
    "chloe-words-recorded",
    "chloe-told-limits",
    "promised-chloe-secrecy",
    "chloe-told-before-report",
    "chloe-account-protected",
    "fiona-disclosure-exposed",
}


def branches(choices) -> bool:
    """A decision that changes where Chloe's words go: an option sets one of the flags that decide it, or gives her voice to the conference."""
    return any("child-voice" in c.id or any(flag in WHERE_HER_WORDS_GO for flag, _ in c.flags) for c in choices)


def up_to_the_conference(node: str) -> bool:
    return node.split(".", 1)[0] in UP_TO_THE_CONFERENCE


def chloe_about_home(session) -> list[tuple[str, str, set[str]]]:
    """The lines shown at this node, with who is in the scene, where they give her words or are the part of the conference without John (who is in the scene only where it matters)."""
    lines = session.lines()
    if not any(CHLOE_ABOUT_HOME.search(line.text) or session.node.id == "icpc.without-john" for line in lines):
        return []
    return [(session.node.id, line.text, in_scene(view)) for line, view in zip(lines, session.views(), strict=True)]


def routes_to_the_conference(scenario):
    """Every route through the decisions that change where Chloe's words go, up to the end of the initial conference (the model answer elsewhere): yields (route, [(node, text, who is in the scene)]) for the lines that give her words, and the part of the conference without John."""
    for route, shown, _ in every_route(scenario, up_to_the_conference, branches, chloe_about_home):
        yield route, shown


@pytest.fixture(scope="module")
def conference_routes(harris):
    return list(routes_to_the_conference(harris))


def test_the_routes_checked_reach_both_ways_chloes_account_can_go(conference_routes):
    """The routes cover the report's page-nine choices and the conference's voice options, including those where nobody decided on Monday where her account belonged."""
    taken = {choice for route, _ in conference_routes for choice in route}
    assert {
        "e3-page-nine-protect",
        "e3-page-nine-take-out",
        "e3-page-nine-same-for-both",
        "e4-child-voice-as-she-chose",
        "e4-child-voice-her-words",
    } <= taken
    assert len(conference_routes) >= 50


def test_chloes_words_about_home_are_never_said_with_john_in_the_scene(conference_routes):
    """On every route to the end of the initial conference, no line or narration that quotes or gives what Chloe said about home is shown while John is in the scene (drawn, or heard); she chose one line he could read, about "the quiet", and only that."""
    said = {
        (node, text[:90])
        for _, shown in conference_routes
        for node, text, who in shown
        if "john" in who and CHLOE_ABOUT_HOME.search(text)
    }
    assert sorted(said) == []


def test_her_account_is_still_heard_when_nobody_decided_on_monday(conference_routes):
    """Where page seven went out undecided and the worker gives Chloe's voice, the chair decides at the table and her account is heard in the part without John, not lost."""
    checked = 0
    for route, shown in conference_routes:
        if {"e3-page-nine-take-out", "e4-child-voice-as-she-chose"} <= set(route) and "e3-chloe-first" in route:
            without = [text for node, text, who in shown if node == "icpc.without-john"]
            assert any("the night" in text and "decided this morning" in text for text in without), route
            checked += 1
    assert checked


def test_leaving_chloes_account_undecided_in_johns_copy_is_a_safety_error(harris):
    """Every page-nine choice that leaves Chloe's account of the night in John's copy with no decision by the chair is named as a safety error about Chloe's account; the choices that ask the chair first are not."""
    decision = harris.nodes["report-before-conference.page-nine"]
    for choice in decision.choices:
        if dict(choice.flags).get("chloe-account-protected"):
            assert not choice.safety, choice.id
        else:
            assert "Chloe's account" in (choice.safety or ""), choice.id


def test_a_promise_to_ask_the_chair_that_was_not_kept_is_said(harris):
    """When the worker told Chloe she would ask the chair about her account and then took page nine out without asking, the case says so: the promise to a child is not quietly dropped."""
    pick = prefer("enabler")
    session = Session.start(harris, seed=0)
    shown = []
    while session.node.id.split(".", 1)[0] != "icpc":
        shown += [line.text for line in session.lines()]
        offered = session.choices
        taken = [c for c in offered if c.id == "e3-page-nine-take-out"] if offered else []
        session.choose(taken[0] if taken else pick(offered)) if offered else session.proceed()
    assert "report-before-conference.chloe-before" in session.state.seen
    assert any("You haven't asked yet" in text for text in shown)


def test_chloe_is_never_told_she_chose_which_part_of_a_meeting_heard_her(harris):
    """Whether a child's words are read with John in the room is the adults' safety decision; Chloe chooses how she is heard, not that. After December she is told her words were read in the part without John."""
    texts = [(n.id, t) for n in harris.nodes.values() for t in [n.narration or ""] + [line.text for line in n.lines]]
    assert [n for n, t in texts if "part she chose" in t] == []
    told = [t for n, t in texts if n.startswith("review-2.chloe-told-")]
    assert len(told) == 4 and all("without John" in t for t in told)


# --- Jay: his voice, not the boy, is brought into the meeting about his home ------------------------------


def test_jays_account_not_jay_is_brought_into_the_meeting_about_his_home():
    """At the four o'clock meeting about whether Birch House can keep him, the model option carries Jay's own account into the room; no option reads as bringing the twelve-year-old into it."""
    jay = loaded(JAY)
    options = [c for n in jay.nodes.values() for c in n.choices]
    assert not [c.id for c in options if c.text.startswith("Bring Jay into")]
    assert any(c.text.startswith("Bring Jay's own account into the room") and c.path == "enabler" for c in options)


# --- the outline's figures, from the playthroughs ----------------------------------------------------------


@pytest.fixture(scope="module")
def measured(harris):
    return harris_figures.measure_all(harris)


def test_the_outlines_figures_are_the_measured_ones(measured):
    """docs/harris-outline.md holds the table tests/harris_figures.py writes from 200 seeded playthroughs of each policy (run it after a change that moves them)."""
    text = harris_figures.OUTLINE.read_text(encoding="utf-8")
    assert harris_figures.current(text) == harris_figures.render(measured)


def test_the_prebriefs_odds_are_the_model_answers(harris, measured):
    """The fiction contract tells a trainee that the model answer ends with the plan continuing in about three playthroughs in ten and in pre-proceedings in about one in seven: they are the measured counts, rounded."""
    contract = harris.fiction_contract
    assert "about three playthroughs in ten" in contract and "about one in seven" in contract
    model = measured["enabler"]
    assert round(10 * model["ending.ending-progress"] / harris_figures.PLAYS) == 3
    assert round(harris_figures.PLAYS / model["ending.ending-escalation"]) == 7
