"""The tenth practice educator's reading: Campbell's law read further, a broken promise to Chloe repaired, and the enabler path read again.

- Campbell: the 2026 judgment and the guidance after it were looked for in full. Neither is stored, so
  both stay marked as known from summaries, but the summaries were read further: the glossary now says
  who weighs what, that the acid test's two questions still count without settling it, and that a
  person showing contentment is not the same as a person going along quietly.
- Harris: where a promise to Chloe about her words was broken before the conference (the chair not asked,
  the report found at home, Ms Bell telling her instead), the worker is offered the chance to own it to
  her that day, and again at Three Houses if it was let go; the repair is said in her words, blames
  nobody but the worker, and the debrief scores it.
- Harris, the enabler path from July to February read afresh: John no longer hears, in the open part of
  a review, in the minutes he is sent or at the hand-over, that the programme's partner support worker
  bears out the decision or stays in touch with Fiona. Her support is hers, and his change is not
  measured, in his hearing, by what she says.
"""

from __future__ import annotations

import re

import pytest
from routes import every_route, project_art
from test_campbell_scenario import CAMPBELL
from test_harris_practice import HARRIS, scenes

from simulator.scenario import load_scenario


def loaded(path, **kwargs):
    result = load_scenario(path, **kwargs)
    assert result.ok, [d.render() for d in result.errors]
    return result.scenario


@pytest.fixture(scope="module")
def campbell():
    return loaded(CAMPBELL, art=project_art())


# --- Campbell: what the fuller reading of the 2026 judgment changed --------------------------------------


def test_campbell_says_what_is_weighed_now_and_by_whom(campbell):
    """The glossary names who decides (not only the courts) and what is weighed, purpose and how ordinary the arrangement is among them; the acid test has its own entry saying its two questions still count without settling it, that it went at once, and that there is guidance to read."""
    terms = {t.term: t for t in campbell.glossary}
    meaning = terms["deprivation of liberty"].meaning
    assert "the courts weigh" not in meaning
    assert "home, council or court" in meaning and "purpose" in meaning and "how ordinary" in meaning
    acid = terms["acid test"]
    assert "Cheshire West" in acid.also and "[2026] UKSC 16" in acid.meaning
    assert "still count but no longer settle it alone" in acid.meaning and "with no transition" in acid.meaning
    assert "plainest case" in acid.meaning and "guidance" in acid.meaning


def test_campbell_does_not_read_quiet_compliance_as_consent(campbell):
    """A person who cannot decide where to live consents only by showing they are content, and going along quietly is said not to be that."""
    meaning = {t.term: t.meaning for t in campbell.glossary}["deprivation of liberty"]
    assert "showing they are content; going along quietly is not that" in meaning


def test_the_judgments_source_says_honestly_what_was_and_was_not_read(campbell):
    """The source for the 2026 judgment stays marked as known from summaries, says that neither the judgment nor the DHSC guidance was read and why, and names the pages that were."""
    source = campbell.evidence.sources["uksc-2026-agni-reference"]
    assert source.evidence == "abstract"
    notes = source.notes
    assert "the judgment and the Department of Health and Social Care's guidance" in notes and "neither was read" in notes
    for page in ("Research in Practice", "lawcases.net", "Weightmans", "Capsticks", "Surrey", "Essex", "case page"):
        assert page in notes, page
    assert "DHSC and CQC issued statements" not in notes
    lps = campbell.evidence.sources["lps-put-off-2023"]
    assert lps.evidence == "abstract" and "after the June 2026 judgment" in lps.notes


# --- Harris: a promise to Chloe that was broken is owned to her ---------------------------------------------

