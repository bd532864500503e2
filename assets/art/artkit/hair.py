"""Hair styles (and hoods).  Each style draws a 'back' part, painted behind
the head and body, and a 'front' part, painted over the forehead.

Add a style by writing ``_style_<name>(doc, h, look, part)`` and using
``hair_style="<name>"`` in a character's Look.
"""

from __future__ import annotations

from .colour import shade, tint
from .svg import Path


def draw(doc, h, look, part, pose):
    if pose.hood_up:
        _hood(doc, h, look, part)
        if part == "front":
            return
    fn = globals().get("_style_" + look.hair_style)
    if fn is None:
        raise ValueError(f"unknown hair style {look.hair_style!r}")
    fn(doc, h, look, part)


def _hairline(h, base: float) -> float:
    """Hairline height, which drops as the head bows (we see more of the top)."""
    return h.cy + h.ry * (base + 0.2 * h.down - 0.08 * h.up)


def _cap(h, top: float, line: float, side_l: float, side_r: float, part_at: float = 0.0,
         sweep: float = 0.0, width: float = 1.05, temple: float = -0.12) -> Path:
    """A hair cap hugging the skull.

    top: extra height above the head; line: hairline height (fraction of ry
    from the centre, negative is up); side_l/side_r: how far down the sides
    reach; part_at: x of the parting (fraction of rx from the face centre);
    sweep: how far the fringe dips on the right (+) or left (-) of the parting;
    temple: the height where the hairline meets the side of the face.
    """
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    e = rx * (width - 1)
    y_line = _hairline(h, line)
    px = h.fx + part_at * rx
    ty = _hairline(h, temple)
    dip_r = ry * max(sweep, 0.0)
    dip_l = ry * max(-sweep, 0.0)
    yl, yr = cy + ry * side_l, cy + ry * side_r
    p = Path().M(cx - rx - e, yl)
    p.C(cx - rx - e, cy - ry * 0.72, cx - rx * 0.62, cy - ry - top, cx, cy - ry - top)
    p.C(cx + rx * 0.62, cy - ry - top, cx + rx + e, cy - ry * 0.72, cx + rx + e, yr)
    p.Q(cx + rx + e, yr + ry * 0.08, cx + rx * 0.86, yr + ry * 0.02)
    p.L(cx + rx * 0.84, ty)
    p.C(cx + rx * 0.74, y_line + (ty - y_line) * 0.2 + dip_r * 0.7, px + rx * 0.36, y_line + dip_r, px, y_line)
    p.C(px - rx * 0.36, y_line + dip_l, cx - rx * 0.74, y_line + (ty - y_line) * 0.2 + dip_l * 0.7, cx - rx * 0.84, ty)
    p.L(cx - rx * 0.86, yl + ry * 0.02)
    p.Q(cx - rx - e, yl + ry * 0.08, cx - rx - e, yl)
    return p.Z()


# -- styles -----------------------------------------------------------------

