"""Heads and faces.

Faces stay simple: dot eyes (or small arcs when closed, smiling or looking
down), short eyebrow strokes that carry most of the emotion, a soft nose
shadow and a gentle mouth line.  Features slide sideways as the head turns,
and drop as the head bows.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import hair
from .colour import INK, mix, shade
from .model import Face, Look, Skeleton
from .svg import Doc, Path


@dataclass
class HeadGeo:
    cx: float
    cy: float
    rx: float
    ry: float
    turn: float       # -1..1
    down: float       # 0..1 looking down
    up: float         # 0..1 chin raised

    @property
    def fx(self) -> float:
        """x of the face's centre line."""
        return self.cx + self.turn * self.rx * 0.3


def head_geo(sk: Skeleton) -> HeadGeo:
    b, pose = sk.build, sk.pose
    hx, hy = sk.head
    turn = pose.head_turn if pose.head_turn is not None else pose.turn
    return HeadGeo(hx, hy, b.head_rx, b.head_ry, turn, max(0.0, -pose.chin), max(0.0, pose.chin))


def head_transform(sk: Skeleton) -> str | None:
    """Heads rotate about the top of the neck: tilt, bowing and the spine's lean."""
    pose = sk.pose
    nx, ny = sk.neck_top
    angle = pose.tilt + sk.angle * 0.45
    if pose.chin < 0:
        angle += (pose.facing if pose.seated else (1 if pose.turn >= 0 else -1)) * 10 * -pose.chin
    if abs(angle) < 0.05:
        return None
    return f"rotate({angle:.1f} {nx:.1f} {ny:.1f})"


def head_path(h: HeadGeo) -> Path:
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    top, chin = cy - ry, cy + ry
    jaw = cx + h.turn * rx * 0.14
    p = Path().M(cx, top)
    p.C(cx + rx * 0.58, top, cx + rx, cy - ry * 0.55, cx + rx, cy - ry * 0.02)
    p.C(cx + rx, cy + ry * 0.52, jaw + rx * 0.56, chin, jaw, chin)
    p.C(jaw - rx * 0.56, chin, cx - rx, cy + ry * 0.52, cx - rx, cy - ry * 0.02)
    p.C(cx - rx, cy - ry * 0.55, cx - rx * 0.58, top, cx, top)
    return p.Z()


def feature_colours(look: Look):
    ink = look.brow or mix(shade(look.hair, 0.5), INK, 0.4)
    lips = look.lips or mix(shade(look.skin, 0.35), "#9c5656", 0.35)
    return ink, lips


BROWS = {
    # name: (inner raise, outer raise, arch) in units of the eye radius
    "neutral": (0.0, 0.0, 0.35),
    "soft": (0.45, 0.05, 0.35),
    "worried": (1.15, -0.4, 0.1),
    "sad": (0.95, -0.65, 0.0),
    "frown": (-1.0, 0.35, 0.05),
    "tense": (-0.5, 0.1, 0.15),
    "raised": (0.8, 0.7, 0.45),
    "flat": (-0.2, -0.2, 0.05),
    "one": (0.0, 0.0, 0.35),
}


EYES = ("open", "narrow", "down", "closed", "happy")
MOUTHS = ("neutral", "small", "smile", "grin", "frown", "tight", "press", "wobble", "talk")


