#!/usr/bin/env python3
"""Build Doorstep's illustrations: SVG files plus the manifest art.yaml.

    python3 assets/art/build_art.py            # regenerate assets/art/ in place
    python3 assets/art/build_art.py OUT_DIR    # write everything under OUT_DIR

Pure standard library, deterministic: the same code always writes the same
bytes, and a test rebuilds into a temporary directory and compares.

The style
---------
Calm, flat editorial illustration of the kind UK public services use: soft
muted colours (lilac, sage, dusty blue, ochre, warm greys), rounded shapes,
no hard black (the darkest ink is a soft blue-black), hairline outlines only
where two shapes of one colour overlap (an arm over a jumper).  Faces are
simple and dignified: dot eyes, eyebrows that carry the emotion, a short
mouth line.  Nothing frightening: no violence, injuries or weapons; anger is
shown by a frown and folded arms, distress by a bowed head and a hand to the
face.  Backgrounds keep their detail in the upper two thirds and stay light
and low in contrast, because the game lays a text panel over the bottom 35%.

Only SVG features that nanosvg (pygame-ce via SDL_image) renders are used:
rect, circle, ellipse, line, polygon, path, solid fills and strokes, linear
and radial gradients in <defs> (userSpaceOnUse), opacity, and
translate/rotate transforms.  No text, filters, masks, clip paths, CSS,
<use> or patterns.

Layout of the code (artkit/)
----------------------------
    svg.py       tiny SVG writer (rounded numbers, gradients, groups)
    colour.py    mix/shade/tint and the shared palette
    model.py     Build (proportions), Look (skin, hair, clothes), Face, Pose
    skeleton.py  joints from a Pose, and the named arm poses
    body.py      limbs, hands, shoes, torso and clothes, chair, props
    face.py      head, face features, beards
    hair.py      hair styles and hoods
    baby.py      Lily in her bouncer, crawling, sitting, on a hip (a custom painter)
    figure.py    draws one figure back to front
    people.py    the cast: one Character per person, frames per mood
    scenery.py   furniture and fittings for rooms
    rooms.py     the rooms
    outdoors.py  the places between rooms: a school's reception and gate, a car park
    views.py     what is seen through windows: the street opposite, far trees, a town
    build.py     writes a set of pictures and its art.yaml (shared with scenarios' own art)

Characters share one world scale in a 600 x 900 canvas with their feet on
the bottom edge, so a scene can scale every character by the same factor
(an adult stands about 840 units tall, Mason about 430).

To add a character: give them a Build and Look in artkit/people.py, add a
Character with moods, and list it in CAST under the id the scenarios use.
To add a pose (what the story says someone is doing: sitting, standing, a child
in their arms): add it to POSES in artkit/people.py (a function from a mood's frame
to the posed frame, so each mood keeps its body language) and list it for the
character in CAST_POSES; art.yaml then names a picture per mood under ``poses:``.
To add a mood: add ``"mood": [(Pose(...), Face(...))]`` to the character; give
it a second frame if it has movement (the player alternates frames slowly,
and shows only the first in reduced-motion mode).  New arm poses go in
artkit/skeleton.py (decorate with @arm_pose), new hair styles in
artkit/hair.py.  To add a location: write a function in artkit/rooms.py and
list it in LOCATIONS (places outside a room go in artkit/outdoors.py, window views in
artkit/views.py).  Then run this script and commit the SVGs.  artkit/build.py writes
the files and the manifest, for this set and for any scenario's own (see
scenarios/campbell-care-act/art/build_art.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from artkit.build import CHARACTER_SIZE, LOCATION_SIZE, build_set  # noqa: E402
from artkit.people import CAST, CAST_POSES  # noqa: E402
from artkit.rooms import LOCATIONS  # noqa: E402
from artkit.svg import Doc, Path as SvgPath  # noqa: E402

STYLE = ("Calm flat editorial illustration: muted lilac, sage, dusty blue and ochre; "
         "soft rounded shapes; simple, dignified faces; no text.")

# Art drawn for one scenario's people and places: other scenarios may not use it (the
# loader says so, R413, and the window shows a placeholder rather than borrow a face).
# Everything not listed here is for any scenario.
OWNERS = {
    "harris-doorstep": ("harris-family",),
    "harris-living-room": ("harris-family",),
    "harris-kitchen": ("harris-family",),
    "school-room": ("harris-family",),
    "children-home-lounge": ("jay-residential",),
    "harris-hall": ("harris-family",),
    "school-reception": ("harris-family",),
    "school-gate": ("harris-family",),
    "fiona": ("harris-family",),
    "john": ("harris-family",),
    "chloe": ("harris-family",),
    "mason": ("harris-family",),
    "lily": ("harris-family",),
    "louisa": ("harris-family",),
    "chair": ("harris-family", "jay-residential"),
    "manager": ("harris-family",),
    "teacher": ("harris-family",),
    "health-visitor": ("harris-family",),
    "idva": ("harris-family",),
    "jay": ("jay-residential",),
    "keyworker": ("jay-residential",),
}


def placeholder_location() -> Doc:
    w, h = LOCATION_SIZE
    doc = Doc(w, h)
    doc.rect(0, 0, w, h, doc.linear("ph-bg", 0, 0, 0, h, [(0, "#cdd6de"), (1, "#e3e6ea")]))
    doc.circle(1380, 300, 420, doc.radial("ph-glow", 1380, 300, 420, [(0, "#ffffff", 0.35), (1, "#ffffff", 0)]))
    doc.path(SvgPath().M(0, 760).Q(480, 600, 980, 700).Q(1460, 790, 1920, 650).L(1920, h).L(0, h).Z(),
             fill="#c5cfd8", opacity=0.7)
    doc.rect(760, 220, 400, 300, "#ffffff", rx=24, opacity=0.25)
    doc.rect(790, 250, 340, 240, "#dfe6ec", rx=16, opacity=0.5)
    return doc


def placeholder_character() -> Doc:
    w, h = CHARACTER_SIZE
    doc = Doc(w, h)
    fill = doc.linear("ph-figure", 0, 60, 0, 900, [(0, "#b7c2cc"), (1, "#c9d1d8")])
    doc.ellipse(300, 150, 58, 70, fill, opacity=0.8)
    doc.rect(278, 200, 44, 50, fill, opacity=0.8)
    body = (SvgPath().M(300, 236).C(380, 236, 404, 262, 408, 320).L(420, 600).Q(420, 640, 390, 640)
            .L(380, 896).L(318, 896).L(300, 650).L(282, 896).L(220, 896).L(210, 640).Q(180, 640, 180, 600)
            .L(192, 320).C(196, 262, 220, 236, 300, 236).Z())
    doc.path(body, fill=fill, opacity=0.8)
    return doc


HEADER = [
    "# Doorstep illustrations, generated by build_art.py: edit the generator, not this file.",
    "# Locations are 1920x1080. Characters are 600x900 on one shared scale, feet on the",
    "# bottom edge: scale them all by the same factor so a toddler stays toddler-sized.",
    "# A mood with two frames is a slow idle animation; show only the first with reduced motion.",
    "# `scenarios:` marks art drawn for those scenarios only; unmarked art is for any scenario.",
    "format: 1",
    f'style: "{STYLE}"',
]


def _placeholders(write, manifest: list[str]) -> None:
    write("placeholder-location.svg", placeholder_location().render())
    write("placeholder-character.svg", placeholder_character().render())
    manifest.append("placeholders: {location: placeholder-location.svg, character: placeholder-character.svg}")


def build(out_dir: Path) -> list[Path]:
    """Write every SVG and art.yaml under out_dir; return the files written."""
    return build_set(Path(out_dir), header=HEADER, locations=LOCATIONS, cast=CAST, poses=CAST_POSES, owners=OWNERS,
                     extra=_placeholders)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE
    files = build(out_dir)
    print(f"wrote {len(files)} files to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
