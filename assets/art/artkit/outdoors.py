"""Places between the rooms: a school's reception, its gate, a car park (1920 x 1080).

The same rules as the rooms (artkit/rooms.py): calm, light and low in contrast,
the detail in the upper two thirds, the bottom ~35% a quiet floor or ground where
people stand and the text panel lies.  No words anywhere: a sign is a blank
panel, a visitors' book a few grey lines.
"""

from __future__ import annotations

from .colour import shade, tint
from .scenery import Lcg, W, H, door, kids_drawing, plant, wall_light, window
from .svg import Doc, Path


def _sky(doc: Doc, gid: str, bottom: float):
    doc.rect(0, 0, W, bottom, doc.linear(gid, 0, 0, 0, bottom, [(0, "#c7d1d9"), (1, "#e2e5e4")]))
    for cx, cy, rx, ry in ((260, 80, 240, 44), (980, 50, 320, 56), (1640, 100, 280, 42)):
        doc.ellipse(cx, cy, rx, ry, "#ffffff", opacity=0.28)


def _tree(doc: Doc, x, ground, s=1.0, leaf="#a9bea4"):
    doc.rect(x - 12 * s, ground - 230 * s, 24 * s, 230 * s, "#a08c7a", rx=8 * s)
    for dx, dy, r in ((0, -300, 110), (-80, -250, 80), (80, -240, 84), (-30, -380, 80), (50, -350, 74)):
        doc.circle(x + dx * s, ground + dy * s, r * s, leaf)
    doc.circle(x + 20 * s, ground - 320 * s, 70 * s, tint(leaf, 0.12))


def parked_car(doc: Doc, x, ground, colour, s=1.0, facing=1):
    """A small hatchback seen side on, wheels on ``ground``, nose towards ``facing``."""
    w = 400 * s
    left = x
    def fx(u: float) -> float:   # u from the tail (0) to the nose (1)
        return left + (u if facing > 0 else 1 - u) * w
    body = Path().M(fx(0.0), ground - 40 * s).L(fx(0.0), ground - 120 * s).Q(fx(0.02), ground - 150 * s, fx(0.1), ground - 152 * s)
    body.L(fx(0.2), ground - 236 * s).Q(fx(0.24), ground - 252 * s, fx(0.34), ground - 252 * s).L(fx(0.62), ground - 250 * s)
    body.Q(fx(0.68), ground - 248 * s, fx(0.74), ground - 200 * s).L(fx(0.8), ground - 156 * s)
    body.L(fx(0.95), ground - 140 * s).Q(fx(1.0), ground - 132 * s, fx(1.0), ground - 90 * s).L(fx(1.0), ground - 40 * s).Z()
    doc.path(body, fill=colour)
    glass = Path().M(fx(0.14), ground - 160 * s).L(fx(0.23), ground - 232 * s).L(fx(0.62), ground - 232 * s)
    glass.L(fx(0.72), ground - 162 * s).Z()
    doc.path(glass, fill="#d6e0e6")
    doc.rect(min(fx(0.42), fx(0.44)), ground - 236 * s, 10 * s, 80 * s, colour)        # door pillar
    doc.rect(min(fx(0.0), fx(1.0)), ground - 92 * s, w, 12 * s, shade(colour, 0.1))    # waist line
    doc.rect(min(fx(0.5), fx(0.55)), ground - 138 * s, 34 * s, 8 * s, shade(colour, 0.18), rx=4 * s)
    for u in (0.2, 0.8):
        doc.circle(fx(u), ground - 34 * s, 36 * s, "#5f636b")
        doc.circle(fx(u), ground - 34 * s, 16 * s, "#b9bec4")
    doc.ellipse(fx(0.5), ground + 4 * s, w * 0.52, 10 * s, "#000000", opacity=0.06)


def _bay_lines(doc: Doc, top: float, bottom: float, colour="#eceae4"):
    """Parking bay lines on tarmac, running towards the viewer and fanning a little with depth."""
    doc.line(0, top, W, top, colour, 6, opacity=0.8)
    for k in range(-1, 8):
        x_far = 140 + k * 260
        x_near = W / 2 + (x_far - W / 2) * 1.35
        doc.line(x_far, top, x_near, bottom, colour, 7, opacity=0.7)


# -- the reception hatch and corridor at Chloe's school --------------------------------------

