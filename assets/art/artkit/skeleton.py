"""From a Pose to joint positions, and the named arm poses.

Legs are placed first (standing, seated at three-quarters, or on the floor),
the torso pivots at the hips by the pose's lean, and the arms are placed by
name.  Arm poses that touch the body use torso-local coordinates (``sk.at``)
so they follow a leaning torso.
"""

from __future__ import annotations

from .body import bag_strap, strap_point
from .model import CENTRE, GROUND, Arm, Build, Pose, Skeleton

SEATED_LEGS = ("sit", "sit_bounce", "sit_wide")


def _add(p, dx=0.0, dy=0.0):
    return (p[0] + dx, p[1] + dy)


def _lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def skeleton(b: Build, pose: Pose) -> Skeleton:
    sk = Skeleton(build=b, pose=pose)
    cx = CENTRE + pose.offset
    f = pose.facing
    j = sk.joints
    ankle_y = GROUND - b.foot_h

    if pose.legs in SEATED_LEGS:
        # three-quarter view: thighs run towards `facing`, shins drop to the floor
        sk.seat_y = ankle_y - b.shin + b.shin_w * 0.2
        hip = (cx - f * b.thigh * 0.36, sk.seat_y - b.leg_w * 0.45)
        knee = (hip[0] + f * b.thigh * 0.9, sk.seat_y - b.leg_w * 0.5)
        ankle = (knee[0] + f * b.shin * 0.05, ankle_y)
        spread = 1.8 if pose.legs == "sit_wide" else 1.0
        j["hip_near"], j["knee_near"], j["ankle_near"] = hip, knee, ankle
        j["hip_far"] = _add(hip, f * 10, -8)
        j["knee_far"] = _add(knee, f * 14 * spread, -14)
        j["ankle_far"] = _add(ankle, f * 24 * spread, -10)
        if pose.legs == "sit_bounce":   # heel lifted: the knee rises a little
            j["knee_near"] = _add(knee, f * 2, -16)
            j["ankle_near"] = _add(ankle, f * 4, -18)
        sk.hip = hip
        sk.angle = f * pose.lean
    elif pose.legs == "floor":
        # a toddler sitting on the floor, legs out in front in a soft V
        hip = (cx, GROUND - b.leg_w * 0.75)
        j["hip_l"], j["hip_r"] = _add(hip, -b.hip * 0.45, 0), _add(hip, b.hip * 0.45, 0)
        j["knee_l"] = (cx - b.hip * 1.25, GROUND - b.leg_w * 0.55)
        j["knee_r"] = (cx + b.hip * 1.25, GROUND - b.leg_w * 0.55)
        j["ankle_l"] = (cx - b.hip * 1.55, GROUND - b.leg_w * 0.45)
        j["ankle_r"] = (cx + b.hip * 1.55, GROUND - b.leg_w * 0.45)
        sk.hip = hip
        sk.angle = pose.lean
    else:
        hip_y = ankle_y - b.shin - b.thigh
        shift = 0.0
        if pose.legs in ("shift", "step"):
            shift = b.hip * 0.18 * (1 if pose.turn >= 0 else -1)
        hip = (cx + shift, hip_y)
        stance = 0.3 if pose.legs == "together" else 0.42
        for side, s in (("l", -1), ("r", 1)):
            hj = (hip[0] + s * b.hip * stance, hip_y)
            ankle = (cx + s * b.hip * (stance + 0.1), ankle_y)
            knee = _lerp(hj, ankle, b.thigh / (b.thigh + b.shin))
            j["hip_" + side], j["knee_" + side], j["ankle_" + side] = hj, knee, ankle
        free = "l" if shift > 0 else "r"
        s = -1 if free == "l" else 1
        if pose.legs == "shift":        # weight on one leg, the other knee relaxed
            j["knee_" + free] = _add(j["knee_" + free], -s * 12, -6)
            j["ankle_" + free] = _add(j["ankle_" + free], s * 6, -4)
        if pose.legs == "step":         # mid-step: one heel off the floor
            j["knee_" + free] = _add(j["knee_" + free], -s * 4, -26)
            j["ankle_" + free] = _add(j["ankle_" + free], s * 4, -30)
        sk.hip = hip
        sk.angle = pose.lean

    # shoulders and neck in the torso's own (rotated) frame
    sw = b.shoulder * (1 - 0.16 * abs(pose.turn)) * (1 - 0.06 * pose.slump)
    turn_shift = pose.turn * b.shoulder * 0.12
    for side, s in (("l", -1), ("r", 1)):
        j["shoulder_" + side] = sk.at(s * (sw - b.arm_w * 0.56) + turn_shift, b.arm_w * 0.5 + 14 + pose.slump * 10)
    sk.shoulders = sk.at(0, 0)
    neck_len = b.neck * (1 - 0.4 * pose.slump)
    sk.neck_top = sk.at(turn_shift * 0.5, -neck_len + pose.slump * 10)
    sk.head = (sk.neck_top[0], sk.neck_top[1] - b.head_ry * 0.8)
    return sk


