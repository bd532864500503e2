"""The room's web server on loopback, asked as phones and a facilitator would: the code on every request, votes, limits, bad requests, hostile clients."""

from __future__ import annotations

import html
import http.client
import http.cookiejar
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.scenario import load_scenario
from simulator.server import app as app_module
from simulator.server.app import Limits, RoomApp
from simulator.server.pages import Case
from simulator.server.run import RoomServer, ServeError
from simulator.workshop.control import Control
from simulator.workshop.facilitate import Workshop
from simulator.workshop.limits import Buckets
from simulator.workshop.room import Room

ROOT = Path(__file__).resolve().parent.parent
KEY = "facilitator-key-0123456789abcdef"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Served:
    base: str
    room: Room
    control: Control
    server: RoomServer

    def phone(self) -> Phone:
        return Phone(self.base)

    def host(self, action: str, value: str = "") -> dict[str, object]:
        data = urllib.parse.urlencode({"do": action, "value": value}).encode()
        request = urllib.request.Request(f"{self.base}/host/{KEY}/act", data=data, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as reply:
                return dict(json.load(reply))
        except urllib.error.HTTPError as exc:
            return dict(json.load(exc))


class Phone:
    """A phone's browser: its own cookies, no redirects followed unless asked."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def ask(self, path: str, form: dict[str, str] | None = None, *, json_reply: bool = False) -> tuple[int, str, dict[str, str]]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Accept": "application/json"} if json_reply else {}
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers), timeout=5) as reply:
                return reply.status, reply.read().decode(), dict(reply.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), dict(exc.headers)

    def join(self, code: str) -> int:
        return self.ask("/join", {"code": code})[0]

    def state(self) -> dict[str, object]:
        status, body, _ = self.ask("/state")
        assert status == 200, body
        return dict(json.loads(body))


@pytest.fixture
def served() -> Iterator[Served]:
    scenario = load_scenario(ROOT / "scenarios" / "campbell-care-act").scenario
    assert scenario is not None
    room = Room("K7QM", "play")
    control = Control(Workshop.start(scenario, "play", room))
    limits = Limits(per_address=Buckets(rate=50, burst=200), per_phone=Buckets(rate=20, burst=60), wrong_codes=Buckets(rate=0.1, burst=5))
    app = RoomApp(control, Case(scenario.title, scenario.content_notes, (("Your supervisor", "talk it through"),)), KEY, report=lambda: "<html>report</html>", limits=limits)
    server = RoomServer(app, ["127.0.0.1"], 0)
    port = server.start()
    try:
        yield Served(f"http://127.0.0.1:{port}", room, control, server)
    finally:
        server.stop()


def _to_question(served: Served) -> None:
    for _ in range(50):
        if served.control.workshop.stage == "question":
            return
        served.host("forward")
    raise AssertionError("no decision reached")


def test_a_phone_needs_the_code_and_every_request_checks_it(served: Served) -> None:
    """Without the room's code in its cookie a phone gets the join page or 403; a wrong code is 403; the right one joins."""
    phone = served.phone()
    assert phone.ask("/room")[0] == 303 and phone.ask("/state")[0] == 403 and phone.ask("/vote", {"option": "x"})[0] == 403
    status, body, _ = phone.ask("/join", {"code": "AAAA"})
    assert status == 403 and "not this room's code" in html.unescape(body)
    assert phone.join("k7qm") == 303
    assert phone.ask("/room")[0] == 200 and phone.state()["joined"] == 1
    forged = served.phone()
    forged.jar.set_cookie(_cookie("doorstep_phone", "made-up-token-0123456789"))
    forged.jar.set_cookie(_cookie("doorstep_room", "K7QM"))
    assert forged.ask("/state")[0] == 403
    wrong_room = served.phone()
    token = next(c.value for c in phone.jar if c.name == "doorstep_phone")
    wrong_room.jar.set_cookie(_cookie("doorstep_phone", token or ""))
    wrong_room.jar.set_cookie(_cookie("doorstep_room", "QQQQ"))
    assert wrong_room.ask("/state")[0] == 403


def test_the_qr_link_joins_at_once_and_a_phone_that_comes_back_keeps_its_vote(served: Served) -> None:
    """/?code= joins; the same cookies later are the same voter, whose vote stands and counts once."""
    phone = served.phone()
    assert phone.ask("/?code=K7QM")[0] == 303
    _to_question(served)
    served.host("open")
    option = served.room.question.options[1].id  # type: ignore[union-attr]
    status, body, _ = phone.ask("/vote", {"option": option}, json_reply=True)
    assert status == 200 and json.loads(body)["letter"] == "B"
    back = served.phone()
    for cookie in phone.jar:
        back.jar.set_cookie(cookie)
    assert back.ask("/?code=K7QM")[0] == 303  # the QR code scanned again
    assert back.state()["mine"] == option and served.room.view().voted == 1 and served.room.view().joined == 1


def test_votes_are_refused_outside_voting_and_the_tally_waits_for_the_reveal(served: Served) -> None:
    """409 before voting opens and after it closes; /state carries no tally until revealed."""
    phones = [served.phone() for _ in range(3)]
    for p in phones:
        p.join("K7QM")
    _to_question(served)
    first = served.room.question.options[0].id  # type: ignore[union-attr]
    status, body, _ = phones[0].ask("/vote", {"option": first}, json_reply=True)
    assert status == 409 and "not open" in json.loads(body)["said"]
    served.host("open")
    for p in phones:
        assert p.ask("/vote", {"option": first})[0] == 303
    assert phones[0].ask("/vote", {"option": "no-such-option"})[0] == 409
    assert all(p.state()["tally"] is None for p in phones) and phones[0].state()["voted"] == 3
    served.host("close")
    assert phones[1].ask("/vote", {"option": first}, json_reply=True)[0] == 409
    assert phones[2].state()["tally"] is None
    served.host("reveal")
    assert phones[2].state()["tally"][first] == 3  # type: ignore[index]


def test_the_live_stream_sends_the_page_again_on_every_change(served: Served) -> None:
    """/events answers with the phone's fragment, then again when another phone votes."""
    phone, other = served.phone(), served.phone()
    phone.join("K7QM")
    other.join("K7QM")
    _to_question(served)
    served.host("open")
    cookie = "; ".join(f"{c.name}={c.value}" for c in phone.jar)
    conn = http.client.HTTPConnection(served.base.removeprefix("http://"), timeout=5)
    conn.request("GET", "/events", headers={"Cookie": cookie})
    reply = conn.getresponse()
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/event-stream")
    first = _event(reply)
    assert "0 of 2 phones have voted" in first["html"]
    other.ask("/vote", {"option": served.room.question.options[0].id})  # type: ignore[union-attr]
    second = _event(reply)
    assert "1 of 2 phones have voted" in second["html"] and second["version"] > first["version"]
    conn.close()


def test_votes_in_a_burst_are_sent_together_and_the_reveal_at_once(served: Served) -> None:
    """Votes moments apart reach the other phones as one update; closing and revealing go straight out with the tally."""
    phones = [served.phone() for _ in range(3)]
    for p in phones:
        p.join("K7QM")
    _to_question(served)
    served.host("open")
    cookie = "; ".join(f"{c.name}={c.value}" for c in phones[0].jar)
    conn = http.client.HTTPConnection(served.base.removeprefix("http://"), timeout=5)
    conn.request("GET", "/events", headers={"Cookie": cookie})
    reply = conn.getresponse()
    first = _event(reply)
    assert "0 of 3 phones have voted" in first["html"]
    option = served.room.question.options[0].id  # type: ignore[union-attr]
    phones[1].ask("/vote", {"option": option})
    time.sleep(0.2)  # the first vote's update would have gone out by now were counts not gathered
    phones[2].ask("/vote", {"option": option})
    counted = _event(reply)
    assert "2 of 3 phones have voted" in counted["html"]
    phones[0].ask("/vote", {"option": option})
    served.host("close")
    served.host("reveal")
    second = _event(reply)
    assert "How the room voted (3 votes)" in second["html"] and second["version"] == served.room.view().version
    conn.close()


def test_limits_wrong_codes_and_floods_get_429_with_a_retry_time(served: Served) -> None:
    """Wrong codes from one address stop after a few; a flood of requests is refused with Retry-After."""
    phone = served.phone()
    codes = [phone.join("AAAA") for _ in range(7)]
    assert codes[:5] == [403] * 5 and codes[-1] == 429
    answers = [phone.ask("/") for _ in range(260)]
    refused = [answer for answer in answers if answer[0] == 429]
    assert refused and int(refused[0][2]["Retry-After"]) >= 1  # read from the flood itself: a later ask may find a token refilled


def test_bad_requests_get_4xx_never_a_traceback(served: Served, capfd: pytest.CaptureFixture[str]) -> None:
    """Unknown pages, wrong methods, a body too big, raw junk: 4xx answers, nothing on the server's stderr."""
    phone = served.phone()
    phone.join("K7QM")
    assert phone.ask("/nope")[0] == 404 and phone.ask("/host/wrong-key")[0] == 404
    assert phone.ask("/host/" + "x" * 5000)[0] in (404, 414, 431, 400)
    assert phone.ask("/join", {"code": "K" * 100_000})[0] == 413
    request = urllib.request.Request(served.base + "/vote", method="PUT")
    assert _status(phone, request) == 405
    host, port = served.base.removeprefix("http://").split(":")
    for junk in (b"\x00\xff\xfe garbage\r\n\r\n", b"GET /room HTTP/1.1\r\nHost: x\r\nCookie: \xff\xfe=\x00\r\n\r\n", b"POST /vote HTTP/1.1\r\nContent-Length: -5\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(junk)
            answer = sock.recv(200)
        assert re.match(rb"HTTP/1\.[01] (4\d\d|303)", answer), answer
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


def test_pages_load_nothing_from_anywhere_else_and_carry_a_strict_policy(served: Served) -> None:
    """The phone page inlines its style and script (allowed by hash), names no other host, and says its language."""
    phone = served.phone()
    status, page, headers = phone.ask("/")
    phone.join("K7QM")
    status, page, headers = phone.ask("/room")
    assert status == 200 and '<html lang="en-GB">' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "<link" not in page and "@import" not in page
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "'sha256-" in policy and "unsafe-eval" not in policy


def test_the_facilitator_drives_by_key_and_end_returns_the_report_and_stops_nothing_else(served: Served) -> None:
    """A wrong key is 404; actions answer in JSON; End answers with the report."""
    status, body, _ = served.phone().ask("/host/wrong")
    assert status == 404
    reply = served.host("fly")
    assert reply["ok"] is False
    phone = served.phone()
    status, body, _ = phone.ask(f"/host/{KEY}")
    assert status == 200 and "Running the workshop" in body
    request = urllib.request.Request(f"{served.base}/host/{KEY}/act", data=urllib.parse.urlencode({"do": "end", "sure": "on"}).encode())
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.read().decode() == "<html>report</html>"
    assert served.room.view().ended


def test_a_port_in_use_is_one_line() -> None:
    """Starting on a taken port fails with a sentence, not a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        scenario = load_scenario(ROOT / "scenarios" / "campbell-care-act").scenario
        assert scenario is not None
        control = Control(Workshop.start(scenario, "play", Room("K7QM", "play")))
        server = RoomServer(RoomApp(control, Case("x"), KEY), ["127.0.0.1"], port)
        with pytest.raises(ServeError, match="already in use"):
            server.start()


def _status(phone: Phone, request: urllib.request.Request) -> int:
    try:
        with phone.opener.open(request, timeout=5) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _event(reply: http.client.HTTPResponse) -> dict[str, object]:
    """The next update of a server-sent event stream (retry lines and the named "alive" events skipped)."""
    data: list[str] = []
    named = False
    while True:
        line = reply.readline().decode().rstrip("\n")
        if line.startswith("data: "):
            data.append(line[6:])
        elif line.startswith("event: "):
            named = True
        elif line == "":
            if data and not named:
                return dict(json.loads("\n".join(data)))
            data, named = [], False


def _cookie(name: str, value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {})


# -- hostile clients: forms it cannot read are 400s, junk is one line on the terminal, idle sockets are closed --
FORM = "application/x-www-form-urlencoded"


def _send(served: Served, raw: bytes, timeout: float = 5) -> bytes:
    host, port = served.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def _post(served: Served, path: str, body: bytes, content_type: str, cookie: str = "") -> int:
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{cookie}\r\n"
    answer = _send(served, head.encode() + body)
    match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    assert match, answer[:200]
    return int(match.group(1))


BAD_FORMS = [
    (b"code=\xff\xfe\xfd", FORM),
    (b"code=K7QM", FORM + "; charset=x-no-such-codec"),
    (b"--zz\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\n\xff\xfe\r\n--zz--\r\n", "multipart/form-data; boundary=zz"),
    (b"anything", "multipart/form-data"),
    (b"--zz\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nK7", "multipart/form-data; boundary=zz"),
]


@pytest.mark.parametrize(("body", "content_type"), BAD_FORMS)
def test_a_form_that_cannot_be_read_is_a_400_on_every_form(served: Served, body: bytes, content_type: str, capfd: pytest.CaptureFixture[str]) -> None:
    """Bytes that are not UTF-8, an unknown charset, multipart without or cut before its boundary: 400 at /join, /vote and the facilitator's /act."""
    phone = served.phone()
    assert phone.join("K7QM") == 303
    cookie = "Cookie: " + "; ".join(f"{c.name}={c.value}" for c in phone.jar) + "\r\n"
    assert _post(served, "/join", body, content_type) == 400
    assert _post(served, "/vote", body.replace(b"code", b"option"), content_type, cookie) == 400
    assert _post(served, f"/host/{KEY}/act", body.replace(b"code", b"do"), content_type) == 400
    out, err = capfd.readouterr()
    assert "request failed" not in err and "Traceback" not in out + err
    assert served.control.workshop.stage  # the room is untouched and still answers
    assert phone.state()["joined"] == 1


def test_a_request_aiohttp_cannot_parse_is_one_line_on_the_terminal(served: Served, capfd: pytest.CaptureFixture[str]) -> None:
    """A header with a NUL byte: 400 to the sender, and on the facilitator's terminal one line naming it, never aiohttp's traceback."""
    capfd.readouterr()
    answer = _send(served, b"GET /room HTTP/1.1\r\nHost: x\r\nCookie: a=\x00\r\n\r\n")
    assert answer.startswith(b"HTTP/1.") and b" 400 " in answer.split(b"\r\n")[0]
    time.sleep(0.2)
    out, err = capfd.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in out + err
    assert len(lines) == 1 and lines[0].startswith("doorstep workshop: ") and "BadHttpMessage" in lines[0]


def test_a_connection_that_never_finishes_its_request_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slowloris client (headers dripped, never ended) or an idle socket is closed after IDLE_S, not held for aiohttp's default hour."""
    monkeypatch.setattr(app_module, "IDLE_S", 0.5)
    scenario = load_scenario(ROOT / "scenarios" / "campbell-care-act").scenario
    assert scenario is not None
    control = Control(Workshop.start(scenario, "play", Room("K7QM", "play")))
    server = RoomServer(RoomApp(control, Case("x"), KEY), ["127.0.0.1"], 0)
    port = server.start()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as slow, socket.create_connection(("127.0.0.1", port), timeout=5) as idle:
            slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            for _ in range(12):  # dripping is not finishing: the connection is still closed
                time.sleep(0.25)
                try:
                    slow.sendall(b"X-Drip: a\r\n")
                except OSError:
                    break
            assert _closed(slow) and _closed(idle)
            assert time.monotonic() - started < 3
    finally:
        server.stop()


def _closed(sock: socket.socket) -> bool:
    try:
        return sock.recv(100) == b""
    except ConnectionResetError:
        return True


def test_a_body_that_never_arrives_is_a_408_and_a_phone_that_vanishes_says_nothing(served: Served, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """A form shorter than its Content-Length is answered 408 after BODY_S, not waited on for ever; one cut off mid-body leaves no line on the terminal."""
    monkeypatch.setattr(app_module, "BODY_S", 0.5)
    host, port = served.base.removeprefix("http://").split(":")
    head = f"POST /join HTTP/1.1\r\nHost: x\r\nContent-Type: {FORM}\r\nContent-Length: 1000\r\n\r\ncode=K7".encode()
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head)
        started = time.monotonic()
        assert b" 408 " in sock.recv(200).split(b"\r\n")[0]
        assert time.monotonic() - started < 3
    for _ in range(5):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # close with a reset
            sock.sendall(head)
            time.sleep(0.1)
    time.sleep(0.5)
    out, err = capfd.readouterr()
    assert "request failed" not in err and "Traceback" not in out + err
