"""Finding a scenario's files on disk, whatever the folder holds.

The loader reads only what this module lists. It walks the folder with a
stack (no recursion), and every folder it cannot read is a located ``Y112``
diagnostic, never an exception and never silence: an unreadable
``episodes/`` folder is reported as unreadable, not as missing episodes.

Symbolic links: a link to a file is read only if it leads to a file inside
the same scenario folder (a shared header kept in one place, say); a link
that leads anywhere else is refused with ``Y112`` and not opened, and the
diagnostic names the link, never where it points, so nothing from outside
the folder is echoed. Links to folders are not followed (a folder linking to
its parent would otherwise be walked for ever); their files are not part of
the scenario. The same rule holds for the evidence base's files inside its
own folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from simulator import fileio
from simulator.fileio import probe as probe  # said once, in fileio: the command line probes a path before loading anything
from simulator.scenario.diagnostics import Diagnostic, make

SUFFIXES = (".yaml", ".yml")
MAX_ENTRIES = 50_000
OUTSIDE = "it is a link that leads outside the scenario folder, and Doorstep reads only files inside it (copy the file in instead)"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (following every link) ends up inside the already-resolved folder ``root``."""
    real = os.path.realpath(path)
    return real == str(root) or real.startswith(str(root).rstrip(os.sep) + os.sep)


def listings(top: Path) -> Iterator[tuple[Path, list[os.DirEntry[str]] | OSError]]:
    """Each folder under ``top`` with its entries sorted by name (or the error listing it), last folder first; links are not followed."""
    stack = [top]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield here, exc
            continue
        yield here, entries
        stack.extend(Path(e.path) for e in entries if _is_folder(e))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return stat.S_ISDIR(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return False


def scenario_files(folder: Path, display: Callable[[Path], str], diags: list[Diagnostic], others: list[Path] | None = None) -> list[Path]:
    """Every YAML file under ``folder`` the loader may read, sorted; problems appended to ``diags``.

    ``others``, when given, collects the files that are not read although their names look like YAML
    (``visit.yaml.bak``, ``visit.YAML``), so a missing episode can name the file it was probably saved as.
    """
    root = Path(os.path.realpath(folder))
    found: list[Path] = []
    seen = 0
    for here, entries in listings(folder):
        if isinstance(entries, OSError):
            diags.append(make("Y112", f"cannot read the folder: {fileio.reason(entries)}", display(here), suggestion="check the folder's permissions"))
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                diags.append(make("Y112", f"the folder holds more than {MAX_ENTRIES:,} files and folders; a scenario folder holds its own files only", display(folder)))
                return sorted(found)
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                diags.append(make("Y112", f"cannot read the file: {fileio.reason(exc)}", display(path)))
                continue
            if stat.S_ISDIR(mode):
                if path.suffix in SUFFIXES:
                    found.append(path)  # a folder named like an episode: the reader says it is a folder (Y112)
            elif path.suffix in SUFFIXES:
                if stat.S_ISLNK(mode) and not inside(path, root):
                    diags.append(make("Y112", f"cannot read the file: {OUTSIDE}", display(path)))
                    continue
                found.append(path)
            elif others is not None and len(others) < 100 and ".y" in path.name.lower() and stat.S_ISREG(mode):
                others.append(path)
    return sorted(found)


def evidence_link_outside(path: Path, folder: Path) -> bool:
    """Whether an evidence file is a link leading out of its evidence folder (refused like a scenario's)."""
    return os.path.islink(path) and not inside(path, Path(os.path.realpath(folder)))
