"""Loading a scenario folder: files to documents to a checked model.

``load_scenario(path)`` is the only function here that touches the file
system; it reads bytes and hands them to :func:`load_files`, which is pure
and is what tests use with in-memory files. Loading never raises on bad
input: every problem comes back as a diagnostic, and the scenario is None
when any of them is an error.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator import fileio
from simulator.quickdata import dataclass
from simulator.scenario import cache as load_cache
from simulator.scenario.art import FOLDER as ART_FOLDER
from simulator.scenario.art import MANIFEST as ART_MANIFEST
from simulator.scenario.art import ArtCatalog, strangers
from simulator.scenario.art import read_manifest as read_art_manifest
from simulator.scenario.budget import until_full
from simulator.scenario.diagnostics import Diagnostic, Severity, make, sort_key
from simulator.scenario.evidence import (
    OWN_FOLDERS,
    Layer,
    build_evidence,
    evidence_layers,
    read_documents,
    read_evidence_files,
    read_layers,
    without_cascades,
)
from simulator.scenario.folder import manifest_near, probe, scenario_files, unread_art, unread_files
from simulator.scenario.yamlstrict import Document, read_file

if TYPE_CHECKING:  # the model is imported where it is built: a load read back for validate needs none of it
    from simulator.scenario.cache_files import Kept
    from simulator.scenario.model import Evidence, Scenario

MANIFEST = "scenario.yaml"
MAX_FILES = 2000


@dataclass
class LoadResult:
    """What loading produced: the scenario (None on errors) and every diagnostic.

    ``unbuilt`` is true when the scenario loaded but its model was not built
    (``load_scenario(..., model=False)`` answered from the cache): ``ok`` is
    then true and ``scenario`` None.
    """

    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unbuilt: bool = False

    @property
    def ok(self) -> bool:
        return self.scenario is not None or self.unbuilt

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def _format_ok(doc: Document, name: str, diags: list[Diagnostic]) -> bool:
    from simulator.scenario.model import FORMATS

    data = doc.data
    if not isinstance(data, dict):
        return True  # the schema reports the wrong type
    version = data.get("format")
    if version is None:
        return True  # the schema reports the missing key
    if version not in FORMATS or type(version) is not int:
        diags.append(
            make(
                "F302",
                f"format {version!r} is not known; this version of Doorstep reads formats {' and '.join(map(str, FORMATS))}",
                name,
                doc.positions.locate(data, ("format",)),
                "check the `format:` line, or update Doorstep",
            )
        )
        return False
    return True


def load_files(
    files: Mapping[str, bytes],
    manifest: str,
    evidence: Evidence,
    art: ArtCatalog | None = None,
    folder: Path | None = None,
    evidence_diagnostics: list[Diagnostic] | None = None,
    *,
    parsed: Mapping[str, Document] | None = None,
    kept: Kept | None = None,
) -> LoadResult:
    """Load a scenario from raw file bytes keyed by display name (pure); ``parsed`` holds files already parsed,
    ``kept`` (the load cache's per-file layer) reads back and keeps clean parses by their bytes."""
    # Loading builds hundreds of thousands of small acyclic containers; the
    # cyclic collector would scan them again and again for nothing, roughly
    # doubling the time for a large scenario. Pause it for the duration.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_files(files, manifest, evidence, art, folder, evidence_diagnostics, parsed or {}, kept)
    finally:
        if was_enabled:
            gc.enable()


def _load_files(
    files: Mapping[str, bytes],
    manifest: str,
    evidence: Evidence,
    art: ArtCatalog | None = None,
    folder: Path | None = None,
    evidence_diagnostics: list[Diagnostic] | None = None,
    parsed: Mapping[str, Document] | None = None,
    kept: Kept | None = None,
) -> LoadResult:
    # Imported here, not above: a load read back from the cache needs none of the checking.
    from simulator.scenario import budget, checks, glyphs, loops, stage_checks
    from simulator.scenario.build import build

    if (over := budget.over_bytes(files, manifest)) is not None:  # far past any real case (budget.py): one line, before parsing
        return _done(None, [*(evidence_diagnostics or []), over])
    docs, diags = read_documents(files, kept)
    docs.update(parsed or {})
    if (over := budget.over_counts((n, d) for n, d in sorted(docs.items()) if n != manifest)) is not None:  # before the checks that grow with a case
        return _done(None, [*diags, *(evidence_diagnostics or []), over])
    diags.extend(evidence_diagnostics or [])
    mdoc = docs.get(manifest)
    episodes: list[tuple[str, Document]] = []
    shape_ok = mdoc is not None and not any(d.file == manifest for d in diags)
    if mdoc is not None:
        if not _format_ok(mdoc, manifest, diags):
            return _done(None, diags)
        problems = _schema(mdoc, manifest, "scenario", kept)
        diags.extend(problems)
        shape_ok = shape_ok and not problems
    for name in sorted(docs):
        if name == manifest:
            continue
        doc = docs[name]
        if not _format_ok(doc, name, diags):
            shape_ok = False
            continue
        if not isinstance(doc.data, dict) or "episode" not in doc.data:
            diags.append(make("F307", f"this YAML file is neither the scenario ({MANIFEST}) nor an episode (a file with `episode:` at the top)", name, (1, 1), "move other files out of the scenario folder"))
            shape_ok = False
            continue
        problems = _schema(doc, name, "episode", kept)
        diags.extend(problems)
        if problems:
            shape_ok = False
        else:
            episodes.append((name, doc))
    if any(d.severity is Severity.ERROR for d in diags) or not shape_ok or mdoc is None:
        return _done(None, diags)
    texts = [(manifest, mdoc), *episodes]
    diags.extend(glyphs.check_documents(texts if kept is None else kept.glyphs_unknown(texts)))
    reuse = None
    if kept is not None:
        from simulator.scenario.cache_build import Reuse

        reuse = Reuse(kept, {name: raw for name, raw in files.items() if name not in (parsed or {})})
    scenario, problems = build(manifest, mdoc, episodes, evidence, art, folder, reuse)
    if reuse is not None and scenario is not None and not reuse.holds(scenario):  # a kept build naming what is not there
        scenario, problems = build(manifest, mdoc, episodes, evidence, art, folder)
    diags.extend(problems)
    if scenario is not None:
        scenario, problems = loops.unroll(scenario)  # a loop with a way out, played as rounds; G507 for one without
        diags.extend(problems)
        diags.extend(checks.check(scenario))
        diags.extend(stage_checks.check(scenario))
        if any(d.severity is Severity.ERROR for d in diags):
            scenario = None
    return _done(scenario, diags)


def _schema(doc: Document, name: str, kind: str, kept: Kept | None) -> list[Diagnostic]:
    from simulator.scenario.schema_check import check

    return check(doc.data, doc.positions, name, kind) if kept is None else kept.schema(doc, name, kind)


def settle() -> None:
    """Tell the cyclic collector that what is loaded now lives for the rest of the process.

    Hosts call this once after loading the scenario they will play: the
    model's hundreds of thousands of objects then stop being rescanned by
    every full collection, which otherwise costs a long playthrough about a
    third of its time. Frozen objects are still freed by reference counting
    when the host drops them, but a frozen cycle is never collected: a host
    that closes and lives on (a window closed inside a test run) calls
    ``gc.unfreeze()`` as it closes (``App.close``), so what it held is freed.
    """
    gc.collect()
    gc.freeze()


def _done(scenario: Scenario | None, diags: list[Diagnostic]) -> LoadResult:
    return LoadResult(scenario, sorted(without_cascades(diags), key=sort_key))


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel if not rel.startswith("../../..") else str(path)


def load_evidence(folder: Path) -> tuple[Evidence, list[Diagnostic]]:
    """Read and check an evidence base folder (seeds/)."""
    files, diags = read_evidence_files(folder, _display(folder))
    evidence, problems = build_evidence(files, folder)
    return evidence, diags + problems


def load_scenario(path: str | os.PathLike[str], art: ArtCatalog | None = None, evidence_folder: Path | None = None, *, cache: bool = False, model: bool = True) -> LoadResult:
    """Read a scenario folder (or its scenario.yaml) from disk and load it.

    ``art`` is the shared art catalog (the window's ``assets/art``); the
    scenario's own ``art/art.yaml``, if it has one, is read here and put in
    front of it. ``evidence_folder`` stands in for the manifest's
    ``evidence:`` (the scenario's own evidence folder still comes last).
    ``cache`` (the commands and the window ask for it) reads back the result
    of an earlier load of exactly the same files, and keeps this one for the
    next (see :mod:`simulator.scenario.cache`): the same model, the same
    diagnostics, in a fraction of the time; after an edit, every file not
    edited is read back from the cache's per-file layer instead of parsed
    (:mod:`simulator.scenario.cache_files`). ``model=False`` (validate) says
    only whether it loaded when the answer comes from the cache, without
    building the model (see :class:`LoadResult`), and keeps a load's outcome
    without its model.
    """
    given = Path(path)
    info = probe(given)
    if isinstance(info, OSError):
        if info.errno in (errno.ENOENT, errno.ENOTDIR):
            return LoadResult(None, [make("F303", f"`{_short(path)}` does not exist", _short(path))])
        return LoadResult(None, [make("Y112", f"cannot read `{_short(path)}`: {fileio.reason(info)}", _short(path))])
    is_file = stat.S_ISREG(info.st_mode)
    folder = given.parent if is_file else given
    manifest_path = folder / MANIFEST
    if is_file and given.name != MANIFEST:
        return LoadResult(None, [make("F301", f"`{path}` is a file; give the scenario folder or its {MANIFEST}", str(path))])
    if not stat.S_ISDIR(info.st_mode) and not is_file:
        return LoadResult(None, [make("F301", f"`{path}` is not a folder; give the scenario folder or its {MANIFEST}", str(path))])
    manifest_info = probe(manifest_path)
    if isinstance(manifest_info, OSError) and manifest_info.errno not in (errno.ENOENT, errno.ENOTDIR):
        return LoadResult(None, [make("Y112", f"cannot read the folder: {fileio.reason(manifest_info)}", _display(folder), suggestion="check the folder's permissions")])
    if isinstance(manifest_info, OSError) or not stat.S_ISREG(manifest_info.st_mode):
        return LoadResult(None, [make("F301", f"there is no {MANIFEST} in `{folder}`", _display(folder), suggestion=manifest_near(folder) or "a scenario is a folder with scenario.yaml and episode files")])
    diags: list[Diagnostic] = []
    manifest_name = _display(manifest_path)
    parsed: dict[str, Document] = {}
    raw = read_file(manifest_path, manifest_name, diags)
    layers: list[Layer] = []
    parses = None
    if cache and load_cache.enabled():
        from simulator.scenario.cache_files import Kept

        parses = Kept()
    if raw is not None:
        mdocs, problems = read_documents({manifest_name: raw}, parses)
        diags.extend(problems)
        parsed.update(mdocs)
        mdoc = mdocs.get(manifest_name)
        if mdoc is not None:
            data = mdoc.data
            if evidence_folder is not None and isinstance(data, dict):
                data = {k: v for k, v in data.items() if k != "evidence"}
                data["evidence"] = [os.path.relpath(evidence_folder, folder)]
            layers, problems = evidence_layers(folder, manifest_name, data, mdoc.positions, _display)
            diags.extend(problems)
    key = None
    if cache and load_cache.enabled():
        key = load_cache.key(os.fspath(path), folder, layers, art, evidence_folder)
        kept = load_cache.lookup(key, model) if key is not None else None
        if kept is not None:
            scenario, diagnostics, loaded = kept
            return LoadResult(scenario, diagnostics, unbuilt=loaded and scenario is None)
    result = _read_and_load(folder, manifest_name, layers, diags, parsed, art, parses)
    if parses is not None:
        parses.save()
    if key is not None and key == load_cache.key(os.fspath(path), folder, layers, art, evidence_folder):  # nothing changed while it loaded
        load_cache.store(key, result.scenario, result.diagnostics, model=model)
    return result


def _read_and_load(folder: Path, manifest_name: str, layers: list[Layer], diags: list[Diagnostic], parsed: dict[str, Document], art: ArtCatalog | None, kept: Kept | None) -> LoadResult:
    """The episode files, the evidence and the scenario's own art read from disk, then :func:`load_files`."""
    skip = _not_episodes(folder, layers)
    files: dict[str, bytes] = {}
    others: list[Path] = []
    yaml_paths = [p for p in scenario_files(folder, _display, diags, others) if not _under(p, skip)]
    for p in until_full(yaml_paths[:MAX_FILES], files):  # no more read than the size budget, which F313 then names
        name = _display(p)
        if name in parsed or name == manifest_name:  # scenario.yaml was read first: its problems are said once
            continue
        content = read_file(p, name, diags)
        if content is not None:
            files[name] = content
    ev_files, problems = read_layers(layers, manifest_name)
    diags.extend(problems)
    evidence, problems = build_evidence(ev_files, folders=tuple(layer.path for layer in layers), kept=kept)
    diags.extend(problems)
    if art is not None:
        art = _own_art(folder, diags, parsed.get(manifest_name)).over(art)
    result = load_files(files, manifest_name, evidence, art, folder, diags, parsed=parsed, kept=kept)
    others = [p for p in others if not _under(p, skip)]  # evidence and art files are theirs to name
    return LoadResult(result.scenario, unread_files(result.diagnostics, others, _display), unbuilt=result.unbuilt) if others else result


def _short(path: str | os.PathLike[str]) -> str:
    """A path as echoed in a message: a name of thousands of characters is shown by its start and end."""
    text = os.fspath(path)
    return text if len(text) <= 120 else f"{text[:60]}…{text[-50:]}"


def _not_episodes(folder: Path, layers: list[Layer]) -> list[Path]:
    """Folders inside the scenario whose YAML files are not episodes: its evidence and its art."""
    inside = [layer.path for layer in layers if _under(layer.path, [folder.resolve()])]
    own = [Path(os.path.realpath(folder / name)) for name in OWN_FOLDERS]  # even when a broken scenario.yaml named no layers
    return [*inside, *own, (folder / ART_FOLDER).resolve()]


def _under(path: Path, folders: list[Path]) -> bool:
    resolved = Path(os.path.realpath(path))  # never raises: Path.resolve() does on a link that loops (Python 3.11)
    around = {resolved, *resolved.parents}  # made once, not walked again for each folder
    return any(f in around for f in folders)


def _own_art(folder: Path, diags: list[Diagnostic], mdoc: Document | None = None) -> ArtCatalog:
    """The scenario's own art catalog (empty if it has none), checking that each file it names exists and each person is in the cast."""
    base = folder / ART_FOLDER
    path = base / ART_MANIFEST
    if not fileio.is_file(path):
        diags.extend(unread_art(base, _display))
        return ArtCatalog()
    raw = read_file(path, name := _display(path), diags)
    if raw is None:
        return ArtCatalog()
    manifest, problems = read_art_manifest(raw, name)
    diags.extend(problems)
    if manifest is None:
        return ArtCatalog()
    from simulator.svgcost import MAX_BYTES, picture_problem  # here: only a scenario with its own art needs it

    problems, unknown = strangers(manifest, mdoc.data if mdoc is not None else None, name)
    diags.extend(problems)
    for rel, (kind, ident) in manifest.files():
        if kind == "character" and ident in unknown:
            continue  # R416 says it once, not once per missing picture
        if not fileio.is_file(base / rel):
            diags.append(make("F309", f"the picture `{rel}` for the {kind} `{ident}` does not exist in `{_display(base)}`", name, manifest.places.get((kind, ident)), "check the file name, or add the picture"))
            continue
        try:
            problem = picture_problem(fileio.read_bytes(base / rel, limit=MAX_BYTES))
        except OSError:
            continue  # the window's to report, with the reason the system gives
        if problem:
            code, why, fix = problem
            diags.append(make(code, f"the picture `{rel}` for the {kind} `{ident}` {why}; the window will show a placeholder", name, manifest.places.get((kind, ident)), fix))
    return manifest.catalog()
