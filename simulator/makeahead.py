"""What ``python -m simulator.quicktuple`` and ``python -m simulator.quickdata`` share: the modules that use the package,
and its ``ahead.py`` written or checked (each package says what goes in it)."""

from __future__ import annotations

import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def users(uses: str) -> list[str]:
    """Every module of the package whose source holds the line ``uses`` (its import of the maker), each imported."""
    found = sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts) for p in PACKAGE.rglob("*.py") if uses in p.read_text(encoding="utf-8"))
    for name in found:
        importlib.import_module(name)
    return found


def target(maker: str) -> Path:
    """``simulator/MAKER/ahead.py``: where the maker keeps what it compiled ahead."""
    return PACKAGE / maker / "ahead.py"


def is_current(maker: str, text: str) -> bool:
    """Whether the maker's ahead.py holds ``text`` (what it would write now)."""
    return target(maker).read_text(encoding="utf-8") == text


def write(maker: str, text: str) -> int:
    """Write the maker's ahead.py and say so; the command's exit code."""
    path = target(maker)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(PACKAGE.parent)}")
    return 0
