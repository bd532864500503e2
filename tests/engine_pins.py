"""What seeded play, spreads and analysis produced before the engine was optimised: the pins tests/test_engine_pins.py checks.

The engine's fast paths (precomputed option tables, the inlined shuffle, the
spread's lean loop, the bounds' tighter pass) must give exactly the results
the plain code gave: the same options in the same order, the same chance
rolls, the same steps, scores, trust and ending. The pins in
``engine_pins.json`` were computed by the unoptimised engine (main at
9db970a, before any of that work) and are not regenerated from the optimised
one to make a test pass.

When a pinned case's content changes on purpose (a new line, a new
option), its pins change too, like the golden playthroughs: run
``python tests/engine_pins.py``, and read ``git diff tests/engine_pins.json``
(each play lists its choices, ending, scores and trust; the digest covers
every step and the final state).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))

from simulator.analysis.overview import analyze  # noqa: E402
from simulator.analysis.overview import to_dict as overview_dict  # noqa: E402
from simulator.analysis.spread import spread  # noqa: E402
from simulator.analysis.spread import to_dict as spread_dict  # noqa: E402
from simulator.engine.actions import CONTINUE, SKIP, Choose  # noqa: E402
from simulator.engine.autoplay import policy  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402
from simulator.scenario.model import Scenario  # noqa: E402

PINS = HERE / "engine_pins.json"
# Cases whose content the tests own, so the pins move only when the engine does: a shipped scenario's content
# changes often, and pins of it would fail every branch that meets another's edit. The shipped scenarios are held
# to the plain code live instead (tests/test_engine_fast.py) and by the golden playthroughs.
CASES = ("tests/fixtures/adult", "docs/examples/small-visit")
#: (policy, seed, skip every Nth action or 0): random seeds, the canonical paths with their chance routes, and skips.
PLAYS = (
    ("random", 0, 0),
    ("random", 1, 0),
    ("random", 5, 0),
    ("random", 13, 0),
    ("random", 99, 0),
    ("enabler", 0, 0),
    ("enabler", 4, 0),
    ("enabler", 16, 0),
    ("barrier", 0, 0),
    ("barrier", 3, 0),
    ("random", 7, 9),
    ("enabler", 2, 13),
)
SPREAD = 200


def digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def play(scenario: Scenario, name: str, seed: int, skip_every: int) -> Session:
    """A playthrough through ``Session.act``, as hosts drive it, skipping the scene every ``skip_every`` actions."""
    session = Session.start(scenario, seed)
    pick = policy(name, seed)
    n = 0
    while not session.finished:
        n += 1
        if skip_every and n % skip_every == 0:
            session.act(SKIP)
        elif session.choices:
            session.act(Choose(pick(session.choices).id))
        else:
            session.act(CONTINUE)
    return session


def play_pin(session: Session) -> dict[str, Any]:
    s = session.state
    return {
        "choices": " ".join(step.choice or "-" for step in s.steps),
        "ending": s.node,
        "scores": dict(s.scores),
        "trust": dict(s.trust),
        "steps": len(s.steps),
        "digest": digest({"steps": [step.to_dict() for step in s.steps], "state": s.to_dict()}),
    }


def pins_for(case: str) -> dict[str, Any]:
    scenario = load_scenario(PROJECT / case).scenario
    assert scenario is not None, case
    plays = {f"{name} {seed} skip {skip}": play_pin(play(scenario, name, seed, skip)) for name, seed, skip in PLAYS}
    spreads: dict[str, Any] = {}
    for name in ("random", "enabler", "barrier"):
        whole = spread_dict(spread(scenario, SPREAD, policy=name, workers=1))
        endings: Any = whole["endings"]
        spreads[name] = {"endings": {e["node"]: [e["count"], e["first_seed"]] for e in endings}, "digest": digest(whole)}
    overview = overview_dict(analyze(scenario))
    total = {d: [r["low"], r["high"]] for d, r in overview["bounds"]["total"].items()}
    reachable = {e["node"]: e["reachable"] for e in overview["endings"]}
    return {"plays": plays, "spreads": spreads, "analysis": {"bounds": total, "reachable": reachable, "digest": digest(overview)}}


def main() -> None:
    pins = {case: pins_for(case) for case in CASES}
    PINS.write_text(json.dumps(pins, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PINS.relative_to(PROJECT)}: {sum(len(p['plays']) for p in pins.values())} plays, {len(CASES)} cases")


if __name__ == "__main__":
    main()
