"""The load cache: a second load of an unchanged scenario reads back what the first one found.

Loading a large scenario (reading the YAML strictly, the schema, every
reference and the story graph) takes seconds; reading back its result takes a
fraction of that. After a load, the hosts that ask for it (``doorstep
validate``, play, analyze, the window) keep the model and every diagnostic
in the data folder (``$DOORSTEP_DATA_DIR/cache/``), as plain JSON data
(:mod:`simulator.scenario.cache_codec`, never pickle), written atomically
with :mod:`simulator.fileio` but without waiting for the disk (a power cut
can leave an entry torn, which its signature then refuses).
``DOORSTEP_CACHE=0`` turns it off.

What is kept is never trusted, only recognised:

* Its **inputs** are named by a hash over everything the load depends on:
  this Doorstep (its version and the code and schemas that load, by size
  and time; the font the glyph check reads), the folder as given and the
  working folder (they shape every file name in a message), the shared art
  catalog, every entry under the scenario folder (name, kind, where a link
  leads) with the bytes of every YAML file, and each evidence layer's files
  (the layers found afresh each time, as the loader finds them). A byte
  changed anywhere, a file added, removed or renamed, and the hash differs:
  the cache is stale, and the load runs whole.
* Its **contents** carry a keyed hash (HMAC, BLAKE2b) made with a random
  secret kept beside them (mode 0600), over the inputs' hash and the data.
  A cache that was truncated, damaged, edited, or copied from another
  scenario or another machine fails the check before a byte of it is parsed,
  and the load runs whole. The model is then built again by its classes'
  constructors, and a cache file is read through fileio's guarded reader
  (regular files only, size checked first), so a FIFO or a link to
  ``/dev/zero`` in its place is refused.
* A signature says an entry is this machine's own; it cannot stop someone
  who can read the secret (this user) from signing an edit. What such an
  entry holds must still have the model's shape
  (:mod:`simulator.scenario.cache_shape`: every field of its kind, condition
  trees as the parser makes them, every node and character the engine looks
  up present), or it is refused; beyond that it is trusted as the user's own
  files are (``bench/fuzz_cache.py`` counts how often such edits get through).
* Anything that goes wrong while reading or writing it (a full disk, a
  folder where the file should be, no permission) means "no cache": never a
  message, never a crash, never a different result. The next load writes it
  anew.

One file is kept per scenario folder (as given, from where), so editing a
scenario replaces its entry instead of adding one, and the folder is pruned
to the :data:`KEEP` most recently written, deleting only files named as
entries are. A link where the cache folder should be is never followed.

``doorstep validate`` reads back only whether a load succeeded and what it
said, so what it keeps is that alone (``loaded`` and the diagnostics), saving
the model's encoding on every run after an edit; a load that needs the model
(play, analyze, the window) treats such an entry as stale, runs whole on the
per-file layer's parses (:mod:`simulator.scenario.cache_files`), and keeps
the model, which validate then reads back too.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import __version__, fileio
from simulator.quickdata import dataclass
from simulator.scenario.cache_shape import diagnostic_rows, diagnostics_of
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.evidence import EVIDENCE_FILES, Layer, unread_names
from simulator.scenario.folder import MAX_ENTRIES, SUFFIXES, listings
from simulator.scenario.yamlstrict import MAX_FILE_BYTES

if TYPE_CHECKING:  # the codec and the model are imported when a model is read or written, not for validate's read back
    import hashlib

    from simulator.scenario.model import Scenario

FORMAT = 2  # 2: entries may be kept without their model (``loaded``)
MAGIC = b"doorstep load cache %d\n" % FORMAT
KEEP = 64
MAX_BYTES = 512 * 1024 * 1024
SECRET_BYTES = 32
ENTRY = re.compile(r"[0-9a-f]{64}\.json")  # only files named as this cache names them are ever pruned
LEFT_OVER = re.compile(r"\.([0-9a-f]{64}\.json|secret)\..+\.tmp")  # fileio.write_atomic's, when a write was killed
LEFT_OVER_SECONDS = 3600


def enabled() -> bool:
    """Whether the cache is in use: always, unless ``DOORSTEP_CACHE`` is 0, off, no or false."""
    return os.environ.get("DOORSTEP_CACHE", "1").strip().lower() not in ("0", "off", "no", "false")


def folder() -> Path:
    """Where cached loads are kept: ``cache/`` in Doorstep's data folder."""
    return fileio.data_dir() / "cache"


@dataclass(frozen=True, slots=True)
class Key:
    """Which cache file a load uses (``slot``) and the hash of everything it read (``inputs``)."""

    slot: str
    inputs: str


def blake2b() -> hashlib.blake2b:
    """A 32-byte BLAKE2b hash, the cache's names and keys: hashlib imported here, not above (loading it is 1-2 ms of
    every command, which a validate with the cache off never needs)."""
    import hashlib

    return hashlib.blake2b(digest_size=32)


