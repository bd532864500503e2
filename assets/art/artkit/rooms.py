"""The location backgrounds (1920 x 1080).

Composition rule for every room: the interesting detail lives in the upper
two thirds; the bottom ~35% is quiet floor, because the game lays its text
panel there and stands characters in the lower middle.  Colours stay light
and close in value so text panels and characters read clearly over them.

Add a location by writing a function ``def my_place(doc): ...`` and listing
it in LOCATIONS with a label.
"""

from __future__ import annotations

from .colour import shade, tint
from .scenery import (Lcg, W, H, armchair, backdrop, blinds, bookcase, clock, cork_board, desk, door,
                      drapes, floor_lamp, frame_picture, kids_drawing, monitor, mug, net_curtain,
                      office_chair, papers, plant, radiator, rug, sofa, tv, wall_light, window)
from .outdoors import car_park_view, car_park, school_gate, school_reception
from .svg import Doc, Path
from .views import city_far, street_opposite, trees_far


# -- 1. The Harris doorstep -------------------------------------------------------

def harris_doorstep(doc: Doc):
    sky = doc.linear("sky", 0, 0, 0, 320, [(0, "#c3ccd4"), (1, "#dfe2e3")])
    doc.rect(0, 0, W, 320, sky)
    for cx, cy, rx, ry in ((300, 70, 260, 50), (900, 40, 340, 60), (1550, 90, 300, 46)):
        doc.ellipse(cx, cy, rx, ry, "#ffffff", opacity=0.25)
    # roof and chimneys
    for cx in (420, 1480):
        doc.rect(cx - 60, 40, 120, 130, "#ad8b7e")
        doc.rect(cx - 68, 36, 136, 16, "#9e8276")
        for k in (-28, 4, 34):
            doc.rect(cx + k - 10, 12, 22, 30, "#b7978a", rx=3)
    doc.rect(0, 130, W, 90, "#8f979f")
    doc.rect(0, 212, W, 14, "#7f878f")
    # facades: the neighbour's painted render, then the Harris brick
    doc.rect(0, 226, 560, 560, "#e2dccf")
    brick = "#bb978a"
    doc.rect(560, 226, W - 560, 560, brick)
    for k in range(15):
        y = 250 + k * 36
        doc.line(560, y, W, y, shade(brick, 0.08), 2, opacity=0.6)
    doc.rect(548, 226, 18, 560, "#7d858c")                  # downpipe on the party wall
    # upstairs windows
    for x, w in ((110, 300), (700, 300), (1180, 340)):
        window(doc, x, 270, w, 150, frame="#f2f0ec", sky=("#cdd5db", "#e3e6e6"), panes=(2, 1), gid=f"up{x}")
        doc.rect(x + 8, 278, w * 0.22, 134, "#c9b9c9", opacity=0.8)
        doc.rect(x + w - 8 - w * 0.22, 278, w * 0.22, 134, "#c9b9c9", opacity=0.8)
    # the neighbour's door and pot
    door(doc, 180, 786, 200, 330, "#a7b6a2", frame="#efebe4", glass=True)
    plant(doc, 440, 790, s=0.9, pot="#b98e7d", tall=False)
    # the Harris front door with a small canopy and a wall light
    door(doc, 780, 786, 220, 340, "#7f96a8", frame="#f2f0ec", glass=True, handle_side=1)
    doc.rect(842, 560, 96, 10, "#c8cdd1", rx=4)            # letterbox
    doc.ellipse(890, 488, 22, 14, "#e8e4dc")                 # number plaque
    doc.rect(740, 420, 300, 20, "#e6e3de", rx=3)
    doc.poly([(740, 440), (760, 440), (760, 470)], "#d6d2cb")
    doc.poly([(1040, 440), (1020, 440), (1020, 470)], "#d6d2cb")
    doc.rect(1030, 486, 24, 40, "#d9d6cf", rx=6)
    doc.rect(1034, 492, 16, 22, "#f3ecd6", rx=4)
    doc.rect(745, 786, 290, 24, "#cfcac3")                   # step
    # downstairs window with nets
    window(doc, 1180, 470, 360, 230, frame="#f2f0ec", sky=("#cfd6dc", "#e3e6e6"), panes=(3, 1), gid="down")
    net_curtain(doc, 1186, 520, 348, 174)
    # front yard: slabs
    doc.rect(0, 786, W, H - 786, doc.linear("yard", 0, 786, 0, H, [(0, "#c5c1ba"), (1, "#d3d0ca")]))
    for k in range(6):
        doc.line(k * 360 + 120, 786, k * 360 + 40, H, "#b9b5ae", 3)
    doc.line(0, 900, W, 900, "#b9b5ae", 3)
    doc.rect(0, 776, W, 12, "#b0aba4")
    # scooter leaning against the wall by the door
    with doc.group(transform="rotate(-14 1110 790)"):
        doc.rect(1060, 770, 120, 14, "#d1938e", rx=7)
        doc.rect(1168, 560, 12, 220, "#c9c9c6", rx=6)
        doc.rect(1130, 552, 88, 14, "#c9c9c6", rx=7)
        doc.rect(1126, 550, 22, 18, "#d1938e", rx=8)
        doc.rect(1200, 550, 22, 18, "#d1938e", rx=8)
        for wx in (1070, 1172):
            doc.circle(wx, 792, 14, "#8c8f96")
            doc.circle(wx, 792, 6, "#c9c9c6")
    # wheelie bins
    for x, col in ((1600, "#8a9b8c"), (1760, "#8596a8")):
        doc.path(Path().M(x, 560).L(x + 150, 560).L(x + 140, 790).L(x + 10, 790).Z(), fill=col)
        doc.rect(x - 8, 540, 166, 28, shade(col, 0.08), rx=6)
        doc.rect(x + 20, 590, 110, 10, shade(col, 0.06), rx=4)
        doc.circle(x + 22, 792, 16, "#6f737b")
        doc.circle(x + 128, 792, 16, "#6f737b")


