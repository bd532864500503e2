"""Speaking to a Learning Record Store: the xAPI Statement Resource over HTTP Basic, with the standard library.

Only what Doorstep needs: POST a batch of statements, PUT one, and GET a
registration's statements (following ``more``) to learn which are already
there. Every failure becomes an :class:`LRSError` whose ``kind`` says what
to do about it: wait and retry (``offline``, ``server``), ask the trainee
to fix the settings (``auth``, ``setup``), or stop sending those statements
(``rejected``, ``conflict``). A request never waits longer than its
timeout, and a response is never read past :data:`MAX_RESPONSE` bytes.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import ipaddress
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from simulator import strictjson
from simulator.streams import escaped
from simulator.xapi.vocab import XAPI_1, Version

MAX_RESPONSE = 64 * 1024 * 1024
MAX_DETAIL = 64 * 1024  # an error's body is read for a line to show, no further
MAX_PAGES = 20_000  # of a query's results (500 statements each): a backstop, so an LRS whose `more` never ends cannot keep us for ever
TIMEOUT_S = 20.0
Kind = Literal["offline", "server", "auth", "setup", "rejected", "conflict"]
TRANSIENT: frozenset[str] = frozenset({"offline", "server"})


class LRSError(Exception):
    """A request the LRS did not accept, or could not be asked; ``str()`` is one line for a person."""

    def __init__(self, kind: Kind, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status

    @property
    def transient(self) -> bool:
        """Whether trying again later, unchanged, may succeed."""
        return self.kind in TRANSIENT


def check_endpoint(endpoint: str) -> str:
    """The endpoint with one trailing slash; ValueError (one line) if it is not an http(s) address."""
    shown = repr(endpoint if len(endpoint) <= 80 else endpoint[:77] + "...")
    try:
        parts = urllib.parse.urlsplit(endpoint.strip())
        port = parts.port  # ValueError when not a number from 0 to 65535
        host = parts.hostname
        if host:
            host.encode("idna")  # UnicodeError (a ValueError) for a name no resolver can take (a label over 63 letters)
    except ValueError:
        raise ValueError(f"the LRS endpoint is not an address Doorstep can use: {shown}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(f"the LRS endpoint must be an http:// or https:// address, not {shown}")
    if any(c.isspace() or not c.isprintable() for c in endpoint.strip()) or port == 0:
        raise ValueError(f"the LRS endpoint is not an address Doorstep can use: {shown}")
    if parts.username or parts.password:
        raise ValueError("give the LRS username and password on their own, not inside the endpoint address")
    if parts.query or parts.fragment:
        raise ValueError("the LRS endpoint is the address statements/ sits under, without ? or #")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def is_local(endpoint: str) -> bool:
    """Whether the endpoint is on this machine (plain http is then no risk to the password)."""
    host = urllib.parse.urlsplit(endpoint).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]


Transport = Callable[[urllib.request.Request, float], Reply]


class _Deadline:
    """A whole request's time limit: when it passes, the connection's socket is shut, so a read that waits returns.

    A socket timeout bounds each wait, not the request: an LRS (or anything
    posing as one) that sends a byte every few seconds, in its headers or its
    body, would keep a plain urllib read going for ever.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.001, seconds), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)