def school_reception(doc: Doc):
    floor_y = 720
    doc.rect(0, 0, W, floor_y, doc.linear("rec-wall", 0, 0, 0, floor_y, [(0, "#f1e9d3"), (1, "#e6dcc2")]))
    doc.rect(0, floor_y, W, H - floor_y, doc.linear("rec-floor", 0, floor_y, 0, H, [(0, "#aab7c1"), (1, "#bcc6cd")]))
    doc.rect(0, floor_y - 18, W, 18, "#d3c8ae")
    doc.rect(0, 440, W, 12, "#d9cdb0")                          # dado rail
    doc.line(0, floor_y + 150, W, floor_y + 150, "#9fb0bd", 10, opacity=0.7)   # a coloured stripe in the lino
    # the reception hatch: a sliding glass window onto the office, a ledge with the visitors' book
    hx, hy, hw, hh = 120, 200, 520, 300
    doc.rect(hx - 20, hy - 20, hw + 40, hh + 40, "#cfd8d2", rx=6)
    doc.rect(hx, hy, hw, hh, doc.linear("rec-office", 0, hy, 0, hy + hh, [(0, "#dfe7ea"), (1, "#cdd8dc")]))
    doc.rect(hx + 40, hy + 70, 150, 110, "#c3cfd6", rx=6)        # the office inside: a monitor, a shelf of files
    doc.rect(hx + 48, hy + 78, 134, 90, "#d8e3ea", rx=4)
    for k in range(7):
        doc.rect(hx + 260 + k * 30, hy + 60, 22, 90, ["#b9a7c4", "#a9bfd4", "#d8c08f", "#a8bba3"][k % 4], rx=3)
    doc.rect(hx + 250, hy + 150, 240, 10, "#c9bca4")
    doc.rect(hx + hw / 2 - 6, hy, 12, hh, "#e9ece9")            # the sliding panes meet here
    doc.poly([(hx + 30, hy + hh), (hx + 120, hy + hh), (hx + 200, hy), (hx + 110, hy)], "#ffffff", opacity=0.18)
    doc.rect(hx - 40, hy + hh + 16, hw + 80, 26, "#c8ad8a", rx=6)   # the ledge
    doc.rect(hx - 30, hy + hh + 42, hw + 60, 180, "#ddd1b8")
    doc.rect(hx - 30, hy + hh + 42, hw + 60, 14, shade("#ddd1b8", 0.08))
    # the visitors' book, open, a pen on a chain and a tray of red lanyards
    bx, by = hx + 120, hy + hh + 4
    doc.poly([(bx, by + 14), (bx + 120, by + 6), (bx + 240, by + 14), (bx + 236, by + 26), (bx + 4, by + 26)], "#f6f2ea")
    for k in range(3):
        doc.line(bx + 20, by + 14 + k * 4, bx + 104, by + 10 + k * 4, "#cfc8bc", 2)
        doc.line(bx + 136, by + 10 + k * 4, bx + 220, by + 14 + k * 4, "#cfc8bc", 2)
    doc.line(bx + 250, by + 20, bx + 300, by + 8, "#8a8f98", 5)
    doc.rect(hx + 400, hy + hh + 2, 90, 20, "#d9d4cc", rx=4)
    for k in range(3):
        doc.stroke(Path().M(hx + 412 + k * 24, hy + hh + 8).Q(hx + 420 + k * 24, hy + hh - 18, hx + 428 + k * 24, hy + hh + 8), "#c8645e", 5)
    # a bell push on the wall beside the hatch, and a small blank sign
    doc.circle(hx + hw + 60, hy + 190, 16, "#e8e3da", stroke="#bdb5a8", stroke_width=4)
    doc.rect(hx + hw + 30, hy + 40, 90, 110, "#f7f4ee", rx=6)
    doc.rect(hx + hw + 44, hy + 60, 62, 10, "#a9bfd4", rx=3)
    doc.rect(hx + hw + 44, hy + 84, 50, 8, "#d6d0c5", rx=3)
    # the corridor beyond the inner door: double doors with glass, propped open onto children's work
    door(doc, 880, floor_y, 200, 480, "#a9bcc8", frame="#e6e0d2", glass=True, handle_side=1)
    door(doc, 1080, floor_y, 200, 480, "#a9bcc8", frame="#e6e0d2", glass=True, handle_side=-1)
    # a long display of children's drawings and a paper bunting along the corridor wall
    for k in range(18):
        x = 1320 + k * 34
        doc.poly([(x, 130), (x + 30, 130), (x + 15, 160)], ["#d8b878", "#d7a9a4", "#a8bba3", "#8fa6ba", "#b59bbd"][k % 5])
    doc.rect(1330, 180, 540, 250, "#c4d5df", rx=4)
    for k, (x, y, w, h, a) in enumerate(((1350, 200, 110, 130, -3), (1480, 196, 120, 90, 2), (1490, 300, 100, 110, -2),
                                         (1620, 204, 110, 140, 3), (1750, 210, 100, 100, -4), (1640, 350, 90, 60, 4))):
        kids_drawing(doc, x, y, w, h, k + 11, a)
    # coat pegs with book bags under the display
    for k in range(8):
        x = 1350 + k * 66
        doc.rect(x, 470, 40, 12, "#b9b2a8", rx=5)
        if k % 3 != 2:
            col = ["#6f86a6", "#b58b86", "#8a9a7c"][k % 3]
            doc.path(Path().M(x - 6, 486).L(x + 46, 486).L(x + 50, 600).Q(x + 20, 612, x - 10, 600).Z(), fill=col)
            doc.rect(x + 4, 520, 32, 24, tint(col, 0.3), rx=4)
    plant(doc, 760, floor_y, s=0.9, pot="#c99279", tall=True)
    wall_light(doc, "rec", 420, 120, 300)


