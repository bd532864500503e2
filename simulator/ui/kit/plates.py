"""Name plates for everyone on stage, laid out together so none covers another and no name is cut short.

A plate sits above its person's head and says their name and, in italics,
their mood ("Fiona  anxious"), so nothing rests on the picture alone. In a
crowded room (a conference of seven at 1024x600 with the largest text) the
plates would collide, so each is placed in turn, left to right, at the first
of these that touches no plate already placed and stays on the stage:

1. name and mood on one line, above the head, nudged sideways a little if need be;
2. name above mood, on two lines (narrower);
3. the same a row lower (over the shoulders), then two rows lower;
4. the name alone (the mood is still in the picture), on any of those rows;
5. anywhere along the rows, however far from the person.

Text is never clipped: a plate is always as wide as its words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from simulator.engine.stage import Person
from simulator.ui.kit.look import Look

ROWS = 3


@dataclass(frozen=True)
class Plate:
    """A placed plate: whose, where, and each piece of text with its style, role and top-left corner."""

    fig: Person
    rect: pygame.Rect
    texts: tuple[tuple[str, str, str, tuple[int, int]], ...]


def _variants(look: Look, fig: Person, name: str) -> list[tuple[int, int, list[tuple[str, str, str, int, int]]]]:
    """(width, height, [(text, style, role, dx, dy)]) for one line, two lines and the name alone (``name`` as the plate says it)."""
    m = look.m
    pad_x, pad_y = m.u(10), m.u(3)
    ts = look.typeset
    name_w, name_h = ts.font("small-bold").size(name)
    line = ts.line_height("small")
    one_h = line + 2 * pad_y
    top = pad_y + (line - name_h) // 2  # text centred in its line
    out = []
    if fig.mood:
        mood = f"  {fig.mood}"
        mood_w = ts.font("small-italic").size(mood)[0]
        out.append((name_w + mood_w + 2 * pad_x, one_h, [(name, "small-bold", "text", pad_x, top), (mood, "small-italic", "muted", pad_x + name_w, top)]))
        bare_w = ts.font("small-italic").size(fig.mood)[0]
        width = max(name_w, bare_w) + 2 * pad_x
        out.append((width, 2 * line + 2 * pad_y, [(name, "small-bold", "text", (width - name_w) // 2, top), (fig.mood, "small-italic", "muted", (width - bare_w) // 2, top + line)]))
    out.append((name_w + 2 * pad_x, one_h, [(name, "small-bold", "text", pad_x, top)]))
    return out


def lay_plates(look: Look, wanted: Sequence[tuple[Person, pygame.Rect, str]], bounds: pygame.Rect, avoid: Sequence[pygame.Rect] = ()) -> list[Plate]:
    """Plates for ``wanted`` (each person, the rect of their figure, the words on their plate), inside ``bounds``, apart, and clear of ``avoid``."""
    m = look.m
    gap = m.u(6)
    pitch = 2 * look.typeset.line_height("small") + m.u(6) + m.u(4)  # a row lower: clear of a two-line plate above
    placed: list[pygame.Rect] = list(avoid)
    out: list[Plate] = []
    for fig, body, name in sorted(wanted, key=lambda item: item[1].centerx):
        variants = _variants(look, fig, name)
        order = [(v, row) for row in range(ROWS) for v in range(len(variants) - 1)] + [(len(variants) - 1, row) for row in range(ROWS)]
        choice = None
        for v, row in order:
            width, height, _ = variants[v]
            choice = _spot(body, width, height, row, pitch, placed, bounds, gap, m.u(4), near=True)
            if choice is not None:
                break
        if choice is None:
            v = len(variants) - 1
            width, height, _ = variants[v]
            choice = next((c for row in range(ROWS * 2) if (c := _spot(body, width, height, row, pitch, placed, bounds, gap, m.u(4), near=False))), None)
        if choice is None:  # nowhere free at all: above the head, as before (a test would say so)
            width, height, _ = variants[v]
            choice = pygame.Rect(0, 0, width, height)
            choice.midbottom = (body.centerx, body.y - m.u(4))
            choice.clamp_ip(bounds)
        placed.append(choice)
        texts = tuple((text, style, role, (choice.x + dx, choice.y + dy)) for text, style, role, dx, dy in variants[v][2])
        out.append(Plate(fig, choice, texts))
    return out


def _spot(
    body: pygame.Rect, width: int, height: int, row: int, pitch: int, placed: list[pygame.Rect], bounds: pygame.Rect, gap: int, lift: int, *, near: bool
) -> pygame.Rect | None:
    """A free place for a plate in ``row`` (0 above the head), as close to the person as it can be; None if there is none."""
    if width > bounds.width:
        return None
    rect = pygame.Rect(0, 0, width, height)
    rect.midbottom = (body.centerx, body.y - lift)
    rect.y += row * pitch
    rect.clamp_ip(bounds)
    if rect.bottom > bounds.bottom or rect.top < bounds.top:
        return None
    want = rect.x
    xs = {want} | {r.right + gap for r in placed} | {r.left - gap - width for r in placed}
    reach = max(width, pitch * 2) if near else bounds.width
    for x in sorted(xs, key=lambda x: abs(x - want)):
        if abs(x - want) > reach or x < bounds.left or x + width > bounds.right:
            continue
        trial = pygame.Rect(x, rect.y, width, height)
        if not any(trial.colliderect(r.inflate(gap, gap)) for r in placed):
            return trial
    return None
