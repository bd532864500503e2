"""Tiny hand-made scenarios written as YAML strings, for tests whose answer is known by hand.

``build(episodes)`` wraps episode bodies in a manifest (two dimensions, one
trusting parent, punctuality and overdue rules) and loads them with the
tests' evidence base, failing loudly if the YAML is not a valid scenario.
"""

from __future__ import annotations

import textwrap
from functools import cache

from conftest import FIXTURES

from simulator.scenario.loader import load_evidence, load_files
from simulator.scenario.model import Evidence, Scenario

MANIFEST = """\
format: 1
id: tiny
title: "{title}"
summary: "A hand-made test graph."
audience: ["tests"]
estimated_minutes: 1
learning_objectives: ["Know the answer"]
content_notes: ["{note}"]
prebrief:
  text: "A test."
  fiction_contract: "A test fiction."
closing:
  text: "The end."
  support:
    - {{name: "Supervision", detail: "Talk to your supervisor."}}
player: worker
rubric:
  - {{id: tone, label: Tone, description: "How you speak."}}
  - {{id: timeliness, label: Timeliness, description: "Being on time."}}
cast:
  - {{id: worker, name: "Sam Taylor", role: "Social worker"}}
  - {{id: ann, name: "Ann Lee", role: "Parent", trust: 40}}
calendar:
  referral: "2026-03-02"
  punctuality: {{dimension: timeliness, grace_minutes: 5, minutes_per_point: 10, max_points: 2, trust: 5}}
  overdue: {{dimension: timeliness, points: 3}}
milestones:
  - {{id: visit, label: "First visit", short: "Visit"}}
  - id: review
    label: "Review meeting"
    short: "Review"
    due: {{after: visit, working_days: 10}}
episodes: [{episodes}]
"""


@cache
def evidence() -> Evidence:
    ev, problems = load_evidence(FIXTURES / "seeds")
    assert not problems, problems
    return ev


def build(episodes: dict[str, str], *, title: str = "Tiny", note: str = "An anxious parent") -> Scenario:
    """A scenario from episode YAML bodies keyed by episode id, in calendar order."""
    files = {"tiny/scenario.yaml": MANIFEST.format(title=title, note=note, episodes=", ".join(episodes)).encode()}
    for eid, body in episodes.items():
        files[f"tiny/episodes/{eid}.yaml"] = textwrap.dedent(body).encode()
    result = load_files(files, "tiny/scenario.yaml", evidence())
    assert result.scenario is not None, [d.render() for d in result.diagnostics]
    return result.scenario
