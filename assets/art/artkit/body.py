"""Painting the body: limbs, hands, shoes, torso and clothes, chair, props.

Limbs are round-capped strokes with a hairline outline one shade darker than
their fill, so an arm folded over a jumper of the same colour still reads.
The torso is drawn upright in its own frame and rotated at the hips.
"""

from __future__ import annotations

import math

from .colour import mix, shade, tint
from .model import GROUND, Arm, Build, Look, Skeleton
from .svg import Doc, Path

OUTLINE = 0.2   # how much darker limb outlines are than their fill
DIM = 0.1       # how much darker the far arm and leg are


def _seg(a, b) -> Path:
    return Path().M(*a).L(*b)


def limb(doc: Doc, segments, colour: str, outline: bool = True):
    """Draw [(a, b, width), ...] as one soft shape: outlines first, then fills."""
    if outline:
        edge = shade(colour, OUTLINE)
        for a, b, w in segments:
            doc.stroke(_seg(a, b), edge, w + 4)
    for a, b, w in segments:
        doc.stroke(_seg(a, b), colour, w)


def _angle(a, b) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def hand(doc: Doc, wrist, elbow, skin: str, r: float, style: str = "mitt"):
    """A soft oval hand continuing the forearm's direction."""
    if style == "hidden":
        return
    ang = _angle(elbow, wrist)
    rad = math.radians(ang)
    cx = wrist[0] + math.cos(rad) * r * 0.5
    cy = wrist[1] + math.sin(rad) * r * 0.5
    t = f"translate({cx:.1f} {cy:.1f}) rotate({ang:.1f})"
    edge = dict(stroke=shade(skin, 0.22), stroke_width=2)
    if style == "palm":
        doc.ellipse(0, 0, r * 1.25, r * 0.9, skin, transform=t, **edge)
        doc.ellipse(-r * 0.55, -r * 0.62, r * 0.5, r * 0.3, skin, transform=t)   # thumb
    else:
        doc.ellipse(0, 0, r * 1.15, r * 0.95, skin, transform=t, **edge)


def draw_arm(doc: Doc, arm: Arm, b: Build, look: Look, parts=("upper", "fore"), dim: float = 0.0):
    sleeve = shade(look.top, dim)
    skin = shade(look.skin, dim)
    segs = []
    if "upper" in parts:
        segs.append((arm.shoulder, arm.elbow, b.arm_w))
    if "fore" in parts:
        segs.append((arm.elbow, arm.wrist, b.fore_w))
    if look.sleeves_short:
        # skin arm with a short sleeve over the top of the upper arm
        limb(doc, segs, skin)
        if "upper" in parts:
            mid = (arm.shoulder[0] + (arm.elbow[0] - arm.shoulder[0]) * 0.45,
                   arm.shoulder[1] + (arm.elbow[1] - arm.shoulder[1]) * 0.45)
            limb(doc, [(arm.shoulder, mid, b.arm_w + 6)], sleeve)
    else:
        limb(doc, segs, sleeve)
        if "fore" in parts and arm.hand != "hidden":
            # a cuff just before the hand
            ang = math.radians(_angle(arm.elbow, arm.wrist))
            c0 = (arm.wrist[0] - math.cos(ang) * 10, arm.wrist[1] - math.sin(ang) * 10)
            doc.stroke(_seg(c0, arm.wrist), shade(sleeve, 0.08), b.fore_w * 0.98, cap="butt")
    if "fore" in parts:
        hand(doc, arm.wrist, arm.elbow, skin, b.hand_r, arm.hand)


def shoe(doc: Doc, ankle, b: Build, colour: str, direction: int = 0, lifted: float = 0.0):
    """A rounded shoe.  direction: -1/+1 points sideways, 0 faces the viewer."""
    h = b.foot_h + 8
    bottom = GROUND - lifted
    if direction == 0:
        w = b.shin_w * 1.2
        x0, x1 = ankle[0] - w / 2, ankle[0] + w / 2
    else:
        back = ankle[0] - direction * b.shin_w * 0.5
        toe = ankle[0] + direction * b.foot_len * 1.1
        x0, x1 = min(back, toe), max(back, toe)
    doc.rect(x0, bottom - h, x1 - x0, h, colour, rx=h / 2)
    doc.rect(x0 + 4, bottom - 6, x1 - x0 - 8, 6, tint(colour, 0.3), rx=3)


