"""``python -m simulator.quicktuple``: compile ahead the ``__new__`` of every record the package makes with quicktuple.

Writes ``simulator/quicktuple/ahead.py`` (run it after changing the fields of such a record; the test suite
fails until it is run, and until then the record's ``__new__`` is compiled at import, as before).
"""

from __future__ import annotations

import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
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
    """Every module of the package that makes a record with quicktuple."""
    return sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts) for p in PACKAGE.rglob("*.py") if USES in p.read_text(encoding="utf-8"))


def render() -> str:
    """The text of ahead.py for the package's records as they are now."""
    from simulator import quicktuple

    modules = users()
    for name in modules:
        importlib.import_module(name)
    texts = {text for name in modules for text in quicktuple.ASKED.get(name, ())}
    return HEAD + "".join(f"TUPLES[{text!r}] = {text}\n" for text in sorted(texts))


def main() -> int:
    target = PACKAGE / "quicktuple" / "ahead.py"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