# -- the inputs ---------------------------------------------------------------
class _Hasher:
    def __init__(self) -> None:
        self.h = blake2b()

    def add(self, *parts: object) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
            self.h.update(len(data).to_bytes(8, "little"))
            self.h.update(data)

    def hex(self) -> str:
        return self.h.hexdigest()


@cache
def code_stamp() -> str:
    """This Doorstep's loading code, schemas and font, by name, size and modification time (once per process)."""
    h = _Hasher()
    h.add(__version__, FORMAT)
    here = Path(__file__).resolve().parent
    for place in (here, here / "schema", here.parent):
        try:
            with os.scandir(place) as listing:
                entries = sorted((e.name, e.stat()) for e in listing if e.name.endswith((".py", ".json")) and e.is_file())
        except OSError:
            entries = []
        h.add(str(place), [(name, st.st_size, st.st_mtime_ns) for name, st in entries])
    try:  # the font the glyph check reads (simulator.scenario.glyphs.font_files), without importing that check
        import fontpkg_atkinson_hyperlegible as font

        fonts = Path(font.ROOT) / "files"
        with os.scandir(fonts) as listing:
            h.add(str(fonts), sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in listing))
    except (ImportError, OSError, AttributeError):
        h.add("no font")
    return h.hex()


def _content(h: _Hasher, path: Path) -> None:
    """A file's bytes as the loader would read them, or why it could not."""
    try:
        h.add(fileio.read_bytes(path, limit=MAX_FILE_BYTES))
    except OSError as exc:
        h.add("refused", type(exc).__name__, str(exc))


def _walk(h: _Hasher, top: Path) -> bool:
    """Every entry under the scenario folder as the loader sees it; False when there are too many to cache."""
    count = 0
    for here, entries in listings(top):
        if isinstance(entries, OSError):
            h.add("unlistable", str(here), entries.errno)
            continue
        h.add("folder", os.path.relpath(here, top), [e.name for e in entries])
        for entry in entries:
            count += 1
            if count > MAX_ENTRIES:
                return False
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                h.add("unstattable", entry.name, exc.errno)
                continue
            h.add(entry.name, stat.S_IFMT(mode))
            if stat.S_ISDIR(mode):
                continue
            if stat.S_ISLNK(mode):
                h.add("link", os.path.realpath(path))
            if path.suffix.lower() in (*SUFFIXES, ".json"):  # .YAML and JSON too: whether it reads as an episode is F311's
                _content(h, path)
    return True


def _layers(h: _Hasher, layers: Sequence[Layer]) -> None:
    """Each evidence layer's files, as :func:`~simulator.scenario.evidence.read_layers` reads them."""
    for layer in layers:
        h.add("layer", str(layer.path), layer.display, layer.pos, unread_names(layer.path))
        for name in EVIDENCE_FILES:
            path = layer.path / name
            h.add(name, os.path.lexists(path), os.path.realpath(path) if os.path.islink(path) else None)
            if os.path.lexists(path):
                _content(h, path)


def _art_pictures(h: _Hasher, scenario_folder: Path) -> None:
    """Each picture the scenario's own art.yaml names: whether it exists (a name may lead outside the folder), and its size and time (F310 reads it)."""
    from simulator.scenario.art import FOLDER, MANIFEST, read_manifest

    base = scenario_folder / FOLDER
    path = base / MANIFEST
    if not fileio.is_file(path):
        return
    try:
        raw = fileio.read_bytes(path, limit=MAX_FILE_BYTES)
    except OSError:
        return
    manifest, _problems = read_manifest(raw, str(path))
    if manifest is not None:
        h.add("pictures", [(rel, _stamp(base / rel)) for rel, _ in manifest.files()])


def _stamp(path: Path) -> tuple[int, int] | None:
    """A regular file's size and modification time; None for anything else (missing, a folder, a FIFO)."""
    info = fileio.probe(path)
    if isinstance(info, OSError) or not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns)


