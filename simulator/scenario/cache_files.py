"""The load cache's per-file layer: a file parsed once is read back by its bytes.

A trainer edits one episode at a time. The whole-load entry
(:mod:`simulator.scenario.cache`) is then stale, and the load runs whole;
but every other file's bytes (scenario.yaml, the other episodes, each
evidence layer's files) are those of the last load, so their strict parse
(:func:`~simulator.scenario.yamlstrict.parse`: the data and the position of
every key and item) can be read back instead of parsed again.
Everything after the parse (the schema, the references, the story graph,
every check across files) runs as before on the read-back documents, so
the diagnostics are those of a load without any cache.

Only a parse without a diagnostic is kept: a file with a problem is parsed
again, and its messages are made afresh. An entry is named by a hash of this
Doorstep's code stamp and the file's bytes (not its name: a clean parse does
not depend on it) and is kept under ``cache/files/``, with the same rules as
a whole-load entry: plain JSON, never pickle, written without waiting for the disk; signed with the cache's secret
(HMAC over its name and its data), so a damaged, truncated or foreign entry is
refused before it is parsed; read through fileio's guarded reader; a link in
place of the folder is never followed; any failure means "parse it".

What a signed entry holds is still checked before it is used: the data must
be what a strict parse could make (mappings with text keys, lists, text,
whole and finite numbers, true, false, null; no deeper than the parser
allows) and every position must be a pair of line and column numbers, one
per key and item. Data that passes is then checked by the schema like any
parsed file, so even an entry re-signed by someone who holds the secret
cannot take the loader anywhere a YAML file could not.

Beside the parses, ``cache/checked/`` keeps *verdicts*: that a parse passed
a check which reads nothing but that parse (the schema of its kind, the
window font's glyphs). A verdict is named by a hash of the code stamp (the
schemas and the font are in it), the check and the parse's payload, the very
data and positions the load uses, so a parse entry re-signed with other data
has no verdict and is checked again. Only "clean" is kept: a file with a
problem is checked every time, and its messages made afresh. A verdict
itself re-signed by hand is believed, as the user's own files are. The shared
art's catalog, which every validate checks names against, is kept the same
way by its manifest's bytes (``catalogs/``, :func:`catalog_of`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import fileio
from simulator.scenario import cache
from simulator.scenario.cache_parse import decode, encode
from simulator.scenario.yamlstrict import MAX_FILE_BYTES, Document

if TYPE_CHECKING:
    from simulator.scenario.art import ArtCatalog
    from simulator.scenario.diagnostics import Diagnostic

FORMAT = 1
MAGIC = b"doorstep parsed file %d\n" % FORMAT
KEEP = 4096  # entries: more than the files of the largest scenario a load reads (loader.MAX_FILES)
MAX_BYTES = 8 * MAX_FILE_BYTES
HEADER = len(MAGIC) + 128 + 1 + 64 + 1


def folder(kind: str = "files") -> Path:
    """Where parsed files are kept: ``files/`` in the cache folder; ``checked/`` holds the verdicts (:meth:`Kept.clean`),
    ``built/`` the episodes' builds (:mod:`simulator.scenario.cache_build`), ``catalogs/`` the shared art's (:func:`catalog_of`)."""
    return cache.folder() / kind


def name_of(raw: bytes) -> str:
    """The entry name for a file's bytes, under this Doorstep's loading code."""
    h = hashlib.blake2b(digest_size=32)
    h.update(cache.code_stamp().encode("ascii"))
    h.update(b"\0")
    h.update(raw)
    return h.hexdigest()


CLEAN = b"clean"


def _verdict(payload: bytes, check: str) -> str:
    """The entry name for "this parse passes ``check``": a hash of its payload (the data and positions a load uses,
    not the file's bytes, so a parse entry changed by hand is checked again), under this Doorstep's code and font."""
    h = hashlib.blake2b(digest_size=32)
    h.update(cache.code_stamp().encode("ascii"))
    h.update(b"\0verdict\0" + check.encode("ascii") + b"\0")
    h.update(payload)
    return h.hexdigest()


class Kept:
    """The per-file layer for one load: :meth:`get` reads a file's parse back, :meth:`add` keeps a new one, :meth:`save` writes them."""

    def __init__(self) -> None:
        self._secret = cache.secret(create=False) if cache.usable(create=False) else None
        self._new: dict[tuple[str, str], bytes] = {}  # (folder, name): payload
        self._usable: dict[str, bool] = {}
        self._payloads: dict[int, tuple[Document, bytes]] = {}  # id(document): the payload it was read from or kept as

    def get(self, raw: bytes) -> Document | None:
        """The clean parse of these bytes kept by an earlier load, or None."""
        payload = self.read(name_of(raw))
        if payload is None:
            return None
        try:
            doc = decode(payload)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None
        self._payloads[id(doc)] = (doc, payload)
        return doc

    def read(self, name: str, kind: str = "files") -> bytes | None:
        """The payload of the entry ``name`` in ``kind``'s folder if it is there, whole and signed by this cache's secret; else None."""
        if self._secret is None:
            return None
        if kind not in self._usable:
            self._usable[kind] = _usable(kind, create=False)
        if not self._usable[kind]:
            return None
        try:
            data = fileio.read_bytes(folder(kind) / f"{name}.json", limit=MAX_BYTES)
        except OSError:
            return None
        if not data.startswith(MAGIC) or len(data) < HEADER or data[len(MAGIC) + 129 : HEADER - 1] != name.encode("ascii"):
            return None
        payload = data[HEADER:]
        if not hmac.compare_digest(data[len(MAGIC) : len(MAGIC) + 128], cache.mac(self._secret, name, payload).encode("ascii")):
            return None
        return payload

    def clean(self, doc: Document, check: str) -> bool:
        """Whether an earlier load found this document (read or kept by this layer) clean under ``check``, a check
        that reads nothing but its data and positions (the schema, the font's glyphs): then it need not run again."""
        known = self._payloads.get(id(doc))
        return known is not None and known[0] is doc and self.read(_verdict(known[1], check), "checked") == CLEAN

    def found_clean(self, doc: Document, check: str) -> None:
        """Keep that this document is clean under ``check`` (see :meth:`clean`); nothing for a parse this layer does not hold."""
        known = self._payloads.get(id(doc))
        if known is not None and known[0] is doc:
            self.put(_verdict(known[1], check), CLEAN, "checked")

    def schema(self, doc: Document, name: str, kind: str) -> list[Diagnostic]:
        """The schema's diagnostics for a document of this kind: none when an earlier load found the same parse valid."""
        from simulator.scenario.schema_check import check

        if self.clean(doc, f"schema {kind}"):
            return []
        problems = check(doc.data, doc.positions, name, kind)
        if not problems:
            self.found_clean(doc, f"schema {kind}")
        return problems

    def glyphs_unknown(self, docs: list[tuple[str, Document]]) -> list[tuple[str, Document]]:
        """The documents whose text the font check must read: all but those known to be drawable."""
        from simulator.scenario.glyphs import all_drawable

        unknown = []
        for name, doc in docs:
            if self.clean(doc, "glyphs"):
                continue
            if all_drawable(doc.data):  # no T801 to make: the check itself would find nothing
                self.found_clean(doc, "glyphs")
                continue
            unknown.append((name, doc))
        return unknown

    def put(self, name: str, payload: bytes, kind: str = "files") -> None:
        """Keep ``payload`` as the entry ``name`` (a hash of what it was made from) in ``kind``'s folder, written by :meth:`save`."""
        self._new[(kind, name)] = payload

    def add(self, raw: bytes, doc: Document) -> None:
        """Keep a parse made in this load, if it is clean (encoded now: nothing later can change what is kept)."""
        if doc.diagnostics or doc.data is None:
            return
        payload = encode(doc)
        if payload is not None:
            self.put(name_of(raw), payload)
            self._payloads[id(doc)] = (doc, payload)

    def save(self) -> int:
        """Write the entries kept by :meth:`add` and :meth:`put`; how many were written (none when the cache folder cannot be used)."""
        new, self._new = self._new, {}
        secret = cache.secret(create=True) if new else None
        if secret is None:
            return 0
        written = 0
        for kind in sorted({kind for kind, _ in new}):
            if not _usable(kind, create=True):
                continue
            for (place, name), payload in new.items():
                if place != kind:
                    continue
                entry = MAGIC + cache.mac(secret, name, payload).encode("ascii") + b"\n" + name.encode("ascii") + b"\n" + payload
                try:
                    fileio.write_atomic(folder(kind) / f"{name}.json", entry, mode=0o600, durable=False)
                except OSError:
                    continue  # a folder in this entry's place, say: the others may still be written
                written += 1
            _prune(kind)
        return written


def catalog_of(raw: bytes, make: Callable[[], ArtCatalog | None]) -> ArtCatalog | None:
    """The art catalog ``make()`` builds from an art manifest's bytes, kept in ``catalogs/`` under their hash and read back
    while they are unchanged (a damaged, foreign or misshapen entry is made again); ``make()`` itself with the cache off."""
    if not cache.enabled():
        return make()
    kept = Kept()
    h = hashlib.blake2b(digest_size=32)
    h.update(cache.code_stamp().encode("ascii"))
    h.update(b"\0art catalog\0")
    h.update(raw)
    name = h.hexdigest()
    payload = kept.read(name, "catalogs")
    if payload is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError, RecursionError):
            return _catalog(json.loads(payload))
    catalog = make()
    if catalog is not None:
        kept.put(name, json.dumps(_catalog_row(catalog), ensure_ascii=True, separators=(",", ":")).encode("ascii"), "catalogs")
        kept.save()
    return catalog


