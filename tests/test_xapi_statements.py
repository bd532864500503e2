"""xAPI statements built from playthroughs: shape, ids, scores against the proven bounds, privacy."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.analysis.bounds import score_bounds
from simulator.analysis.paths import canonical_path, trace_actions
from simulator.engine.autoplay import policy
from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.scenario import load_scenario
from simulator.xapi import vocab
from simulator.xapi.documents import document_statements, facts_of
from simulator.xapi.identity import Options, Trainee
from simulator.xapi.statements import Builder, Facts, with_ids

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for p in (PROJECT / "scenarios").iterdir() if (p / "scenario.yaml").exists())
TRAINEE_NAME = "Zebedee Quillfeather"


@pytest.fixture(scope="module", params=[p.name for p in SHIPPED])
def shipped(request):
    result = load_scenario(PROJECT / "scenarios" / request.param)
    assert result.ok
    return result.scenario


def play(scenario, chooser: str, seed: int = 0, name: str | None = None, *, steps: int | None = None, mode: str = "coach") -> dict:
    """A record of play by a policy, to its end or for ``steps`` actions."""
    session = Session.start(scenario, seed, name)
    pick = policy(chooser, seed)
    taken = 0
    while not session.finished and (steps is None or taken < steps):
        if session.choices:
            session.choose(pick(session.choices))
        elif session.can_proceed:
            session.proceed()
        else:
            break
        taken += 1
    return build_record(session, {"mode": mode})


def by_verb(statements: list[dict], verb: str) -> list[dict]:
    return [s for s in statements if s["verb"]["id"] == vocab.VERBS[verb]]


def test_a_finished_playthrough_is_initialized_answered_progressed_completed_terminated(shipped):
    """One statement per decision, one per episode, in order between initialized and terminated, all in one registration."""
    record = play(shipped, "enabler")
    statements = document_statements(shipped, record, Options())
    trace = trace_actions(shipped, record["seed"], [s["choice"] for s in record["steps"]])
    assert statements[0]["verb"]["id"] == vocab.VERBS["initialized"]
    assert statements[-1]["verb"]["id"] == vocab.VERBS["terminated"]
    assert statements[-2]["verb"]["id"] == vocab.VERBS["completed"]
    assert [s["result"]["response"] for s in by_verb(statements, "answered")] == [d.choice.id for d in trace.decisions]
    assert [s["object"]["id"].rsplit("/", 1)[1] for s in by_verb(statements, "progressed")] == [e.episode for e in trace.episodes]
    assert len({s["context"]["registration"] for s in statements}) == 1
    assert len({s["id"] for s in statements}) == len(statements)
    for s in statements:
        assert uuid.UUID(s["id"]).version == 5
        parents = s["context"].get("contextActivities", {}).get("parent", [])
        if s["object"]["id"] != vocab.scenario_iri(shipped.id):
            assert parents == [{"id": vocab.scenario_iri(shipped.id)}]


def test_building_twice_gives_the_same_statements_and_ids(shipped):
    """Statements are a pure function of the record: ids are derived, never random."""
    record = play(shipped, "random", seed=5)
    assert document_statements(shipped, record, Options()) == document_statements(shipped, json.loads(json.dumps(record)), Options())


def test_two_playthroughs_never_share_a_registration_or_an_id(shipped):
    """Different seeds or different choices: different registrations, no id in common."""
    a = document_statements(shipped, play(shipped, "random", seed=1), Options())
    b = document_statements(shipped, play(shipped, "random", seed=2), Options())
    c = document_statements(shipped, play(shipped, "barrier", seed=1), Options())
    assert len({a[0]["context"]["registration"], b[0]["context"]["registration"], c[0]["context"]["registration"]}) == 3
    assert not {s["id"] for s in a} & {s["id"] for s in b}


def test_answered_scores_are_the_choice_against_its_options(shipped):
    """raw is the option's total effect; min and max the lowest and highest any option at that node scores; per dimension too."""
    statements = document_statements(shipped, play(shipped, "random", seed=11), Options())
    for s in by_verb(statements, "answered"):
        node = shipped.nodes[s["object"]["id"].split("/decisions/")[1]]
        chosen = shipped.choice_by_id[s["result"]["response"]]
        assert chosen in node.choices
        assert s["object"]["definition"]["interactionType"] == "choice"
        assert [c["id"] for c in s["object"]["definition"]["choices"]] == [c.id for c in node.choices]
        totals = [sum(v for _, v in c.effects) for c in node.choices]
        dims = s["result"]["extensions"].get(vocab.EXT_DIMENSIONS)
        if "score" in s["result"]:
            score = s["result"]["score"]
            assert (score["raw"], score["min"], score["max"]) == (sum(v for _, v in chosen.effects), min(totals), max(totals))
            assert 0 <= score["scaled"] <= 1
            for d in shipped.dimensions:
                values = [c.effect(d) for c in node.choices]
                assert dims[d] == {"raw": chosen.effect(d), "min": min(values), "max": max(values)}
        else:
            assert not any(c.effects for c in node.choices)
        assert s["result"]["extensions"][vocab.EXT_PATH] == chosen.path


