"""``typing.NamedTuple`` with each class's ``__new__`` compiled ahead: the same classes, without compiling at every start.

``collections.namedtuple``, which ``typing.NamedTuple`` calls, writes each
class's ``__new__`` as the text of a lambda and compiles it with ``eval``:
about 40% of making the class (some 0.4 million instructions for a record
of eleven fields), nine times before the window's first frame. A module
that imports ``NamedTuple`` from here (for mypy, ``typing``'s: see below)
gets the very class ``typing.NamedTuple`` makes, made by ``typing`` itself;
only that one ``eval`` finds the lambda already compiled, in
``simulator/quicktuple/ahead.py`` (written by ``python -m simulator.quicktuple``),
when the text asked for is the text kept there. Any other text (a record
changed since, another field list) is compiled as before: never stale, only
slower. ``tests/test_quicktuple.py`` checks every such class against
``typing``'s own and fails until ahead.py is made again.

Use::

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from simulator.quicktuple import NamedTuple
"""

from __future__ import annotations

import collections
import functools
import sys
import types
import typing
from typing import Any

from simulator.quicktuple import ahead

__all__ = ["NamedTuple"]

#: The lambdas' texts this process asked for, by the module making the record, whether found ahead or not: what
#: `python -m simulator.quicktuple` compiles ahead for the package's modules.
ASKED: dict[str, set[str]] = {}
_BASE: Any = typing.NamedTuple.__mro_entries__((typing.NamedTuple,))[0]  # type: ignore[attr-defined]


def _eval(module: str, text: Any, namespace: Any = None, *rest: Any) -> Any:
    """``eval`` as ``collections.namedtuple`` calls it, with the ``__new__`` lambdas kept ahead taken as they are."""
    if isinstance(text, str) and type(namespace) is dict and not rest:
        ASKED.setdefault(module, set()).add(text)
        kept = ahead.TUPLES.get(text)
        if kept is not None:  # the same code, in the globals namedtuple gives it (its name and docs are set by namedtuple)
            return types.FunctionType(kept.__code__, namespace)
    return eval(text, namespace, *rest)


class _Quick(type):
    """The metaclass of :data:`NamedTuple`'s base: hands the class statement to ``typing``, with :func:`_eval` in place."""

    def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if "__orig_bases__" in ns:
            ns["__orig_bases__"] = tuple(typing.NamedTuple if b is NamedTuple else b for b in ns["__orig_bases__"])
        bases = tuple(_BASE if b is _QuickBase else b for b in bases)
        # namedtuple's global `eval`, for this class only (another thread's namedtuple meanwhile is compiled as ever: _eval
        # passes on any text it does not hold, and a second class made at once at worst compiles its own)
        collections.eval = functools.partial(_eval, ns.get("__module__", ""))  # type: ignore[attr-defined]
        try:
            if bases == (_BASE,) and _PLAIN is not None:
                return _PLAIN(typename, ns)
            return type(_BASE)(typename, bases, ns)
        finally:
            vars(collections).pop("eval", None)


def _plain_311(typename: str, ns: dict[str, Any]) -> Any:
    """Python 3.11's ``NamedTupleMeta.__new__`` for a record with no base but NamedTuple, less its ``__bases__ = (tuple,)``:
    the class's bases already are that, and setting them again rebuilt every slot of the class (about as long as all
    the rest of namedtuple's work)."""
    fields = ns.get("__annotations__", {})
    defaulted: list[str] = []
    for name in fields:
        if name in ns:
            defaulted.append(name)
        elif defaulted:
            raise TypeError(
                f"Non-default namedtuple field {name} cannot follow default field{'s' if len(defaulted) > 1 else ''} {', '.join(defaulted)}"
            )
    made = typing._make_nmtuple(typename, fields.items(), defaults=[ns[n] for n in defaulted], module=ns["__module__"])  # type: ignore[attr-defined]
    for key in ns:
        if key in typing._prohibited:  # type: ignore[attr-defined]
            raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
        if key not in typing._special and key not in made._fields:  # type: ignore[attr-defined]
            setattr(made, key, ns[key])
    return made


#: What makes a plain record: written for 3.11's typing, whose steps it repeats (newer versions' are handed the class).
_PLAIN = _plain_311 if sys.version_info[:2] == (3, 11) else None


_QuickBase = type.__new__(_Quick, "NamedTuple", (), {})


def _named_tuple(*args: Any, **kwargs: Any) -> Any:
    """Only the class form: ``typing.NamedTuple(typename, fields)`` would name this module as the class's."""
    raise TypeError("use `class Name(NamedTuple): ...`, or typing.NamedTuple for the functional form")


_named_tuple.__mro_entries__ = lambda bases: (_QuickBase,)  # type: ignore[attr-defined]
NamedTuple: Any = _named_tuple
