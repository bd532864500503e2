"""Quiet stand-ins for pictures a case has not drawn yet: a plain room, and a grey figure the height of the person.

Every character picture is drawn on one scale (an adult about 840 pixels of the
900, a toddler about 430, feet on the bottom edge), so that people stand true
to size beside each other. A stand-in figure keeps that promise: a person the
cast gives an ``age`` under 18 (or a role that says they are a child, a baby or
a teenager, when no age is given) is drawn at the height of a child of that age,
in the same calm grey and the same proportions as everyone else, feet on the
same floor. A ten-year-old is not drawn as tall as her neighbour.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from simulator.scenario.model import Character

FIGURE_ASPECT = 600 / 900  # character art is drawn 600x900

# Typical standing height at each age in years (UK growth charts, boys and girls together, rounded), in centimetres;
# an adult is 170. A baby is measured lying down: held or in a bouncer, as the shipped art draws one.
_HEIGHT_CM = (66, 76, 87, 96, 103, 110, 116, 122, 128, 133, 139, 144, 150, 156, 162, 166, 169)
_ADULT_CM = 170
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
          "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17}
_AGED = re.compile(r"\b(\d{1,2}|" + "|".join(_WORDS) + r")[ -](?:years?|yrs?)[ -]old\b|\baged (\d{1,2}|" + "|".join(_WORDS) + r")\b|\b(\d{1,2}|" + "|".join(_WORDS) + r")[ -]year[ -]old\b")
_ROLE_AGE = {"baby": 0, "newborn": 0, "infant": 0, "toddler": 2, "child": 8, "boy": 8, "girl": 8, "pupil": 8, "teenager": 15, "teen": 15, "young person": 15}
# The role names the person as a child only when the word stands alone ("Child", "Young person in care", "Baby, nine
# months"): not in "Child protection chair".
_ROLE_START = re.compile(r"^(?:the |a |an )?(" + "|".join(sorted(_ROLE_AGE, key=len, reverse=True)) + r")(?=$|[,;(.]| in | at | of | with | who | aged )")


def age_of(character: Character) -> int | None:
    """The person's age: the cast's ``age``, else one the role states ("Fiona's daughter, eleven years old"), else a
    role that is itself a child's ("Child", "Baby", "Young person"); None for everyone else (an adult)."""
    if character.age is not None:
        return character.age
    role = " ".join(character.role.lower().split())
    said = _AGED.search(role)
    if said:
        word = next(g for g in said.groups() if g)
        return int(word) if word.isdigit() else _WORDS[word]
    starts = _ROLE_START.match(role)
    return _ROLE_AGE[starts.group(1)] if starts else None


def stature(character: Character, age: int | None = None) -> float:
    """How tall the person stands beside an adult (at ``age``, else :func:`age_of`'s): 1.0 for an adult or anyone whose age is not known."""
    age = age_of(character) if age is None else age
    if age is None or age < 0 or age >= len(_HEIGHT_CM):
        return 1.0
    return _HEIGHT_CM[age] / _ADULT_CM


def shorter(figure: pygame.Surface, scale: float) -> pygame.Surface:
    """``figure`` (a whole 600x900-shaped picture) drawn ``scale`` as tall, on a canvas of the same size, feet on its bottom edge."""
    if scale >= 1.0:
        return figure
    w, h = figure.get_size()
    small = pygame.transform.smoothscale(figure, (max(1, round(w * scale)), max(1, round(h * scale))))
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    out.blit(small, small.get_rect(midbottom=(w // 2, h)))
    return out


def placeholder_location(size: tuple[int, int]) -> pygame.Surface:
    """A calm wall-and-floor room with a window: clearly a stand-in, never alarming."""
    w, h = max(1, size[0]), max(1, size[1])
    surf = pygame.Surface((w, h))
    wall_top, wall_bottom, floor = (214, 222, 224), (194, 205, 208), (168, 160, 148)
    horizon = int(h * 0.72)
    for y in range(horizon):
        t = y / max(1, horizon)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(wall_top, wall_bottom, strict=True))
        pygame.draw.line(surf, colour, (0, y), (w, y))
    surf.fill(floor, pygame.Rect(0, horizon, w, h - horizon))
    pygame.draw.line(surf, (150, 142, 130), (0, horizon), (w, horizon), max(1, h // 200))
    win = pygame.Rect(int(w * 0.62), int(h * 0.16), int(w * 0.2), int(h * 0.3))
    pygame.draw.rect(surf, (232, 238, 240), win, border_radius=max(1, h // 120))
    pygame.draw.rect(surf, (176, 188, 192), win, max(2, h // 160), border_radius=max(1, h // 120))
    pygame.draw.line(surf, (176, 188, 192), win.midtop, win.midbottom, max(2, h // 200))
    return surf


def placeholder_figure(height: int) -> pygame.Surface:
    """A soft grey silhouette (head and shoulders over a body) at the figure's proportions."""
    w = max(4, round(height * FIGURE_ASPECT))
    surf = pygame.Surface((w, height), pygame.SRCALPHA)
    colour = (120, 132, 140, 200)
    head_r = max(2, round(height * 0.085))
    cx = w // 2
    pygame.draw.circle(surf, colour, (cx, round(height * 0.12)), head_r)
    body = pygame.Rect(round(w * 0.24), round(height * 0.23), round(w * 0.52), round(height * 0.5))
    pygame.draw.rect(surf, colour, body, border_radius=max(2, round(w * 0.18)))
    legs = pygame.Rect(round(w * 0.32), round(height * 0.66), round(w * 0.36), round(height * 0.33))
    pygame.draw.rect(surf, colour, legs, border_radius=max(2, round(w * 0.08)))
    return surf