# -- 2. The Harris living room (lilac walls) ------------------------------------------

def _window_view_nets(doc, x, y, w, h):
    street_opposite(doc, x, y, w, h)


def harris_living_room(doc: Doc):
    lilac = "#cbbdd8"
    floor_y = 720
    backdrop(doc, "lr", lilac, "#cbc1b6", floor_y, skirting="#eee8e1")
    wall_light(doc, "lr-win", 360, 360, 520, "#ffffff", 0.28)
    # window with nets and teal curtains
    window(doc, 180, 170, 380, 380, frame="#f3f1ed", sky=("#d6dde3", "#e8eae8"), panes=(2, 2), gid="lr",
           outside=_window_view_nets)
    net_curtain(doc, 186, 300, 368, 244)
    drapes(doc, 180, 170, 380, 380, "#8fa7a6", 90)
    radiator(doc, 210, 600, 320, 90)
    # family photos over the sofa
    frame_picture(doc, 830, 220, 170, 130, "#f1ede6", "family", seed=1)
    frame_picture(doc, 1030, 200, 130, 170, "#d9c3a5", "family", seed=2)
    frame_picture(doc, 1190, 230, 170, 120, "#f1ede6", "family", seed=4)
    frame_picture(doc, 980, 400, 90, 70, "#d9c3a5", "landscape", seed=3)
    # shelf with a clock and bits
    clock(doc, 1640, 190, 40, rim="#9d93a6")
    # sofa, side table with lamp, armchair
    sofa(doc, 760, 740, 620, "#939fae", cushions=["#d8bd84", "#b2c3ad"])
    doc.rect(640, 560, 100, 14, "#c8ab8c", rx=4)
    doc.rect(652, 574, 10, 160, "#b3967a")
    doc.rect(718, 574, 10, 160, "#b3967a")
    doc.rect(676, 490, 10, 70, "#9d938c")
    doc.path(Path().M(644, 500).L(718, 500).L(706, 444).L(656, 444).Z(), fill="#efe4cf")
    wall_light(doc, "lr-lamp", 681, 470, 140, "#fff4d8", 0.35)
    mug(doc, 710, 560, "#e4d9c8", 0.8)
    armchair(doc, 420, 760, "#bfa780", w=250, h=240)
    # TV on its unit
    tv(doc, 1520, 360, 300, 180, "#d8c8b3", floor_y + 10, screen="#7a818b")
    doc.rect(1560, 610, 60, 14, "#8c8f96", rx=4)                 # remote/console on the unit
    # playpen at the front right
    pen_x, pen_y, pen_w, pen_h = 1420, 560, 430, 190
    doc.rect(pen_x, pen_y, pen_w, pen_h, "#f4f1ec", opacity=0.55)
    for k in range(20):
        xx = pen_x + 12 + k * (pen_w - 24) / 19
        doc.line(xx, pen_y + 10, xx, pen_y + pen_h, "#e7e1d8", 6)
    doc.rect(pen_x - 8, pen_y - 6, pen_w + 16, 22, "#e9e2d6", rx=10)
    doc.rect(pen_x - 8, pen_y + pen_h - 6, pen_w + 16, 18, "#e0d8cb", rx=8)
    doc.circle(pen_x + 120, pen_y + 120, 30, "#d7a9a4")
    doc.rect(pen_x + 230, pen_y + 100, 50, 50, "#d8b878", rx=8)
    # toys on the floor by the sofa
    doc.circle(1380, 716, 32, "#a8bba3")
    doc.circle(1368, 706, 9, "#c9d6c4")
    for k, col in enumerate(("#8fa6ba", "#d7a9a4", "#d8b878")):
        doc.rect(700 + k * 54, 690 - (k == 1) * 44, 44, 44, col, rx=8)
    doc.rect(980, 700, 90, 32, "#c99279", rx=12)
    doc.circle(1000, 734, 11, "#8c8f96")
    doc.circle(1050, 734, 11, "#8c8f96")
    rug(doc, 1020, 860, 420, 70, "#d7cdc3", border="#cbbfb3")


# -- 3. The Harris kitchen -------------------------------------------------------------