#: the decisions that make, keep or break a promise to Chloe about her words, and the chances to own a broken one
PROMISE_DECISIONS = {
    "chloe-told-limits",
    "promised-chloe-secrecy",
    "chloe-told-before-report",
    "chloe-not-told-before-report",
    "chloe-account-protected",
    "chloe-promise-repaired",
}
#: the episodes from Chloe's first meeting to the first time she is seen again after the conference
TO_THREE_HOUSES = {"first-visit", "chloe-at-school", "report-before-conference", "icpc", "core-group-1", "three-houses"}
#: the options that own a broken promise to her, on the conference day and at Three Houses
OWN_IT = {"e4-chloe-promise-own-it", "e6-promise-own-it"}
#: words of the meeting room, not an eleven-year-old's
JARGON = re.compile(
    r"\b(conference|core group|section 47|s47|safeguarding|disclos\w*|category|protocol|chair|plan of action|professionals?)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def harris():
    return loaded(HARRIS)


def promise_routes(scenario, default: str):
    """Every route through the decisions that make, keep, break or own a promise to Chloe, from the first visit to the setting-up of Three Houses, the rest played by ``default``: yields (route, shown, flags at the end), shown being (node, text, options offered there) in playing order."""

    def within(node: str) -> bool:
        return node.split(".", 1)[0] in TO_THREE_HOUSES and node != "three-houses.setting-up"

    def forks(offered) -> bool:
        return any(c.id in OWN_IT or any(flag in PROMISE_DECISIONS for flag, _ in c.flags) for c in offered)

    def record(session):
        offered = tuple(c.id for c in session.choices or ())
        return [(session.node.id, line.text, offered) for line in session.lines()]

    for route, shown, session in every_route(scenario, within, forks, record, default):
        yield route, shown, dict(session.state.flags)


@pytest.fixture(scope="module")
def promise_walks(harris):
    return {default: list(promise_routes(harris, default)) for default in ("enabler", "barrier")}


def test_the_walk_reaches_every_way_the_promise_is_broken(promise_walks):
    """On both the model answer and the barrier path elsewhere, the routes include the three ways the promise breaks (an unasked chair, a report found at home, Ms Bell telling her) and both chances to own it."""
    for default, walks in promise_walks.items():
        seen = {node for _, shown, _ in walks for node, _, _ in shown}
        assert {"report-before-conference.after-page-nine", "icpc.chloe-found-out", "icpc.chloe-promise-broken"} <= seen, default
        taken = {c for route, _, _ in walks for c in route}
        assert {"e3-chloe-ms-bell", "e4-chloe-promise-own-it", "e4-chloe-promise-after-easter", "e6-promise-own-it"} <= taken, (
            default
        )
        assert len(walks) >= 40, (default, len(walks))


def test_a_broken_promise_is_always_followed_by_a_chance_to_own_it(promise_walks):
    """On every route where the case says a promise to Chloe was broken, the worker is offered the chance to own it to her that day, and if that is let go, again the next time she is seen, before the houses begin; once owned, she is not shown still waiting for it."""
    checked = 0
    for default, walks in promise_walks.items():
        for route, shown, flags in walks:
            nodes = [node for node, _, _ in shown]
            if not flags.get("chloe-promise-broken"):
                assert "three-houses.not-first" not in nodes, (default, route)
                continue
            checked += 1
            offered = {c for _, _, options in shown for c in options}
            assert "e4-chloe-promise-own-it" in offered, (default, route)
            if "e4-chloe-promise-own-it" in route:
                assert "three-houses.owned" in nodes and "three-houses.not-first" not in nodes, (default, route)
            else:
                assert "e6-promise-own-it" in offered, (default, route)
    assert checked >= 10


def test_the_broken_promise_flag_matches_what_the_case_says(promise_walks):
    """The flag that brings the repair is set wherever the case has told the trainee a promise to Chloe went unkept: a chair still unasked by the end of Monday, or a report she found at home."""
    for walks in promise_walks.values():
        for route, shown, flags in walks:
            said = " ".join(text for _, text, _ in shown)
            unasked = "You haven't asked yet." in said and "as you said you would" not in said.split("You haven't asked yet.")[-1]
            if unasked or "You had told Chloe she would hear it from you first." in said:
                assert flags.get("chloe-promise-broken"), route


def test_the_repair_is_in_words_an_eleven_year_old_uses_and_blames_nobody_but_the_worker(promise_walks):
    """What the worker says to Chloe when owning it is quoted speech in short sentences without the meeting room's words, says the fault was the worker's, says "sorry", and never puts it on her mum."""
    spoken = set()
    for walks in promise_walks.values():
        for _, shown, _ in walks:
            for node, text, _ in shown:
                if node in {"icpc.chloe-owed-today", "three-houses.owned-late"} and "sorry" in text.lower():
                    spoken.add(text)
    assert len(spoken) >= 4
    for text in spoken:
        words = " ".join(re.findall(r'"([^"]*)"', text))
        assert words, text
        assert not JARGON.search(words), text
        assert re.search(r"my (mistake|fault)", words) and "sorry" in words.lower(), text
        assert re.search(r"not yours", words, re.IGNORECASE), text
        assert not re.search(r"your mum (should|shouldn't|left)|because of your mum", words, re.IGNORECASE), text
        for sentence in re.split(r"[.!?]", words):
            assert len(sentence.split()) <= 22, sentence


def test_the_debrief_counts_owning_it_and_letting_it_go(harris):
    """Owning the broken promise scores for honesty and Chloe's trust and cites the principle; letting it go, on either day, scores against honesty; every option at both chances cites the principle, so the debrief names it whichever is taken."""
    for node in ("icpc.chloe-promise-broken", "three-houses.not-first"):
        choices = {c.id: c for c in harris.nodes[node].choices}
        for choice in choices.values():
            assert "own-a-broken-promise-to-a-child" in choice.principles, choice.id
        own = next(c for c in choices.values() if c.id in OWN_IT)
        assert own.path == "enabler" and dict(own.effects)["honesty"] >= 2 and dict(own.trust)["chloe"] > 0
        barrier = next(c for c in choices.values() if c.path == "barrier")
        assert dict(barrier.effects)["honesty"] < 0


# --- Harris, months 6-11 on a fresh reading: what John hears about the support Fiona has -------------------

PARTNER_SUPPORT = re.compile(r"partner support|women's group|what Fiona tells her", re.IGNORECASE)


@pytest.fixture(scope="module")
def harris_scenes_few(harris):
    return list(scenes(harris, seeds=60))


def test_john_never_hears_that_fionas_support_decides_or_carries_on(harris_scenes_few):
    """While John is in the scene (drawn, or heard), nothing said or written for him names the programme's partner support worker, or what Fiona tells her, as bearing out a decision or as staying in touch with Fiona; the most he hears is that its report is taken in the part of the meeting without him. What Fiona says to her own support is hers, and a man whose control is the concern is not told it is the measure of him."""
    said = sorted(
        {
            f"{node.id}: {text[:90]}"
            for node, _, text, who, _, _ in harris_scenes_few
            if "john" in who and PARTNER_SUPPORT.search(text) and "without John" not in text
        }
    )
    assert said == []
