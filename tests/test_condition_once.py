"""A condition an episode writes again is checked once when it has nothing to say, and said at every place when it has."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from conftest import PROJECT

from simulator.authoring.scaffold import files
from simulator.scenario.loader import load_scenario

FOLLOW = "episodes/follow-up.yaml"
TWO_LINES = '''        - {speaker: alex, text: "You came back when you said.", when: "chose.give-a-date"}
        - {speaker: alex, text: "I wasn't sure you'd come.", when: "not chose.give-a-date"}
'''


def _case(tmp_path: Path, when: str) -> Path:
    """The scaffold's case with both of the follow-up's first lines guarded by ``when``."""
    folder = tmp_path / "case"
    texts = files("case")
    assert TWO_LINES in texts[FOLLOW]
    texts[FOLLOW] = texts[FOLLOW].replace(TWO_LINES, TWO_LINES.replace('"chose.give-a-date"', f'"{when}"').replace('"not chose.give-a-date"', f'"{when}"'))
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_harris_repeats_conditions_and_each_is_checked_once_per_episode():
    """On Harris the same `when` written again in an episode is the very condition checked the first time."""
    scenario = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert scenario is not None
    made: dict[tuple[str, str], set[int]] = defaultdict(set)
    uses = 0
    for node in scenario.nodes.values():
        for part in (*node.lines, *node.choices, *node.route):
            if part.when is not None:
                made[(part.when.source, node.episode)].add(id(part.when))
                uses += 1
    assert uses > len(made) + 100  # Harris writes many conditions more than once
    assert all(len(ids) == 1 for ids in made.values())


def test_a_repeated_condition_with_nothing_to_say_still_works_on_each_line(tmp_path: Path):
    """Both lines guarded by one condition are shown or hidden together, as the condition says."""
    scenario = load_scenario(_case(tmp_path, "trust.alex >= 40")).scenario
    assert scenario is not None
    first, second = scenario.nodes["follow-up.back"].lines[:2]
    assert first.when is second.when is not None
    assert first.when.source == "trust.alex >= 40"


def test_a_repeated_condition_with_something_to_say_is_said_at_each_line(tmp_path: Path):
    """A flag no choice sets (C603) and a condition that never holds (C606), each written on two lines: a message at each line."""
    for when, code in (("flag.never-set", "C603"), ("trust.alex > 100", "C606")):
        result = load_scenario(_case(tmp_path / code, when))
        said = [(d.file, d.line) for d in result.diagnostics if d.code == code]
        assert len(said) == 2 and said[0][1] != said[1][1], (code, said)
        assert all(f.endswith(FOLLOW) for f, _ in said)


def test_a_condition_written_in_several_episodes_is_checked_once_per_case_unless_it_reads_seen():
    """Harris writes many conditions in more than one episode: each is one condition for the whole case, except where it
    reads `seen.`, whose names are the episode's own nodes, so each episode checks (and resolves) it for itself."""
    scenario = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert scenario is not None
    made: dict[str, set[int]] = defaultdict(set)
    episodes: dict[str, set[str]] = defaultdict(set)
    for node in scenario.nodes.values():
        for part in (*node.lines, *node.choices, *node.route):
            if part.when is not None:
                made[part.when.source].add(id(part.when))
                episodes[part.when.source].add(node.episode)
    across = [source for source in made if len(episodes[source]) > 1]
    assert len([s for s in across if "seen" not in s]) > 10
    assert all(len(made[s]) == 1 for s in across if "seen" not in s)
    assert all(len(made[s]) == len(episodes[s]) for s in across if "seen" in s)
    assert "seen.john-walks-out" in across  # a local node's name, resolved in each episode that writes it