# --------------------------------------------------------------------------
# Arm poses
# --------------------------------------------------------------------------

ARM_POSES = {}


def arm_pose(fn):
    ARM_POSES[fn.__name__.lstrip("_")] = fn
    return fn


def arms_for(sk: Skeleton) -> list[Arm]:
    """The arms for the pose, in drawing order."""
    try:
        fn = ARM_POSES[sk.pose.arms]
    except KeyError:
        raise ValueError(f"unknown arm pose {sk.pose.arms!r}") from None
    arms = fn(sk)
    return sorted(arms, key=lambda a: 0 if a.layer == "back" else 1)


def _near_side(sk: Skeleton):
    """Screen side (-1 left, +1 right) of the arm nearer the viewer, or None."""
    if sk.pose.seated:
        return -sk.pose.facing
    if abs(sk.pose.turn) > 0.12:
        return -1 if sk.pose.turn > 0 else 1
    return None


def _sides(sk: Skeleton):
    return ((sk.joints["shoulder_l"], -1), (sk.joints["shoulder_r"], 1))


def _hang(sk: Skeleton, sh, s, out=1.0) -> Arm:
    b = sk.build
    elbow = (sh[0] + s * 6 * out, sh[1] + b.upper_arm * 0.97)
    wrist = (sh[0] + s * 10 * out, elbow[1] + b.forearm * 0.97)
    near = _near_side(sk)
    layer = "back" if (near is not None and s != near) else "front"
    return Arm(sh, elbow, wrist, layer=layer)


def _on_thigh(sk: Skeleton, far: bool, along: float = 0.4):
    """A point resting on the (near or far) thigh, `along` the way to the knee."""
    hip = sk.joints["hip_far" if far else "hip_near"]
    knee = sk.joints["knee_far" if far else "knee_near"]
    p = _lerp(hip, knee, along)
    return (p[0], p[1] - sk.build.leg_w * 0.42)


@arm_pose
def _down(sk):
    return [_hang(sk, sh, s) for sh, s in _sides(sk)]


@arm_pose
def _folded(sk):
    """Arms folded across the chest; hands tucked against the upper arms."""
    b = sk.build
    ua = b.upper_arm
    (sl, _), (sr, _) = _sides(sk)
    x = b.shoulder * 0.62
    el = sk.at(-b.shoulder - b.arm_w * 0.05, ua * 0.78)
    er = sk.at(b.shoulder + b.arm_w * 0.05, ua * 0.8)
    wl = sk.at(x, ua * 0.56)
    wr = sk.at(-x, ua * 0.62)
    return [Arm(sl, el, wl, layer="front"), Arm(sr, er, wr, layer="front")]


@arm_pose
def _folded_tight(sk):
    """Arms held tight across the body, shoulders up (anger without threat)."""
    b = sk.build
    ua = b.upper_arm
    (sl, _), (sr, _) = _sides(sk)
    el = sk.at(-b.shoulder * 0.9, ua * 0.76)
    er = sk.at(b.shoulder * 0.9, ua * 0.78)
    wl = sk.at(b.shoulder * 0.55, ua * 0.58)
    wr = sk.at(-b.shoulder * 0.55, ua * 0.64)
    return [Arm(sl, el, wl, hand="hidden", layer="front"), Arm(sr, er, wr, layer="front")]


def _seated_pair(sk, elbow_fn, wrist_fn, hand="mitt"):
    f = sk.pose.facing
    arms = []
    for sh, s in _sides(sk):
        far = s == f
        arms.append(Arm(sh, elbow_fn(sh, s, far), wrist_fn(sh, s, far), hand=hand,
                        layer="back" if far else "front", fore_layer="front" if far else None))
    return arms