def _connection(base: type[http.client.HTTPConnection], deadline: _Deadline) -> type[http.client.HTTPConnection]:
    class Connection(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            super().connect()
            deadline.attach(self.sock)

    return Connection


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers, not orders: following one would send the LRS password to wherever it points."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connection(http.client.HTTPConnection, self._deadline), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connection(http.client.HTTPSConnection, self._deadline), req, context=getattr(self, "_context", None))


def urllib_transport(request: urllib.request.Request, timeout: float) -> Reply:
    """Send with urllib within ``timeout`` seconds in all; HTTP errors (and redirects) are replies, network failures LRSError("offline")."""
    with _Deadline(timeout) as deadline:
        opener = urllib.request.build_opener(_NoRedirect, _HTTP(deadline), _HTTPS(deadline))
        try:
            try:
                with opener.open(request, timeout=timeout) as response:
                    reply = Reply(response.status, _read(response), {k.lower(): v for k, v in response.headers.items()})
            except urllib.error.HTTPError as exc:
                body = _read(exc) if exc.fp is not None else b""
                reply = Reply(exc.code, body, {k.lower(): v for k, v in (exc.headers or {}).items()})
        except urllib.error.URLError as exc:
            if deadline.expired:
                raise LRSError("offline", f"the LRS at {_host(request)} did not answer within {timeout:g} seconds") from None
            raise LRSError("offline", f"could not reach the LRS at {_host(request)}: {_reason(exc.reason)}") from None
        except TimeoutError:
            raise LRSError("offline", f"the LRS at {_host(request)} did not answer within {timeout:g} seconds") from None
        except (ConnectionError, http.client.HTTPException, OSError, ValueError) as exc:
            # ValueError: an address urllib cannot use (a port over 65535, a host name too long for IDNA)
            if deadline.expired:
                raise LRSError("offline", f"the LRS at {_host(request)} did not answer within {timeout:g} seconds") from None
            raise LRSError("offline", f"the connection to the LRS at {_host(request)} failed: {_reason(exc)}") from None
        if deadline.expired:  # a read cut short by the deadline ends quietly: the answer is incomplete
            raise LRSError("offline", f"the LRS at {_host(request)} did not finish answering within {timeout:g} seconds")
    return reply


def _read(stream: Any) -> bytes:
    data: bytes = stream.read(MAX_RESPONSE + 1)
    if len(data) > MAX_RESPONSE:
        raise LRSError("server", "the LRS sent an answer too large to be an answer to this request")
    return data


def _host(request: urllib.request.Request) -> str:
    return urllib.parse.urlsplit(request.full_url).netloc


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "nothing is listening there (connection refused)"
    if isinstance(reason, socket.gaierror):
        return "that host name is not known (no network, or a typing mistake)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "it did not answer in time"
    text = getattr(reason, "strerror", None) or str(reason)
    return text.strip() or type(reason).__name__


def _detail(body: bytes) -> str:
    """The LRS's own words about a refusal, in one short line."""
    text = body[:MAX_DETAIL].decode("utf-8", "replace").strip()
    try:
        data = strictjson.loads(text)
        if isinstance(data, dict):
            text = str(data.get("detail") or data.get("message") or data.get("error") or text)
    except ValueError:
        pass
    text = escaped(" ".join(text.split()))  # kept in the store and shown in the window and the terminal: no escape sequence or direction override acts there
    return text[:300] + ("…" if len(text) > 300 else "")


class Client:
    """One LRS: its endpoint, credentials and xAPI version."""

    def __init__(
        self,
        endpoint: str,
        username: str,
        password: str,
        *,
        version: Version = XAPI_1,
        timeout: float = TIMEOUT_S,
        transport: Transport = urllib_transport,
    ) -> None:
        self.endpoint = check_endpoint(endpoint)
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        self._headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": version,
            "Accept": "application/json",
        }
        self.version = version
        self.timeout = timeout
        self._transport = transport

    @property
    def statements_url(self) -> str:
        return urllib.parse.urljoin(self.endpoint, "statements")

    def _send(self, method: str, url: str, body: Any = None) -> Reply:
        data = None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = dict(self._headers)
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        reply = self._transport(urllib.request.Request(url, data=data, headers=headers, method=method), self.timeout)
        if reply.status < 300:
            return reply
        where = _host(urllib.request.Request(url))
        detail = _detail(reply.body)
        said = f" ({detail})" if detail else ""
        if 300 <= reply.status < 400:
            target = " ".join(reply.headers.get("location", "").split())[:200] or "another address"
            raise LRSError("setup", f"the LRS at {where} sent the request on to {target} (HTTP {reply.status}); Doorstep does not follow it with the password: give the LRS's own address as the endpoint", reply.status)
        if reply.status in (401, 403):
            raise LRSError("auth", f"the LRS at {where} refused the username and password (HTTP {reply.status}){said}", reply.status)
        if reply.status == 404:
            raise LRSError("setup", f"there is no xAPI statements resource at {url} (HTTP 404): check the endpoint address", 404)
        if reply.status == 409:
            raise LRSError("conflict", f"the LRS already holds a different statement with the same id (HTTP 409){said}", 409)
        if reply.status in (400, 413, 422):
            raise LRSError("rejected", f"the LRS refused the statements (HTTP {reply.status}){said}", reply.status)
        if reply.status == 429 or reply.status >= 500:
            raise LRSError("server", f"the LRS at {where} is unable to take statements just now (HTTP {reply.status}){said}", reply.status)
        raise LRSError("setup", f"the LRS at {where} answered HTTP {reply.status}{said}", reply.status)

    def post(self, statements: Sequence[dict[str, Any]]) -> list[str]:
        """Store a batch; the ids the LRS reports storing (an LRS may leave out ones it already had)."""
        reply = self._send("POST", self.statements_url, list(statements))
        if reply.status == 204 or not reply.body.strip():
            return []
        try:
            ids = strictjson.loads(reply.body.decode("utf-8", "replace"))
        except strictjson.JSONRefused:
            raise LRSError("server", "the LRS's answer to a batch of statements was not JSON") from None
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def put(self, statement: dict[str, Any]) -> None:
        """Store one statement under its own id."""
        url = f"{self.statements_url}?{urllib.parse.urlencode({'statementId': statement['id']})}"
        self._send("PUT", url, statement)

    def registration(self, registration: str, *, limit: int = 500) -> list[dict[str, Any]]:
        """Every (unvoided) statement of a registration the credentials may read, following ``more``."""
        return self.query({"registration": registration, "limit": str(limit)})

    def about(self, activity: str, *, limit: int = 500) -> list[dict[str, Any]]:
        """Every statement about an activity or with it in context (``related_activities``), following ``more``."""
        return self.query({"activity": activity, "related_activities": "true", "limit": str(limit)})

    def query(self, params: dict[str, str], *, follow: bool = True) -> list[dict[str, Any]]:
        """Every statement matching xAPI query ``params`` that the credentials may read, following ``more`` (only the first page with ``follow=False``)."""
        url: str | None = f"{self.statements_url}?{urllib.parse.urlencode(params)}"
        found: list[dict[str, Any]] = []
        seen: set[str] = set()
        pages = 0
        while url:
            pages += 1
            if pages > MAX_PAGES:
                raise LRSError("server", f"the LRS kept answering with more pages of statements (over {MAX_PAGES}): its `more` links never end")
            reply = self._send("GET", url)
            try:
                page = strictjson.loads(reply.body.decode("utf-8", "replace"))
            except strictjson.JSONRefused:
                raise LRSError("server", "the LRS's list of statements was not JSON") from None
            if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
                raise LRSError("server", "the LRS's list of statements is not an xAPI StatementResult")
            found.extend(s for s in page["statements"] if isinstance(s, dict))
            more = page.get("more") if follow else None
            if more and not page["statements"]:  # an LRS offers more only while there is more: an empty page with a link never ends
                raise LRSError("server", "the LRS answered with an empty page of statements and a link to more: its `more` links never end")
            url = urllib.parse.urljoin(self.endpoint, more) if isinstance(more, str) and more else None
            if url in seen:  # an LRS that hands back the same page must not keep us here
                break
            if url:
                seen.add(url)
        return found

    def existing(self, registration: str) -> set[str]:
        """The ids of a registration's statements the LRS already has."""
        return {s["id"] for s in self.registration(registration) if isinstance(s.get("id"), str)}
