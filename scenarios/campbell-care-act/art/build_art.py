#!/usr/bin/env python3
"""Build the Campbell scenario's own pictures: SVG files plus this folder's art.yaml.

    python3 scenarios/campbell-care-act/art/build_art.py          # regenerate in place
    python3 scenarios/campbell-care-act/art/build_art.py OUT_DIR  # write under OUT_DIR

It uses the shared drawing kit in assets/art/artkit (the same bodies, faces,
clothes and furniture as the shipped art) so the people and rooms here stand
on the same scale and in the same calm, flat style. Pure standard library and
deterministic: a test rebuilds into a temporary folder and compares bytes.

Characters are 600 x 900 with their feet on the bottom edge; locations are
1920 x 1080 with the detail in the upper two thirds (the text panel covers the
bottom third). Only shapes nanosvg draws: no text, filters, masks or images.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path as FsPath

HERE = FsPath(__file__).resolve().parent
ARTKIT_HOME = HERE.parent.parent.parent / "assets" / "art"
if str(ARTKIT_HOME) not in sys.path:
    sys.path.insert(0, str(ARTKIT_HOME))

from artkit.colour import shade, tint  # noqa: E402
from artkit.model import Look  # noqa: E402
from artkit.build import build_set  # noqa: E402
from artkit.people import MAN, SKIN, WOMAN, Character, F, P  # noqa: E402
from artkit.scenery import (  # noqa: E402
    armchair,
    backdrop,
    blinds,
    clock,
    door,
    drapes,
    floor_lamp,
    frame_picture,
    mug,
    net_curtain,
    plant,
    radiator,
    rug,
    sofa,
    tv,
    wall_light,
    window,
)
from artkit.svg import Doc, Path  # noqa: E402
from artkit.views import street_opposite, trees_far  # noqa: E402

SCENARIO = "campbell-care-act"


# -- people -------------------------------------------------------------------------
# An older man is a little shorter and rounder than the shipped MAN; an older woman
# a little shorter than WOMAN. Everyone stays on the shared world scale.
OLDER_MAN = replace(MAN, torso=250, thigh=206, shin=200, waist=84, hip=80, shoulder=88)
OLDER_WOMAN = replace(WOMAN, torso=238, thigh=194, shin=188, waist=76, hip=82, shoulder=80)

# Delroy Campbell, 81: pressed shirt and tie under a cardigan, glasses, short grey hair.
DELROY = Character(
    "Mr Campbell", OLDER_MAN,
    Look(skin=SKIN["deep"], hair="#d8d3cc", hair_style="receding", top="#8c7b64", top_style="cardigan",
         under="#e9eef2", tie="#5d6f8c", legs="#5a5f6a", shoes="#4a3f39", glasses="#b39b6a",
         beard="#cfcac3", blush=0.0, lips="#6a3d33", brow="#bdb6ad"),
    {
        "wary": [(P(seated=True, arms="folded", legs="sit", lean=-4, chin=0.2, head_turn=0.35, facing=1),
                  F(brows="flat", eyes="open", gaze=0.8, mouth="tight"))],
        "tired": [(P(seated=True, arms="hand_face", legs="sit", slump=0.6, lean=16, chin=-0.5),
                   F(brows="worried", eyes="down", mouth="neutral"))],
        "engaged": [(P(seated=True, arms="gesture", legs="sit", lean=10, chin=0.1, turn=0.15, tilt=-3),
                     F(brows="raised", eyes="open", mouth="talk"))],
        "warm": [(P(seated=True, arms="lap", legs="sit", lean=2, tilt=-4),
                  F(brows="soft", eyes="happy", mouth="smile"))],
        "upset": [(P(seated=True, arms="clasp_lap", legs="sit", slump=0.5, lean=12, chin=-0.7),
                   F(brows="sad", eyes="down", mouth="frown"))],
    },
)

# Pearl Campbell, 77: set grey curls, a cardigan over a blouse, small gold earrings.
PEARL = Character(
    "Pearl", OLDER_WOMAN,
    Look(skin=SKIN["brown"], hair="#bdb7b0", hair_style="set_curls", grey="#e4e0da", top="#9c8fb0",
         top_style="cardigan", under="#efe6d6", legs="#5b6072", shoes="#5a4a44", earrings="#d9c07a",
         blush=0.05, lips="#7a4438", brow="#6e625b"),
    {
        "brisk": [(P(arms="clasp_front", legs="together", chin=0.05, turn=-0.1),
                   F(brows="tense", eyes="open", mouth="press"))],
        "weary": [(P(seated=True, arms="hand_face", legs="sit", slump=0.55, lean=14, chin=-0.4),
                   F(brows="worried", eyes="closed", mouth="neutral"))],
        "upset": [(P(seated=True, arms="clasp_lap", legs="sit", slump=0.45, lean=10, chin=-0.55, tilt=4),
                   F(brows="sad", eyes="down", mouth="wobble"))],
        "warm": [(P(arms="open_one", legs="shift", turn=0.15, tilt=-4),
                  F(brows="soft", eyes="happy", mouth="smile"))],
    },
)

# Marcia Campbell, 50: tied-back hair, a work blazer, a folder she keeps hold of.
MARCIA = Character(
    "Marcia", WOMAN,
    Look(skin=SKIN["brown"], hair="#2f2724", hair_style="tied", top="#4f6b78", top_style="blazer",
         under="#ece6dc", legs="#3f4450", shoes="#3a3435", earrings="#cdb47a", blush=0.05, lips="#7a4438"),
    {
        "insistent": [(P(arms="hold_folder", prop="folder", legs="stand", chin=0.15, turn=-0.15),
                       F(brows="tense", eyes="open", mouth="tight"))],
        "worried": [(P(arms="hand_chest", legs="shift", turn=0.15, tilt=4, chin=-0.1),
                     F(brows="worried", eyes="open", mouth="press"))],
        "calm": [(P(seated=True, arms="lap", legs="sit", lean=4, facing=-1, turn=-0.1),
                  F(brows="soft", eyes="open", mouth="small"))],
    },
)

# Tom Fairley, 30s: the advocate; a jumper, a lanyard, a notebook.
TOM = Character(
    "Tom Fairley", MAN,
    Look(skin=SKIN["light"], hair="#8a6a4e", hair_style="side_part", top="#7f9a86", top_style="knit",
         legs="#4d5565", shoes="#5b4a3e", lanyard="#6f8fb3", beard="#8a6a4e", blush=0.15),
    {
        "neutral": [(P(arms="notebook", prop="notebook", legs="shift", turn=-0.15, tilt=3),
                     F(brows="neutral", eyes="open", mouth="neutral"))],
        "warm": [(P(arms="open_one", legs="shift", turn=-0.2, tilt=-4),
                  F(brows="soft", eyes="open", mouth="smile"))],
    },
)

CAST = {"delroy": DELROY, "pearl": PEARL, "marcia": MARCIA, "advocate": TOM}

# Everyone is drawn standing and sitting in each mood too (the shared kit's poses), so a scene can
# seat Marcia at the table or have Mr Campbell on his feet at the door as the words say.
CAST_POSES = {cid: ("standing", "sitting") for cid in CAST}


# -- places ---------------------------------------------------------------------------

def _dominoes(doc: Doc, x: float, y: float):
    """A wooden dominoes box with a few tiles stood beside it (no pips that could read as text)."""
    doc.rect(x, y - 34, 120, 34, "#a27c58", rx=4)
    doc.rect(x + 6, y - 30, 108, 8, tint("#a27c58", 0.15), rx=3)
    for k in range(3):
        tx = x + 132 + k * 26
        doc.rect(tx, y - 44, 20, 44, "#f3efe6", rx=3, stroke="#d7d0c4", stroke_width=2)
        doc.line(tx + 3, y - 22, tx + 17, y - 22, "#d7d0c4", 2)
        doc.circle(tx + 10, y - 33, 3, "#6b6866")
        doc.circle(tx + 10, y - 11, 3, "#6b6866")


def _bus_photo(doc: Doc, x: float, y: float, w: float, h: float):
    """A framed photograph of a young driver beside his double-decker, in soft shapes."""
    doc.rect(x, y, w, h, "#c9ad84", rx=4)
    doc.rect(x + 10, y + 10, w - 20, h - 20, "#e3e6e4")
    bx, by, bw, bh = x + 22, y + 26, w * 0.6, h - 58
    doc.rect(bx, by, bw, bh, "#c98a7c", rx=10)
    doc.rect(bx, by + bh * 0.48, bw, 6, "#efe6d6")
    for row in (0, 1):
        for k in range(3):
            doc.rect(bx + 8 + k * (bw - 16) / 3, by + 8 + row * bh * 0.52, (bw - 16) / 3 - 6, bh * 0.3, "#dfe8ec", rx=3)
    for wx in (bx + bw * 0.22, bx + bw * 0.8):
        doc.circle(wx, by + bh, 9, "#6b6866")
    px = x + w * 0.8
    doc.circle(px, y + h * 0.36, 12, "#744a34")
    doc.rect(px - 9, y + h * 0.36 - 15, 18, 6, "#4f5a6b", rx=2)      # his driver's cap
    doc.rect(px - 14, y + h * 0.36 + 12, 28, h * 0.42, "#4f5a6b", rx=6)


def _family_photo(doc: Doc, x: float, y: float, w: float, h: float, frame: str, people: list[tuple[str, str, float]]):
    """A framed family photograph: (skin, clothes, height) per person, standing on grass."""
    doc.rect(x, y, w, h, frame, rx=3)
    m = max(8, min(w, h) * 0.09)
    ix, iy, iw, ih = x + m, y + m, w - 2 * m, h - 2 * m
    doc.rect(ix, iy, iw, ih, "#dfe5e6")
    doc.rect(ix, iy + ih * 0.62, iw, ih * 0.38, "#b9c9b0")
    n = len(people)
    for k, (skin, clothes, scale) in enumerate(people):
        px = ix + iw * (k + 0.7) / (n + 0.4)
        size = ih * 0.13 * scale
        doc.rect(px - size * 0.9, iy + ih - size * 3.2, size * 1.8, size * 3.2, clothes, rx=size * 0.8)
        doc.circle(px, iy + ih - size * 3.6, size * 0.75, skin)


def _china_cabinet(doc: Doc, x: float, floor_y: float):
    wood = "#b08a66"
    doc.rect(x, floor_y - 470, 240, 470, wood, rx=6)
    doc.rect(x + 14, floor_y - 456, 212, 300, "#dfe8ec", rx=3)
    doc.rect(x + 14, floor_y - 140, 212, 124, shade(wood, 0.1), rx=3)
    for k in range(1, 3):
        doc.rect(x + 14, floor_y - 456 + k * 100, 212, 6, tint(wood, 0.2))
    plates = ["#eef1f5", "#f3ede3", "#e9eef0"]
    for shelf in range(3):
        sy = floor_y - 456 + shelf * 100 + 90
        for k in range(4):
            cx = x + 44 + k * 50
            if (shelf + k) % 2 == 0:
                doc.circle(cx, sy - 34, 22, plates[k % 3], stroke="#9fb3c4", stroke_width=3)
            else:
                doc.rect(cx - 12, sy - 30, 24, 28, plates[(k + 1) % 3], rx=5, stroke="#9fb3c4", stroke_width=2)
    doc.line(x + 120, floor_y - 456, x + 120, floor_y - 156, shade(wood, 0.05), 5)


def campbell_front_room(doc: Doc):
    floor_y = 720
    backdrop(doc, "cfr", "#e4d6c2", "#b9a58e", floor_y, skirting="#efe7da")
    # a band of paper: soft vertical stripes in the upper wall
    for k in range(24):
        doc.rect(k * 80 + 30, 0, 18, 640, "#dccdb7", opacity=0.45)
    wall_light(doc, "cfr-win", 380, 360, 520, "#ffffff", 0.3)
    window(doc, 170, 170, 420, 380, frame="#f3f1ed", sky=("#d6dde3", "#e9ebe8"), panes=(3, 2), gid="cfr",
           outside=street_opposite)
    net_curtain(doc, 176, 176, 408, 368)
    drapes(doc, 170, 170, 420, 380, "#b8866f", 80)
    doc.rect(150, 556, 460, 22, "#efe8dc", rx=4)          # windowsill
    _dominoes(doc, 200, 556)
    plant(doc, 520, 556, s=0.55, pot="#c99279", tall=False)
    radiator(doc, 230, 590, 300, 90)
    # photographs and a clock over the settee
    _bus_photo(doc, 840, 170, 230, 170)
    # their wedding, and Marcia's graduation
    _family_photo(doc, 1100, 190, 140, 160, "#d9c3a5", [(SKIN["deep"], "#4f5a6b", 1.1), (SKIN["brown"], "#f1ede6", 1.0)])
    _family_photo(doc, 1270, 210, 150, 110, "#f1ede6",
                  [(SKIN["deep"], "#8c7b64", 1.0), (SKIN["brown"], "#3f4450", 0.95), (SKIN["brown"], "#9c8fb0", 0.95)])
    clock(doc, 980, 420, 36, rim="#a08c74")
    _china_cabinet(doc, 1600, floor_y + 10)
    sofa(doc, 780, 750, 660, "#a7b39a", cushions=["#d8b878", "#c98a7c"])
    # his armchair by the window, a little table with his tea, a standard lamp
    armchair(doc, 360, 770, "#8e7b9c", w=250, h=250)
    doc.rect(640, 590, 90, 12, "#b08a66", rx=4)
    doc.rect(680, 602, 10, 150, "#9c7a58")
    doc.ellipse(685, 752, 36, 7, "#9c7a58")
    mug(doc, 672, 590, "#eef1f5", 0.8)
    floor_lamp(doc, 1530, floor_y + 20, shade_col="#f0e2c6", gid="cfr-lamp")
    rug(doc, 1060, 860, 460, 74, "#cdb89f", border="#bfa88d")


def campbell_hall(doc: Doc):
    floor_y = 740
    backdrop(doc, "chl", "#e8dfcc", "#b69a80", floor_y, skirting="#efe7da")
    wall_light(doc, "chl-door", 560, 420, 420, "#ffffff", 0.22)
    # the front door, its glass panel lit from outside
    door(doc, 400, floor_y, 300, 560, "#7d8f86", glass=True)
    doc.rect(370, floor_y - 600, 360, 30, "#efebe4")
    doc.rect(520, floor_y - 200, 60, 12, "#b9b2a8", rx=4)          # letterbox
    # a new grab rail on the wall beside the door
    doc.rect(744, floor_y - 420, 16, 240, "#f4f2ee", rx=8)
    for yy in (floor_y - 410, floor_y - 200):
        doc.rect(736, yy, 32, 12, "#d9d6d0", rx=4)
    # stairs going up to the right, with a new grab rail beside the old banister
    sx, step_w, step_h = 1040, 90, 52
    for k in range(9):
        x = sx + k * step_w
        y = floor_y - (k + 1) * step_h
        doc.rect(x, y, 1920 - x, step_h, "#c9b49b" if k % 2 == 0 else "#c1ab91")
        doc.rect(x, y, 1920 - x, 8, "#d8c6ae")
    doc.path(Path().M(sx - 30, floor_y - 120).L(1920, floor_y - 120 - 9 * step_h).L(1920, floor_y - 96 - 9 * step_h)
             .L(sx - 30, floor_y - 96).Z(), fill="#a27c58")
    for k in range(10):
        x = sx + k * step_w
        doc.rect(x, floor_y - 108 - k * step_h, 10, 100 + step_h * 0.4, "#efe7da")
    # coat hooks with his cap and her coat, a telephone table and a framed picture
    doc.rect(820, 250, 170, 14, "#a27c58", rx=5)
    doc.path(Path().M(840, 264).Q(830, 420, 870, 470).L(930, 470).Q(950, 380, 900, 264).Z(), fill="#8c6f86")
    doc.ellipse(960, 280, 34, 14, "#4f5a6b")
    doc.rect(150, 520, 170, 16, "#b08a66", rx=4)
    doc.rect(170, 536, 10, 200, "#9c7a58")
    doc.rect(290, 536, 10, 200, "#9c7a58")
    doc.rect(185, 480, 70, 40, "#d8d3cc", rx=8)
    doc.ellipse(220, 478, 34, 10, "#c9c3bb")
    frame_picture(doc, 160, 230, 150, 180, "#d9c3a5", "landscape", seed=6)
    radiator(doc, 800, 600, 200, 90)
    rug(doc, 620, 900, 340, 54, "#b7846f", border="#a87560")


def campbell_kitchen(doc: Doc):
    floor_y = 760
    backdrop(doc, "ckt", "#eadfca", "#c7bba9", floor_y)
    doc.rect(420, 330, 1120, 190, "#dde3d6")
    for k in range(1, 5):
        doc.line(420, 330 + k * 38, 1540, 330 + k * 38, "#cfd6c8", 2)
    window(doc, 880, 150, 300, 250, frame="#f3f1ed", sky=("#d3dce2", "#e6e9e7"), panes=(2, 1), gid="ckt",
           outside=lambda d, x, y, w, h: trees_far(d, x, y, w, h, 9), sill=False)
    net_curtain(doc, 884, 154, 292, 120)
    cup = "#d9c7a6"
    for x, w in ((440, 400), (1220, 310)):
        doc.rect(x, 120, w, 200, cup, rx=6)
        n = 2
        for k in range(n):
            doc.rect(x + 10 + k * (w - 10) / n, 130, (w - 10) / n - 10, 180, tint(cup, 0.1), rx=5)
            doc.rect(x + (k + 1) * (w - 10) / n - 30, 280, 8, 26, "#9a9a96", rx=4)
    doc.rect(420, 540, 1120, 220, cup)
    for k in range(6):
        x = 430 + k * 184
        doc.rect(x, 556, 172, 194, tint(cup, 0.1), rx=5)
        doc.rect(x + 70, 570, 32, 8, "#9a9a96", rx=4)
    doc.rect(410, 516, 1140, 28, "#b9a07d", rx=4)
    doc.rect(920, 508, 220, 12, "#c3c7c9", rx=4)
    doc.stroke(Path().M(1030, 508).L(1030, 455).Q(1030, 440, 1055, 440).L(1065, 440), "#b8bcbf", 10)
    # the cooker, a teapot, a kettle and a tea tin
    doc.rect(1260, 420, 220, 96, "#ecebe7", rx=6)
    for k in range(2):
        doc.ellipse(1310 + k * 120, 430, 40, 8, "#c9c7c2")
    doc.path(Path().M(560, 516).L(640, 516).L(632, 440).Q(600, 425, 568, 440).Z(), fill="#e8e6e2")
    doc.stroke(Path().M(636, 450).Q(670, 460, 640, 505), "#d4d2cd", 10)
    doc.ellipse(740, 492, 46, 26, "#8fa6ba")
    doc.rect(725, 458, 30, 12, "#7d93a8", rx=5)
    doc.stroke(Path().M(786, 488).Q(812, 470, 820, 480), "#8fa6ba", 7)
    doc.rect(840, 460, 50, 56, "#c98a7c", rx=6)
    mug(doc, 1190, 516, "#d7a9a4", 0.9)
    # the back door with the folded camp bed leaning behind it
    door(doc, 1630, floor_y, 210, 520, "#a7b3a0", glass=True, handle_side=-1)
    doc.rect(1560, floor_y - 360, 70, 360, "#6f7f8f", rx=10)
    doc.rect(1570, floor_y - 350, 50, 340, "#8393a3", rx=8)
    for k in range(3):
        doc.line(1566, floor_y - 300 + k * 110, 1624, floor_y - 300 + k * 110, "#5f6d7a", 5)
    # fridge with a few magnets and a calendar of soft blocks
    doc.rect(120, 200, 250, 560, "#ecebe7", rx=14)
    doc.rect(120, 420, 250, 8, "#d9d8d3")
    doc.rect(340, 260, 10, 110, "#cfcdc8", rx=5)
    for x, y, c in ((170, 250, "#d8b878"), (240, 300, "#6fa36a"), (200, 470, "#c98a7c")):
        doc.circle(x, y, 9, c)
    doc.rect(180, 300, 110, 80, "#f4f1ea", rx=3)


def carers_centre(doc: Doc):
    floor_y = 720
    backdrop(doc, "ccr", "#dfe6de", "#b8bfc6", floor_y, skirting="#e9ece6")
    wall_light(doc, "ccr-win", 1500, 320, 520, "#ffffff", 0.28)
    window(doc, 1320, 150, 420, 360, frame="#f3f1ed", sky=("#d5dfe5", "#e8ebe6"), panes=(2, 1), gid="ccr",
           outside=street_opposite)
    blinds(doc, 1320, 150, 420, 360, "#f1ead9", slats=14, drop=0.3)
    plant(doc, 1430, 520, s=0.6, pot="#c99279", tall=False)
    plant(doc, 1640, 520, s=0.5, pot="#8fa6ba", tall=False)
    # noticeboard of coffee mornings and a singing group: coloured cards, no words
    bx, by, bw, bh = 300, 170, 640, 330
    doc.rect(bx, by, bw, bh, "#c4a283", rx=6)
    doc.rect(bx + 14, by + 14, bw - 28, bh - 28, "#dcc6a3")
    cards = [(bx + 40, by + 40, 150, 110, "#f4f1ea", -3), (bx + 220, by + 36, 170, 120, "#d7e3cf", 2),
             (bx + 420, by + 44, 160, 100, "#f1dcd3", -2), (bx + 60, by + 180, 180, 110, "#dfe6ef", 3),
             (bx + 280, by + 186, 140, 100, "#f4f1ea", -4), (bx + 450, by + 170, 150, 120, "#efe3c2", 2)]
    for x, y, w, h, col, a in cards:
        doc.rect(x, y, w, h, col, rx=3, transform=f"rotate({a} {x + w / 2:.1f} {y + h / 2:.1f})")
        doc.circle(x + w / 2, y + 8, 6, "#c98a7c")
    # a music-note shape on the singing group card, drawn as circles and stems
    nx, ny = bx + 520, by + 250
    for k in range(2):
        doc.circle(nx + k * 30, ny, 10, "#8c6f86")
        doc.line(nx + 9 + k * 30, ny, nx + 9 + k * 30, ny - 40, "#8c6f86", 4)
    doc.line(nx + 9, ny - 40, nx + 39, ny - 46, "#8c6f86", 6)
    # the tea trolley with an urn and cups
    doc.rect(1000, 430, 220, 16, "#b9b2a8", rx=6)
    doc.rect(1000, 560, 220, 12, "#b9b2a8", rx=6)
    for x in (1008, 1204):
        doc.rect(x, 430, 8, 300, "#a5a29d")
    doc.rect(1040, 330, 80, 100, "#d8d6d1", rx=12)
    doc.rect(1064, 316, 32, 16, "#c9c7c2", rx=5)
    for k in range(3):
        mug(doc, 1140 + k * 24, 430, ["#e4d9c8", "#d7a9a4", "#8fa6ba"][k], 0.6)
    # two easy chairs and a low table with a box of tissues
    armchair(doc, 260, 770, "#9fb3c4", w=230, h=230)
    armchair(doc, 700, 770, "#c4a8a0", w=230, h=230)
    doc.ellipse(580, 640, 90, 18, "#cdb694")
    doc.rect(572, 650, 16, 110, "#b9a282")
    doc.rect(545, 604, 70, 34, "#f0ece4", rx=6)
    doc.path(Path().M(570, 604).Q(580, 584, 594, 604), fill="#ffffff")
    clock(doc, 1100, 210, 34, rim="#9fb3c4")
    rug(doc, 560, 860, 380, 60, "#c9cfd6", border="#bcc3cb")


def larchfield_lounge(doc: Doc):
    floor_y = 720
    backdrop(doc, "lfl", "#e7e0ee", "#c2bcb3", floor_y, skirting="#efeaf2")
    # a handrail running the length of the wall
    doc.rect(0, 540, 1920, 14, "#cdb694", rx=7)
    for x in range(80, 1920, 320):
        doc.rect(x, 554, 10, 20, "#b9a282")
    wall_light(doc, "lfl-win", 960, 320, 560, "#ffffff", 0.3)
    # wide windows onto a garden
    for k, x in enumerate((560, 1000)):
        window(doc, x, 150, 360, 330, frame="#f3f1ed", sky=("#d6e0e6", "#e9ece8"), panes=(2, 1), gid=f"lfl{k}",
               outside=lambda d, xx, yy, w, h, s=k: trees_far(d, xx, yy, w, h, 11 + s))
    drapes(doc, 560, 150, 800, 330, "#a9b8c9", 70)
    clock(doc, 1540, 230, 44, rim="#9d93a6")
    tv(doc, 1620, 340, 260, 150, "#d8c8b3", floor_y + 10, screen="#7a818b")
    frame_picture(doc, 200, 200, 200, 150, "#f1ede6", "landscape", seed=9)
    # high-backed chairs in a row along the walls, one empty by the window
    for x, col in ((80, "#b7a4c2"), (330, "#a9b8a4"), (1400, "#b7a4c2")):
        doc.rect(x, 440, 190, 200, shade(col, 0.06), rx=24)
        doc.rect(x - 10, 600, 210, 110, col, rx=20)
        doc.rect(x - 20, 560, 40, 150, tint(col, 0.08), rx=16)
        doc.rect(x + 170, 560, 40, 150, tint(col, 0.08), rx=16)
        for lx in (x + 10, x + 170):
            doc.rect(lx, 706, 10, 20, shade(col, 0.3), rx=3)
    # the tea trolley
    doc.rect(1180, 560, 180, 14, "#b9b2a8", rx=6)
    doc.rect(1180, 650, 180, 10, "#b9b2a8", rx=6)
    for x in (1186, 1350):
        doc.rect(x, 560, 8, 170, "#a5a29d")
    for k in range(3):
        mug(doc, 1210 + k * 50, 560, ["#eef1f5", "#e4d9c8", "#d7a9a4"][k], 0.7)
    rug(doc, 960, 860, 500, 70, "#cfc8bd", border="#c2bbb0")


LOCATIONS = {
    "campbell-front-room": (campbell_front_room, "The Campbells' front room"),
    "campbell-hall": (campbell_hall, "The Campbells' hall and front door"),
    "campbell-kitchen": (campbell_kitchen, "The Campbells' kitchen"),
    "carers-centre": (carers_centre, "The carers' centre on the High Street"),
    "larchfield-lounge": (larchfield_lounge, "The lounge at Larchfield House care home"),
}


HEADER = [
    "# The Campbell scenario's own pictures, generated by build_art.py beside this file:",
    "# edit the generator, not this file. Locations are 1920x1080; characters are 600x900",
    "# on the shared scale, feet on the bottom edge. Used before the shared art in assets/art.",
    "format: 1",
]


def build(out_dir: FsPath) -> list[FsPath]:
    """Write every SVG and art.yaml under out_dir with the shared kit's writer; return the files written."""
    return build_set(FsPath(out_dir), header=HEADER, locations=LOCATIONS, cast=CAST, poses=CAST_POSES)


def main(argv: list[str]) -> int:
    out_dir = FsPath(argv[1]) if len(argv) > 1 else HERE
    files = build(out_dir)
    print(f"wrote {len(files)} files to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
