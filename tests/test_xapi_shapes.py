"""xAPI for cases of other shapes than ours: a generated case of hundreds of nodes, the adult-care and mini fixtures, the worked example."""

from __future__ import annotations

import sys

import pytest
from conftest import FIXTURES, PROJECT
from test_xapi_lrs import strictly_invalid
from test_xapi_statements import play as played

from simulator.report.cohort import build_cohort, played_of
from simulator.report.debrief import trace_record
from simulator.scenario import load_scenario
from simulator.xapi import vocab
from simulator.xapi.cohort_lrs import played_from_statements
from simulator.xapi.documents import document_statements
from simulator.xapi.identity import Options
from simulator.xapi.statements import Builder

sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate

SHAPES = ("generated", "adult", "mini", "example")
KNOWN_EXTENSIONS = {*vocab.EXTENSIONS, vocab.PROGRESS}


@pytest.fixture(scope="module", params=SHAPES)
def shape(request, tmp_path_factory):
    folders = {"adult": FIXTURES / "adult", "mini": FIXTURES / "mini", "example": PROJECT / "docs" / "examples" / "small-visit"}
    folder = folders.get(request.param) or generate(tmp_path_factory.mktemp("generated"), nodes=400, seed=7)
    result = load_scenario(folder)
    assert result.ok, [d.render() for d in result.errors[:5]]
    return result.scenario


def play(scenario, chooser: str, seed: int, steps: int | None = None) -> dict:
    return played(scenario, chooser, seed, steps=steps, mode="assessment")


def test_statements_of_any_shape_validate_and_keep_their_promises(shape):
    """Random, enabler, barrier and part-way play: Ralph's strict model accepts every statement; scores in bounds; ids unique."""
    builder = Builder(shape)
    records = [play(shape, chooser, seed) for seed, chooser in enumerate(("random", "random", "random", "enabler", "barrier"))]
    records.append(play(shape, "random", 9, steps=7))
    everything = []
    for record in records:
        statements = document_statements(shape, record, Options(), builder)
        verbs = [s["verb"]["id"] for s in statements]
        assert verbs[0] == vocab.VERBS["initialized"]
        assert (verbs[-2:] == [vocab.VERBS["completed"], vocab.VERBS["terminated"]]) == record["finished"]
        progress = [s["result"]["extensions"][vocab.PROGRESS] for s in statements if s["verb"]["id"] == vocab.VERBS["progressed"]]
        assert progress == sorted(progress) and all(0 <= p <= 100 for p in progress)
        for s in statements:
            score = s.get("result", {}).get("score")
            if score:
                assert score["min"] <= score["raw"] <= score["max"] and 0 <= score["scaled"] <= 1
            if s["verb"]["id"] == vocab.VERBS["answered"]:
                offered = [c["id"] for c in s["object"]["definition"]["choices"]]
                assert s["result"]["response"] in offered
            for part in (s.get("result", {}), s["context"], s["object"].get("definition", {})):
                assert set(part.get("extensions", {})) <= KNOWN_EXTENSIONS  # every one documented in docs/xapi.md
        everything += statements
    assert len({s["id"] for s in everything}) == len(everything)
    assert strictly_invalid(everything) == []


def test_a_cohort_read_back_from_statements_equals_the_records_cohort(shape):
    """Whatever the case's shape, pooling its statements (newest first, as an LRS answers) gives the records' own cohort."""
    records = [play(shape, "random", seed, steps=5 if seed == 3 else None) for seed in range(10)]
    statements = [s for r in records for s in document_statements(shape, r, Options())]
    statements.reverse()
    assert build_cohort(shape, played_from_statements(shape, statements)) == build_cohort(shape, [played_of(trace_record(shape, r)) for r in records])
