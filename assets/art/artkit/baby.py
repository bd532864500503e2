"""A baby in a bouncer chair (Lily, 9 months).

Babies don't fit the standing/seated skeleton, so Lily is composed directly
here from the same parts: the shared head, face and hair painters, soft
capsule limbs and the shared palette.  Same world scale as everyone else.
"""

from __future__ import annotations

from .body import limb
from .colour import shade, tint
from .face import HeadGeo, draw_ears, draw_face, head_path
from . import hair
from .model import GROUND, Face, Look, Pose
from .svg import Doc, Path

FRAME = "#b9bec4"
SEAT = "#b7c7b3"


def draw_bouncer(doc: Doc, cx: float, part: str):
    """part 'back': frame and seat behind the baby; 'front': the seat's front lip and toy bar."""
    if part == "back":
        # the floor loop of the frame
        doc.ellipse(cx, GROUND - 14, 150, 18, "none", stroke=FRAME, stroke_width=12)
        # side tubes rising from the loop to the seat
        for s in (-1, 1):
            doc.stroke(Path().M(cx + s * 140, GROUND - 16).Q(cx + s * 150, GROUND - 120, cx + s * 112, GROUND - 190),
                       shade(FRAME, 0.05), 12)
        # the reclined seat: a soft rounded cradle with a headrest
        p = Path().M(cx - 118, GROUND - 120)
        p.C(cx - 130, GROUND - 260, cx - 110, GROUND - 400, cx, GROUND - 410)
        p.C(cx + 110, GROUND - 400, cx + 130, GROUND - 260, cx + 118, GROUND - 120)
        p.Q(cx + 110, GROUND - 60, cx, GROUND - 56).Q(cx - 110, GROUND - 60, cx - 118, GROUND - 120).Z()
        doc.path(p, fill=SEAT)
        doc.path(Path().M(cx - 92, GROUND - 150).C(cx - 100, GROUND - 260, cx - 88, GROUND - 370, cx, GROUND - 378)
                 .C(cx + 88, GROUND - 370, cx + 100, GROUND - 260, cx + 92, GROUND - 150).Z(), fill=tint(SEAT, 0.2))
        return
    # front lip of the seat over the baby's lap
    doc.path(Path().M(cx - 120, GROUND - 130).Q(cx, GROUND - 175, cx + 120, GROUND - 130)
             .Q(cx + 112, GROUND - 64, cx, GROUND - 60).Q(cx - 112, GROUND - 64, cx - 120, GROUND - 130).Z(),
             fill=shade(SEAT, 0.06))
    doc.rect(cx - 22, GROUND - 156, 44, 34, tint(SEAT, 0.35), rx=12)   # buckle pad


def draw_toy_bar(doc: Doc, cx: float):
    doc.stroke(Path().M(cx - 128, GROUND - 170).C(cx - 150, GROUND - 560, cx + 150, GROUND - 560, cx + 128, GROUND - 170),
               FRAME, 10)
    for dx, colour, shape in ((-82, "#d8b878", "star"), (82, "#8fa6ba", "ball")):
        top_y = GROUND - 452 + abs(dx) * 0.5
        doc.line(cx + dx, top_y, cx + dx, top_y + 30, shade(FRAME, 0.1), 3)
        y = top_y + 46
        if shape == "ring":
            doc.circle(cx + dx, y, 15, "none", stroke=colour, stroke_width=8)
        elif shape == "ball":
            doc.circle(cx + dx, y, 16, colour)
        else:
            doc.poly([(cx + dx, y - 18), (cx + dx + 6, y - 6), (cx + dx + 18, y - 5), (cx + dx + 9, y + 4),
                      (cx + dx + 12, y + 17), (cx + dx, y + 10), (cx + dx - 12, y + 17), (cx + dx - 9, y + 4),
                      (cx + dx - 18, y - 5), (cx + dx - 6, y - 6)], colour)


