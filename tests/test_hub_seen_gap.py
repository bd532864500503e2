"""G511 judges a decision's gap against how the decision is reached: `seen.` of one round's topics at a hub is fine.

The fifth held-out trainer trial wrote `seen.t1-a + seen.t1-b >= 1` at the second round of a hub, which only those
topics lead to: G511 refused it, naming the gap "all of them unseen", which no route reaches. A gap some route does
reach is still refused.
"""

from __future__ import annotations

from pathlib import Path

from conftest import materialize

from simulator.scenario.loader import load_scenario

HUB = """    door:
      arrive: true
      choices:
        - {id: pick-school, text: "Talk about school", path: enabler, next: school}
        - {id: pick-home, text: "Talk about home", path: other, next: home}
    school: {narration: "School first.", next: round-2}
    home: {narration: "Home first.", next: round-2}
    round-2:
      choices:
        - {id: carry-on, text: "Carry on to the review", path: enabler, when: "seen.school + seen.home >= 1", next: review}
        - {id: wrap-up, text: "Agree the plan", path: other, when: "chose.pick-school or chose.pick-home", next: review}
"""


def _visit(tmp_path: Path, emails_to: str = "door") -> Path:
    folder = materialize(None, tmp_path)
    visit = folder / "episodes" / "visit.yaml"
    text = visit.read_text()
    go_now, emails = text[: text.index("    door:\n")].split("        - id: emails\n")
    visit.write_text(go_now + "        - id: emails\n" + emails.replace("next: door", f"next: {emails_to}") + HUB)
    return folder


def test_seen_of_the_topics_that_lead_to_a_round_is_not_a_gap(tmp_path: Path):
    result = load_scenario(_visit(tmp_path))
    assert result.ok, [d.render() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.code == "G511"]


def test_a_gap_that_a_route_reaches_is_still_named(tmp_path: Path):
    # Answering emails first goes straight to the second round, past both topics: then nothing would be offered.
    result = load_scenario(_visit(tmp_path, emails_to="round-2"))
    found = [d.render() for d in result.diagnostics if d.code == "G511"]
    assert not result.ok and len(found) == 1, found
    assert "every option at `round-2` has a `when`" in found[0] and "seen.visit.school is false" in found[0]
