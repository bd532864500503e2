"""The evidence base: sources, practice principles and framework tags.

``seeds/`` holds three YAML files written by us: ``sources.yaml``
(bibliographic entries), ``principles.yaml`` (practice principles in our own
words, each citing sources) and ``frameworks.yaml`` (PCF domains, KSS
statements, Social Work England standards). Scenario choices cite
principles and tags by id; this module reads and cross-checks them.

A scenario may use several evidence folders, in layers: the shared
``seeds/`` first, then its own ``evidence/`` folder (or the list it names in
``evidence:``), each adding sources, principles and framework sets. Ids are
unique across all the layers a scenario uses.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.quickdata import dataclass
from simulator.scenario.diagnostics import Diagnostic, Severity, did_you_mean, make, sort_key, suggest_tag
from simulator.scenario.folder import ART_UNREAD, evidence_link_outside, probe
from simulator.scenario.schema_check import check
from simulator.scenario.yamlstrict import Document, Positions, decode, parse, read_file

if TYPE_CHECKING:
    from simulator.scenario.cache_files import Kept
    from simulator.scenario.model import Evidence

EVIDENCE_FILES = ("sources.yaml", "principles.yaml", "frameworks.yaml")


def read_documents(files: Mapping[str, bytes], kept: Kept | None = None) -> tuple[dict[str, Document], list[Diagnostic]]:
    """Decode and strictly parse each named file; ``kept`` (the load cache's per-file layer) reads back a parse of the same bytes."""
    docs: dict[str, Document] = {}
    diags: list[Diagnostic] = []
    for name, raw in files.items():
        doc = kept.get(raw) if kept is not None else None
        if doc is None:
            text, problems = decode(raw, name)
            diags.extend(problems)
            if text is None:
                continue
            doc = parse(text, name)
            diags.extend(doc.diagnostics)
            if kept is not None:
                kept.add(raw, doc)
        if doc.data is not None:
            docs[name] = doc
    return docs, diags


def build_evidence(files: Mapping[str, bytes], folder: Path | None = None, folders: tuple[Path, ...] = (), kept: Kept | None = None) -> tuple[Evidence, list[Diagnostic]]:
    """Build the evidence base from the raw bytes of its files (by display name), layer by layer.

    Files are read in the order given: each later layer adds sources,
    principles and frameworks (with their tags) to the earlier ones. An id
    defined twice, in one file or across layers, is G506 at the second
    definition, naming the first; references are checked once every layer
    is in, so a principle may cite a source from any layer.
    """
    from simulator.scenario.model import Evidence, Framework, Principle, Source, Tag  # here: finding the layers needs none of it

    docs, diags = read_documents(files, kept)
    sources: dict[str, Source] = {}
    principles: dict[str, Principle] = {}
    frameworks: dict[str, Framework] = {}
    tags: dict[str, Tag] = {}
    first: dict[tuple[str, str], tuple[str, Document, tuple[Any, ...]]] = {}  # (kind, id) -> where it was first defined
    checked: list[tuple[str, Document]] = []
    for name, doc in docs.items():
        problems = check(doc.data, doc.positions, name, "seeds") if kept is None else kept.schema(doc, name, "seeds")
        diags.extend(problems)
        if not problems:
            checked.append((name, doc))
    principle_docs: list[tuple[str, Document, dict[str, Any]]] = []
    for name, doc in checked:
        data = doc.data
        if data.get("format") != 1:
            diags.append(
                make("F302", f"format {data.get('format')!r} is not known; this version reads format 1", name, doc.positions.locate(data, ("format",)))
            )
            continue

        def fresh(kind: str, ident: str, path: tuple[Any, ...], name: str = name, doc: Document = doc) -> bool:
            """True the first time an id of this kind is seen; a located G506 after that (placed only then)."""
            if (kind, ident) in first:
                there, there_doc, there_path = first[(kind, ident)]
                at = there_doc.positions.locate(there_doc.data, there_path)
                diags.append(make("G506", f"the {kind} id `{ident}` is defined twice: here and at {there}:{at[0]}:{at[1]}", name, doc.positions.locate(doc.data, path), "ids must be unique across every evidence folder the scenario uses; rename one"))
                return False
            first[(kind, ident)] = (name, doc, path)
            return True

        for i, item in enumerate(data.get("sources", [])):
            if not fresh("source", item["id"], ("sources", i, "id")):
                continue
            sources[item["id"]] = Source(
                id=item["id"],
                kind=item["kind"],
                title=item["title"],
                authors=item.get("authors", ""),
                publisher=item.get("publisher", ""),
                date=str(item.get("date", "")),
                url=item.get("url", ""),
                evidence=item.get("evidence", ""),
                notes=item.get("notes", ""),
            )
        for i, fw in enumerate(data.get("frameworks", [])):
            if not fresh("framework", fw["id"], ("frameworks", i, "id")):
                continue
            frameworks[fw["id"]] = Framework(
                id=fw["id"],
                title=fw["title"],
                publisher=fw.get("publisher", ""),
                version=str(fw.get("version", "")),
                url=fw.get("url", ""),
                valid_until=fw.get("valid_until"),
                replaced_by=fw.get("replaced_by", ""),
                note=fw.get("note", ""),
            )
            for j, tag in enumerate(fw["tags"]):
                if fresh("framework tag", tag["id"], ("frameworks", i, "tags", j, "id")):
                    tags[tag["id"]] = Tag(tag["id"], tag["label"], fw["id"], tag.get("description", ""), tag.get("verified", True) is not False)
        for i, item in enumerate(data.get("principles", [])):
            principle_docs.append((name, doc, item))
            if not fresh("principle", item["id"], ("principles", i, "id")):
                continue
            principles[item["id"]] = Principle(
                id=item["id"],
                title=item["title"],
                summary=item["summary"],
                sources=tuple(item["sources"]),
                tags=tuple(item.get("tags", ())),
                dimension=item.get("dimension"),
            )
    for name, doc, item in principle_docs:
        for j, src in enumerate(item["sources"]):
            if src not in sources:
                diags.append(
                    make(
                        "R411",
                        f"principle `{item['id']}` cites `{src}`, which is not a source in any evidence folder",
                        name,
                        doc.positions.value(item["sources"], j),
                        suggestion=did_you_mean(src, sources),
                    )
                )
        for j, tag in enumerate(item.get("tags", ())):
            if tags and tag not in tags:
                diags.append(
                    make(
                        "R405",
                        f"principle `{item['id']}` names the framework tag `{tag}`, which is not in any evidence folder's frameworks.yaml",
                        name,
                        doc.positions.value(item["tags"], j),
                        suggestion=suggest_tag(tag, tags),
                    )
                )
    folders = folders or ((folder,) if folder is not None else ())
    return Evidence(sources=sources, principles=principles, frameworks=frameworks, tags=tags, folder=folders[0] if folders else None, folders=folders), diags


def find_evidence_folder(start: Path) -> Path | None:
    """The nearest ``seeds/`` folder at or above ``start`` that holds principles."""
    for folder in (start, *start.parents):
        candidate = folder / "seeds"
        info = probe(candidate / "principles.yaml")
        if not isinstance(info, OSError) and stat.S_ISREG(info.st_mode):
            return candidate
    return None


def shipped_seeds() -> Path | None:
    """Doorstep's own evidence base ($DOORSTEP_SEEDS, else the project's seeds/): the shared base for a scenario kept anywhere."""
    env = os.environ.get("DOORSTEP_SEEDS")
    folder = Path(env) if env else Path(__file__).resolve().parents[2] / "seeds"
    info = probe(folder / "principles.yaml")
    return folder if not isinstance(info, OSError) and stat.S_ISREG(info.st_mode) else None


#: Folders inside a scenario that hold its own evidence, added after the shared evidence base.
OWN_FOLDERS = ("evidence", "seeds")


@dataclass(frozen=True, slots=True)
class Layer:
    """One evidence folder: where it is, how to name it, and where scenario.yaml names it (if it does)."""

    path: Path
    display: str
    pos: tuple[int, int] | None = None


def evidence_layers(folder: Path, manifest: str, data: Any, positions: Positions, display: Callable[[Path], str]) -> tuple[list[Layer], list[Diagnostic]]:
    """The scenario's evidence folders in order, and a located F308 for each named folder that is missing.

    ``evidence:`` in scenario.yaml names one folder or a list, relative to the
    scenario; without it, the nearest ``seeds/`` above the scenario folder is
    the shared base (or Doorstep's own, for a scenario kept anywhere else). Either way the scenario's own ``evidence/`` (or
    ``seeds/``) folder, if it has one, comes last.
    """
    layers: list[Layer] = []
    diags: list[Diagnostic] = []
    given = data.get("evidence") if isinstance(data, dict) else None
    entries = [given] if isinstance(given, str) else given if isinstance(given, list) else None
    if entries is not None:
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry:
                continue  # the schema reports it
            where = positions.locate(data, ("evidence",) if isinstance(given, str) else ("evidence", i))
            candidate = Path(os.path.realpath(folder / entry)) if "\0" not in entry else folder / "\N{REPLACEMENT CHARACTER}"
            if not _is_dir(candidate):
                tried = display(candidate)
                slashed = entry.replace("\\", "/")  # a Windows path: on macOS and Linux a backslash is part of a name
                fix = f"write it with forward slashes, `{slashed}`, which every system reads" if slashed != entry else "give the folder relative to scenario.yaml, e.g. `../../seeds`"
                diags.append(make("F308", f"the evidence folder `{entry}` does not exist: looked for `{tried}`", manifest, where, fix))
                continue
            layers.append(Layer(candidate, display(candidate), where))
    else:
        shared = find_evidence_folder(Path(os.path.realpath(folder)).parent) or shipped_seeds()
        if shared is not None:
            layers.append(Layer(shared, display(shared)))
    for name in OWN_FOLDERS:
        own = Path(os.path.realpath(folder / name))
        if _is_dir(own) and all(own != layer.path for layer in layers):
            layers.append(Layer(own, display(own)))
    if not layers and not diags:
        diags.append(
            make(
                "F308",
                f"cannot find the evidence base: no `seeds/` folder with principles.yaml above `{display(folder)}`, and no `evidence/` folder in it",
                manifest,
                (1, 1),
                "set `evidence:` in scenario.yaml to the seeds folder, e.g. `evidence: ../../seeds`",
            )
        )
    return layers, diags


def _is_dir(path: Path) -> bool:
    info = probe(path)
    return not isinstance(info, OSError) and stat.S_ISDIR(info.st_mode)


def read_layers(layers: Sequence[Layer], manifest: str) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The raw bytes of every layer's evidence files, in layer order, named for diagnostics."""
    files: dict[str, bytes] = {}
    diags: list[Diagnostic] = []
    for layer in layers:
        found = False
        for fname in EVIDENCE_FILES:
            path = layer.path / fname
            if not os.path.lexists(path):
                continue
            found = True
            name = f"{layer.display.rstrip('/')}/{fname}"
            if evidence_link_outside(path, layer.path):
                diags.append(make("Y112", "cannot read the file: it is a link that leads outside the evidence folder, and Doorstep reads only files inside it", name))
                continue
            raw = read_file(path, name, diags)
            if raw is not None:
                files[name] = raw
        if not found:
            diags.append(make("F308", f"the evidence folder `{layer.display}` holds none of {', '.join(EVIDENCE_FILES)}", manifest, layer.pos or (1, 1)))
        diags.extend(_unread(layer))
    return files, diags


def unread_names(folder: Path) -> list[str]:
    """Files in an evidence folder that look like evidence (.yaml, .yml, .json) but are not one of the three it reads."""
    try:
        with os.scandir(folder) as listing:
            return sorted(
                e.name for e in listing
                if not e.name.startswith(".") and e.name not in EVIDENCE_FILES and os.path.splitext(e.name)[1].lower() in (".yaml", ".yml", ".json") and e.is_file(follow_symlinks=False)
            )
    except OSError:
        return []


UNREAD = "this file is not read: an evidence folder reads only"


def _unread(layer: Layer) -> list[Diagnostic]:
    """F311 for each of them: a principles.yml, or more-principles.yaml, is never read, so its ids would be "not in the evidence base"."""
    out = []
    for fname in unread_names(layer.path):
        meant: str | None = _meant(fname)
        meant = meant if meant in EVIDENCE_FILES else None
        named = meant is not None and fname.split(".")[0].lower() in (meant[:-5], meant[:-6])  # principles.yml, principle.yaml
        if meant is not None and named and not (layer.path / meant).exists():
            fix = f"rename it `{meant}`"
        elif meant is not None:
            fix = f"move what it holds into `{meant}`{', which is the one read' if (layer.path / meant).exists() else ''}"
        else:
            fix = "move what it holds into the one of them it belongs in"
        out.append(make("F311", f"{UNREAD} {', '.join(EVIDENCE_FILES)}", f"{layer.display.rstrip('/')}/{fname}", suggestion=fix))
    return out


def read_evidence_files(folder: Path, display: str) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The raw bytes of one evidence folder's files, named for diagnostics (each file must be there)."""
    files: dict[str, bytes] = {}
    diags: list[Diagnostic] = []
    for fname in EVIDENCE_FILES:
        path = folder / fname
        name = f"{display.rstrip('/')}/{fname}"
        if not os.path.lexists(path):
            diags.append(make("F308", f"the evidence base has no {fname}", name))
            continue
        if evidence_link_outside(path, folder):
            diags.append(make("Y112", "cannot read the file: it is a link that leads outside the evidence folder, and Doorstep reads only files inside it", name))
            continue
        raw = read_file(path, name, diags)
        if raw is not None:
            files[name] = raw
    return files, diags


# What a missing evidence folder takes with it: every principle, source and framework tag it would have held.
_EVIDENCE_CASCADE = frozenset({"R404", "R405", "R411"})
# An evidence file that is not read answers none of the references to what it holds.
_FILE_CASCADE = {"sources.yaml": "R411", "principles.yaml": "R404", "frameworks.yaml": "R405"}
_WHAT = {"R404": "principles", "R411": "sources", "R405": "framework tags"}


def _meant(name: str) -> str:
    """The evidence file a file not read under its name was meant to be: principles.yml, principle.yaml or
    more-principles.yaml was meant as principles.yaml (a name naming none of the three is returned as it is)."""
    stem = name.split(".")[0].lower()
    return next((f"{kind}s.yaml" for kind in ("principle", "source", "framework") if kind in stem), f"{stem}.yaml")


def without_cascades(diags: list[Diagnostic]) -> list[Diagnostic]:
    """The problems to show when an evidence folder or file is not read: its own problem, not one per citation.

    A missing folder (F308) is the one thing to fix: what it would have answered is checked once it is found.
    A sources.yaml refused for one misspelt `kind` shows its error, not an R411 for every principle citing it.
    A principles.yml, principle.yaml or more-principles.yaml (F311: it is not read under that name) leaves one R404
    saying so, not one per citing choice.
    """
    if any(d.code == "F308" and d.severity is Severity.ERROR for d in diags):
        return [d for d in diags if d.code not in _EVIDENCE_CASCADE]
    refused = {_FILE_CASCADE[Path(d.file).name] for d in diags if d.code[0] in "YS" and d.severity is Severity.ERROR and Path(d.file).name in _FILE_CASCADE}
    if refused:
        diags = [d for d in diags if d.code not in refused]
    misnamed: dict[str, Diagnostic] = {}
    for d in diags:
        meant = _meant(Path(d.file).name)
        if d.code == "F311" and d.message.startswith(UNREAD) and meant in _FILE_CASCADE:
            misnamed.setdefault(_FILE_CASCADE[meant], d)
        elif d.code == "F311" and d.message == ART_UNREAD:  # art/art.yml: every place it names is left unnamed (R414)
            misnamed.setdefault("R414", d)
    for code, unread in misnamed.items():
        cited = sorted((d for d in diags if d.code == code), key=sort_key)
        if not cited:
            continue
        first, more = cited[0], len(cited) - 1
        places = f"place{'s' if more > 1 else ''}"
        others = f", nor are the {_WHAT[code]} cited in {more} more {places}" if code in _WHAT else f"; so {'are' if more > 1 else 'is'} {more} more {places} in the episodes"
        folded = replace(first, message=f"{first.message}{others if more else ''}: `{unread.file}` is not read (F311)", suggestion=unread.suggestion)
        diags = [folded if d is first else d for d in diags if d.code != code or d is first]
    return diags
