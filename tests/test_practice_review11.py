"""The eleventh practice educator's reading: what someone in the house told of July, who carries a decision, and a silence read with dignity.

- Harris, July to December: a night in July told by Fiona (on the phone, or let slip to the health
  visitor) or by Chloe (to Ms Bell) reaches John, in a meeting he is in or in minutes he is sent, only
  once Fiona has been asked what he can hear. Where nobody asked her, the October walk-out starts from
  his part of the plan, and in December the chair takes the night in the part without him; the formal
  letter to him asks him in about his part of the plan, not about the night.
- Harris, December: Fiona is thanked for what she told and hears that the decision, and its weight, are
  the conference's; nobody tells a survivor or a child that a decision rests on them.
- Harris, the barrier ending: Fiona's "fine" is read as what a woman says when saying more has stopped
  feeling safe, not as insincerity.
- Harris, October: what Chloe told Ms Bell is passed on where only the worker hears it.
"""

from __future__ import annotations

import re

import pytest
from routes import every_route
from test_harris_practice import HARRIS, enabler_except, in_scene, scenes

from simulator.engine import Session
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

#: who tells the worker about the night in July (the setback episode's nodes), and whether that is John or the police
TELLERS = {
    "held-call": "john",
    "row-john-rings": "john",
    "callout-call": "police",
    "held-fiona": "house",
    "row-fiona-rings": "house",
    "row-school-rings": "house",
    "row-health-rings": "house",
}
#: the episodes from July to the December review
AFTER_JULY = {"setback", "core-group-autumn", "review-2"}
#: words that name the night
THE_NIGHT = re.compile(r"\bJuly\b|Wednesday night|last night", re.IGNORECASE)
#: the worker asking Fiona, before John hears anything, what he can hear and from whom
ASKED_FIONA = re.compile(r"what (John|he) can (safely )?hear|what John hears", re.IGNORECASE)
#: a line that keeps what it says out of John's hearing and out of the minutes he is sent
KEPT_FROM_HIM = re.compile(r"out of the minutes he is sent|minutes he isn't sent|without (him|John)|minuted apart", re.IGNORECASE)
#: the part of the December review whose minutes stay with the professionals and Fiona
PART_KEPT_FROM_HIM = "review-2.e13-family-voice"
#: the policies that reach each way the night is told: the model answer (John or Fiona rings), the model answer
#: with John held at arm's length (Fiona rings), with an agreement Fiona signed (so Chloe tells Ms Bell), and the barrier path
POLICIES = {
    "enabler": lambda: prefer("enabler"),
    "john-at-arms-length": lambda: enabler_except("e4-waiting-pre-meet", "e4-john-outburst-warn", "e8-opening-the-list"),
    "fiona-signed": lambda: enabler_except("e5-safety-plan-fiona-signs"),
    "barrier": lambda: prefer("barrier"),
}


@pytest.fixture(scope="module")
def harris():
    result = load_scenario(HARRIS)
    assert result.ok, [d.render() for d in result.errors]
    return result.scenario


def teller(seen) -> str | None:
    return next(
        (node.split(".", 1)[1] for node in seen if node.startswith("setback.") and node.split(".", 1)[1] in TELLERS), None
    )


def seed_for_each_teller(scenario, pick, seeds=range(40)) -> dict[str, int]:
    """The first seed on which this policy's July is told by each teller (chance decides it at the July desk, before any option that day)."""
    found: dict[str, int] = {}
    for seed in seeds:
        session = Session.start(scenario, seed=seed)
        while not session.finished and teller(session.state.seen) is None:
            session.choose(pick(session.choices)) if session.choices else session.proceed()
        found.setdefault(teller(session.state.seen) or "", seed)
    return found


def after_july(session) -> list[tuple[str, str | None, str, set[str]]]:
    """From July on, each line shown: (node, speaker, text, who is in the scene)."""
    if session.node.id.split(".", 1)[0] not in AFTER_JULY:
        return []
    return [
        (session.node.id, line.speaker, line.text, in_scene(view))
        for line, view in zip(session.lines(), session.views(), strict=True)
    ]


def july_decisions(offered) -> bool:
    return any(c.id.startswith("e11-") for c in offered)


def before_the_ending(node: str) -> bool:
    return not node.startswith("ending.")


@pytest.fixture(scope="module")
def july_routes(harris):
    """Every route through July's three decisions (who is seen and how, what Fiona hears, what is done about John), for each way the night is told, on to the end of the December review: (policy, teller, route, shown, the session there)."""
    walked = []
    for name, make in POLICIES.items():
        for told, seed in seed_for_each_teller(harris, make()).items():
            if told:
                for route, shown, session in every_route(harris, before_the_ending, july_decisions, after_july, make(), seed):
                    walked.append((name, told, route, shown, session))
    return walked