def harris_kitchen(doc: Doc):
    floor_y = 760
    backdrop(doc, "kit", "#e6e1d3", "#cbc3b7", floor_y)
    # tiles behind the worktop
    doc.rect(400, 330, 1160, 190, "#d3ddd1")
    for k in range(1, 5):
        doc.line(400, 330 + k * 38, 1560, 330 + k * 38, "#c6d1c4", 2)
    for k in range(1, 24):
        doc.line(400 + k * 50, 330, 400 + k * 50, 520, "#c6d1c4", 2)
    # window over the sink
    window(doc, 930, 150, 290, 250, frame="#f3f1ed", sky=("#d3dce2", "#e6e9e7"), panes=(2, 1), gid="kit",
           outside=lambda d, x, y, w, h: trees_far(d, x, y, w, h, 4), sill=False)
    blinds(doc, 930, 150, 290, 250, "#efe8da", slats=10, drop=0.35)
    # wall cupboards
    cup = "#b2bfae"
    for x, w in ((420, 480), (1240, 310)):
        doc.rect(x, 120, w, 200, cup, rx=6)
        n = 2 if w < 400 else 3
        for k in range(n):
            doc.rect(x + 10 + k * (w - 10) / n, 130, (w - 10) / n - 10, 180, tint(cup, 0.08), rx=5)
            doc.rect(x + (k + 1) * (w - 10) / n - 30, 280, 8, 26, "#9a9a96", rx=4)
    # base units and worktop
    doc.rect(400, 540, 1160, 220, cup)
    for k in range(6):
        x = 410 + k * 192
        doc.rect(x, 556, 180, 194, tint(cup, 0.08), rx=5)
        doc.rect(x + 74, 570, 32, 8, "#9a9a96", rx=4)
    doc.rect(1176, 556, 180, 194, "#e7e6e1", rx=5)             # washing machine
    doc.circle(1266, 665, 62, "#cfd6da", stroke="#bfc2c3", stroke_width=10)
    doc.rect(390, 516, 1180, 28, "#d1b793", rx=4)
    # sink and tap
    doc.rect(960, 508, 230, 12, "#c3c7c9", rx=4)
    doc.stroke(Path().M(1075, 508).L(1075, 455).Q(1075, 440, 1100, 440).L(1110, 440), "#b8bcbf", 10)
    # kettle, toaster, mugs, microwave, bread bin
    doc.path(Path().M(560, 516).L(640, 516).L(632, 430).Q(600, 415, 568, 430).Z(), fill="#e8e6e2")
    doc.stroke(Path().M(636, 440).Q(670, 450, 640, 500), "#d4d2cd", 10)
    doc.rect(586, 416, 28, 10, "#c9c7c2", rx=4)
    doc.rect(690, 460, 120, 56, "#cfc4b5", rx=14)
    doc.rect(712, 452, 30, 10, "#bdb3a6", rx=3)
    doc.rect(752, 452, 30, 10, "#bdb3a6", rx=3)
    mug(doc, 860, 516, "#d7a9a4", 0.9)
    mug(doc, 900, 516, "#8fa6ba", 0.9)
    doc.rect(1250, 400, 230, 116, "#e4e3df", rx=8)
    doc.rect(1264, 414, 150, 88, "#c8cfd3", rx=4)
    doc.rect(1430, 420, 30, 70, "#d8d6d1", rx=4)
    # fridge with drawings
    doc.rect(120, 180, 260, 580, "#ecebe7", rx=14)
    doc.rect(120, 420, 260, 8, "#d9d8d3")
    doc.rect(350, 250, 10, 120, "#cfcdc8", rx=5)
    doc.rect(350, 470, 10, 160, "#cfcdc8", rx=5)
    kids_drawing(doc, 150, 200, 120, 150, 0, -4)
    kids_drawing(doc, 250, 268, 90, 120, 1, 5)
    kids_drawing(doc, 160, 455, 110, 90, 2, 3)
    kids_drawing(doc, 260, 500, 86, 110, 3, -6)
    for x, y, c in ((208, 204, "#d46f5f"), (294, 272, "#5f8fbf"), (214, 458, "#e3b448"), (302, 504, "#6fa36a")):
        doc.circle(x, y, 7, c)
    # calendar and clock
    doc.rect(1640, 170, 170, 220, "#f4f1ea", rx=4)
    doc.rect(1640, 170, 170, 80, "#c3d1c6", rx=4)
    for r in range(4):
        for c in range(5):
            doc.rect(1652 + c * 31, 262 + r * 30, 24, 22, "#e4ded2", rx=2)
    doc.circle(1690, 292, 12, "none", stroke="#d46f5f", stroke_width=3)
    # the high chair
    hc = "#e9e3d8"
    for dx0, dx1 in ((-90, -60), (90, 60)):
        doc.line(1700 + dx0, 800, 1700 + dx1, 540, hc, 14)
    doc.line(1630, 720, 1770, 720, hc, 10)
    doc.rect(1630, 470, 140, 90, "#b7c7b3", rx=22)
    doc.rect(1640, 380, 120, 120, "#b7c7b3", rx=30)
    doc.rect(1600, 500, 200, 24, hc, rx=12)
    doc.rect(1620, 494, 160, 12, tint(hc, 0.3), rx=6)
    doc.circle(1650, 488, 10, "#d8b878")


# -- 4. School pastoral room ---------------------------------------------------------

def school_room(doc: Doc):
    floor_y = 720
    backdrop(doc, "sch", "#ece3cc", "#b3bdc6", floor_y, skirting="#d9cfb9")
    # display board with children's work and a paper rainbow
    bx, by, bw, bh = 560, 140, 820, 360
    doc.rect(bx, by, bw, bh, "#e6d6b8", rx=6)
    doc.rect(bx + 14, by + 14, bw - 28, bh - 28, "#c4d5df")
    bunting = ["#d8b878", "#d7a9a4", "#a8bba3", "#8fa6ba", "#b59bbd"]
    for k in range(16):
        x = bx + 30 + k * 49
        doc.poly([(x, by + 18), (x + 40, by + 18), (x + 20, by + 52)], bunting[k % 5])
    for k, col in enumerate(("#e3a6a0", "#e8c48c", "#e6dc9e", "#b5d0a8", "#a9c3dc")):
        r = 150 - k * 20
        doc.path(Path().M(bx + 620 - r, by + 300).A(r, r, 0, 0, 1, bx + 620 + r, by + 300), stroke=col,
                 stroke_width=20, fill="none")
    positions = [(bx + 40, by + 80, 120, 150, -3), (bx + 185, by + 76, 130, 100, 2), (bx + 190, by + 195, 110, 130, -2),
                 (bx + 330, by + 84, 120, 150, 3), (bx + 330, by + 250, 100, 80, -4), (bx + 60, by + 250, 110, 80, 4)]
    for k, (x, y, w, h, a) in enumerate(positions):
        kids_drawing(doc, x, y, w, h, k + 4, a)
    # feelings chart: four soft faces
    for k, (col, mouth) in enumerate((("#e6c97f", 1), ("#a9c3dc", -1), ("#b5d0a8", 0), ("#e3a6a0", -1))):
        cx, cy = 470, 190 + k * 78
        doc.circle(cx, cy, 30, col)
        doc.circle(cx - 10, cy - 6, 3.5, "#5b5f68")
        doc.circle(cx + 10, cy - 6, 3.5, "#5b5f68")
        doc.path(Path().M(cx - 12, cy + 10).Q(cx, cy + 10 + mouth * 8, cx + 12, cy + 10), stroke="#5b5f68",
                 stroke_width=3, fill="none", stroke_linecap="round")
    # window with blinds
    window(doc, 1500, 160, 300, 360, frame="#f3f1ed", sky=("#d5dfe5", "#e8ebe6"), panes=(2, 1), gid="sch",
           outside=lambda d, x, y, w, h: trees_far(d, x, y, w, h, 7))
    blinds(doc, 1500, 160, 300, 360, "#f1ead9", slats=14, drop=0.42)
    plant(doc, 1650, 520, s=0.6, pot="#c99279", tall=False)
    # bookcase and beanbag
    bookcase(doc, 120, floor_y, 280, 420, "#d6c2a4", seed=4, shelves=4, toys=True)
    doc.path(Path().M(170, 800).C(120, 700, 200, 560, 330, 580).C(470, 560, 560, 660, 530, 790)
             .Q(350, 830, 170, 800).Z(), fill="#8fb0ad")
    doc.path(Path().M(230, 640).Q(330, 610, 440, 650), stroke="#a5c2bf", stroke_width=8, fill="none",
             stroke_linecap="round")
    # low table, two small chairs, box of pens and tissues
    for cx, col in ((860, "#a9bfd4"), (1200, "#d8b878")):
        doc.rect(cx - 60, 470, 120, 110, col, rx=18)
        doc.rect(cx - 70, 570, 140, 26, shade(col, 0.06), rx=12)
        for dx in (-56, 52):
            doc.rect(cx + dx, 596, 8, 150, "#a5a29d", rx=4)
    doc.ellipse(1030, 600, 250, 34, "#dcc7a6")
    doc.rect(800, 600, 460, 22, "#cdb694", rx=10)
    for dx in (-170, 160):
        doc.rect(1030 + dx, 618, 14, 140, "#b9a282", rx=6)
    doc.rect(940, 540, 100, 56, "#8fa6ba", rx=6)
    for k, col in enumerate(("#d46f5f", "#e3b448", "#6fa36a", "#5f8fbf", "#b07fb0", "#e08f5a")):
        doc.line(952 + k * 15, 544, 948 + k * 16, 500 + (k % 3) * 8, col, 7)
    doc.rect(1080, 556, 90, 40, "#f0ece4", rx=6)
    doc.path(Path().M(1110, 556).Q(1122, 530, 1140, 556), fill="#ffffff")
    rug(doc, 1030, 800, 360, 60, "#c9cfd6", border="#bcc3cb")


