"""Writes the Harris case's measured figures into docs/harris-outline.md, from the playthroughs themselves.

Run ``python tests/harris_figures.py`` after a change that can move where the Harris case ends
(routes, chances, gates, scores); tests/test_practice_review9.py fails while the committed table is
stale. The figures are the 200 seeded playthroughs ``doorstep analyze scenarios/harris-family
--spread 200 --policy POLICY`` plays (seeds 0-199), by the same engine
(:func:`simulator.engine.outcome.play_out`, which tests/test_engine_outcome.py holds to them).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from simulator.engine.outcome import play_out  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402
from simulator.scenario.model import Scenario  # noqa: E402

OUTLINE = PROJECT / "docs" / "harris-outline.md"
HARRIS = PROJECT / "scenarios" / "harris-family"
PLAYS = 200
#: (policy, how the outline names it)
POLICIES = (("random", "random play"), ("enabler", "the model answer"), ("barrier", "the barrier path"))
#: the ending nodes, in the order the table gives them
ENDINGS = (
    ("ending.ending-stepped-down", "stepped down"),
    ("ending.ending-progress", "progress"),
    ("ending.ending-plan-continues", "plan continues"),
    ("ending.ending-escalation", "pre-proceedings"),
)
#: the three versions of the July night, by the node the episode's first route goes to
JULY = (("setback.held", "held"), ("setback.row", "row"), ("setback.callout-call", "call-out"))
BEGIN = (
    "<!-- harris-figures: written by `python tests/harris_figures.py`; tests/test_practice_review9.py fails while it is stale -->"
)
END = "<!-- harris-figures: end -->"
BLOCK = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.DOTALL)


def measure(scenario: Scenario, policy: str, plays: int = PLAYS) -> dict[str, int]:
    """Where ``plays`` seeded playthroughs by ``policy`` ended, how July went, and how often a second incident happened and was told."""
    tally: Counter[str] = Counter()
    for seed in range(plays):
        state = play_out(scenario, seed, policy)
        tally[state.node] += 1
        july = [name for node, name in JULY if node in state.seen]
        assert len(july) == 1, (policy, seed, july)
        tally["july:" + july[0]] += 1
        tally["second"] += bool(state.flags.get("second-incident"))
        tally["told"] += bool(state.flags.get("second-incident-disclosed"))
    return dict(tally)


def measure_all(scenario: Scenario) -> dict[str, dict[str, int]]:
    """:func:`measure` for each policy the table shows."""
    return {policy: measure(scenario, policy) for policy, _ in POLICIES}


def render(measured: dict[str, dict[str, int]]) -> str:
    """The table, between its markers, as the outline should hold it (from :func:`measure_all`)."""
    head = (
        "| 200 seeded playthroughs (seeds 0-199) | "
        + " | ".join(name for _, name in ENDINGS)
        + " | July: held / row / call-out | a second incident / told of it |"
    )
    rows = [BEGIN, head, "|---" * (len(ENDINGS) + 3) + "|"]
    for policy, label in POLICIES:
        got = measured[policy]
        endings = " | ".join(str(got.get(node, 0)) for node, _ in ENDINGS)
        july = " / ".join(str(got.get("july:" + name, 0)) for _, name in JULY)
        rows.append(f"| {label} (`--policy {policy}`) | {endings} | {july} | {got['second']} / {got['told']} |")
    rows.append(END)
    return "\n".join(rows)


def current(text: str) -> str:
    """The table the outline holds now ("" when it has none)."""
    found = BLOCK.search(text)
    return found.group(0) if found else ""


def main() -> int:
    result = load_scenario(HARRIS)
    if not result.ok:
        print("the Harris case does not load; fix it first", file=sys.stderr)
        return 1
    text = OUTLINE.read_text(encoding="utf-8")
    if not current(text):
        print(f"{OUTLINE}: no harris-figures markers to write between", file=sys.stderr)
        return 1
    OUTLINE.write_text(BLOCK.sub(lambda _: render(measure_all(result.scenario)), text), encoding="utf-8")
    print(f"wrote the figures into {OUTLINE.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
