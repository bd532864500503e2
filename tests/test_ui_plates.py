"""Name plates in a crowded room: never on top of one another, never off the stage, never a name cut short."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.engine.stage import Person
from simulator.ui.kit.fonts import Fonts
from simulator.ui.kit.look import Look
from simulator.ui.kit.plates import lay_plates
from simulator.ui.kit.text import TextCache
from simulator.ui.kit.theme import palette

pytestmark = pytest.mark.ui

CONFERENCE = [
    ("margaret", "Margaret Osei", "concerned"),
    ("dev", "Dev Sharma", "neutral"),
    ("fiona", "Fiona Harris", "anxious"),
    ("john", "John Harris", "hostile"),
    ("louisa", "Louisa", "calm"),
    ("police", "DC Rowe", "guarded"),
    ("health", "Health visitor", "warm"),
]


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


def look(size: tuple[int, int], step: int) -> Look:
    return Look(Fonts(), size, step, palette(False), TextCache(), None)


@pytest.mark.parametrize(("size", "step"), [((1024, 600), 3), ((800, 480), 3), ((960, 540), 2), ((1920, 1080), 0)])
@pytest.mark.parametrize("spread", [0.9, 0.5, 0.25])
def test_a_conference_of_seven_has_plates_apart_on_the_stage_with_every_word(size, step, spread):
    """Seven people, standing close or far apart: every plate inside the stage, none overlapping, each as wide as its words."""
    lk = look(size, step)
    w, h = size
    stage = pygame.Rect(0, 60, w, h // 2)
    figure_w = 90
    left = (w - spread * w) / 2
    wanted = []
    for i, (fid, name, mood) in enumerate(CONFERENCE):
        cx = round(left + spread * w * (i + 0.5) / len(CONFERENCE))
        wanted.append((Person(fid, name, mood), pygame.Rect(cx - figure_w // 2, stage.y + 80, figure_w, 220), name))
    plates = lay_plates(lk, wanted, stage)
    assert len(plates) == len(CONFERENCE)
    for i, a in enumerate(plates):
        assert stage.contains(a.rect), (a.fig.name, a.rect)
        for b in plates[i + 1 :]:
            assert not a.rect.colliderect(b.rect), (a.fig.name, b.fig.name)
        shown = " ".join(text.strip() for text, *_ in a.texts)
        assert shown.startswith(a.fig.name)  # the whole name, never "Margaret Os"
        for text, style, _role, at in a.texts:
            tw, th = lk.typeset.font(style).size(text)
            assert a.rect.contains(pygame.Rect(at, (tw, th))), (text, a.rect)


def test_plates_keep_their_mood_when_there_is_room():
    """With people well apart each plate says name and mood on one line above the head."""
    lk = look((1920, 1080), 1)
    stage = pygame.Rect(0, 60, 1920, 600)
    wanted = [(Person("fiona", "Fiona", "anxious"), pygame.Rect(400, 200, 100, 300), "Fiona"), (Person("john", "John", "hostile"), pygame.Rect(1400, 200, 100, 300), "John")]
    plates = lay_plates(lk, wanted, stage)
    for plate, (_fig, body, _name) in zip(plates, wanted, strict=True):
        assert [t.strip() for t, *_ in plate.texts] == [plate.fig.name, plate.fig.mood]
        assert plate.rect.bottom <= body.y and abs(plate.rect.centerx - body.centerx) <= 2
        assert plate.texts[0][3][1] == plate.texts[1][3][1]  # one line


def test_plates_keep_clear_of_the_voices_tags():
    """A plate that would sit on a heard voice's tag (top left of the stage) is placed beside or below it instead."""
    lk = look((1024, 600), 3)
    stage = pygame.Rect(0, 60, 1024, 300)
    tag = pygame.Rect(20, 70, 420, 40)
    wanted = [(Person("fiona", "Fiona Harris", "anxious"), pygame.Rect(150, 100, 90, 220), "Fiona Harris")]
    plates = lay_plates(lk, wanted, stage, [tag])
    assert not plates[0].rect.colliderect(tag) and stage.contains(plates[0].rect)


@pytest.mark.parametrize(("size", "step"), [((1280, 720), 1), ((1024, 600), 3), ((1920, 1080), 0)])
def test_a_place_without_a_picture_keeps_its_name_clear_of_the_plates(size, step):
    """Five people in a place drawn only by its name: no plate covers the name (a trainer's case had "Primary library" under a plate)."""
    from simulator.engine.stage import View
    from simulator.ui.kit.art import ArtCache
    from simulator.ui.kit.stage import Stage

    lk = look(size, step)
    people = tuple(Person(fid, name, mood) for fid, name, mood in [("ellis", "Mrs Ellis", None), ("tom", "Tom", None), ("kemi", "Kemi", None), ("grace", "Grace", "tired"), ("musa", "Musa", "quiet")])
    stage = Stage()
    stage.set(View("primary-library", people), crowd=len(people))
    stage.layout(lk, pygame.Rect(0, 70, size[0], size[1] // 2))
    art = ArtCache(None, threaded=False)
    name = lk.cache.render(lk.typeset.font("small-italic"), art.label("primary-library"), lk.palette.muted)
    where = name.get_rect(topright=(size[0] - lk.m.margin, stage.area.y + lk.m.u(10)))
    surface = pygame.Surface(size)
    stage.draw(surface, lk, art)
    assert stage.placeholder and len(stage.plates) == len(people)
    assert not any(plate.colliderect(where) for plate in stage.plates), (where, stage.plates)
