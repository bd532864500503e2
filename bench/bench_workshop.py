"""A room of phones on loopback: 100 join at once, hold live connections, and all vote at once, decision after decision.

Runs the real command (``doorstep workshop --no-window``) in its own process
and plays the phones from this one, each with its own keep-alive connection,
cookies and a server-sent events stream open, as a phone's browser would
(over plain sockets: see :class:`Phone`; the facilitator uses aiohttp's client).
At each decision every phone votes at the same moment, then a third change
their vote; the tally revealed must equal the votes cast, each phone once.
Prints the latency of a vote (from sending to the answer) as percentiles,
and the p99 against the 100 ms the issue allows, measured in this one run.

    python bench/bench_workshop.py [--phones 100] [--rounds 8] [--scenario scenarios/harris-family]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 100.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


class Phone:
    """One phone: its own keep-alive connection and cookies, and a live stream open, spoken over plain sockets.

    A phone's browser does little work per vote; a Python HTTP client per phone does a lot, and on a shared
    two-core machine a hundred of them would measure the client's queue, not the server's answer. So each
    phone writes a ready-made request on its own connection and the clock runs from that write until its
    whole answer has arrived.
    """

    def __init__(self, base: str) -> None:
        self.host, port = base.removeprefix("http://").split(":")
        self.port = int(port)
        self.cookie = ""
        self.conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.updates = 0
        self.tally_seen: float | None = None  # when this phone's page first showed the revealed tally
        self.stream: asyncio.Task[None] | None = None
        self.stream_writer: asyncio.StreamWriter | None = None

    def _request(self, method: str, path: str, form: dict[str, str] | None = None, accept: str = "text/html") -> bytes:
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: {accept}\r\n"
        if self.cookie:
            head += f"Cookie: {self.cookie}\r\n"
        if form is not None:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        return head.encode() + b"\r\n" + body

    async def _answer(self, reader: asyncio.StreamReader) -> tuple[int, dict[str, list[str]], bytes]:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers: dict[str, list[str]] = {}
        for line in head[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = int(headers.get("content-length", ["0"])[0])
        return int(head[0].split()[1]), headers, await reader.readexactly(length) if length else b""

    async def join(self, code: str) -> float:
        start = time.perf_counter()
        self.conn = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.conn
        writer.write(self._request("POST", "/join", {"code": code}))
        status, headers, _ = await self._answer(reader)
        assert status == 303, status
        self.cookie = "; ".join(c.split(";", 1)[0] for c in headers.get("set-cookie", []))
        return (time.perf_counter() - start) * 1000

    async def listen(self) -> None:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self.stream_writer = writer
        writer.write(self._request("GET", "/events", accept="text/event-stream"))
        head = await reader.readuntil(b"\r\n\r\n")
        assert b" 200 " in head.split(b"\r\n", 1)[0], head[:80]
        tail = b""
        while chunk := await reader.read(65536):  # events are long lines (the page's HTML), so read raw
            text = tail + chunk
            self.updates += text.count(b"\ndata: {") + (1 if text.startswith(b"data: {") else 0)
            if self.tally_seen is None and b"How the room voted" in text:
                self.tally_seen = time.perf_counter()
            tail = text[-32:]

    def send_vote(self, option: str) -> float:
        """Write the vote (the clock starts here); :meth:`vote_answer` waits for the reply."""
        assert self.conn is not None
        self.conn[1].write(self._request("POST", "/vote", {"option": option}, accept="application/json"))
        return time.perf_counter()

    async def vote_answer(self, started: float) -> float:
        assert self.conn is not None
        status, _, body = await self._answer(self.conn[0])
        reply = json.loads(body)
        assert status == 200 and reply["ok"], reply
        return (time.perf_counter() - started) * 1000

    async def close(self) -> None:
        if self.stream is not None:
            self.stream.cancel()
            await asyncio.gather(self.stream, return_exceptions=True)
        for writer in (self.stream_writer, self.conn[1] if self.conn else None):
            if writer is not None:
                writer.close()


async def all_vote(phones: list[Phone], options: list[str]) -> list[float]:
    """Every phone writes its vote in the same instant, then each reply is timed from its own write."""
    started = [p.send_vote(o) for p, o in zip(phones, options, strict=True)]
    return list(await asyncio.gather(*(p.vote_answer(t) for p, t in zip(phones, started, strict=True))))


async def act(session: aiohttp.ClientSession, host: str, action: str) -> dict[str, object]:
    async with session.post(f"{host}/act", data={"do": action, "sure": "on"}, headers={"Accept": "application/json"}) as reply:
        return dict(await reply.json())


async def state(session: aiohttp.ClientSession, host: str) -> dict[str, object]:
    async with session.get(f"{host}/state") as reply:
        return dict(await reply.json())


async def run(base: str, code: str, host: str, phones_n: int, rounds: int) -> int:
    facilitator = aiohttp.ClientSession()
    phones = [Phone(base) for _ in range(phones_n)]
    joins = await asyncio.gather(*(p.join(code) for p in phones))
    for p in phones:
        p.stream = asyncio.create_task(p.listen())
    await asyncio.sleep(0.5)
    votes: list[float] = []
    changes: list[float] = []
    counted_ok = 0
    reveals: list[float] = []
    missed = 0
    problems = []
    for round_no in range(rounds):
        now = await state(facilitator, host)
        while now["stage"] != "question":
            if now["stage"] in ("ending", "ended"):
                break
            await act(facilitator, host, "forward")
            now = await state(facilitator, host)
        if now["stage"] != "question":
            break
        await act(facilitator, host, "open")
        options = [o["id"] for o in now["question"]["options"]]  # type: ignore[index]
        first = [options[i % len(options)] for i in range(phones_n)]
        votes += await all_vote(phones, first)
        final = list(first)
        changers = range(0, phones_n, 3)
        for i in changers:
            final[i] = options[(options.index(first[i]) + 1) % len(options)]
        changes += await all_vote([phones[i] for i in changers], [final[i] for i in changers])
        await act(facilitator, host, "close")
        for p in phones:
            p.tally_seen = None
        revealed = time.perf_counter()
        await act(facilitator, host, "reveal")
        for _ in range(500):
            if all(p.tally_seen is not None for p in phones):
                break
            await asyncio.sleep(0.01)
        reveals += [((p.tally_seen or time.perf_counter()) - revealed) * 1000 for p in phones]
        missed += sum(1 for p in phones if p.tally_seen is None)
        tally = (await state(facilitator, host))["tally"]
        expected = {o: final.count(o) for o in options}
        if tally == expected:
            counted_ok += 1
        else:
            problems.append(f"round {round_no + 1}: tally {tally} but the phones cast {expected}")
        await act(facilitator, host, "forward")  # settle on the room's choice
        await act(facilitator, host, "forward")
    updates = [p.updates for p in phones]
    await act(facilitator, host, "end")
    await facilitator.close()
    await asyncio.gather(*(p.close() for p in phones))
    all_votes = votes + changes
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"phones: {phones_n}, each with a live stream open; decisions: {counted_ok + len(problems)}")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the end (other work on the machine slows every figure)")
    print(f"votes cast: {len(all_votes)} ({len(votes)} first votes, {len(changes)} changed); decisions whose revealed tally equals the votes cast: {counted_ok} of {counted_ok + len(problems)}")
    print(f"join latency ms: p50 {percentile(joins, 50):.1f}  p99 {percentile(joins, 99):.1f}  max {max(joins):.1f}")
    print(
        f"vote latency ms (all {phones_n} at once): p50 {percentile(all_votes, 50):.1f}  p90 {percentile(all_votes, 90):.1f}  "
        f"p99 {percentile(all_votes, 99):.1f}  max {max(all_votes):.1f}  mean {statistics.fmean(all_votes):.1f}"
    )
    print(f"p99 vote latency / {BUDGET_MS:.0f} ms budget: {percentile(all_votes, 99) / BUDGET_MS:.2f}")
    print(f"reveal to every phone's screen ms (pushed, no reload): p50 {percentile(reveals, 50):.1f}  p99 {percentile(reveals, 99):.1f}  max {max(reveals):.1f}; phones that never saw it: {missed}")
    print(f"live updates per phone: min {min(updates)}, median {statistics.median(updates):g}, max {max(updates)} (bursts of votes coalesced)")
    for line in problems:
        print("PROBLEM:", line)
    return 0 if not problems and percentile(all_votes, 99) < BUDGET_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "harris-family"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DOORSTEP_DATA_DIR": tmp, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "simulator", "workshop", args.scenario, "--no-window", "--host", "127.0.0.1", "--port", "0", "--report-dir", tmp]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        try:
            assert proc.stdout is not None
            text = "".join(proc.stdout.readline() for _ in range(3))
            found = re.search(r"(http://127\.0\.0\.1:\d+) with the room code (\w+)", text)
            host = re.search(r"(http://127\.0\.0\.1:\d+/host/\S+)", text)
            if not found or not host:
                print(f"the workshop did not start: {text}", file=sys.stderr)
                return 1
            code = asyncio.run(run(found.group(1), found.group(2), host.group(1), args.phones, args.rounds))
            proc.wait(timeout=30)
            return code
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    sys.exit(main())
