"""The cast: one Build and Look per person, and a Pose + Face per mood frame.

To add a character, add an entry to CAST.  To add a mood, add an entry to
its ``moods``: a list of frames, each ``(Pose, Face)``.  A mood with movement
gets a second frame with a small difference (a knee lifted, weight shifted);
the player alternates the frames slowly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .baby import LILY_POSES, draw_baby, draw_baby_on_hip, paint_lily
from .figure import draw_figure
from .model import GROUND, Build, Face, Look, Pose
from .skeleton import carry_hip, skeleton

# -- bodies -----------------------------------------------------------------
WOMAN = Build()
MAN = Build(head_rx=51, head_ry=62, neck_w=38, torso=262, shoulder=92, waist=76, hip=78,
            thigh=214, shin=208, upper_arm=156, forearm=138, arm_w=42, fore_w=36, hand_r=17.5,
            leg_w=66, shin_w=54)
BIG_MAN = replace(MAN, shoulder=102, waist=88, hip=86, arm_w=48, fore_w=40, leg_w=70, shin_w=58,
                  neck_w=42, head_rx=53)
GIRL_11 = Build(head_rx=46, head_ry=54, neck=18, neck_w=28, torso=196, shoulder=62, waist=52, hip=56,
                hem=20, thigh=164, shin=160, foot_h=20, foot_len=42, upper_arm=116, forearm=104,
                arm_w=31, fore_w=27, hand_r=13.5, leg_w=46, shin_w=38)
BOY_12 = replace(GIRL_11, torso=204, shoulder=66, waist=56, hip=58, thigh=172, shin=168,
                 upper_arm=122, forearm=108, arm_w=32, fore_w=28, leg_w=48, shin_w=40)
TODDLER = Build(head_rx=42, head_ry=46, neck=6, neck_w=24, torso=120, shoulder=46, waist=46, hip=46,
                hem=14, thigh=76, shin=70, foot_h=14, foot_len=30, upper_arm=62, forearm=54,
                arm_w=25, fore_w=23, hand_r=11.5, leg_w=36, shin_w=30)

# -- skin tones (light to deep), with matching lip colours --------------------
SKIN = {
    "fair": "#f2d5c2",
    "light": "#ecc9ae",
    "ruddy": "#e6bfa2",
    "warm": "#d9a988",
    "tan": "#c69271",
    "brown": "#9c6a4b",
    "deep": "#744a34",
}


@dataclass(frozen=True)
class Character:
    label: str
    build: Build
    look: Look
    moods: dict                 # mood -> [frame, ...]; a frame is (Pose, Face) or (Pose, Face, carried id)
    painter: object = None      # optional custom painter(doc, look, frame) for non-standard bodies
    poses: tuple = ()           # the poses drawn for every mood: names from POSES

    def draw(self, doc, frame) -> None:
        if self.painter is not None:
            self.painter(doc, self.look, frame)
        else:
            pose, face, *carried = frame
            held = HELD[carried[0]] if carried else None
            draw_figure(doc, self.build, self.look, pose, face, held=held)

    def pose_frames(self, pose_name: str) -> dict:
        """mood -> frames for one pose: each mood's body language, in that pose."""
        if self.painter is not None:   # a custom painter's frames are its own: the pose rides along with each
            return {mood: [(pose_name, frame) for frame in frames] for mood, frames in self.moods.items()}
        return {mood: [POSES[pose_name](frame) for frame in frames] for mood, frames in self.moods.items()}


def F(**kw) -> Face:
    return Face(**kw)


def P(**kw) -> Pose:
    return Pose(**kw)


