"""The live room's server against a device on the room's Wi-Fi that floods it: the phones that came still get in.

From addresses other than the facilitator's own (127.0.0.2 and up: loopback serves them on Linux): a flood of
connections held open is capped at a few dozen from one address, so the server keeps files for everyone else;
one device joining over and over is refused after a few, so it cannot fill the room. The whole set of attacks on a
real `doorstep workshop --no-window` limited to 256 open files is bench/attack_workshop.py (make fuzz).
"""

from __future__ import annotations

import socket
import sys
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from simulator.server.app import RoomApp
from simulator.server.guard import PER_ADDRESS
from simulator.server.pages import Case
from simulator.server.run import RoomServer
from simulator.workshop.control import Control
from simulator.workshop.facilitate import Workshop
from simulator.workshop.room import PHONES_PER_SOURCE, Room, RoomError

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="other loopback addresses than 127.0.0.1 answer only on Linux")


@pytest.fixture
def port(visit) -> Iterator[int]:
    room = Room("K7QM", "play")
    app = RoomApp(Control(Workshop.start(visit, "play", room)), Case(visit.title, visit.content_notes, ()), "k" * 22)
    server = RoomServer(app, ["127.0.0.1"], 0)
    yield server.start()
    server.stop()


def _held(port: int, source: str, n: int, expect: int) -> tuple[list[socket.socket], int]:
    """``n`` connections from ``source``, and how many the server still holds open once it has closed what it will
    (waited for until ``expect`` are left, or ten seconds: a loaded machine accepts and closes them slowly)."""
    socks = [socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0)) for _ in range(n)]
    for sock in socks:
        sock.setblocking(False)
    deadline = time.monotonic() + 10
    while True:
        still = 0
        for sock in socks:
            try:
                still += sock.recv(1) != b""
            except BlockingIOError:
                still += 1
            except OSError:
                pass
        if still <= expect or time.monotonic() > deadline:
            return socks, still
        time.sleep(0.1)


def _ask(port: int, raw: bytes, source: str = "127.0.0.1") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0)) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def _join(port: int, source: str) -> str:
    body = urllib.parse.urlencode({"code": "K7QM"}).encode()
    head = f"POST /join HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    return _ask(port, head.encode() + body, source).split(b"\r\n")[0].decode()


def test_one_address_holds_at_most_a_few_dozen_connections_and_loopback_is_not_counted(port: int):
    flood, held = _held(port, "127.0.0.2", PER_ADDRESS + 40, PER_ADDRESS)
    try:
        assert held == PER_ADDRESS
        mine, mine_held = _held(port, "127.0.0.1", PER_ADDRESS + 10, PER_ADDRESS + 10)
        assert mine_held == PER_ADDRESS + 10, "the facilitator's own machine (and the load benchmark) is not capped"
        other, other_held = _held(port, "127.0.0.3", 5, 5)
        assert other_held == 5
        assert b" 200 " in _ask(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "127.0.0.4").split(b"\r\n")[0]
    finally:
        for sock in flood + mine + other:
            sock.close()
    deadline = time.monotonic() + 10
    while True:  # once the server has seen them close (a loaded machine takes a moment)
        again, held = _held(port, "127.0.0.2", 3, 3)
        for sock in again:
            sock.close()
        if held == 3 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert held == 3, "an address's count goes down as its connections close"


def test_one_device_joining_over_and_over_cannot_fill_the_room(port: int):
    answers = [_join(port, "127.0.0.5") for _ in range(PHONES_PER_SOURCE + 5)]
    assert answers.count("HTTP/1.1 303 See Other") == PHONES_PER_SOURCE
    assert answers[-1].startswith("HTTP/1.1 403"), answers[-1]
    assert _join(port, "127.0.0.6") == "HTTP/1.1 303 See Other"
    assert all(_join(port, "127.0.0.1") == "HTTP/1.1 303 See Other" for _ in range(PHONES_PER_SOURCE + 2))


def test_the_room_counts_joins_by_source_and_says_why_in_a_sentence():
    room = Room("K7QM", "play")
    for _ in range(PHONES_PER_SOURCE):
        room.join("K7QM", source="10.0.0.9")
    with pytest.raises(RoomError, match="already joined from this device's network address") as refused:
        room.join("K7QM", source="10.0.0.9")
    assert "code" not in str(refused.value), "not counted as a wrong code (which locks the address out for a minute)"
    token = room.join("K7QM", source="10.0.0.10")
    assert room.join("K7QM", token, source="10.0.0.10") == token
    room.join("K7QM")  # no source: not counted