# --------------------------------------------------------------------------
# Legs and chair
# --------------------------------------------------------------------------

def draw_legs(doc: Doc, sk: Skeleton, look: Look):
    b, j, pose = sk.build, sk.joints, sk.pose
    if pose.seated:
        f = pose.facing
        for part, dim in (("far", DIM), ("near", 0.0)):
            col = shade(look.legs, dim)
            hip, knee, ankle = j["hip_" + part], j["knee_" + part], j["ankle_" + part]
            limb(doc, [(knee, ankle, b.shin_w), (hip, knee, b.leg_w)], col)
            shoe(doc, ankle, b, shade(look.shoes, dim), f, lifted=GROUND - b.foot_h - ankle[1])
        # the seat of the trousers, joining both thighs under the torso
        hx, hy = sk.hip
        doc.ellipse(hx + f * b.hip * 0.3, hy + 4, b.hip * 0.78, b.leg_w * 0.52, look.legs)
        return
    if pose.legs == "floor":
        for side, s in (("l", -1), ("r", 1)):
            limb(doc, [(j["hip_" + side], j["knee_" + side], b.leg_w),
                       (j["knee_" + side], j["ankle_" + side], b.shin_w)], look.legs)
        for side, s in (("l", -1), ("r", 1)):
            ax, ay = j["ankle_" + side]
            doc.ellipse(ax + s * b.foot_len * 0.35, ay - 2, b.foot_h * 0.95, b.foot_len * 0.5, look.shoes,
                        transform=f"rotate({-s * 20} {ax + s * b.foot_len * 0.35:.1f} {ay - 2:.1f})")
        return
    for side in ("l", "r"):
        limb(doc, [(j["hip_" + side], j["knee_" + side], b.leg_w),
                   (j["knee_" + side], j["ankle_" + side], b.shin_w)], look.legs)
    direction = 0
    if abs(pose.turn) > 0.3:
        direction = 1 if pose.turn > 0 else -1
    for side, s in (("l", -1), ("r", 1)):
        ankle = j["ankle_" + side]
        shoe(doc, (ankle[0] + s * 3, ankle[1]), b, look.shoes, direction, lifted=GROUND - b.foot_h - ankle[1])


CHAIR_WOOD = "#b3a291"
CHAIR_SEAT = "#aab6bf"


def draw_chair(doc: Doc, sk: Skeleton):
    """A plain, low-backed upholstered chair at three-quarters, behind the sitter."""
    b = sk.build
    f = sk.pose.facing
    hx, _ = sk.hip
    seat_y = sk.seat_y
    wood_d = shade(CHAIR_WOOD, 0.12)
    back_x = hx - f * b.hip * 1.0
    front_x = hx + f * b.thigh * 0.75
    x0, x1 = min(back_x, front_x), max(back_x, front_x)
    # legs: two far ones (darker, shorter), two near ones
    for x in (back_x + f * 40, front_x + f * 6):
        doc.rect(x - 6, seat_y + 10, 12, GROUND - seat_y - 24, shade(wood_d, 0.1), rx=6)
    for x in (back_x + f * 10, front_x - f * 16):
        doc.rect(x - 7, seat_y + 10, 14, GROUND - seat_y - 12, wood_d, rx=7)
    # back rest
    top = sk.seat_y - b.torso * 0.62
    bx = back_x - f * 8
    doc.rect(min(bx, bx + f * 40), top, 40, seat_y - top + 10, CHAIR_SEAT, rx=18)
    # seat cushion on a wooden rail
    doc.rect(x0 - 4, seat_y + 8, (x1 - x0) + 8, 16, CHAIR_WOOD, rx=8)
    doc.rect(x0 - 8, seat_y - 12, (x1 - x0) + 16, 30, CHAIR_SEAT, rx=15)


# --------------------------------------------------------------------------
# Torso and clothes (drawn upright in the torso frame)
# --------------------------------------------------------------------------