def draw_face(doc: Doc, h: HeadGeo, look: Look, face: Face):
    if face.eyes not in EYES or face.mouth not in MOUTHS or face.brows not in BROWS:
        raise ValueError(f"unknown face part in {face!r}")
    ink, lips = feature_colours(look)
    rx, ry = h.rx, h.ry
    fx = h.fx
    drop = ry * (0.18 * h.down - 0.06 * h.up)
    eye_y = h.cy + ry * 0.06 + drop
    sep = rx * 0.4
    sgn = 1 if h.turn >= 0 else -1
    k_near, k_far = 1 + 0.1 * abs(h.turn), 1 - 0.25 * abs(h.turn)
    eyes = []
    for s in (-1, 1):
        k = k_far if s == sgn else k_near
        eyes.append((fx + s * sep * k, eye_y))
    er = rx * 0.12   # eye radius: every feature is sized from this

    if look.blush:
        for ex, ey in eyes:
            doc.ellipse(ex + (ex - fx) * 0.15, ey + ry * 0.32, rx * 0.19, rx * 0.12, "#e08a80", opacity=look.blush)

    for ex, ey in eyes:
        gx = face.gaze * er * 0.8
        if face.eyes == "open":
            doc.ellipse(ex + gx, ey, er * 0.85, er * 1.08, ink)
            doc.circle(ex + gx + er * 0.3, ey - er * 0.4, er * 0.22, "#ffffff", opacity=0.7)
        elif face.eyes == "narrow":
            doc.ellipse(ex + gx, ey + 1, er * 0.9, er * 0.68, ink)
        elif face.eyes == "down":
            doc.path(Path().M(ex - er * 1.05, ey).Q(ex, ey + er * 1.5, ex + er * 1.05, ey).Z(), fill=ink)
            doc.stroke(Path().M(ex - er * 1.15, ey).L(ex + er * 1.15, ey), ink, er * 0.45)
        elif face.eyes == "closed":
            doc.stroke(Path().M(ex - er * 1.2, ey).Q(ex, ey + er * 1.1, ex + er * 1.2, ey), ink, er * 0.5)
        elif face.eyes == "happy":
            doc.stroke(Path().M(ex - er * 1.1, ey + er * 0.35).Q(ex, ey - er * 1.0, ex + er * 1.1, ey + er * 0.35),
                       ink, er * 0.55)

    inner, outer, arch = BROWS[face.brows]
    by = eye_y - er * 2.5
    bw = rx * 0.34
    for (ex, _), s in zip(eyes, (-1, 1)):
        k = k_far if s == sgn else k_near
        xi, xo = ex - s * bw * 0.42 * k, ex + s * bw * 0.58 * k
        lift_o = outer + (0.7 if face.brows == "one" and s == sgn else 0)
        yi, yo = by - inner * er, by - lift_o * er
        mx, my = (xi + xo) / 2, (yi + yo) / 2 - arch * er - 1
        doc.stroke(Path().M(xi, yi).Q(mx, my, xo, yo), ink, er * 0.58)

    # nose: a small soft shadow
    nx = fx + h.turn * rx * 0.14
    ny = h.cy + ry * 0.33 + drop * 0.8
    doc.ellipse(nx, ny, rx * 0.09, ry * 0.055, shade(look.skin, 0.16))

    # mouth
    my = h.cy + ry * 0.56 + drop * 0.6
    mx = fx + h.turn * rx * 0.06
    mw = rx * 0.2
    lw = er * 0.48
    m = face.mouth
    if m == "neutral":
        doc.stroke(Path().M(mx - mw * 0.9, my).Q(mx, my + 2, mx + mw * 0.9, my), lips, lw)
    elif m == "small":
        doc.stroke(Path().M(mx - mw * 1.05, my - 2).Q(mx, my + er * 0.85, mx + mw * 1.05, my - 2), lips, lw)
    elif m == "smile":
        doc.stroke(Path().M(mx - mw * 1.25, my - 4).Q(mx, my + er * 1.35, mx + mw * 1.25, my - 4), lips, lw * 1.05)
    elif m == "grin":
        inside = mix(lips, INK, 0.3)
        doc.path(Path().M(mx - mw * 1.25, my - 4).Q(mx, my - 1, mx + mw * 1.25, my - 4)
                 .Q(mx + mw * 0.9, my + er * 1.7, mx, my + er * 1.7).Q(mx - mw * 0.9, my + er * 1.7, mx - mw * 1.25, my - 4).Z(),
                 fill=inside)
        doc.path(Path().M(mx - mw * 0.95, my - 2.5).Q(mx, my - 0.5, mx + mw * 0.95, my - 2.5)
                 .Q(mx, my + er * 0.5, mx - mw * 0.95, my - 2.5).Z(), fill="#f6f2ec")
    elif m == "frown":
        doc.stroke(Path().M(mx - mw * 0.95, my + 3).Q(mx, my - er * 0.7, mx + mw * 0.95, my + 3), lips, lw)
    elif m == "tight":
        doc.stroke(Path().M(mx - mw * 0.75, my).L(mx + mw * 0.75, my), lips, lw * 1.2)
    elif m == "press":
        doc.stroke(Path().M(mx - mw * 0.7, my + 1.5).Q(mx, my - 2, mx + mw * 0.7, my + 1.5), lips, lw * 1.1)
    elif m == "wobble":
        doc.stroke(Path().M(mx - mw * 0.85, my + 3).Q(mx - mw * 0.42, my - 2, mx, my + 1)
                   .Q(mx + mw * 0.42, my - 2, mx + mw * 0.85, my + 3), lips, lw)
    elif m == "talk":
        doc.ellipse(mx, my + 2, mw * 0.6, er * 0.75, mix(lips, INK, 0.25))

    if face.tear:   # a single small glint below one eye, not a stream
        ex, ey = eyes[0]
        doc.path(Path().M(ex - er * 0.3, ey + er * 1.5).Q(ex + er * 0.5, ey + er * 2.8, ex - er * 0.3, ey + er * 2.9)
                 .Q(ex - er * 1.1, ey + er * 2.8, ex - er * 0.3, ey + er * 1.5).Z(), fill="#a9c8de")

    if look.glasses:
        gw, gh = rx * 0.27, rx * 0.21
        for (ex, ey), s in zip(eyes, (-1, 1)):
            k = k_far if s == sgn else k_near
            doc.rect(ex - gw * k, ey - gh, gw * 2 * k, gh * 2, "#ffffff", rx=gh * 0.7, fill_opacity=0.15,
                     stroke=look.glasses, stroke_width=3.4)
        (lx, ly), (rx2, _) = eyes
        doc.stroke(Path().M(lx + gw * 0.9, ly - 3).Q((lx + rx2) / 2, ly - 7, rx2 - gw * 0.9, ly - 3), look.glasses, 3.2)


