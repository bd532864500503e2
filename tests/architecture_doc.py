"""Draws the layer diagrams in docs/architecture.md from the layer contract in pyproject.toml.

Run ``python tests/architecture_doc.py`` after changing the contract or a
package's one-line summary (the first line of its docstring);
tests/test_architecture.py fails while the committed page is stale.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DOC = PROJECT / "docs" / "architecture.md"
START = "<!-- layers: drawn by tests/architecture_doc.py from pyproject.toml; do not edit by hand -->"
END = "<!-- end of the drawn layers -->"


def contracts() -> list[dict[str, object]]:
    """The import-linter contracts, as pyproject.toml declares them."""
    data = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    found: list[dict[str, object]] = data["tool"]["importlinter"]["contracts"]
    return found


def summary(module: str) -> str:
    """The first line of a module's or package's docstring."""
    path = PROJECT.joinpath(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    doc = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _layer(raw: str) -> list[str]:
    return [part.strip() for part in raw.split("|")]


def diagram(contract: dict[str, object]) -> list[str]:
    """One contract's layers as a box per layer, top to bottom, then what each part is."""
    (container,) = contract["containers"]  # type: ignore[misc]
    layers = [_layer(raw) for raw in contract["layers"]]  # type: ignore[attr-defined]
    width = max(len("  |  ".join(layer)) for layer in layers)
    out = [f"{contract['name']} (`{str(container).replace('.', '/')}/`):", "", "```"]
    for i, layer in enumerate(layers):
        text = "  |  ".join(layer)
        out.append(f"  {text.center(width)}".rstrip())
        if i < len(layers) - 1:
            out.append(f"  {'↓'.center(width)}".rstrip())
    out += ["```", "", "| part | what it is |", "|---|---|"]
    for layer in layers:
        for name in layer:
            module = f"{container}.{name}"
            kind = "package" if PROJECT.joinpath(*module.split(".")).is_dir() else "module"
            label = f"`{name}/`" if kind == "package" else f"`{name}.py`"
            out.append(f"| {label} | {summary(module)} |")
    return out


def render() -> str:
    """The generated part of docs/architecture.md, markers included."""
    out = [
        START,
        "",
        "Each box may import only the boxes below it; names side by side (`|`) never import each other.",
        "Imports inside functions count; imports under `if TYPE_CHECKING:` do not (they never run).",
        "",
    ]
    for contract in contracts():
        if contract["type"] == "layers":
            out += [*diagram(contract), ""]
    others = [c for c in contracts() if c["type"] != "layers"]
    if others:
        out.append("Also checked: " + "; ".join(str(c["name"]).lower() for c in others) + ".")
        out.append("")
    out.append(END)
    return "\n".join(out)


def current(text: str) -> str:
    """The generated part of ``text`` as committed (empty if the markers are missing)."""
    if START not in text or END not in text:
        return ""
    return text[text.index(START) : text.index(END) + len(END)]


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    old = current(text)
    if not old:
        print(f"{DOC}: no markers to draw between ({START!r} ... {END!r})", file=sys.stderr)
        return 1
    DOC.write_text(text.replace(old, render()), encoding="utf-8")
    print(f"drew the layers into {DOC.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
