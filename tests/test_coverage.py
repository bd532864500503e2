"""A decision always offers something: the loader's proof by cases, and `otherwise` options in play."""

from __future__ import annotations

import textwrap

import pytest
from tiny import MANIFEST, evidence

from simulator.engine.session import Session
from simulator.scenario import conditions as cond
from simulator.scenario import coverage
from simulator.scenario.loader import LoadResult, load_files

EPISODE = """\
format: 1
episode:
  id: visit
  title: Visit
  day: 1
  time: "09:00"
  location: office
  nodes:
    setup:
      narration: "Before."
      choices:
        - {{id: warm, text: Warm, path: enabler, trust: {{ann: 20}}, flags: {{mood: calm, count: 2}}}}
        - {{id: cold, text: Cold, path: barrier, trust: {{ann: -20}}, flags: {{mood: cross, count: 5}}}}
      next: ask
    ask:
      narration: "Now."
      choices:
{options}
      next: done
    done:
      ending: {{kind: enabler, title: E, text: T}}
"""


def load(*options: str) -> LoadResult:
    body = "\n".join(f"        - {{id: o{i}, text: O{i}, path: other, {o}}}" for i, o in enumerate(options))
    files = {
        "tiny/scenario.yaml": MANIFEST.format(title="T", note="n", episodes="visit").encode(),
        "tiny/episodes/visit.yaml": EPISODE.format(options=body).encode(),
    }
    return load_files(files, "tiny/scenario.yaml", evidence())


def codes(result: LoadResult) -> list[str]:
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize(
    "options",
    [
        ('when: "trust.ann >= 50"', 'when: "trust.ann < 50"'),
        ('when: "flag.mood == \'calm\'"', 'when: "flag.mood != \'calm\'"'),
        ('when: "flag.mood == \'calm\'"', 'when: "flag.mood == \'cross\'"', 'when: "not flag.mood"'),
        ('when: "chose.warm"', 'when: "not chose.warm"'),
        ('when: "trust.ann > 30 or score.tone >= 2"', 'when: "trust.ann <= 30 and score.tone < 2"'),
        ('when: "trust.ann >= 0"',),
        ('when: "clock.time >= 10:00"', 'when: "clock.time < 10:00"'),
        ('when: "last.path == \'enabler\'"', 'when: "last.path != \'enabler\'"'),
        ('when: "flag.count >= 2"', 'when: "not flag.count"'),
        ('when: "trust.ann - 10 >= 20"', 'when: "trust.ann < 40"'),
    ],
)
def test_conditions_that_cover_every_state_are_accepted(options: tuple[str, ...]):
    """Options whose conditions between them hold in every state load without G511."""
    result = load(*options)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert "G511" not in codes(result)


@pytest.mark.parametrize(
    ("options", "example"),
    [
        (('when: "trust.ann >= 50"', 'when: "trust.ann < 40"'), "trust.ann is 40"),
        (('when: "flag.mood == \'calm\'"',), "flag.mood is not set"),
        (('when: "flag.mood == \'calm\'"', 'when: "flag.mood == \'cross\'"'), "flag.mood is not set"),
        (('when: "chose.warm"',), "chose.warm is false"),
        (('when: "flag.count > 2"', 'when: "not flag.count"'), "flag.count is 2"),
        (('when: "score.tone + score.timeliness < 3"', 'when: "trust.ann > 90"'), "score.tone is 3"),
    ],
)
def test_a_gap_is_an_error_with_an_example(options: tuple[str, ...], example: str):
    """A state in which no option is offered is refused (G511), naming that state."""
    result = load(*options)
    assert not result.ok
    g511 = [d for d in result.diagnostics if d.code == "G511"]
    assert g511 and example in g511[0].message, [d.render() for d in result.diagnostics]
    assert g511[0].location == "tiny/episodes/visit.yaml:15:5"


def test_unprovable_conditions_are_refused():
    """Conditions comparing two names with no gap found still cannot be proved: refused, saying why."""
    result = load('when: "score.tone >= score.timeliness"', 'when: "score.tone < score.timeliness"')
    g511 = [d for d in result.diagnostics if d.code == "G511"]
    assert g511 and "cannot prove" in g511[0].message


def test_an_otherwise_option_makes_a_decision_safe():
    """With an `otherwise` option, conditions may leave gaps: it is offered in them."""
    result = load('when: "trust.ann >= 50"', "otherwise: true")
    assert result.ok, [d.render() for d in result.diagnostics]


def test_otherwise_is_offered_only_when_nothing_else_is():
    """In play, the `otherwise` option appears exactly when every other option's condition fails."""
    result = load('when: "trust.ann >= 50"', "otherwise: true")
    assert result.scenario is not None
    warm = Session.replay(result.scenario, 0, ["warm"])
    assert [c.id for c in warm.choices] == ["o0"]
    cold = Session.replay(result.scenario, 0, ["cold"])
    assert [c.id for c in cold.choices] == ["o1"]


def test_otherwise_beside_an_open_option_is_a_warning():
    """An `otherwise` next to an option with no `when` can never be offered (G512)."""
    result = load("minutes: 1", "otherwise: true")
    assert "G512" in codes(result)
    assert result.ok


def test_check_reports_no_example_when_covered():
    """The proof itself: covered conditions give no example; a gap gives the values that show it."""
    trees = [cond.parse("trust.a >= 10"), cond.parse("trust.a < 10")]
    tests = [cond.compile_condition(t, lambda r, m: m) for t in trees]
    assert coverage.check(trees, tests, lambda r, m: m, {}).covered
    trees = [cond.parse("trust.a >= 10 and flag.x"), cond.parse("trust.a < 10")]
    tests = [cond.compile_condition(t, lambda r, m: m) for t in trees]
    verdict = coverage.check(trees, tests, lambda r, m: m, {"x": [True]})
    assert not verdict.covered
    assert verdict.describe() == "flag.x is not set and trust.a is 9" or "flag.x is not set" in verdict.describe()


def test_many_names_do_not_explode():
    """Twenty independent names are not tried in every combination: the check stays quick and refuses to guess."""
    parts = " and ".join(f"trust.p{i} >= 50" for i in range(20))
    trees = [cond.parse(parts), cond.parse(textwrap.dedent("trust.p0 < 50"))]
    tests = [cond.compile_condition(t, lambda r, m: m) for t in trees]
    verdict = coverage.check(trees, tests, lambda r, m: m, {})
    assert not verdict.covered