def test_completed_scores_are_the_final_scores_against_the_case_bounds(shipped):
    """The completed statement's raw, min and max are the final total and the sums of the analysis's proven bounds."""
    record = play(shipped, "barrier")
    bounds = score_bounds(shipped)
    (completed,) = by_verb(document_statements(shipped, record, Options()), "completed")
    score = completed["result"]["score"]
    assert score["raw"] == sum(record["scores"].values())
    assert (score["min"], score["max"]) == (sum(r.low for _, r in bounds.total), sum(r.high for _, r in bounds.total))
    assert completed["result"]["extensions"][vocab.EXT_ENDING]["id"] == record["ending"]
    for d, r in bounds.total:
        assert completed["result"]["extensions"][vocab.EXT_DIMENSIONS][d] == {"raw": record["scores"][d], "min": r.low, "max": r.high}


def test_case_clock_and_trust_changes_travel_in_extensions(shipped):
    """Each answer carries the case day (and its date) when it was made and the trust it moved."""
    record = play(shipped, "enabler")
    trace = trace_actions(shipped, record["seed"], [s["choice"] for s in record["steps"]])
    answered = by_verb(document_statements(shipped, record, Options()), "answered")
    for s, step in zip(answered, trace.decisions, strict=True):
        ext = s["context"]["extensions"]
        before = trace.steps[step.index - 1].day if step.index else trace.episodes[0].day
        assert ext[vocab.EXT_CASE_DAY] == before
        assert ext[vocab.EXT_CASE_DATE] == shipped.calendar.date_of(before).isoformat()
        assert ext[vocab.EXT_STEP] == step.index
        assert s["result"]["extensions"].get(vocab.EXT_TRUST_CHANGE, {}) == {c: v for c, v in step.trust_change if v}


def test_private_by_default_names_and_reflections_only_when_chosen(shipped):
    """The trainee's name and reflections are absent unless chosen; the actor is a pseudonymous account either way."""
    record = play(shipped, "enabler", name=TRAINEE_NAME)
    record["reflections"] = {"feelings": "I felt out of my depth at the door.", "description": "I visited."}
    private = json.dumps(document_statements(shipped, record, Options()))
    assert TRAINEE_NAME not in private and "out of my depth" not in private
    shared = document_statements(shipped, record, Options(send_name=True, send_reflections=True))
    assert all(s["actor"]["name"] == TRAINEE_NAME for s in shared)
    assert {s["actor"]["account"]["name"] for s in shared} == {json.loads(private)[0]["actor"]["account"]["name"]}
    notes = [s for s in by_verb(shared, "answered") if s["object"]["definition"]["interactionType"] == "long-fill-in"]
    assert {s["result"]["response"] for s in notes} == set(record["reflections"].values())


def test_an_unfinished_playthrough_stops_at_what_happened():
    """No completed or terminated before the end; an abandoned one ends in abandoned."""
    scenario = load_scenario(SHIPPED[0]).scenario
    record = play(scenario, "enabler")
    record["steps"] = record["steps"][:12]
    record["finished"] = False
    statements = document_statements(scenario, record, Options())
    assert not by_verb(statements, "completed") and not by_verb(statements, "terminated")
    trace = trace_actions(scenario, record["seed"], [s["choice"] for s in record["steps"]])
    assert len(by_verb(statements, "progressed")) == len(trace.episodes) - 1
    _, facts = facts_of(record, Options())
    gone = Facts(facts.registration, facts.trainee, abandoned_at="2026-03-02T10:00:00+00:00")
    planned = Builder(scenario).plan(trace, gone)
    assert planned[-1].statement["verb"]["id"] == vocab.VERBS["abandoned"]
    assert planned[-1].statement["timestamp"] == "2026-03-02T10:00:00.000Z"