def _style_tied(doc, h, look, part):
    """Hair pulled back into a soft bun, a loose strand by the face (Fiona)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    if part == "back":
        bx = cx + rx * 0.38 - h.turn * rx * 0.5
        doc.circle(bx, cy - ry * 0.92, rx * 0.4, shade(look.hair, 0.06))
        doc.circle(bx - rx * 0.14, cy - ry * 0.98, rx * 0.2, tint(look.hair, 0.08))
        return
    doc.path(_cap(h, ry * 0.1, -0.5, 0.02, 0.02, part_at=0.22, sweep=0.1, width=1.06), fill=look.hair)
    # a couple of soft lines showing hair drawn back
    line = shade(look.hair, 0.12)
    doc.stroke(Path().M(h.fx + rx * 0.22, _hairline(h, -0.56)).Q(cx + rx * 0.55, cy - ry * 0.95, cx + rx * 0.5, cy - ry * 1.04),
               line, 3)
    doc.stroke(Path().M(h.fx - rx * 0.2, _hairline(h, -0.5)).Q(cx - rx * 0.3, cy - ry * 0.95, cx + rx * 0.1, cy - ry * 1.07),
               line, 3)
    # loose strand by the near cheek
    s = -1 if h.turn >= 0 else 1
    x0 = cx + s * rx * 0.84
    doc.stroke(Path().M(x0, cy - ry * 0.3).Q(x0 + s * rx * 0.12, cy + ry * 0.15, x0 - s * rx * 0.02, cy + ry * 0.45),
               look.hair, 4.5)


def _style_crop(doc, h, look, part):
    """Short, close cut with a slightly squared top (John)."""
    if part == "back":
        return
    rx, ry = h.rx, h.ry
    doc.path(_cap(h, ry * 0.1, -0.6, 0.0, 0.0, part_at=0.05, width=1.04, temple=-0.32), fill=look.hair)
    doc.stroke(Path().M(h.fx - rx * 0.2, _hairline(h, -0.68)).Q(h.fx + rx * 0.05, _hairline(h, -0.9), h.fx + rx * 0.4, _hairline(h, -0.92)),
               tint(look.hair, 0.1), 3.5)


def _style_ponytail(doc, h, look, part):
    """High ponytail and a side-swept fringe (Chloe)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    s = 1 if h.turn <= 0 else -1        # the tail swings out on the side away from the turn
    if part == "back":
        tx = cx + s * rx * 0.55
        p = Path().M(tx - s * rx * 0.2, cy - ry * 0.95)
        p.C(tx + s * rx * 0.9, cy - ry * 1.05, cx + s * rx * 1.45, cy + ry * 0.3, cx + s * rx * 1.15, cy + ry * 1.35)
        p.C(cx + s * rx * 1.05, cy + ry * 0.55, tx + s * rx * 0.35, cy - ry * 0.2, tx - s * rx * 0.1, cy - ry * 0.55)
        doc.path(p.Z(), fill=shade(look.hair, 0.05))
        return
    doc.path(_cap(h, ry * 0.08, -0.4, 0.05, 0.05, part_at=-0.35 * s, sweep=0.16 * s, width=1.06), fill=look.hair)
    tx = cx + s * rx * 0.55
    doc.circle(tx, cy - ry * 0.88, rx * 0.12, look.details or "#c98f9a")


def _style_toddler(doc, h, look, part):
    """Short, soft toddler hair with a few tufts (Mason)."""
    if part == "back":
        return
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    doc.path(_cap(h, ry * 0.06, -0.38, -0.15, -0.15, part_at=0.1, sweep=0.05, width=1.04, temple=-0.25), fill=look.hair)
    for dx, dy, r in ((-0.3, -1.02, 0.16), (0.05, -1.08, 0.17), (0.35, -1.0, 0.15)):
        doc.circle(cx + rx * dx, cy + ry * dy, rx * r, look.hair)


def _style_baby(doc, h, look, part):
    """A wisp of fine hair and a single curl (Lily)."""
    if part == "back":
        return
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    doc.path(_cap(h, 0, -0.62, -0.35, -0.35, width=1.0, temple=-0.45), fill=look.hair, opacity=0.55)
    doc.stroke(Path().M(cx - rx * 0.05, cy - ry * 0.98).Q(cx + rx * 0.2, cy - ry * 1.25, cx + rx * 0.22, cy - ry * 0.98)
               .Q(cx + rx * 0.12, cy - ry * 0.86, cx + rx * 0.04, cy - ry * 0.98), look.hair, 4)


def _style_long(doc, h, look, part):
    """Straight, just-past-the-shoulder hair with a side parting (Louisa)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    if part == "back":
        p = Path().M(cx - rx * 1.08, cy - ry * 0.3)
        p.L(cx - rx * 1.18, cy + ry * 1.55).Q(cx, cy + ry * 1.75, cx + rx * 1.18, cy + ry * 1.55)
        p.L(cx + rx * 1.08, cy - ry * 0.3).Z()
        doc.path(p, fill=shade(look.hair, 0.1))
        return
    p = _cap(h, ry * 0.09, -0.46, 1.35, 1.35, part_at=0.3, sweep=0.18, width=1.1, temple=0.1)
    doc.path(p, fill=look.hair)
    doc.stroke(Path().M(h.fx + rx * 0.3, _hairline(h, -0.52)).Q(cx + rx * 0.4, cy - ry * 0.9, cx + rx * 0.3, cy - ry * 1.06),
               tint(look.hair, 0.1), 3)


def _style_natural(doc, h, look, part):
    """Short natural hair, greying (Margaret)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    if part == "back":
        doc.ellipse(cx, cy - ry * 0.42, rx * 1.18, ry * 0.78, shade(look.hair, 0.05))
        return
    doc.path(_cap(h, ry * 0.22, -0.45, -0.05, -0.05, width=1.14, temple=-0.15), fill=look.hair)
    if look.grey:
        for s in (-1, 1):
            doc.stroke(Path().M(cx + s * rx * 1.06, cy - ry * 0.1).Q(cx + s * rx * 1.1, cy - ry * 0.6, cx + s * rx * 0.8, cy - ry * 0.95),
                       look.grey, 5, opacity=0.45)


