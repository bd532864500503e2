"""The Harris case teaches safe domestic-abuse practice: properties a practice educator would check.

Incidents are John's choices, drawn by chance from a base rate no worker choice lowers, and raised
(never to certainty) only by a worker's safety error; any further abuse counts, not only a police
call-out; the end of the plan rests on what the partner support worker hears about home, not on
attendance; what is confidential is never said with John in the room, nor does Fiona's adviser
speak there; on bail John and Fiona are never in the same room; and eleven months of practice move
trust a long way without pinning it.
"""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT

from simulator.engine import Session
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

HARRIS = PROJECT / "scenarios" / "harris-family"
CONFIDENTIAL = re.compile(r"\b(MARAC|DASH|risk checklist|risk assessment)\b", re.IGNORECASE)
JULY = {
    "held-call": "held",
    "held-fiona": "held",
    "row-john-rings": "row",
    "row-fiona-rings": "row",
    "row-school-rings": "row",
    "row-health-rings": "row",
    "callout-call": "call-out",
}
ADVISER = re.compile(r"\b(Sam|adviser|IDVA|women's group|Tuesday group)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def harris():
    """The shipped Harris case."""
    result = load_scenario(HARRIS)
    assert result.ok, [d.render() for d in result.errors]
    return result.scenario


def enabler_except(*barrier_ids: str):
    """Choose the enabler option everywhere except the named choices, which are taken when offered."""
    enabler = prefer("enabler")

    def pick(choices):
        named = [c for c in choices if c.id in barrier_ids]
        return named[0] if named else enabler(choices)

    return pick


def play(scenario, pick, seed: int = 0, until: str | None = None) -> Session:
    session = Session.start(scenario, seed=seed)
    while not session.finished and session.node.id != until:
        session.choose(pick(session.choices)) if session.choices else session.proceed()
    return session


def july(session: Session) -> str:
    found = {JULY[n.split(".", 1)[1]] for n in session.state.seen if n.startswith("setback.") and n.split(".", 1)[1] in JULY}
    assert len(found) == 1, found
    return found.pop()


def in_scene(view) -> set[str]:
    """Everyone in the scene as a line is shown: drawn, carried in someone's arms, or heard (on the phone, through the door)."""
    return {p.id for p in view.people} | {p.holding for p in view.people if p.holding} | {v.id for v in view.heard}


def scenes(scenario, seeds: int = 200):
    """Every line shown on the three canonical paths and ``seeds`` random playthroughs: (node, the Line or None for narration, text, who is in the scene, the node order so far, which playthrough).

    The stage is the one the window draws (format 2: it carries from node to node and changes on
    the line that says so), so a check over these is a check of what a trainee sees and hears.
    """
    policies = [prefer("enabler"), prefer("barrier"), prefer("other")] + [named_policy("random", seed) for seed in range(seeds)]
    for seed, pick in enumerate(policies):
        session = Session.start(scenario, seed=seed)
        order: list[str] = []
        while not session.finished:
            node = session.node
            order.append(node.id)
            shown = ([None] if node.narration else []) + [line for line in node.lines if line.when is None or line.when(session.state)]
            for line, text, view in zip(shown, session.lines(), session.views(), strict=True):
                yield node, line, text.text, in_scene(view), order, seed
            session.choose(pick(session.choices)) if session.choices else session.proceed()


@pytest.fixture(scope="module")
def harris_scenes(harris):
    """The Harris case's scenes as played (computed once for the checks below)."""
    return [(node, line, text, who, tuple(order), run) for node, line, text, who, order, run in scenes(harris)]


def test_the_scenes_checked_cover_the_case(harris, harris_scenes):
    """The playthroughs the stage checks read reach nearly every scene of the case, so a check over them is not vacuous."""
    reached = {node.id for node, *_ in harris_scenes}
    spoken = {n.id for n in harris.nodes.values() if n.lines or n.narration}
    assert len(reached & spoken) / len(spoken) >= 0.9, sorted(spoken - reached)


def test_confidential_matters_are_never_said_with_john_in_the_room(harris_scenes):
    """No narration or line mentions the MARAC or the risk assessment while John is in the scene (drawn, or heard)."""
    said = sorted({f"{node.id}: {text[:80]}" for node, _, text, who, _, _ in harris_scenes if "john" in who and CONFIDENTIAL.search(text)})
    assert said == []


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_what_happens_in_july_does_not_follow_johns_trust(harris, seed):
    """From the same state, John trusting the worker a little or a lot changes who tells the worker, not what happened."""
    before = play(harris, prefer("enabler"), seed, until="setback.desk")
    outcomes = set()
    for john in (5, 95):
        session = before.copy()
        session.state.trust["john"] = john
        pick = prefer("enabler")
        while session.node.episode == "setback":
            session.choose(pick(session.choices)) if session.choices else session.proceed()
        outcomes.add(july(session))
    assert len(outcomes) == 1, outcomes


def test_no_worker_choice_but_a_safety_error_decides_july(harris):
    """On every seed, the model path and a path of quite different (but not unsafe) choices meet the same July night: practice does not decide it."""
    other = enabler_except("e1-prepare-read-no-call", "e1-enter-room-talk-to-fiona", "e2-introduce-bell-stays", "e5-safety-plan-fiona-signs", "e8-dapp-leaflet", "e9-cover-fine")
    for seed in range(40):
        assert july(play(harris, prefer("enabler"), seed, until="core-group-autumn.summer")) == july(play(harris, other, seed, until="core-group-autumn.summer")), seed


@pytest.mark.parametrize("error", ["e3-page-nine-same-for-both", "e1-alone-idva-as-he-returns"])
def test_a_safety_error_raises_the_july_risk_by_chance_not_to_certainty(harris, error):
    """Over 200 seeds, John learning that Fiona has told makes further abuse in July about twice as likely, but never certain."""
    pick = enabler_except(error, "e3-page-nine-reassure")
    base = [july(play(harris, prefer("enabler"), seed, until="core-group-autumn.summer")) for seed in range(200)]
    exposed = [july(play(harris, pick, seed, until="core-group-autumn.summer")) for seed in range(200)]
    base_rate = sum(j != "held" for j in base) / 200
    exposed_rate = sum(j != "held" for j in exposed) / 200
    assert 0.25 <= base_rate <= 0.45, base_rate
    assert 0.6 <= exposed_rate <= 0.8, exposed_rate
    assert "held" in exposed


def test_any_further_abuse_rules_out_recommending_an_end(harris):
    """A July row with no police is abuse as much as a call-out: the recommendation to end the plan is not offered after either."""
    for seed in range(60):
        session = play(harris, prefer("enabler"), seed)
        if july(session) != "held":
            assert session.state.flags.get("further-incident"), seed
            assert "e13-recommendation-end" not in session.state.chosen, seed


def test_a_hidden_second_incident_never_ends_in_progress_or_a_step_down(harris):
    """Over 200 random seeds, an October incident nobody told of never reaches the 'exit in sight' or stepped-down endings."""
    for seed in range(200):
        session = play(harris, named_policy("random", seed), seed)
        flags = session.state.flags
        if flags.get("second-incident") and not flags.get("second-incident-disclosed"):
            assert session.state.node == "ending.ending-plan-continues", seed


def test_fionas_adviser_never_speaks_or_is_named_aloud_where_john_is(harris_scenes):
    """No line spoken while John is in the scene is Sam's, or names her, the adviser or Fiona's group (unless John was already told, by the worker's error)."""
    said = set()
    for node, line, text, who, _, _ in harris_scenes:
        if line is None or line.speaker is None or "john" not in who:
            continue
        exposed = line.when is not None and "idva-mentioned-in-front-of-john" in str(line.when)
        if line.speaker == "idva" or (ADVISER.search(text) and not exposed):
            said.add(f"{node.id}: {line.speaker}: {text[:70]}")
    assert sorted(said) == []


MINUTED_APART = re.compile(r"minuted apart|recorded apart|this part of the minutes", re.IGNORECASE)
CONFERENCES = ("icpc.", "review-1.", "review-2.")


def test_what_is_said_without_john_at_a_conference_is_kept_out_of_his_minutes(harris_scenes):
    """Before Fiona's adviser speaks at a conference John is not in, that conference has said the part is minuted apart from what he is sent."""
    spoke: set[tuple[int, str]] = set()
    said: set[tuple[int, str]] = set()
    unsaid = set()
    for node, line, text, who, _, run in harris_scenes:
        conference = next((c for c in CONFERENCES if node.id.startswith(c)), None)
        if conference is None:
            continue
        if MINUTED_APART.search(text):
            said.add((run, conference))
        if line is not None and line.speaker == "idva" and "john" not in who:
            spoke.add((run, conference))
            if (run, conference) not in said:
                unsaid.add(f"{node.id}: {text[:60]}")
    assert sorted(unsaid) == []
    assert len(spoke) >= 100


def test_on_bail_john_and_fiona_are_never_in_the_same_room(harris, harris_scenes):
    """Once John is bailed not to contact Fiona (October), no line until the end has both of them in the scene: the chair arranges separate parts."""
    checked = set()
    together = set()
    for node, _, _, who, order, run in harris_scenes:
        if "core-group-autumn.disclosed" not in order or "core-group-autumn.strategy" not in order:
            continue
        checked.add(run)
        if {"john", "fiona"} <= who:
            together.add(node.id)
    assert sorted(together) == []
    assert len(checked) >= 5


def test_the_model_answer_makes_no_safety_error_and_the_barrier_path_several(harris):
    """No choice on the enabler path is marked as a safety error; the barrier path makes several, each naming who was put at risk."""
    enabler = play(harris, prefer("enabler"))
    barrier = play(harris, prefer("barrier"))
    made = lambda s: [harris.choice_by_id[c].safety for c in s.state.chosen if harris.choice_by_id[c].safety]  # noqa: E731
    assert made(enabler) == []
    assert len(made(barrier)) >= 4


def test_attendance_without_change_at_home_does_not_end_the_plan(harris):
    """If the plan never named the phone, the money and her sister, John's full attendance does not earn the step-down."""
    session = play(harris, enabler_except("e4-control-incident-only"))
    assert session.state.flags.get("john-started-programme")
    assert not session.state.flags.get("control-easing")
    assert "e13-recommendation-end" not in session.state.chosen
    assert session.state.node == "ending.ending-progress"


def test_chloe_hears_what_is_passed_on_before_anyone_reads_it(harris):
    """On the model path Chloe is seen before the report goes out, and before the conference reads her words."""
    session = play(harris, prefer("enabler"))
    seen = session.state.seen
    assert "report-before-conference.chloe-before" in seen
    assert "e4-child-voice-as-she-chose" in session.state.chosen


def test_eleven_months_move_trust_a_long_way_without_pinning_it(harris):
    """The canonical paths end far apart, and nobody's trust is total on one or nil on the other."""
    enabler = play(harris, prefer("enabler")).state.trust
    barrier = play(harris, prefer("barrier")).state.trust
    for who in ("fiona", "john", "chloe"):
        assert 0 < barrier[who] < enabler[who] < 100, who
        assert enabler[who] - barrier[who] >= 40, who


@pytest.mark.parametrize(("error", "named"), [("e3-page-nine-same-for-both", "page nine"), ("e1-alone-idva-as-he-returns", "adviser was named")])
def test_an_ending_after_further_abuse_names_the_safety_error_that_raised_the_risk(harris, error, named):
    """When John abused again after a safety error, the ending keeps the choice with him but says the error raised the risk to Fiona."""
    pick = enabler_except(error, "e3-page-nine-reassure")
    checked = 0
    for seed in range(40):
        session = play(harris, pick, seed)
        flags = session.state.flags
        said = " ".join(shown.text for shown in session.lines())
        if flags.get("further-incident") or flags.get("second-incident"):
            checked += 1
            assert named in said and "his choice" in said and "greater risk" in said, seed
        else:
            assert "greater risk" not in said, seed
    assert checked >= 10


def test_the_model_answer_does_not_rest_on_a_child_telling(harris):
    """On the model path a second incident is told by Fiona, through Sam, or reaches the police through a neighbour; it is never left to Chloe."""
    told = []
    for seed in range(200):
        session = play(harris, prefer("enabler"), seed)
        if session.state.flags.get("second-incident-disclosed"):
            told.append(next(n.split(".", 1)[1] for n in session.state.seen if n.split(".", 1)[1] in ("sam-rings", "police-rings", "bell-rings")))
    assert "bell-rings" not in told, told
    assert told.count("sam-rings") >= 10 and "police-rings" in told, told


def test_the_debrief_keeps_what_the_ending_said_on_this_route(harris):
    """A route where page nine reached John and he abused again: the debrief's ending (data and HTML) says the error put Fiona at greater risk; the model answer's says nothing of the kind."""
    from simulator.records.record import build_record
    from simulator.report.debrief import Debrief, build_debrief
    from simulator.report.html import render

    pick = enabler_except("e3-page-nine-same-for-both", "e3-page-nine-reassure")
    seed = next(n for n in range(40) if play(harris, pick, n).state.flags.get("further-incident"))
    debrief = build_debrief(harris, build_record(play(harris, pick, seed)))
    assert debrief.ending is not None and any("page nine" in line and "greater risk" in line for line in debrief.ending.said)
    assert Debrief.from_dict(debrief.to_dict()) == debrief
    assert "greater risk" in render(debrief)
    model = build_debrief(harris, build_record(play(harris, prefer("enabler"))))
    assert model.ending is not None and not any("greater risk" in line for line in model.ending.said)