# -- 5. Council conference room -------------------------------------------------------

def conference_room(doc: Doc):
    floor_y = 700
    backdrop(doc, "conf", "#d5dbe0", "#aab1b8", floor_y, skirting="#c3c9ce")
    window(doc, 170, 110, 960, 380, frame="#eef0f1", sky=("#d3dde5", "#e7ebec"), panes=(4, 1), gid="conf",
           outside=city_far, sill=False)
    blinds(doc, 170, 110, 960, 380, "#eceae4", slats=18, drop=0.55)
    clock(doc, 1340, 170, 42, rim="#a3a9ae")
    frame_picture(doc, 1230, 260, 230, 150, "#e9e6e0", "abstract", seed=3)
    # flipchart with a simple genogram in marker
    doc.line(1640, 700, 1700, 220, "#9b9ea3", 10)
    doc.line(1860, 700, 1800, 220, "#9b9ea3", 10)
    doc.line(1750, 700, 1750, 300, "#8c8f94", 8)
    doc.rect(1650, 200, 200, 26, "#8c8f94", rx=6)
    doc.rect(1660, 222, 180, 250, "#f8f6f1")
    ink = "#5f86ad"
    doc.rect(1700, 262, 30, 30, "none", stroke=ink, stroke_width=4)
    doc.circle(1790, 277, 16, "none", stroke=ink, stroke_width=4)
    doc.line(1715, 292, 1715, 316, ink, 4)
    doc.line(1790, 293, 1790, 316, ink, 4)
    doc.line(1715, 316, 1790, 316, ink, 4)
    for x in (1712, 1752, 1792):
        doc.line(x + 6, 316, x + 6, 350, ink, 4)
    doc.circle(1718, 364, 12, "none", stroke="#c2665c", stroke_width=4)
    doc.rect(1746, 352, 24, 24, "none", stroke=ink, stroke_width=4)
    doc.circle(1798, 364, 12, "none", stroke=ink, stroke_width=4)
    for k in range(3):
        doc.rect(1690, 400 + k * 20, 120 - k * 30, 6, "#a8c0a0", rx=3)
    # no chairs drawn behind the table: everyone in a meeting here is drawn on their own chair
    # long table (slight perspective) with water, glasses, papers, tissues
    doc.poly([(260, 560), (1600, 560), (1680, 628), (180, 628)], "#d6c6ad")
    doc.rect(180, 628, 1500, 26, "#c2b093")
    doc.rect(240, 654, 1380, 70, "#b9a88c")
    jug_x = 920
    doc.path(Path().M(jug_x - 34, 592).L(jug_x + 34, 592).L(jug_x + 40, 500).L(jug_x - 26, 500).L(jug_x - 40, 486)
             .L(jug_x - 34, 500).Z(), fill="#dce9f0", opacity=0.85)
    doc.rect(jug_x - 32, 530, 64, 60, "#b9d3e2", opacity=0.7)
    doc.stroke(Path().M(jug_x + 38, 512).Q(jug_x + 70, 520, jug_x + 36, 570), "#d3e2ea", 8)
    for gx in (1000, 1050, 830):
        doc.path(Path().M(gx - 16, 598).L(gx + 16, 598).L(gx + 18, 548).L(gx - 18, 548).Z(), fill="#e3eef3", opacity=0.85)
        doc.rect(gx - 15, 570, 30, 26, "#c5dbe6", opacity=0.7)
    papers(doc, 420, 600, 3)
    papers(doc, 1240, 604, 2, folder="#a9bdd1")
    doc.rect(1450, 570, 90, 36, "#f0ece4", rx=6)
    doc.path(Path().M(1482, 570).Q(1494, 546, 1510, 570), fill="#ffffff")
    plant(doc, 110, 700, s=1.1, pot="#aab1b8")


# -- 6. Open-plan children's services office ----------------------------------------