# -- Fiona Harris: early 30s, tired but cared-for, hair tied back, cardigan -
FIONA = Character(
    "Fiona", WOMAN,
    Look(skin=SKIN["fair"], hair="#9a7b5e", hair_style="tied", top="#a7b7a0", top_style="cardigan",
         under="#eee7dc", legs="#5d6679", shoes="#8a7a6e", details="#e9e2d3", earrings="#d9c9a3"),
    {
        "anxious": [
            (P(seated=True, arms="clasp_lap", legs="sit", slump=0.35, lean=6, chin=-0.15, tilt=0),
             F(brows="worried", eyes="open", gaze=0.6, mouth="press")),
            (P(seated=True, arms="clasp_lap", legs="sit_bounce", slump=0.35, lean=6, chin=-0.15, tilt=0),
             F(brows="worried", eyes="open", gaze=0.6, mouth="press")),
        ],
        "guarded": [(P(arms="folded", turn=-0.45, legs="shift", chin=0.05),
                     F(brows="tense", eyes="narrow", gaze=0.7, mouth="tight"))],
        "calm": [(P(seated=True, arms="lap", legs="sit", lean=3, slump=0.1),
                  F(brows="neutral", eyes="open", mouth="neutral"))],
        "warm": [(P(arms="open", tilt=-4),
                  F(brows="soft", eyes="open", mouth="small"))],
        "upset": [(P(seated=True, arms="hand_face", legs="sit", slump=0.7, lean=24, chin=-0.8),
                   F(brows="sad", eyes="down", mouth="wobble"))],
        "hopeful": [(P(seated=True, arms="knees", legs="sit", lean=-2, chin=0.2, tilt=-3),
                     F(brows="raised", eyes="open", mouth="small"))],
    },
)

# -- John Carter: mid 30s, big build, work hoodie, short hair -----------------
JOHN = Character(
    "John", BIG_MAN,
    Look(skin=SKIN["ruddy"], hair="#5a4636", hair_style="crop", top="#6f7f8f", top_style="hoodie",
         legs="#4f5a6b", shoes="#3f434b", beard="#6d5443", details="#dfe3e6"),
    {
        "hostile": [
            (P(arms="folded", legs="stand", chin=0.35, turn=0.1),
             F(brows="frown", eyes="narrow", mouth="tight")),
            (P(arms="folded", legs="step", chin=0.3, turn=0.25, offset=26),
             F(brows="frown", eyes="narrow", gaze=-0.4, mouth="tight")),
        ],
        "guarded": [(P(seated=True, arms="folded", legs="sit_wide", lean=-8, facing=-1, head_turn=0.45),
                     F(brows="flat", eyes="open", gaze=0.9, mouth="tight"))],
        "calm": [(P(seated=True, arms="knees", legs="sit_wide", lean=4, facing=-1),
                  F(brows="neutral", eyes="open", mouth="neutral"))],
        "engaged": [(P(seated=True, arms="forearms_thighs", legs="sit_wide", lean=24, facing=-1, chin=0.1),
                     F(brows="raised", eyes="open", mouth="neutral"))],
        "upset": [(P(seated=True, arms="elbows_knees", legs="sit_wide", lean=38, slump=0.6, facing=-1, chin=-0.9),
                   F(brows="sad", eyes="down", mouth="frown"))],
    },
)

# -- Chloe Harris: 11, Fiona's daughter, in her primary school uniform ---------
CHLOE = Character(
    "Chloe", GIRL_11,
    Look(skin=SKIN["fair"], hair="#a98a66", hair_style="ponytail", top="#5f6f8c", top_style="jumper",
         under="#f3f1ec", legs="#6b6e77", shoes="#45474e", details="#d8b878", blush=0.26),
    {
        "withdrawn": [(P(seated=True, arms="sleeves", legs="sit", slump=0.7, lean=10, chin=-0.7, turn=0.2),
                       F(brows="flat", eyes="down", mouth="press"))],
        "wary": [(P(arms="self_hold", legs="together", turn=0.35, head_turn=0.15, chin=-0.1),
                  F(brows="tense", eyes="open", gaze=-0.9, mouth="press"))],
        "talking": [(P(seated=True, arms="gesture", legs="sit", lean=4, chin=0.15, turn=0.2, tilt=-3),
                     F(brows="raised", eyes="open", mouth="talk"))],
        "upset": [(P(seated=True, arms="clasp_lap", legs="sit", slump=0.5, lean=8, chin=-0.5, turn=0.2),
                   F(brows="sad", eyes="down", mouth="wobble", tear=True))],
        "bright": [(P(arms="clasp_front", legs="stand", tilt=4, chin=0.1),
                    F(brows="raised", eyes="happy", mouth="grin"))],
    },
)