@arm_pose
def _clasp_lap(sk):
    """Seated, hands clasped together in the lap."""
    b, f = sk.build, sk.pose.facing
    lap = _on_thigh(sk, False, 0.42)
    return _seated_pair(
        sk,
        lambda sh, s, far: (sh[0] + s * 4 - f * 8, sh[1] + b.upper_arm * 0.94),
        lambda sh, s, far: _add(lap, f * (10 if far else -6), -8 if far else 0),
    )


@arm_pose
def _sleeves(sk):
    """Like clasp_lap, but the hands are pulled inside the sleeves."""
    arms = _clasp_lap(sk)
    for a in arms:
        a.hand = "hidden"
    return arms


@arm_pose
def _lap(sk_):
    """Seated, hands resting on the thighs."""
    b, f = sk_.build, sk_.pose.facing
    return _seated_pair(
        sk_,
        lambda sh, s, far: (sh[0] - f * 6 + s * 6, sh[1] + b.upper_arm * 0.95),
        lambda sh, s, far: _on_thigh(sk_, far, 0.55 if far else 0.45),
    )


@arm_pose
def _knees(sk):
    """Seated, hands on the knees."""
    b, f = sk.build, sk.pose.facing

    def wrist(sh, s, far):
        k = sk.joints["knee_far" if far else "knee_near"]
        return (k[0] - f * b.hand_r * 1.2, k[1] - b.leg_w * 0.45)

    def elbow(sh, s, far):
        w = wrist(sh, s, far)
        m = _lerp(sh, w, 0.5)
        return (m[0] - f * 16, m[1] + 18)

    return _seated_pair(sk, elbow, wrist)


@arm_pose
def _forearms_thighs(sk):
    """Leaning in to listen: forearms on the thighs, hands loosely together."""
    b, f = sk.build, sk.pose.facing
    kn = sk.joints["knee_near"]
    hands = (kn[0] - f * b.hand_r * 1.6, kn[1] - b.leg_w * 0.6)
    return _seated_pair(
        sk,
        lambda sh, s, far: _on_thigh(sk, far, 0.3 if far else 0.22),
        lambda sh, s, far: _add(hands, f * 14 if far else 0, -6 if far else 0),
    )


@arm_pose
def _elbows_knees(sk):
    """Head bowed, elbows on the knees, hands hanging together."""
    b, f = sk.build, sk.pose.facing

    def elbow(sh, s, far):
        k = sk.joints["knee_far" if far else "knee_near"]
        return (k[0] - f * b.fore_w * 1.4, k[1] - b.leg_w * 0.62)

    def wrist(sh, s, far):
        k = sk.joints["knee_near"]
        return (k[0] + f * (b.hand_r * 0.6 + (8 if far else 0)), k[1] + b.forearm * 0.5 - (6 if far else 0))

    return _seated_pair(sk, elbow, wrist)


@arm_pose
def _open(sk):
    """Both hands open, palms up, a little forward and out."""
    b = sk.build
    arms = []
    for sh, s in _sides(sk):
        e = (sh[0] + s * 10, sh[1] + b.upper_arm * 0.9)
        w = (sh[0] + s * 46, e[1] + b.forearm * 0.5)
        arms.append(Arm(sh, e, w, hand="palm"))
    return arms


@arm_pose
def _open_one(sk):
    """One open hand offered, the other relaxed."""
    b = sk.build
    open_s = _near_side(sk) or -1
    arms = []
    for sh, s in _sides(sk):
        if s == open_s:
            e = (sh[0] + s * 8, sh[1] + b.upper_arm * 0.92)
            arms.append(Arm(sh, e, (sh[0] + s * 56, e[1] + b.forearm * 0.4), hand="palm"))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


@arm_pose
def _hand_face(sk):
    """One hand to the face; the other rests in the lap (or hangs)."""
    b, pose = sk.build, sk.pose
    f = pose.facing
    near = -f if pose.seated else (_near_side(sk) or -1)
    hx, hy = sk.head
    arms = []
    for sh, s in _sides(sk):
        if s == near:
            w = (hx + s * b.head_rx * 0.3 + f * 4, hy + b.head_ry * 0.5)
            e = sk.at(s * b.shoulder * 0.35 + f * 20, b.upper_arm * 0.95)
            arms.append(Arm(sh, e, w, layer="front"))
        elif pose.seated:
            e = (sh[0] + s * 4, sh[1] + b.upper_arm * 0.92)
            arms.append(Arm(sh, e, _on_thigh(sk, True, 0.5), layer="back", fore_layer="front"))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


