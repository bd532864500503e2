"""No output carries an unfilled ``{name}`` placeholder: terminal transcripts, HTML and JSON debriefs, and the window.

Scenario text names people as ``{fiona}`` and the worker as ``{louisa}``; every host must
fill them. These tests play every shipped scenario (canonical paths and several random
seeds, under the default worker's name and under a trainee's own) and scan everything a
trainee or facilitator could read. The window is read string by string as it renders them: here
for the example, and for every shipped case, both paths and the watch mode, in test_ui_pages.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PROJECT

from simulator.cli import main

#: The shape the engine fills: a lowercase id between braces (CSS rules and empty JSON objects never match).
PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_-]*\}")

SHIPPED = [PROJECT / "scenarios" / "harris-family", PROJECT / "scenarios" / "jay-residential", PROJECT / "scenarios" / "campbell-care-act", PROJECT / "docs" / "examples" / "small-visit"]
RUNS = [("enabler", 0), ("barrier", 0), ("random", 1), ("random", 7), ("random", 20), ("random", 33)]


def unfilled(text: str) -> list[str]:
    """Every unfilled placeholder in ``text``, with a little context either side."""
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in PLACEHOLDER.finditer(text)]


def test_the_scan_finds_a_placeholder():
    """The scanner itself finds a raw placeholder and ignores CSS rules and empty JSON objects."""
    assert unfilled("Hold up your ID: I'm {louisa}, a social worker.")
    assert not unfilled('.page{max-width:60rem} {"effects": {}} a{color:#1e3a8a}')


@pytest.mark.parametrize("name", [None, "Sam Okafor"], ids=["default-name", "own-name"])
@pytest.mark.parametrize("scenario", SHIPPED, ids=[p.name for p in SHIPPED])
def test_no_output_has_an_unfilled_placeholder(tmp_path: Path, capsys, scenario: Path, name: str | None):
    """Transcripts and the HTML and JSON debriefs of canonical and random playthroughs fill every placeholder."""
    problems: list[str] = []
    for policy, seed in RUNS:
        record = tmp_path / f"{policy}-{seed}.json"
        extra = ["--name", name] if name else []
        assert main(["play", str(scenario), "--text", "--auto", policy, "--seed", str(seed), "--record", str(record), *extra]) == 0
        problems += [f"{policy} {seed} transcript: {c}" for c in unfilled(capsys.readouterr().out)]
        html, data = tmp_path / f"{policy}-{seed}.html", tmp_path / f"{policy}-{seed}.report.json"
        assert main(["report", str(record), "--html", str(html), "--json", str(data), "--scenario", str(scenario)]) == 0
        capsys.readouterr()
        page = html.read_text(encoding="utf-8")
        problems += [f"{policy} {seed} HTML: {c}" for c in unfilled(page)]
        problems += [f"{policy} {seed} JSON: {c}" for c in unfilled(data.read_text(encoding="utf-8"))]
        if name:
            assert name in page, "the trainee's own name appears in their debrief"
            assert name in json.dumps(json.loads(data.read_text(encoding="utf-8")), ensure_ascii=False)
    assert problems == []


def test_the_window_shows_no_unfilled_placeholder(tmp_path: Path, monkeypatch):
    """Every string the window renders while the example is played (with a trainee's own name) to the debrief has its placeholders filled."""
    import pygame
    from ui_check import on_path, play_to_debrief, start_new
    from ui_pages import Reader

    from simulator.ui.driver import Driver, make_app

    reader = Reader()
    reader.install(monkeypatch)
    d = Driver(make_app(tmp_path, SHIPPED[-1], name="Sam Okafor", text_log=reader))
    start_new(d)
    play_to_debrief(d, on_path("barrier"))
    d.key(pygame.K_RETURN)
    d.app.close()
    assert any("Sam Okafor" in text for text in reader.rendered)
    assert [t for t in reader.rendered if PLACEHOLDER.search(t)] == []
