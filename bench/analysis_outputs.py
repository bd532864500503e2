"""Check that a change to the analysis leaves what it prints byte for byte as it was.

Writes what ``doorstep analyze`` (text and ``--json``, with a small spread)
and ``doorstep graph`` (DOT and Mermaid) print for every shipped scenario,
the examples, the test fixtures and generated cases of several sizes and
seeds (:func:`generate.generate`) into a folder; run it once before a
change and once after, and it says which outputs differ, if any:

    python bench/analysis_outputs.py save /tmp/before     # on the code before
    python bench/analysis_outputs.py check /tmp/before    # on the code after: exit 1 if anything differs

``--quick`` leaves out the 10,000-node cases.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from simulator.cli import main as doorstep

PROJECT = Path(__file__).resolve().parent.parent
FIXED = (
    *sorted(p for p in (PROJECT / "scenarios").iterdir() if (p / "scenario.yaml").is_file()),
    PROJECT / "docs/examples/small-visit",
    *sorted(p for p in (PROJECT / "tests/fixtures").iterdir() if (p / "scenario.yaml").is_file()),
)
GENERATED = ((300, (1, 2, 3, 4, 5, 6)), (2000, (1, 2, 3)), (10000, (1, 2)))
FORMS = (
    ("text", ("analyze", "--spread", "20")),
    ("json", ("analyze", "--spread", "20", "--json")),
    ("dot", ("graph",)),
    ("mermaid", ("graph", "--format", "mermaid")),
)


def _cases(quick: bool) -> Iterator[tuple[str, Path]]:
    for path in FIXED:
        yield path.relative_to(PROJECT).as_posix().replace("/", "_"), path
    with tempfile.TemporaryDirectory(prefix="doorstep-outputs-") as tmp:
        for nodes, seeds in GENERATED:
            if quick and nodes > 2000:
                continue
            for seed in seeds:
                yield f"generated-{nodes}-{seed}", generate(Path(tmp) / f"g{nodes}-{seed}", nodes=nodes, seed=seed)


def _output(command: tuple[str, ...], path: Path) -> bytes:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = doorstep([command[0], str(path), *command[1:]])
    return f"exit {code}\n{out.getvalue()}".encode()


def outputs(quick: bool = False) -> Iterator[tuple[str, bytes]]:
    """(name, bytes printed) for every case and form."""
    for name, path in _cases(quick):
        for form, command in FORMS:
            yield f"{name}.{form}", _output(command, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "check"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quick", action="store_true", help="leave out the 10,000-node cases")
    args = parser.parse_args()
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    differ, count = [], 0
    for name, data in outputs(args.quick):
        count += 1
        kept = folder / name
        if args.mode == "save":
            kept.write_bytes(data)
        elif not kept.is_file() or kept.read_bytes() != data:
            differ.append(name)
            (folder / f"{name}.after").write_bytes(data)
        print(f"{name:40} {hashlib.sha256(data).hexdigest()[:16]} {'DIFFERS' if name in differ else ''}", flush=True)
    if args.mode == "save":
        print(f"{count} outputs saved in {folder}")
        return 0
    print(
        f"{count} outputs compared with {folder}: {len(differ)} differ"
        + (f" ({', '.join(differ)}; the new ones are beside them as .after)" if differ else ", all byte for byte the same")
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