def test_the_july_walk_reaches_every_way_the_night_is_told(july_routes):
    """The routes checked include every teller, John's own account, the police, Fiona, Chloe through Ms Bell and Fiona through the health visitor, and, for someone in the house, both a route where Fiona was asked what John can hear and one where nobody asked."""
    assert set(TELLERS) <= {told for _, told, *_ in july_routes}
    house = [(shown, session) for _, told, _, shown, session in july_routes if TELLERS[told] == "house"]
    asked = [any(node.startswith("setback.") and ASKED_FIONA.search(text) for node, _, text, _ in shown) for shown, _ in house]
    assert any(asked) and not all(asked)
    walked_out = {node for shown, _ in house for node, *_ in shown if node == "core-group-autumn.john-walks-out"}
    assert walked_out and len(july_routes) >= 150


def test_what_someone_in_the_house_told_of_july_reaches_john_only_once_fiona_is_asked(july_routes):
    """Where Fiona or Chloe told of the night and nobody has asked Fiona what John can hear, nothing but John's own words names the night while he is in the scene (drawn, or heard), from the July desk to the end of the December review; and what the chair says of it there is said in the part whose minutes he is not sent, or says itself that it is kept from him."""
    undecided = said = 0
    for name, told, route, shown, _ in july_routes:
        if TELLERS[told] != "house" or any(
            node.startswith("setback.") and ASKED_FIONA.search(text) for node, _, text, _ in shown
        ):
            continue
        undecided += 1
        for node, speaker, text, who in shown:
            if speaker == "john" or not THE_NIGHT.search(text) or node.startswith("setback."):
                continue
            assert "john" not in who, (name, told, route, node, text[:80])
            if node.startswith("review-2.") and speaker == "chair":
                assert node == PART_KEPT_FROM_HIM or KEPT_FROM_HIM.search(text), (name, told, route, node, text[:80])
                said += 1
    assert undecided >= 20 and said >= 5, (undecided, said)


def test_the_part_of_the_review_the_night_is_taken_in_is_kept_from_his_minutes(harris):
    """The part of the December review where the chair takes a night someone in the house told of says, on every route, that its minutes stay with the professionals and Fiona."""
    kept = [
        line
        for line in harris.nodes[PART_KEPT_FROM_HIM].lines
        if "This part of the minutes stays with the professionals and with Fiona" in line.text
    ]
    assert kept and all(line.when is None for line in kept)


def test_the_flag_that_lets_john_hear_of_july_follows_what_the_case_shows(july_routes):
    """The flag the later episodes read is set exactly where John told it himself, the police came, or the case has shown the worker asking Fiona what he can hear."""
    for name, told, route, shown, session in july_routes:
        asked = any(node.startswith("setback.") and ASKED_FIONA.search(text) for node, _, text, _ in shown)
        expected = TELLERS[told] in ("john", "police") or asked
        assert bool(session.state.flags.get("july-john-may-hear")) == expected, (name, told, route)


def test_no_letter_to_john_names_the_night(harris):
    """An option that writes to John never names the night: a letter is read at home, and only someone in the house could have told of it."""
    letters = [c for n in harris.nodes.values() for c in n.choices if re.search(r"write to John|letter to John", c.text)]
    assert letters
    assert [c.id for c in letters if THE_NIGHT.search(c.text)] == []


def texts(scenario) -> list[str]:
    out = []
    for node in scenario.nodes.values():
        out += [node.narration or ""] + [line.text for line in node.lines]
        out += [c.feedback or "" for c in node.choices] + [c.safety or "" for c in node.choices]
        if node.ending is not None:
            out.append(node.ending.text)
    return out


def test_nobody_tells_fiona_or_chloe_a_decision_rests_on_them(harris):
    """What Fiona and Chloe told is thanked and weighed; the decision, and its weight, are the conference's. No text says a decision rests on what either of them said, and the step-down says whose the decision is."""
    assert [t[:80] for t in texts(harris) if re.search(r"decision rests on|rests on what (she|Fiona|Chloe)", t)] == []
    stepped = harris.nodes["review-2.decision-stepped-down"]
    after = [line.text for line in stepped.lines if line.text.startswith("Afterwards, out of John's hearing")]
    assert len(after) == 2
    for text in after:
        assert "thanks Fiona" in text and "the decision is the conference's" in text and "none of its weight is Fiona's" in text


def test_fionas_silence_is_read_as_a_safety_signal_not_insincerity(harris):
    """The barrier ending says Fiona says "fine" because saying more stopped feeling safe; nothing in the case says she meant none of it, or was lying."""
    assert [t[:80] for t in texts(harris) if re.search(r"mean(s|t)? none of it|she was lying|isn't telling the truth", t)] == []
    ending = harris.nodes["ending.ending-plan-continues"].ending
    assert ending is not None and "stopped feeling safe" in ending.text


def test_what_is_said_out_of_someones_hearing_is_staged_without_them(harris):
    """A line that says it is told out of everyone's hearing, or out of John's, is shown with John nowhere in the scene, and with nobody else but the one telling and the one told."""
    checked = 0
    for node, _, text, who, _, _ in scenes(harris, seeds=40):
        if re.search(r"out of (everyone's|John's) hearing", text):
            assert "john" not in who, (node.id, text[:80])
            assert len(who) <= 2, (node.id, sorted(who), text[:80])
            checked += 1
    assert checked >= 10
