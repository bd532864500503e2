"""A care leaver's pathway plan, written from the docs alone, through every command a trainer runs (issue 10's bar).

tests/fixtures/pathway-plan: Kayla Brooks, seventeen, and her personal adviser over six months: a first meeting, a
pathway plan made at a hub she comes back to (written as a loop: each topic offered once), a housing bid that comes
through by chance, a message by text late at night, and the review. Its own rubric, cast, glossary, evidence layer
and art. The hub is played as rounds, but everything a trainer reads (the record, `analyze --json`, the debrief's
JSON, the cohort, the xAPI statements, the graph) names its nodes as written, with the round where it matters:
never a round's own id (`hub~ask-money`).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from simulator.cli import main
from simulator.scenario import Severity, load_scenario

CASE = FIXTURES / "pathway-plan"
HUB = "pathway-meeting.hub"
# The canonical enabler path: every topic in turn at the hub (four rounds of it), then on to the review.
ENABLER = ["say-who-you-are", "write-her-words", "ask-money", "money-straight", "ask-home", None, "ask-college", None, "bus-pass", "stop-for-today"]
ROUND_ID = re.compile(r"[a-z0-9-]+~[a-z0-9+-]+")  # how a loop's later round is named inside the engine
PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9-]*\}")


def _scenario():
    result = load_scenario(CASE)
    assert result.scenario is not None, [d.render() for d in result.diagnostics]
    return result.scenario


def _words(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"<(style|script)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)))


def _copy(tmp_path: Path) -> Path:
    """The case in a folder of its own, to make a trainer's mistake in (its shared evidence named from there)."""
    import shutil

    case = tmp_path / "pathway-plan"
    shutil.copytree(CASE, case)
    scenario = case / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("evidence: [../../../seeds]", f"evidence: [{FIXTURES.parent.parent / 'seeds'}]"))
    return case


def test_the_case_loads_clean_and_each_path_reaches_its_own_ending(capsys: pytest.CaptureFixture[str]):
    """Only notes (people and places still waiting for pictures); the enabler and barrier paths end apart."""
    result = load_scenario(CASE)
    assert result.ok and not [d.render() for d in result.diagnostics if d.severity is not Severity.INFO]
    for auto, ending in (("enabler", "six-month-review.her-plan (enabler)"), ("barrier", "six-month-review.on-paper (barrier)")):
        assert main(["play", str(CASE), "--text", "--auto", auto]) == 0
        out = capsys.readouterr().out
        assert f"Ending: {ending}" in out and "Her voice" in out and "Month 7 of 7" in out
        assert not ROUND_ID.search(out) and not PLACEHOLDER.search(out)


def test_every_command_on_the_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """validate (folder, file, folder of it, --strict, json), info, analyze, graph, schema, play, play --from, report."""
    record, page, debrief, spread = tmp_path / "run.json", tmp_path / "run.html", tmp_path / "debrief.json", tmp_path / "spread.json"
    for argv in (
        ["validate", str(CASE)],
        ["validate", str(CASE / "episodes")],
        ["validate", str(CASE / "episodes" / "pathway-meeting.yaml")],
        ["validate", str(CASE), "--format", "json"],
        ["info", str(CASE)],
        ["info", str(CASE), "--json"],
        ["analyze", str(CASE), "--spread", "40"],
        ["graph", str(CASE), "--format", "dot"],
        ["graph", str(CASE), "--format", "mermaid"],
        ["schema", "--vscode", str(tmp_path)],
        ["play", str(CASE), "--text", "--auto", "enabler", "--from", "pathway-meeting.college-plan", "--set", "trust.kayla=70", "--set", "flag.talked-money=true"],
        ["play", str(CASE), "--text", "--auto", "enabler", "--record", str(record)],
        ["report", str(record), "--scenario", str(CASE), "--html", str(page), "--json", str(debrief)],
    ):
        assert main(argv) == 0, argv
    out = capsys.readouterr().out
    assert "Random play: 40 playthroughs" in out and "Kayla: starts 35" in out
    assert "ok (4 notes" in out and "Add the bus pass to the plan" in out
    assert "Playing from pathway-meeting.college-plan with trust.kayla=70, flag.talked-money=true." in out
    assert not ROUND_ID.search(out), ROUND_ID.findall(out)[:3]  # the graph draws the loop as written, analyze names choices
    assert main(["validate", str(CASE), "--strict"]) == 1  # the notes count as problems
    capsys.readouterr()
    assert main(["analyze", str(CASE), "--spread", "20", "--json"]) == 0
    spread.write_text(capsys.readouterr().out, encoding="utf-8")
    words = _words(page)
    assert "A plan that is hers" in words and "Her voice" in words
    assert not re.search(r"\b(Harris|Fiona|child protection plan)\b", words) and not PLACEHOLDER.search(words)
    for output in (record, debrief, spread, page):
        assert not ROUND_ID.search(output.read_text(encoding="utf-8")), (output.name, ROUND_ID.findall(output.read_text(encoding="utf-8"))[:3])


