"""The load cache's codec reads each model class's field types exactly as typing.get_type_hints does."""

from __future__ import annotations

import sys
import typing

import pytest

from simulator.scenario import cache_codec
from simulator.scenario.cache_shape import type_hints
from simulator.scenario.model import Episode, Loc, Node, Scenario


def _reached() -> list[type]:
    """Every class whose fields the codec reads to carry a scenario, its episodes and their nodes."""
    seen: list[type] = []
    real = cache_codec._hints

    def spy(cls: type) -> dict[str, typing.Any]:
        seen.append(cls)
        return real(cls)

    cache_codec._codec.cache_clear()
    cache_codec._hints = spy  # type: ignore[assignment]
    try:
        for kind in (Node, Episode, Scenario):
            cache_codec._codec(kind)
    finally:
        cache_codec._hints = real  # type: ignore[assignment]
        cache_codec._codec.cache_clear()
    return seen


@pytest.mark.parametrize("cls", _reached(), ids=lambda c: c.__name__)
def test_field_types_are_get_type_hints_own(cls: type) -> None:
    """For each class the codec carries: the same types, field by field, as typing.get_type_hints gives."""
    space = {**vars(sys.modules[cls.__module__]), "Loc": Loc}
    assert type_hints(cls, space) == typing.get_type_hints(cls, space)


def test_other_classes_go_to_get_type_hints() -> None:
    """A class with a base of its own, or an annotation that is not text, is read by get_type_hints itself."""

    class Base:
        a: int

    class Child(Base):
        b: str

    class Typed:
        c: int = 0

    Typed.__annotations__["c"] = int
    assert type_hints(Child, {}) == {"a": int, "b": str}
    assert type_hints(Typed, {}) == {"c": int}
