"""Golden playthroughs: recorded choices replay to the same transcript, with and without save/restore."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

sys.path.insert(0, str(Path(__file__).resolve().parent / "playthroughs"))
from regenerate import PLAYTHROUGHS, transcript

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.save import Save
from simulator.engine.session import Session
from simulator.records.record import build_record, replay_record
from simulator.scenario import load_scenario
from simulator.terminal import TextHost

HERE = Path(__file__).resolve().parent / "playthroughs"
_SCENARIOS: dict[str, object] = {}


def scenario_at(folder: str):
    if folder not in _SCENARIOS:
        result = load_scenario(PROJECT / folder)
        assert result.ok, [d.render() for d in result.errors]
        _SCENARIOS[folder] = result.scenario
    return _SCENARIOS[folder]


@pytest.mark.parametrize("name, folder, pol, seed", PLAYTHROUGHS, ids=[p[0] for p in PLAYTHROUGHS])
def test_replay_matches_the_golden_transcript(name, folder, pol, seed):
    """Replaying the recorded choices prints exactly the committed transcript and reaches the same record."""
    scenario = scenario_at(folder)
    record = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    expected = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    actions = [s["choice"] for s in record["steps"]]
    assert transcript(scenario, seed, actions) == expected
    assert build_record(replay_record(scenario, record)) == record


@pytest.mark.parametrize("name, folder, pol, seed", PLAYTHROUGHS, ids=[p[0] for p in PLAYTHROUGHS])
def test_replay_survives_a_save_and_restore_at_every_step(name, folder, pol, seed):
    """The same playthrough, saved to JSON and restored (replayed) before every action, prints the same transcript."""
    scenario = scenario_at(folder)
    record = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    expected = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    out = io.StringIO()
    session = Session.start(scenario, seed=seed)
    host = TextHost(session, out)
    for step in record["steps"]:
        restored = Session.restore(scenario, Save.from_dict(json.loads(json.dumps(session.save().to_dict()))))
        assert restored.state == session.state
        session = host.session = restored
        host.show_node()
        if step["choice"] is None:
            host.show_events(session.act(CONTINUE))
        else:
            option = next(o for o in session.options if o.id == step["choice"])
            host.show_choice(option, session.act(Choose(option.id)))
    host.show_node()
    host.show_ending()
    assert out.getvalue() == expected