def _catalog_row(c: ArtCatalog) -> dict[str, Any]:
    return {
        "locations": sorted(c.locations),
        "characters": {k: sorted(v) for k, v in c.characters.items()},
        "location_owners": {k: list(v) for k, v in c.location_owners.items()},
        "character_owners": {k: list(v) for k, v in c.character_owners.items()},
        "poses": {k: sorted(v) for k, v in c.poses.items()},
        "named": sorted(c.named),
    }


def _catalog(row: Any) -> ArtCatalog:
    """An art catalog again from :func:`_catalog_row`'s data; raises ValueError on anything else."""
    from simulator.scenario.art import ArtCatalog

    def words(v: Any) -> list[str]:
        if type(v) is not list or not all(type(w) is str for w in v):
            raise ValueError("not a list of ids")
        return v

    def table(v: Any) -> dict[str, list[str]]:
        if type(v) is not dict:
            raise ValueError("not a table of ids")
        return {k: words(w) for k, w in v.items()}

    if type(row) is not dict or set(row) != {"locations", "characters", "location_owners", "character_owners", "poses", "named"}:
        raise ValueError("not an art catalog")
    return ArtCatalog(
        locations=frozenset(words(row["locations"])),
        characters={k: frozenset(v) for k, v in table(row["characters"]).items()},
        location_owners={k: tuple(v) for k, v in table(row["location_owners"]).items()},
        character_owners={k: tuple(v) for k, v in table(row["character_owners"]).items()},
        poses={k: frozenset(v) for k, v in table(row["poses"]).items()},
        named=frozenset(words(row["named"])),
    )