# -- the school gate and playground at home time ---------------------------------------------

def school_gate(doc: Doc):
    ground = 700
    _sky(doc, "gate-sky", 480)
    _tree(doc, 120, 470, 1.0)
    # the school: a long low brick building, big classroom windows with blue frames, a canopy
    doc.rect(260, 180, 1500, 300, "#c9a594")
    for k in range(12):
        doc.line(260, 200 + k * 24, 1760, 200 + k * 24, shade("#c9a594", 0.07), 2, opacity=0.6)
    doc.rect(240, 160, 1540, 30, "#8f979f")
    for k, x in enumerate((320, 620, 1120, 1420)):
        window(doc, x, 250, 240, 150, frame="#7f9bb6", sky=("#d4dde3", "#e6e9e8"), panes=(3, 1), gid=f"cls{k}", sill=False)
        for j in range(3):
            kids_drawing(doc, x + 12 + j * 78, 270, 60, 56, seed=k * 3 + j + 20, angle=(-3, 2, -1)[j])
    door(doc, 900, 480, 160, 250, "#7f9bb6", frame="#e6e3de", glass=True, handle_side=1)
    doc.rect(860, 210, 240, 20, "#e0ddd6", rx=4)                # canopy over the door
    # the playground: tarmac with painted games (a hopscotch, a circle), a bench, a planter
    doc.rect(0, 470, W, H - 470, doc.linear("yard", 0, 470, 0, H, [(0, "#b8bcbd"), (1, "#c9cccb")]))
    for k in range(5):
        doc.rect(1180 + k * 70, 520 - (k % 2) * 0, 64, 44, "none", stroke="#e8d9a6", stroke_width=5)
    doc.ellipse(620, 560, 150, 34, "none", stroke="#a9c3dc", stroke_width=6)
    doc.rect(1560, 500, 200, 18, "#a98f76", rx=6)
    doc.rect(1570, 468, 180, 14, "#a98f76", rx=6)
    for dx in (0, 170):
        doc.rect(1572 + dx, 516, 10, 44, "#8d949b")
    doc.rect(300, 496, 160, 60, "#b69a80", rx=8)
    plant(doc, 380, 500, s=0.7, pot="#b69a80", tall=False)
    # green railings across the front, and the gate standing open
    rail = "#7e9a86"
    doc.rect(0, 600, 640, 12, rail)
    doc.rect(0, 680, 640, 12, rail)
    doc.rect(1000, 600, W - 1000, 12, rail)
    doc.rect(1000, 680, W - 1000, 12, rail)
    for x in list(range(20, 640, 44)) + list(range(1020, W, 44)):
        doc.rect(x, 560, 10, 150, rail)
        doc.circle(x + 5, 558, 8, rail)
    for x in (640, 990):
        doc.rect(x - 6, 520, 28, 190, shade(rail, 0.12), rx=6)
        doc.circle(x + 8, 516, 16, shade(rail, 0.12))
    # the open gate, swung back towards the viewer on the left post
    doc.poly([(662, 560), (760, 600), (760, 740), (662, 710)], "none", stroke=rail, stroke_width=10)
    for k in range(1, 4):
        x = 662 + k * 24
        doc.line(x, 560 + k * 10, x, 710 + k * 8, rail, 8)
    # the pavement outside the gate: a quiet band for people to stand on
    doc.rect(0, ground + 10, W, H - ground - 10, doc.linear("pave", 0, ground, 0, H, [(0, "#cfcbc4"), (1, "#dcd9d3")]))
    doc.rect(0, ground, W, 14, "#b6b1aa")
    for k in range(7):
        doc.line(k * 320 + 100, ground + 14, k * 320 + 20, H, "#c2beb6", 3)


