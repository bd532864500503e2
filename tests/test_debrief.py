"""The debrief built from a record: scores against bounds, moments, clock, reflections, evidence, JSON."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT
from tiny import build

from simulator.analysis.bounds import Range
from simulator.analysis.paths import canonical_path
from simulator.engine.session import Session
from simulator.records.record import RecordError, build_record
from simulator.report.debrief import Debrief, as_record, build_debrief
from simulator.report.reflection import STAGE_IDS
from simulator.scenario import load_scenario

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def played(scenario, picks: list[str], **extra) -> dict:
    """The record of a playthrough taking ``picks`` in order (continuing through narration)."""
    session = Session.start(scenario, 0)
    for pick in picks:
        while not session.choices and session.can_proceed:
            session.proceed()
        session.choose(pick)
    while session.can_proceed:
        session.proceed()
    return build_record(session, extra or None)


def test_scores_sit_against_the_achievable_range_and_both_paths(mini):
    """Each dimension shows your score, the range from the bounds, and where each canonical path finished."""
    d = build_debrief(mini, played(mini, ["emails", "chat"]))
    tone, timeliness = d.scores
    assert (tone.id, tone.score, tone.achievable, tone.enabler, tone.barrier) == ("tone", -1, Range(-1, 1), 1, -1)
    assert (timeliness.score, timeliness.achievable) == (-3, Range(-3, 1))
    (ann,) = d.trust
    assert (ann.start, ann.end, ann.enabler, ann.barrier) == (40, 35, 55, 35)
    assert d.ending is not None and d.ending.kind == "barrier" and d.finished and d.decisions == 2


def test_moments_are_ranked_by_total_effect_with_ties_in_playing_order():
    """What helped is ordered by the choice's total effect, largest first; equal totals keep their order."""
    cite = "feedback: f, principles: [be-on-time], tags: [pcf-1]"
    sc = build(
        {
            "a": f"""
            format: 1
            episode:
              id: a
              title: "Three"
              day: 1
              time: "09:00"
              location: office
              nodes:
                one:
                  narration: "1"
                  choices: [{{id: c1, text: "One", path: enabler, effects: {{tone: 1}}, {cite}, next: two}}]
                two:
                  narration: "2"
                  choices: [{{id: c2, text: "Two", path: enabler, effects: {{tone: 1, timeliness: 1}}, {cite}, next: three}}]
                three:
                  narration: "3"
                  choices:
                    - {{id: c3, text: "Three", path: enabler, effects: {{timeliness: 1}}, {cite}, next: four}}
                four:
                  narration: "4"
                  choices: [{{id: c4, text: "Four", path: barrier, effects: {{tone: -1}}, {cite}, next: end}}]
                end:
                  ending: {{kind: mixed, title: "End", text: "x"}}
            """
        }
    )
    d = build_debrief(sc, played(sc, ["c1", "c2", "c3", "c4"]))
    assert [m.choice.id for m in d.helped] == ["c2", "c1", "c3"]
    assert [m.total for m in d.helped] == [2, 1, 1]
    assert [m.choice.id for m in d.hurt] == ["c4"]


def test_a_moment_carries_feedback_principle_and_sources(mini):
    """Each moment says why, names its principle with summary, and cites the sources it rests on."""
    d = build_debrief(mini, played(mini, ["emails", "chat"]))
    worst = d.hurt[0]
    assert worst.choice.id == "emails" and worst.feedback == "Ann waits." and dict(worst.effects) == {"timeliness": -1}
    (principle,) = worst.principles
    assert principle.id == "be-on-time" and principle.summary.startswith("Arrive when you said")
    assert [s.citation for s in principle.sources] == ["Doorstep tests (2026), A test source"]
    assert [s.id for s in d.references] == ["test-source"]


def test_the_clock_events_are_listed(mini):
    """Arriving late without phoning appears as a clock event with what it cost."""
    d = build_debrief(mini, played(mini, ["emails", "chat"]))
    (late,) = d.clock
    assert late.kind == "late" and "20 minutes late" in late.text
    assert dict(late.effects) == {"timeliness": -2} and dict(late.trust) == {"ann": -5}
    assert late.episode == "visit" and late.date == "2026-03-03"
    assert build_debrief(mini, played(mini, ["go-now", "explain"])).clock == ()