def canonical(value: Any) -> Any:
    """Plain data in one order whatever the process (sets sorted, dataclasses as lists), for hashing."""
    if isinstance(value, dict):
        return sorted((str(k), canonical(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(repr(canonical(v)) for v in value)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return [type(value).__name__, *(canonical(getattr(value, name)) for name in value.__dataclass_fields__)]
    return value


def key(given: str, scenario_folder: Path, layers: Sequence[Layer], art: Any, evidence_folder: Path | None) -> Key | None:
    """The cache key of a load, or None when it cannot be cached (too many files, no working folder)."""
    try:
        where = (os.getcwd(), given, os.path.realpath(scenario_folder), None if evidence_folder is None else str(evidence_folder))
        slot = _Hasher()
        slot.add("slot", *where)
        h = _Hasher()
        h.add(code_stamp(), *where, canonical(art))
        if not _walk(h, scenario_folder):
            return None
        _layers(h, layers)
        _art_pictures(h, scenario_folder)
        return Key(slot.hex(), h.hex())
    except (OSError, ValueError, RecursionError):
        return None


# -- the file -------------------------------------------------------------------
def usable(create: bool) -> bool:
    """Whether the cache folder is a real folder (created if asked): a link in its place, wherever it leads, means no cache."""
    try:
        place = folder()
    except OSError:  # no data folder at all (no home folder): the load is not cached
        return False
    info = lstat(place)
    if info is None and create:
        try:
            place.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        info = lstat(place)
    return info is not None and stat.S_ISDIR(info.st_mode)


def lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (OSError, ValueError):
        return None


def secret(create: bool) -> bytes | None:
    if not usable(create):
        return None
    path = folder() / "secret"
    try:
        data = fileio.read_bytes(path, limit=1024)
        if len(data) == SECRET_BYTES:
            return data
    except OSError:
        pass
    if not create:
        return None
    data = os.urandom(SECRET_BYTES)  # the system's CSPRNG, as secrets.token_bytes uses
    try:
        fileio.write_atomic(path, data, mode=0o600)
    except OSError:
        return None
    return data


def mac(secret: bytes, inputs: str, payload: bytes) -> str:
    import hashlib
    import hmac

    m = hmac.new(secret, digestmod=hashlib.blake2b)
    m.update(inputs.encode("ascii"))
    m.update(payload)
    return m.hexdigest()


def lookup(k: Key, model: bool = True) -> tuple[Scenario | None, list[Diagnostic], bool] | None:
    """What an earlier load with the same inputs found: (the model, the diagnostics, whether it loaded), or None
    (nothing kept, stale, damaged or not ours). Without ``model`` the model is not built (it is then None)."""
    signing = secret(create=False)
    if signing is None:
        return None
    try:
        raw = fileio.read_bytes(folder() / f"{k.slot}.json", limit=MAX_BYTES)
    except OSError:
        return None
    header_end = len(MAGIC) + 128 + 1 + 64 + 1
    if not raw.startswith(MAGIC) or len(raw) < header_end:
        return None
    signed = raw[len(MAGIC) : len(MAGIC) + 128]
    inputs = raw[len(MAGIC) + 129 : len(MAGIC) + 129 + 64]
    payload = raw[header_end:]
    import hmac

    if inputs != k.inputs.encode("ascii") or not hmac.compare_digest(signed, mac(signing, k.inputs, payload).encode("ascii")):
        return None
    was_enabled = gc.isenabled()
    gc.disable()  # a hundred thousand small objects: the cyclic collector would rescan them for nothing
    try:
        data = json.loads(payload)
        if not model:
            loaded, diagnostics = diagnostics_of(data)
            return None, diagnostics, loaded
        if "loaded" in data:  # kept without its model: a load that needs one runs whole (and keeps it)
            return None
        from simulator.scenario import cache_codec

        scenario, diagnostics = cache_codec.decode(data)
        return scenario, diagnostics, scenario is not None
    except Exception:  # authenticated data this Doorstep cannot read is no cache, never a crash
        return None
    finally:
        if was_enabled:
            gc.enable()


def store(k: Key, scenario: Scenario | None, diagnostics: list[Diagnostic], model: bool = True) -> bool:
    """Keep a load's outcome for its inputs; False (and nothing kept) when it cannot be written.

    Without ``model`` (``doorstep validate``, which reads back only whether it loaded and what it said) the
    model is not kept, which saves encoding it; a later load that needs the model then runs whole, on
    the per-file layer's parses, and keeps it.
    """
    signing = secret(create=True)
    if signing is None:
        return False
    try:
        if model:
            from simulator.scenario import cache_codec

            kept = cache_codec.encode(scenario, diagnostics)
        else:
            kept = {"files": [], "scenario": None, "loaded": scenario is not None, "diagnostics": diagnostic_rows(diagnostics)}
        payload = json.dumps(kept, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")
    except (TypeError, ValueError, RecursionError):
        return False
    data = MAGIC + mac(signing, k.inputs, payload).encode("ascii") + b"\n" + k.inputs.encode("ascii") + b"\n" + payload
    try:
        fileio.write_atomic(folder() / f"{k.slot}.json", data, mode=0o600, durable=False)
    except OSError:
        return False
    _prune()
    return True


def _prune() -> None:
    """Keep the :data:`KEEP` most recently written entries, and remove what a killed write left over an hour ago."""
    try:
        with os.scandir(folder()) as listing:
            found = [(e.name, e.path, e.stat(follow_symlinks=False).st_mtime_ns) for e in listing]
    except OSError:
        return
    entries = [(mtime, path) for name, path, mtime in found if ENTRY.fullmatch(name)]
    stale = time.time_ns() - LEFT_OVER_SECONDS * 10**9
    for name, path, mtime in found:
        if LEFT_OVER.fullmatch(name) and mtime < stale:
            with contextlib.suppress(OSError):
                os.unlink(path)
    for _mtime, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