def torso_path(sk: Skeleton) -> Path:
    b, pose = sk.build, sk.pose
    hx, hy = sk.hip
    sx, sy = hx, hy - b.torso
    t = pose.turn
    sw = b.shoulder * (1 - 0.16 * abs(t)) * (1 - 0.06 * pose.slump)
    ww = b.waist * (1 - 0.1 * abs(t))
    hw = b.hip * (1 - 0.08 * abs(t)) * (1.06 if pose.seated else 1)
    hem_y = hy + (b.hem * 0.5 if pose.seated else b.hem)
    nw = b.neck_w * 0.75
    top = sy - 2 + pose.slump * 8
    slump = pose.slump * 10
    wy = sy + (hy - sy) * 0.62
    p = Path().M(sx - nw, top)
    p.C(sx - sw * 0.72, top - 1, sx - sw * 1.02, top + 8 + slump, sx - sw, sy + 42 + slump)
    p.C(sx - sw * 0.99, sy + 90, sx - ww, wy - 50, sx - ww, wy)
    p.C(sx - ww, wy + 40, hx - hw, hem_y - 46, hx - hw, hem_y - 12)
    p.Q(hx - hw, hem_y, hx - hw + 14, hem_y)
    p.L(hx + hw - 14, hem_y)
    p.Q(hx + hw, hem_y, hx + hw, hem_y - 12)
    p.C(hx + hw, hem_y - 46, sx + ww, wy + 40, sx + ww, wy)
    p.C(sx + ww, wy - 50, sx + sw * 0.99, sy + 90, sx + sw, sy + 42 + slump)
    p.C(sx + sw * 1.02, top + 8 + slump, sx + sw * 0.72, top - 1, sx + nw, top)
    return p.Z()


def draw_torso(doc: Doc, sk: Skeleton, look: Look):
    with doc.group(transform=sk.torso_transform):
        _torso_local(doc, sk, look)


