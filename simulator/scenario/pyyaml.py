"""PyYAML, imported with its own patterns compiled when first used, not at every start.

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
"""

from __future__ import annotations

import re
import sys
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
