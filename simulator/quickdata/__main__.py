"""``python -m simulator.quickdata``: compile ahead the methods of every class the package makes with quickdata.

Writes ``simulator/quickdata/ahead.py`` (run it after changing the fields of such a class; the test suite
fails until it is run, and until then the class is compiled at import, as before).
"""

from __future__ import annotations

from simulator import makeahead

USES = "from simulator.quickdata import dataclass\n"
HEAD = '''"""The methods ``simulator.quickdata`` writes, compiled ahead so that they load as bytecode: generated, never edited.

Made by ``python -m simulator.quickdata`` from the package's classes. Each entry keeps the text it was made from;
a class whose text is now different is compiled at import instead (slower, never wrong), and
``tests/test_quickdata.py`` fails until this file is made again.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
from typing import Any

MADE: dict[str, tuple[Any, str]] = {}
'''


def users() -> list[str]:
    """Every module of the package that makes a class with quickdata, each imported."""
    return makeahead.users(USES)


def render() -> str:
    """The text of ahead.py for the package's classes as they are now."""
    from simulator import quickdata

    modules = users()
    wanted = {key: text for key, text in quickdata.SOURCES.items() if key.rpartition(".")[0] in modules}
    parts = [HEAD]
    for key in sorted(wanted):
        parts.append(f"{wanted[key]}MADE[{key!r}] = (__create_fn__, {wanted[key]!r})\n")
    return "".join(parts)


def main() -> int:
    return makeahead.write("quickdata", render())


if __name__ == "__main__":
    raise SystemExit(main())