# -- Mason: 2 years old ----------------------------------------------------------
MASON = Character(
    "Mason", TODDLER,
    Look(skin=SKIN["fair"], hair="#b4936a", hair_style="toddler", top="#8fb1ad", top_style="tee",
         legs="#65718a", shoes="#c99279", blush=0.3),
    {
        "playing": [
            (P(legs="floor", arms="play_up", prop="blocks_up", chin=0.25, head_turn=-0.2),
             F(brows="raised", eyes="open", gaze=-0.5, mouth="small")),
            (P(legs="floor", arms="play_down", prop="blocks_down", chin=-0.2, head_turn=-0.1),
             F(brows="soft", eyes="down", mouth="small")),
        ],
        "clingy": [(P(legs="together", arms="hug_toy", prop="rabbit", turn=0.3, head_turn=0.55, chin=-0.35, tilt=8),
                    F(brows="worried", eyes="closed", mouth="neutral"))],
    },
)

# -- Lily: 9 months: in her bouncer (her moods), crawling or sitting on the floor (her poses) --
LILY = Character(
    "Lily", TODDLER,
    Look(skin=SKIN["fair"], hair="#c2a57e", hair_style="baby", top="#e3c9c4", top_style="tee", blush=0.32),
    {"asleep": [False], "awake": [True]},
    painter=paint_lily,
)

# -- Louisa: the social worker the trainee plays, 30s, smart-casual --------------
LOUISA = Character(
    "Louisa", WOMAN,
    Look(skin=SKIN["light"], hair="#5b4336", hair_style="long", top="#5d6b82", top_style="blazer",
         under="#eee6d8", legs="#474d5c", shoes="#6e5747", lanyard="#5f9a9a", bag="#b68c66",
         earrings="#d7c49a"),
    {
        "neutral": [(P(arms="strap", legs="stand", turn=-0.15),
                     F(brows="soft", eyes="open", mouth="small"))],
        "listening": [(P(arms="notebook", prop="notebook", legs="shift", turn=0.15, tilt=6),
                       F(brows="soft", eyes="open", mouth="neutral"))],
    },
)

# -- Margaret Osei: independent conference chair, 50s, glasses, blazer --------
MARGARET = Character(
    "Margaret Osei", replace(WOMAN, waist=74, hip=82),
    Look(skin=SKIN["deep"], hair="#4a4442", hair_style="natural", grey="#d4cfc8", top="#7b6478",
         top_style="blazer", under="#efe7da", legs="#4d515e", shoes="#3f3a3a", glasses="#a8874f",
         earrings="#d2b26a", blush=0.0, lips="#6e3f36"),
    {
        "neutral": [(P(seated=True, arms="lap", legs="sit", facing=-1, lean=2, turn=-0.15),
                     F(brows="neutral", eyes="open", mouth="neutral"))],
        "concerned": [(P(seated=True, arms="clasp_lap", legs="sit", facing=-1, lean=12, turn=-0.15, tilt=-4),
                       F(brows="worried", eyes="open", mouth="press"))],
    },
)

# -- Dev Sharma: team manager, 40s, shirt and lanyard ----------------------------
DEV = Character(
    "Dev Sharma", MAN,
    Look(skin=SKIN["tan"], hair="#2e2926", hair_style="side_part", top="#a9bdd1",
         top_style="shirt", legs="#4b5568", shoes="#3f3b38", lanyard="#7b8db3", beard="#4f443e",
         beard_full=True, blush=0.0),
    {
        "neutral": [(P(arms="down", legs="stand"), F(brows="neutral", eyes="open", mouth="neutral"))],
        "supportive": [(P(arms="open_one", legs="shift", turn=0.2, tilt=-4),
                        F(brows="soft", eyes="open", mouth="smile"))],
        "pressured": [(P(arms="neck_rub", legs="shift", turn=-0.2, chin=-0.15),
                       F(brows="worried", eyes="open", gaze=0.6, mouth="press"))],
    },
)

