"""An LRS that hangs, drips, redirects, nests or never ends: one LRSError within the timeout, never a traceback, never the password elsewhere."""

from __future__ import annotations

import time

import pytest
from conftest import PROJECT
from loopback_lrs import MODES, HostileLRS

from simulator.cli import main
from simulator.xapi.lrs import Client, LRSError, check_endpoint

TIMEOUT = 1.5


@pytest.mark.parametrize("mode", MODES)
def test_every_misbehaving_lrs_is_an_lrs_error_within_the_timeout(mode):
    """Reading, posting and putting against each hostile mode end in an answer or an LRSError, within the timeout plus a margin."""
    with HostileLRS(mode) as lrs:
        client = Client(lrs.endpoint, "key", "secret", timeout=TIMEOUT)
        for ask in (lambda: client.query({"limit": "1"}), lambda: client.post([{"id": "x"}]), lambda: client.put({"id": "x"})):
            started = time.monotonic()
            try:
                ask()
            except LRSError as exc:
                assert "\n" not in str(exc) and len(str(exc)) < 600
            assert time.monotonic() - started < TIMEOUT + 3, mode


@pytest.mark.parametrize("mode", ["drip-body", "drip-headers"])
def test_an_lrs_that_drips_is_cut_off_at_the_timeout(mode):
    """A byte every 0.3 s keeps each socket read alive: the whole request still ends at its timeout, as 'did not ... answer'."""
    with HostileLRS(mode) as lrs:
        started = time.monotonic()
        with pytest.raises(LRSError, match=r"within 1\.5 seconds") as caught:
            Client(lrs.endpoint, "key", "secret", timeout=TIMEOUT).query({"limit": "1"})
        assert caught.value.transient
        assert time.monotonic() - started < TIMEOUT + 1.5


def test_a_redirect_is_not_followed_so_the_password_stays_with_the_lrs():
    """An LRS answering 302 to another server: Doorstep says so (a setup problem) and the other server never sees the credentials."""
    with HostileLRS("close") as elsewhere, HostileLRS("redirect", redirect_to=f"http://127.0.0.1:{elsewhere.port}/steal") as lrs:
        for ask in ("query", "post"):
            with pytest.raises(LRSError, match="does not follow it") as caught:
                client = Client(lrs.endpoint, "key", "secret", timeout=TIMEOUT)
                client.query({"limit": "1"}) if ask == "query" else client.post([{"id": "x"}])
            assert caught.value.kind == "setup"
        time.sleep(0.2)
        assert elsewhere.requests == []
        assert lrs.requests and all(headers.get("authorization", "").startswith("Basic ") for _, headers in lrs.requests)


def test_an_error_body_nested_deep_is_one_line_not_a_recursion_error():
    """A 400 whose body is JSON nested 200,000 deep: LRSError('rejected'), not RecursionError from reading its detail."""
    with HostileLRS("deep-error") as lrs, pytest.raises(LRSError) as caught:
        Client(lrs.endpoint, "key", "secret", timeout=TIMEOUT).post([{"id": "x"}])
    assert caught.value.kind == "rejected"


def test_more_links_that_never_end_are_refused_not_followed_for_ever():
    """Each page hands back a new `more` link: the query stops with an LRSError naming the endless pages."""
    with HostileLRS("endless-more") as lrs:
        started = time.monotonic()
        with pytest.raises(LRSError, match="never end"):
            Client(lrs.endpoint, "key", "secret", timeout=TIMEOUT).query({"limit": "1"})
        assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    "endpoint",
    ["http://127.0.0.1:99999/x/", "http://[::1/", "http://a b/", "http://" + "a" * 70 + ".example/", "http://127.0.0.1:0/", "http://x/\x00/", "https://h:-1/"],
)
def test_an_endpoint_no_connection_can_use_is_refused_when_given(endpoint):
    """A port over 65535, a broken IPv6 literal, a space, a label over 63 letters: ValueError at once (exit 2), not an error mid-send."""
    with pytest.raises(ValueError, match="endpoint"):
        check_endpoint(endpoint)


@pytest.mark.parametrize("mode", ["drip-headers", "redirect", "deep-error", "not-json"])
def test_the_commands_say_one_line_against_a_hostile_lrs(mode, tmp_path, monkeypatch, capsys):
    """xapi setup --check and cohort --endpoint against a hostile LRS: exit 1, one line on stderr, nothing written."""
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    with HostileLRS(mode) as lrs:
        common = ["--endpoint", lrs.endpoint, "--username", "u", "--password", "p", "--timeout", str(TIMEOUT)]
        assert main(["xapi", "setup", *common, "--check"]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "LRS" in err[0]
        assert main(["cohort", *common, "--only", "small-visit", "--scenario", str(PROJECT / "docs" / "examples" / "small-visit"), "--json", str(tmp_path / "c.json")]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "LRS" in err[0]
        assert not (tmp_path / "c.json").exists()


@pytest.mark.parametrize("status", ["400", "401", "403", "404", "409", "413", "429", "503", "204"])
def test_an_lrs_that_refuses_loses_nothing_and_the_next_push_sends_each_statement_once(status, ralph, visit, tmp_path):
    """Each refusal (with a huge or garbled Retry-After, an HTML or 70 kB body, control characters) is one line of
    error; no statement is marked sent; and the next push, to an LRS that works, delivers every one exactly once."""
    from lrs_ralph import PASSWORD, USERNAME
    from test_xapi_lrs import _everything_once
    from xapi_helpers import START, save_playthrough, scenarios_of

    from simulator.records import outbox
    from simulator.records.store import Store
    from simulator.xapi.identity import Options
    from simulator.xapi.sender import push

    store, _ = Store.open(tmp_path / "records.sqlite3")
    for seed in (1, 2):
        save_playthrough(store, visit, "random", seed)
    with HostileLRS(f"status-{status}") as lrs:
        done = push(store, Client(lrs.endpoint, "u", "p", timeout=TIMEOUT), scenarios_of(visit), Options(), lambda: START)
    said = str(done.error)
    assert done.error is not None and "\n" not in said and len(said) < 600 and not any(c in said for c in "\x1b\x07\u202e"), said
    after = outbox.status(store)
    assert after.counts["sent"] == 0 and after.waiting > 0, (status, after)
    done = push(store, Client(ralph.endpoint, USERNAME, PASSWORD), scenarios_of(visit), Options(), lambda: START)
    assert done.error is None, done.error
    _everything_once(ralph, store)
    store.close()