def test_scenario_text_is_filled_with_the_cast_never_the_trainee(shipped):
    """Choice descriptions and prompts never show a {placeholder} nor the trainee's own name."""
    statements = document_statements(shipped, play(shipped, "random", seed=3, name=TRAINEE_NAME), Options())
    text = json.dumps([s["object"] for s in statements])
    assert TRAINEE_NAME not in text
    assert not re.search(r"\{[a-z][a-z0-9-]*\}", text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_every_score_of_random_play_lies_in_its_proven_bounds(seed):
    """For any seed, each answered, progressed and completed score lies within its min and max (building raises otherwise)."""
    scenario = load_scenario(SHIPPED[0]).scenario
    statements = document_statements(scenario, play(scenario, "random", seed=seed), Options())
    for s in statements:
        score = s.get("result", {}).get("score")
        if score:
            assert score["min"] <= score["raw"] <= score["max"]


def test_watching_an_episode_is_experienced():
    """experienced names the episode and the version watched, with the scenario as parent."""
    scenario = load_scenario(SHIPPED[0]).scenario
    episode = scenario.episodes[0].id
    facts = Facts("0b6b9bde-0e8e-5d55-8d64-5d5b2d0a5c0e", Trainee("someone"))
    planned = Builder(scenario).watched(facts, episode, "barrier", when="2026-03-02T10:00:00+00:00")
    (s,) = with_ids(facts.registration, [planned])
    assert s["verb"]["id"] == vocab.VERBS["experienced"]
    assert s["object"]["id"] == vocab.watch_iri(scenario.id, episode, "barrier")
    assert s["context"]["extensions"][vocab.EXT_VERSION_WATCHED] == "barrier"


def test_every_extension_and_iri_is_documented():
    """docs/xapi.md names every verb, activity type and extension IRI the statements use."""
    doc = (PROJECT / "docs" / "xapi.md").read_text()
    used = set(vocab.EXTENSIONS) | set(vocab.VERBS.values()) | {vocab.SIMULATION, vocab.MODULE, vocab.INTERACTION, vocab.MEDIA, vocab.PROGRESS}
    missing = sorted(iri for iri in used if iri not in doc)
    assert missing == []
    scenario = load_scenario(SHIPPED[0]).scenario
    statements = document_statements(scenario, play(scenario, "enabler"), Options(send_reflections=True))
    found = set()
    for s in statements:
        for part in (s.get("result", {}), s["context"], s["object"].get("definition", {})):
            found |= set(part.get("extensions", {}))
    assert found <= set(vocab.EXTENSIONS) | {vocab.PROGRESS}


def test_canonical_paths_score_at_the_ends_of_each_decision():
    """The enabler path's answers sit higher in their ranges than the barrier path's, on every shipped scenario."""
    for folder in SHIPPED:
        scenario = load_scenario(folder).scenario
        scaled = {}
        for path in ("enabler", "barrier"):
            trace = canonical_path(scenario, path)
            record = play(scenario, path)
            assert [s["choice"] for s in record["steps"] if s["choice"]] == [d.choice.id for d in trace.decisions]
            answered = by_verb(document_statements(scenario, record, Options()), "answered")
            scores = [s["result"]["score"]["scaled"] for s in answered if "score" in s["result"]]
            scaled[path] = sum(scores) / len(scores)
        assert scaled["enabler"] > scaled["barrier"]


def small_visit_statements(tmp_path) -> list[dict]:
    """The worked example's enabler path saved as the window saves it (fixed times and secret), and its outbox statements."""
    from datetime import UTC, datetime, timedelta

    from simulator.records import outbox
    from simulator.records.store import Store
    from simulator.xapi.queue import sync

    scenario = load_scenario(PROJECT / "docs" / "examples" / "small-visit").scenario
    store, _ = Store.open(tmp_path / "records.sqlite3")
    store._conn.execute("UPDATE outbox_status SET secret = 'the-worked-example'")
    t0 = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)

    def at(seconds: int) -> str:
        return (t0 + timedelta(seconds=seconds)).isoformat(timespec="seconds")

    pid = store.begin(scenario.id, scenario.title, 20261206, "coach", None, at(0))
    session = Session.start(scenario, 20261206)
    pick = policy("enabler")
    index = 0
    while not session.finished:
        step = session.choose(pick(session.choices)) if session.choices else session.proceed()
        store.add_step(pid, index, step.choice, step.to_dict(), at=at(20 + 25 * index))
        index += 1
    store.finish(pid, build_record(session, {"mode": "coach"}), at(20 + 25 * index))
    sync(store, lambda _: scenario, Options(), at(999))
    statements = [r.statement for r in outbox.rows(store)]
    store.close()
    return statements


def test_the_documented_example_is_what_doorstep_sends(tmp_path):
    """docs/examples/xapi-small-visit.json is exactly what the outbox holds for the worked example's enabler path."""
    shown = json.loads((PROJECT / "docs" / "examples" / "xapi-small-visit.json").read_text())
    assert shown == small_visit_statements(tmp_path)