def draw_ears(doc: Doc, h: HeadGeo, look: Look):
    for s in (-1, 1):
        if h.turn * s > 0.35:   # the far ear is hidden behind the head
            continue
        ex = h.cx + s * h.rx * (0.97 - 0.06 * abs(h.turn))
        ey = h.cy + h.ry * 0.12 + h.ry * 0.1 * h.down
        doc.ellipse(ex, ey, h.rx * 0.16, h.ry * 0.19, shade(look.skin, 0.07))
        if look.earrings:
            doc.circle(ex, ey + h.ry * 0.21, 4, look.earrings)


def draw_beard(doc: Doc, h: HeadGeo, look: Look):
    cx, cy, rx, ry = h.cx, h.cy, h.rx, h.ry
    jaw = cx + h.turn * rx * 0.14
    fx = h.fx
    if look.beard_full:
        # a neat short beard that leaves the mouth on skin, plus a moustache
        drop = ry * 0.1 * h.down
        my = cy + ry * 0.56 + drop
        p = Path().M(cx - rx * 0.99, cy + ry * 0.05)
        p.C(cx - rx * 0.99, cy + ry * 0.55, jaw - rx * 0.6, cy + ry * 1.07, jaw, cy + ry * 1.07)
        p.C(jaw + rx * 0.6, cy + ry * 1.07, cx + rx * 0.99, cy + ry * 0.55, cx + rx * 0.99, cy + ry * 0.05)
        p.L(cx + rx * 0.9, cy + ry * 0.1)
        p.C(cx + rx * 0.8, cy + ry * 0.45, fx + rx * 0.45, my + ry * 0.16, fx, my + ry * 0.16)
        p.C(fx - rx * 0.45, my + ry * 0.16, cx - rx * 0.8, cy + ry * 0.45, cx - rx * 0.9, cy + ry * 0.1)
        doc.path(p.Z(), fill=look.beard)
        mw = rx * 0.3
        doc.path(Path().M(fx - mw, my - 3).Q(fx, my - ry * 0.2, fx + mw, my - 3).Q(fx, my - ry * 0.1, fx - mw, my - 3).Z(),
                 fill=look.beard)
        return
    # light stubble along the jaw only
    p = Path().M(cx - rx * 0.93, cy + ry * 0.25)
    p.C(cx - rx * 0.88, cy + ry * 0.68, jaw - rx * 0.48, cy + ry * 0.95, jaw, cy + ry * 0.95)
    p.C(jaw + rx * 0.48, cy + ry * 0.95, cx + rx * 0.88, cy + ry * 0.68, cx + rx * 0.93, cy + ry * 0.25)
    p.Q(fx + rx * 0.55, cy + ry * 0.78, fx, cy + ry * 0.8)
    p.Q(fx - rx * 0.55, cy + ry * 0.78, cx - rx * 0.95, cy + ry * 0.25)
    doc.path(p.Z(), fill=look.beard, opacity=0.14)


def draw_neck(doc: Doc, sk: Skeleton, look: Look):
    b = sk.build
    h = head_geo(sk)
    w = b.neck_w
    nx, ny = sk.neck_top
    with doc.group(transform=head_transform(sk)):
        doc.rect(nx - w / 2, h.cy, w, ny - h.cy + 34, shade(look.skin, 0.1), rx=w * 0.3)


def draw_head(doc: Doc, sk: Skeleton, look: Look, face: Face, part: str):
    """part 'back' paints hair behind the body; 'front' the head, face and hair."""
    h = head_geo(sk)
    with doc.group(transform=head_transform(sk)):
        if part == "back":
            hair.draw(doc, h, look, "back", sk.pose)
            return
        draw_ears(doc, h, look)
        doc.path(head_path(h), fill=look.skin)
        if sk.pose.hood_up and abs(h.turn) > 0.85:
            hair.draw(doc, h, look, "front", sk.pose)
            return
        if look.beard:
            draw_beard(doc, h, look)
        draw_face(doc, h, look, face)
        hair.draw(doc, h, look, "front", sk.pose)