def office(doc: Doc):
    floor_y = 700
    backdrop(doc, "off", "#e4e2dd", "#aeb3b8", floor_y, skirting="#cfcdc8")
    doc.rect(0, 0, W, 46, "#eeedea")
    for k in range(5):
        doc.rect(140 + k * 380, 14, 240, 18, "#f8f7f3", rx=6)
    # long windows
    window(doc, 760, 120, 1100, 330, frame="#e9eaeb", sky=("#d2dce4", "#e6eaea"), panes=(5, 1), gid="off",
           outside=city_far, sill=False)
    # whiteboard with a duty rota grid (coloured cells, no writing)
    doc.rect(110, 150, 480, 320, "#f6f6f3", rx=8, stroke="#c9ccd0", stroke_width=8)
    cols = ["#a9c3dc", "#b5d0a8", "#e8c48c", "#e3a6a0", "#c9b6d6"]
    rnd = Lcg(21)
    for r in range(6):
        doc.rect(140, 190 + r * 42, 70, 28, "#d8dadd", rx=4)
        for c in range(5):
            if rnd.next() < 0.78:
                doc.rect(230 + c * 68, 190 + r * 42, 58, 28, rnd.pick(cols), rx=5)
    doc.rect(140, 166, 420, 8, "#d8dadd", rx=4)
    doc.rect(300, 470, 200, 10, "#c9ccd0", rx=4)
    cork_board(doc, 140, 510, 300, 150, seed=8)
    # back row of desks with screens
    for k, x in enumerate((700, 1120, 1540)):
        desk(doc, x, 540, 360, h=160)
        monitor(doc, x + 120, 540, seed=k + 1)
        monitor(doc, x + 260, 540, w=150, seed=k + 7)
        papers(doc, x + 18, 540, 3 + k % 2, folder=("#c9b08c", "#a9bdd1", "#b5c7a8")[k])
        office_chair(doc, x + 180, 760, "#7f92a6", s=0.95)
    mug(doc, 1020, 540, "#d7a9a4", 0.8)
    mug(doc, 1880, 540, "#d8b878", 0.8)
    # tall plant between the whiteboard and the desks
    plant(doc, 645, 700, s=1.2, pot="#b5a99a")


# -- 7. Inside the car, from the driver's seat ---------------------------------------

def car(doc: Doc):
    _rainy_street(doc)
    _car_interior(doc)


def car_parked(doc: Doc):
    """The same car, parked: the windscreen looks out on a car park, the engine off."""
    car_park_view(doc)
    _car_interior(doc)


def _rainy_street(doc: Doc):
    """The view through the windscreen: a wet residential street."""
    doc.rect(0, 560, W, H - 560, "#6c7078")
    doc.rect(0, 0, W, 620, doc.linear("car-sky", 0, 0, 0, 620, [(0, "#bcc6cf"), (1, "#d7dcdf")]))
    street_opposite(doc, 120, 180, 1700, 400)
    doc.rect(0, 520, W, 100, "#b6b9b9")
    doc.rect(0, 0, W, 620, "#c9d3dc", opacity=0.35)          # rain haze
    rnd = Lcg(99)
    for _ in range(90):
        x, y = rnd.range(120, 1800), rnd.range(60, 560)
        r = rnd.range(3, 8)
        doc.ellipse(x, y, r * 0.8, r, "#eef3f6", opacity=0.55)
        if rnd.next() < 0.4:
            doc.line(x, y + r, x - 2, y + r + rnd.range(12, 30), "#eef3f6", 2, opacity=0.4)


def _car_interior(doc: Doc):
    # wiper at rest
    doc.line(980, 610, 1640, 560, "#5d6168", 8)
    # roof lining, pillars and mirror
    doc.path(Path().M(0, 0).L(W, 0).L(W, 60).Q(W / 2, 110, 0, 60).Z(), fill="#8d9096")
    doc.poly([(0, 40), (160, 60), (70, 640), (0, 660)], "#83878e")
    doc.poly([(W, 40), (W - 160, 60), (W - 70, 640), (W, 660)], "#83878e")
    doc.rect(880, 70, 260, 70, "#6f737a", rx=24)
    doc.rect(892, 80, 236, 50, "#b9c2c9", rx=18)
    doc.rect(1000, 40, 20, 36, "#6f737a")
    # dashboard
    doc.path(Path().M(0, 640).Q(W / 2, 560, W, 640).L(W, 820).L(0, 820).Z(), fill="#7b7f87")
    doc.path(Path().M(0, 700).Q(W / 2, 630, W, 700).L(W, H).L(0, H).Z(), fill="#6c7078")
    doc.rect(1120, 640, 260, 70, "#5f636b", rx=30)           # instrument binnacle
    doc.circle(1190, 676, 26, "#8fa0ac")
    doc.circle(1310, 676, 26, "#8fa0ac")
    # centre console with vents and the phone in its holder
    doc.rect(700, 640, 260, 150, "#6f737b", rx=16)
    for k in range(2):
        doc.rect(720 + k * 120, 660, 100, 40, "#5f636b", rx=10)
        for s in range(4):
            doc.line(728 + k * 120, 670 + s * 8, 812 + k * 120, 670 + s * 8, "#767a82", 3)
    doc.rect(808, 560, 14, 90, "#54585f", rx=6)
    doc.rect(760, 470, 110, 190, "#4f535a", rx=16)
    doc.rect(768, 480, 94, 170, "#9fb6c6", rx=10)
    doc.rect(780, 500, 70, 40, "#c3d3dd", rx=6)
    for k in range(3):
        doc.rect(780, 556 + k * 24, 70 - k * 14, 12, "#b6c8d3", rx=5)
    # steering wheel
    doc.circle(1250, 840, 300, "none", stroke="#5b5f66", stroke_width=46)
    doc.path(Path().M(980, 860).Q(1250, 780, 1520, 860).L(1470, 920).Q(1250, 870, 1030, 920).Z(), fill="#5f636a")
    doc.circle(1250, 900, 90, "#62666d")
    doc.circle(1250, 900, 40, "#71757c")
    # passenger seat with a case folder on it
    doc.path(Path().M(0, 470).Q(150, 430, 390, 470).L(420, 780).L(0, 800).Z(), fill="#8b8f97")
    doc.path(Path().M(20, 510).Q(160, 480, 360, 510).L(380, 760).L(10, 770).Z(), fill="#959aa2")
    with doc.group(transform="rotate(-8 220 620)"):
        doc.rect(80, 590, 290, 70, "#a9bdd1", rx=6)
        doc.rect(88, 578, 274, 20, "#f3efe7", rx=3)
        doc.rect(90, 574, 268, 10, "#e9e4da", rx=3)
        doc.rect(270, 586, 56, 26, "#d8b878", rx=3)


