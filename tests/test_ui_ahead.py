"""Pages and moments drawn ahead while the trainee reads (play/ahead.py) show exactly what drawing them then would.

Between key presses these tests let the loop do its waiting work, as it does
while a person reads (the next page drawn ahead, the next moment laid out and
drawn ahead), then check every frame sent against a whole redraw of the same
state, pixel for pixel (the screen copy of tests/test_ui_dirty.py). They also
check that the pictures drawn ahead are the ones shown, and that none is used
once it is stale: after a mood frame, a change of settings or a resize.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from test_ui_dirty import Screen, into_play, into_side_by_side, press, step

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.play import ahead as ahead_module
from simulator.ui.play import layout as layout_module
from simulator.ui.play import picture as picture_module
from simulator.ui.play import scene as scene_module

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


class Counts:
    """How often a page drawn ahead was shown, and a moment laid out ahead was taken over (counted on the real functions)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown = 0
        self.adopted = 0
        self.refused = 0
        self.taken: list[object] = []  # the layouts taken over
        real_take, real_adopt = ahead_module.take, ahead_module.adopt

        def take(scene):  # type: ignore[no-untyped-def]
            used, changed = real_take(scene)
            self.shown += used
            return used, changed

        def adopt(scene, shell):  # type: ignore[no-untyped-def]
            done = real_adopt(scene, shell)
            self.adopted += done
            if done:
                self.taken.append(shell)
            self.refused += shell is not None and not done
            return done

        monkeypatch.setattr(picture_module, "take", take)
        for module in (scene_module, layout_module):  # a new moment (refresh), a new playthrough's first layout
            monkeypatch.setattr(module, "adopt", adopt)


def reading(d: Driver) -> None:
    """What the loop does while a person reads: its waiting work, and pictures arriving from the art thread."""
    while d.app.run_task():
        pass
    if d.app.art.busy:
        d.app.art.flush()
        d.app.dirty = True
        d.app.step([], dt=0.0)


def on_page(d: Driver) -> bool:
    top = d.top
    return top is not None and top.name == "play"


def test_the_next_page_is_drawn_ahead_and_shows_what_a_whole_redraw_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """At 1920x1080 through Harris, reading before each press: the next page is ready before it is shown, and every frame equals a whole redraw."""
    screen, counts = Screen(monkeypatch), Counts(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    ready_before = 0
    for n in range(160):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)
        screen.check(d, "after reading")
        if top.name == "transition":
            for _ in range(60):
                if top.settled():
                    break
                step(d, screen, "a transition's fade", dt=1 / 60)
            reading(d)
            step(d, screen, "leaving a transition", press(pygame.K_RETURN))
        elif top.name == "play" and top.stages[top.index][0] == "choose":
            step(d, screen, "choosing", press(pygame.K_1))
        else:
            if on_page(d) and top.index + 1 < len(top.stages):
                assert top.ahead.page == (top._laid, top.index + 1), "the next page should be drawn while this one is read"
                ready_before += 1
            if on_page(d) and n % 9 == 4 and top.moment.figures:
                step(d, screen, "a mood frame while reading", dt=1.0)  # the page drawn ahead has the old frame: repainted on showing
            step(d, screen, "paging", press(pygame.K_RETURN))
    assert ready_before > 30
    assert counts.shown > 30, "pages drawn ahead should be the ones shown"
    assert counts.adopted > 10, "moments laid out ahead should be taken over"
    assert screen.partial > 30
    d.app.close()


def test_a_page_drawn_ahead_equals_the_page_drawn_afresh(tmp_path: Path):
    """The frame drawn ahead for the next page holds the very pixels a fresh drawing of that page has: within the panel and its
    buttons, and (the still part copied beside them, so a page shown whole is one copy) everywhere else too."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    d.until(lambda: d.top.name == "play" and d.top.index + 1 < len(d.top.stages), lambda: d.key(pygame.K_RETURN), 200)
    play = d.top
    reading(d)
    ahead = play.ahead
    assert ahead.page == (play._laid, play.index + 1)
    frame, extent = ahead.frame.copy(), pygame.Rect(ahead.extent)
    d.key(pygame.K_RETURN)
    assert play.index == ahead.page[1] if ahead.page else True
    fresh = pygame.Surface(d.app.surface.get_size()).convert(d.app.surface)
    play.draw(fresh)
    assert pygame.image.tobytes(frame.subsurface(extent), "RGB") == pygame.image.tobytes(fresh.subsurface(extent), "RGB")
    assert pygame.image.tobytes(frame, "RGB") == pygame.image.tobytes(fresh, "RGB")
    assert pygame.image.tobytes(d.app.surface, "RGB") == pygame.image.tobytes(fresh, "RGB")
    d.app.close()


def test_nothing_drawn_ahead_is_shown_once_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Largest text in high contrast at 1024x600: settings changed, the window resized, how-people-seem switched on, each between drawing ahead and showing; never a stale pixel."""
    screen, counts = Screen(monkeypatch), Counts(monkeypatch)
    d = Driver(make_app(tmp_path, HARRIS, size=(1024, 600), settings=Settings(text_size=3, high_contrast=True)))
    into_play(d, screen)
    changes = [
        lambda app: app.apply_settings(app.settings.with_changes(high_contrast=False)),
        lambda app: app.apply_settings(app.settings.with_changes(text_size=0)),
        lambda app: app.apply_settings(app.settings.with_changes(seem=True)),
        lambda app: app.apply_settings(app.settings.with_changes(reduced_motion=True)),
        lambda app: (pygame.display.set_mode((1600, 900), pygame.RESIZABLE), app.handle(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))),
        lambda app: app.apply_settings(app.settings.with_changes(text_size=3, high_contrast=True)),
    ]
    stale: list[object] = []
    for _ in range(120):
        top = d.top
        if top.name in ("ending", "debrief") or not changes:
            break
        reading(d)
        if top.name == "transition":
            for _ in range(60):
                if top.settled():
                    break
                step(d, screen, "a transition's fade", dt=1 / 60)
            step(d, screen, "leaving a transition", press(pygame.K_RETURN))
        elif top.name == "play" and top.stages[top.index][0] == "choose":
            step(d, screen, "choosing", press(pygame.K_1))
        elif top.name == "play":
            shell = top.next_moment
            if top.ahead.page is not None or shell is not None:
                changes.pop(0)(d.app)  # what was drawn ahead is now stale
                stale.append(shell)
                step(d, screen, "after the change")
            step(d, screen, "paging", press(pygame.K_RETURN))
        else:
            step(d, screen, "a card", press(pygame.K_RETURN))
    assert len(stale) == 6
    assert counts.refused >= 1, "a moment laid out before a change should have been met, and refused"
    assert not [shell for shell in stale if shell is not None and shell in counts.taken], "a moment laid out for other settings was taken over"
    d.app.close()


