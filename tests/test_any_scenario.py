"""Nothing Harris-shaped outside scenarios/: a six-week adult case reads right in every output."""

from __future__ import annotations

import io
import json
import re

import pytest

from simulator.analysis.graph import export
from simulator.analysis.overview import analyze, to_text
from simulator.analysis.paths import canonical_path
from simulator.analysis.summary import summary
from simulator.engine.autoplay import policy
from simulator.engine.clock import clock_view
from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.report.debrief import build_debrief
from simulator.report.html import render
from simulator.terminal import TextHost

# Words that belong to the shipped children's cases, or to an eleven-month child protection timeline.
FOREIGN = re.compile(
    r"\b(Harris|Fiona|John|Chloe|Mason|Lily|Louisa|Working Together|child protection|KSS|knowledge and skills statement for child"
    r"|children's|the family|eleven|11 months|Month \d+ of|Months \d+ to|month by month|tone, honesty|statutory)\b",
    re.IGNORECASE,
)


def _outputs(scenario, actions) -> list[tuple[str, str]]:
    session = Session.replay(scenario, 0, actions)
    record = build_record(session)
    debrief = build_debrief(scenario, record)
    out = io.StringIO()
    TextHost(Session.start(scenario, 0), out, policy=policy("random", 3)).run()
    return [
        ("html", render(debrief)),
        ("json", json.dumps(debrief.to_dict())),
        ("transcript", out.getvalue()),
        ("analyze", "\n".join(to_text(analyze(scenario)))),
        ("info", json.dumps(summary(scenario))),
        ("graph", export(scenario, "dot")),
    ]


@pytest.mark.parametrize("path", ["enabler", "barrier"])
def test_no_children_case_words_in_any_output(adult, path: str):
    """Report, JSON, transcript, analysis, info and graph of an adult case name nothing from the children's cases."""
    actions = canonical_path(adult, path).actions()
    for kind, text in _outputs(adult, actions):
        found = FOREIGN.findall(text)
        assert not found, (kind, sorted(set(found)))


def test_the_report_uses_the_cases_own_weeks_and_rubric(adult):
    """The timeline runs over the case's weeks (1 to 6, as the clock counts them), the scores are its own dimensions, the frameworks its own."""
    record = build_record(Session.replay(adult, 0, canonical_path(adult, "enabler").actions()))
    debrief = build_debrief(adult, record)
    page = render(debrief)
    assert "Over the weeks" in page and "Weeks 1 to 6 along the bottom" in page and "week by week" in page
    assert [s.label for s in debrief.scores] == ["Person-centred", "Timeliness", "Candour"]
    assert [fw.id for fw in debrief.evidence] == ["kssa"]
    assert debrief.timeline.axis == "weeks" and debrief.timeline.span == 5


def test_the_clock_counts_weeks(adult):
    """The clock of a six-week case says "Week 3 of 6", not "Month 0 of 1"."""
    session = Session.replay(adult, 0, ["ask-him-too"])
    view = clock_view(session)
    assert view.period_text == "Week 3 of 6" == view.month_text


def test_lateness_names_who_was_waiting(adult):
    """Arriving late without phoning names those kept waiting, not "the family"."""
    session = Session.replay(adult, 0, ["book-a-package", "one-more-email"])
    texts = [e.text for step in session.state.steps for e in step.events]
    assert any("without letting Mr Bell and Nadia know" in t for t in texts), texts
