"""Where Doorstep's own files are, and which picture file shows each art id.

Scenarios name art by id (``location: office``, a character's mood). The
shared manifest ``assets/art/art.yaml`` maps ids to SVG files; a scenario may
carry its own ``art/art.yaml``, used first. This module reads the manifests
without pygame (through :mod:`simulator.scenario.art`), so validation can
say what the window will show and the window can find the files:
:func:`load_art` is the shared art, :func:`scenario_art` what one scenario
may use (its own, then shared art not drawn for another scenario).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator import fileio
from simulator.quickdata import dataclass
from simulator.scenario.art import FOLDER, MANIFEST, ArtCatalog, ArtManifest, read_manifest

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
MAX_MANIFEST_BYTES = 1 << 20


def assets_dir() -> Path:
    """The assets folder: $DOORSTEP_ASSETS, else the project's assets/."""
    env = os.environ.get("DOORSTEP_ASSETS")
    return Path(env) if env else PROJECT_DIR / "assets"


def scenarios_dir() -> Path:
    """The shipped scenarios: $DOORSTEP_SCENARIOS, else the project's scenarios/."""
    env = os.environ.get("DOORSTEP_SCENARIOS")
    return Path(env) if env else PROJECT_DIR / "scenarios"


@dataclass(frozen=True)
class Art:
    """Picture files for each location and each character's moods (and poses), ready for the window."""

    folder: Path
    locations: dict[str, Path] = field(default_factory=dict)
    location_labels: dict[str, str] = field(default_factory=dict)
    moods: dict[str, dict[str, tuple[Path, ...]]] = field(default_factory=dict)
    placeholder_location: Path | None = None
    placeholder_character: Path | None = None
    location_owners: dict[str, tuple[str, ...]] = field(default_factory=dict)
    character_owners: dict[str, tuple[str, ...]] = field(default_factory=dict)
    poses: dict[str, dict[str, dict[str, tuple[Path, ...]]]] = field(default_factory=dict)  # character -> pose -> mood -> frames

    def catalog(self) -> ArtCatalog:
        return ArtCatalog(
            locations=frozenset(self.locations),
            characters={c: frozenset(m) for c, m in self.moods.items()},
            location_owners=dict(self.location_owners),
            character_owners=dict(self.character_owners),
            poses={c: frozenset(p) for c, p in self.poses.items()},
            named=frozenset(self.location_labels),
        )


def load_catalog(folder: Path | None = None) -> ArtCatalog | None:
    """The shared art's catalog (the ids validation checks names against): :func:`load_art`'s, read back from the
    load cache while ``art.yaml`` is unchanged (parsing and checking it is about 5 ms of every ``doorstep validate``)."""
    base = (folder or assets_dir()) / "art"
    try:
        raw = fileio.read_bytes(base / MANIFEST, limit=MAX_MANIFEST_BYTES)
    except (OSError, fileio.FileRefused):
        return None
    from simulator.scenario import cache

    def made() -> ArtCatalog | None:
        manifest, _ = read_manifest(raw, str(base / MANIFEST))
        return manifest.catalog() if manifest is not None else None  # the ids alone: no path made for each picture, no file looked at

    if not cache.enabled():
        return made()  # (without importing the cache's per-file layer, its hashes and its codec)
    from simulator.scenario import cache_files

    return cache_files.catalog_of(raw, made)


def read_art_manifest(base: Path) -> ArtManifest | None:
    """The manifest in an art folder, or None if there is none or it cannot be read."""
    try:
        raw = fileio.read_bytes(base / MANIFEST, limit=MAX_MANIFEST_BYTES)
    except (OSError, fileio.FileRefused):
        return None
    manifest, _ = read_manifest(raw, str(base / MANIFEST))
    return manifest


def _art(base: Path, manifest: ArtManifest) -> Art:
    placeholders = {k: base / v for k, v in manifest.placeholders.items()}
    loc_ph = placeholders.get("location", base / "placeholder-location.svg")
    char_ph = placeholders.get("character", base / "placeholder-character.svg")
    return Art(
        folder=base,
        locations={lid: base / f for lid, f in manifest.locations.items()},
        location_labels=dict(manifest.location_labels),
        moods={cid: {m: tuple(base / f for f in frames) for m, frames in moods.items()} for cid, moods in manifest.characters.items()},
        placeholder_location=loc_ph if fileio.is_file(loc_ph) else None,
        placeholder_character=char_ph if fileio.is_file(char_ph) else None,
        location_owners=dict(manifest.location_owners),
        character_owners=dict(manifest.character_owners),
        poses={cid: {p: {m: tuple(base / f for f in frames) for m, frames in moods.items()} for p, moods in poses.items()} for cid, poses in manifest.poses.items()},
    )


