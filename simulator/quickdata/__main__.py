"""``python -m simulator.quickdata``: compile ahead the methods of every class the package makes with quickdata.

Writes ``simulator/quickdata/ahead.py`` (run it after changing the fields of such a class; the test suite
fails until it is run, and until then the class is compiled at import, as before).
"""

from __future__ import annotations

import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
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
    """Every module of the package that makes a class with quickdata."""
    return sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts) for p in PACKAGE.rglob("*.py") if USES in p.read_text(encoding="utf-8"))


def render() -> str:
    """The text of ahead.py for the package's classes as they are now."""
    from simulator import quickdata

    modules = users()
    for name in modules:
        importlib.import_module(name)
    wanted = {key: text for key, text in quickdata.SOURCES.items() if key.rpartition(".")[0] in modules}
    parts = [HEAD]
    for key in sorted(wanted):
        parts.append(f"{wanted[key]}MADE[{key!r}] = (__create_fn__, {wanted[key]!r})\n")
    return "".join(parts)


def main() -> int:
    target = PACKAGE / "quickdata" / "ahead.py"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
