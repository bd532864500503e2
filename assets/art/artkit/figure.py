"""Putting a figure together, back to front.

    Build (proportions) + Look (hair, skin, clothes) + Pose + Face
        -> skeleton()           joint positions
        -> draw_figure()        chair, hair behind, far arm, legs, neck,
                                torso and clothes, head and face, near arms
"""

from __future__ import annotations

from . import body, face as face_mod
from .model import Build, Face, Look, Pose
from .skeleton import arms_for, skeleton
from .svg import Doc


def draw_figure(doc: Doc, build: Build, look: Look, pose: Pose, face: Face, held=None):
    """``held(doc, sk)`` draws someone carried: over the body, under the arms that hold them."""
    sk = skeleton(build, pose)
    arms = arms_for(sk)
    dim = body.DIM
    if pose.seated:
        body.draw_chair(doc, sk)
    face_mod.draw_head(doc, sk, look, face, "back")
    for arm in arms:
        if arm.layer == "back":
            parts = ("upper",) if arm.fore_layer else ("upper", "fore")
            body.draw_arm(doc, arm, build, look, parts, dim)
    if look.bag:
        body.draw_bag(doc, sk, look, "bag")
    body.draw_legs(doc, sk, look)
    face_mod.draw_neck(doc, sk, look)
    body.draw_torso(doc, sk, look)
    if look.top_style == "hoodie":
        body.draw_pocket(doc, sk, look)
    if look.bag:
        body.draw_bag(doc, sk, look, "strap")
    for arm in arms:
        if arm.layer == "mid":
            body.draw_arm(doc, arm, build, look)
    face_mod.draw_head(doc, sk, look, face, "front")
    body.draw_prop(doc, sk, arms, pose.prop, "before_arms")
    if held is not None:
        held(doc, sk)
    for arm in arms:
        if arm.layer == "back" and arm.fore_layer:
            body.draw_arm(doc, arm, build, look, ("fore",), dim)
    for arm in arms:
        if arm.layer == "front":
            body.draw_arm(doc, arm, build, look)
    if look.top_style == "hoodie" and pose.arms in ("pockets", "pocket_one"):
        body.draw_pocket(doc, sk, look)
    body.draw_prop(doc, sk, arms, pose.prop, "after_arms")
    return sk
