"""PyYAML, imported with its own patterns compiled when first used, and its C parser's commonest events made plainly.

Importing ``yaml`` compiles eleven regular expressions for its pure-Python
reader, resolver and constructor. One of them, the reader's class of
printable characters, spans nearly all of Unicode, and compiling it alone
costs some 58 million instructions, more than a fifth of ``validate``'s
imports. Doorstep's readers never use any of the eleven: they take libyaml's
events from the C parser and resolve plain scalars by their own table
(:mod:`simulator.scenario.yamldoc`). So :func:`yaml` imports the package
with each pattern its modules compile standing in for itself: the same
pattern, compiled the first time anything asks it for anything (a match, a
search, its text), and from then on answering as the compiled one. Only
``yaml``'s own modules get stand-ins, and only while the package is
first imported; every other compile, in any thread, is Python's own.

The lean reader takes its events with :func:`plain_events` (see :data:`PLAIN`).
"""

from __future__ import annotations

import _thread
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

_compile = re.compile


class Deferred:
    """A pattern compiled when first asked for anything: ``re.compile(pattern, flags)`` then."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: Any, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[Any] | None = None

    def compiled(self) -> re.Pattern[Any]:
        """The pattern, compiled now if it was not yet."""
        if self._compiled is None:
            self._compiled = _compile(self._pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return repr(self.compiled())


def _yaml_compiles_later(pattern: Any, flags: int = 0) -> Any:
    """``re.compile`` while ``yaml`` is first imported: a stand-in for a pattern of yaml's own modules, Python's compile for anyone else."""
    if str(sys._getframe(1).f_globals.get("__name__", "")).startswith("yaml."):
        return Deferred(pattern, flags)
    return _compile(pattern, flags)


def yaml() -> ModuleType:
    """The ``yaml`` package, imported (if it is not yet) with its patterns compiled when first used."""
    if "yaml" not in sys.modules:
        re.compile = _yaml_compiles_later
        try:
            import yaml  # noqa: F401 - imported for sys.modules
        finally:
            re.compile = _compile
    return sys.modules["yaml"]


#: What libyaml's parser (``yaml._yaml``) makes for its five commonest events while :func:`plain_events` holds: classes
#: of Python's own that keep the arguments they are called with as ``.args``, made without running any Python. The
#: parser calls an event's class by the name it has in its module; yaml's own classes run an ``__init__`` of seven
#: assignments for each of a file's thousands of events, these run none (38 M instructions fewer in a validate of
#: Harris). They are exceptions only in being the built-in classes that keep any arguments so; none is ever raised.
PLAIN = {
    "ScalarEvent": BaseException,  # .args: anchor, tag, implicit, value, start_mark, end_mark, style
    "MappingStartEvent": ArithmeticError,  # .args: anchor, tag, implicit, start_mark, end_mark, flow_style
    "SequenceStartEvent": LookupError,  # the same
    "MappingEndEvent": AssertionError,  # .args: start_mark, end_mark
    "SequenceEndEvent": BufferError,  # the same
}
#: Held by any reading with libyaml's parser: the lean reader's with plain events, the reporting reader's with yaml's own.
LOCK = _thread.allocate_lock()


@contextmanager
def plain_events() -> Iterator[None]:
    """libyaml's parser making :data:`PLAIN` events while the block runs, yaml's own again after (the parser is the only one in
    Doorstep, and every reading with it holds :data:`LOCK`, so no other reading meets them)."""
    with LOCK:
        module = sys.modules["yaml._yaml"]
        own = {name: getattr(module, name) for name in PLAIN}
        try:
            for name, kind in PLAIN.items():
                setattr(module, name, kind)
            yield
        finally:
            for name, kind in own.items():
                setattr(module, name, kind)