@arm_pose
def _gesture(sk):
    """Talking: the near hand lifted, palm up; the other in the lap."""
    b, pose = sk.build, sk.pose
    f = pose.facing
    near = -f if pose.seated else (_near_side(sk) or -1)
    arms = []
    for sh, s in _sides(sk):
        if s == near:
            e = (sh[0] + s * 8, sh[1] + b.upper_arm * 0.9)
            w = (e[0] + f * b.forearm * 0.55, e[1] - b.forearm * 0.5)
            arms.append(Arm(sh, e, w, hand="palm"))
        elif pose.seated:
            e = (sh[0] + s * 4 - f * 6, sh[1] + b.upper_arm * 0.94)
            arms.append(Arm(sh, e, _on_thigh(sk, True, 0.5), layer="back", fore_layer="front"))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


@arm_pose
def _pockets(sk):
    """Both hands in the front pocket of a hoodie."""
    b = sk.build
    arms = []
    for sh, s in _sides(sk):
        e = (sh[0] + s * 8, sh[1] + b.upper_arm * 0.9)
        w = sk.at(sk.front(0) + s * b.waist * 0.35, b.torso - b.hem * 0.3)
        a = _hang(sk, sh, s)
        arms.append(Arm(sh, e, w, hand="hidden", layer=a.layer))
    return arms


@arm_pose
def _pocket_one(sk):
    """One hand in the pocket, the other hanging."""
    b = sk.build
    pocket_s = _near_side(sk) or 1
    arms = []
    for sh, s in _sides(sk):
        if s == pocket_s:
            e = (sh[0] + s * 8, sh[1] + b.upper_arm * 0.9)
            w = sk.at(sk.front(0) + s * b.waist * 0.35, b.torso - b.hem * 0.3)
            arms.append(Arm(sh, e, w, hand="hidden"))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


@arm_pose
def _clasp_front(sk):
    """Standing, hands loosely together in front."""
    b = sk.build
    meet = sk.at(sk.front(0), b.torso - b.hem * 0.2)
    arms = []
    for sh, s in _sides(sk):
        e = (sh[0] + s * 6, sh[1] + b.upper_arm * 0.95)
        arms.append(Arm(sh, e, _add(meet, s * b.hand_r * 0.5, 0)))
    return arms


@arm_pose
def _hold_folder(sk):
    """A folder held against the chest."""
    b = sk.build
    arms = []
    for sh, s in _sides(sk):
        e = (sh[0] + s * 4, sh[1] + b.upper_arm * 0.9)
        w = sk.at(sk.front(0) + s * b.shoulder * 0.32, b.upper_arm * 0.7)
        arms.append(Arm(sh, e, w))
    return arms


@arm_pose
def _notebook(sk):
    """A notebook held low in front with both hands."""
    b = sk.build
    arms = []
    for sh, s in _sides(sk):
        e = (sh[0] + s * 6, sh[1] + b.upper_arm * 0.94)
        w = sk.at(sk.front(0) + s * b.shoulder * 0.45, b.upper_arm * 1.12)
        arms.append(Arm(sh, e, w))
    return arms


@arm_pose
def _self_hold(sk):
    """Arms close: one hangs, the other crosses to hold it above the elbow."""
    b = sk.build
    hold = _near_side(sk) or 1
    (sl, _), (sr, _) = _sides(sk)
    other, tgt = (sl, sr) if hold == -1 else (sr, sl)
    arms = []
    hang_s = -hold
    e = (tgt[0] + hang_s * 2, tgt[1] + b.upper_arm * 0.95)
    arms.append(Arm(tgt, e, (tgt[0] + hang_s * 4, e[1] + b.forearm * 0.95)))
    e2 = (other[0] + hold * 4, other[1] + b.upper_arm * 0.92)
    w2 = (tgt[0] - hang_s * 2, tgt[1] + b.upper_arm * 0.78)
    arms.append(Arm(other, e2, w2))
    return arms


@arm_pose
def _hand_chest(sk):
    """A hand resting on the chest (concern)."""
    b = sk.build
    hand_s = _near_side(sk) or -1
    arms = []
    for sh, s in _sides(sk):
        if s == hand_s:
            e = (sh[0] + s * 6, sh[1] + b.upper_arm * 0.86)
            w = sk.at(sk.front(0) + s * b.shoulder * 0.05, b.upper_arm * 0.38)
            arms.append(Arm(sh, e, w))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


