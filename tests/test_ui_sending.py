"""The window sends a playthrough to the course's LRS in the background, and shows what it is doing."""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from lrs_ralph import PASSWORD, USERNAME
from test_ui_playthrough import on_path, play_to_debrief, start_new

from simulator.records import outbox
from simulator.records.store import Store
from simulator.ui.driver import Driver, make_app
from simulator.xapi import vocab
from simulator.xapi.config import LRSSettings, load_lrs_settings, save_lrs_settings

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def open_settings(d: Driver) -> None:
    assert d.top.name == "title"
    assert d.tab_to("settings")
    d.key(pygame.K_RETURN)
    assert d.top.name == "settings"
    assert d.tab_to("sending")
    d.key(pygame.K_RETURN)
    assert d.top.name == "sending"


def wait_for(done, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.05)
    return done()


def test_a_playthrough_in_the_window_reaches_the_lrs_without_a_click_waiting(ralph, tmp_path: Path):
    """With sending switched on, a keyboard playthrough's statements arrive in the LRS from the background sender."""
    assert save_lrs_settings(LRSSettings(enabled=True, endpoint=ralph.endpoint, username=USERNAME, password=PASSWORD), tmp_path / "config") is None
    app = make_app(tmp_path, EXAMPLE)
    d = Driver(app)
    try:
        assert app.flow.sender is not None and app.flow.sender.alive
        app.flow.sender._quiet_s = 0.05
        start_new(d)
        chosen = play_to_debrief(d, on_path("enabler"))
        d.top.run.flush()
        store, _ = Store.open(tmp_path / "data" / "records.sqlite3", repair=False)
        try:
            def all_sent() -> bool:  # the whole playthrough, up to terminated, queued and sent (not just an earlier pass's share)
                rows = outbox.rows(store)
                return any(r.statement["verb"]["id"] == vocab.VERBS["terminated"] for r in rows) and all(r.state == "sent" for r in rows)

            assert wait_for(all_sent)
            rows = outbox.rows(store)
            answered = [r.statement["result"]["response"] for r in rows if r.statement["verb"]["id"] == vocab.VERBS["answered"]]
            assert answered == chosen
            assert {r.statement_id for r in rows} == {s["id"] for s in ralph.registration(rows[0].registration)}
        finally:
            store.close()
    finally:
        app.close()


def test_versions_watched_to_their_end_reach_the_lrs_as_experienced_and_no_cohort_counts_them(ralph, tmp_path: Path):
    """Watch mode with sending on: each version of an episode watched to its end is sent as experienced, never as a playthrough."""
    from test_ui_watch import open_watch, play_through

    from simulator.records.xapi_ids import pseudonym
    from simulator.scenario import load_scenario
    from simulator.xapi.cohort_lrs import played_from_statements

    assert save_lrs_settings(LRSSettings(enabled=True, endpoint=ralph.endpoint, username=USERNAME, password=PASSWORD), tmp_path / "config") is None
    app = make_app(tmp_path, EXAMPLE)
    d = Driver(app)
    try:
        assert app.flow.sender is not None
        app.flow.sender._quiet_s = 0.05
        open_watch(d)
        d.key(pygame.K_RETURN)
        assert d.top.name == "watch-intro"
        d.key(pygame.K_RETURN)
        d.key(pygame.K_n)  # a version skipped before its end is not reported
        assert d.top.name == "watch-intro" and d.top.heading == "At the door"
        d.key(pygame.K_p)
        assert d.top.heading == "Before you leave"
        d.key(pygame.K_RETURN)
        while d.top.name != "watch-closing":
            play_through(d)
            if d.top.name == "watch-between":
                d.key(pygame.K_RETURN)
        app.flow.saver.drain()
        store, _ = Store.open(tmp_path / "data" / "records.sqlite3", repair=False)
        try:
            assert wait_for(lambda: len(outbox.rows(store)) == 2 and all(r.state == "sent" for r in outbox.rows(store)))
            rows = outbox.rows(store)
            assert {r.statement["verb"]["id"] for r in rows} == {vocab.VERBS["experienced"]}
            assert sorted(r.statement["context"]["extensions"][vocab.EXT_VERSION_WATCHED] for r in rows) == ["barrier", "enabler"]
            assert {r.statement["context"]["extensions"][vocab.EXT_EPISODE] for r in rows} == {"prepare"}
            assert all(r.playthrough_id is None for r in rows) and len({r.registration for r in rows}) == 1
            stored = ralph.registration(rows[0].registration)
            assert sorted(s["id"] for s in stored) == sorted(r.statement_id for r in rows)
            assert {s["actor"]["account"]["name"] for s in stored} == {pseudonym(outbox.secret(store))}
            assert played_from_statements(load_scenario(EXAMPLE).scenario, stored) == []
        finally:
            store.close()
    finally:
        app.close()


