"""The room's web application (aiohttp): the phones' routes, the facilitator's, and the rules every request meets.

Every request passes three checks before its handler: the address's rate
limit (429), then, for everything but the join page, the room code in the
phone's cookie and its token (a phone that never typed the code gets
nothing), then the handler's own. A refused request is a 4xx with a sentence;
an error nobody foresaw is a 500 with one line, never a traceback. Phones get
live updates over server-sent events (``/events``); with script off the same
forms post and redirect. The facilitator's controls live under
``/host/KEY``, where KEY is a long random secret printed on the facilitator's
screen only.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import sys
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from simulator.server import host_page, pages
from simulator.server.guard import LOOPBACK
from simulator.workshop import codes
from simulator.workshop.control import SAVE_WAIT_S, Control
from simulator.workshop.limits import Buckets
from simulator.workshop.room import RoomError

PHONE = "doorstep_phone"
ROOM = "doorstep_room"
COOKIE_AGE_S = 12 * 60 * 60
MAX_BODY = 16 * 1024
MAX_STREAMS = 600
STREAMS_PER_PHONE = 4
KEEP_ALIVE_S = 5.0
# Sent when nothing else has been for KEEP_ALIVE_S: a phone that hears nothing for a while knows it has lost the
# room (a phone that drops off the Wi-Fi gets no error, its connection just goes quiet) and says so, then reconnects.
ALIVE = b"event: alive\ndata: -\n\n"
COALESCE_S = 0.05
COUNT_EVERY_S = 0.5
PHONE_TOKEN: web.RequestKey[str | None] = web.RequestKey("phone")  # the joined phone a request comes from, found once
IDLE_S = 15.0
BODY_S = 15.0
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Limits:
    """How often each address and each phone may ask, and how many wrong codes an address may try."""

    per_address: Buckets = field(default_factory=lambda: Buckets(rate=100.0, burst=600.0))
    per_phone: Buckets = field(default_factory=lambda: Buckets(rate=10.0, burst=40.0))
    wrong_codes: Buckets = field(default_factory=lambda: Buckets(rate=10 / 60, burst=10.0))


def _csp() -> str:
    """The pages' policy: nothing from anywhere else, and no script but the two this server inlines (by their hashes)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'" for text in (pages.static("phone.js"), host_page.script())
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; style-src 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


