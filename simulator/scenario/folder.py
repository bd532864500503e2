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
from dataclasses import replace
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

    ``others``, when given, collects up to 100 other files (not hidden), so that a missing episode can
    name the file it was probably saved as (``visit.yaml.bak``, ``visit.YAML``, ``visit.json``) and an
    episode saved under a name that is not read is found (:func:`unread_files`).
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
                if _hidden(path, root):
                    continue  # a Mac's `._visit.yaml` beside a copied file, a `.github/` workflow: never a trainer's episode
                if stat.S_ISLNK(mode) and not inside(path, root):
                    diags.append(make("Y112", f"cannot read the file: {OUTSIDE}", display(path)))
                    continue
                found.append(path)
            elif others is not None and len(others) < 100 and stat.S_ISREG(mode) and not _hidden(path, root):
                others.append(path)
    return sorted(found)


def _hidden(path: Path, root: Path) -> bool:
    """A dot file, or a file in a dot folder (``.vscode/settings.json``, an editor's ``.x.yaml.swp``): never a trainer's episode."""
    try:
        parts = Path(os.path.realpath(path.parent), path.name).relative_to(root).parts
    except ValueError:
        return True
    return any(part.startswith(".") for part in parts)


def _looks_like_episode(path: Path) -> bool:
    """A ``.YAML`` or ``.Yml`` file, or JSON whose text names an ``episode``: what a trainer meant as an episode, saved as a name not read."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return True  # the suffix in capitals: only lowercase .yaml and .yml are read
    if suffix != ".json":
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"episode"' in head


def unread_files(diagnostics: list[Diagnostic], others: list[Path], display: Callable[[Path], str]) -> list[Diagnostic]:
    """Name the file each missing episode (F304) was probably saved as, and warn (F311) of any other episode not read because of its name."""
    out: list[Diagnostic] = []
    named: set[Path] = set()
    for d in diagnostics:
        eid = d.message.split("`")[1] if d.code == "F304" and d.message.count("`") >= 2 else None
        near = [p for p in others if eid and (p.name.lower() == eid or p.name.lower().startswith(f"{eid}."))]
        if near and eid:
            named.add(near[0])
            d = replace(d, suggestion=f"`{display(near[0])}` is there, but only files ending in .yaml or .yml are read: {_rename(near[0], eid)}")
        out.append(d)
    for p in others:
        if p not in named and _looks_like_episode(p):
            why = "only files ending in .yaml or .yml, in lowercase, are read" if p.suffix.lower() in SUFFIXES else "episodes are read only from files ending in .yaml or .yml"
            out.append(make("F311", f"this looks like an episode, but it is not read: {why}", display(p), suggestion=_rename(p, p.name.split(".")[0])))
    return out


def _rename(path: Path, stem: str) -> str:
    if any((path.parent / f"{stem}{suffix}").is_file() for suffix in SUFFIXES):
        return f"`{stem}.yaml` beside it is the one read: if this is an old copy, delete it"
    if path.suffix.lower() == ".json":
        return f"rename it `{stem}.yaml`; JSON is YAML too, so its text can stay as it is"
    return f"rename it `{stem}.yaml`"


def manifest_near(folder: Path) -> str | None:
    """When a folder has no scenario.yaml: the file that was probably meant (`scenario.yml`, `Scenario.yaml`, `scenario.yaml.txt`)."""
    try:
        with os.scandir(folder) as listing:
            near = sorted(e.name for e in listing if e.name.lower().startswith("scenario.") and e.is_file())
    except OSError:
        return None
    return f"`{near[0]}` is there: rename it `scenario.yaml`" if near else None


def unread_art(base: Path, display: Callable[[Path], str]) -> list[Diagnostic]:
    """F311 when an art folder has no art.yaml but an `art.yml` or `Art.yaml`: its places and people would be silently unnamed."""
    try:
        with os.scandir(base) as listing:
            near = sorted(e.name for e in listing if e.name.lower().startswith("art.") and e.name != "art.yaml" and e.is_file())
    except OSError:
        return []
    return [make("F311", ART_UNREAD, display(base / n), suggestion="rename it `art.yaml`") for n in near[:1]]


ART_UNREAD = "this file is not read: a scenario's art folder reads only art.yaml"


def evidence_link_outside(path: Path, folder: Path) -> bool:
    """Whether an evidence file is a link leading out of its evidence folder (refused like a scenario's)."""
    return os.path.islink(path) and not inside(path, Path(os.path.realpath(folder)))
