"""A loopback server that poses as an LRS and misbehaves: the tests' and the fuzz campaign's hostile LRS.

Each connection gets one answer in the chosen ``mode``: it hangs, drips its
headers or body a byte at a time, sends garbage or JSON nested 200,000 deep,
redirects elsewhere (to a second server that records what it was sent, so a
test can see whether the password followed), or hands back a ``more`` link
that never ends. The server records each request's first line and headers.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time

MODES = (
    "hang", "drip-body", "drip-headers", "garbage", "deep-error", "deep-ok", "not-json", "redirect", "redirect-self",
    "redirect-file", "endless-more", "huge-header", "big", "bad-chunks", "status-999", "status-100", "error-500",
    "odd-ids", "odd-statements", "close",
)  # fmt: skip


class HostileLRS:
    """One misbehaving LRS on 127.0.0.1; ``requests`` holds (first line, headers) of what reached it."""

    def __init__(self, mode: str, *, redirect_to: str = "http://127.0.0.2:9/elsewhere") -> None:
        self.mode = mode
        self.redirect_to = redirect_to
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._stop = threading.Event()
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(64)
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._pages = 0
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xapi/"

    def close(self) -> None:
        self._stop.set()
        self._server.close()

    def __enter__(self) -> HostileLRS:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _wait(self, seconds: float) -> bool:
        """Sleep; False once the server is closed (so no thread outlives a test by much)."""
        return not self._stop.wait(seconds)

    def _one(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            conn.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            raw_head, _, body = data.partition(b"\r\n\r\n")
            head = raw_head.decode("latin-1").split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}
            self.requests.append((head[0], headers))
            length = int(headers.get("content-length", "0") or 0)
            while len(body) < length:  # read the whole request first: closing on unread bytes resets the connection
                chunk = conn.recv(65536)
                if not chunk:
                    return
                body += chunk
            self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        mode = self.mode

        def reply(status: str, body: bytes | str = b"", extra: str = "") -> None:
            raw = body.encode() if isinstance(body, str) else body
            conn.sendall(f"HTTP/1.1 {status}\r\nContent-Length: {len(raw)}\r\nConnection: close\r\n{extra}\r\n".encode() + raw)

        deep = "[" * 200_000 + "]" * 200_000
        if mode == "hang":
            self._wait(120)
        elif mode == "drip-body":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
            while self._wait(0.3):
                conn.sendall(b" ")
        elif mode == "drip-headers":
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while self._wait(0.3):
                conn.sendall(b"x")
        elif mode == "garbage":
            conn.sendall(b"\x00\xffgarbage\r\n\r\n")
        elif mode == "deep-error":
            reply("400 Bad Request", deep)
        elif mode == "deep-ok":
            reply("200 OK", '{"statements": ' + deep + "}")
        elif mode == "not-json":
            reply("200 OK", "<html>a login page</html>")
        elif mode == "redirect":
            reply("302 Found", "", f"Location: {self.redirect_to}\r\n")
        elif mode == "redirect-self":
            reply("307 Temporary Redirect", "", f"Location: http://127.0.0.1:{self.port}/again/{time.monotonic_ns()}\r\n")
        elif mode == "redirect-file":
            reply("302 Found", "", "Location: file:///etc/passwd\r\n")
        elif mode == "endless-more":
            self._pages += 1
            reply("200 OK", json.dumps({"statements": [], "more": f"/xapi/statements?page={self._pages}"}))
        elif mode == "huge-header":
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * 200_000 + b"\r\n\r\n")
        elif mode == "big":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n")
            for _ in range(100):
                conn.sendall(b" " * 1_000_000)
        elif mode == "bad-chunks":
            conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        elif mode == "status-999":
            reply("999 What", "x")
        elif mode == "status-100":
            reply("100 Continue")
        elif mode == "error-500":
            reply("500 Internal Server Error", "x" * 10_000)
        elif mode == "odd-ids":
            reply("200 OK", json.dumps([1, None, {"a": "b"}, "x" * 1000]))
        elif mode == "odd-statements":
            reply("200 OK", json.dumps({"statements": [{"id": 1, "verb": None, "result": "x", "context": [1]}, 1, "x"]}))
        # "close": say nothing and hang up
