"""doorstep cohort: pooled, anonymous tallies that match counting the records by hand, from files and from an LRS."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections import Counter

import pytest
from lrs_ralph import PASSWORD, USERNAME
from xapi_helpers import PROJECT, harris

from simulator.engine.autoplay import policy
from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.report.cohort import build_cohort, cohort_from_dict
from simulator.report.portfolio import tags_of

DOORSTEP = [sys.executable, "-m", "simulator"]
TRAINEE_NAME = "Ottoline Brackenbury"


@pytest.fixture(scope="module")
def scenario():
    return harris()


def play(scenario, chooser: str, seed: int, steps: int | None = None) -> dict:
    session = Session.start(scenario, seed, TRAINEE_NAME)
    pick = policy(chooser, seed)
    taken = 0
    while not session.finished and (steps is None or taken < steps):
        session.choose(pick(session.choices)) if session.choices else session.proceed()
        taken += 1
    return build_record(session, {"mode": "coach"})


@pytest.fixture(scope="module")
def folder(tmp_path_factory, scenario):
    """200 seeded records: random play, a few canonical paths, a few stopped part-way."""
    where = tmp_path_factory.mktemp("cohort")
    for seed in range(200):
        chooser = "enabler" if seed % 23 == 0 else "barrier" if seed % 29 == 0 else "random"
        record = play(scenario, chooser, seed, steps=40 if seed % 17 == 0 else None)
        (where / f"run-{seed:03d}.json").write_text(json.dumps(record))
    (where / "notes.json").write_text('{"not": "a record"}')
    return where


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DOORSTEP, *args], capture_output=True, text=True, timeout=600, cwd=PROJECT)


def counted_by_hand(scenario, records: list[dict]) -> dict:
    """The tallies, counted straight from the records' steps (no trace, no cohort code)."""
    chosen: Counter[tuple[str, str]] = Counter()
    reached: Counter[str] = Counter()
    endings: Counter[str] = Counter()
    finals: dict[str, list[int]] = {d: [] for d in scenario.dimensions}
    helped: Counter[str] = Counter()
    for record in records:
        good = set()
        for step in record["steps"]:
            if step["choice"] is None or step["choice"].startswith("@"):
                continue
            choice = scenario.choice_by_id[step["choice"]]
            reached[choice.node] += 1
            chosen[(choice.node, choice.id)] += 1
            if sum(v for _, v in choice.effects) > 0:
                good |= set(tags_of(choice, scenario.evidence))
        for tag in good:
            helped[tag] += 1
        if record["finished"]:
            endings[record["ending"]] += 1
            for d in scenario.dimensions:
                finals[d].append(record["scores"][d])
    return {"chosen": chosen, "reached": reached, "endings": endings, "finals": finals, "helped": helped}


def test_cohort_of_200_records_matches_counting_them_directly(folder, scenario):
    """Every decision's option counts, how many reached it, endings, score spreads and evidence equal a hand count."""
    out_json, out_html = folder.parent / "cohort.json", folder.parent / "cohort.html"
    done = run("cohort", str(folder), "--json", str(out_json), "--html", str(out_html))
    assert done.returncode == 0, done.stderr
    assert "skipped 1 file that is not a playthrough record" in done.stderr
    cohort = json.loads(out_json.read_text())
    records = [json.loads(p.read_text()) for p in sorted(folder.glob("run-*.json"))]
    hand = counted_by_hand(scenario, records)
    assert cohort["playthroughs"] == 200 and cohort["finished"] == sum(r["finished"] for r in records)
    for d in cohort["decisions"]:
        assert d["reached"] == hand["reached"][d["node"]]
        for o in d["options"]:
            assert o["chosen"] == hand["chosen"][(d["node"], o["id"])]
        for path, n in d["by_path"].items():
            assert n == sum(o["chosen"] for o in d["options"] if o["path"] == path)
    assert sum(d["reached"] for d in cohort["decisions"]) == sum(hand["reached"].values())
    assert {e["node"]: e["reached"] for e in cohort["endings"] if e["reached"]} == dict(hand["endings"])
    for s in cohort["scores"]:
        values = sorted(hand["finals"][s["id"]])
        assert s["values"] == values and s["median"] == statistics.median(values)
        assert s["low"] <= values[0] and values[-1] <= s["high"]
    assert {t["tag"]: t["helped"] for t in cohort["evidence"] if t["helped"]} == dict(hand["helped"])
    page = out_html.read_text()
    assert TRAINEE_NAME not in page and TRAINEE_NAME not in out_json.read_text()
    assert "{" + scenario.player + "}" not in page


