"""Views through windows and windscreens: houses across the road, far trees, a distant town.

nanosvg has no clipping, so these compute shapes that stay inside the glass box
(x, y, w, h) they are given. Shared by the shipped rooms and any scenario's own.
"""

from __future__ import annotations

from .scenery import Lcg
from .svg import Doc


def clipped_rect(doc: Doc, box, x, y, w, h, fill, **kw):
    bx, by, bw, bh = box
    x0, y0 = max(x, bx), max(y, by)
    x1, y1 = min(x + w, bx + bw), min(y + h, by + bh)
    if x1 - x0 > 1 and y1 - y0 > 1:
        doc.rect(x0, y0, x1 - x0, y1 - y0, fill, **kw)


def street_opposite(doc: Doc, x, y, w, h):
    """Houses across the road, pale with distance."""
    box = (x, y, w, h)
    base = y + h * 0.78
    rnd = Lcg(int(x + y))
    xx = x - rnd.range(20, 80)
    while xx < x + w:
        hw = rnd.range(160, 240)
        top = y + h * rnd.range(0.32, 0.45)
        col = rnd.pick(["#d9cfc8", "#d3d6d4", "#e0d6c8"])
        clipped_rect(doc, box, xx, top, hw, base - top, col)
        roof = [(xx - 6, top), (xx + hw / 2, top - h * 0.1), (xx + hw + 6, top)]
        doc.poly([(min(max(px, x), x + w), py) for px, py in roof], "#c3c7cb")
        for k in range(2):
            clipped_rect(doc, box, xx + 30 + k * hw * 0.45, top + h * 0.08, hw * 0.25, h * 0.1, "#c9d3da")
        xx += hw + 10
    doc.rect(x, base, w, y + h - base, "#c9cbc6")


def trees_far(doc: Doc, x, y, w, h, seed=2):
    rnd = Lcg(seed)
    ground = y + h * 0.8
    for k in range(6):
        r = min(rnd.range(50, 80), h * 0.32, w / 7)
        tx = min(max(x + w * (k + 0.5) / 6 + rnd.range(-20, 20), x + r), x + w - r)
        doc.circle(tx, ground - r * 0.55, r, rnd.pick(["#b9c8b4", "#adbfa9", "#c2cfbc"]))
    doc.rect(x, ground, w, y + h - ground, "#cfd2cc")


def city_far(doc: Doc, x, y, w, h):
    box = (x, y, w, h)
    rnd = Lcg(11)
    xx = x
    while xx < x + w:
        bw = rnd.range(90, 170)
        top = y + h * rnd.range(0.25, 0.6)
        clipped_rect(doc, box, xx, top, bw, y + h - top, rnd.pick(["#cdd5dc", "#d6dbdf", "#c5ced6"]))
        for row in range(int((y + h - top - 30) // 40)):
            clipped_rect(doc, box, xx + 14, top + 20 + row * 40, bw - 28, 12, "#dde4e9")
        xx += bw + 14
    trees_far(doc, x, y + h * 0.35, w, h * 0.65, seed=5)


# -- 1. The Harris doorstep -------------------------------------------------------