def _style_side_part(doc, h, look, part):
    """Short, neat hair with a side parting, optional grey temples (Dev)."""
    if part == "back":
        return
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    doc.path(_cap(h, ry * 0.16, -0.52, -0.08, -0.08, part_at=-0.3, sweep=-0.02, width=1.05, temple=-0.18), fill=look.hair)
    doc.stroke(Path().M(h.fx - rx * 0.3, _hairline(h, -0.6)).Q(cx + rx * 0.1, cy - ry * 1.1, cx + rx * 0.7, cy - ry * 0.82),
               tint(look.hair, 0.1), 2.5)
    if look.grey:
        for s in (-1, 1):
            doc.stroke(Path().M(cx + s * rx * 0.97, cy - ry * 0.05).Q(cx + s * rx * 1.0, cy - ry * 0.45, cx + s * rx * 0.86, cy - ry * 0.7),
                       look.grey, 4, opacity=0.7)


def _style_bob_fringe(doc, h, look, part):
    """Chin-length bob with a soft full fringe (Hannah)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    if part == "back":
        p = Path().M(cx - rx * 1.12, cy - ry * 0.3)
        p.C(cx - rx * 1.22, cy + ry * 0.4, cx - rx * 1.15, cy + ry * 0.95, cx - rx * 0.8, cy + ry * 0.95)
        p.L(cx + rx * 0.8, cy + ry * 0.95)
        p.C(cx + rx * 1.15, cy + ry * 0.95, cx + rx * 1.22, cy + ry * 0.4, cx + rx * 1.12, cy - ry * 0.3).Z()
        doc.path(p, fill=shade(look.hair, 0.1))
        return
    doc.path(_cap(h, ry * 0.12, -0.3, 0.82, 0.82, part_at=0.1, sweep=0.06, width=1.12, temple=0.15), fill=look.hair)
    doc.stroke(Path().M(h.fx - rx * 0.3, _hairline(h, -0.3)).Q(h.fx - rx * 0.15, cy - ry * 0.75, h.fx + rx * 0.1, cy - ry * 0.95),
               shade(look.hair, 0.08), 3)


def _style_pixie(doc, h, look, part):
    """Short silver pixie cut swept to one side (Jo)."""
    if part == "back":
        return
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    doc.path(_cap(h, ry * 0.14, -0.42, 0.02, 0.02, part_at=-0.35, sweep=0.18, width=1.07, temple=-0.1), fill=look.hair)
    doc.stroke(Path().M(h.fx - rx * 0.35, _hairline(h, -0.5)).Q(cx + rx * 0.2, cy - ry * 0.6, cx + rx * 0.78, cy - ry * 0.42),
               shade(look.hair, 0.1), 3)


def _style_curly_puff(doc, h, look, part):
    """Curly hair gathered up in a puff (Sam)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    if part == "back":
        px, py = cx - h.turn * rx * 0.2, cy - ry * 1.1
        col = shade(look.hair, 0.04)
        doc.ellipse(px, py, rx * 0.78, ry * 0.5, col)
        for k in range(9):
            t = -1.0 + k * 0.25
            doc.circle(px + rx * 0.72 * t, py - ry * 0.42 * (1 - t * t) ** 0.5, rx * 0.16, col)
        return
    doc.path(_cap(h, ry * 0.08, -0.5, -0.05, -0.05, width=1.06, temple=-0.15), fill=look.hair)
    for k in range(7):
        t = -0.75 + k * 0.25
        doc.circle(h.fx + rx * t * 0.85, _hairline(h, -0.5) - ry * 0.04 + abs(t) * ry * 0.16, rx * 0.1, look.hair)
    doc.path(Path().M(cx - rx * 0.55, cy - ry * 1.02).Q(cx, cy - ry * 1.12, cx + rx * 0.55, cy - ry * 1.02),
             fill="none", stroke=look.details or "#c6a15b", stroke_width=ry * 0.1)


