"""A loopback proxy in front of the test LRS that can cut the network, or let a batch arrive and withhold the answer.

Doorstep's client sends one request per connection (``Connection: close``),
so the proxy reads one request, forwards it, and relays the answer. With
``up`` False it hangs up on every connection (Doorstep sees the network
gone); with ``hold_post`` N it forwards the Nth POST to the LRS (which
stores it) and then never answers, so a test can kill the client at the
worst moment: after the LRS has the batch, before the client knows.
"""

from __future__ import annotations

import socket
import threading


class Proxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.up = True
        self.hold_post: int | None = None
        self.posts = 0
        self.held = threading.Event()
        self.versions: list[str] = []  # each forwarded request's X-Experience-API-Version
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._stopping = threading.Event()
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(5)
        self._server.close()
        with self._lock:
            for conn in self._open:
                conn.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with self._lock:
            self._open.append(conn)
        if not self.up:
            conn.close()
            return
        conn.settimeout(30)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                conn.close()
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
            if name.strip().lower() == b"x-experience-api-version":
                self.versions.append(value.strip().decode())
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        number = None
        if head.startswith(b"POST"):
            with self._lock:
                self.posts += 1
                number = self.posts
        with socket.create_connection(("127.0.0.1", self.target_port), timeout=60) as upstream:
            upstream.sendall(head + b"\r\n\r\n" + body)
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