def draw_baby(doc: Doc, look: Look, awake: bool, bouncer: bool = True):
    """Lily in her bouncer, or (``bouncer=False``) on her own, to be drawn in someone's arms."""
    cx = 300.0
    if bouncer:
        draw_bouncer(doc, cx, "back")
    suit = look.top
    tilt = 0.0 if awake else -13.0
    head = HeadGeo(cx, GROUND - 318, 40, 41, 0.0, 0.0 if awake else 0.3, 0.0)
    # body in a soft sleepsuit
    body = Path().M(cx - 52, GROUND - 250)
    body.C(cx - 64, GROUND - 200, cx - 62, GROUND - 150, cx - 50, GROUND - 128)
    body.L(cx + 50, GROUND - 128)
    body.C(cx + 62, GROUND - 150, cx + 64, GROUND - 200, cx + 52, GROUND - 250)
    body.Q(cx, GROUND - 272, cx - 52, GROUND - 250).Z()
    # legs drawn first: they fold forward over the seat lip
    for s in (-1, 1):
        limb(doc, [((cx + s * 26, GROUND - 140), (cx + s * 50, GROUND - 120), 40),
                   ((cx + s * 50, GROUND - 120), (cx + s * 44, GROUND - 80), 34)], suit)
    doc.path(body, fill=suit)
    doc.path(Path().M(cx - 22, GROUND - 264).Q(cx, GROUND - 250, cx + 22, GROUND - 264), fill="none",
             stroke=shade(suit, 0.12), stroke_width=5)
    # head (tilted to one side when asleep)
    t = f"rotate({tilt} {cx:.1f} {GROUND - 270:.1f})" if tilt else None
    with doc.group(transform=t):
        draw_ears(doc, head, look)
        doc.path(head_path(head), fill=look.skin)
        face = Face(brows="soft", eyes="open", mouth="small") if awake else Face(brows="flat", eyes="closed", mouth="neutral")
        draw_face(doc, head, look, face)
        hair.draw(doc, head, look, "front", Pose())
    if not bouncer:
        return
    draw_bouncer(doc, cx, "front")
    # feet peeping over the seat lip
    for s in (-1, 1):
        doc.ellipse(cx + s * 44, GROUND - 78, 19, 15, tint(suit, 0.15))
    # arms
    if awake:
        for s in (-1, 1):
            limb(doc, [((cx + s * 46, GROUND - 236), (cx + s * 66, GROUND - 196), 28),
                       ((cx + s * 66, GROUND - 196), (cx + s * 44, GROUND - 232), 25)], suit)
            doc.circle(cx + s * 42, GROUND - 240, 13, look.skin, stroke=shade(look.skin, 0.2), stroke_width=2)
    else:
        for s in (-1, 1):
            limb(doc, [((cx + s * 46, GROUND - 236), (cx + s * 56, GROUND - 190), 28),
                       ((cx + s * 56, GROUND - 190), (cx + s * 28, GROUND - 172), 25)], suit)
            doc.circle(cx + s * 22, GROUND - 170, 13, look.skin, stroke=shade(look.skin, 0.2), stroke_width=2)
        # a small blanket over the lap
        doc.path(Path().M(cx - 92, GROUND - 170).Q(cx, GROUND - 196, cx + 92, GROUND - 170)
                 .L(cx + 100, GROUND - 110).Q(cx, GROUND - 96, cx - 100, GROUND - 110).Z(), fill="#e8dcc4")
        for k in range(3):
            y = GROUND - 160 + k * 20
            doc.stroke(Path().M(cx - 84, y + 4).Q(cx, y - 12, cx + 84, y + 4), "#ddcdb0", 4)
    draw_toy_bar(doc, cx)


def _baby_head(doc: Doc, look: Look, cx: float, cy: float, awake: bool, turn: float = 0.0, tilt: float = 0.0):
    head = HeadGeo(cx, cy, 40, 41, turn, 0.0 if awake else 0.3, 0.0)
    t = f"rotate({tilt} {cx:.1f} {cy + 48:.1f})" if tilt else None
    with doc.group(transform=t):
        draw_ears(doc, head, look)
        doc.path(head_path(head), fill=look.skin)
        face = Face(brows="soft", eyes="open", mouth="small") if awake else Face(brows="flat", eyes="closed", mouth="neutral")
        draw_face(doc, head, look, face)
        hair.draw(doc, head, look, "front", Pose(turn=turn))


def _hand(doc: Doc, look: Look, x: float, y: float, r: float = 13):
    doc.circle(x, y, r, look.skin, stroke=shade(look.skin, 0.2), stroke_width=2)


def draw_baby_crawling(doc: Doc, look: Look, awake: bool):
    """Lily on all fours on the floor, heading to screen right, head up to see where she is going."""
    suit = look.top
    far = shade(suit, 0.12)
    g = GROUND
    # far arm and leg first, a shade darker
    limb(doc, [((352, g - 150), (372, g - 80), 28), ((372, g - 80), (384, g - 18), 25)], far)
    _hand(doc, look, 388, g - 14, 12)
    limb(doc, [((236, g - 126), (276, g - 30), 36), ((276, g - 30), (196, g - 26), 30)], far)
    doc.ellipse(186, g - 30, 18, 14, tint(far, 0.1))
    # the body: a soft rounded sleepsuit, back gently arched
    body = Path().M(210, g - 150).C(214, g - 196, 290, g - 214, 350, g - 196)
    body.C(392, g - 182, 398, g - 130, 372, g - 112).C(330, g - 92, 260, g - 92, 226, g - 104)
    body.Q(200, g - 118, 210, g - 150).Z()
    doc.path(body, fill=suit)
    doc.stroke(Path().M(238, g - 186).Q(290, g - 204, 340, g - 192), tint(suit, 0.18), 6)
    # near leg: knee on the floor, foot up behind
    limb(doc, [((250, g - 120), (292, g - 24), 38), ((292, g - 24), (204, g - 16), 32)], suit)
    doc.ellipse(196, g - 20, 19, 15, tint(suit, 0.15))
    # head, raised and turned a little towards us
    _baby_head(doc, look, 420, g - 222, awake, turn=0.35)
    # near arm, straight down to the floor, in front of everything
    limb(doc, [((370, g - 150), (392, g - 80), 28), ((392, g - 80), (408, g - 16), 25)], suit)
    _hand(doc, look, 412, g - 12)
    doc.ellipse(300, g + 2, 150, 10, "#000000", opacity=0.05)