def load_art(folder: Path | None = None) -> Art | None:
    """The shared art: ``art/art.yaml`` under the assets folder; None if there is none or it is unreadable."""
    base = (folder or assets_dir()) / "art"
    manifest = read_art_manifest(base)
    return _art(base, manifest) if manifest is not None else None


def _usable(owners: Mapping[str, tuple[str, ...]], art_id: str, scenario: str) -> bool:
    who = owners.get(art_id, ())
    return not who or scenario in who


def scenario_art(scenario_folder: Path | None, scenario_id: str, shared: Art | None = None) -> Art | None:
    """The art one scenario may use: its own ``art/`` first, then shared art not drawn for another scenario.

    An id that only another scenario's art has is left out, so the window
    shows a placeholder rather than another case's face.
    """
    shared = shared if shared is not None else load_art()
    own = read_art_manifest(scenario_folder / FOLDER) if scenario_folder is not None else None
    if shared is None and own is None:
        return None
    locations: dict[str, Path] = {}
    labels: dict[str, str] = {}
    moods: dict[str, dict[str, tuple[Path, ...]]] = {}
    poses: dict[str, dict[str, dict[str, tuple[Path, ...]]]] = {}
    if shared is not None:
        locations = {k: v for k, v in shared.locations.items() if _usable(shared.location_owners, k, scenario_id)}
        labels = {k: v for k, v in shared.location_labels.items() if k in locations or k not in shared.location_owners}
        moods = {k: v for k, v in shared.moods.items() if _usable(shared.character_owners, k, scenario_id)}
        poses = {k: v for k, v in shared.poses.items() if k in moods}
    folder = shared.folder if shared is not None else (scenario_folder or Path()) / FOLDER
    if own is not None and scenario_folder is not None:
        mine = _art(scenario_folder / FOLDER, own)
        locations.update(mine.locations)
        labels.update(mine.location_labels)
        moods.update(mine.moods)
        for cid in mine.moods:  # a character's own art replaces the shared art whole, poses too
            poses.pop(cid, None)
        poses.update(mine.poses)
        folder = mine.folder
    return Art(
        folder=folder,
        locations=locations,
        location_labels=labels,
        moods=moods,
        placeholder_location=shared.placeholder_location if shared is not None else None,
        placeholder_character=shared.placeholder_character if shared is not None else None,
        poses=poses,
    )


def undrawn_cast(scenario: Scenario, art: Art | None, shared: Art | None) -> list[str]:
    """The cast seen in person (never the player, who is not drawn) with no pictures in ``art``, what ``scenario_art`` gave the case.

    A character whose only pictures were drawn for another case is left out:
    that has a note of its own, saying what to add.
    """
    seen = seen_in_person(scenario)
    return [
        c.id for c in scenario.cast
        if c.id != scenario.player and c.id in seen and not (art is not None and art.moods.get(c.id))
        and not (art is not shared and shared is not None and c.id in shared.moods)
    ]


def seen_in_person(scenario: Scenario) -> frozenset[str]:
    """Everyone some stage direction puts on stage in person: not someone only ever heard (``by: speakerphone``,
    a letter) and not a cast member no scene brings on, for whom no picture is ever drawn.

    Worked out once for each case loaded (a walk over every line's stage directions: about a millisecond for Harris,
    which the window does while the list of cases is read, not in the frame that opens the case)."""
    known = _SEEN.get(scenario)
    if known is not None:
        return known
    seen: set[str] = set()
    stages = [d for node in scenario.nodes.values() for d in (node.stage, *(line.stage for line in node.lines))]
    for placings in (*(ep.opening for ep in scenario.episodes), *((*(d.present or ()), *d.enter, *d.move) for d in stages)):
        seen.update(p.who for p in placings if p.by is None)
    _SEEN[scenario] = out = frozenset(seen)
    return out


_SEEN: weakref.WeakKeyDictionary[Scenario, frozenset[str]] = weakref.WeakKeyDictionary()  # seen_in_person, by case loaded


def undrawn_note(ids: Sequence[str]) -> str:
    """The one line saying who the window will draw as placeholder figures."""
    names = [f"`{i}`" for i in ids]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"art: no pictures yet for {listed} in this case's art or the shared art; the window shows a placeholder figure instead (to draw them: docs/authoring.md, Art)"
