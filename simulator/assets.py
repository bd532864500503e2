"""Where Doorstep's own files are, and which art ids exist.

Scenarios name art by id (``location: harris-living-room``, a character's
mood); ``assets/art/art.yaml`` maps ids to SVG files. This module reads that
manifest without pygame, so validation can warn about missing art and the
window can find the files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from simulator.scenario.build import ArtCatalog
from simulator.scenario.yamlstrict import decode, parse

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


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
    """The art manifest: files for each location and each character's moods."""

    folder: Path
    locations: dict[str, Path] = field(default_factory=dict)
    location_labels: dict[str, str] = field(default_factory=dict)
    moods: dict[str, dict[str, tuple[Path, ...]]] = field(default_factory=dict)
    placeholder_location: Path | None = None
    placeholder_character: Path | None = None

    def catalog(self) -> ArtCatalog:
        return ArtCatalog(
            locations=frozenset(self.locations),
            characters={c: frozenset(m) for c, m in self.moods.items()},
        )


def load_art(folder: Path | None = None) -> Art | None:
    """Read ``art/art.yaml`` under the assets folder; None if there is none or it is unreadable."""
    base = (folder or assets_dir()) / "art"
    manifest = base / "art.yaml"
    try:
        raw = manifest.read_bytes()
    except OSError:
        return None
    text, _ = decode(raw, str(manifest))
    if text is None:
        return None
    doc = parse(text, str(manifest))
    data = doc.data
    if not isinstance(data, dict):
        return None
    locations: dict[str, Path] = {}
    labels: dict[str, str] = {}
    for lid, entry in (data.get("locations") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            locations[lid] = base / entry["file"]
            labels[lid] = str(entry.get("label", lid))
    moods: dict[str, dict[str, tuple[Path, ...]]] = {}
    for cid, entry in (data.get("characters") or {}).items():
        if not isinstance(entry, dict):
            continue
        for mood, spec in (entry.get("moods") or {}).items():
            frames = spec.get("frames") if isinstance(spec, dict) else None
            if isinstance(frames, list) and frames:
                moods.setdefault(cid, {})[mood] = tuple(base / str(f) for f in frames)
    loc_ph = base / "placeholder-location.svg"
    char_ph = base / "placeholder-character.svg"
    return Art(
        folder=base,
        locations=locations,
        location_labels=labels,
        moods=moods,
        placeholder_location=loc_ph if loc_ph.is_file() else None,
        placeholder_character=char_ph if char_ph.is_file() else None,
    )
