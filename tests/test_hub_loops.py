"""A hub the trainee comes back to may be written as a real loop, when every loop provably ends.

The held-out trainer trials wrote "go back to the hub and pick another topic" and were refused (G507: the story may
not loop), so the docs showed a hub unrolled by hand, each topic written once per round. A loop now loads when each
time round it passes an option offered once (`when: not flag.talked-money` into a topic that sets the flag, `not
seen.topic`, `not chose.this-option`); it is played as rounds, and everything after the loader sees no loop. A loop
with no way out is still G507, at its first node.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import materialize
from scenario_strategy import check_runnable

from simulator.engine.session import Session
from simulator.scenario.checks import find_cycle
from simulator.scenario.loader import load_scenario

HUB = """    door:
      arrive: true
      next: hub
    hub:
      narration: "What next?"
      choices:
        - {id: pick-school, text: "Talk about school", path: enabler, when: "not flag.talked-school", next: school}
        - {id: pick-home, text: "Talk about home", path: other, when: "not seen.home", next: home}
        - {id: pick-money, text: "Talk about money", path: other, when: "not chose.pick-money", next: money}
        - {id: wrap-up, text: "Agree the plan", path: enabler, next: review}
    school: {narration: "School.", flags: {talked-school: true}, next: hub}
    home:
      narration: "Home."
      lines: [{text: "After school, home.", when: "seen.school"}]
      next: hub
    money: {narration: "Money.", next: afterwards}
    afterwards: {narration: "Money done.", next: hub}
"""


def _case(tmp_path: Path, hub: str = HUB) -> Path:
    folder = materialize(None, tmp_path)
    visit = folder / "episodes" / "visit.yaml"
    text = visit.read_text()
    visit.write_text(text[: text.index("    door:\n")] + hub)
    review = folder / "episodes" / "review.yaml"
    review.write_text(review.read_text().replace("flag.explained", "flag.talked-school"))
    return folder


def _play(scenario, picks: list[str]) -> Session:
    """Choose each in turn, reading on between them; it stops where the last choice leads."""
    session = Session.start(scenario, 0)
    for pick in picks:
        while session.can_proceed:
            session.proceed()
        session.choose(pick)
    return session


def test_a_hub_loop_with_once_options_loads_and_plays_each_topic_once_in_any_order(tmp_path: Path):
    result = load_scenario(_case(tmp_path))
    assert result.ok, [d.render() for d in result.diagnostics]
    sc = result.scenario
    assert find_cycle(sc) is None  # what the loader hands on has no loop
    for order in (["pick-school", "pick-home", "pick-money"], ["pick-money", "pick-home", "pick-school"]):
        session = _play(sc, ["go-now", *order])
        while session.can_proceed:
            session.proceed()
        offered = [c.id for c in session.choices]
        assert offered == ["wrap-up"], offered  # every topic taken once: only the way out is left
    # seen. of a node in a loop holds whichever round reached it.
    after_school = _play(sc, ["go-now", "pick-school", "pick-home"])
    assert any("After school, home." in line.text for line in after_school.node.lines)
    assert after_school.node.lines[0].when is not None and after_school.node.lines[0].when(after_school.state)
    before_school = _play(sc, ["go-now", "pick-home"])
    assert not before_school.node.lines[0].when(before_school.state)


def test_every_command_path_runs_on_the_hub_loop(tmp_path: Path):
    kinds = check_runnable(_case(tmp_path), seeds=30)
    assert sum(kinds.values()) == 30


def test_the_graph_draws_the_loop_as_written_and_info_counts_written_nodes(tmp_path: Path):
    from simulator.analysis.graph import export
    from simulator.analysis.summary import summary

    sc = load_scenario(_case(tmp_path)).scenario
    assert sc is not None and any("~" in n for n in sc.nodes)  # played as rounds
    for fmt in ("dot", "mermaid"):
        assert "~" not in export(sc, fmt)
    assert '"visit.school" -> "visit.hub"' in export(sc, "dot")  # the way back, as written
    assert summary(sc)["nodes"] == 10 and summary(sc)["decisions"] == 2


@pytest.mark.parametrize(
    ("hub", "why"),
    [
        (HUB.replace(', when: "not flag.talked-school"', ""), "school → hub"),  # nothing stops going round again
        (HUB.replace('flags: {talked-school: true}, next: hub', 'flags: {talked-school: true}, next: reset')
         + "    reset: {flags: {talked-school: false}, next: hub}\n", "school → reset → hub"),  # the flag is set back
    ],
)
def test_a_loop_with_no_way_out_is_g507_at_its_first_node(tmp_path: Path, hub: str, why: str):
    result = load_scenario(_case(tmp_path, hub))
    found = [d for d in result.diagnostics if d.code == "G507"]
    assert not result.ok and len(found) == 1, [d.render() for d in result.diagnostics]
    assert "no way out" in found[0].message and "hub →" in found[0].message and why in found[0].message, found[0].message
    assert found[0].file.endswith("visit.yaml") and found[0].line > 0
    # What to write, in this loop's own ids (the hint used to name the docs' `talked-money`, whatever the case said).
    assert 'give `pick-school` `when: "not seen.school"`' in (found[0].suggestion or ""), found[0].suggestion
    assert "talked-money" not in (found[0].suggestion or "")


def test_a_loop_back_to_an_earlier_episode_is_refused(tmp_path: Path):
    folder = _case(tmp_path)
    review = folder / "episodes" / "review.yaml"
    # Back from the review to the visit's hub, once (agreeing the plan sets the flag on the way): the clock would go back.
    review.write_text(review.read_text().replace("        - next: poor", '        - {when: "not flag.back", next: visit.hub}\n        - next: poor'))
    visit = folder / "episodes" / "visit.yaml"
    visit.write_text(visit.read_text().replace('path: enabler, next: review}', 'path: enabler, flags: {back: true}, next: review}'))
    result = load_scenario(folder)
    found = [d for d in result.diagnostics if d.code == "G507"]
    assert not result.ok and len(found) == 1 and "turn the clock back" in found[0].message, [d.render() for d in result.diagnostics]