# -- a car park outside the family centre ------------------------------------------------------

def car_park(doc: Doc):
    _sky(doc, "park-sky", 490)
    _tree(doc, 1820, 470, 0.95)
    _tree(doc, 1640, 470, 0.8, leaf="#b4c6ae")
    # the family centre: a low building, sage cladding, a canopy over glass doors, a bike rack
    doc.rect(80, 230, 1160, 250, "#dcd6c8")
    doc.rect(80, 230, 1160, 110, "#a9bba5")
    for k in range(24):
        doc.line(80 + k * 48, 230, 80 + k * 48, 340, shade("#a9bba5", 0.06), 3)
    doc.rect(60, 210, 1200, 26, "#8f979f")
    for k, x in enumerate((140, 380, 900)):
        window(doc, x, 360, 200, 100, frame="#eeebe5", sky=("#d5dee3", "#e8eae8"), panes=(2, 1), gid=f"fc{k}", sill=False)
    doc.rect(620, 330, 220, 24, "#e4e1da", rx=4)                 # canopy
    doc.rect(640, 354, 180, 126, "#cfdce3")
    doc.rect(726, 354, 8, 126, "#eeebe5")
    doc.rect(640, 354, 180, 126, "none", stroke="#eeebe5", stroke_width=8)
    doc.rect(1080, 250, 120, 70, "#f4f1ea", rx=6)                # a blank sign board
    doc.rect(1096, 268, 88, 10, "#a9bfd4", rx=3)
    doc.rect(1096, 290, 60, 8, "#d6d0c5", rx=3)
    for k in range(4):
        doc.path(Path().M(1280 + k * 40, 480).L(1280 + k * 40, 440).Q(1300 + k * 40, 420, 1320 + k * 40, 440).L(1320 + k * 40, 480),
                 stroke="#9aa1a8", stroke_width=6)
    # the tarmac, bay lines and a few parked cars across the far row
    doc.rect(0, 480, W, H - 480, doc.linear("tarmac", 0, 480, 0, H, [(0, "#a9adb0"), (1, "#bfc2c3")]))
    doc.rect(0, 480, W, 16, "#c8c4bc")                            # kerb along the building
    _bay_lines(doc, 520, 700)
    for x, colour, facing in ((150, "#a7b3c2", 1), (700, "#c8b49a", -1), (1220, "#b9a3b5", 1)):
        parked_car(doc, x, 640, colour, s=0.95, facing=facing)
    # a low hedge and a litter bin at the edge
    doc.path(Path().M(1660, 560).Q(1680, 500, 1740, 510).Q(1800, 490, 1860, 512).Q(1900, 500, 1920, 520).L(1920, 580).L(1660, 580).Z(), fill="#9fb59a")
    doc.rect(1690, 560, 60, 90, "#7e8a7a", rx=8)
    doc.rect(1684, 552, 72, 16, shade("#7e8a7a", 0.1), rx=6)
    # the quiet near row where people stand
    rnd = Lcg(31)
    for _ in range(40):
        doc.circle(rnd.range(0, W), rnd.range(760, H), rnd.range(2, 5), "#b3b6b7", opacity=0.6)


# -- in the car, parked: the view through the windscreen is a car park ---------------------------

def car_park_view(doc: Doc):
    doc.rect(0, 0, W, 620, doc.linear("cp-sky", 0, 0, 0, 620, [(0, "#c3ccd4"), (1, "#dde1e2")]))
    doc.rect(0, 470, W, 200, "#aeb2b4")
    doc.rect(200, 230, 1100, 240, "#d9d3c5")
    doc.rect(200, 230, 1100, 90, "#a9bba5")
    doc.rect(180, 214, 1140, 22, "#8f979f")
    for k, x in enumerate((260, 560, 1040)):
        doc.rect(x, 340, 180, 90, "#cfd9df")
    doc.rect(740, 320, 200, 150, "#cfdce3")
    _tree(doc, 1500, 470, 0.9)
    _tree(doc, 1700, 480, 0.7, leaf="#b4c6ae")
    for k in range(6):
        doc.line(120 + k * 300, 480, 60 + k * 330, 600, "#e6e4de", 5, opacity=0.7)
    parked_car(doc, 300, 560, "#a7b3c2", s=0.8)
    parked_car(doc, 1100, 560, "#c8b49a", s=0.8, facing=-1)
