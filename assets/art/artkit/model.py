"""The data that describes a figure: proportions, looks, faces and poses."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Every character shares one 600 x 900 world: one unit is the same real size
# for everyone, feet rest near the bottom edge and the body is centred.
WIDTH, HEIGHT = 600, 900
GROUND = 896          # soles of the feet
CENTRE = 300


@dataclass(frozen=True)
class Build:
    """Body proportions in world units (an adult woman is about 830 tall)."""
    head_rx: float = 50
    head_ry: float = 60
    neck: float = 22
    neck_w: float = 34
    torso: float = 246        # shoulder line to hip joints
    shoulder: float = 82      # half width at the shoulders
    waist: float = 66
    hip: float = 74
    hem: float = 24           # how far the top hangs below the hip joints
    thigh: float = 200
    shin: float = 196
    foot_h: float = 22
    foot_len: float = 50
    upper_arm: float = 146
    forearm: float = 128
    arm_w: float = 38
    fore_w: float = 32
    hand_r: float = 16
    leg_w: float = 60
    shin_w: float = 48


@dataclass(frozen=True)
class Look:
    """What a character looks like: the things that never change with mood."""
    skin: str
    hair: str
    hair_style: str
    top: str                       # main garment colour
    top_style: str                 # cardigan | hoodie | tee | shirt | blazer | jumper | tunic | knit
    under: str = "#e9e4dc"         # inner layer (top under a cardigan, shirt collar under a jumper)
    legs: str = "#5b6270"          # trousers / jeans
    shoes: str = "#4a4e57"
    brow: str | None = None        # defaults to a darkened hair colour
    lips: str | None = None
    blush: float = 0.2
    beard: str | None = None       # stubble / beard colour
    beard_full: bool = False       # a short full beard rather than stubble
    glasses: str | None = None     # frame colour
    lanyard: str | None = None     # ribbon colour
    bag: str | None = None
    earrings: str | None = None
    sleeves_short: bool = False
    grey: str | None = None        # greying hair accents
    details: str | None = None     # accent: logo, hair tie, drawstrings
    tie: str | None = None         # a necktie in this colour (shirt, cardigan or blazer)


@dataclass(frozen=True)
class Face:
    brows: str = "neutral"     # neutral | soft | worried | sad | frown | tense | raised | flat | one
    eyes: str = "open"         # open | narrow | down | closed | happy
    gaze: float = 0.0          # -1..1 sideways glance (open / narrow eyes)
    mouth: str = "neutral"     # neutral | small | smile | grin | frown | tight | press | wobble | talk
    tear: bool = False


@dataclass(frozen=True)
class Pose:
    seated: bool = False
    turn: float = 0.0          # -1..1 body turned towards screen left (-) or right (+)
    head_turn: float | None = None   # defaults to the body's turn
    tilt: float = 0.0          # head tilt, degrees clockwise
    chin: float = 0.0          # +: chin up; -: head bowed (-1..1)
    lean: float = 0.0          # degrees the spine leans forward (seated) or sideways
    slump: float = 0.0         # 0..1 rounded shoulders
    arms: str = "down"
    legs: str = "stand"        # stand | together | shift | step | sit | sit_bounce | sit_wide | floor
    facing: int = 1            # seated: which way the knees point (+1 = screen right)
    offset: float = 0.0        # shift the whole figure sideways (pacing frames)
    hood_up: bool = False
    prop: str | None = None    # folder | notebook


@dataclass
class Arm:
    shoulder: tuple
    elbow: tuple
    wrist: tuple
    hand: str = "mitt"         # mitt | palm | hidden
    layer: str = "front"       # back (behind torso) | mid (before head) | front
    fore_layer: str | None = None   # draw the forearm on a different layer


@dataclass
class Skeleton:
    build: Build
    pose: Pose
    hip: tuple = (0.0, 0.0)          # pelvis centre (torso pivots here)
    angle: float = 0.0               # spine angle, degrees clockwise
    shoulders: tuple = (0.0, 0.0)    # world position of the shoulder-line centre
    neck_top: tuple = (0.0, 0.0)
    head: tuple = (0.0, 0.0)         # head centre before head rotation
    joints: dict = field(default_factory=dict)
    seat_y: float = 0.0

    # The torso bends forward at the hips without lifting off the seat: a
    # shear that keeps the hip line level and swings the spine by `angle`
    # (degrees, positive towards screen right), foreshortening it by cos.
    def _bend(self):
        a = math.radians(self.angle)
        return math.sin(a), math.cos(a)

    def at(self, dx: float, dy: float) -> tuple:
        """World position of a torso-local point: dx from the centre line,
        dy down from the shoulder line, measured on the upright torso."""
        hx, hy = self.hip
        sin_a, cos_a = self._bend()
        up = -self.build.torso + dy          # local y relative to the hips
        return (hx + dx - sin_a * up, hy + cos_a * up)

    def front(self, dy: float = 0.0) -> float:
        """Local x of the garment's centre line (it shifts as the body turns)."""
        return self.pose.turn * self.build.shoulder * 0.25

    @property
    def torso_transform(self) -> str | None:
        if abs(self.angle) < 0.05:
            return None
        sin_a, cos_a = self._bend()
        hx, hy = self.hip
        return (f"matrix(1 0 {-sin_a:.4f} {cos_a:.4f} {sin_a * hy:.1f} {hy * (1 - cos_a):.1f})")
