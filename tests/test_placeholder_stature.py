"""A person with no pictures yet stands at their own height: a ten-year-old's stand-in is a child's height, not an adult's.

Checked on the pixels the window draws, with the shipped stand-in picture and with the drawn one used when there is none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import scaffolded

from simulator.assets import load_art
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import Character
from simulator.ui.kit.art import ArtCache
from simulator.ui.kit.placeholder import age_of, stature

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("pygame_display")]

PROJECT = Path(__file__).resolve().parent.parent
CAST = """\
  - {id: ruby, name: "Ruby Doyle", role: "Alex's daughter", age: 10, trust: 50}
  - {id: kai, name: "Kai Morgan", role: "Toddler"}
  - {id: nia, name: "Nia Morgan", role: "Alex's daughter, seven years old"}
  - {id: bea, name: "Bea Morgan", role: "Alex's mother", age: 70}
calendar:
"""
HEIGHT = 450


def _scenario(tmp_path: Path):
    result = load_scenario(scaffolded(tmp_path, "family-case", {"scenario.yaml": ("calendar:\n", CAST)}))
    assert result.scenario is not None, [d.message for d in result.diagnostics]
    return result.scenario


@pytest.mark.parametrize("shared", [True, False], ids=["shipped-stand-in", "drawn-stand-in"])
def test_a_childs_stand_in_is_a_childs_height_on_the_same_floor(tmp_path: Path, shared: bool):
    cache = ArtCache(load_art(PROJECT / "assets") if shared else None, threaded=False)
    cache.use_scenario(_scenario(tmp_path))
    body = {}
    for who in ("alex", "bea", "ruby", "kai", "nia"):
        surf, placeholder = cache.figure(who, None, HEIGHT)
        assert surf is not None and placeholder
        assert surf.get_height() == HEIGHT  # the same canvas as everyone's: the stage places every figure alike
        body[who] = surf.get_bounding_rect(min_alpha=40)
    adult = body["alex"].height
    assert body["bea"].height == adult  # a grown-up of any age is a grown-up's height
    for who, cm in (("ruby", 139), ("nia", 122), ("kai", 87)):
        assert abs(body[who].height / adult - cm / 170) < 0.03, (who, body[who], adult)
        assert abs(body[who].bottom - body["alex"].bottom) <= 1  # feet on the same floor
        assert abs(body[who].centerx - body["alex"].centerx) <= 2  # in the middle of their place, as an adult is
        assert body[who].width < body["alex"].width  # smaller all over, in proportion: not squashed
    assert body["kai"].height < body["nia"].height < body["ruby"].height < adult


@pytest.mark.parametrize(
    ("role", "age", "expected"),
    [
        ("Child", None, 8),
        ("Baby", None, 0),
        ("Young person in care", None, 15),
        ("Fiona's daughter, eleven years old", None, 11),
        ("Pupil, aged 9", None, 9),
        ("Child protection conference chair", 45, 45),  # an age given is the age
        ("Child protection conference chair", None, None),  # "child" here is not the person
        ("Their daughter", None, None),  # a daughter may be fifty: only an age says so
        ("Social worker", None, None),
    ],
)
def test_the_age_comes_from_the_cast_or_a_role_that_says_so(role: str, age: int | None, expected: int | None):
    person = Character(id="p", name="P", short="P", role=role, age=age)
    assert age_of(person) == expected
    assert (stature(person) < 1.0) == (expected is not None and expected < 17)
