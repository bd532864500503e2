"""What the session hands out is ready to show: every name filled in, so no host fills a placeholder."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import PROJECT, art_catalog, materialize

from simulator.engine import SKIP, Session
from simulator.records.record import build_record
from simulator.report.debrief import build_debrief
from simulator.report.html import render
from simulator.scenario import load_scenario

PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9-]*\}")


def named(tmp_path: Path):
    """The mini scenario with names in a choice, its feedback, an episode's card and an ending."""
    path = materialize(None, tmp_path)
    visit = path / "episodes" / "visit.yaml"
    text = visit.read_text()
    text = text.replace('text: "Go now"', 'text: "Go now and tell {ann} it is {worker}"')
    text = text.replace('feedback: "You will be on time."', 'feedback: "{ann} knows {worker} is coming."')
    text = text.replace('  title: "First visit"\n', '  title: "First visit"\n  transition: "{worker} sets off"\n  summary: "{ann} is waiting."\n  notice: ["How {worker} speaks to {ann}"]\n')
    visit.write_text(text)
    review = path / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace('text: "Ann trusts you."', 'text: "{ann} trusts {worker}."'))
    result = load_scenario(path, art=art_catalog())
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


def test_options_cards_and_endings_come_with_names_filled(tmp_path: Path):
    """With the trainee's own name, options, their feedback, the episode card and the ending read with names, never ids."""
    scenario = named(tmp_path)
    s = Session.start(scenario, player_name="Priya")
    card = s.card()
    assert (card.transition, card.summary, card.notice) == ("Priya sets off", "Ann is waiting.", ("How Priya speaks to Ann",))
    go = next(o for o in s.options if o.id == "go-now")
    assert (go.text, go.feedback) == ("Go now and tell Ann it is Priya", "Ann knows Priya is coming.")
    assert s.option("go-now") == go and go.choice is scenario.choice_by_id["go-now"]
    s.choose(go)
    s.choose("explain")
    assert s.finished and s.ending is not None and s.ending.text == "Ann trusts Priya."
    assert Session.start(scenario).option("go-now").text == "Go now and tell Ann it is Sam"


def test_a_name_that_looks_like_a_placeholder_is_filled_once(tmp_path: Path):
    """A trainee who calls the worker "{ann}" sees exactly that, not Ann's name put in twice over."""
    scenario = named(tmp_path)
    assert Session.start(scenario, player_name="{ann}").card().transition == "{ann} sets off"


def test_the_debrief_and_its_page_show_no_placeholder(tmp_path: Path):
    """The debrief built from a record (moments, comparison, evidence, ending) and its HTML page carry names, not ids."""
    scenario = named(tmp_path)
    s = Session.start(scenario, player_name="Priya")
    s.choose("go-now")
    s.choose("explain")
    debrief = build_debrief(scenario, build_record(s))
    assert debrief.helped[0].choice.text == "Go now and tell Ann it is Priya"
    assert debrief.helped[0].feedback == "Ann knows Priya is coming."
    assert debrief.comparison.decisions[0].yours.text == "Go now and tell Ann it is Priya"
    assert debrief.ending is not None and debrief.ending.text == "Ann trusts Priya."
    page = render(debrief)
    assert "Ann knows Priya is coming." in page
    assert PLACEHOLDER.findall(page) == []


def test_the_harris_report_shows_no_placeholder():
    """The shipped case's report, on the enabler path and after a skip, has no {id} left in it."""
    scenario = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert scenario is not None
    for skip in (False, True):
        s = Session.start(scenario, player_name="Sam")
        if skip:
            s.act(SKIP)
        while not s.finished:
            s.choose(sorted(s.choices, key=lambda c: (c.path != "enabler", c.order))[0]) if s.choices else s.proceed()
        assert PLACEHOLDER.findall(render(build_debrief(scenario, build_record(s)))) == []


def test_hosts_never_fill_placeholders():
    """The session offers no filler, and no host (the terminal, the window, the services under them) reaches for the engine's."""
    assert not hasattr(Session, "fill")
    offenders = []
    root = PROJECT / "simulator"
    hosts = [*sorted((root / "terminal").rglob("*.py")), *sorted((root / "ui").rglob("*.py")), *sorted((root / "services").rglob("*.py"))]
    for path in hosts:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\bNames\b|\.names\b|_PLACEHOLDER", line):
                offenders.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert offenders == []