def test_reflection_prompts_follow_gibbs_and_carry_saved_text(mini):
    """Six Gibbs prompts in order, each with a hint; saved text appears beside its prompt, junk is ignored."""
    record = played(mini, ["go-now", "explain"], reflections={"feelings": "Nervous at first.", "bogus": "x", "analysis": 5})
    d = build_debrief(mini, record)
    assert tuple(r.stage for r in d.reflections) == STAGE_IDS
    assert STAGE_IDS == ("description", "feelings", "evaluation", "analysis", "conclusion", "action-plan")
    assert all(r.prompt and r.hint and r.title for r in d.reflections)
    assert {r.stage: r.text for r in d.reflections if r.text} == {"feelings": "Nervous at first."}


def test_evidence_is_grouped_by_framework_and_tag(mini):
    """Scored choices are filed under their tags (or their principles' tags), as evidence or as learning."""
    d = build_debrief(mini, played(mini, ["go-now", "chat"]))
    pcf = next(fw for fw in d.evidence if fw.id == "pcf")
    tags = {t.tag: t for t in pcf.tags}
    assert [i.choice.id for i in tags["pcf-1"].helped] == ["go-now"] and tags["pcf-1"].learning == ()
    # `chat` has no tags of its own: it is filed under its principle's (explain-role: pcf-7).
    assert [i.choice.id for i in tags["pcf-7"].learning] == ["chat"]


def test_the_kss_end_date_comes_from_the_frameworks_file():
    """With the real evidence base, the KSS group notes the date the statements are used until."""
    sc = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert sc is not None
    d = build_debrief(sc, build_record(Session.replay(sc, 0, canonical_path(sc, "enabler").actions())))
    kss = next(fw for fw in d.evidence if fw.id == "kss")
    valid_until = sc.evidence.frameworks["kss"].valid_until
    assert valid_until is not None
    year = valid_until[:4]
    assert "In use until" in kss.note and year in kss.note
    assert [fw.id for fw in d.evidence][:2] == ["pcf", "kss"]


def test_only_the_frameworks_a_scenario_cites_are_listed():
    """A scenario that never cites the children's KSS does not show it in its debrief; those it cites it shows, evidenced or not."""
    sc = load_scenario(EXAMPLE).scenario
    assert sc is not None
    d = build_debrief(sc, played(sc, ["read-referral", "introduce-plainly"]))
    assert "kss" not in {fw.id for fw in d.evidence}
    assert {fw.id for fw in d.evidence} == {"pcf", "swe"}


def test_json_round_trips(mini):
    """The JSON export is versioned and reads back into an equal Debrief."""
    d = build_debrief(mini, played(mini, ["emails", "explain"], reflections={"description": "It went <ok>."}))
    data = json.loads(json.dumps(d.to_dict()))
    assert data["format"] == 1 and data["kind"] == "doorstep-debrief"
    assert data["scores"][0]["achievable"] == {"low": -1, "high": 1}
    assert Debrief.from_dict(data) == d
    with pytest.raises(ValueError, match="not a Doorstep debrief"):
        Debrief.from_dict({"kind": "something-else"})
    with pytest.raises(ValueError, match="format"):
        Debrief.from_dict({**data, "format": 99})


def test_a_store_export_reads_like_a_record(mini):
    """An export from the local store works: its record (or just its actions) and its reflections."""
    record = played(mini, ["go-now", "explain"])
    full = {"kind": "doorstep-export", "format": 1, "record": record, "actions": [], "reflections": {"conclusion": "Plan ahead."}}
    d = build_debrief(mini, full)
    assert d.ending is not None and d.ending.node == "review.good"
    assert {r.stage: r.text for r in d.reflections if r.text} == {"conclusion": "Plan ahead."}
    bare = {
        "kind": "doorstep-export",
        "playthrough": {"scenario_id": "mini", "seed": 0, "player_name": "Jo", "mode": "coach"},
        "record": None,
        "actions": ["go-now"],
        "reflections": {},
    }
    partial = build_debrief(mini, bare)
    assert not partial.finished and partial.decisions == 1 and partial.player == "Jo"
    with pytest.raises(RecordError):
        as_record({"kind": "doorstep-export", "record": None})


