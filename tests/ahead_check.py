"""What tests/test_quicktuple.py and tests/test_quickdata.py share: each module that uses one of the makers, run again from
its source with the standard library's maker in its place, and its classes paired with the reference's."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from pathlib import Path


def reference(name: str, uses: str, standard: str) -> types.ModuleType:
    """The module ``name`` run again from its source with the line ``uses`` (the maker's import) replaced by ``standard``."""
    module = importlib.import_module(name)
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    assert uses in source
    ref = types.ModuleType(f"_reference_{name.replace('.', '_')}")
    ref.__file__ = module.__file__
    sys.modules[ref.__name__] = ref  # the maker reads the module's globals; pickle finds the classes
    exec(compile(source.replace(uses, standard), str(module.__file__), "exec", dont_inherit=True), ref.__dict__)
    return ref


def pairs(users: list[str], uses: str, standard: str, made_by: Callable[[type], bool]) -> list[tuple[str, type, type]]:
    """(name, class, the reference's class) for every class the users define that ``made_by`` says the maker made."""
    out = []
    for name in users:
        module, ref = importlib.import_module(name), reference(name, uses, standard)
        for attr, made in vars(module).items():
            if isinstance(made, type) and made.__module__ == name and made_by(made):
                out.append((f"{name}.{attr}", made, getattr(ref, attr)))
    return out
