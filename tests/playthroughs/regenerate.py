"""Record the golden playthroughs: choices (JSON) and the transcript they must produce (text).

Run ``python tests/playthroughs/regenerate.py`` after an intended change to a
shipped scenario's text or logic, read the diff of the .txt files as a
trainee would, and commit both. tests/test_playthroughs.py replays each
record and compares transcripts, straight through and after a save/restore
round trip at every step.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
sys.path.insert(0, str(PROJECT))

from simulator.engine.actions import CONTINUE, Choose  # noqa: E402
from simulator.engine.autoplay import policy  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.records.record import build_record  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402
from simulator.terminal import TextHost  # noqa: E402

#: (name, scenario folder, policy, seed)
PLAYTHROUGHS = [
    ("harris-enabler", "scenarios/harris-family", "enabler", 0),
    ("harris-barrier", "scenarios/harris-family", "barrier", 0),
    ("harris-enabler-1", "scenarios/harris-family", "enabler", 1),
    ("harris-random-3", "scenarios/harris-family", "random", 3),
    ("harris-random-20", "scenarios/harris-family", "random", 20),
    ("harris-random-6", "scenarios/harris-family", "random", 6),
    # The model answer when John chooses to abuse again: a July row (progress); a July call-out, then in October a
    # neighbour rings the police (escalation); a held July, then in October Fiona tells Sam (escalation).
    ("harris-enabler-16", "scenarios/harris-family", "enabler", 16),
    ("harris-enabler-4", "scenarios/harris-family", "enabler", 4),
    ("harris-enabler-12", "scenarios/harris-family", "enabler", 12),
    ("jay-enabler", "scenarios/jay-residential", "enabler", 0),
    ("jay-barrier", "scenarios/jay-residential", "barrier", 0),
    ("jay-random-5", "scenarios/jay-residential", "random", 5),
    ("jay-random-2", "scenarios/jay-residential", "random", 2),
    ("jay-random-6", "scenarios/jay-residential", "random", 6),
    ("campbell-enabler", "scenarios/campbell-care-act", "enabler", 0),
    ("campbell-barrier", "scenarios/campbell-care-act", "barrier", 0),
    ("campbell-random-2", "scenarios/campbell-care-act", "random", 2),
    ("campbell-random-3", "scenarios/campbell-care-act", "random", 3),
    ("campbell-random-8", "scenarios/campbell-care-act", "random", 8),
    ("campbell-random-49", "scenarios/campbell-care-act", "random", 49),
    ("small-visit-random-1", "docs/examples/small-visit", "random", 1),
]


def transcript(scenario, seed: int, actions) -> str:
    """The text host's transcript of replaying ``actions``."""
    out = io.StringIO()
    queue = list(actions)
    session = Session.start(scenario, seed=seed)
    host = TextHost(session, out)
    while not session.finished:
        host.show_node()
        if session.options:
            wanted = queue.pop(0)
            option = next(o for o in session.options if o.id == wanted)
            host.show_choice(option, session.act(Choose(option.id)))
        else:
            queue.pop(0)
            host.show_events(session.act(CONTINUE))
    host.show_node()
    host.show_ending()
    return out.getvalue()


def main() -> None:
    for name, folder, pol, seed in PLAYTHROUGHS:
        scenario = load_scenario(PROJECT / folder).scenario
        assert scenario is not None, folder
        session = Session.start(scenario, seed=seed)
        pick = policy(pol, seed)
        while not session.finished:
            session.choose(pick(session.choices)) if session.choices else session.proceed()
        record = build_record(session)
        (HERE / f"{name}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        actions = [s["choice"] for s in record["steps"]]
        (HERE / f"{name}.txt").write_text(transcript(scenario, seed, actions), encoding="utf-8")
        print(f"{name}: {len(actions)} actions, ending {record['ending']}")


if __name__ == "__main__":
    main()
