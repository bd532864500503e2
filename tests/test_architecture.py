"""The architecture holds: the layer contract, no import cycle anywhere, screens that only ask the flow, a current diagram."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest
from architecture_doc import DOC, current, render
from conftest import PROJECT

PACKAGE = PROJECT / "simulator"
AREAS = ("shell", "play", "watch", "review")
STACK = {"push", "pop", "pop_to", "replace", "reset", "remove"}


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every set of modules that import one another round in a circle (Tarjan); an import of a module's own package is no cycle."""
    edges = {m: sorted(t for t in targets if t != m and not m.startswith(t + ".")) for m, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        work = [(root, iter(edges[root]))]
        while work:
            node, rest = work[-1]
            for nxt in rest:
                if nxt not in edges:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(edges[nxt])))
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    ring = []
                    while True:
                        member = stack.pop()
                        on.discard(member)
                        ring.append(member)
                        if member == node:
                            break
                    if len(ring) > 1:
                        found.append(sorted(ring))
    return found


def import_graph(package: str) -> dict[str, set[str]]:
    """Who imports whom in ``package``: imports inside functions count, ``if TYPE_CHECKING:`` ones do not."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True, cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


@pytest.mark.slow
def test_the_layer_contract_is_kept():
    """import-linter finds every contract in pyproject.toml kept: the layers, the window's layers, pygame only in the window, no cycles."""
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()", "--no-cache"], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_import_cycle_anywhere_in_the_package():
    """No module of simulator/ reaches back to itself through its imports, counting those inside functions."""
    assert cycles(import_graph("simulator")) == []


def test_the_cycle_check_counts_imports_in_functions_but_not_type_checking(tmp_path: Path, monkeypatch):
    """A cycle closed by an import inside a function is found; one closed only under TYPE_CHECKING is not."""
    pkg = tmp_path / "ringpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from ringpkg import b\n")
    (pkg / "b.py").write_text("def later():\n    from ringpkg import a\n")
    (pkg / "c.py").write_text("from ringpkg import d\n")
    (pkg / "d.py").write_text(textwrap.dedent("""
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from ringpkg import c
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles(import_graph("ringpkg")) == [["ringpkg.a", "ringpkg.b"]]


def _module(path: Path) -> str:
    rel = path.relative_to(PROJECT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imported(tree: ast.AST, here: str) -> set[str]:
    """Every module an import in ``tree`` names (``from x import y`` names both x and x.y)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here.split(".")[: -node.level] + ([node.module] if node.module else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def _defines_a_scene(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                target = base.value if isinstance(base, ast.Subscript) else base
                if isinstance(target, ast.Name) and target.id.endswith("Scene"):
                    return True
    return False


def test_screens_never_import_one_another():
    """A module with a screen (a Scene) in an area imports no other module with a screen: it asks its moves instead."""
    trees = {_module(p): ast.parse(p.read_text()) for area in AREAS for p in (PACKAGE / "ui" / area).glob("*.py")}
    screens = {m for m, tree in trees.items() if _defines_a_scene(tree)}
    assert len(screens) >= 15  # the check is looking at the screens
    offenders = sorted(f"{m} imports {other}" for m in screens for other in _imported(trees[m], m) & screens if other != m)
    assert offenders == []


def test_only_the_flow_changes_the_stack():
    """Outside the flow and the app itself, nothing pushes, pops, replaces or resets the app's scenes."""
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        rel = path.relative_to(PACKAGE / "ui")
        if rel.parts[0] == "flow" or rel == Path("kit/app.py") or rel.name == "launch.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STACK:
                owner = node.func.value
                if (isinstance(owner, ast.Attribute) and owner.attr == "app") or (isinstance(owner, ast.Name) and owner.id == "app"):
                    offenders.append(f"ui/{rel}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == []


def test_the_architecture_page_draws_the_current_contract():
    """docs/architecture.md's layer diagrams match pyproject.toml's contract (redraw with python tests/architecture_doc.py)."""
    assert current(DOC.read_text(encoding="utf-8")) == render()


def test_the_readme_layout_names_every_layer():
    """The README's layout section names every package of the contract, and each area of the window."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Project layout") :]
    layout = layout[: layout.index("\n## ", 3)]
    missing = [name for name in ("scenario/", "engine/", "analysis/", "report/", "records/", "services/", "ui/", "kit/", "flow/", "shell/", "play/", "watch/", "review/") if name not in layout]
    assert missing == []
