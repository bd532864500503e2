"""Loopback servers that stand in front of, or in place of, an LRS: the xAPI tests' and the fuzz campaign's.

Both are :class:`Loopback`: a socket on 127.0.0.1 with its own accept
thread, each connection read as one HTTP request (Doorstep's client sends
one per connection, ``Connection: close``) and answered by the subclass.

- :class:`HostileLRS` poses as an LRS and misbehaves, one answer per
  connection in the chosen ``mode``: it hangs, drips its headers or body a
  byte at a time, sends garbage or JSON nested 200,000 deep, redirects
  elsewhere (to a second server that records what it was sent, so a test can
  see whether the password followed), or hands back a ``more`` link that
  never ends. It records each request's first line and headers.
- :class:`Proxy` stands in front of the test LRS and can cut the network
  (``up`` False: it hangs up on every connection), or with ``hold_post`` N
  forward the Nth POST to the LRS (which stores it) and then never answer, so
  a test can kill the client at the worst moment: after the LRS has the
  batch, before the client knows.
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
    # Refusals an LRS may give any request, each with a body and headers of its own choosing:
    "status-400", "status-401", "status-403", "status-404", "status-409", "status-413", "status-429", "status-503", "status-204",
)  # fmt: skip
# Retry-After and the body an LRS gives with each refusal: a huge wait, a date, garbage; HTML, a JSON error, nothing.
REFUSALS = {
    "400": ("Retry-After: 5\r\nContent-Type: application/json\r\n", '{"error": "bad\\nrequest\\u202e", "message": "' + "m" * 70_000 + '"}'),
    "401": ("WWW-Authenticate: Basic realm=\"\x1b[31mLRS\"\r\n", "<html><body>Login required</body></html>"),
    "403": ("", "\u202eforbidden\u202c \x07"),
    "404": ("Content-Type: text/html\r\n", "<!DOCTYPE html><title>Not found</title>" + "<p>" * 10_000),
    "409": ("", '{"message": "conflict"}'),
    "413": ("Connection: close\r\n", "Payload Too Large"),
    "429": ("Retry-After: 99999999999999999999\r\n", ""),
    "503": ("Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n", "maintenance"),
    "204": ("", ""),
}


class Request:
    """One request as read off the wire: its head (first line and headers, raw), headers by lower-case name, and body."""

    def __init__(self, head: bytes, body: bytes) -> None:
        self.head = head
        self.body = body
        lines = head.decode("latin-1").split("\r\n")
        self.first = lines[0]
        self.headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}


class Loopback:
    """A server on 127.0.0.1 (any free port) answering each connection on a thread of its own until :meth:`close`."""

    path = "/xapi/"

    def __init__(self, backlog: int = 64) -> None:
        self._stop = threading.Event()
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(backlog)
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._server.close()

    def __enter__(self) -> Loopback:
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
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        raise NotImplementedError

    @staticmethod
    def read_request(conn: socket.socket) -> Request | None:
        """The whole request (closing on unread bytes would reset the connection); None if the client hung up first."""
        conn.settimeout(30)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        request = Request(head, body)
        length = int(request.headers.get("content-length", "0") or 0)
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        request.body = body
        return request


class HostileLRS(Loopback):
    """One misbehaving LRS on 127.0.0.1; ``requests`` holds (first line, headers) of what reached it."""

    def __init__(self, mode: str, *, redirect_to: str = "http://127.0.0.2:9/elsewhere") -> None:
        self.mode = mode
        self.redirect_to = redirect_to
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._pages = 0
        super().__init__()

    def __enter__(self) -> HostileLRS:
        return self

    def _wait(self, seconds: float) -> bool:
        """Sleep; False once the server is closed (so no thread outlives a test by much)."""
        return not self._stop.wait(seconds)

    def _connection(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            request = self.read_request(conn)
            if request is None:
                return
            self.requests.append((request.first, request.headers))
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
        elif mode.startswith("status-") and mode[7:] in REFUSALS:
            extra, text = REFUSALS[mode[7:]]
            reply(f"{mode[7:]} Refused", text.encode("utf-8", "surrogatepass"), extra)
        elif mode == "odd-statements":
            reply("200 OK", json.dumps({"statements": [{"id": 1, "verb": None, "result": "x", "context": [1]}, 1, "x"]}))
        # "close": say nothing and hang up


class Proxy(Loopback):
    """In front of the LRS at ``target_port``: cuts the network when not ``up``, or withholds the answer to one POST."""

    path = "/xAPI/"

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.up = True
        self.hold_post: int | None = None
        self.posts = 0
        self.held = threading.Event()
        self.versions: list[str] = []  # each forwarded request's X-Experience-API-Version
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        super().__init__(backlog=16)

    def close(self) -> None:
        super().close()
        with self._lock:
            for conn in self._open:
                conn.close()

    def _connection(self, conn: socket.socket) -> None:
        with self._lock:
            self._open.append(conn)
        if not self.up:
            conn.close()
            return
        request = self.read_request(conn)
        if request is None:
            conn.close()
            return
        if "x-experience-api-version" in request.headers:
            self.versions.append(request.headers["x-experience-api-version"])
        number = None
        if request.first.startswith("POST"):
            with self._lock:
                self.posts += 1
                number = self.posts
        with socket.create_connection(("127.0.0.1", self.target_port), timeout=60) as upstream:
            upstream.sendall(request.head + b"\r\n\r\n" + request.body)
            answer = b""
            while chunk := upstream.recv(65536):
                answer += chunk
        if number is not None and number == self.hold_post:
            self.held.set()  # the LRS has the batch; the client never hears so
            return
        try:
            conn.sendall(answer)
        finally:
            conn.close()