@arm_pose
def _neck_rub(sk):
    """A hand to the back of the neck (under pressure)."""
    b = sk.build
    hand_s = _near_side(sk) or 1
    hx, hy = sk.head
    arms = []
    for sh, s in _sides(sk):
        if s == hand_s:
            e = (sh[0] + s * 50, sh[1] + b.upper_arm * 0.05)
            w = (hx + s * b.head_rx * 0.82, hy + b.head_ry * 0.62)
            arms.append(Arm(sh, e, w, layer="mid"))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


@arm_pose
def _strap(sk):
    """The near hand holding a cross-body bag strap at the chest."""
    b = sk.build
    hand_s = bag_strap(sk)[0]
    arms = []
    for sh, s in _sides(sk):
        if s == hand_s:
            w = strap_point(sk, 0.42)
            e = (sh[0] + s * 10, sh[1] + b.upper_arm * 0.92)
            arms.append(Arm(sh, e, w))
        else:
            arms.append(_hang(sk, sh, s))
    return arms


# -- toddler poses ------------------------------------------------------------

@arm_pose
def _play_up(sk):
    """On the floor: one hand lifts a block, the other rests on the stack."""
    b = sk.build
    (sl, _), (sr, _) = _sides(sk)
    el = (sl[0] - 34, sl[1] + b.upper_arm * 0.45)
    wl = (sl[0] - 40, sl[1] - b.forearm * 0.45)
    er = (sr[0] + 22, sr[1] + b.upper_arm * 0.8)
    wr = (sk.hip[0] + b.hip * 1.75, GROUND - 112)
    return [Arm(sr, er, wr), Arm(sl, el, wl)]


@arm_pose
def _play_down(sk):
    """Second frame: the block comes down onto the stack."""
    b = sk.build
    (sl, _), (sr, _) = _sides(sk)
    el = (sl[0] - 26, sl[1] + b.upper_arm * 0.7)
    wl = (sl[0] - 14, sl[1] + b.upper_arm * 0.35)
    er = (sr[0] + 22, sr[1] + b.upper_arm * 0.8)
    wr = (sk.hip[0] + b.hip * 1.75, GROUND - 104)
    return [Arm(sr, er, wr), Arm(sl, el, wl)]


@arm_pose
def _hug_toy(sk):
    """Both arms wrapped round a soft toy held up to the face."""
    b = sk.build
    (sl, _), (sr, _) = _sides(sk)
    hx, hy = sk.head
    toy_y = hy + b.head_ry * 1.15
    arms = []
    for sh, s in ((sl, -1), (sr, 1)):
        e = (sh[0] + s * 8, sh[1] + b.upper_arm * 0.85)
        w = (hx + s * b.head_rx * 0.55, toy_y + 8)
        arms.append(Arm(sh, e, w))
    return arms


def carry_hip(sk: Skeleton):
    """Where a carried child sits: on the holder's screen-left hip, at the waist."""
    b = sk.build
    return (sk.hip[0] - b.hip * 0.72, sk.hip[1] - b.torso * 0.22)


@arm_pose
def _carry(sk):
    """A child on the hip: the near arm under the child, the other across the child's back."""
    b = sk.build
    (sl, _), (sr, _) = _sides(sk)
    seat = carry_hip(sk)
    under_e = (sl[0] - 18, sl[1] + b.upper_arm * 0.88)
    under_w = (seat[0] + b.hip * 0.55, seat[1] + b.leg_w * 0.1)
    across_e = (sr[0] + 6, sr[1] + b.upper_arm * 0.78)
    across_w = (seat[0] + b.hip * 0.15, sl[1] + b.upper_arm * 0.5)
    return [Arm(sl, under_e, under_w, layer="back", fore_layer="front"), Arm(sr, across_e, across_w, layer="front")]


@arm_pose
def _cradle(sk):
    """A baby held in both arms against the chest."""
    b = sk.build
    (sl, _), (sr, _) = _sides(sk)
    chest_y = sk.shoulders[1] + b.upper_arm * 0.85
    cx = sk.shoulders[0]
    arms = []
    for sh, s in ((sl, -1), (sr, 1)):
        e = (sh[0] + s * 12, sh[1] + b.upper_arm * 0.9)
        w = (cx - s * b.shoulder * 0.35, chest_y + (18 if s < 0 else -6))
        arms.append(Arm(sh, e, w, layer="front"))
    return arms
