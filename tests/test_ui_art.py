"""Art by id: real pictures at the size asked for; anything missing or broken is a placeholder and a diagnostic."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.assets import Art
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.art import ArtCache

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"

ROOM = '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080"><rect width="1920" height="1080" fill="#c8d4d8"/></svg>'
PERSON = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900" viewBox="0 0 600 900"><rect x="200" y="100" width="200" height="800" fill="#80a0b0"/></svg>'


@pytest.fixture(autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


@pytest.fixture
def art(tmp_path: Path) -> Art:
    (tmp_path / "room.svg").write_text(ROOM)
    (tmp_path / "calm.svg").write_text(PERSON)
    (tmp_path / "calm-2.svg").write_text(PERSON)
    (tmp_path / "broken.svg").write_text("<svg this is not svg")
    return Art(
        folder=tmp_path,
        locations={"room": tmp_path / "room.svg", "gone": tmp_path / "missing.svg", "broken": tmp_path / "broken.svg"},
        location_labels={"room": "A room"},
        moods={"ann": {"calm": (tmp_path / "calm.svg", tmp_path / "calm-2.svg")}},
    )


def test_location_covers_the_window_exactly(art: Art):
    """A location is scaled to cover any window shape and cropped to exactly its size, with no diagnostic."""
    cache = ArtCache(art, threaded=False)
    for size in ((1280, 720), (1024, 600), (800, 800)):
        surf, placeholder = cache.background("room", size)
        assert surf.get_size() == size and not placeholder
    assert cache.notes == []


def test_unknown_location_id_is_a_placeholder_with_a_diagnostic(art: Art):
    """A location id the manifest does not know gives a placeholder of the right size and one diagnostic naming it."""
    told: list[str] = []
    cache = ArtCache(art, notify=told.append, threaded=False)
    surf, placeholder = cache.background("harris-attic", (640, 360))
    assert placeholder and surf.get_size() == (640, 360)
    cache.background("harris-attic", (640, 360))
    assert len(told) == 1 and "harris-attic" in told[0]


@pytest.mark.parametrize("location", ["gone", "broken"])
def test_missing_or_broken_file_is_a_placeholder_not_a_crash(art: Art, location: str):
    """A manifest entry whose file is missing or is not SVG draws the placeholder and says which file."""
    cache = ArtCache(art, threaded=False)
    surf, placeholder = cache.background(location, (320, 180))
    assert placeholder and surf.get_size() == (320, 180)
    assert any(str(art.locations[location]) in note for note in cache.notes)


def test_character_frames_and_placeholders(art: Art):
    """A mood's two frames both load at the asked height; an unknown character is a placeholder with a diagnostic."""
    cache = ArtCache(art, threaded=False)
    assert len(cache.frames("ann", "calm")) == 2
    for frame in (0, 1):
        surf, placeholder = cache.figure("ann", "calm", 300, frame)
        assert surf.get_height() == 300 and not placeholder
    surf, placeholder = cache.figure("zed", "hostile", 300)
    assert placeholder and surf.get_height() == 300
    assert any("zed" in note for note in cache.notes)


def test_unknown_mood_falls_back_to_another_mood(art: Art):
    """A mood with no picture shows one of the character's other moods and says so."""
    cache = ArtCache(art, threaded=False)
    _, placeholder = cache.figure("ann", "furious", 200)
    assert not placeholder
    assert any("furious" in note for note in cache.notes)


def test_no_manifest_at_all_still_draws(tmp_path: Path):
    """With no art manifest every picture is a placeholder, and nothing raises."""
    cache = ArtCache(None, threaded=False)
    assert cache.background("anywhere", (200, 100))[1]
    assert cache.figure("anyone", None, 90)[1]


def _to_a_figure(d: Driver) -> None:
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)

    def onward() -> None:
        choosing = d.top.name == "play" and d.top.stages[d.top.index][0] == "choose"
        d.key(pygame.K_1 if choosing else pygame.K_RETURN)

    assert d.until(lambda: d.top.name == "play" and bool(d.top.moment.figures), onward, 40)
    d.app.dirty = True
    d.step()


def test_play_shows_a_placeholder_for_a_character_without_art(tmp_path: Path):
    """Mr Bell (the adult fixture) has no art: the play screen draws a placeholder figure and reports it once."""
    d = Driver(make_app(tmp_path, PROJECT / "tests" / "fixtures" / "adult"))
    _to_a_figure(d)
    who = d.top.moment.figures[0].id
    assert any(who in note for note in d.app.notes)
    assert d.app.art.figure(who, d.top.moment.figures[0].mood, 100)[1]
    d.app.close()


