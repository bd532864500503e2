"""A due date may count from the referral itself (day 0): `due: {after: referral, working_days: N}`."""

from __future__ import annotations

import textwrap

from tiny import MANIFEST, evidence

from simulator.analysis.bounds import score_bounds
from simulator.engine.actions import CONTINUE
from simulator.engine.clock import clock_view
from simulator.engine.session import Session
from simulator.scenario.loader import load_files

EPISODE = """\
    format: 1
    episode:
      id: {id}
      title: "{id}"
      day: {day}
      time: "10:00"
      location: office
      milestone: {id}
      nodes:
        n:
          narration: "Time passes."
          {way}
    """


def load(after: str, review_day: int):
    manifest = MANIFEST.format(title="Tiny", note="A note", episodes="visit, review").replace(
        "due: {after: visit, working_days: 10}", f"due: {{after: {after}, working_days: 5}}"
    )
    files = {
        "tiny/scenario.yaml": manifest.encode(),
        "tiny/episodes/visit.yaml": textwrap.dedent(EPISODE.format(id="visit", day=1, way="next: review")).encode(),
        "tiny/episodes/review.yaml": textwrap.dedent(EPISODE.format(id="review", day=review_day, way="ending: {kind: enabler, title: E, text: T}")).encode(),
    }
    return load_files(files, "tiny/scenario.yaml", evidence())


def test_a_milestone_due_within_days_of_the_referral_is_scored_late():
    """Due 5 working days after day 0 and held on day 8: the clock shows its due date from the start, G510 warns, holding it costs the overdue points."""
    result = load("referral", 8)
    assert result.scenario is not None, [d.render() for d in result.diagnostics]
    sc = result.scenario
    assert [d.code for d in result.diagnostics if d.code == "G510"] == ["G510"]
    assert sc.rule_of("review") == "within 5 working days of the referral"
    session = Session.start(sc, 0)
    nxt = clock_view(session).next_milestone
    assert nxt is not None and (nxt.id, nxt.due_day) == ("review", 5)  # its due date is known from the first episode
    while not session.finished:
        session.act(CONTINUE)
    overdue = [e for step in session.state.steps for e in step.events if e.kind == "overdue"]
    assert len(overdue) == 1 and "3 working days after its due date" in overdue[0].text
    assert score_bounds(sc).range("timeliness").low < 0  # the bounds know the review is held late


def test_on_time_from_the_referral_and_a_misspelling_is_still_caught():
    """Held by day 5 it is on time; `after: referal` is R406, suggesting `referral`."""
    result = load("referral", 4)
    assert result.scenario is not None and not [d for d in result.diagnostics if d.code == "G510"]
    bad = load("referal", 4)
    r406 = [d for d in bad.diagnostics if d.code == "R406"]
    assert r406 and "referral" in r406[0].render()
