"""Connections the room's server holds, bounded: no one address may take the files the room's phones need.

Each connection is a file the facilitator's laptop has open, and a process
may open only so many (1,024 by default on Linux, 256 on macOS). A
connection that sends nothing is closed after a while (``IDLE_S`` in
:mod:`simulator.server.app`), but one device opening a thousand at once, and
again as they close, held every file the server had: the room's phones
could not even connect. So at most :data:`PER_ADDRESS` connections from one
address are kept at once; the next is closed as it arrives. A phone needs
a handful (a browser opens up to six to one server, and a few live
streams); the facilitator's own machine (loopback) is not counted, so the
load benchmark's hundreds of phones on 127.0.0.1 still run. The server
also asks for as many files as the system lets it have (:func:`more_files`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

PER_ADDRESS = 32
LOOPBACK = frozenset({"127.0.0.1", "::1"})
WANTED_FILES = 8192


def more_files() -> None:
    """Raise this process's limit on open files towards :data:`WANTED_FILES` (as far as the hard limit allows)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = WANTED_FILES if hard == resource.RLIM_INFINITY else min(WANTED_FILES, hard)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (OSError, ValueError):
        pass  # the system said no: the default limit stands, and the cap below still holds


def capped(server: web.Server, per_address: int = PER_ADDRESS, spared: frozenset[str] = LOOPBACK) -> Callable[[], RequestHandler]:
    """A protocol factory for ``loop.create_server``: aiohttp's own handlers, at most ``per_address`` open from one address."""
    held: dict[str, int] = {}

    class Counted(RequestHandler):
        """aiohttp's handler for one connection, counted against its address while it is open."""

        counted: str | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            peer = transport.get_extra_info("peername")
            address = str(peer[0]) if isinstance(peer, tuple) and peer else "?"
            if address in spared:
                return
            if held.get(address, 0) >= per_address:
                if isinstance(transport, asyncio.Transport):
                    transport.abort()  # one device holding this many at once is a flood, not a phone
                else:
                    transport.close()
                return
            held[address] = held.get(address, 0) + 1
            self.counted = address

        def connection_lost(self, exc: BaseException | None) -> None:
            address, self.counted = self.counted, None
            if address is not None:
                left = held.get(address, 1) - 1
                if left > 0:
                    held[address] = left
                else:
                    held.pop(address, None)
            super().connection_lost(exc)

    def make() -> RequestHandler:
        return Counted(server, loop=asyncio.get_running_loop(), **server._kwargs)  # the handler arguments the app was built with

    return make


class CappedSite(web.TCPSite):
    """aiohttp's TCP site, with its connections made by :func:`capped`."""

    def __init__(self, runner: web.AppRunner, host: str, port: int, *, backlog: int, per_address: int = PER_ADDRESS, spared: frozenset[str] = LOOPBACK) -> None:
        super().__init__(runner, host, port, reuse_address=False, backlog=backlog)
        self._per_address = per_address
        self._spared = spared

    async def start(self) -> None:
        await web.BaseSite.start(self)  # registers the site with its runner (TCPSite.start would also create its own server)
        server = self._runner.server
        assert server is not None
        self._server = await asyncio.get_running_loop().create_server(
            capped(server, self._per_address, self._spared), self._host, self._port, backlog=self._backlog, reuse_address=self._reuse_address
        )
