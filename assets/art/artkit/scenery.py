"""Furniture and fittings for the location backgrounds.

Rooms are drawn as calm front elevations: a wall, a floor band, and furniture
standing against the wall.  Every helper takes the floor line or top-left
corner in scene units (1920 x 1080) and paints flat shapes in muted colours.
Nothing here is random: the small LCG below gives repeatable "variety".
"""

from __future__ import annotations

from .colour import shade, tint
from .svg import Doc, Path

W, H = 1920, 1080


class Lcg:
    """A tiny deterministic pseudo-random sequence (stable across Pythons)."""

    def __init__(self, seed: int) -> None:
        self.state = seed & 0xFFFFFFFF

    def next(self) -> float:
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return self.state / 2 ** 32

    def range(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * self.next()

    def pick(self, items):
        return items[int(self.next() * len(items)) % len(items)]


# -- room shell -------------------------------------------------------------

def backdrop(doc: Doc, gid: str, wall: str, floor: str, floor_y: float, skirting: str | None = None):
    """Wall with a gentle top-to-bottom shade, floor with soft depth, a skirting board."""
    doc.rect(0, 0, W, floor_y, doc.linear(gid + "-wall", 0, 0, 0, floor_y,
                                          [(0, tint(wall, 0.06)), (1, shade(wall, 0.04))]))
    doc.rect(0, floor_y, W, H - floor_y, doc.linear(gid + "-floor", 0, floor_y, 0, H,
                                                    [(0, shade(floor, 0.06)), (1, tint(floor, 0.06))]))
    if skirting:
        doc.rect(0, floor_y - 18, W, 18, skirting)


def wall_light(doc: Doc, gid: str, cx: float, cy: float, r: float, colour: str = "#ffffff", strength: float = 0.22):
    """A soft pool of light on the wall (from a window or lamp)."""
    doc.circle(cx, cy, r, doc.radial(gid, cx, cy, r, [(0, colour, strength), (1, colour, 0)]))


def window(doc: Doc, x, y, w, h, frame="#f1eee9", sky=("#d7dfe6", "#e9ece9"), panes=(2, 1), gid="win",
           outside=None, sill=True):
    """A window: sky gradient, optional outside scene callback, frame and glazing bars."""
    doc.rect(x - 14, y - 14, w + 28, h + 28, shade(frame, 0.05), rx=4)
    doc.rect(x, y, w, h, doc.linear(gid + "-sky", 0, y, 0, y + h, [(0, sky[0]), (1, sky[1])]))
    if outside:
        outside(doc, x, y, w, h)
    cols, rows = panes
    bar = 12
    for c in range(1, cols):
        doc.rect(x + w * c / cols - bar / 2, y, bar, h, frame)
    for r in range(1, rows):
        doc.rect(x, y + h * r / rows - bar / 2, w, bar, frame)
    doc.rect(x, y, w, h, "none", stroke=frame, stroke_width=bar)
    # a faint diagonal sheen on the glass
    doc.poly([(x + w * 0.1, y + h), (x + w * 0.32, y + h), (x + w * 0.62, y), (x + w * 0.4, y)], "#ffffff", opacity=0.12)
    if sill:
        doc.rect(x - 30, y + h + 10, w + 60, 18, tint(frame, 0.2), rx=4)
        doc.rect(x - 24, y + h + 28, w + 48, 8, shade(frame, 0.12), rx=3)


def net_curtain(doc: Doc, x, y, w, h):
    doc.rect(x, y, w, h, "#fbfaf7", opacity=0.55)
    for k in range(int(w // 26)):
        xx = x + 13 + k * 26
        doc.line(xx, y + 6, xx, y + h - 4, "#ffffff", 5, opacity=0.5)
    doc.rect(x, y + h - 16, w, 16, "#f4f1ec", opacity=0.6)


def drapes(doc: Doc, x, y, w, h, colour, gap):
    """A pair of curtains either side of a window, gathered softly to the sides."""
    rail_y = y - 36
    doc.rect(x - 70, rail_y - 8, w + 140, 10, shade(colour, 0.3), rx=5)
    for d in (1, -1):                       # d = +1: left curtain, -1: right curtain
        outer = x - 60 if d > 0 else x + w + 60
        inner = outer + d * gap
        bottom = y + h + 70
        p = Path().M(outer, rail_y).L(inner, rail_y)
        p.Q(inner - d * gap * 0.05, y + h * 0.35, outer + d * gap * 0.55, y + h * 0.62)
        p.Q(outer + d * gap * 0.75, y + h * 0.8, outer + d * gap * 0.8, bottom)
        p.L(outer, bottom).Z()
        doc.path(p, fill=colour)
        for k in range(3):
            fx = outer + d * gap * (0.14 + 0.16 * k)
            doc.stroke(Path().M(fx, rail_y + 12).Q(fx + d * gap * 0.1, y + h * 0.6, fx + d * gap * 0.22, bottom - 8),
                       shade(colour, 0.08), 5)


def blinds(doc: Doc, x, y, w, h, colour, slats=14, drop=1.0):
    """Horizontal slatted blinds drawn down to `drop` of the window height."""
    hh = h * drop
    doc.rect(x - 6, y - 10, w + 12, 14, shade(colour, 0.1), rx=3)
    n = max(1, int(slats * drop))
    step = hh / n
    for k in range(n):
        doc.rect(x, y + k * step + 2, w, step * 0.72, colour, rx=2)
        doc.rect(x, y + k * step + 2 + step * 0.72 - 3, w, 3, shade(colour, 0.07))
    doc.line(x + w - 20, y, x + w - 20, y + hh + 60, shade(colour, 0.2), 2)


def frame_picture(doc: Doc, x, y, w, h, frame, art: str = "family", seed: int = 1):
    """A framed picture with simple shapes inside (never text)."""
    doc.rect(x, y, w, h, frame, rx=3)
    m = max(8, min(w, h) * 0.09)
    ix, iy, iw, ih = x + m, y + m, w - 2 * m, h - 2 * m
    rnd = Lcg(seed)
    if art == "family":
        doc.rect(ix, iy, iw, ih, "#dfe5e6")
        doc.rect(ix, iy + ih * 0.62, iw, ih * 0.38, "#b9c9b0")
        n = 2 + seed % 3
        for k in range(n):
            px = ix + iw * (k + 0.7) / (n + 0.4)
            size = ih * rnd.range(0.1, 0.15) * (0.75 if k == n - 1 and n > 2 else 1)
            col = rnd.pick(["#c99279", "#8fa6ba", "#d8b878", "#a8bba3", "#b59bbd"])
            doc.rect(px - size * 0.9, iy + ih - size * 3.2, size * 1.8, size * 3.2, col, rx=size * 0.8)
            doc.circle(px, iy + ih - size * 3.6, size * 0.75, "#efd3c0")
    elif art == "landscape":
        doc.rect(ix, iy, iw, ih, "#e5e4dc")
        doc.circle(ix + iw * 0.72, iy + ih * 0.32, ih * 0.12, "#e8cf9a")
        doc.path(Path().M(ix, iy + ih * 0.75).Q(ix + iw * 0.3, iy + ih * 0.42, ix + iw * 0.6, iy + ih * 0.7)
                 .Q(ix + iw * 0.8, iy + ih * 0.55, ix + iw, iy + ih * 0.66).L(ix + iw, iy + ih).L(ix, iy + ih).Z(),
                 fill="#a9bba3")
    elif art == "abstract":
        doc.rect(ix, iy, iw, ih, "#ece6dc")
        doc.circle(ix + iw * 0.38, iy + ih * 0.45, min(iw, ih) * 0.26, rnd.pick(["#c99279", "#8fa6ba", "#d8b878"]))
        doc.rect(ix + iw * 0.5, iy + ih * 0.3, iw * 0.3, ih * 0.5, rnd.pick(["#a8bba3", "#b59bbd", "#d7a9a4"]), opacity=0.85)


def kids_drawing(doc: Doc, x, y, w, h, seed: int, angle: float = 0.0):
    """A child's drawing on paper: sun, house, people, flowers, in crayon strokes."""
    rnd = Lcg(seed * 7 + 3)
    t = f"rotate({angle:.1f} {x + w / 2:.1f} {y + h / 2:.1f})" if angle else None
    with doc.group(transform=t):
        doc.rect(x, y, w, h, "#fbf9f4")
        kind = seed % 4
        crayon = ["#d99a6c", "#7fa3c4", "#91b27f", "#d8b05a", "#c48aa8", "#e08f85"]
        if kind in (0, 2):   # sun
            cx, cy, r = x + w * 0.78, y + h * 0.22, min(w, h) * 0.1
            doc.circle(cx, cy, r, "#e8c25c")
            for k in range(8):
                doc.line(cx, cy, cx + (r * 1.7) * [1, 0.7, 0, -0.7, -1, -0.7, 0, 0.7][k],
                         cy + (r * 1.7) * [0, 0.7, 1, 0.7, 0, -0.7, -1, -0.7][k], "#e8c25c", 2.5)
        if kind == 0 or kind == 3:   # a house
            hx, hy, hw = x + w * 0.15, y + h * 0.5, w * 0.4
            doc.rect(hx, hy, hw, h * 0.38, "none", stroke=rnd.pick(crayon), stroke_width=3)
            doc.path(Path().M(hx - 4, hy).L(hx + hw / 2, hy - h * 0.22).L(hx + hw + 4, hy), stroke=rnd.pick(crayon),
                     stroke_width=3, stroke_linejoin="round")
            doc.rect(hx + hw * 0.38, hy + h * 0.18, hw * 0.24, h * 0.2, rnd.pick(crayon))
        if kind in (1, 2, 3):   # stick people holding hands
            n = 2 + seed % 3
            for k in range(n):
                px = x + w * (0.2 + 0.6 * k / max(1, n - 1)) if kind != 3 else x + w * (0.68 + 0.16 * k / max(1, n - 1))
                size = h * (0.2 if k < n - 1 else 0.14)
                base = y + h * 0.9
                col = rnd.pick(crayon)
                doc.circle(px, base - size * 2.1, size * 0.35, "none", stroke=col, stroke_width=2.5)
                doc.line(px, base - size * 1.75, px, base - size * 0.8, col, 2.5)
                doc.line(px, base - size * 0.8, px - size * 0.35, base, col, 2.5)
                doc.line(px, base - size * 0.8, px + size * 0.35, base, col, 2.5)
                doc.line(px - size * 0.5, base - size * 1.4, px + size * 0.5, base - size * 1.4, col, 2.5)
        if kind == 1:   # flowers along the bottom
            for k in range(4):
                fx = x + w * (0.12 + 0.25 * k)
                doc.line(fx, y + h * 0.95, fx, y + h * 0.75, "#91b27f", 2.5)
                doc.circle(fx, y + h * 0.72, w * 0.04, rnd.pick(crayon))
        doc.line(x + 4, y + h - 4, x + w - 4, y + h - 4, "#91b27f", 3)


def plant(doc: Doc, x, floor_y, s=1.0, pot="#c99279", leaf="#8fae8a", tall=True):
    """A potted plant standing on (x, floor_y)."""
    ph = 70 * s
    doc.path(Path().M(x - 42 * s, floor_y - ph).L(x + 42 * s, floor_y - ph).L(x + 32 * s, floor_y).L(x - 32 * s, floor_y).Z(),
             fill=pot)
    doc.rect(x - 46 * s, floor_y - ph - 10 * s, 92 * s, 14 * s, shade(pot, 0.08), rx=5 * s)
    leaves = [(-40, 150, -32), (38, 165, 28), (-12, 220, -8), (18, 200, 12), (-62, 100, -55), (60, 110, 52), (0, 260, 2)]
    if not tall:
        leaves = leaves[:4]
    for k, (dx, height, ang) in enumerate(leaves):
        lx, ly = x + dx * s * 0.5, floor_y - ph - height * s * 0.5
        col = leaf if k % 2 == 0 else shade(leaf, 0.1)
        doc.ellipse(lx, ly, 20 * s, height * s * 0.42, col, transform=f"rotate({ang} {lx:.1f} {ly + height * s * 0.3:.1f})")


def sofa(doc: Doc, x, floor_y, w, colour, cushions=None, h=260, depth_seat=90):
    """A front-on sofa with its feet on floor_y."""
    arm_w = 70
    back_top = floor_y - h
    seat_y = floor_y - h * 0.42
    legs = shade(colour, 0.35)
    for lx in (x + 30, x + w - 40):
        doc.rect(lx, floor_y - 22, 12, 22, legs, rx=3)
    doc.rect(x + arm_w * 0.6, back_top, w - arm_w * 1.2, h * 0.7, shade(colour, 0.06), rx=32)
    doc.rect(x + 10, seat_y - 10, w - 20, h * 0.42 - 12, colour, rx=22)
    doc.rect(x + arm_w * 0.7, seat_y - 26, w - arm_w * 1.4, 44, tint(colour, 0.08), rx=20)
    for side in (0, 1):
        ax = x if side == 0 else x + w - arm_w
        doc.rect(ax, seat_y - 70, arm_w, h * 0.42 + 48, shade(colour, 0.02), rx=30)
        doc.rect(ax + 6, seat_y - 66, arm_w - 12, 22, tint(colour, 0.1), rx=11)
    n = max(2, int((w - arm_w * 1.4) // 190))
    seg = (w - arm_w * 1.4) / n
    for k in range(1, n):
        doc.line(x + arm_w * 0.7 + seg * k, seat_y - 20, x + arm_w * 0.7 + seg * k, seat_y + 14, shade(colour, 0.1), 3)
    for k, c in enumerate(cushions or []):
        cx = x + arm_w + 60 + k * 110 if k == 0 else x + w - arm_w - 60 - (k - 1) * 110
        doc.rect(cx - 48, seat_y - 110, 96, 92, c, rx=24, transform=f"rotate({-8 if k == 0 else 8} {cx:.1f} {seat_y - 64:.1f})")


def armchair(doc: Doc, x, floor_y, colour, w=240, h=250):
    sofa(doc, x, floor_y, w, colour, h=h)


def rug(doc: Doc, cx, cy, rx, ry, colour, border=None):
    doc.ellipse(cx, cy, rx, ry, colour)
    if border:
        doc.ellipse(cx, cy, rx - 22, ry - 12, "none", stroke=border, stroke_width=6)


def floor_lamp(doc: Doc, x, floor_y, shade_col="#efe4cf", pole="#8d8681", height=420, glow=True, gid="lamp"):
    top = floor_y - height
    if glow:
        wall_light(doc, gid, x, top + 30, 200, "#fff3d6", 0.35)
    doc.rect(x - 4, top + 40, 8, height - 40, pole, rx=4)
    doc.ellipse(x, floor_y - 4, 42, 8, pole)
    doc.path(Path().M(x - 46, top + 64).L(x + 46, top + 64).L(x + 32, top).L(x - 32, top).Z(), fill=shade_col)


def radiator(doc: Doc, x, y, w, h, colour="#eeeae4"):
    doc.rect(x, y, w, h, colour, rx=6)
    for k in range(int(w // 24)):
        doc.rect(x + 8 + k * 24, y + 8, 10, h - 16, shade(colour, 0.06), rx=5)


def bookcase(doc: Doc, x, floor_y, w, h, wood, seed=3, shelves=4, toys=False):
    rnd = Lcg(seed)
    top = floor_y - h
    doc.rect(x, top, w, h, wood, rx=4)
    doc.rect(x + 12, top + 12, w - 24, h - 24, shade(wood, 0.15))
    step = (h - 24) / shelves
    book_cols = ["#c99279", "#8fa6ba", "#d8b878", "#a8bba3", "#b59bbd", "#d7a9a4", "#9aa8a0", "#e0cfb1"]
    for k in range(shelves):
        sy = top + 12 + step * (k + 1)
        doc.rect(x + 12, sy - 8, w - 24, 8, wood)
        bx = x + 20
        while bx < x + w - 40:
            bw = rnd.range(12, 26)
            bh = step * rnd.range(0.55, 0.8)
            if toys and rnd.next() < 0.15:
                doc.circle(bx + 18, sy - 8 - 18, 18, rnd.pick(book_cols))
                bx += 40
                continue
            if rnd.next() < 0.12:
                bx += 24
                continue
            doc.rect(bx, sy - 8 - bh, bw, bh, rnd.pick(book_cols), rx=2)
            bx += bw + 2


def clock(doc: Doc, x, y, r=38, face="#f7f4ee", rim="#8d8681"):
    doc.circle(x, y, r, face, stroke=rim, stroke_width=6)
    doc.line(x, y, x, y - r * 0.6, "#6b6866", 4)
    doc.line(x, y, x + r * 0.45, y + r * 0.1, "#6b6866", 4)
    doc.circle(x, y, 4, "#6b6866")


def mug(doc: Doc, x, y, colour, s=1.0):
    """A mug standing on y."""
    doc.rect(x - 16 * s, y - 34 * s, 32 * s, 34 * s, colour, rx=5 * s)
    doc.circle(x + 18 * s, y - 18 * s, 9 * s, "none", stroke=colour, stroke_width=5 * s)
    doc.ellipse(x, y - 33 * s, 14 * s, 4 * s, shade(colour, 0.2))


def door(doc: Doc, x, floor_y, w, h, colour, frame="#efebe4", glass=False, handle_side=1):
    top = floor_y - h
    doc.rect(x - 16, top - 16, w + 32, h + 16, frame)
    doc.rect(x, top, w, h, colour)
    for k in range(2):
        py = top + 30 + k * (h / 2 - 10)
        if glass and k == 0:
            doc.rect(x + 30, py, w - 60, h / 2 - 60, "#dfe6ea")
        else:
            doc.rect(x + 30, py, w - 60, h / 2 - 60, shade(colour, 0.06), rx=4)
    hx = x + w - 30 if handle_side > 0 else x + 30
    doc.rect(hx - 16 if handle_side > 0 else hx - 6, top + h * 0.52, 22, 8, "#b9b2a8", rx=4)


def office_chair(doc: Doc, x, floor_y, colour, back=True, s=1.0):
    """A simple office chair seen from the front or back."""
    doc.rect(x - 5 * s, floor_y - 130 * s, 10 * s, 100 * s, "#8c8f96")
    for dx in (-46, 0, 46):
        doc.line(x, floor_y - 30 * s, x + dx * s, floor_y - 8 * s, "#8c8f96", 7 * s)
        doc.circle(x + dx * s, floor_y - 6 * s, 7 * s, "#7b7e85")
    doc.rect(x - 62 * s, floor_y - 158 * s, 124 * s, 34 * s, colour, rx=16 * s)
    if back:
        doc.rect(x - 54 * s, floor_y - 300 * s, 108 * s, 150 * s, shade(colour, 0.05), rx=26 * s)


def monitor(doc: Doc, x, desk_y, w=190, h=120, screen="#cfdde6", seed=1):
    """A computer screen on a stand, with soft blocks standing for content."""
    rnd = Lcg(seed)
    doc.rect(x - 8, desk_y - 40, 16, 40, "#8c8f96")
    doc.rect(x - 40, desk_y - 8, 80, 8, "#8c8f96", rx=3)
    doc.rect(x - w / 2, desk_y - 40 - h, w, h, "#6f737b", rx=8)
    doc.rect(x - w / 2 + 7, desk_y - 33 - h, w - 14, h - 14, screen, rx=4)
    for k in range(3):
        doc.rect(x - w / 2 + 20, desk_y - 20 - h + k * 26, (w - 60) * rnd.range(0.4, 1.0), 10, tint(screen, 0.5), rx=4)


def desk(doc: Doc, x, desk_y, w, top="#d9c7ae", legs="#a9a39b", h=150):
    doc.rect(x, desk_y, w, 18, top, rx=4)
    doc.rect(x + 14, desk_y + 18, 10, h - 18, legs)
    doc.rect(x + w - 24, desk_y + 18, 10, h - 18, legs)
    doc.rect(x + 30, desk_y + 18, w - 60, 8, shade(top, 0.12))


def papers(doc: Doc, x, y, n=3, colour="#f4f1ea", folder="#c9b08c"):
    for k in range(n):
        doc.rect(x + k * 3, y - 8 - k * 9, 120, 9, folder if k % 2 else colour, rx=2)


def cork_board(doc: Doc, x, y, w, h, seed=5, frame="#c4a283"):
    rnd = Lcg(seed)
    doc.rect(x, y, w, h, frame, rx=4)
    doc.rect(x + 10, y + 10, w - 20, h - 20, "#d9bf98")
    cols = ["#f6f3ec", "#eadfc8", "#dbe6ea", "#efd9d4", "#e3ead9", "#f1e6b8"]
    k = 0
    for row in range(3):
        for c in range(4):
            px = x + 26 + c * (w - 40) / 4 + rnd.range(-6, 6)
            py = y + 24 + row * (h - 40) / 3 + rnd.range(-4, 4)
            pw, ph = (w - 40) / 4 - 22, (h - 40) / 3 - 16
            if rnd.next() < 0.2:
                continue
            ang = rnd.range(-4, 4)
            doc.rect(px, py, pw, ph, rnd.pick(cols), transform=f"rotate({ang:.1f} {px + pw / 2:.1f} {py + ph / 2:.1f})")
            for ln in range(2):
                doc.rect(px + 8, py + 12 + ln * 12, pw * rnd.range(0.4, 0.8), 4, "#c9c3b8", rx=2,
                         transform=f"rotate({ang:.1f} {px + pw / 2:.1f} {py + ph / 2:.1f})")
            doc.circle(px + pw / 2, py + 5, 4, rnd.pick(["#d46f5f", "#5f8fbf", "#e3b448", "#6fa36a"]))
            k += 1


def tv(doc: Doc, x, y, w, h, unit_colour, floor_y, screen="#5f6670"):
    """A flat screen TV on a low unit; screen is a soft slate, not black."""
    doc.rect(x - 40, y + h + 16, w + 80, floor_y - (y + h + 16), unit_colour, rx=6)
    doc.rect(x - 30, y + h + 40, (w + 60) / 2 - 10, floor_y - (y + h + 56), shade(unit_colour, 0.07), rx=4)
    doc.rect(x + (w + 60) / 2 - 20, y + h + 40, (w + 60) / 2 - 10, floor_y - (y + h + 56), shade(unit_colour, 0.07), rx=4)
    doc.rect(x + w / 2 - 40, y + h, 80, 16, "#7d8088")
    doc.rect(x, y, w, h, "#6b6f77", rx=6)
    doc.rect(x + 6, y + 6, w - 12, h - 12, doc.linear("tv-screen", x, y, x + w, y + h, [(0, tint(screen, 0.1)), (1, screen)]),
             rx=3)
    doc.poly([(x + w * 0.55, y + 6), (x + w * 0.75, y + 6), (x + w * 0.45, y + h - 6), (x + w * 0.25, y + h - 6)], "#ffffff",
             opacity=0.06)
