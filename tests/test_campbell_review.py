"""The Campbell case after its practice educator's review: endings agree with the state they come from, and the model answer is safe, lawful and candid."""

from __future__ import annotations

import pytest
from routes import play, play_ids, project_art
from test_campbell_scenario import CAMPBELL

from simulator.scenario import load_scenario

FOUND = ("has", "retry", "late")  # capacity to decide where he lives was shown, at some point
LARCHFIELD = {"last-week.end-somebody-elses-chair", "last-week.end-coat-by-the-door", "last-week.end-fourteen-days"}
SEEDS = range(300)


@pytest.fixture(scope="module")
def case():
    result = load_scenario(CAMPBELL, art=project_art())
    assert result.ok
    return result.scenario


@pytest.fixture(scope="module")
def plays(case):
    """Seeded random playthroughs, the canonical paths, and the reviewer's forced routes."""
    sessions = [play(case, "random", seed) for seed in SEEDS]
    sessions += [play(case, "enabler"), play(case, "barrier")]
    sessions += [play_ids(case, picks) for picks in FORCED]
    return sessions


FORCED = [
    {"front-room.car": "family-will-support", "last-week.opening": "best-interests-meeting"},
    {"front-room.car": "family-will-support", "last-week.opening": "best-interests-meeting", "last-week.after-the-round": "arrange-larchfield"},
    {"front-room.good-day": "ask-tasks", "mornings.weighing": "lacks-capacity", "last-week.opening": "ask-pearl-to-decide"},
    {"mornings.weighing": "lacks-capacity", "last-week.opening": "best-interests-meeting", "last-week.after-the-round": "leave-it-open"},
]


def shown(case, session) -> list[str]:
    """The ending's lines that the state shows (conditions hold at the end)."""
    node = case.nodes[session.state.node]
    return [line.text for line in node.lines if line.when is None or line.when(session.state)]


def test_an_ending_at_larchfield_follows_a_move_someone_actually_made(case, plays):
    """Nobody reaches a care home ending unless a move or a short stay was decided on that route, and each barrier ending matches what was known of his capacity."""
    for s in plays:
        node, flags = s.state.node, s.state.flags
        if node in LARCHFIELD:
            assert flags.get("move") == "larchfield" or flags.get("respite") == "his-choice", (node, flags)
        if node == "last-week.end-somebody-elses-chair":
            assert flags.get("capacity-outcome") not in FOUND, flags
        if node == "last-week.end-coat-by-the-door":
            assert flags.get("capacity-outcome") in FOUND, flags
        if node == "last-week.end-fourteen-days":
            assert flags.get("move") != "larchfield" and flags.get("respite") == "his-choice"
        if node == "last-week.end-his-own-front-door":
            assert flags.get("decision") == "his" and flags.get("capacity-outcome") in FOUND


def test_home_for_now_says_whose_decision_it_was_and_names_a_gap(case, plays):
    """"Home, for now" never calls the decision his unless it was, and always shows at least one reason it rests on less than it should."""
    ending = case.nodes["last-week.end-home-for-now"].ending
    assert ending is not None and "own decision" not in ending.outcome and "was his" not in ending.text
    reached = [s for s in plays if s.state.node == "last-week.end-home-for-now"]
    assert len(reached) >= 20
    for s in reached:
        lines = shown(case, s)
        his = [t for t in lines if "written down as his" in t]
        gaps = [t for t in lines if "written down as his" not in t]
        assert bool(his) == (s.state.flags.get("decision") == "his"), (s.state.flags, lines)
        assert gaps, s.state.flags


def test_the_reviewers_routes_now_read_true(case):
    """Her two reproductions: a best interests round on a man found able to decide, and a decision handed to Pearl after a flawed incapacity finding."""
    moved = play_ids(case, FORCED[1])
    assert moved.state.node == "last-week.end-coat-by-the-door"
    assert "respite" not in " ".join(shown(case, moved))
    assert "no deprivation of liberty authorisation" in moved.ending.text
    pearl = play_ids(case, FORCED[2])
    assert pearl.state.node == "last-week.end-home-for-now"
    lines = " ".join(shown(case, pearl))
    assert "Nobody asked Mr Campbell" in lines and "lacks capacity" in lines
    choice = case.choice_by_id
    assert dict(choice["ask-pearl-to-decide"].effects)["rights"] <= dict(choice["best-interests-meeting"].effects)["rights"]


def test_a_best_interests_round_can_be_stopped_honestly(case):
    """After the room has gone round, the enabler option hands the decision back (or to a fair assessment), never on to Larchfield."""
    found = play_ids(case, {"front-room.car": "family-will-support", "last-week.opening": "best-interests-meeting"})
    unfounded = play_ids(case, {"mornings.weighing": "lacks-capacity", "last-week.opening": "best-interests-meeting"})
    assert "back-to-him" in found.state.chosen and found.state.flags["decision"] == "his"
    assert "stop-and-reassess" in unfounded.state.chosen and unfounded.state.flags["capacity-outcome"] == "late"
    assert all(s.state.node not in LARCHFIELD - {"last-week.end-fourteen-days"} for s in (found, unfounded))