# -- Ms Hannah Bell: pastoral lead and DSL, 40s ----------------------------------
HANNAH = Character(
    "Ms Bell", WOMAN,
    Look(skin="#f0cdb6", hair="#9c5f40", hair_style="bob_fringe", top="#7fa09e", top_style="knit",
         legs="#59606e", shoes="#5a4c45", lanyard="#8d7db3"),
    {
        "neutral": [(P(arms="clasp_front", legs="stand"), F(brows="soft", eyes="open", mouth="small"))],
        "concerned": [(P(arms="hand_chest", legs="shift", turn=0.15, tilt=4),
                       F(brows="worried", eyes="open", mouth="press"))],
    },
)

# -- Jo Marsh: health visitor, 50s ----------------------------------------------
JO = Character(
    "Jo Marsh", replace(WOMAN, waist=74, hip=80),
    Look(skin=SKIN["light"], hair="#cfcbc6", hair_style="pixie", top="#5d7894", top_style="tunic",
         details="#e8edf1", legs="#474d5c", shoes="#3f3a3a", lanyard="#7d9b7a", bag="#6c8583",
         brow="#6d6660"),
    {"neutral": [(P(arms="strap", legs="stand", turn=0.12), F(brows="soft", eyes="open", mouth="small"))]},
)

# -- Sam Reid: Fiona's independent domestic violence adviser, 30s -------------
SAM = Character(
    "Sam Reid", WOMAN,
    Look(skin=SKIN["tan"], hair="#3b2a22", hair_style="curly_puff", top="#c5979a", top_style="knit",
         legs="#4f5d75", shoes="#6b5447", lanyard="#8a7ba8", earrings="#d7c49a", details="#d8b878",
         blush=0.12),
    {
        "neutral": [(P(arms="clasp_front", legs="stand"), F(brows="neutral", eyes="open", mouth="neutral"))],
        "warm": [(P(arms="open_one", legs="shift", turn=-0.15, tilt=-4),
                  F(brows="soft", eyes="open", mouth="smile"))],
    },
)

# -- Jay: 12, lives in a small children's home ------------------------------
JAY = Character(
    "Jay", BOY_12,
    Look(skin=SKIN["warm"], hair="#3a2c24", hair_style="boy_crop", top="#7c8567", top_style="hoodie",
         legs="#4c5059", shoes="#dcdad4", details="#e3e1d6", blush=0.12),
    {
        "closed": [(P(arms="pockets", legs="together", turn=0.7, head_turn=0.75, hood_up=True, chin=-0.45),
                    F(brows="flat", eyes="down", mouth="tight"))],
        "wary": [(P(arms="pockets", legs="shift", turn=0.35, head_turn=0.2, chin=-0.1),
                  F(brows="tense", eyes="open", gaze=-0.9, mouth="press"))],
        "angry": [(P(arms="folded_tight", legs="stand", chin=-0.15, turn=0.1),
                   F(brows="frown", eyes="narrow", mouth="tight"))],
        "curious": [(P(arms="pocket_one", legs="shift", turn=0.5, head_turn=-0.2, chin=0.05),
                     F(brows="raised", eyes="open", gaze=-0.7, mouth="neutral"))],
        "open": [(P(arms="down", legs="stand", tilt=-3),
                  F(brows="soft", eyes="open", mouth="small"))],
    },
)

# -- Ade: residential key worker, 30s ---------------------------------------
ADE = Character(
    "Ade", MAN,
    Look(skin=SKIN["deep"], hair="#221d1b", hair_style="fade", top="#6f918f", top_style="knit",
         legs="#8a7f70", shoes="#e0ddd6", lanyard="#d08f6e", blush=0.0, lips="#5f3a30"),
    {
        "neutral": [(P(arms="down", legs="stand"), F(brows="neutral", eyes="open", mouth="neutral"))],
        "warm": [(P(arms="open_one", legs="shift", turn=0.15, tilt=3),
                  F(brows="soft", eyes="open", mouth="smile"))],
    },
)

# -- poses: what the story says someone is doing, in every mood ---------------------------
# A mood's picture has its own body language (folded arms, a bowed head); a pose puts it
# where the words put the person: sitting at the table, on their feet to leave, a child in
# their arms. Arms that only make sense in one posture are swapped for their nearest
# equivalent; the face never changes.
TO_STANDING_ARMS = {"lap": "down", "clasp_lap": "clasp_front", "knees": "down", "forearms_thighs": "clasp_front",
                    "elbows_knees": "hand_face", "sleeves": "self_hold"}