def test_play_draws_the_cases_own_art(tmp_path: Path):
    """The worked example's Dana and front door come from its own art/ folder: real pictures, no placeholder, no note."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    _to_a_figure(d)
    figure = d.top.moment.figures[0]
    assert figure.id == "dana"
    d.app.art.figure("dana", figure.mood, 100)
    d.app.art.flush()
    d.app.art.poll()
    surf, placeholder = d.app.art.figure("dana", figure.mood, 100)
    assert not placeholder and surf is not None
    assert d.app.art.art is not None and d.app.art.art.locations["front-door"] == EXAMPLE / "art" / "locations" / "front-door.svg"
    assert not any("dana" in note for note in d.app.notes)
    d.app.close()


def test_another_cases_face_is_never_borrowed(tmp_path: Path):
    """With Harris's art shared, a case that is not Harris gets a placeholder for `fiona`, not her face."""
    from simulator.assets import load_art, scenario_art

    shared = load_art(PROJECT / "assets")
    assert shared is not None and "fiona" in shared.moods
    cache = ArtCache(shared, threaded=False)
    assert not cache.figure("fiona", "calm", 100)[1]  # before any case is open: the shared art
    mine = scenario_art(None, "someone-else", shared)
    assert mine is not None and "fiona" not in mine.moods
    cache._scenario = ("someone-else", mine)
    assert cache.figure("fiona", "calm", 100)[1]
    assert any("`fiona` were drawn for another case" in n and "art/art.yaml" in n for n in cache.notes)  # says why, and what to do


def test_backgrounds_kept_are_bounded_however_often_the_window_is_resized(art: Art):
    """Asking for a location at many sizes keeps only a dozen full-window pictures in memory."""
    from simulator.ui.kit.art import MAX_BACKGROUNDS

    cache = ArtCache(art, threaded=False)
    for width in range(400, 400 + 30 * 10, 10):
        cache.background("room", (width, 300))
    kept = [k for k in cache._surfaces if k[0] == "bg"]
    assert len(kept) == MAX_BACKGROUNDS
    assert cache.background("room", (690, 300))[0] is not None


@pytest.mark.parametrize("kind", ["fifo", "zero", "too-big"])
def test_a_picture_that_is_not_a_plain_file_is_a_placeholder_without_waiting(art: Art, kind: str):
    """A location or a frame that is a FIFO, a link to /dev/zero or a file over 8 MB: the art thread refuses it at once (placeholder, one note), so the pictures queued behind it still arrive."""
    odd = art.folder / "odd.svg"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "zero":
        odd.symlink_to("/dev/zero")
    else:
        odd.write_text(ROOM[:-6] + " " * (9 * 1024 * 1024) + "</svg>")
    art.locations["odd"] = odd
    art.moods["ann"]["odd"] = (odd,)
    cache = ArtCache(art)  # threaded, as the window runs it: a blocked worker would hold every picture after it
    cache.background("odd", (320, 180))
    cache.figure("ann", "odd", 200)
    cache.background("room", (320, 180))
    cache.flush(timeout=5)
    assert not cache.busy
    assert cache.background("room", (320, 180))[1] is False
    assert cache.background("odd", (320, 180))[1] and cache.figure("ann", "odd", 200)[1]
    assert any(str(odd) in note and ("pipe" in note or "device" in note or "more than" in note) for note in cache.notes)


def test_every_shipped_location_covers_every_pixel():
    """Each shipped background, as the window rasterises it, leaves no pixel transparent (shown black behind a scene)."""
    shipped = sorted((PROJECT / "assets" / "art" / "locations").glob("*.svg")) + sorted(PROJECT.glob("scenarios/*/art/locations/*.svg"))
    assert shipped
    holes = {}
    for svg in shipped:
        picture = pygame.image.load(str(svg))
        w, h = picture.get_size()
        open_ = [(x, y) for x in range(0, w, 6) for y in range(0, h, 6) if picture.get_at((x, y)).a < 255]
        if open_:
            holes[svg.name] = open_[:3]
    assert holes == {}


def test_the_drawing_thread_ends_when_idle_and_lets_a_closed_window_go(art: Art, monkeypatch: pytest.MonkeyPatch):
    """The worker thread ends once idle (a later request starts another and still draws), and holds no
    reference to its cache: a dropped cache and its pictures are freed, not kept by a parked thread for good."""
    import gc
    import threading
    import weakref

    from simulator.ui.kit import art_worker

    monkeypatch.setattr(art_worker, "IDLE_EXIT", 0.05)
    others = set(threading.enumerate())  # threads of earlier tests come and go on their own: only this cache's count

    def mine() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "doorstep-art" and t not in others and t.is_alive()]

    cache = ArtCache(art)
    for round_ in range(2):  # the second round starts a new thread after the first ended
        cache.background("room", (320 + round_, 180))
        assert mine(), f"round {round_}: no drawing thread was started"
        cache.flush(10)
        assert not cache.busy, f"round {round_}: a requested picture was never drawn"
        assert cache.background("room", (320 + round_, 180))[1] is False, f"round {round_}: the picture is still a placeholder"
        deadline = time.monotonic() + 5
        while mine() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not mine(), f"round {round_}: the drawing thread is still alive with nothing to draw"
    gone = weakref.ref(cache)
    del cache
    gc.collect()
    assert gone() is None, "a dropped cache is still referenced (by its thread or its queues)"