def test_cohort_from_the_lrs_matches_the_cohort_from_the_same_records(ralph, folder, scenario, tmp_path):
    """Push 30 of the records (one stopped part-way among them): what the LRS's cohort gains is exactly their cohort."""
    chosen = sorted(folder.glob("run-*.json"))[:30]
    cred = ["--endpoint", ralph.endpoint, "--username", USERNAME, "--password", PASSWORD]

    def from_lrs(name: str) -> dict:
        out = tmp_path / name
        done = run("cohort", "--only", scenario.id, "--json", str(out), *cred)
        if done.returncode == 1 and "no playthroughs" in done.stderr:
            return {"playthroughs": 0, "finished": 0, "decisions": [], "endings": []}
        assert done.returncode == 0, done.stderr
        return json.loads(out.read_text())

    def counts(cohort: dict) -> Counter:
        tally: Counter = Counter({"playthroughs": cohort["playthroughs"], "finished": cohort["finished"]})
        for d in cohort["decisions"]:
            tally[d["node"]] += d["reached"]
            for o in d["options"]:
                tally[(d["node"], o["id"])] += o["chosen"]
        for e in cohort["endings"]:
            tally[e["node"]] += e["reached"]
        return tally

    before = counts(from_lrs("before.json"))
    pushed = run("xapi", "push", *map(str, chosen), *cred)
    assert pushed.returncode == 0, pushed.stderr
    local = tmp_path / "files.json"
    assert run("cohort", *map(str, chosen), "--json", str(local)).returncode == 0
    gained = counts(from_lrs("after.json"))
    gained.subtract(before)
    expected = counts(json.loads(local.read_text()))
    assert expected["playthroughs"] == 30 and expected["finished"] < 30
    assert +gained == +expected


def test_cohort_from_statements_equals_cohort_from_traces(scenario):
    """Statements of a set of playthroughs, read as an LRS would hand them back, pool to exactly the records' cohort."""
    from simulator.report.cohort import played_of
    from simulator.report.debrief import trace_record
    from simulator.xapi.cohort_lrs import played_from_statements
    from simulator.xapi.documents import document_statements
    from simulator.xapi.identity import Options

    records = [play(scenario, "random", seed, steps=60 if seed == 4 else None) for seed in range(12)]
    statements = [s for r in records for s in document_statements(scenario, r, Options())]
    statements.reverse()  # an LRS answers newest first
    from_lrs = build_cohort(scenario, played_from_statements(scenario, statements))
    from_files = build_cohort(scenario, [played_of(trace_record(scenario, r)) for r in records])
    assert from_lrs == from_files


def test_a_cohort_file_gives_how_others_chose_by_decision(scenario):
    """cohort_from_dict reads the JSON back into counts per decision for the compare screen; anything else is refused."""
    records = [play(scenario, "random", seed) for seed in range(5)]
    from simulator.report.cohort import played_of
    from simulator.report.debrief import trace_record

    cohort = build_cohort(scenario, [played_of(trace_record(scenario, r)) for r in records])
    read = cohort_from_dict(json.loads(json.dumps(cohort.to_dict())))
    first = cohort.decisions[0]
    assert read[first.node] == [(o.id, o.chosen) for o in first.options]
    with pytest.raises(ValueError):
        cohort_from_dict({"kind": "doorstep-debrief"})


def test_cohort_usage_and_bad_input_are_one_line(tmp_path):
    """No output named, nothing to pool, a folder of non-records: one line and an exit code."""
    assert run("cohort", str(tmp_path), "--json", str(tmp_path / "x.json")).returncode == 1
    (tmp_path / "a.json").write_text("[1, 2")
    done = run("cohort", str(tmp_path))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    done = run("cohort", str(tmp_path), "--html", str(tmp_path / "c.html"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    done = run("cohort", str(tmp_path / "typo.json"), "--html", str(tmp_path / "c.html"))
    assert done.returncode == 1 and f"doorstep: {tmp_path / 'typo.json'}: there is no such file or folder" in done.stderr.splitlines()