class RoomApp:
    """The application for one workshop: its room (through the controls), what phones are told, its limits."""

    def __init__(
        self,
        control: Control,
        case: pages.Case,
        key: str,
        *,
        report: Callable[[], str] | None = None,
        on_finished: Callable[[], None] | None = None,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
        join_line: str = "",
    ) -> None:
        self.control = control
        self.room = control.workshop.room
        self.case = case
        self.key = key
        self.report = report
        self.on_finished = on_finished
        self.limits = limits or Limits()
        self.clock = clock
        self.join_line = join_line
        self.csp = _csp()
        self.streams = 0
        self._per_phone: dict[str, int] = {}
        self._pulse: asyncio.Event | None = None  # set on every change of the room
        self._shift: asyncio.Event | None = None  # set only when more than the vote count changed (see _shape)
        self._room_shape: Hashable = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._rendered: dict[tuple[int, str | None, int], bytes] = {}
        self.closing = False

    # -- changes from any thread wake the streams ----------------------------------------------
    def _changed(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        if self._pulse is not None:
            self._pulse.set()
        self._pulse = asyncio.Event()
        shape = _shape(self.room.view())
        if shape != self._room_shape or self.closing:
            self._room_shape = shape
            if self._shift is not None:
                self._shift.set()
            self._shift = asyncio.Event()

    async def _started(self, app: web.Application) -> None:
        self._loop = asyncio.get_running_loop()
        self._pulse = asyncio.Event()
        self._shift = asyncio.Event()
        self.room.subscribe(self._changed)

    async def _stopping(self, app: web.Application) -> None:
        self.closing = True
        self.room.unsubscribe(self._changed)
        self._wake()

    def build(self) -> web.Application:
        # keepalive_timeout: a connection that sends no whole request (idle, or a slowloris dripping its headers) is
        # closed after it, not kept for aiohttp's default hour; a phone's live stream is a request, so it stays open.
        handler_args = {"max_field_size": 8190, "max_line_size": 8190, "keepalive_timeout": IDLE_S}
        app = web.Application(middlewares=[self._guard], client_max_size=MAX_BODY, handler_args=handler_args)
        app.on_startup.append(self._started)
        app.on_shutdown.append(self._stopping)
        app.router.add_get("/", self.start_page)
        app.router.add_get("/favicon.ico", self.no_icon)
        app.router.add_post("/join", self.join)
        app.router.add_get("/room", self.room_page)
        app.router.add_post("/vote", self.vote)
        app.router.add_get("/events", self.events)
        app.router.add_get("/state", self.state)
        app.router.add_get("/host/{key}", self.host)
        app.router.add_post("/host/{key}/act", self.host_act)
        app.router.add_get("/host/{key}/state", self.host_state)
        app.router.add_get("/host/{key}/events", self.host_events)
        return app

    # -- the checks every request meets --------------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        now = self.clock()
        # A phone that joined is limited on its own (a room's phones may share one address behind a router, or
        # loopback in the benchmark); everything else (joining, strangers, junk) is limited by address.
        token = self._phone(request)
        request[PHONE_TOKEN] = token  # checked once here; the handlers read it
        bucket, key = (self.limits.per_phone, token) if token is not None else (self.limits.per_address, request.remote or "?")
        if not bucket.allow(key, now):
            response: web.StreamResponse = self._refuse(request, 429, "Too many requests from this device: wait a moment and try again.")
            response.headers["Retry-After"] = str(max(1, int(bucket.retry_after(key, now) + 0.999)))
        else:
            try:
                response = await handler(request)
            except web.HTTPException as exc:
                if exc.status < 400:
                    raise
                response = self._refuse(request, exc.status, _reason(exc.status))
            except asyncio.CancelledError:
                raise
            except ConnectionError:  # the phone went away mid-request (a body cut short): nobody to answer, nothing to report
                response = self._refuse(request, 400, _reason(400))
            except Exception as exc:  # a bug: one line on the facilitator's terminal, one sentence to the phone
                print(f"doorstep workshop: a request failed ({type(exc).__name__}: {str(exc)[:200]})", file=sys.stderr)
                response = self._refuse(request, 500, "Something went wrong on the facilitator's laptop; try again in a moment.")
        if not response.prepared:
            headers = response.headers
            headers.setdefault("Content-Security-Policy", self.csp)
            headers.setdefault("X-Content-Type-Options", "nosniff")
            headers.setdefault("Referrer-Policy", "no-referrer")
            headers.setdefault("Cache-Control", "no-store")
            headers.setdefault("X-Frame-Options", "DENY")
        return response

    def _refuse(self, request: web.Request, status: int, message: str) -> web.Response:
        if _wants_json(request):
            return web.json_response({"ok": False, "said": message}, status=status)
        return web.Response(text=pages.problem_page(self.case, status, message), status=status, content_type="text/html")

    def _phone(self, request: web.Request) -> str | None:
        """The phone's token if its cookies carry this room's code and a token the room gave out; else None."""
        token = request.cookies.get(PHONE, "")
        if not codes.matches(request.cookies.get(ROOM, ""), self.room.code) or not codes.looks_like_token(token):
            return None
        return token if self.room.knows(token) else None

    def _need_phone(self, request: web.Request) -> str:
        token: str | None = request.get(PHONE_TOKEN)
        if token is None:
            raise web.HTTPForbidden()
        return token

    def _need_key(self, request: web.Request) -> None:
        if not codes.matches(request.match_info.get("key", ""), self.key):
            raise web.HTTPNotFound()

    # -- phones -----------------------------------------------------------------------------------
    async def start_page(self, request: web.Request) -> web.StreamResponse:
        if request.get(PHONE_TOKEN) is not None:
            return _redirect("/room")
        typed = request.query.get("code", "")
        if typed:
            return self._join(request, typed)
        return web.Response(text=pages.join_page(self.case), content_type="text/html")

    async def no_icon(self, request: web.Request) -> web.StreamResponse:
        """Browsers ask for an icon by themselves: nothing, rather than a 404 in every phone's console."""
        return web.Response(status=204)

    async def join(self, request: web.Request) -> web.StreamResponse:
        form = await _form(request)
        return self._join(request, form.get("code", ""))

    def _join(self, request: web.Request, typed: str) -> web.StreamResponse:
        address = request.remote or "?"
        now = self.clock()
        if self.limits.wrong_codes.retry_after(address, now) > 0:
            return self._refuse(request, 429, "Too many wrong codes from this device: wait a minute, then type the code on the screen.")
        old = request.cookies.get(PHONE)
        try:
            token = self.room.join(typed, old if old and codes.looks_like_token(old) else None, None if address in LOOPBACK else address)
        except RoomError as exc:
            if "code" in str(exc):
                self.limits.wrong_codes.allow(address, now)
            page = pages.join_page(self.case, problem=str(exc), code=typed[:12])
            return web.Response(text=page, status=403, content_type="text/html")
        response = _redirect("/room")
        for name, value in ((PHONE, token), (ROOM, self.room.code)):
            response.set_cookie(name, value, max_age=COOKIE_AGE_S, httponly=True, samesite="Strict", path="/")
        return response

    async def room_page(self, request: web.Request) -> web.StreamResponse:
        token = request.get(PHONE_TOKEN)
        if token is None:
            return _redirect("/")
        view = self.room.view(token)
        return web.Response(text=pages.room_page(view, self.case, self.room.code, self.clock()), content_type="text/html")

    async def vote(self, request: web.Request) -> web.StreamResponse:
        token = self._need_phone(request)
        form = await _form(request)
        try:
            letter = self.room.vote(token, form.get("option", ""))
        except RoomError as exc:
            if _wants_json(request):
                return web.json_response({"ok": False, "said": str(exc)}, status=409)
            page = pages.room_page(self.room.view(token), self.case, self.room.code, self.clock(), problem=str(exc))
            return web.Response(text=page, status=409, content_type="text/html")
        await self._saved()  # the phone hears its vote was taken only once a power cut could not lose it
        if _wants_json(request):
            view = self.room.view(token)
            return web.json_response({"ok": True, "letter": letter, "said": f"Your {pages.word(self.case)}: {letter}.", "version": view.version, "html": pages.fragment(view, self.case, self.clock())})
        return _redirect("/room")

    async def _saved(self) -> None:
        """Wait (without holding up other phones) until the session's journal has saved every change so far."""
        journal = self.control.journal
        if journal is None:
            return
        loop = asyncio.get_running_loop()
        saved = loop.create_future()

        def answer() -> None:
            if not saved.done():
                saved.set_result(None)

        def done() -> None:  # on the journal's thread
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody left to answer
                loop.call_soon_threadsafe(answer)

        journal.when_saved(journal.changed(), done)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(saved, SAVE_WAIT_S)

    async def state(self, request: web.Request) -> web.StreamResponse:
        token = self._need_phone(request)
        view = self.room.view(token)
        return web.json_response(_phone_json(view))

    async def events(self, request: web.Request) -> web.StreamResponse:
        token = self._need_phone(request)
        if self.streams >= MAX_STREAMS or self._per_phone.get(token, 0) >= STREAMS_PER_PHONE:
            raise web.HTTPServiceUnavailable()

        def payload() -> tuple[int, Hashable, bytes]:
            view = self.room.view(token)
            return view.version, _shape(view), self._event(view)

        return await self._stream(request, token, payload)

    def _event(self, view: Any) -> bytes:
        """One phone's update, rendered once per state: phones that voted alike (and the timer's same second) share it.

        A burst of votes wakes every stream at once; without this each of a hundred phones would render the same
        page again. Only the current version's renders are kept.
        """
        now = self.clock()
        key = (view.version, view.mine, int(view.timer.left(now) + 0.5) if view.timer is not None else -1)
        data = self._rendered.get(key)
        if data is None:
            if any(k[0] != view.version for k in self._rendered):
                self._rendered.clear()
            data = _sse({"version": view.version, "said": pages.state_words(view), "html": pages.fragment(view, self.case, now), "ended": view.ended})
            self._rendered[key] = data
        return data

    async def _stream(self, request: web.Request, who: str, payload: Callable[[], tuple[int, Hashable, bytes]]) -> web.StreamResponse:
        """Send ``payload`` now and again whenever the room changes (a burst of changes becomes one update).

        ``payload`` gives the room's version, the state's *shape* (what a phone sees, but for how many have voted)
        and the event. When only the count moved, the update waits until COUNT_EVERY_S after the last one: a
        hundred phones voting in the same second are a few updates, not a hundred, while anything else (voting
        opening or closing, the reveal, a pause) goes out at once.
        """
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"})
        response.headers["Content-Security-Policy"] = self.csp
        self.streams += 1
        self._per_phone[who] = self._per_phone.get(who, 0) + 1
        try:
            await response.prepare(request)
            await response.write(b"retry: 2000\n\n")
            sent, sent_shape, sent_at = -1, None, 0.0
            while not self.closing:
                pulse, shift = self._pulse, self._shift
                version, shape, data = payload()
                if version != sent:
                    wait = COUNT_EVERY_S - (time.monotonic() - sent_at) if shape == sent_shape else 0.0
                    if wait > 0 and shift is not None:
                        # Only the count moved: sleep it off, woken early only by a change that matters (not
                        # by each of a burst of votes, which would wake every phone's stream for every vote).
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(shift.wait(), wait)
                        continue
                    await response.write(data)
                    sent, sent_shape, sent_at = version, shape, time.monotonic()
                if pulse is None:
                    break
                try:
                    await asyncio.wait_for(pulse.wait(), KEEP_ALIVE_S)
                except TimeoutError:
                    await response.write(ALIVE)
                    continue
                if shift is None or not shift.is_set():
                    await asyncio.sleep(COALESCE_S)  # a burst of votes becomes one update; the reveal goes at once
        except (ConnectionError, RuntimeError):
            pass  # the phone went away
        finally:
            self.streams -= 1
            left = self._per_phone.get(who, 1) - 1
            if left:
                self._per_phone[who] = left
            else:
                self._per_phone.pop(who, None)
        return response

    # -- the facilitator ------------------------------------------------------------------------
    async def host(self, request: web.Request) -> web.StreamResponse:
        self._need_key(request)
        said = request.query.get("said", "")[:300]
        with self.control.lock:
            html = host_page.page(self.control.workshop, self.case, self.key, self.join_line, self.clock(), said=said)
        return web.Response(text=html, content_type="text/html")

    async def host_act(self, request: web.Request) -> web.StreamResponse:
        self._need_key(request)
        form = await _form(request)
        do, value, now = form.get("do", ""), form.get("value", ""), self.clock()
        # On a worker thread: the action waits for the journal to save it, and the phones' requests need not wait with it.
        done = await asyncio.get_running_loop().run_in_executor(None, lambda: self.control.act(do, value, now=now))
        if done.ended:
            html = self.report() if self.report is not None else pages.problem_page(self.case, 200, "The workshop has ended.")
            if self.on_finished is not None:
                asyncio.get_running_loop().call_later(1.0, self.on_finished)
            if _wants_json(request):
                return web.json_response({"ok": True, "said": done.said})
            return web.Response(text=html, content_type="text/html")
        if _wants_json(request):
            with self.control.lock:
                state = host_page.state(self.control.workshop, self.clock())
            return web.json_response({"ok": done.ok, "said": done.said, "state": state}, status=200 if done.ok else 409)
        return _redirect(f"/host/{self.key}" + (f"?said={_quote(done.said)}" if done.said else ""))

    async def host_state(self, request: web.Request) -> web.StreamResponse:
        self._need_key(request)
        with self.control.lock:
            return web.json_response(host_page.state(self.control.workshop, self.clock()))

    async def host_events(self, request: web.Request) -> web.StreamResponse:
        self._need_key(request)

        def payload() -> tuple[int, Hashable, bytes]:
            with self.control.lock:
                data = host_page.state(self.control.workshop, self.clock())
                data["html"] = host_page.now_html(self.control.workshop, self.clock())
            return int(data["version"]), data["version"], _sse(data)  # the facilitator sees every change at once

        return await self._stream(request, "facilitator", payload)


async def _form(request: web.Request) -> dict[str, str]:
    """A posted form's text fields; anything that cannot be read as one is the sender's mistake, a 400, never a 500.

    The one way every handler reads a form: bytes that are not UTF-8, a
    charset no codec has, multipart without its boundary or cut short.
    Files (a form field with a filename) are not text and are left out.
    """
    try:
        posted = await asyncio.wait_for(request.post(), BODY_S)  # a body dripped, or shorter than it says, is not waited for for ever
    except TimeoutError:
        raise web.HTTPRequestTimeout() from None
    except web.HTTPException:
        raise  # 413 (over MAX_BODY) says it better
    except (asyncio.CancelledError, ConnectionError):
        raise
    except Exception:
        raise web.HTTPBadRequest() from None
    return {key: value for key, value in posted.items() if isinstance(key, str) and isinstance(value, str)}


def _redirect(location: str) -> web.Response:
    """303 See Other: after a form is posted, the browser asks for the page again (so a reload never posts twice)."""
    return web.Response(status=303, headers={"Location": location})


def _shape(view: Any) -> Hashable:
    """What a phone's page shows but for how many have voted and its own vote (a change of this is sent at once).

    A phone's own vote is left out: the answer to its vote already brought its page up to date, so a burst of
    votes is not also a burst of streamed pages back to the phones that cast them.
    """
    timer = None if view.timer is None else (view.timer.started, view.timer.seconds)
    outcome = None if view.outcome is None else view.outcome.heading
    key = None if view.question is None else view.question.key
    return (key, view.phase, view.joined if view.phase != "open" else -1, view.tally is not None, outcome, view.paused, view.stepped_out, view.ended, view.heading, timer)


def _sse(data: dict[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return ("data: " + text.replace("\n", "\ndata: ") + "\n\n").encode("utf-8")


def _phone_json(view: Any) -> dict[str, Any]:
    question = view.question
    return {
        "version": view.version,
        "phase": view.phase,
        "question": None if question is None else {"prompt": question.prompt, "options": [{"id": c.id, "letter": c.letter, "text": c.text} for c in question.options]},
        "voted": view.voted,
        "joined": view.joined,
        "tally": dict(view.tally) if view.tally is not None else None,
        "mine": view.mine,
        "paused": view.paused,
        "stepped_out": view.stepped_out,
        "ended": view.ended,
        "outcome": None if view.outcome is None else {"heading": view.outcome.heading, "lines": list(view.outcome.lines)},
    }


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text[:300], safe="")


def _reason(status: int) -> str:
    return {
        400: "That request could not be read.",
        403: "This phone has not joined the room: open the room's address and type the code on the screen.",
        404: "There is no such page here.",
        405: "That page cannot be used that way.",
        408: "That took too long to arrive: try again.",
        413: "That was too much to send.",
        429: "Too many requests from this phone: wait a moment and try again.",
        503: "This phone has too many pages open on the room; close some and try again.",
    }.get(status, "That request was refused.")
