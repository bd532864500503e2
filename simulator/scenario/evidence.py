"""The evidence base: sources, practice principles and framework tags.

``seeds/`` holds three YAML files written by us: ``sources.yaml``
(bibliographic entries), ``principles.yaml`` (practice principles in our own
words, each citing sources) and ``frameworks.yaml`` (PCF domains, KSS
statements, Social Work England standards). Scenario choices cite
principles and tags by id; this module reads and cross-checks them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simulator.scenario.diagnostics import Diagnostic, did_you_mean, make
from simulator.scenario.folder import evidence_link_outside, probe
from simulator.scenario.model import Evidence, Framework, Principle, Source, Tag
from simulator.scenario.schema_check import check
from simulator.scenario.yamlstrict import Document, decode, parse, read_file

EVIDENCE_FILES = ("sources.yaml", "principles.yaml", "frameworks.yaml")


def read_documents(files: Mapping[str, bytes]) -> tuple[dict[str, Document], list[Diagnostic]]:
    """Decode and strictly parse each named file."""
    docs: dict[str, Document] = {}
    diags: list[Diagnostic] = []
    for name, raw in files.items():
        text, problems = decode(raw, name)
        diags.extend(problems)
        if text is None:
            continue
        doc = parse(text, name)
        diags.extend(doc.diagnostics)
        if doc.data is not None:
            docs[name] = doc
    return docs, diags


def build_evidence(files: Mapping[str, bytes], folder: Path | None = None) -> tuple[Evidence, list[Diagnostic]]:
    """Build the evidence base from the raw bytes of its files (by display name)."""
    docs, diags = read_documents(files)
    sources: dict[str, Source] = {}
    principles: dict[str, Principle] = {}
    frameworks: dict[str, Framework] = {}
    tags: dict[str, Tag] = {}
    checked: list[tuple[str, Document]] = []
    for name, doc in docs.items():
        problems = check(doc.data, doc.positions, name, "seeds")
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
        for i, item in enumerate(data.get("sources", [])):
            if _dup(item["id"], sources, name, doc, ("sources", i), diags):
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
        for fw in data.get("frameworks", []):
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
            for tag in fw["tags"]:
                tags[tag["id"]] = Tag(tag["id"], tag["label"], fw["id"], tag.get("description", ""))
        for i, item in enumerate(data.get("principles", [])):
            principle_docs.append((name, doc, item))
            if _dup(item["id"], principles, name, doc, ("principles", i), diags):
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
                        f"principle `{item['id']}` cites `{src}`, which is not in sources.yaml",
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
                        f"principle `{item['id']}` names the framework tag `{tag}`, which is not in frameworks.yaml",
                        name,
                        doc.positions.value(item["tags"], j),
                        suggestion=did_you_mean(tag, tags),
                    )
                )
    return Evidence(sources=sources, principles=principles, frameworks=frameworks, tags=tags, folder=folder), diags


def _dup(ident: str, seen: Mapping[str, object], name: str, doc: Document, path: tuple[Any, ...], diags: list[Diagnostic]) -> bool:
    if ident in seen:
        diags.append(make("G506", f"the id `{ident}` is used twice", name, doc.positions.locate(doc.data, path)))
        return True
    return False


def find_evidence_folder(start: Path) -> Path | None:
    """The nearest ``seeds/`` folder at or above ``start`` that holds principles."""
    for folder in (start, *start.parents):
        candidate = folder / "seeds"
        info = probe(candidate / "principles.yaml")
        if not isinstance(info, OSError) and stat.S_ISREG(info.st_mode):
            return candidate
    return None


def read_evidence_files(folder: Path, display: str) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The raw bytes of the evidence files, named for diagnostics."""
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