TO_SEATED_ARMS = {"down": "lap", "clasp_front": "clasp_lap", "strap": "lap", "pockets": "lap", "pocket_one": "lap",
                  "open": "open_one", "play_up": "lap", "play_down": "lap"}
SEATED_LEGS = ("sit", "sit_bounce", "sit_wide")


def standing(frame):
    pose, face = frame[:2]
    if not pose.seated:
        return (replace(pose, offset=0.0), face)
    legs = "shift" if pose.legs == "sit_bounce" else "stand"
    return (replace(pose, seated=False, legs=legs, lean=0.0, arms=TO_STANDING_ARMS.get(pose.arms, pose.arms),
                    turn=pose.turn or 0.15 * -pose.facing, prop=None), face)


def sitting(frame):
    pose, face = frame[:2]
    if pose.seated:
        return (pose, face)
    wide = pose.legs == "stand" and pose.arms in ("folded", "folded_tight")
    return (replace(pose, seated=True, legs="sit_wide" if wide else "sit", lean=max(0.0, min(pose.lean, 10.0)),
                    arms=TO_SEATED_ARMS.get(pose.arms, pose.arms), offset=0.0, facing=1 if pose.turn >= 0 else -1), face)


def holding(child: str, arms: str):
    def pose(frame):
        p, face = standing(frame)
        return (replace(p, arms=arms, turn=-0.1, head_turn=-0.25, prop=None, legs="stand"), face, child)
    return pose


POSES = {
    "standing": standing,
    "sitting": sitting,
    "holding-mason": holding("mason", "carry"),
    "holding-lily": holding("lily", "cradle"),
    "holding-lily-on-hip": holding("lily-hip", "carry"),
}

# The carried children: Mason on the hip, turned in to the holder; Lily awake in arms.
MASON_HELD = (Pose(legs="together", arms="clasp_front", turn=0.35, head_turn=0.2, chin=-0.05), Face(brows="soft", eyes="open", mouth="neutral"))


def _held_mason(doc, sk) -> None:
    x, y = carry_hip(sk)
    child = skeleton(TODDLER, MASON_HELD[0])
    s = 0.92
    hx, hy = child.hip
    with doc.group(transform=f"matrix({s} 0 0 {s} {x - s * hx:.1f} {y - s * hy:.1f})"):
        draw_figure(doc, TODDLER, MASON.look, *MASON_HELD)


def _held_lily(doc, sk) -> None:
    b = sk.build
    x, y = sk.shoulders[0] - b.shoulder * 0.1, sk.shoulders[1] + b.upper_arm * 0.7
    s = 0.78
    with doc.group(transform=f"matrix({s} 0 0 {s} {x - s * 300:.1f} {y - s * (GROUND - 230):.1f})"):
        draw_baby(doc, LILY.look, True, bouncer=False)


def _held_lily_on_hip(doc, sk) -> None:
    x, y = carry_hip(sk)
    s = 0.8
    with doc.group(transform=f"matrix({s} 0 0 {s} {x - s * 300:.1f} {y - s * GROUND:.1f})"):
        draw_baby_on_hip(doc, LILY.look, True)


HELD = {"mason": _held_mason, "lily": _held_lily, "lily-hip": _held_lily_on_hip}

CAST = {
    "fiona": FIONA,
    "john": JOHN,
    "chloe": CHLOE,
    "mason": MASON,
    "lily": LILY,
    "louisa": LOUISA,
    "chair": MARGARET,
    "manager": DEV,
    "teacher": HANNAH,
    "health-visitor": JO,
    "idva": SAM,
    "jay": JAY,
    "keyworker": ADE,
}

# Who has which poses (each drawn in every one of their moods), by the ids the scenarios use.
CAST_POSES = {
    "fiona": ("standing", "sitting", "holding-mason", "holding-lily", "holding-lily-on-hip"),
    "lily": tuple(LILY_POSES),
    "john": ("standing", "sitting", "holding-mason"),
    **{cid: ("standing", "sitting") for cid in ("chloe", "chair", "manager", "teacher", "health-visitor", "idva", "jay", "keyworker")},
}
