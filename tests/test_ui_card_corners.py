"""A card drawn ahead is pasted with its corners cut out ahead too: the same pixels as the card drawn afresh.

Showing a card drawn ahead (feedback after a choice, a new episode's card, the prebrief) copies its picture, then
drew the panel again clipped to each rounded corner, over whatever lies beneath: four passes of the rounded fill in
that frame. The corners are now cut out as the card is drawn ahead (kit/document.py, a colour key for what lies
beneath) and pasted in four small copies. The window after each such frame is compared with the card drawn afresh,
without its picture, over the same picture beneath.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead import HARRIS, reading
from test_ui_dirty import difference, into_play, walk

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.document import DocScene

pytestmark = pytest.mark.ui


def drawn_afresh(d: Driver) -> pygame.Surface:
    """The card on top drawn without its picture, over what lies beneath it (the dimmed window for an overlay)."""
    app, card = d.app, d.top
    fresh = pygame.Surface(app.surface.get_size()).convert(app.surface)
    if len(app._visible()) > 1:
        assert app._under is not None
        fresh.blit(app._under[1], (0, 0))
    kept, card._picture = card._picture, None
    card.draw(fresh)
    card._picture = kept
    return fresh


@pytest.mark.parametrize(("size", "settings"), [((1920, 1080), None), ((1024, 600), Settings(text_size=3, high_contrast=True))])
def test_a_card_drawn_ahead_shows_the_pixels_of_the_card_drawn_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size, settings):
    pasted: list[str] = []
    real = DocScene._paste

    def paste(self, surface):  # type: ignore[no-untyped-def]
        done = real(self, surface)
        if done and self._picture[2] is not None:
            pasted.append(self.name)
        return done

    monkeypatch.setattr(DocScene, "_paste", paste)
    d = Driver(make_app(tmp_path, HARRIS, size=size, settings=settings))

    class NoScreen:
        def check(self, d: Driver, what: str) -> None:
            pass

    into_play(d, NoScreen())  # type: ignore[arg-type]
    checked: set[str] = set()
    for _top, key in walk(d, 120, reading):
        pasted.clear()
        d.app.step(key, dt=0.0)
        if pasted and pasted[0] == d.top.name and d.app.updated is None:  # a card shown whole from its picture, corners and all
            differs = difference(d.app.surface, drawn_afresh(d))
            assert differs is None, f"{d.top.name}: the card pasted with its corners differs from the card drawn afresh within {differs}"
            checked.add(d.top.name)
    assert {"feedback", "transition"} <= checked, checked
    d.app.close()
