"""What ``doorstep validate`` checks for a path: a scenario, one of its files, an evidence file or an art manifest.

A trainer editing ``episodes/ward.yaml`` wants that file's problems, so a
file is checked as part of the scenario it belongs to (found by looking up
the folders for ``scenario.yaml``), and only its own diagnostics are shown,
with a count of what the rest of the scenario has. A file in the shared
``seeds/`` is checked with the rest of that evidence base; an art manifest
on its own. Nothing here prints: :func:`check` returns an :class:`Outcome`
that the command line (or an editor, as JSON) renders.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from simulator import fileio
from simulator.quickdata import dataclass
from simulator.scenario.art import ArtCatalog, read_manifest
from simulator.scenario.diagnostics import Diagnostic, Severity, make
from simulator.scenario.evidence import EVIDENCE_FILES
from simulator.scenario.folder import probe
from simulator.scenario.loader import MANIFEST, load_evidence, load_scenario
from simulator.scenario.yamlstrict import read_file

SEARCH_UP = 6  # folders looked through above a file for its scenario.yaml


@dataclass
class Outcome:
    """What validating one path found: every diagnostic of the path, and a word on the rest of its scenario."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    elsewhere: list[Diagnostic] = field(default_factory=list)
    scenario: Path | None = None
    note: str = ""

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def problems(self, strict: bool) -> int:
        """Errors and warnings, and notes too under ``--strict``."""
        return sum(1 for d in self.diagnostics if d.severity is not Severity.INFO or strict)


def scenario_of(file: Path) -> Path | None:
    """The scenario folder a file belongs to: the nearest folder above holding scenario.yaml."""
    here = Path(os.path.abspath(file)).parent
    for folder in (here, *list(here.parents)[:SEARCH_UP]):
        info = probe(folder / MANIFEST)
        if not isinstance(info, OSError):
            return Path(os.path.relpath(folder))
    return None


def _same(a: str, b: Path) -> bool:
    return bool(a) and os.path.realpath(a) == os.path.realpath(b)


def _within(a: str, folder: Path) -> bool:
    return bool(a) and os.path.realpath(a).startswith(os.path.join(os.path.realpath(folder), ""))


def check(path: str, art: ArtCatalog | None) -> Outcome:
    """Validate a scenario folder, its scenario.yaml, any one file of it or a folder inside it (or a file of an evidence base, or an art manifest)."""
    given = Path(path)
    info = probe(given)
    folder = not isinstance(info, OSError) and stat.S_ISDIR(info.st_mode)
    if folder and isinstance(probe(given / MANIFEST), OSError):
        scenario = scenario_of(given / MANIFEST)  # the folder itself has none: is it inside a scenario (its episodes/, evidence/)?
        if scenario is not None:
            return _part(path, scenario, lambda d: _within(d.file, given), art)
    if isinstance(info, OSError) or folder or given.name == MANIFEST:
        result = load_scenario(path, art=art, cache=True, model=False)
        where = given if folder else given.parent if not isinstance(info, OSError) else None
        return Outcome(path, result.diagnostics, scenario=where)
    if given.name == "art.yaml":
        return _art(path, given, art)
    scenario = scenario_of(given)
    if scenario is not None:
        return _part(path, scenario, lambda d: _same(d.file, given), art)
    if given.name in EVIDENCE_FILES:
        _, diags = load_evidence(given.parent)
        return Outcome(path, [d for d in diags if _same(d.file, given)], [d for d in diags if not _same(d.file, given)])
    return Outcome(
        path,
        [make("F301", f"`{path}` is not inside a scenario folder (no {MANIFEST} in the folders above it)", path, suggestion="give the scenario folder, or a file inside one")],
    )


def _part(path: str, scenario: Path, mine_if: Callable[[Diagnostic], bool], art: ArtCatalog | None) -> Outcome:
    """One file or folder of a scenario: its own diagnostics, and the rest of the scenario's counted."""
    result = load_scenario(os.path.relpath(scenario), art=art, cache=True, model=False)
    mine = [d for d in result.diagnostics if mine_if(d)]
    rest = [d for d in result.diagnostics if not mine_if(d)]
    outcome = Outcome(path, mine, rest, scenario=scenario)
    if not result.ok and not any(d.severity is Severity.ERROR for d in mine):
        what = "this folder's files" if os.path.isdir(path) else "this file"
        outcome.note = f"the scenario does not load because of problems in other files, so some checks of {what} could not run"
    return outcome


def _art(path: str, given: Path, art: ArtCatalog | None) -> Outcome:
    """An art manifest: its own scenario's if it is in one (missing pictures and all), else checked alone."""
    scenario = scenario_of(given)
    if scenario is not None and given.parent.name == "art" and os.path.abspath(given.parent.parent) == os.path.abspath(scenario):
        result = load_scenario(os.path.relpath(scenario), art=art or ArtCatalog(), cache=True, model=False)
        mine = [d for d in result.diagnostics if _same(d.file, given)]
        return Outcome(path, mine, [d for d in result.diagnostics if not _same(d.file, given)], scenario=scenario)
    diags: list[Diagnostic] = []
    raw = read_file(given, path, diags)
    if raw is not None:
        manifest, problems = read_manifest(raw, path)
        diags.extend(problems)
        if manifest is not None:
            base = given.parent
            for rel, (kind, ident) in manifest.files():
                if not fileio.is_file(base / rel):
                    diags.append(make("F309", f"the picture `{rel}` for the {kind} `{ident}` does not exist", path, manifest.places.get((kind, ident))))
    return Outcome(path, diags)