def test_a_record_that_does_not_fit_is_refused(mini):
    """A record for another scenario, or one keeping only actions the scenario does not offer, raises RecordError.

    (One that stored its steps is rebuilt from them and marked as changed: test_changed_case.py.)
    """
    with pytest.raises(RecordError, match="not `mini`"):
        build_debrief(mini, {**played(mini, ["go-now"]), "scenario": "other"})
    bad = played(mini, ["go-now", "explain"])
    bad["steps"][1]["choice"] = "no-such-choice"
    assert build_debrief(mini, bad).changed
    bare = {**bad, "steps": [{"choice": s["choice"], "node": s["node"]} for s in bad["steps"]]}
    with pytest.raises(RecordError, match="step 2"):
        build_debrief(mini, bare)


SAFETY_CASE = {
    "a": """
    format: 1
    episode:
      id: a
      title: "The visit"
      day: 1
      time: "09:00"
      location: office
      nodes:
        one:
          narration: "1"
          choices:
            - id: blurt
              text: "Tell {ann} about the adviser in the hall"
              path: barrier
              safety: "{ann}'s adviser was named where the others could hear."
              feedback: "It was said where it could be overheard."
              principles: [be-on-time]
              next: two
            - {id: quiet, text: "Wait", path: enabler, effects: {tone: 1}, feedback: f, principles: [be-on-time], next: two}
        two:
          narration: "2"
          choices:
            - id: late-and-unsafe
              text: "Leave the door open"
              path: barrier
              effects: {timeliness: -1}
              safety: "The door was left open."
              feedback: "f"
              principles: [be-on-time]
              next: three
            - {id: shut, text: "Shut it", path: enabler, effects: {timeliness: 1}, feedback: f, principles: [be-on-time], next: three}
        three:
          narration: "3"
          choices: [{id: c3, text: "Three", path: barrier, effects: {tone: -2}, feedback: f, principles: [be-on-time], next: end}]
        end:
          ending: {kind: mixed, title: "End", text: "x"}
    """
}


def test_safety_errors_are_listed_in_their_own_right_whatever_they_scored():
    """Every choice marked `safety` is in the debrief's safety list, in playing order, unscored ones too; names are filled."""
    sc = build(SAFETY_CASE)
    d = build_debrief(sc, played(sc, ["blurt", "late-and-unsafe", "c3"]))
    assert [m.choice.id for m in d.safety] == ["blurt", "late-and-unsafe"]
    assert d.safety[0].safety == "Ann's adviser was named where the others could hear." and d.safety[0].total == 0
    assert [m.choice.id for m in d.hurt] == ["c3", "late-and-unsafe"]  # the unscored one is not a scored moment
    assert build_debrief(sc, played(sc, ["quiet", "shut", "c3"])).safety == ()


def test_the_safety_list_survives_json_and_old_debriefs_still_load():
    """The safety list round-trips through the JSON export, and a debrief written before it existed loads with none."""
    sc = build(SAFETY_CASE)
    d = build_debrief(sc, played(sc, ["blurt", "late-and-unsafe", "c3"]))
    data = json.loads(json.dumps(d.to_dict()))
    assert Debrief.from_dict(data) == d
    del data["safety"]
    assert Debrief.from_dict(data).safety == ()


def test_the_html_debrief_puts_safety_errors_first():
    """The HTML report opens its sections with 'Safety first' when there are safety errors, and has no such section when there are none."""
    from simulator.report.html import render

    sc = build(SAFETY_CASE)
    html = render(build_debrief(sc, played(sc, ["blurt", "late-and-unsafe", "c3"])))
    assert 'id="safety"' in html and html.index('id="safety"') < html.index('id="scores"')
    assert "Ann&#x27;s adviser was named where the others could hear." in html or "Ann's adviser was named" in html
    assert "2 of your choices were safety errors" in html
    assert 'id="safety"' not in render(build_debrief(sc, played(sc, ["quiet", "shut", "c3"])))