def _torso_local(doc: Doc, sk: Skeleton, look: Look):
    b = sk.build
    hx, hy = sk.hip
    sy = hy - b.torso
    hem_y = hy + (b.hem * 0.5 if sk.pose.seated else b.hem)
    fx = hx + sk.front(0)
    top = look.top
    style = look.top_style
    ny = sy - 1 + sk.pose.slump * 8
    nw = b.neck_w

    doc.path(torso_path(sk), fill=top)

    if style in ("cardigan", "blazer"):
        vy = sy + (hy - sy) * (0.5 if style == "cardigan" else 0.45)
        gap = 12 if style == "cardigan" else 4
        # the inner top shows in a V at the neck, then a narrow strip down the front
        inner = (Path().M(fx - nw * 0.9, ny).L(fx + nw * 0.9, ny).L(fx + gap, vy).L(fx + gap + 4, hem_y)
                 .L(fx - gap - 4, hem_y).L(fx - gap, vy).Z())
        doc.path(inner, fill=look.under)
        doc.path(Path().M(fx - nw * 0.62, ny).Q(fx, ny + 16, fx + nw * 0.62, ny).Z(), fill=shade(look.under, 0.07))
        if style == "blazer":
            lapel = shade(top, 0.12)
            for s in (-1, 1):
                doc.path(Path().M(fx + s * nw * 0.9, ny).L(fx + s * (nw + 24), sy + 44).L(fx + s * (nw + 6), sy + 56)
                         .L(fx + s * gap, vy).Z(), fill=lapel)
            doc.circle(fx + 14, vy + 28, 4.5, shade(top, 0.3))
        else:
            band = shade(top, 0.1)
            for s in (-1, 1):
                doc.stroke(Path().M(fx + s * (nw * 0.9 + 4), ny + 2).L(fx + s * (gap + 5), vy)
                           .L(fx + s * (gap + 9), hem_y - 2), band, 7)
            _hem_band(doc, sk, hem_y, 12, shade(top, 0.06))
    elif style == "hoodie":
        _hem_band(doc, sk, hem_y, 18, shade(top, 0.1))
        if not sk.pose.hood_up:
            for s in (-1, 1):
                x0 = fx + s * nw * 0.42
                doc.stroke(Path().M(x0, ny + 14).L(x0 + s * 2, ny + 70), look.details or tint(top, 0.45), 4)
                doc.circle(x0 + s * 2, ny + 72, 3.5, look.details or tint(top, 0.45))
    elif style == "jumper":
        # V-neck school jumper over a white polo collar, with a small badge
        vy = sy + 64
        doc.path(Path().M(fx - nw * 0.8, ny).L(fx, vy).L(fx + nw * 0.8, ny).Z(), fill=look.under)
        doc.path(Path().M(fx - nw * 0.8 - 4, ny).L(fx, vy + 6).L(fx + nw * 0.8 + 4, ny), fill="none",
                 stroke=shade(top, 0.14), stroke_width=6, stroke_linejoin="round")
        for s in (-1, 1):
            doc.path(Path().M(fx + s * 2, ny + 10).L(fx + s * nw * 0.8, ny - 4).L(fx + s * nw * 0.55, ny + 26).Z(),
                     fill=shade(look.under, 0.05))
        if look.details:
            lx = fx + b.shoulder * 0.45
            doc.circle(lx, sy + 100, 11, look.details)
            doc.circle(lx, sy + 100, 5.5, top)
        _hem_band(doc, sk, hem_y, 14, shade(top, 0.08))
    elif style == "shirt":
        for s in (-1, 1):
            doc.path(Path().M(fx, ny + 18).L(fx + s * nw * 0.95, ny - 6).L(fx + s * nw * 1.1, ny + 16).Z(),
                     fill=tint(top, 0.3), stroke=shade(top, 0.08), stroke_width=1.5)
        doc.stroke(Path().M(fx, ny + 20).L(fx, hem_y - 4), shade(top, 0.1), 2.5)
        for k in range(4):
            yy = ny + 56 + k * 54
            if yy < hem_y - 12:
                doc.circle(fx + 5, yy, 3, shade(top, 0.22))
    elif style == "tunic":
        trim = look.details or tint(top, 0.4)
        doc.path(Path().M(fx - nw * 0.8, ny).Q(fx, ny + 36, fx + nw * 0.8, ny), fill="none", stroke=trim, stroke_width=5)
        doc.stroke(Path().M(fx, ny + 18).L(fx, ny + 66), trim, 4)
        _hem_band(doc, sk, hem_y, 10, shade(top, 0.08))
    else:  # tee, knit
        doc.path(Path().M(fx - nw * 0.72, ny).Q(fx, ny + 24, fx + nw * 0.72, ny), fill="none",
                 stroke=shade(top, 0.14), stroke_width=7)
        if style == "knit":
            _hem_band(doc, sk, hem_y, 16, shade(top, 0.08))

    if look.tie and style in ("shirt", "cardigan", "blazer"):
        _tie(doc, look.tie, fx, ny, sy + (hy - sy) * 0.5)
    if style == "hoodie" and not sk.pose.hood_up:
        _hood_down(doc, sk, look, fx, ny)
    if look.lanyard:
        _lanyard(doc, sk, look, fx, ny)


def _tie(doc: Doc, colour: str, fx: float, ny: float, end_y: float):
    """A plain necktie: a small knot under the collar and a blade to mid-chest."""
    doc.path(Path().M(fx - 8, ny + 6).L(fx + 8, ny + 6).L(fx + 6, ny + 20).L(fx - 6, ny + 20).Z(), fill=shade(colour, 0.1))
    doc.path(Path().M(fx - 6, ny + 20).L(fx + 6, ny + 20).L(fx + 11, end_y - 14).L(fx, end_y).L(fx - 11, end_y - 14).Z(),
             fill=colour)
    doc.stroke(Path().M(fx - 9, end_y - 60).L(fx + 9, end_y - 70), tint(colour, 0.25), 3)


