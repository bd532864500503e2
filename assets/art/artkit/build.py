"""Writing a set of pictures and its art.yaml: the shipped art and any scenario's own use this one writer.

    from artkit.build import build_set
    build_set(out_dir, header=[...], locations=LOCATIONS, cast=CAST, poses=CAST_POSES)

``locations`` maps an id to ``(paint, label)`` (paint draws on a 1920 x 1080 Doc);
``cast`` maps an id to a :class:`artkit.people.Character`; ``poses`` maps an id
to the names of the poses drawn for that character (each in every mood, from
:data:`artkit.people.POSES`); ``owners`` marks pictures drawn for some scenarios
only. Deterministic: the same code writes the same bytes, and SVGs left over from
people, moods, poses or places that no longer exist are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .svg import Doc

LOCATION_SIZE = (1920, 1080)
CHARACTER_SIZE = (600, 900)

Write = Callable[[str, str], None]


def _owners(owners: Mapping[str, tuple[str, ...]], art_id: str) -> str:
    marked = owners.get(art_id)
    return f", scenarios: [{', '.join(marked)}]" if marked else ""


def _frames(write: Write, character, char_id: str, folder: str, frames: list) -> list[str]:
    rels = []
    for k, frame in enumerate(frames):
        doc = Doc(*CHARACTER_SIZE)
        character.draw(doc, frame)
        rel = f"characters/{char_id}/{folder}{'' if k == 0 else f'-{k + 1}'}.svg"
        write(rel, doc.render())
        rels.append(rel)
    return rels


def build_set(out_dir: Path, *, header: list[str], locations: Mapping, cast: Mapping, poses: Mapping | None = None,
              owners: Mapping[str, tuple[str, ...]] | None = None, extra: Callable[[Write, list[str]], None] | None = None) -> list[Path]:
    """Write every location and character SVG and the manifest under ``out_dir``; return the files written.

    ``header`` is the manifest's opening lines (comments, ``format: 1``, a style line); ``extra(write,
    manifest)`` may write more files and manifest lines at the end (the shipped set's placeholders).
    """
    out_dir = Path(out_dir)
    poses = poses or {}
    owners = owners or {}
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(path)

    manifest = [*header, "locations:"]
    for loc_id, (paint, label) in locations.items():
        if paint is None:  # a place named, not drawn yet: the window shows a plain background with its label
            manifest.append(f'  {loc_id}: {{label: "{label}"}}')
            continue
        doc = Doc(*LOCATION_SIZE)
        paint(doc)
        rel = f"locations/{loc_id}.svg"
        write(rel, doc.render())
        manifest.append(f'  {loc_id}: {{file: {rel}, label: "{label}"{_owners(owners, loc_id)}}}')

    manifest.append("characters:")
    for char_id, character in cast.items():
        manifest.append(f"  {char_id}:")
        manifest.append(f'    label: "{character.label}"')
        if char_id in owners:
            manifest.append(f"    scenarios: [{', '.join(owners[char_id])}]")
        manifest.append("    moods:")
        for mood, frames in character.moods.items():
            rels = _frames(write, character, char_id, mood, frames)
            manifest.append(f"      {mood}: {{frames: [{', '.join(rels)}]}}")
        if poses.get(char_id):
            manifest.append("    poses:")
        for pose in poses.get(char_id, ()):
            manifest.append(f"      {pose}:")
            for mood, frames in character.pose_frames(pose).items():
                rels = _frames(write, character, char_id, f"{pose}/{mood}", frames)
                manifest.append(f"        {mood}: {{frames: [{', '.join(rels)}]}}")

    if extra is not None:
        extra(write, manifest)
    write("art.yaml", "\n".join(manifest) + "\n")

    # remove SVGs left over from characters, moods, poses or locations that no longer exist
    keep = {p.resolve() for p in written}
    for sub in ("locations", "characters"):
        for stale in sorted((out_dir / sub).rglob("*.svg")):
            if stale.resolve() not in keep:
                stale.unlink()
    return written