def watch_ahead_used(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts, on the real functions, the beats drawn ahead that the watch panes showed and the stills drawn ahead they took."""
    from simulator.ui.watch import ahead as watch_ahead
    from simulator.ui.watch import pane as pane_module
    from simulator.ui.watch import pane_picture

    used = {"beats": 0, "stills": 0}
    real_adopt, real_take = watch_ahead.adopt, watch_ahead.take_still

    def adopt(pane, index, waiting):  # type: ignore[no-untyped-def]
        done = real_adopt(pane, index, waiting)
        used["beats"] += done
        return done

    def take_still(pane, key):  # type: ignore[no-untyped-def]
        taken, changed = real_take(pane, key)
        used["stills"] += taken
        return taken, changed

    monkeypatch.setattr(pane_module, "adopt", adopt)
    monkeypatch.setattr(pane_picture, "take_still", take_still)
    return used


def test_watch_beats_drawn_ahead_show_what_a_whole_redraw_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Watch side by side at 1920x1080, the loop's waiting work done between passes: both panes' next beats are drawn ahead and shown, never a stale pixel."""
    screen = Screen(monkeypatch)
    used = watch_ahead_used(monkeypatch)
    d = into_side_by_side(tmp_path, screen)
    for i in range(300):
        if not d.top.name.startswith("watch"):
            break
        d.app.run_task()  # one piece of waiting work between passes, as App.wait does
        if i % 12 == 11:
            step(d, screen, "a clicker's Page Down", press(pygame.K_PAGEDOWN))
        elif i % 40 == 20:
            step(d, screen, "a mood frame", dt=1.0)
        else:
            step(d, screen, "watching", dt=0.25)
    assert screen.checked > 150
    assert used["beats"] > 20, "beats drawn ahead should be the ones shown"
    assert used["stills"] > 3, "a beat in another place should show the still part drawn ahead"
    d.app.close()


def test_a_card_opens_over_the_window_dimmed_ahead_as_over_one_dimmed_then(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Feedback and pause over play at 1920x1080, after reading: the picture under the card is the window's last frame dimmed (as dimming it then gives), made ahead."""
    screen = Screen(monkeypatch)
    from simulator.ui.kit.dim import Dimmed

    used = {"dimmed": 0}
    real = Dimmed.take

    def take(self, *args):  # type: ignore[no-untyped-def]
        got = real(self, *args)
        used["dimmed"] += got is not None
        return got

    monkeypatch.setattr(Dimmed, "take", take)
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    into_play(d, screen)
    checked = 0
    for n in range(120):
        top = d.top
        if top.name in ("ending", "debrief"):
            break
        reading(d)
        if top.name == "play" and n % 5 == 2:
            step(d, screen, "a mood frame, then pausing", dt=1.0)
            events = press(pygame.K_ESCAPE)
        elif top.name == "play" and top.stages[top.index][0] == "choose":
            events = press(pygame.K_1)
        else:
            events = press(pygame.K_RETURN)
        beneath = top if top.name == "play" else None
        last = d.app.surface.copy()  # the window's last frame
        step(d, screen, "a key", events)
        if beneath is not None and d.top.overlay and d.app._under is not None:
            d.app.look.scrim(last)
            assert pygame.image.tobytes(d.app._under[1], "RGB") == pygame.image.tobytes(last, "RGB"), f"the dimmed picture under {d.top.name} differs from the last frame dimmed"
            checked += 1
            if d.top.name == "pause":
                step(d, screen, "resuming", press(pygame.K_ESCAPE))
    assert checked > 10
    assert used["dimmed"] > 10, "cards should open over the window dimmed ahead"
    d.app.close()