def _hem_band(doc: Doc, sk: Skeleton, hem_y: float, h: float, colour: str):
    """A ribbed band at the hem, kept inside the torso's rounded bottom corners."""
    b, t = sk.build, sk.pose.turn
    hw = b.hip * (1 - 0.08 * abs(t)) * (1.06 if sk.pose.seated else 1)
    hx = sk.hip[0]
    p = (Path().M(hx - hw + 0.5, hem_y - h).L(hx + hw - 0.5, hem_y - h).L(hx + hw, hem_y - 12)
         .Q(hx + hw, hem_y, hx + hw - 14, hem_y).L(hx - hw + 14, hem_y).Q(hx - hw, hem_y, hx - hw, hem_y - 12).Z())
    doc.path(p, fill=colour)


def _hood_down(doc: Doc, sk: Skeleton, look: Look, fx: float, ny: float):
    """The hood bunched around the back of the neck and over the shoulders."""
    nw = sk.build.neck_w
    col = shade(look.top, 0.08)
    w = nw * 1.5
    p = Path().M(fx - w - 10, ny + 26)
    p.C(fx - w - 14, ny - 26, fx + w + 14, ny - 26, fx + w + 10, ny + 26)
    p.Q(fx + w * 0.7, ny + 34, fx + nw * 0.45, ny + 16)
    p.Q(fx, ny - 8, fx - nw * 0.45, ny + 16)
    p.Q(fx - w * 0.7, ny + 34, fx - w - 10, ny + 26)
    doc.path(p.Z(), fill=col)


def draw_pocket(doc: Doc, sk: Skeleton, look: Look):
    """The front pocket of a hoodie (drawn again over hands tucked inside)."""
    b = sk.build
    hx, hy = sk.hip
    fx = hx + sk.front(0)
    y0 = hy - b.hem * 2.2
    y1 = hy + b.hem * 0.3
    w0, w1 = b.waist * 0.5, b.hip * 0.72
    col = shade(look.top, 0.06)
    with doc.group(transform=sk.torso_transform):
        doc.path(Path().M(fx - w0, y0).L(fx + w0, y0).L(fx + w1, y1).L(fx - w1, y1).Z(), fill=col,
                 stroke=shade(look.top, 0.14), stroke_width=2, stroke_linejoin="round")


def _lanyard(doc: Doc, sk: Skeleton, look: Look, fx: float, ny: float):
    nw = sk.build.neck_w
    by = ny + 128
    for s in (-1, 1):
        doc.stroke(Path().M(fx + s * nw * 0.62, ny).Q(fx + s * nw * 0.5, by - 46, fx, by - 8), look.lanyard, 5)
    doc.rect(fx - 18, by - 8, 36, 46, "#f3f1ec", rx=5, stroke=shade("#f3f1ec", 0.12), stroke_width=1.5)
    doc.rect(fx - 12, by + 2, 24, 15, mix(look.lanyard, "#ffffff", 0.5), rx=3)
    doc.rect(fx - 12, by + 23, 24, 4, "#c9cbd0", rx=2)


def bag_strap(sk: Skeleton):
    """A cross-body bag: (side, strap start, control, end, bag centre).

    The bag rests at the hip on the side nearer the viewer; the strap runs
    from the other shoulder across the chest (where the 'strap' arm pose
    holds it)."""
    b = sk.build
    hx, hy = sk.hip
    near = sk.pose.turn
    s = (-1 if near > 0.12 else 1)
    far_sh = sk.joints["shoulder_l" if s > 0 else "shoulder_r"]
    start = (far_sh[0] + s * 20, far_sh[1] - b.arm_w * 0.5 - 4)
    bag = (hx + s * (b.hip + 24), hy + 8)
    end = (bag[0] - s * 12, bag[1] - 36)
    ctrl = (hx + s * b.hip * 0.35, (start[1] + end[1]) / 2 - 10)
    return s, start, ctrl, end, bag


def strap_point(sk: Skeleton, t: float):
    _, p0, p1, p2, _ = bag_strap(sk)
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1])


def draw_bag(doc: Doc, sk: Skeleton, look: Look, part: str):
    """The bag at the hip ('bag', behind the arm) or its strap ('strap', over the chest)."""
    s, start, ctrl, end, (bx, by) = bag_strap(sk)
    if part == "strap":
        doc.stroke(Path().M(*start).Q(*ctrl, *end), shade(look.bag, 0.18), 11)
    else:
        doc.rect(bx - 42, by - 38, 84, 96, look.bag, rx=18)
        doc.rect(bx - 42, by - 38, 84, 38, shade(look.bag, 0.1), rx=16)
        doc.circle(bx, by - 6, 4.5, tint(look.bag, 0.45))


