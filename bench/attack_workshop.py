"""Attacks on a live ``doorstep workshop --no-window`` over real HTTP, each judged by what an honest phone still gets.

fuzz_workshop.py sends one junk request at a time; these are the attacks a
person on the room's Wi-Fi could make at scale, from addresses other than the
facilitator's own (127.0.0.2 and up, which loopback serves on Linux):

- ``connections``: thousands of connections held open at once, against a
  server limited to 256 open files (macOS's default);
- ``joins``: one device joining again and again with the code on the screen;
- ``tokens``: cookies with forged, replayed, truncated and other rooms' tokens;
- ``bodies``: a 10 MB vote and a 10 MB join, and a body that never ends;
- ``paths``: ``..`` and its encodings on every route, a static file by name;
- ``streams``: live streams (``/events``) that never read, while the room moves.

After each attack: an honest phone (127.0.0.1) that joined before reads the
room within two seconds, and a new one can join; no 5xx but 503; the
server's memory (VmRSS) grows by less than 64 MB over the whole run; and at
the end Ctrl-C ends it with its report written and nothing on stderr but
one-line notes. Prints one line per attack; exit 1 on any failure.

    python bench/attack_workshop.py [--only KIND] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import socket
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_workshop import Room

FILES = 256  # macOS's default soft limit (its hard limit is far higher, so the server may raise it)
PHONE = "doorstep_phone"


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def status_of(answer: bytes) -> str:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return match.group(1).decode() if match else "closed"


def request(room: Room, raw: bytes, source: str, timeout: float = 5.0) -> str:
    try:
        with socket.create_connection(("127.0.0.1", room.port), timeout=timeout, source_address=(source, 0)) as sock:
            sock.sendall(raw)
            return status_of(sock.recv(200))
    except TimeoutError:
        return "timeout"
    except OSError:
        return "closed"


def get(path: str, cookie: str = "") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{'Cookie: ' + cookie + chr(13) + chr(10) if cookie else ''}\r\n".encode("latin-1")


def connections(room: Room, scale: float) -> Counter[str]:
    """Many connections held at once from one address, then from eight: the server keeps a few dozen from each."""
    seen: Counter[str] = Counter()
    for sources in (["127.0.0.2"], [f"127.0.1.{i}" for i in range(1, 9)]):
        held: list[socket.socket] = []
        for i in range(int(1200 * scale)):
            sock = socket.socket()
            sock.settimeout(2)
            try:
                sock.bind((sources[i % len(sources)], 0))
                sock.connect(("127.0.0.1", room.port))
            except OSError:
                sock.close()
                seen["refused"] += 1
                continue
            held.append(sock)
        time.sleep(0.5)
        for sock in held:
            sock.setblocking(False)
            try:
                seen["open" if sock.recv(1) else "closed"] += 1
            except BlockingIOError:
                seen["open"] += 1
            except OSError:
                seen["closed"] += 1
        yield_check = room.check()
        seen.update(yield_check)
        for sock in held:
            sock.close()
    return seen


def joins(room: Room, scale: float) -> Counter[str]:
    """One device joining over and over: refused after a few, while other devices still join."""
    seen: Counter[str] = Counter()
    for _ in range(int(60 * scale)):
        line, _ = room.honest("/join", {"code": room.code}, source="127.0.0.3")
        seen[line.split(" ")[1] if " " in line else line] += 1
    line, _ = room.honest("/join", {"code": room.code}, source="127.0.0.4")
    seen[f"another device: {line.split(' ')[1]}"] += 1
    return seen


def tokens(room: Room, scale: float) -> Counter[str]:
    seen: Counter[str] = Counter()
    real = room.phone.split("; ")[0].split("=", 1)[1] if room.phone else "x"
    forged = [real[:-1] + ("A" if real[-1] != "A" else "B"), real[:10], real * 3, "A" * len(real), "%00" * 8, real.upper(), real + "\x00", "../" + real]
    for token in forged * max(1, int(3 * scale)):
        for path in ("/state", "/room", "/events", "/vote"):
            for room_code in (room.code, "ZZZZ", room.code.lower(), ""):
                cookie = f"{PHONE}={token}; doorstep_room={room_code}"
                raw = get(path, cookie) if path != "/vote" else f"POST /vote HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\noption=a".encode("latin-1", "replace")
                seen[request(room, raw, "127.0.0.5")] += 1
    return seen


def bodies(room: Room, scale: float) -> Counter[str]:
    seen: Counter[str] = Counter()
    big = b"option=" + b"a" * (10 * 1024 * 1024)
    for path in ("/vote", "/join", f"/host/{room.key}/act"):
        head = f"POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {room.attacker}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(big)}\r\n\r\n"
        try:
            with socket.create_connection(("127.0.0.1", room.port), timeout=5, source_address=("127.0.0.6", 0)) as sock:
                sock.sendall(head.encode())
                with contextlib.suppress(OSError):  # the server stopped reading at its limit, as it should
                    sock.sendall(big)
                seen[status_of(sock.recv(200))] += 1
        except OSError:
            seen["closed"] += 1
    chunked = f"POST /vote HTTP/1.1\r\nHost: x\r\nCookie: {room.attacker}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
    try:
        with socket.create_connection(("127.0.0.1", room.port), timeout=30, source_address=("127.0.0.6", 0)) as sock:
            sock.sendall(chunked)
            started = time.monotonic()
            try:
                while time.monotonic() - started < 25:  # the server gives a body 15 s (BODY_S), whatever the scale
                    sock.sendall(b"4000\r\n" + b"a" * 0x4000 + b"\r\n")
                seen["endless body: still read after 25 s"] += 1
            except OSError:
                seen[f"endless body: closed after {time.monotonic() - started:.0f} s"] += 1
    except OSError:
        seen["closed"] += 1
    return seen


def paths(room: Room, scale: float) -> Counter[str]:
    seen: Counter[str] = Counter()
    for base in ("", "/host", f"/host/{room.key}", "/static", "/room"):
        for up in ("/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%252e%252e/x", "/....//....//etc/passwd", "/.%00./x", "\\..\\..\\x"):
            seen[request(room, get(base + up, room.attacker), "127.0.0.7")] += 1
    for name in ("/phone.js", "/static/phone.js", "/simulator/server/static/phone.js", "/server/static/phone.js"):
        seen[request(room, get(name, room.attacker), "127.0.0.7")] += 1
    return seen


def streams(room: Room, scale: float) -> Counter[str]:
    """Live streams that never read, while the facilitator steps the room forty times."""
    seen: Counter[str] = Counter()
    cookie = room.attacker
    held = []
    for i in range(int(12 * scale)):
        _, jar = room.honest("/join", {"code": room.code}, source=f"127.0.2.{i + 1}")
        for _ in range(4):
            sock = socket.create_connection(("127.0.0.1", room.port), timeout=5, source_address=(f"127.0.2.{i + 1}", 0))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.sendall(get("/events", jar or cookie))
            held.append(sock)
    for _ in range(40):
        room.honest(f"/host/{room.key}/act", {"do": "forward"})
        room.honest(f"/host/{room.key}/act", {"do": "note", "value": "ÿ‮" * 2000})
    seen.update(room.check())
    for sock in held:
        sock.close()
    seen["streams"] = len(held)
    return seen


ATTACKS = {"connections": connections, "joins": joins, "tokens": tokens, "bodies": bodies, "paths": paths, "streams": streams}


def judge(kind: str, seen: Counter[str]) -> list[str]:
    bad = [f"{kind}: {k} x{v}" for k, v in seen.items() if (k[:1] == "5" and k != "503") or k.startswith("honest phone failed") or "still read" in k]
    if kind == "joins" and seen.get("another device: 303", 0) != 1:
        bad.append("joins: another device could not join after the flood")
    if kind == "joins" and seen.get("303", 0) > 20:
        bad.append(f"joins: one device joined {seen['303']} times (500 such fill the room)")
    if kind == "connections" and seen.get("open", 0) > 9 * 40:
        bad.append(f"connections: the server held {seen['open']} connections from nine addresses")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(ATTACKS))
    parser.add_argument("--scale", type=float, default=1.0, help="how much of each attack (the suite runs a small part)")
    parser.add_argument("--patience", type=float, default=2.0, help="seconds an honest phone may wait for the room (the suite, on a loaded machine, gives more)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="doorstep-attack-workshop-"))
    room = Room(work, files=FILES)
    room.phone = room.honest("/join", {"code": room.code})[1]
    # the attacks that need a joined phone's cookie use one of their own: the honest phone's requests
    # are rate-limited per phone, so borrowing its cookie made the bench's own traffic refuse it (429)
    room.attacker = room.honest("/join", {"code": room.code}, source="127.0.0.9")[1]

    def check() -> Counter[str]:
        started = time.monotonic()
        try:
            line, _ = room.honest("/state", cookie=f"Cookie: {room.phone}\r\n")
        except OSError as exc:
            line = f"error {exc}"
        took = time.monotonic() - started
        try:
            fresh, _ = room.honest("/join", {"code": room.code})
        except OSError as exc:
            fresh = f"error {exc}"
        ok = " 200 " in line and took < args.patience and " 303 " in fresh
        return Counter({"honest phone served": 1} if ok else {f"honest phone failed: {line} in {took:.1f}s, a new one {fresh}": 1})

    room.check = check
    start_rss = rss_kb(room.proc.pid)
    failures: list[str] = []
    for kind, attack in ATTACKS.items():
        if args.only and kind != args.only:
            continue
        seen = attack(room, args.scale)
        seen.update(check())
        failures += judge(kind, seen)
        print(f"{kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(seen.items())), flush=True)
    grown = (rss_kb(room.proc.pid) - start_rss) // 1024
    if grown > 64:
        failures.append(f"the server's memory grew by {grown} MB")
    failures += room.finish()
    print(f"server memory grew {grown} MB; stderr {len([ln for ln in room.err.splitlines() if ln.strip()])} lines; {len(failures)} failures")
    for line in failures:
        print(f"  {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
