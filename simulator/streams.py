"""The command line's own streams: there even when the shell closed them, and a one-line message kept on one line.

A refusal is one line starting ``doorstep: `` (the house rule), but the line
often quotes what the person gave: a path, an argument, a name read from a
file. A folder named with a newline, a terminal escape or a right-to-left
override would break the line in two, clear the screen or reverse what the
reader sees. :func:`guarded` wraps standard error so that every message
starting ``doorstep: `` shows such characters as escapes (``\\n``,
``\\x1b``, ``\\u202e``), and replaces a stream the shell closed (``>&-``,
``<&-``) with the null device, so printing is never an AttributeError.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

PREFIX = "doorstep: "


@functools.cache
def _hidden() -> re.Pattern[str]:
    """Line and paragraph breaks, other C0 and C1 controls (ESC starts terminal sequences), and the bidirectional
    embeddings, overrides and isolates (U+202A-E, U+2066-9) that reorder what follows them on screen.

    Compiled when first needed: compiling it took 0.3 ms (about 2 million instructions) of every command's start,
    the window's before its first frame included, which prints nothing.
    """
    return re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escaped(text: str) -> str:
    """``text`` with line breaks, controls and direction overrides written as Python-style escapes."""
    if text.isascii() and text.isprintable():  # nothing to escape (a tab is not printable, so it is looked at below)
        return text
    return _hidden().sub(lambda m: "\\n" if m[0] == "\n" else f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def json_text(data: Any, *, indent: int = 2) -> str:
    """``data`` as JSON for the terminal: characters as they are, except the controls and direction overrides that
    :func:`escaped` shows, written as JSON's own ``\\uXXXX`` (the same data to any reader, and no steer for the
    terminal: a record's name or reflection may hold them). Outside its strings JSON text holds none of them, and
    ``json`` escapes C0 controls itself, so its own line breaks stay.
    """
    import json

    return re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m[0]):04x}", json.dumps(data, indent=indent, ensure_ascii=False))


class OneLine:
    """A text stream that writes ``doorstep: `` messages on one line (see the module's note) and all else as given."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if text.startswith(PREFIX):
            body = text.rstrip("\n")
            text = escaped(body) + text[len(body) :]
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Run a command with usable standard streams and one-line messages; the streams as they were afterwards."""
    saved = sys.stdin, sys.stdout, sys.stderr
    opened = []
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:  # closed by the shell: Python gives None, and every print or input would raise
            null = open(os.devnull, mode, encoding="utf-8")  # noqa: SIM115 - closed below
            opened.append(null)
            setattr(sys, name, null)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a character the terminal cannot show is replaced, not a UnicodeEncodeError
            reconfigure(errors="replace")
    wrapper = OneLine(sys.stderr)
    sys.stderr = wrapper
    try:
        yield
    finally:
        if sys.stderr is wrapper:
            sys.stderr = wrapper.stream
        if opened:
            sys.stdin, sys.stdout, sys.stderr = saved
            for null in opened:
                with contextlib.suppress(OSError):
                    null.close()


DELAY_S = 2.0  # a real case's check is over before then: only a giant one's is told


@contextlib.contextmanager
def still_working(what: str, stream: TextIO | None = None, delay: float | None = None) -> Iterator[None]:
    """``doorstep: still checking cases/big... 4 s`` on a terminal's standard error while the block takes longer than
    ``delay`` (the first check of a case of thousands of nodes), counted up each second in place and wiped when the
    block ends, so what the command prints next starts on a clean line. Nothing off a terminal (a log, a pipe, a test)."""
    out = stream if stream is not None else sys.stderr
    isatty = getattr(out, "isatty", None)
    if isatty is None or not isatty():
        yield
        return
    import threading  # here: every command imports this module, and the window's first frame comes before any thread
    import time

    done, lock, start = threading.Event(), threading.Lock(), time.monotonic()
    first = DELAY_S if delay is None else delay
    width = 0

    def tell() -> None:
        nonlocal width
        while not done.wait(1.0 if width else first):
            with lock:
                if done.is_set():
                    return
                text = f"{PREFIX}still {what}... {time.monotonic() - start:.0f} s"
                out.write("\r")  # (a write of its own: OneLine keeps a `doorstep: ` line on one line)
                out.write(text.ljust(width))
                out.flush()
                width = max(width, len(text))

    teller = threading.Thread(target=tell, name="still-working", daemon=True)
    teller.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if width:
                out.write("\r" + " " * width + "\r")
                out.flush()
        teller.join()  # gone before the command goes on (analyze forks its workers only from a process with one thread)