def _usable(kind: str, create: bool) -> bool:
    """Whether ``cache/files`` (or ``kind``) is a real folder inside a real cache folder (created if asked); a link in either place means no layer."""
    if not cache.usable(create):
        return False
    place = folder(kind)
    info = cache.lstat(place)
    if info is None and create:
        try:
            place.mkdir(exist_ok=True)
        except OSError:
            return False
        info = cache.lstat(place)
    return info is not None and stat.S_ISDIR(info.st_mode)


def _prune(kind: str) -> None:
    """Past :data:`KEEP` entries in ``kind``'s folder, keep the most recently written three quarters of that; remove what
    a killed write left over an hour ago.

    The folder is listed by name on every save, and its entries' times are read only when it has grown past
    :data:`KEEP` (a trainer's edits add one entry each, so that is now and then, not on every validate).
    """
    try:
        with os.scandir(folder(kind)) as listing:
            found = [(e.name, Path(e.path)) for e in listing]
    except OSError:
        return
    stale = time.time_ns() - cache.LEFT_OVER_SECONDS * 10**9
    for name, path in found:
        if cache.LEFT_OVER.fullmatch(name):
            info = cache.lstat(path)
            if info is not None and info.st_mtime_ns < stale:
                with contextlib.suppress(OSError):
                    os.unlink(path)
    entries = [path for name, path in found if cache.ENTRY.fullmatch(name)]
    if len(entries) <= KEEP:
        return
    dated = [(info.st_mtime_ns, str(path)) for path in entries if (info := cache.lstat(path)) is not None]
    for _mtime, old in sorted(dated, reverse=True)[KEEP * 3 // 4 :]:
        with contextlib.suppress(OSError):
            os.unlink(old)
