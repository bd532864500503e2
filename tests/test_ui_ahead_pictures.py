"""Cards and moments drawn while the screen before is read: what comes up is that picture, equal to it drawn afresh.

Each decision's feedback cards, a new episode's card and the watch tour's
cards are laid out and drawn ahead (DocScene.draw_ahead, flow/play.py,
flow/tour.py), and shown as those pictures when they still show what the card
would; a next moment whose pictures were still being drawn is drawn ahead
again once they come; a watch beat comes up with the strip's words laid out.
Each is compared with the same screen drawn afresh, pixel for pixel.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_ahead_cards import HARRIS, Laid, press, reading

from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui


def test_the_moment_after_feedback_opens_on_its_first_page_drawn_ahead_even_when_its_pictures_came_late(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Closing a feedback card shows the next moment's first page drawn while the card was read, also when its pictures were still being drawn then."""
    from simulator.ui.play import ahead as ahead_module
    from simulator.ui.play import picture as picture_module

    shown: list[bool] = []
    real = ahead_module.take

    def take(scene):  # type: ignore[no-untyped-def]
        used, changed = real(scene)
        if closing:
            shown.append(used)
        return used, changed

    monkeypatch.setattr(picture_module, "take", take)
    closing = False
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)
    late = 0
    for _ in range(300):
        top = d.top
        if top.name in ("ending", "debrief") or len(shown) >= 12:
            break
        if top.name == "feedback":
            play = d.app.stack[-2]
            d.app.run_task()  # the first piece of waiting work: the next moment laid out and its first page drawn, before its pictures come
            shell = play.next_moment
            late += shell is not None and shell.ahead.pending is not None
            reading(d)  # its pictures arrive while the card is read, and the page is drawn ahead again
            closing = True
            press(d, pygame.K_RETURN)
            closing = False
            continue
        reading(d)
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        press(d, pygame.K_1 if choosing else pygame.K_RETURN)
    assert len(shown) >= 12
    assert late >= 1, "some next moment should have waited for pictures as its card opened (else this checks nothing)"
    assert all(shown), f"{shown.count(False)} of {len(shown)} moments after feedback were drawn as they opened"
    d.app.close()


def fresh(d: Driver) -> pygame.Surface:
    """The window as the top card would be drawn afresh (not from a picture drawn ahead), over the picture beneath it."""
    app, top = d.app, d.top
    whole = pygame.Surface(app.surface.get_size()).convert(app.surface)
    if top.overlay:
        whole.blit(app._under[1], (0, 0))
    picture, top._picture = top._picture, None
    try:
        top.draw(whole)
    finally:
        top._picture = picture
    return whole


@pytest.mark.parametrize(("size", "settings"), [((1920, 1080), {}), ((1024, 600), {"text_size": 3, "high_contrast": True})])
def test_a_feedback_card_drawn_ahead_opens_as_a_copy_that_equals_the_card_drawn_afresh(tmp_path: Path, size: tuple[int, int], settings: dict[str, object]):
    """Each option's feedback card is laid out and drawn while the decision is read; the one chosen opens as that picture, pixel for pixel the card drawn afresh."""
    from simulator.services.settings import Settings

    d = Driver(make_app(tmp_path, HARRIS, size=size, settings=Settings(**settings)))
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)
    pasted = 0
    for _ in range(300):
        top = d.top
        if top.name in ("ending", "debrief") or pasted >= 6:
            break
        reading(d)
        if top.name == "play" and top.stages[top.index][0] == "choose":
            ready = dict(d.app.flow._feedback)  # type: ignore[attr-defined]
            press(d, pygame.K_1)
            card = d.top
            if card.name == "feedback":
                pasted += card._picture is not None and card._picture[0] == card._card_key()
                assert not ready or card in ready.values(), "the card laid out ahead should be the one shown"
                assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB"), "the card opened differs from the card drawn afresh"
                press(d, pygame.K_TAB)  # the focus moves: the picture no longer shows it, and is not used
                assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB")
            continue
        press(d, pygame.K_RETURN)
    assert pasted >= 6, "feedback cards should open from the picture drawn while the decision was read"
    d.app.close()