def draw_baby_sitting(doc: Doc, look: Look, awake: bool):
    """Lily sitting up on the floor by herself, legs out in front, a soft toy beside her."""
    suit = look.top
    g = GROUND
    cx = 300.0
    # legs out in front, a little apart
    for s in (-1, 1):
        limb(doc, [((cx + s * 24, g - 50), (cx + s * 64, g - 22), 40)], suit)
        doc.ellipse(cx + s * 84, g - 24, 20, 16, tint(suit, 0.15))
    body = Path().M(cx - 50, g - 196).C(cx - 62, g - 150, cx - 68, g - 80, cx - 58, g - 34)
    body.Q(cx, g - 20, cx + 58, g - 34).C(cx + 68, g - 80, cx + 62, g - 150, cx + 50, g - 196)
    body.Q(cx, g - 216, cx - 50, g - 196).Z()
    doc.path(body, fill=suit)
    doc.path(Path().M(cx - 22, g - 208).Q(cx, g - 194, cx + 22, g - 208), fill="none", stroke=shade(suit, 0.12), stroke_width=5)
    _baby_head(doc, look, cx, g - 262, awake, tilt=0.0 if awake else -10.0)
    # hands together in the lap, or reaching for the toy when awake
    if awake:
        limb(doc, [((cx - 46, g - 178), (cx - 70, g - 126), 28), ((cx - 70, g - 126), (cx - 40, g - 92), 25)], suit)
        _hand(doc, look, cx - 36, g - 88)
        limb(doc, [((cx + 46, g - 178), (cx + 80, g - 136), 28), ((cx + 80, g - 136), (cx + 118, g - 120), 25)], suit)
        _hand(doc, look, cx + 124, g - 118)
    else:
        for s in (-1, 1):
            limb(doc, [((cx + s * 46, g - 178), (cx + s * 62, g - 120), 28), ((cx + s * 62, g - 120), (cx + s * 20, g - 84), 25)], suit)
            _hand(doc, look, cx + s * 16, g - 82)
    # a soft rabbit on the floor beside her
    doc.ellipse(cx + 150, g - 40, 34, 40, "#e0d2bf")
    doc.circle(cx + 150, g - 96, 24, "#e0d2bf")
    for s in (-1, 1):
        doc.ellipse(cx + 150 + s * 10, g - 136, 8, 22, "#e0d2bf")
    doc.ellipse(cx, g + 2, 130, 9, "#000000", opacity=0.05)


def draw_baby_on_hip(doc: Doc, look: Look, awake: bool):
    """Lily as she sits on someone's hip: upright, legs either side, drawn at (300, GROUND) for her seat."""
    suit = look.top
    g = GROUND
    cx = 300.0
    # the far leg hangs behind the holder's body; the near one in front
    limb(doc, [((cx + 30, g - 30), (cx + 72, g + 4), 36), ((cx + 72, g + 4), (cx + 80, g + 70), 30)], shade(suit, 0.12))
    body = Path().M(cx - 46, g - 170).C(cx - 58, g - 120, cx - 58, g - 60, cx - 44, g - 10)
    body.Q(cx, g + 8, cx + 44, g - 10).C(cx + 58, g - 60, cx + 58, g - 120, cx + 46, g - 170)
    body.Q(cx, g - 190, cx - 46, g - 170).Z()
    doc.path(body, fill=suit)
    limb(doc, [((cx - 26, g - 20), (cx - 66, g + 10), 36), ((cx - 66, g + 10), (cx - 70, g + 74), 30)], suit)
    doc.ellipse(cx - 70, g + 80, 17, 14, tint(suit, 0.15))
    _baby_head(doc, look, cx - 6, g - 232, awake, turn=-0.3, tilt=0.0 if awake else -12.0)
    # her near arm resting on the holder's shoulder side
    limb(doc, [((cx + 40, g - 150), (cx + 66, g - 110), 26), ((cx + 66, g - 110), (cx + 70, g - 150), 23)], suit)
    _hand(doc, look, cx + 70, g - 156, 12)


LILY_POSES = {"crawling": draw_baby_crawling, "sitting": draw_baby_sitting}


def paint_lily(doc: Doc, look: Look, frame) -> None:
    """Lily's painter: a frame is ``awake`` (in her bouncer) or ``(pose, awake)`` for a pose in LILY_POSES."""
    if isinstance(frame, tuple):
        pose, awake = frame
        LILY_POSES[pose](doc, look, awake)
    else:
        draw_baby(doc, look, frame)
