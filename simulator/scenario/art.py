"""Which art a scenario can use: its own ``art/`` folder first, then shared art that is not another scenario's.

An art manifest (``art.yaml``) maps ids to picture files: each location to
one file, each character's moods to one or more frames, and optionally each
of a character's poses (``sitting``, ``at-door``, ``holding-mason``) to its
own pictures per mood. The shared manifest
in ``assets/art/`` marks the art drawn for one scenario (Fiona's face, the
Harris living room) with ``scenarios: [harris-family]``; unmarked entries
(an office, a car) are for everyone. A scenario may carry its own
``art/art.yaml``, whose entries come first and may reuse an id.

So a new scenario's ``manager`` never silently wears another case's face:
an id only another scenario's art has is reported (R413) and the window
shows a placeholder instead. This module is pure: it reads manifest bytes
and answers which ids a scenario may use; :mod:`simulator.assets` turns the
answer into file paths for the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any

from simulator.quickdata import dataclass
from simulator.scenario.diagnostics import Diagnostic, did_you_mean, make
from simulator.scenario.schema_check import check
from simulator.scenario.yamlstrict import decode, parse

MANIFEST = "art.yaml"
FOLDER = "art"


def words_of(location: str) -> str:
    """What the window calls a place that has no `label`: its id in words ("yjs-meeting-room" -> "Yjs meeting room")."""
    words = location.replace("-", " ")
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class ArtCatalog:
    """Which art ids exist, so validation can say what the window will show.

    ``*_owners`` name the scenarios an id was drawn for; an id with no owners
    is for every scenario.
    """

    locations: frozenset[str] = frozenset()
    characters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    location_owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    character_owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    poses: Mapping[str, frozenset[str]] = field(default_factory=dict)
    named: frozenset[str] = frozenset()  # locations given a `label` (drawn or not yet) that this scenario may show

    def over(self, shared: ArtCatalog | None) -> ArtCatalog:
        """This (a scenario's own) catalog in front of ``shared``: own ids win and belong to the scenario."""
        if shared is None:
            return self
        characters = dict(shared.characters)
        characters.update(self.characters)
        # A character's own art replaces the shared art whole: its poses with its moods.
        poses = {k: v for k, v in shared.poses.items() if k not in self.characters}
        poses.update(self.poses)
        return ArtCatalog(
            locations=self.locations | shared.locations,
            characters=characters,
            location_owners={k: v for k, v in shared.location_owners.items() if k not in self.locations},
            character_owners={k: v for k, v in shared.character_owners.items() if k not in self.characters},
            poses=poses,
            # A name drawn for another scenario is that scenario's; the scenario's own names are its own.
            named=self.named | frozenset(k for k in shared.named if k not in shared.location_owners),
        )

    def usable_location(self, location: str, scenario: str) -> bool:
        owners = self.location_owners.get(location, ())
        return location in self.locations and (not owners or scenario in owners)

    def usable_character(self, character: str, scenario: str) -> bool:
        owners = self.character_owners.get(character, ())
        return character in self.characters and (not owners or scenario in owners)


@dataclass(frozen=True)
class ArtManifest:
    """An art.yaml as data: files are relative to the manifest's folder."""

    locations: Mapping[str, str] = field(default_factory=dict)
    location_labels: Mapping[str, str] = field(default_factory=dict)
    characters: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    character_labels: Mapping[str, str] = field(default_factory=dict)
    location_owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    character_owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    placeholders: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (kind, id) -> line, col
    poses: Mapping[str, Mapping[str, Mapping[str, tuple[str, ...]]]] = field(default_factory=dict)  # character -> pose -> mood -> frames

    def catalog(self) -> ArtCatalog:
        return ArtCatalog(
            locations=frozenset(self.locations),
            characters={c: frozenset(m) for c, m in self.characters.items()},
            location_owners=dict(self.location_owners),
            character_owners=dict(self.character_owners),
            poses={c: frozenset(p) for c, p in self.poses.items()},
            named=frozenset(self.location_labels),
        )

    def files(self) -> list[tuple[str, tuple[str, str]]]:
        """Every file the manifest names, with the (kind, id) that names it."""
        out = [(f, ("location", lid)) for lid, f in self.locations.items()]
        for cid, moods in self.characters.items():
            out.extend((f, ("character", cid)) for frames in moods.values() for f in frames)
        for cid, poses in self.poses.items():
            out.extend((f, ("character", cid)) for moods in poses.values() for frames in moods.values() for f in frames)
        return out


def read_manifest(raw: bytes, name: str) -> tuple[ArtManifest | None, list[Diagnostic]]:
    """An art manifest from its bytes; None, with located diagnostics, if it cannot be read."""
    text, diags = decode(raw, name)
    if text is None:
        return None, diags
    doc = parse(text, name)
    diags.extend(doc.diagnostics)
    if doc.data is None:
        return None, diags
    problems = check(doc.data, doc.positions, name, "art")
    diags.extend(problems)
    if problems:
        return None, diags
    data: dict[str, Any] = doc.data
    if data["format"] != 1:
        diags.append(make("F302", f"format {data['format']!r} is not known; this version reads format 1", name, doc.positions.locate(data, ("format",))))
        return None, diags
    places: dict[tuple[str, str], tuple[int, int]] = {}
    locations: dict[str, str] = {}
    labels: dict[str, str] = {}
    location_owners: dict[str, tuple[str, ...]] = {}
    for lid, entry in (data.get("locations") or {}).items():
        if "file" in entry:  # a place with only a `label` is named but not drawn yet
            locations[lid] = entry["file"]
        if "label" in entry:
            labels[lid] = entry["label"]
        if entry.get("scenarios"):
            location_owners[lid] = tuple(entry["scenarios"])
        places[("location", lid)] = doc.positions.locate(data, ("locations", lid), prefer_key=True)
    characters: dict[str, dict[str, tuple[str, ...]]] = {}
    character_labels: dict[str, str] = {}
    character_owners: dict[str, tuple[str, ...]] = {}
    poses: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for cid, entry in (data.get("characters") or {}).items():
        characters[cid] = {mood: tuple(spec["frames"]) for mood, spec in entry["moods"].items()}
        if entry.get("poses"):
            poses[cid] = {pose: {mood: tuple(spec["frames"]) for mood, spec in moods.items()} for pose, moods in entry["poses"].items()}
        character_labels[cid] = entry.get("label", cid)
        if entry.get("scenarios"):
            character_owners[cid] = tuple(entry["scenarios"])
        places[("character", cid)] = doc.positions.locate(data, ("characters", cid), prefer_key=True)
    manifest = ArtManifest(
        locations=locations,
        location_labels=labels,
        characters=characters,
        character_labels=character_labels,
        location_owners=location_owners,
        character_owners=character_owners,
        placeholders=dict(data.get("placeholders") or {}),
        places=places,
        poses=poses,
    )
    return manifest, diags


def strangers(manifest: ArtManifest, scenario: object, name: str) -> tuple[list[Diagnostic], set[str]]:
    """R416 for each character in a scenario's own art.yaml who is not in its cast (a misspelt id draws nobody), and their ids.

    ``scenario`` is scenario.yaml's data (None, or not a mapping, when it did not load: then nothing is said).
    """
    if not isinstance(scenario, dict) or not isinstance(scenario.get("cast"), list):
        return [], set()
    ids = [c["id"] for c in scenario["cast"] if isinstance(c, dict) and isinstance(c.get("id"), str)]
    unknown = {cid for cid in (*manifest.characters, *manifest.poses) if cid not in ids}
    return [
        make("R416", f"the art is for `{cid}`, who is not in the cast, so it is never shown", name, manifest.places.get(("character", cid)), did_you_mean(cid, ids) or "use the id the cast gives them in scenario.yaml")
        for cid in sorted(unknown)
    ], unknown