def _style_boy_crop(doc, h, look, part):
    """Short hair with a textured fringe (Jay)."""
    if part == "back":
        return
    rx, ry = h.rx, h.ry
    doc.path(_cap(h, ry * 0.12, -0.48, -0.1, -0.1, part_at=0.15, sweep=-0.06, width=1.05, temple=-0.2), fill=look.hair)
    y = _hairline(h, -0.48)
    for k, dx in enumerate((-0.35, -0.1, 0.15)):
        x = h.fx + rx * dx
        doc.poly([(x - rx * 0.12, y - ry * 0.08), (x + rx * 0.12, y - ry * 0.08), (x - rx * 0.02, y + ry * 0.1)],
                 look.hair)


def _style_fade(doc, h, look, part):
    """Very short cropped hair (Ade)."""
    if part == "back":
        return
    doc.path(_cap(h, h.ry * 0.06, -0.55, -0.05, -0.05, width=1.03, temple=-0.2), fill=look.hair, opacity=0.55)
    doc.path(_cap(h, h.ry * 0.06, -0.55, -0.45, -0.45, width=1.03, temple=-0.45), fill=look.hair)


def _style_receding(doc, h, look, part):
    """Close-cropped hair with a receding hairline, for an older man (Mr Campbell)."""
    if part == "back":
        return
    doc.path(_cap(h, h.ry * 0.04, -0.78, -0.02, -0.02, width=1.03, temple=-0.28), fill=look.hair, opacity=0.9)
    doc.path(_cap(h, h.ry * 0.04, -0.62, -0.4, -0.4, width=1.04, temple=-0.45), fill=look.hair)


def _style_set_curls(doc, h, look, part):
    """A short, neatly set head of curls, for an older woman (Pearl)."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    if part == "back":
        doc.ellipse(cx, cy - ry * 0.3, rx * 1.2, ry * 0.86, shade(look.hair, 0.05))
        return
    doc.path(_cap(h, ry * 0.2, -0.5, 0.05, 0.05, width=1.16, temple=-0.12), fill=look.hair)
    for k in range(7):
        t = -0.78 + k * 0.26
        doc.circle(h.fx + rx * t, _hairline(h, -0.5) - ry * 0.02 + abs(t) * ry * 0.12, rx * 0.13, look.hair)
    for s in (-1, 1):
        doc.circle(cx + s * rx * 1.08, cy - ry * 0.2, rx * 0.16, look.hair)
        doc.circle(cx + s * rx * 1.02, cy + ry * 0.05, rx * 0.14, look.hair)
    if look.grey:
        doc.stroke(Path().M(h.fx - rx * 0.6, _hairline(h, -0.62)).Q(cx, cy - ry * 1.15, h.fx + rx * 0.6, _hairline(h, -0.62)),
                   look.grey, 5, opacity=0.5)


def _style_none(doc, h, look, part):
    return


# -- hood -------------------------------------------------------------------

def _ellipse_subpath(p: Path, cx, cy, rx, ry) -> Path:
    return p.M(cx + rx, cy).A(rx, ry, 0, 1, 1, cx - rx, cy).A(rx, ry, 0, 1, 1, cx + rx, cy).Z()


def _hood(doc, h, look, part):
    """A raised hood: a rounded shape behind the head, and a front rim with an
    opening for the face (an even-odd ring) that moves as the head turns."""
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    col = shade(look.top, 0.08)
    if part == "back":
        p = Path().M(cx - rx * 1.3, cy + ry * 1.3)
        p.C(cx - rx * 1.5, cy - ry * 0.4, cx - rx * 1.0, cy - ry * 1.38, cx, cy - ry * 1.38)
        p.C(cx + rx * 1.0, cy - ry * 1.38, cx + rx * 1.5, cy - ry * 0.4, cx + rx * 1.3, cy + ry * 1.3).Z()
        doc.path(p, fill=col)
        return
    t = h.turn
    ox = cx + t * rx * 0.42
    orx = rx * 0.8 * (1 - 0.3 * abs(t))
    ory = ry * 0.9
    oy = cy + ry * 0.1 + ry * 0.1 * h.down
    ring = _ellipse_subpath(Path(), cx, cy - ry * 0.06, rx * 1.24, ry * 1.24)
    ring = _ellipse_subpath(ring, ox, oy, orx, ory)
    doc.path(ring, fill=col, fill_rule="evenodd")
    doc.ellipse(ox, oy, orx, ory, "none", stroke=shade(col, 0.14), stroke_width=4)