def test_a_full_carers_assessment_protects_pearl_whatever_it_did_to_her_trust(case):
    """Candour at the door (warn-pearl) after a full carer's assessment never makes her faint; reassurance that leaves him locked in is no more protective."""
    warned = {"mornings.the-door": "warn-pearl"}
    assert not any("last-week.bad-night" in play_ids(case, warned, seed=seed).state.seen for seed in range(40))
    late = {"mornings.the-door": "warn-pearl", "mornings.ring-marcia": "move-the-meeting"}
    soothed = {"mornings.the-door": "reassure-pearl", "mornings.ring-marcia": "move-the-meeting"}
    faints = [sum("last-week.bad-night" in play_ids(case, picks, seed=seed).state.seen for seed in range(60)) for picks in (late, soothed)]
    assert faints[0] == faints[1] and 0 < faints[0] < 60, faints


def test_the_model_answer_at_the_door_is_open_safe_tonight_and_asks_him(case):
    """The enabler response to the locked door says it will be recorded and discussed, makes tonight safe from fire, and brings Mr Campbell in; the barrier is faulted for its order and labels, not for honesty."""
    choices = case.choice_by_id
    text = choices["hear-and-plan"].text
    for needed in ("record", "manager", "tonight", "fire", "both"):
        assert needed in text, needed
    assert "tonight" in choices["offer-late"].text and "manager" in choices["offer-late"].text
    assert "open that you will record it is right" in choices["warn-pearl"].feedback
    assert "Mr Campbell" in choices["hear-and-plan"].feedback


def test_pearls_plan_is_agreed_with_her_alone_and_the_cover_with_him(case):
    """On the model path Pearl's own plan is made in the kitchen with only her there, then the sitter and cover are put to him before anything is booked."""
    session = play(case, "enabler")
    step = next(st for st in session.state.steps if st.choice == "pearls-own-plan")
    node = case.nodes[step.node]
    assert node.present == ("pearl",) and node.location == "campbell-kitchen"
    assert "last-week.his-say" in session.state.seen
    assert "agree" in case.choice_by_id["pearls-own-plan"].text and "charge is his" in case.choice_by_id["pearls-own-plan"].text


def test_the_options_he_weighs_are_real_costed_and_checked_with_pearl(case):
    """The enabler sheet asks Pearl first, sets out a defined package for home and the cost of each choice, and keeps the council's form for recording."""
    text = case.choice_by_id["prepare-options"].text
    for needed in ("Ring Pearl first", "cost", "set package", "form to record"):
        assert needed in text, needed


def test_money_is_raised_on_every_route_that_plans_for_home(case, plays):
    """Whoever is planning for him at home reaches the conversation about his budget, charges and a direct payment."""
    for s in plays:
        if s.state.flags.get("plan") is not None:
            assert "last-week.the-money" in s.state.seen, s.state.node
    assert "money-with-him" in play(case, "enabler").state.chosen


def test_planning_ahead_is_offered_only_when_the_decision_is_his(case, plays):
    """The LPA and written-wishes conversation comes only on routes where he was treated as able to decide, and the model path takes it."""
    for s in plays:
        if "last-week.plan-ahead" in s.state.seen:
            assert s.state.flags.get("decision") == "his"
    assert "offer-planning-ahead" in play(case, "enabler").state.chosen
    assert "asked-lpa" in play(case, "enabler").state.flags


def test_a_bad_night_is_met_first_with_pearl_and_his_999_call(case):
    """When Pearl fainted, the first decision is about her and what he did, and the fortnight option covers tonight before anything else."""
    crisis = next(
        s for seed in range(40) if "last-week.bad-night" in (s := play_ids(case, {"front-room.kitchen": "fold-into-his"}, seed=seed)).state.seen
    )
    assert "check-on-pearl" in crisis.state.chosen
    assert "ask-him-fortnight" in crisis.state.chosen and "tonight" in case.choice_by_id["ask-him-fortnight"].text


def test_scores_measure_what_each_choice_is(case):
    """Restraint is scored on rights, honesty with Marcia is not, and the carer dimension is named for the family it also covers."""
    effects = {c.id: dict(c.effects) for node in case.nodes.values() for c in node.choices}
    assert effects["bed-rails"]["rights"] <= -2 and abs(effects["bed-rails"]["rights"]) >= abs(effects["bed-rails"].get("person-centred", 0))
    assert "rights" not in effects["honest-with-marcia"]
    assert next(d.label for d in case.rubric if d.id == "carer") == "Carer and family"
    marcia_end = play(case, "enabler").state.trust["marcia"]
    assert marcia_end >= case.characters["marcia"].trust + 15


def test_the_law_in_the_evidence_layer_is_stated_and_labelled_honestly(case):
    """Who decides for someone who lacks capacity is stated as the Act has it; a judgment is case law; reg 3 is not labelled as read in the text."""
    ev = case.evidence
    family = ev.principles["family-views-not-family-decisions"].summary
    assert "Only a court-appointed deputy" not in family
    assert all(s in family for s in ("section 4(7)", "section 5", "section 11(7)", "Court of Protection", "lasting power of attorney"))
    functional = ev.principles["test-the-decision-not-the-person"].summary
    assert "section 2(1)" in functional and "JB" in functional and "two-stage" in functional
    assert ev.sources["uksc-2021-jb"].kind == "case-law"
    assert ev.sources["care-eligibility-regs-2015-carers"].evidence != "verified"
    assert "care-eligibility-regs-2015-carers" in ev.principles["carers-needs-count-in-their-own-right"].sources
    reablement = ev.principles["plan-before-free-help-ends"].summary
    assert "does not end the service" in reablement