TOY_COLOURS = ("#a8bba3", "#d8b878", "#8fa6ba", "#d7a9a4")


def _block(doc: Doc, x: float, y: float, size: float, colour: str, angle: float = 0.0):
    t = f"rotate({angle:.1f} {x:.1f} {y:.1f})" if angle else None
    doc.rect(x - size / 2, y - size / 2, size, size, colour, rx=size * 0.18, transform=t)
    doc.rect(x - size * 0.22, y - size * 0.22, size * 0.44, size * 0.44, tint(colour, 0.35), rx=size * 0.12,
             transform=t)


def _rabbit(doc: Doc, x: float, y: float, s: float):
    """A soft toy rabbit held up against the face."""
    fur, inner = "#ded4c6", "#e7c3bd"
    for dx, ang in ((-0.28, -14), (0.3, 12)):
        doc.ellipse(x + s * dx, y - s * 1.05, s * 0.2, s * 0.55, fur, transform=f"rotate({ang} {x + s * dx:.1f} {y - s * 1.05:.1f})")
        doc.ellipse(x + s * dx, y - s * 1.02, s * 0.09, s * 0.38, inner, transform=f"rotate({ang} {x + s * dx:.1f} {y - s * 1.05:.1f})")
    doc.ellipse(x, y + s * 0.55, s * 0.62, s * 0.7, fur)
    doc.circle(x, y - s * 0.35, s * 0.5, fur)
    doc.circle(x - s * 0.18, y - s * 0.4, s * 0.06, "#6b6461")
    doc.circle(x + s * 0.18, y - s * 0.4, s * 0.06, "#6b6461")
    doc.ellipse(x, y - s * 0.22, s * 0.08, s * 0.05, "#c98f8a")


def draw_prop(doc: Doc, sk: Skeleton, arms, prop: str | None, stage: str = "before_arms"):
    """Things held in the hands: 'before_arms' sits under the hands, 'after_arms' over them."""
    if not prop:
        return
    b = sk.build
    if stage == "before_arms" and prop == "folder":
        (x0, y0), (x1, y1) = arms[0].wrist, arms[-1].wrist
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        t = f"rotate(-5 {cx:.1f} {cy:.1f})"
        doc.rect(cx - 64, cy - 80, 120, 150, "#9fb3c4", rx=8, transform=t)
        doc.rect(cx - 58, cy - 74, 108, 138, "#f1ede6", rx=6, transform=t)
        for k in range(4):
            doc.rect(cx - 44, cy - 54 + k * 22, 70 - (k % 2) * 20, 5, "#d5d3ce", rx=2.5, transform=t)
    elif stage == "before_arms" and prop == "notebook":
        (x0, y0), (x1, y1) = arms[0].wrist, arms[-1].wrist
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        doc.rect(cx - 60, cy - 58, 120, 84, "#c9b08c", rx=7)
        doc.rect(cx - 53, cy - 51, 106, 70, "#f3efe7", rx=4)
    elif prop in ("blocks_up", "blocks_down"):
        size = 50
        x = sk.hip[0] + b.hip * 1.75
        if stage == "before_arms":
            _block(doc, x - 2, GROUND - size * 0.5, size, TOY_COLOURS[2])
            _block(doc, x + 2, GROUND - size * 1.5 + 2, size, TOY_COLOURS[1], 4)
            _block(doc, sk.hip[0] - b.hip * 2.1, GROUND - size * 0.42, size * 0.85, TOY_COLOURS[3], -8)
        else:
            held = [a for a in arms if a.shoulder == sk.joints["shoulder_l"]][0].wrist
            _block(doc, held[0] + 6, held[1] - 4, size, TOY_COLOURS[0], -10 if prop == "blocks_up" else 0)
    elif prop == "rabbit" and stage == "before_arms":
        hx, hy = sk.head
        _rabbit(doc, hx + sk.pose.turn * 12, hy + b.head_ry * 1.0, b.head_rx * 1.1)
