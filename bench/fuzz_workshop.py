"""Hostile clients against a real ``doorstep workshop --no-window``: mutated forms, junk HTTP, dripping and vanishing sockets.

``make fuzz`` runs it after the file campaign (or ``python bench/fuzz_workshop.py
--seconds 120 --seed 7``). It starts the room's server as the facilitator
would, joins a few honest phones, then sends requests built at random: every
route, odd methods, forms that are not UTF-8 or name a codec that does not
exist, multipart without a boundary or cut short, bodies over the limit,
cookies of junk, headers that lie about their length, and clients that send
half a request and go quiet. The facilitator steps the room on meanwhile.

A failure: any 5xx but 503 (too many streams), a request that neither
answers nor closes within five seconds (long-lived streams aside), an honest
phone that cannot read the room within two seconds, a traceback or a failed
request on the server's stderr, or a server that does not end with its
report when told to (Ctrl-C). Prints counts by status; exit 1 on failure.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
FORMS = ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin-1", "application/x-www-form-urlencoded; charset=x-nope",
         "multipart/form-data; boundary=zz", "multipart/form-data", "application/json", "text/plain", ""]  # fmt: skip
JUNK = [b"\xff\xfe", b"%ff%fe", b"%ED%A0%80", b"\x00", b"&&&==", b"a" * 20_000, "é".encode(), b"%", b"+", b"\r\n", b"code=" * 500]


class Room:
    def __init__(self, work: Path, files: int | None = None) -> None:
        """The workshop's server, started as the facilitator would; ``files``: its soft limit on open files (a laptop's default; the hard limit 4,096)."""
        env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONUNBUFFERED": "1", "DOORSTEP_DATA_DIR": str(work / "data"),
               "DOORSTEP_EXPORT_DIR": str(work / "reports"), "DOORSTEP_CONFIG_DIR": str(work / "config")}  # fmt: skip
        env.pop("DOORSTEP_RAISE", None)
        argv = [sys.executable, "-m", "simulator", "workshop", str(EXAMPLE), "--no-window", "--host", "127.0.0.1", "--port", "0"]
        limit = None if files is None else (lambda: __import__("resource").setrlimit(__import__("resource").RLIMIT_NOFILE, (files, 4096)))
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, start_new_session=True, preexec_fn=limit)
        said = ""
        assert self.proc.stdout is not None
        while "Facilitator" not in said:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit(f"the workshop did not start: {self.proc.stderr.read() if self.proc.stderr else ''}")
            said += line
        found = re.search(r"127\.0\.0\.1:(\d+) with the room code (\S+)", said)
        key = re.search(r"/host/(\S+)", said)
        assert found and key, said
        self.port, self.code, self.key = int(found.group(1)), found.group(2), key.group(1)
        self.err = ""

    def finish(self) -> list[str]:
        """Ctrl-C, as the facilitator ends the workshop; what went wrong: it had died or did not stop, a traceback or a
        failed request on its stderr (kept in ``err``), no report written."""
        failures = []
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
        else:
            failures.append(f"the server died (exit {self.proc.returncode})")
        try:
            out, self.err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            out, self.err = self.proc.communicate()
            failures.append("the server did not stop within 20 s of Ctrl-C")
        if "Traceback" in self.err or "request failed" in self.err:
            failures.append("the server's stderr: " + " | ".join(ln for ln in self.err.splitlines() if "Traceback" in ln or "failed" in ln)[:400])
        if "Workshop report written" not in out:
            failures.append("no report was written at the end: " + " | ".join(self.err.splitlines()[-3:]))
        return failures

    def send(self, raw: bytes, *, drip: bool = False, source: str = "") -> tuple[str, float]:
        """Send raw bytes (from the address ``source``, if given); the status (or 'closed'/'timeout') and how long the answer took."""
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5, source_address=(source, 0) if source else None) as sock:
                if drip:
                    for i in range(0, min(len(raw), 40), 8):
                        sock.sendall(raw[i : i + 8])
                        time.sleep(0.05)
                    return "dripped", time.monotonic() - started
                sock.sendall(raw)
                answer = sock.recv(200)  # the status line within five seconds; the rest need not be read
        except TimeoutError:
            return "timeout", time.monotonic() - started
        except OSError:
            return "closed", time.monotonic() - started
        match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
        return (match.group(1).decode() if match else "closed"), time.monotonic() - started

    def honest(self, path: str, form: dict[str, str] | None = None, cookie: str = "", source: str = "") -> tuple[str, str]:
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        method = "POST" if form is not None else "GET"
        head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {FORMS[0]}\r\nContent-Length: {len(body)}\r\n{cookie}\r\n"
        with socket.create_connection(("127.0.0.1", self.port), timeout=5, source_address=(source, 0) if source else None) as sock:
            sock.sendall(head.encode() + body)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        cookies = re.findall(rb"Set-Cookie: ([^;]+)", answer)
        return answer.split(b"\r\n")[0].decode("latin-1"), "; ".join(c.decode() for c in cookies)


def hostile(rng: random.Random, room: Room, cookie: str) -> tuple[bytes, bool, bool]:
    """One request built at random: (bytes, drip it, whether the server may rightly wait: a body shorter than it says, or a stream)."""
    path = rng.choice(["/", "/join", "/room", "/vote", "/events", "/state", f"/host/{room.key}", f"/host/{room.key}/act", f"/host/{room.key}/state",
                       f"/host/{room.key}/events", "/host/x", "/%ff%fe", "/" + "a" * rng.choice([10, 5000, 9000]), f"/?code={room.code}", "/?code=%ff"])  # fmt: skip
    method = rng.choice(["GET", "POST", "POST", "POST", "PUT", "HEAD", "OPTIONS", "BREW", "G\x00T"])
    field = rng.choice(["code", "option", "do", "value", "x"])
    value = rng.choice([room.code.encode(), b"a", b"b", b"forward", b"reveal", b"note", b"end", *JUNK])
    body = rng.choice([field.encode() + b"=" + value, b"--zz\r\nContent-Disposition: form-data; name=\"" + field.encode() + b"\"\r\n\r\n" + value + b"\r\n--zz--\r\n",
                       b"--zz\r\nContent-Disposition: form-data; name=\"x\"", b"[" * 5000, rng.randbytes(rng.choice([0, 10, 1000, 20_000]))])  # fmt: skip
    if rng.random() < 0.3:
        body = body.replace(b"do=end", b"do=forward")  # ending the workshop early would end the run
    headers = [f"Host: {rng.choice(['x', '', 'a' * 300])}", f"Content-Type: {rng.choice(FORMS)}"]
    length = rng.choice([len(body), len(body), len(body) + 10, max(0, len(body) - 3), -1, 10**12])
    headers.append(f"Content-Length: {length}" if rng.random() < 0.85 else "Transfer-Encoding: chunked")
    if rng.random() < 0.6:
        jar = rng.choice([cookie, cookie, "doorstep_phone=x; doorstep_room=y", "doorstep_room=" + room.code, "a=\x01"])
        headers.append(f"Cookie: {jar}")
    if rng.random() < 0.3:
        headers.append("Accept: application/json")
    headers.append("Connection: close")
    raw = f"{method} {path} HTTP/1.1\r\n".encode("latin-1", "replace") + "\r\n".join(headers).encode("latin-1", "replace") + b"\r\n\r\n" + body
    waits = path.endswith("/events") or length > len(body) or any("chunked" in h for h in headers)
    return raw, rng.random() < 0.05, waits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="doorstep-fuzz-workshop-"))
    room = Room(work)
    counts: Counter[str] = Counter()
    failures: list[str] = []
    phones = [room.honest("/join", {"code": room.code})[1] for _ in range(5)]
    deadline = time.monotonic() + args.seconds
    sent = 0
    try:
        while time.monotonic() < deadline and room.proc.poll() is None:
            raw, drip, waits = hostile(rng, room, rng.choice(phones))
            status, took = room.send(raw, drip=drip)
            sent += 1
            counts[status] += 1
            if (status.startswith("5") and status != "503") or (status == "timeout" and not waits):
                failures.append(f"{status} after {took:.1f}s: {raw[:160]!r}")
            if sent % 25 == 0:
                room.honest(f"/host/{room.key}/act", {"do": rng.choice(["forward", "forward", "reveal", "back"])})
                started = time.monotonic()
                line, _ = room.honest("/state", cookie="Cookie: " + rng.choice(phones) + "\r\n")
                if " 200 " not in line or time.monotonic() - started > 2:
                    failures.append(f"an honest phone could not read the room: {line} in {time.monotonic() - started:.1f}s")
    finally:
        failures += room.finish()
    print(f"{sent} hostile requests in {args.seconds:.0f} s (seed {args.seed}): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"server stderr: {len([ln for ln in room.err.splitlines() if ln.strip()])} lines; {len(failures)} failures")
    for line in failures[:30]:
        print(f"  {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
