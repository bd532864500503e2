"""Host actions: one typed value each, one way to apply them, and the record encoding every record ever written uses."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from simulator.engine import CONTINUE, SKIP, Choose, Session, SessionError
from simulator.engine.actions import ActionError, decode, encode
from simulator.records.record import build_record, replay_record, save_of
from simulator.report.debrief import trace_record

OLD_RECORD = FIXTURES / "records" / "mini-skip-format1.json"


def test_actions_encode_as_records_always_have():
    """A choice is its id, a continue None, a skip "@skip"; decoding gives the same action back."""
    assert [encode(a) for a in (Choose("go-now"), CONTINUE, SKIP)] == ["go-now", None, "@skip"]
    for action in (Choose("go-now"), CONTINUE, SKIP):
        assert decode(encode(action)) == action
    assert decode(SKIP) is SKIP


@pytest.mark.parametrize("bad", ["", "@rewind", 7, ["go-now"]])
def test_values_that_are_not_actions_are_refused(bad):
    """An empty id, an unknown @-code or a value of another type is an ActionError, not a silent continue."""
    with pytest.raises(ActionError):
        decode(bad)


def test_act_is_the_one_way_to_move_on(mini):
    """Choose, continue and skip all go through act, and choose/proceed are shorthands for it."""
    a, b = Session.start(mini), Session.start(mini)
    assert a.act(Choose("go-now")) == b.choose("go-now")
    with pytest.raises(SessionError, match="not offered"):
        a.act(Choose("go-now"))
    with pytest.raises(SessionError, match="nothing to continue"):
        a.act(CONTINUE)
    assert a.act(SKIP).choice == "@skip"
    with pytest.raises(SessionError, match="has ended"):
        a.act(SKIP)


def test_a_record_written_before_typed_actions_still_replays(mini):
    """A record saved by the string-action engine (a choice, then "@skip") replays to the same record and traces."""
    record = json.loads(OLD_RECORD.read_text())
    assert [s["choice"] for s in record["steps"]] == ["go-now", "@skip"]
    session = replay_record(mini, record)
    assert build_record(session, {"mode": "coach"}) == record
    assert save_of(record) == session.save()
    assert [s.skipped for s in trace_record(mini, record).steps] == [False, True]


def test_a_record_with_an_unknown_action_is_refused(mini):
    """A step whose action is not one (an unknown @-code) is a RecordError naming the step."""
    from simulator.records.record import RecordError

    record = json.loads(OLD_RECORD.read_text())
    record["steps"][1]["choice"] = "@undo"
    with pytest.raises(RecordError, match="step 2"):
        replay_record(mini, record)
    with pytest.raises(RecordError, match="damaged"):
        save_of(record)