# -- 8. Family centre meeting room ----------------------------------------------------

def family_centre(doc: Doc):
    floor_y = 700
    backdrop(doc, "fam", "#dbe2d2", "#cdb89c", floor_y, skirting="#ece6da")
    doc.rect(0, 430, W, 14, "#c9d3bf")                     # dado rail
    doc.rect(0, 444, W, floor_y - 444, "#d1dac7")
    window(doc, 150, 140, 340, 260, frame="#f3f1ed", sky=("#d5dfe5", "#e8ebe6"), panes=(2, 1), gid="fam",
           outside=lambda d, x, y, w, h: trees_far(d, x, y, w, h, 3), sill=True)
    drapes(doc, 150, 140, 340, 260, "#e0c9a8", 70)
    # paper chain across the top
    for k in range(40):
        x = k * 48
        y = 60 + 26 * (1 - ((k % 20) - 10) ** 2 / 100)
        doc.ellipse(x, y, 22, 12, ["#e3a6a0", "#e8c48c", "#b5d0a8", "#a9c3dc", "#c9b6d6"][k % 5], opacity=0.9)
    # posters with simple images
    frame_picture(doc, 640, 150, 200, 260, "#f4f1ea", "landscape", seed=2)
    doc.rect(900, 160, 200, 240, "#f4f1ea")
    for k, col in enumerate(("#e3a6a0", "#e8c48c", "#b5d0a8", "#a9c3dc")):
        doc.ellipse(950 + (k % 2) * 100, 230 + (k // 2) * 90, 42, 34, col)
    frame_picture(doc, 1160, 170, 180, 220, "#f4f1ea", "abstract", seed=5)
    cork_board(doc, 1420, 160, 330, 220, seed=12)
    # tea things on a side table
    doc.rect(1450, 480, 360, 20, "#c8ab8c", rx=6)
    doc.rect(1470, 500, 14, 200, "#b3967a")
    doc.rect(1776, 500, 14, 200, "#b3967a")
    doc.rect(1480, 380, 90, 100, "#c7ccd0", rx=14)             # urn
    doc.rect(1510, 370, 30, 14, "#aeb3b8", rx=5)
    doc.rect(1520, 440, 30, 10, "#9ea3a8", rx=4)
    doc.path(Path().M(1600, 480).L(1680, 480).Q(1690, 420, 1640, 414).Q(1590, 420, 1600, 480).Z(), fill="#e7dfd3")
    doc.stroke(Path().M(1684, 446).Q(1712, 440, 1700, 470), "#e7dfd3", 8)
    for k, col in enumerate(("#d7a9a4", "#8fa6ba", "#a8bba3")):
        mug(doc, 1720 + k * 30, 480, col, 0.7)
    # soft chairs in a circle round a low table
    armchair(doc, 560, 720, "#9fb3b0", w=230, h=220)
    armchair(doc, 1100, 720, "#d1b48a", w=230, h=220)
    armchair(doc, 250, 790, "#c9a3a0", w=240, h=230)
    armchair(doc, 1380, 790, "#a9b7c9", w=240, h=230)
    doc.ellipse(930, 720, 170, 26, "#c2a985")
    doc.rect(790, 700, 280, 20, "#b99f7b", rx=10)
    doc.rect(880, 672, 100, 30, "#f0ece4", rx=6)
    doc.path(Path().M(912, 672).Q(926, 648, 944, 672), fill="#ffffff")
    # the toy box
    doc.rect(60, 620, 200, 120, "#d6bb8f", rx=10)
    doc.rect(52, 606, 216, 24, "#caa97a", rx=8)
    doc.circle(110, 602, 28, "#d7a9a4")
    doc.rect(150, 570, 40, 40, "#8fa6ba", rx=6)
    doc.ellipse(220, 596, 22, 30, "#e0d2bf")
    doc.circle(208, 568, 10, "#e0d2bf")
    doc.circle(232, 568, 10, "#e0d2bf")
    rug(doc, 930, 820, 520, 80, "#e5dccc", border="#d9ccb8")


# -- 9. A quiet cafe table by the window ---------------------------------------------

def cafe(doc: Doc):
    floor_y = 700
    backdrop(doc, "cafe", "#e4d4bf", "#bfa385", floor_y)
    # big window on the street
    window(doc, 90, 90, 1140, 520, frame="#8a9b90", sky=("#d4dce2", "#e7e9e6"), panes=(3, 1), gid="cafe",
           outside=street_opposite, sill=False)
    doc.rect(60, 612, 1200, 30, "#b8a184", rx=4)               # window bar / ledge
    doc.rect(90, 90, 1140, 120, "#7f9488", opacity=0.18)
    # pendant lights over the counter
    for x in (1420, 1600, 1780):
        doc.line(x, 0, x, 150, "#8b857f", 3)
        doc.path(Path().M(x - 46, 200).L(x + 46, 200).L(x + 22, 150).L(x - 22, 150).Z(), fill="#d8b878")
        wall_light(doc, f"pend{x}", x, 230, 140, "#fff1cc", 0.35)
    # shelves with cups and a menu board of shapes
    doc.rect(1330, 260, 520, 16, "#a8876b", rx=4)
    for k in range(8):
        mug(doc, 1370 + k * 62, 260, ("#f0ebe3", "#d7a9a4", "#a8bba3", "#8fa6ba")[k % 4], 0.9)
    doc.rect(1400, 320, 380, 180, "#6f7a73", rx=8)
    for k in range(4):
        doc.rect(1430, 350 + k * 36, 200 - (k % 2) * 60, 10, "#c8d1cb", rx=5)
        doc.circle(1730, 355 + k * 36, 8, "#d8b878")
    # counter with coffee machine
    doc.rect(1300, 520, 620, 40, "#cdb594", rx=6)
    doc.rect(1320, 560, 600, 200, "#a98f74")
    for k in range(4):
        doc.rect(1340 + k * 148, 580, 132, 160, shade("#a98f74", 0.06), rx=6)
    doc.rect(1560, 430, 170, 90, "#c4c7ca", rx=10)
    doc.rect(1580, 450, 130, 20, "#a6aaae", rx=6)
    doc.rect(1600, 470, 16, 30, "#8c9095")
    doc.rect(1680, 470, 16, 30, "#8c9095")
    plant(doc, 1260, 700, s=0.9, pot="#c99279")
    # the table and chairs by the window
    for cx in (440, 980):
        doc.rect(cx - 50, 480, 100, 150, "#9b7e66", rx=22)
        doc.rect(cx - 56, 600, 112, 20, "#8f735c", rx=8)
        doc.line(cx - 44, 620, cx - 54, 760, "#8f735c", 10)
        doc.line(cx + 44, 620, cx + 54, 760, "#8f735c", 10)
    doc.ellipse(710, 590, 220, 32, "#e9e2d6")
    doc.rect(700, 600, 20, 150, "#8b857f")
    doc.ellipse(710, 752, 90, 12, "#8b857f")
    doc.ellipse(630, 586, 44, 10, "#f4f1ec")
    mug(doc, 630, 586, "#f0ebe3", 1.0)
    doc.ellipse(800, 588, 44, 10, "#f4f1ec")
    mug(doc, 800, 588, "#d7a9a4", 1.0)
    doc.rect(702, 520, 16, 56, "#dde9ee", opacity=0.85)
    doc.line(710, 520, 716, 488, "#8fae8a", 3)
    doc.circle(716, 484, 10, "#e3a6a0")


# -- 10. Children's home lounge -------------------------------------------------------

def children_home_lounge(doc: Doc):
    floor_y = 700
    backdrop(doc, "chl", "#d5ddd8", "#c6ad90", floor_y, skirting="#ede8e0")
    window(doc, 110, 150, 320, 330, frame="#f3f1ed", sky=("#d5dfe5", "#e8ebe6"), panes=(2, 1), gid="chl",
           outside=lambda d, x, y, w, h: trees_far(d, x, y, w, h, 9))
    drapes(doc, 110, 150, 320, 330, "#b8a6c4", 70)
    # noticeboard and a shelf of board games
    cork_board(doc, 1160, 150, 340, 230, seed=31)
    doc.rect(1620, 250, 250, 14, "#b99f7b", rx=4)
    for k, (w, col) in enumerate(((60, "#c99279"), (40, "#8fa6ba"), (70, "#d8b878"), (50, "#a8bba3"))):
        doc.rect(1640 + sum((60, 40, 70, 50)[:k]) + k * 8, 250 - 100 + (k % 2) * 16, w, 100 - (k % 2) * 16, col, rx=3)
    frame_picture(doc, 640, 110, 200, 140, "#f1ede6", "landscape", seed=8)
    # sofa under the window, a lamp, the TV with games console and controllers
    sofa(doc, 70, 730, 520, "#8d9cb1", cushions=["#e3a6a0", "#d8b878"])
    floor_lamp(doc, 630, 700, gid="chl-lamp")
    tv(doc, 720, 300, 280, 170, "#d3c2a9", 700, screen="#7a818b")
    doc.rect(770, 508, 80, 22, "#eceae6", rx=6)
    doc.circle(838, 519, 3, "#8fc3d6")
    for x in (900, 950):
        doc.ellipse(x, 522, 20, 10, "#7d8088")
    # pool table against the back wall
    px, py, pw = 1070, 520, 520
    doc.poly([(px + 30, py), (px + pw - 30, py), (px + pw, py + 66), (px, py + 66)], "#7fa48c")
    doc.poly([(px + 44, py + 8), (px + pw - 44, py + 8), (px + pw - 20, py + 58), (px + 20, py + 58)], "#8bb097")
    doc.rect(px - 10, py + 66, pw + 20, 30, "#a8876b", rx=6)
    for lx in (px + 20, px + pw - 50):
        doc.rect(lx, py + 96, 30, 104, "#977a60", rx=6)
    doc.rect(px + 60, py + 96, pw - 120, 24, "#977a60", rx=4)
    for k, col in enumerate(("#f3efe8", "#d46f5f", "#e3b448", "#5f8fbf", "#6fa36a")):
        doc.circle(px + 170 + k * 38 + (k % 2) * 10, py + 28 + (k % 3) * 8, 10, col)
    doc.line(px + 80, py + 48, px + 400, py + 20, "#c4a283", 6)
    # plants and a beanbag
    plant(doc, 1660, 700, s=1.1, pot="#b5a99a")
    doc.path(Path().M(1700, 740).C(1660, 670, 1720, 580, 1800, 590).C(1880, 580, 1930, 660, 1910, 740)
             .Q(1800, 770, 1700, 740).Z(), fill="#c49a8c")
    rug(doc, 900, 830, 460, 70, "#dccfc0", border="#cfc0ae")


# -- 11. The Harris hall: front door, stairs, the radiator shelf ------------------------

def harris_hall(doc: Doc):
    floor_y = 720
    backdrop(doc, "hall", "#d9d0e0", "#b9ab9c", floor_y, skirting="#efe8ef")
    # the staircase rising to the right, with a banister and a hi-vis jacket on the newel post
    steps = 9
    for k in range(steps):
        x = 1180 + k * 70
        y = floor_y - (k + 1) * 58
        doc.rect(x, y, 1920 - x, 58, shade("#cbbba8", 0.02 * (k % 2)))
        doc.rect(x, y, 1920 - x, 10, "#ded1c1")
    doc.poly([(1180, floor_y), (1180 + steps * 70, floor_y - steps * 58), (1920, floor_y - steps * 58), (1920, floor_y)], "#c8b8a4", opacity=0.35)
    doc.line(1150, floor_y - 300, 1150 + steps * 70, floor_y - 300 - steps * 58, "#9b7e66", 14)
    for k in range(0, steps, 1):
        x = 1180 + k * 70 + 20
        doc.line(x, floor_y - (k + 1) * 58, x, floor_y - 300 - (k + 0.6) * 58, "#efe8ef", 8)
    doc.rect(1130, floor_y - 330, 40, 330, "#9b7e66", rx=6)
    doc.path(Path().M(1122, floor_y - 320).L(1178, floor_y - 320).L(1190, floor_y - 170).L(1110, floor_y - 170).Z(), fill="#e4d36a")
    doc.rect(1112, floor_y - 260, 76, 14, "#c9cfd6")
    # the front door, inside view, with its letterbox and a coat hook
    door(doc, 260, floor_y, 250, 520, "#6f8aa3", frame="#efe8ef", glass=True, handle_side=1)
    doc.rect(335, floor_y - 250, 100, 14, "#c9c1b4", rx=4)
    for k, colour in enumerate(("#8a9a7c", "#b58b86")):
        doc.path(Path().M(590 + k * 60, 230).Q(600 + k * 60, 330, 580 + k * 60, 420).L(640 + k * 60, 420).Q(620 + k * 60, 330, 610 + k * 60, 230).Z(), fill=colour)
        doc.circle(600 + k * 60, 226, 8, "#9b9088")
    # radiator with its shelf (where keys are left), a small mirror above
    radiator(doc, 700, 470, 300, 150)
    doc.rect(690, 456, 320, 16, "#efe8ef", rx=4)
    doc.rect(770, 250, 160, 180, "#efe8ef", rx=8)
    doc.rect(784, 264, 132, 152, "#dfe7ee", rx=6)
    doc.rect(950, 440, 26, 16, "#b9bfc6", rx=3)
    # a door to the living room, ajar, and a child's drawing on the wall
    door(doc, 1000, floor_y, 150, 470, "#efe8ef", frame="#e3d9e2", glass=False, handle_side=-1)
    kids_drawing(doc, 1040, 120, 110, 90, seed=4, angle=-3)
    rug(doc, 700, floor_y + 120, 420, 50, "#b8a6c2", border="#cdbfd6")
    wall_light(doc, "hall", 760, 120, 260)


# -- 12. The council corridor outside the meeting room ------------------------------------

def council_corridor(doc: Doc):
    floor_y = 700
    backdrop(doc, "corr", "#dde1e4", "#a9b0b6", floor_y, skirting="#c6ccd1")
    doc.rect(0, 0, W, 40, "#eef0f1")
    for k in range(4):
        doc.rect(160 + k * 460, 12, 260, 16, "#f8f8f5", rx=6)
    # the meeting room's glass wall and door: people are seen as soft shapes through it
    doc.rect(980, 150, 820, 420, "#e8eef2", stroke="#c2c9cf", stroke_width=10)
    doc.rect(990, 160, 800, 400, "#d4e0e8", opacity=0.7)
    for k in range(5):
        x = 1060 + k * 150
        doc.circle(x, 360, 30, "#b9c4cd", opacity=0.7)
        doc.path(Path().M(x - 52, 470).Q(x, 380, x + 52, 470).Z(), fill="#b9c4cd", opacity=0.7)
    doc.rect(990, 470, 800, 60, "#c7b89f", opacity=0.6)
    door(doc, 1600, floor_y, 200, 500, "#b99f7e", frame="#c2c9cf", glass=True, handle_side=-1)
    doc.rect(1640, 240, 120, 70, "#f8f7f3", rx=4)
    # a water cooler, a noticeboard and a row of blue chairs
    doc.rect(830, 400, 90, 300, "#e8eaec", rx=10)
    doc.rect(840, 300, 70, 110, "#b9d3e2", rx=24, opacity=0.85)
    doc.rect(850, 470, 50, 20, "#c9ccd0", rx=4)
    cork_board(doc, 150, 170, 380, 230, seed=11)
    for k in range(6):
        x = 140 + k * 110
        doc.rect(x, 560, 96, 70, "#6f8fb3", rx=12)
        doc.rect(x + 4, 470, 88, 96, "#7f9fc0", rx=14)
        doc.rect(x + 10, 630, 8, 70, "#8d949b")
        doc.rect(x + 78, 630, 8, 70, "#8d949b")
    doc.rect(130, 630, 670, 12, "#8d949b", rx=4)
    plant(doc, 60, 700, s=1.0, pot="#aab1b8")


LOCATIONS = {
    "harris-doorstep": (harris_doorstep, "The Harris family's front door"),
    "harris-living-room": (harris_living_room, "The Harris living room"),
    "harris-kitchen": (harris_kitchen, "The Harris kitchen"),
    "school-room": (school_room, "The pastoral room at Chloe's school"),
    "conference-room": (conference_room, "Council meeting room"),
    "office": (office, "Social work team office"),
    "car": (car, "In the car"),
    "family-centre": (family_centre, "Family centre meeting room"),
    "cafe": (cafe, "A quiet cafe"),
    "children-home-lounge": (children_home_lounge, "Children's home lounge"),
    "harris-hall": (harris_hall, "The Harris family's hall and stairs"),
    "council-corridor": (council_corridor, "The corridor outside the council meeting room"),
    "school-reception": (school_reception, "The reception hatch and corridor at Chloe's school"),
    "school-gate": (school_gate, "The school gate and playground"),
    "car-park": (car_park, "The family centre car park"),
    "car-parked": (car_parked, "In the car, parked"),
}
