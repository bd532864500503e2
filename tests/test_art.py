"""Checks for the generated illustrations in assets/art/.

No pygame here (the core suite runs without a display): these tests check the
manifest, the SVG files' structure, that they stay inside the SVG subset
nanosvg renders, and that build_art.py reproduces the committed files exactly.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ART = Path(__file__).resolve().parents[1] / "assets" / "art"
SVG_NS = "{http://www.w3.org/2000/svg}"

LOCATION_BOX = "0 0 1920 1080"
CHARACTER_BOX = "0 0 600 900"

# Elements nanosvg draws, plus the containers it understands.
ALLOWED_ELEMENTS = {"svg", "defs", "g", "rect", "circle", "ellipse", "line", "polygon", "polyline", "path",
                    "linearGradient", "radialGradient", "stop"}
FORBIDDEN_ATTRIBUTES = {"style", "filter", "mask", "clip-path", "href", "{http://www.w3.org/1999/xlink}href"}

REQUIRED_LOCATIONS = {"harris-doorstep", "harris-living-room", "harris-kitchen", "school-room", "conference-room",
                      "office", "car", "family-centre", "cafe", "children-home-lounge"}
REQUIRED_MOODS = {
    "fiona": {"anxious", "guarded", "calm", "warm", "upset", "hopeful"},
    "john": {"hostile", "guarded", "calm", "engaged", "upset"},
    "chloe": {"withdrawn", "wary", "talking", "upset", "bright"},
    "mason": {"playing", "clingy"},
    "lily": {"asleep", "awake"},
    "louisa": {"neutral", "listening"},
    "chair": {"neutral", "concerned"},
    "manager": {"neutral", "supportive", "pressured"},
    "teacher": {"neutral", "concerned"},
    "health-visitor": {"neutral"},
    "idva": {"neutral", "warm"},
    "jay": {"closed", "wary", "angry", "curious", "open"},
    "keyworker": {"neutral", "warm"},
}
ANIMATED = {("fiona", "anxious"), ("john", "hostile"), ("mason", "playing")}


@pytest.fixture(scope="module")
def manifest() -> dict:
    with open(ART / "art.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def manifest_files(manifest: dict) -> dict[str, str]:
    """Every file the manifest names, mapped to the viewBox it should have."""
    files = {}
    for entry in manifest["locations"].values():
        files[entry["file"]] = LOCATION_BOX
    for character in manifest["characters"].values():
        for mood in character["moods"].values():
            for frame in mood["frames"]:
                files[frame] = CHARACTER_BOX
        for moods in character.get("poses", {}).values():
            for mood in moods.values():
                for frame in mood["frames"]:
                    files[frame] = CHARACTER_BOX
    files[manifest["placeholders"]["location"]] = LOCATION_BOX
    files[manifest["placeholders"]["character"]] = CHARACTER_BOX
    return files


def all_svgs() -> list[Path]:
    return sorted(ART.rglob("*.svg"))


def test_manifest_shape(manifest):
    assert manifest["format"] == 1
    assert isinstance(manifest["style"], str) and manifest["style"]
    for loc_id, entry in manifest["locations"].items():
        assert entry["file"] == f"locations/{loc_id}.svg"
        assert entry["label"]
    for char_id, character in manifest["characters"].items():
        assert character["label"]
        for mood, entry in character["moods"].items():
            frames = entry["frames"]
            assert frames and frames[0] == f"characters/{char_id}/{mood}.svg"
            for k, frame in enumerate(frames[1:], start=2):
                assert frame == f"characters/{char_id}/{mood}-{k}.svg"


def test_manifest_covers_the_brief(manifest):
    assert set(manifest["locations"]) >= REQUIRED_LOCATIONS
    for char_id, moods in REQUIRED_MOODS.items():
        assert char_id in manifest["characters"], char_id
        assert moods <= set(manifest["characters"][char_id]["moods"]), char_id
    for char_id, mood in ANIMATED:
        assert len(manifest["characters"][char_id]["moods"][mood]["frames"]) == 2, (char_id, mood)


def test_manifest_files_exist(manifest):
    missing = [rel for rel in manifest_files(manifest) if not (ART / rel).is_file()]
    assert not missing


def test_every_svg_is_listed(manifest):
    listed = set(manifest_files(manifest))
    unlisted = [str(p.relative_to(ART).as_posix()) for p in all_svgs() if p.relative_to(ART).as_posix() not in listed]
    assert not unlisted


@pytest.mark.parametrize("svg", all_svgs(), ids=lambda p: p.relative_to(ART).as_posix())
def test_svg_structure_and_subset(svg, manifest):
    expected_box = manifest_files(manifest)[svg.relative_to(ART).as_posix()]
    root = ET.parse(svg).getroot()
    assert root.tag == SVG_NS + "svg"
    assert root.get("viewBox") == expected_box
    width, height = expected_box.split()[2:]
    assert (root.get("width"), root.get("height")) == (width, height)
    gradient_ids = set()
    for el in root.iter():
        assert el.tag.startswith(SVG_NS), el.tag
        name = el.tag[len(SVG_NS):]
        assert name in ALLOWED_ELEMENTS, f"{name} is not rendered by nanosvg"
        assert not (FORBIDDEN_ATTRIBUTES & set(el.attrib)), el.attrib
        if name in ("linearGradient", "radialGradient"):
            gradient_ids.add(el.get("id"))
            # unitless bounding-box coordinates render wrongly in nanosvg
            assert el.get("gradientUnits") == "userSpaceOnUse"
    defs = root.find(SVG_NS + "defs")
    in_defs = set() if defs is None else {el.get("id") for el in defs}
    assert gradient_ids <= in_defs, "gradients must live in <defs>"
    for el in root.iter():
        for value in el.attrib.values():
            if "url(#" in value:
                assert value[5:-1] in gradient_ids, value
    text = svg.read_text(encoding="utf-8")
    for token in ("<text", "<filter", "<mask", "<clipPath", "<style", "<use", "<pattern", "<image"):
        assert token not in text


def test_build_is_reproducible(tmp_path):
    result = subprocess.run([sys.executable, str(ART / "build_art.py"), str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    committed = [*sorted(p.relative_to(ART).as_posix() for p in all_svgs()), "art.yaml"]
    assert built == sorted(committed)
    different = [rel for rel in built if (tmp_path / rel).read_bytes() != (ART / rel).read_bytes()]
    assert not different, f"regenerate with: python3 assets/art/build_art.py ({different[:5]})"


def test_every_pose_is_drawn_in_every_mood(manifest):
    """A pose the cases stage (sitting, standing, holding a child) keeps the person's body language: one picture per mood."""
    posed = {cid: c["poses"] for cid, c in manifest["characters"].items() if c.get("poses")}
    assert {"sitting", "standing", "holding-mason", "holding-lily"} <= set(posed["fiona"])
    for cid, poses in posed.items():
        for pose, moods in poses.items():
            assert set(moods) == set(manifest["characters"][cid]["moods"]), (cid, pose)