def test_the_record_names_the_hub_as_written_with_its_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Four rounds of the hub are `pathway-meeting.hub` with rounds 1 to 4; a topic in the loop reached once has round 1."""
    record = tmp_path / "run.json"
    assert main(["play", str(CASE), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    steps = json.loads(record.read_text(encoding="utf-8"))["steps"]
    assert [(s["node"], s.get("round")) for s in steps if s["node"].startswith("pathway-meeting.")] == [
        (HUB, 1),
        ("pathway-meeting.money", 1),
        (HUB, 2),
        ("pathway-meeting.home", 1),
        (HUB, 3),
        ("pathway-meeting.college", 1),
        ("pathway-meeting.college-plan", 1),
        (HUB, 4),
        ("pathway-meeting.close", None),  # after the loop: no round
    ]
    assert all("round" not in s for s in steps if not s["node"].startswith("pathway-meeting."))  # no loop, no round
    # It replays: the report reads it against the case, as it does a record written before, naming a round by its own id.
    older = json.loads(record.read_text(encoding="utf-8"))
    hub_rounds = [s for s in older["steps"] if s["node"] == HUB]
    for s, own in zip(hub_rounds[1:], ("hub~ask-money", "hub~ask-home+ask-money", "hub~ask-college+ask-home+ask-money"), strict=True):
        s["node"] = f"pathway-meeting.{own}"
        del s["round"]
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    for name in ("run", "older"):
        assert main(["report", str(tmp_path / f"{name}.json"), "--scenario", str(CASE), "--json", str(tmp_path / f"{name}-debrief.json")]) == 0
    capsys.readouterr()
    mine, theirs = (json.loads((tmp_path / f"{name}-debrief.json").read_text(encoding="utf-8")) for name in ("run", "older"))
    assert mine["comparison"] == theirs["comparison"]
    at_hub = [(d["node"], d["round"], d["yours"]["id"]) for d in mine["comparison"]["decisions"] if d["node"] == HUB]
    assert at_hub == [(HUB, 1, "ask-money"), (HUB, 2, "ask-home"), (HUB, 3, "ask-college"), (HUB, 4, "stop-for-today")]


def test_a_record_that_strays_is_told_at_the_node_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A record whose hub round no longer fits names the node as written in the one line that says so."""
    record = tmp_path / "run.json"
    assert main(["play", str(CASE), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    data = json.loads(record.read_text(encoding="utf-8"))
    i = next(i for i, s in enumerate(data["steps"]) if s["node"] == HUB and s.get("round") == 2)
    data["steps"][i]["node"] = "pathway-meeting.money"
    from simulator.records.record import RecordError, replay_record

    with pytest.raises(RecordError, match=r"at `pathway-meeting.money` but the scenario is at `pathway-meeting.hub`"):
        replay_record(_scenario(), data)


def test_analyze_json_names_rounds_as_written(capsys: pytest.CaptureFixture[str]):
    assert main(["analyze", str(CASE), "--spread", "0", "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["paths"]["enabler"]["steps"]
    assert [(s["node"], s["round"]) for s in steps if s["node"] == HUB] == [(HUB, 1), (HUB, 2), (HUB, 3), (HUB, 4)]
    assert [s["choice"]["id"] if s["choice"] else None for s in steps][: len(ENABLER)] == ENABLER


def test_the_cohort_tallies_each_round_of_the_hub(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The hub is one decision with a tally per round, not a row for every set of topics already taken."""
    for seed in range(6):
        assert main(["play", str(CASE), "--text", "--auto", "random", "--seed", str(seed), "--record", str(tmp_path / f"r{seed}.json")]) == 0
    assert main(["play", str(CASE), "--text", "--auto", "enabler", "--record", str(tmp_path / "enabler.json")]) == 0
    assert main(["cohort", str(tmp_path), "--scenario", str(CASE), "--json", str(tmp_path / "cohort.json"), "--html", str(tmp_path / "cohort.html")]) == 0
    capsys.readouterr()
    text = (tmp_path / "cohort.json").read_text(encoding="utf-8")
    assert not ROUND_ID.search(text)
    hub = [d for d in json.loads(text)["decisions"] if d["node"] == HUB]
    assert [d["round"] for d in hub] == list(range(1, len(hub) + 1)) and len(hub) == 4
    assert hub[0]["reached"] == 7 and hub[3]["reached"] >= 1  # every playthrough at round 1, the enabler path at round 4
    assert sum(o["chosen"] for o in hub[0]["options"]) == 7
    words = _words(tmp_path / "cohort.html")
    assert "decision 1, round 2" in words and "decision 1, round 4" in words


def test_xapi_names_each_round_of_the_hub_as_an_activity_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    record = tmp_path / "run.json"
    assert main(["play", str(CASE), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    capsys.readouterr()
    assert main(["xapi", "statements", str(record), "--scenario", str(CASE)]) == 0
    text = capsys.readouterr().out
    assert not ROUND_ID.search(text)
    statements = json.loads(text)
    answered = [s["object"] for s in statements if s["verb"]["id"].endswith("/answered")]
    hub = [o for o in answered if "/decisions/pathway-meeting.hub" in o["id"]]
    assert [o["id"].rsplit("/decisions/", 1)[1] for o in hub] == [HUB, f"{HUB}/round-2", f"{HUB}/round-3", f"{HUB}/round-4"]
    assert [o["definition"]["name"]["en-GB"] for o in hub] == ["Making the pathway plan: decision 1"] + [f"Making the pathway plan: decision 1, round {n}" for n in (2, 3, 4)]
    assert all(len(o["definition"]["choices"]) == 5 for o in hub)  # every option written, in every round
    from simulator.xapi.cohort_lrs import played_from_statements

    registration = "0f8fad5b-d9cb-469f-a165-70867728950e"
    for s in statements:
        s.setdefault("context", {})["registration"] = registration
    (played,) = played_from_statements(_scenario(), statements)
    assert [n for n, _ in played.decisions].count(HUB) == 4


def test_an_evidence_file_saved_under_the_singular_is_one_error_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """principle.yaml: one R404 at the first citation, counting the rest, and F311 saying to rename it."""
    case = _copy(tmp_path)
    (case / "evidence" / "principles.yaml").rename(case / "evidence" / "principle.yaml")
    assert main(["validate", str(case)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    r404 = [ln for ln in lines if " R404 " in ln]
    assert len(r404) == 1 and "more places" in r404[0] and "principle.yaml` is not read (F311)" in r404[0], lines
    assert any(" F311 " in ln and "rename it `principles.yaml`" in ln for ln in lines), lines


@pytest.mark.parametrize(("typed", "said"), [("{kayla has", "`{kayla` in the text has no closing brace"), ("{kaila has", "`{kaila` in the text has no closing brace")])
def test_a_name_left_without_its_closing_brace_is_an_error_at_its_line(typed: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`{kayla has the headings` was shown as typed, brace and all: now R409 at the line, saying what to write."""
    case = _copy(tmp_path)
    meeting = case / "episodes" / "pathway-meeting.yaml"
    text = meeting.read_text()
    assert 'narration: "{kayla} has' in text
    meeting.write_text(text.replace('narration: "{kayla} has', f'narration: "{typed}'))
    assert main(["validate", str(meeting)]) == 1
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if " R409 " in ln]
    assert line.startswith(f"{meeting}:16:") or ":16:" in line
    assert said in line and "(write `{kayla}`)" in line


def test_a_topic_offered_by_a_count_is_g507_saying_what_to_write_for_it(tmp_path: Path):
    """`when: "seen.home < 1"` does not make the option one offered once: G507 names the option and what to write."""
    case = _copy(tmp_path)
    meeting = case / "episodes" / "pathway-meeting.yaml"
    meeting.write_text(meeting.read_text().replace('when: "not seen.home"', 'when: "seen.home < 1"'))
    (found,) = [d for d in load_scenario(case).diagnostics if d.code == "G507"]
    assert "hub → home → hub could go round for ever" in found.message
    assert found.suggestion is not None and found.suggestion.startswith('a loop must pass an option offered once: give `ask-home` `when: "not seen.home"` (`seen.home < 1` is not')


def test_an_evidence_folder_written_with_backslashes_says_to_use_forward_slashes(tmp_path: Path):
    """`evidence: ..\\..\\seeds`, as Windows writes a path, is not found on macOS or Linux: F308 says what to write."""
    case = _copy(tmp_path)
    scenario = case / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace(f"evidence: [{FIXTURES.parent.parent / 'seeds'}]", "evidence: '..\\..\\seeds'"))
    (found,) = [d for d in load_scenario(case).diagnostics if d.code == "F308"]
    assert found.line > 0 and found.suggestion == "write it with forward slashes, `../../seeds`, which every system reads"


def test_a_workshop_round_the_hub_reports_it_as_written_with_its_rounds(capsys: pytest.CaptureFixture[str]):
    """The room's report names each round of the hub as the node written, with its round, as the record does."""
    from simulator.workshop.facilitate import Workshop
    from simulator.workshop.room import Room
    from simulator.workshop.summary import build_summary

    scenario = _scenario()
    room = Room("K7QM", "play")
    phones = [room.join("K7QM") for _ in range(3)]
    workshop = Workshop.start(scenario, "play", room, seed=0)
    for _ in range(5000):
        if workshop.stage == "ended":
            break
        question = room.question
        if workshop.stage == "question" and room.phase == "open" and question is not None:
            written = sorted((scenario.choice_by_id[o.id] for o in question.options), key=lambda c: (c.path != "enabler", c.order))
            for token in phones:
                room.vote(token, written[0].id)  # the room takes the model answer: each topic in turn, then stops
        workshop.forward()
    assert workshop.stage == "ended"
    summary = build_summary(workshop, started_at="2026-12-07T09:00:00Z", finished_at="2026-12-07T10:00:00Z", phones=3)
    assert not ROUND_ID.search(json.dumps(summary))
    assert [(d["node"], d["round"], d["chosen"]) for d in summary["decisions"] if d["node"] == HUB] == [
        (HUB, 1, "ask-money"),
        (HUB, 2, "ask-home"),
        (HUB, 3, "ask-college"),
        (HUB, 4, "stop-for-today"),
    ]
    assert all("round" not in d for d in summary["decisions"] if not d["node"].startswith("pathway-meeting."))


def test_one_file_in_json_counts_the_rest_as_the_text_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`validate FILE --format json` said `"elsewhere": 5` where the text said "the rest of the scenario has 1 problem"
    (it counted the notes); it now counts as the text does, notes only with --strict, and carries the text's note."""
    case = _copy(tmp_path)
    meeting = case / "episodes" / "pathway-meeting.yaml"
    meeting.write_text(meeting.read_text().replace("next: college-plan", "next: colege-plan"))
    first = str(case / "episodes" / "first-meeting.yaml")
    assert main(["validate", first]) == 0
    assert "the rest of the scenario has 1 problem:" in capsys.readouterr().out
    assert main(["validate", first, "--format", "json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["elsewhere"] == 1 and "does not load because of problems in other files" in result["note"]
    assert main(["validate", first, "--format", "json", "--strict"]) == 0
    (strict,) = json.loads(capsys.readouterr().out)["results"]
    assert strict["elsewhere"] > 1  # the notes on the other files' missing pictures count too
    assert main(["validate", first, "--strict"]) == 0
    assert f"the rest of the scenario has {strict['elsewhere']} problems:" in capsys.readouterr().out


def test_a_record_of_a_changed_case_still_sets_each_hub_round_beside_the_same_round_of_the_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """When the case changed since (a choice renamed), the debrief is rebuilt from the record; its hub round 2 is set
    beside the enabler path's round 2 (it took the home topic), not the hub's first round (the money topic)."""
    from simulator.engine.actions import CONTINUE, Choose
    from simulator.engine.session import Session
    from simulator.records.record import build_record

    case = _copy(tmp_path)
    scenario = load_scenario(case).scenario
    assert scenario is not None
    session, picks = Session.start(scenario, 0), iter(["get-the-form-out", "explain-waiting-list", "ask-money", "money-vague", "stop-for-today"])
    while not session.finished:
        if session.choices:
            want = next(picks, None)
            offered = sorted(session.choices, key=lambda c: c.order)
            session.act(Choose(want if want in {c.id for c in offered} else offered[0].id))
        else:
            session.act(CONTINUE)
    record = tmp_path / "run.json"
    record.write_text(json.dumps(build_record(session)), encoding="utf-8")
    meeting = case / "episodes" / "pathway-meeting.yaml"
    meeting.write_text(meeting.read_text().replace("- id: money-vague", "- id: money-vaguer"))
    assert main(["report", str(record), "--scenario", str(case), "--json", str(tmp_path / "debrief.json")]) == 0
    assert "The case has changed since this playthrough" in capsys.readouterr().err
    decisions = json.loads((tmp_path / "debrief.json").read_text(encoding="utf-8"))["comparison"]["decisions"]
    at_hub = {d["round"]: {o["path"]: o["choice"] and o["choice"]["id"] for o in d["others"]} for d in decisions if d["node"] == HUB}
    assert at_hub == {1: {"enabler": "ask-money", "barrier": "do-it-in-order"}, 2: {"enabler": "ask-home", "barrier": None}}


def test_a_time_on_a_node_says_a_node_moves_the_clock_with_minutes(tmp_path: Path):
    """`time: "09:00"` on the node for the next morning was "unknown key" and a list of twenty keys: it now says
    what a node has instead, and whose `time` is."""
    case = _copy(tmp_path)
    late = case / "episodes" / "late-message.yaml"
    text = late.read_text()
    assert "      minutes: 560\n" in text
    late.write_text(text.replace("      minutes: 560\n", '      time: "09:00"\n'))
    (found,) = [d for d in load_scenario(case).diagnostics if d.code == "S203"]
    assert "unknown key `time` in node `morning`" in found.message and found.line > 0
    assert found.suggestion == "a node moves the clock on with `minutes`, as `minutes: 600` for ten hours later; `time` is when the episode starts"


def test_schema_vscode_into_a_folder_that_is_not_there_makes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`schema --vscode scenarios/my-vist` (a typo) made the folder and said VS Code now checks the files under it."""
    assert main(["schema", "--vscode", str(tmp_path / "my-vist")]) == 1
    assert capsys.readouterr().err.strip() == f"doorstep: {tmp_path / 'my-vist'} does not exist: give the folder you open in VS Code, the one that holds your scenarios"
    assert not (tmp_path / "my-vist").exists()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["schema", "--vscode", str(tmp_path / "notes.txt")]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_late_at_the_very_first_node_is_told_not_only_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Half an hour late for the case's first appointment cost reliability and Kayla's trust with no word anywhere:
    the clock's note was dropped because no action had happened yet. It is told with the first step now."""
    case = _copy(tmp_path)
    first = case / "episodes" / "first-meeting.yaml"
    first.write_text(first.read_text().replace('  time: "15:30"', '  time: "16:00"'))  # the 30-minute drive makes it 16:30
    scenario = case / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("  overdue: {", "  punctuality: {dimension: reliability, grace_minutes: 5, minutes_per_point: 10, max_points: 2, trust: 5}\n  overdue: {"))
    record, debrief = tmp_path / "run.json", tmp_path / "debrief.json"
    assert main(["play", str(case), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    said = " ".join(capsys.readouterr().out.split())  # as one line, however the terminal wrapped it
    assert "[clock] You arrived at 16:30, 30 minutes late, without letting Kayla know. (reliability -2; Kayla's trust -5)" in said
    first_step = json.loads(record.read_text(encoding="utf-8"))["steps"][0]
    assert [e["kind"] for e in first_step["events"]] == ["late"] and first_step["scores"]["reliability"] == -2
    assert main(["report", str(record), "--scenario", str(case), "--json", str(debrief)]) == 0
    (late,) = json.loads(debrief.read_text(encoding="utf-8"))["clock"]
    assert late["kind"] == "late" and late["effects"] == {"reliability": -2} and late["trust"] == {"kayla": -5}
