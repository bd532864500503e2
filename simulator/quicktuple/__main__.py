"""``python -m simulator.quicktuple``: compile ahead the ``__new__`` of every record the package makes with quicktuple.

Writes ``simulator/quicktuple/ahead.py`` (run it after changing the fields of such a record; the test suite
fails until it is run, and until then the record's ``__new__`` is compiled at import, as before).
"""

from __future__ import annotations

from simulator import makeahead

USES = "from simulator.quicktuple import NamedTuple\n"
HEAD = '''"""The records' ``__new__`` lambdas, as ``collections.namedtuple`` writes them, compiled ahead: generated, never edited.

Made by ``python -m simulator.quicktuple`` from the package's records, each under the text it is compiled from;
a text not here is compiled at import instead (slower, never wrong), and ``tests/test_quicktuple.py`` fails
until this file is made again.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
from typing import Any

TUPLES: dict[str, Any] = {}
'''


def users() -> list[str]:
    """Every module of the package that makes a record with quicktuple, each imported."""
    return makeahead.users(USES)


def render() -> str:
    """The text of ahead.py for the package's records as they are now."""
    from simulator import quicktuple

    modules = users()
    texts = {text for name in modules for text in quicktuple.ASKED.get(name, ())}
    return HEAD + "".join(f"TUPLES[{text!r}] = {text}\n" for text in sorted(texts))


def main() -> int:
    return makeahead.write("quicktuple", render())


if __name__ == "__main__":
    raise SystemExit(main())