def test_the_sending_screen_switches_off_and_keeps_privacy_choices(ralph, tmp_path: Path):
    """Settings → Sending your records shows where records go, toggles sending and what is shared, saving each change."""
    config = tmp_path / "config"
    save_lrs_settings(LRSSettings(enabled=True, endpoint=ralph.endpoint, username=USERNAME, password=PASSWORD), config)
    app = make_app(tmp_path, EXAMPLE)
    d = Driver(app)
    try:
        open_settings(d)
        assert ralph.endpoint.split("/")[2] in repr(d.top._paras) and PASSWORD not in repr(d.top._paras)
        assert d.tab_to("send-reflections")
        d.key(pygame.K_RETURN)
        assert load_lrs_settings(config)[0].send_reflections
        assert d.tab_to("enabled")
        d.key(pygame.K_RETURN)
        assert not load_lrs_settings(config)[0].enabled and app.flow.sender is None
        assert d.tab_to("outbox")
        d.key(pygame.K_RETURN)
        assert d.top.name == "outbox"
        assert [b.key for b in d.top.group.buttons] == ["done"]  # nothing waiting: no Try now that would do nothing
        d.key(pygame.K_ESCAPE)
        assert d.top.name == "sending"
    finally:
        app.close()


def test_a_run_for_a_handout_sends_nothing_though_sending_is_on(tmp_path: Path):
    """A clean-profile run (watch --screenshots or --auto-advance: none of this machine's settings) starts no sender."""
    assert save_lrs_settings(LRSSettings(enabled=True, endpoint="http://127.0.0.1:9/xapi/", username="u", password="p"), tmp_path / "config") is None
    app = make_app(tmp_path, EXAMPLE, clean=True)
    try:
        assert app.flow.store is not None and app.flow.sender is None
    finally:
        app.close()
    app = make_app(tmp_path, EXAMPLE)
    try:
        assert app.flow.sender is not None  # the same machine's ordinary window does send
    finally:
        app.close()


def test_without_an_lrs_the_window_sends_nothing_and_settings_stay_as_they_were(tmp_path: Path):
    """No lrs.json: no sender thread, and the settings screen offers nothing about sending."""
    app = make_app(tmp_path, EXAMPLE)
    d = Driver(app)
    try:
        assert app.flow.sender is None
        assert d.tab_to("settings")
        d.key(pygame.K_RETURN)
        assert d.top.name == "settings" and "sending" not in [b.key for b in d.top.group.buttons]
    finally:
        app.close()


def test_a_cohort_file_dropped_on_the_window_shows_how_others_chose(tmp_path: Path):
    """Drop a `doorstep cohort --json` file on the window: a decision's detail then gives the cohort's shares beside your choice."""
    import json

    from test_ui_compare import TITLE_TO_DEBRIEF, compare_after, words

    from simulator.engine.autoplay import policy
    from simulator.engine.session import Session
    from simulator.records.record import build_record
    from simulator.report.cohort import build_cohort, played_of
    from simulator.report.debrief import trace_record
    from simulator.scenario import load_scenario

    scenario = load_scenario(EXAMPLE).scenario
    runs = []
    for seed in range(20):
        session = Session.start(scenario, seed)
        pick = policy("random", seed)
        while not session.finished:
            session.choose(pick(session.choices)) if session.choices else session.proceed()
        runs.append(played_of(trace_record(scenario, build_record(session))))
    cohort = build_cohort(scenario, runs)
    made = tmp_path / "cohort.json"
    made.write_text(json.dumps(cohort.to_dict()))
    (tmp_path / "not-a-cohort.json").write_text('{"kind": "doorstep-debrief"}')
    d = compare_after(tmp_path, TITLE_TO_DEBRIEF)
    try:
        pygame.event.post(pygame.event.Event(pygame.DROPFILE, file=str(tmp_path / "not-a-cohort.json")))
        d.step()
        assert d.top.name == "notice" and "was not kept" in repr(d.top.body)
        d.key(pygame.K_RETURN)
        pygame.event.post(pygame.event.Event(pygame.DROPFILE, file=str(made)))
        d.step()
        assert d.top.name == "notice" and "How 20 playthroughs chose" in repr(d.top.body)
        d.key(pygame.K_RETURN)
        assert d.top.name == "compare"
        d.key(pygame.K_HOME)
        d.key(pygame.K_RETURN)
        assert d.top.name == "decision"
        tally = cohort.decision(scenario.choice_by_id[TITLE_TO_DEBRIEF[0]].node)
        here = sum(o.chosen for o in tally.options)
        mine = next(o.chosen for o in tally.options if o.id == TITLE_TO_DEBRIEF[0])
        assert f"Of {here} in the cohort who came to this decision (20 playthroughs in all), {round(100 * mine / here)}% chose as you did" in words(d.top)
    finally:
        d.app.close()


def test_the_outbox_gives_times_on_the_trainees_own_clock(monkeypatch):
    """The store keeps UTC; the outbox shows the machine's own time (British Summer Time an hour on), and odd values as they are."""
    from simulator.ui.shell.outbox import _when

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        assert _when("2026-07-06T09:14:00+00:00") == "6 Jul 2026, 10:14"
        assert _when("2026-12-06T09:14:00+00:00") == "6 Dec 2026, 09:14"
        assert (_when(None), _when("not a time")) == ("never", "not a time")
    finally:
        monkeypatch.undo()
        time.tzset()