def test_the_watch_tours_cards_open_as_made_and_drawn_while_the_screen_before_was_watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Watch side by side at 1920x1080 over two episodes: each closing and intro card is the one made while the versions or the card before were on screen, its picture equal to the card drawn afresh; the episode list beneath is not laid out again."""
    from simulator.ui.watch.menus import EpisodesScene

    laid: list[str] = []
    real = EpisodesScene.layout

    def layout(self, look):  # type: ignore[no-untyped-def]
        before = self._laid
        real(self, look)
        laid.append("kept" if self._laid is before else "again")

    monkeypatch.setattr(EpisodesScene, "layout", layout)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("watch")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)  # the episode list, then the first episode's card
    cards: list[str] = []
    for _ in range(400):
        top = d.top
        if len(cards) >= 3 or not top.name.startswith("watch"):
            break
        reading(d)
        tour = top.moves  # the watch tour
        ready = tour._ready[1] if tour._ready is not None else None
        d.key(pygame.K_PAGEDOWN)
        now = d.top
        if now is not top and now.name in ("watch-intro", "watch-closing"):
            cards.append(now.name)
            assert ready is None or now is ready, "the card shown should be the one made ahead"
            assert now._picture is not None and now._picture[0] == now._card_key(), f"{now.name} should open from its picture drawn ahead"
            assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB"), f"{now.name} differs from the card drawn afresh"
    assert cards[:3] == ["watch-closing", "watch-intro", "watch-closing"], cards
    assert laid.count("again") <= 1 and laid.count("kept") >= 3, f"the episode list should stay as laid out: {laid}"
    d.app.close()


def test_a_new_episodes_card_opens_as_made_and_drawn_while_the_page_before_was_read(tmp_path: Path):
    """At 1920x1080 through Harris: each episode's card, the first included, is the one made while the prebrief or the last page was read, and its first frame equals the card drawn afresh."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    flow = d.app.flow  # type: ignore[attr-defined]
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    cards = 0
    for _ in range(400):
        top = d.top
        if top.name in ("ending", "debrief") or cards >= 4:
            break
        reading(d)
        ready = flow._transition
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        press(d, pygame.K_1 if choosing else pygame.K_RETURN)
        while d.top.name == "feedback":
            reading(d)
            ready = flow._transition or ready
            press(d, pygame.K_RETURN)
        now = d.top
        if now.name == "transition" and now is not top:
            cards += 1
            assert now is ready, "the card shown should be the one made ahead"
            assert now._picture is not None and now._picture[0] == now._card_key(), "it should open from its picture drawn ahead"
            assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB"), "the card differs from the card drawn afresh"
            for _ in range(60):
                if now.settled():
                    break
                d.app.run_task()
                d.app.step([], dt=1 / 60)
    assert cards >= 4
    d.app.close()


def test_a_watch_beat_comes_up_with_the_strips_words_laid_out_while_the_beat_before_played(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Watch side by side at 1920x1080: after the waiting work between beats, a clicker's Page Down lays out no words anew (the strip's status included)."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("watch")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    for _ in range(6):
        if d.top.name == "watch-side-by-side":
            break
        reading(d)
        d.key(pygame.K_RETURN)
    watch = d.top
    assert watch.name == "watch-side-by-side"
    laid = Laid(monkeypatch)
    beats = 0
    for _ in range(12):
        if d.top is not watch or watch.tick + 1 >= len(watch.ticks):
            break
        reading(d)
        laid.count = 0
        press(d, pygame.K_PAGEDOWN)
        beats += 1
        assert laid.count == 0, f"beat {watch.tick + 1} laid out {laid.count} paragraphs anew as it came up"
    assert beats >= 8
    d.app.close()


@pytest.mark.parametrize("case", [HARRIS.parent.parent / "docs" / "examples" / "small-visit", HARRIS])
def test_the_ending_opens_as_made_and_drawn_while_the_last_page_was_read(tmp_path: Path, case: Path):
    """Played to the end at 1920x1080: the ending is the card made while the page before it was read, this playthrough's own, and equals the card drawn afresh."""
    d = Driver(make_app(tmp_path, case, size=(1920, 1080)))
    flow = d.app.flow  # type: ignore[attr-defined]
    assert d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    ready = None
    for _ in range(3000):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)
        ready = flow._ending or ready
        choosing = top.name == "play" and top.stages[top.index][0] == "choose"
        press(d, pygame.K_1 if choosing else pygame.K_RETURN)
    ending = d.top
    assert ending.name == "ending"
    assert ending is ready, "the ending shown should be the one made while the last page was read"
    assert ending.run is d.app.stack[-2].run, "and it should belong to this playthrough (its debrief is this one's)"
    assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh(d), "RGB"), "the ending differs from the card drawn afresh"
    d.app.close()
