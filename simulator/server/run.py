"""Running the room's server: on its own thread beside the window, or in the foreground without one.

:class:`RoomServer` binds exactly the addresses it is given (one port for
all), and only between :meth:`RoomServer.start` and :meth:`RoomServer.stop`:
a workshop that is not running listens on nothing. A port that is taken or an
address the machine does not have is a :class:`ServeError` with one line.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import sys
import threading
import time
from collections.abc import Sequence

from aiohttp import web

from simulator.server.app import RoomApp
from simulator.server.guard import CappedSite, more_files

SHUTDOWN_S = 1.0


class ServeError(Exception):
    """The server could not start; the message says why in one line."""


def _why(exc: OSError, address: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {address}: choose another with --port, or 0 for any free port"
    if exc.errno in (errno.EADDRNOTAVAIL, errno.EINVAL):
        return f"this machine has no address {address}: give one it has with --host"
    if exc.errno == errno.EACCES:
        return f"port {port} needs administrator rights: choose one above 1023 with --port"
    return f"cannot listen on {address}:{port} ({exc.strerror or exc})"


class OneLine(logging.Handler):
    """aiohttp's and asyncio's own complaints (a malformed request, a client that vanished mid-answer) as one line, never a traceback.

    Junk from the network is refused with a 400 before any handler sees it,
    and aiohttp logs each with a traceback on the facilitator's terminal; a
    stream of junk would bury what the workshop prints. So each becomes one
    line, and at most one a second is shown (the rest are counted into the next).
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._last = -1.0
        self._held = 0

    def emit(self, record: logging.LogRecord) -> None:
        now = time.monotonic()
        if now - self._last < 1.0:
            self._held += 1
            return
        self._last = now
        error = record.exc_info[1] if record.exc_info else None
        what = record.getMessage().splitlines()[0][:160] if record.getMessage() else "a request failed"
        why = f" ({type(error).__name__}: {' '.join(str(error).split())[:120]})" if error is not None else ""
        more = f" (and {self._held} more like it)" if self._held else ""
        self._held = 0
        print(f"doorstep workshop: {what}{why}{more}", file=sys.stderr)


_LOGGERS = ("aiohttp", "asyncio")


class RoomServer:
    """The room's web server on a thread of its own."""

    def __init__(self, room_app: RoomApp, addresses: Sequence[str], port: int) -> None:
        self.room_app = room_app
        self.addresses = tuple(addresses)
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._problem: str | None = None
        self._stopped = threading.Event()
        self._handler: logging.Handler | None = None

    async def _open(self) -> None:
        runner = web.AppRunner(self.room_app.build(), access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_S)
        await runner.setup()
        self._runner = runner
        port = self.port
        for address in self.addresses:
            site = CappedSite(runner, address, port, backlog=256)  # at most a few dozen connections from one address at once
            try:
                await site.start()
            except OSError as exc:
                raise ServeError(_why(exc, address, port)) from None
            if port == 0:
                server = site._server
                sockets = getattr(server, "sockets", None) or ()
                port = int(sockets[0].getsockname()[1]) if sockets else 0
        self.port = port

    def _quiet(self) -> list[tuple[logging.Logger, bool]]:
        handler = OneLine()
        before = []
        for name in _LOGGERS:
            logger = logging.getLogger(name)
            before.append((logger, logger.propagate))
            logger.addHandler(handler)
            logger.propagate = False
        self._handler = handler
        return before

    def _loud(self, before: list[tuple[logging.Logger, bool]]) -> None:
        for logger, propagate in before:
            if self._handler is not None:
                logger.removeHandler(self._handler)
            logger.propagate = propagate

    def _main(self) -> None:
        before = self._quiet()
        try:
            self._serve()
        finally:
            self._loud(before)

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._open())
        except ServeError as exc:
            self._problem = str(exc)
        except OSError as exc:
            self._problem = f"cannot start the room's server ({exc})"
        self._ready.set()
        if self._problem is None:
            loop.run_forever()
        if self._runner is not None:
            loop.run_until_complete(self._runner.cleanup())
        loop.close()
        self._stopped.set()

    def start(self) -> int:
        """Listen (on the thread), once ready; the port. :class:`ServeError` if it cannot."""
        more_files()  # each phone's connections are open files: the default limit is a few hundred on some systems
        self._thread = threading.Thread(target=self._main, name="doorstep-room-server", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._problem is not None:
            self._thread.join(5)
            raise ServeError(self._problem)
        return self.port

    def stop(self) -> None:
        """Stop listening and close every connection (the phones' streams end)."""
        loop = self._loop
        if loop is not None and not loop.is_closed() and self._thread is not None and self._thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join(SHUTDOWN_S + 5)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server has stopped (True) or ``timeout`` passes."""
        return self._stopped.wait(timeout)
