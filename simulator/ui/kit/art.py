"""Pictures by id: location backgrounds and character moods, rasterised from SVG and cached per size.

Scenarios name art by id; ``assets/art/art.yaml`` (read by
:func:`simulator.assets.load_art`) maps ids to files, and a case's own
``art/art.yaml`` comes first while that case is open
(:meth:`ArtCache.use_scenario`): a picture drawn for another case is never
borrowed. Anything missing or unreadable falls back to a quiet placeholder
and one diagnostic line, so a trainer's half-finished scenario still plays.

Rasterising a 1920x1080 location takes a tenth of a second or more, far too
long for a frame, so it happens on worker threads (art_worker.py): a picture
asked for is drawn later, the loop polls for finished ones, and scenes ask
ahead (:meth:`ArtCache.prefetch`) for what comes next. Until a picture is
ready, the scene shows a calm flat colour in its place.
"""

from __future__ import annotations

import contextlib
import io
import math
import queue
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from simulator import fileio, svgcost
from simulator.scenario.art import words_of
from simulator.ui.kit.art_worker import NOW, SOON, Worker
from simulator.ui.kit.placeholder import FIGURE_ASPECT, placeholder_figure, placeholder_location, shorter, stature

if TYPE_CHECKING:  # the manifest's reader brings in the YAML parser: read after the first frame
    from simulator.assets import Art
    from simulator.scenario.model import Scenario

__all__ = ["FIGURE_ASPECT", "NOW", "SOON", "ArtCache", "placeholder_figure", "placeholder_location"]

Notify = Callable[[str], None]
Key = tuple[Any, ...]
MAX_BACKGROUNDS = 12
MAX_PICTURE_BYTES = svgcost.MAX_BYTES


def opaque(surf: pygame.Surface) -> pygame.Surface:
    """A copy in the plain 32-bit format the window uses, made without the display (so on any thread)."""
    out = pygame.Surface(surf.get_size(), 0, 32)
    surf.set_alpha(None)
    out.blit(surf, (0, 0))
    return out


def with_alpha(surf: pygame.Surface) -> pygame.Surface:
    """A copy in the window's per-pixel-alpha format (as convert_alpha makes), on any thread."""
    out = pygame.Surface(surf.get_size(), pygame.SRCALPHA, 32)
    surf.set_alpha(None)  # copy the alpha values rather than blending them onto nothing
    out.blit(surf, (0, 0))
    return out


def load_svg(path: Path, size: tuple[int, int]) -> pygame.Surface:
    """The picture file rasterised to fit ``size``, read through :mod:`simulator.fileio` first.

    Handing SDL_image a path lets it open anything: a FIFO (the art thread
    waits for a writer for ever and every picture queued behind it with it),
    or a link to /dev/zero (read until memory runs out). So the bytes are read
    the guarded way (a regular file, at most :data:`MAX_PICTURE_BYTES`) and
    SDL_image only ever parses them, and only once :mod:`simulator.svgcost`
    has found them cheap enough to draw (a crafted SVG kept the art thread
    busy for minutes). A refusal is a ``FileRefused`` (an OSError): the
    picture is a placeholder and one line says why.
    """
    return pygame.image.load_sized_svg(io.BytesIO(_picture(path)), size)


def _picture(path: Path) -> bytes:
    """The picture's bytes, once it is known SDL_image can draw them in reasonable time (else ``FileRefused``, one line)."""
    data = fileio.read_bytes(path, limit=MAX_PICTURE_BYTES)
    why = svgcost.refusal(data)
    if why is not None:
        raise fileio.FileRefused(path, f"the picture {why}: too much to draw")
    return data


def rasterise_cover(path: Path, size: tuple[int, int]) -> pygame.Surface:
    """The SVG scaled to cover ``size`` (aspect kept) and cropped to exactly that size."""
    w, h = max(1, size[0]), max(1, size[1])
    data = _picture(path)
    probe = pygame.image.load_sized_svg(io.BytesIO(data), (w, h))
    if probe.get_width() >= w and probe.get_height() >= h:
        return opaque(_crop(probe, (w, h)))
    aspect = probe.get_width() / max(1, probe.get_height())
    box = (w, math.ceil(w / aspect) + 1) if w / h > aspect else (math.ceil(h * aspect) + 1, h)
    full = pygame.image.load_sized_svg(io.BytesIO(data), box)
    if full.get_width() < w or full.get_height() < h:
        full = pygame.transform.smoothscale(full, (max(w, full.get_width()), max(h, full.get_height())))
    return opaque(_crop(full, (w, h)))


def rasterise_fit(path: Path, box: tuple[int, int]) -> pygame.Surface:
    return with_alpha(load_svg(path, box))


class ArtCache:
    """Surfaces for locations and characters at the sizes the layout asks for.

    ``art`` may be a manifest, None (no art: placeholders everywhere), or a
    callable that reads the manifest the first time it is needed, so the
    first frame never waits for it. ``threaded=False`` draws in the caller's
    thread (simple scripts).
    """

    def __init__(self, art: Art | Callable[[], Art | None] | None = None, notify: Notify | None = None, *, threaded: bool = True, limit: int = 160) -> None:
        self._load = art if callable(art) else None
        self._art: Art | None = None if callable(art) else art
        self._art_loaded = not callable(art)
        self.notify = notify
        self.threaded = threaded
        self.limit = limit
        self.notes: list[str] = []
        self.version = 0  # counts pictures taken in (a screen keeping a picture of itself draws it again when this moves)
        self._surfaces: OrderedDict[Key, pygame.Surface] = OrderedDict()
        self._placeholders: set[Key] = set()
        self._pending: dict[Key, int] = {}  # asked for and not in yet: at what priority
        self._broken: set[Path] = set()
        self._worker = Worker()
        self._done = self._worker.done
        self._asking = NOW  # what a request without a priority is: for the screen on show, or (asking_ahead) not
        self._for_next: dict[Key, Callable[[], pygame.Surface]] = {}  # asked by a screen drawn ahead, still to come
        self._scenario: tuple[str, Art | None] | None = None  # (scenario id, what it may use), once a case is open
        self._undrawn: frozenset[str] = frozenset()  # the open case's people with no pictures at all, told once as a group
        self._stature: dict[str, float] = {}  # the open case's children: how tall a stand-in for them stands beside an adult
        self._grown: tuple[Scenario | None, int] = (None, 0)  # the case and day the statures are for

    @property
    def shared(self) -> Art | None:
        """The shared manifest (assets/art/art.yaml), read the first time it is wanted."""
        if not self._art_loaded:
            self._art_loaded = True
            self._art = self._load() if self._load is not None else None
        return self._art

    @property
    def art(self) -> Art | None:
        """What pictures come from now: the open case's own art before shared art not drawn for another case."""
        if self._scenario is not None:
            return self._scenario[1]
        return self.shared

    def use_scenario(self, scenario: Scenario | None, *, fresh: bool = False) -> None:
        """Draw the pictures ``scenario`` may use from now on (None: the shared art); ``fresh`` re-reads its files (after an edit)."""
        if scenario is None:
            self._scenario = None
            return
        if self._scenario is not None and self._scenario[0] == scenario.id and not fresh:
            return
        from simulator.assets import scenario_art, undrawn_cast, undrawn_note

        if fresh:
            self.forget_all()
        art = scenario_art(scenario.folder, scenario.id, self.shared)
        self._scenario = (scenario.id, art)
        self._stature = {c.id: s for c in scenario.cast if (s := stature(c)) < 1.0}
        self._grown = (scenario, 0)
        self._undrawn = frozenset(undrawn := undrawn_cast(scenario, art, self.shared))  # told once, not one note each as they appear
        if undrawn:
            self._note(undrawn_note(undrawn))

    def grown(self, day: int, scenario: Scenario | None = None) -> None:
        """Stand-ins as tall as each person's age on ``day`` in ``scenario`` (default: the open case): `age` is at the referral."""
        scenario = scenario or self._grown[0]
        if scenario is not None and self._grown != (scenario, day):
            from simulator.scenario.ages import age_on  # here: a case is open by now, so the calendar is loaded

            self._grown = (scenario, day)
            self._stature = {c.id: s for c in scenario.cast if (s := stature(c, age_on(c, scenario.calendar, day))) < 1.0}

    def close(self) -> None:
        """The window is closing: what is still to draw is dropped and the drawing thread ended (see art_worker)."""
        self._worker.stop()
        self._pending.clear()
        self._for_next.clear()

    def forget_all(self) -> None:
        """Drop every picture drawn so far (its file may have changed): they are drawn again when next wanted."""
        self._surfaces.clear()
        self._placeholders.clear()
        self._broken.clear()
        self.notes.clear()

    # -- diagnostics ---------------------------------------------------------------
    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
            if self.notify is not None:
                self.notify(text)

    @contextlib.contextmanager
    def asking_ahead(self) -> Iterator[None]:
        """Pictures asked for inside are for a screen drawn ahead, not the one on show: the niced lane draws them."""
        was, self._asking = self._asking, SOON
        try:
            yield
        finally:
            self._asking = was

    def hurry(self) -> None:
        """The screen on show is waiting: what pages and beats drawn ahead asked for is drawn now (showing one takes over
        its layout without asking again). Pictures prefetched for places further on stay with the niced lane."""
        for key, job in list(self._for_next.items()):
            self._request(key, job, NOW)

    def _request(self, key: Key, job: Callable[[], pygame.Surface], priority: int) -> None:
        if key in self._surfaces or self._pending.get(key, priority + 1) <= priority:
            return  # in, or asked for as soon already (a picture asked ahead and now on show is asked again, now)
        self._pending[key] = priority
        self._for_next.pop(key, None)
        if priority == SOON and self._asking == SOON:
            self._for_next[key] = job
        if not self.threaded:
            try:
                self._done.put((key, job(), ""))
            except (pygame.error, OSError, ValueError) as exc:
                self._done.put((key, None, str(exc)))
            self.poll()
            return
        self._worker.put(priority, key, job)

    def poll(self) -> bool:
        """Take in pictures the worker has finished (main thread); True if any arrived, or failed (now a placeholder)."""
        arrived = False
        while True:
            try:
                key, surf, error = self._done.get_nowait()
            except queue.Empty:
                return arrived
            self._for_next.pop(key, None)
            if self._pending.pop(key, None) is None:
                continue  # asked before the window closed, or a second copy (asked ahead, then now): not wanted
            self.version += 1
            path = key[1]
            if surf is None:
                if isinstance(path, Path):
                    self._broken.add(path)
                    self._note(f"art: cannot read {path} ({error}); showing a placeholder")
                arrived = True  # the screen waiting for it is drawn again, whole with its placeholder
                continue
            display = pygame.display.get_surface()
            if display is not None and surf.get_bitsize() != display.get_bitsize():
                surf = surf.convert() if key[0] == "bg" else surf.convert_alpha()  # an unusual display depth
            self._remember(key, surf)
            arrived = True

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until every requested picture is ready (tests, screenshots)."""
        until = time.perf_counter() + timeout
        while self._pending and time.perf_counter() < until:
            self.poll()
            if self._pending:
                time.sleep(0.005)

    def _remember(self, key: Key, surf: pygame.Surface) -> pygame.Surface:
        self.version += 1
        self._surfaces[key] = surf
        # A full-window picture is 8 MB at 1920x1080: keep a dozen (the places ahead), however often the window is resized.
        backgrounds = [k for k in self._surfaces if k[0] in ("bg", "ph-bg")]
        while len(backgrounds) > MAX_BACKGROUNDS:
            self._forget(backgrounds.pop(0))
        while len(self._surfaces) > self.limit:
            self._forget(next(iter(self._surfaces)))
        return surf

    def _forget(self, key: Key) -> None:
        self._surfaces.pop(key, None)
        self._placeholders.discard(key)

    def _get(self, key: Key) -> pygame.Surface | None:
        surf = self._surfaces.get(key)
        if surf is not None:
            self._surfaces.move_to_end(key)
        return surf

    # -- locations ---------------------------------------------------------------------
    def label(self, location: str) -> str:
        art = self.art
        if art and location in art.location_labels:
            return str(art.location_labels[location])
        return words_of(location)

    def _location_path(self, location: str) -> Path | None:
        art = self.art
        path = art.locations.get(location) if art else None
        if path is None or path in self._broken:
            if path is None:
                shared = self.shared
                if art is not shared and shared is not None and location in shared.locations:
                    self._note(f"art: the shared picture of `{location}` was drawn for another case; showing a placeholder (add `{location}` to this case's art/art.yaml)")
                elif art is None or location not in art.location_labels:  # a place named but not drawn yet is as its author meant
                    self._note(f"art: no picture for location `{location}` in this case's art or the shared art; showing a placeholder")
            ph = art.placeholder_location if art else None
            return ph if ph is not None and ph not in self._broken else None
        return path

    def background(self, location: str, size: tuple[int, int], priority: int | None = None) -> tuple[pygame.Surface | None, bool]:
        """The location filling ``size``, or None while it is being drawn; True if it is a placeholder."""
        priority = self._asking if priority is None else priority
        path = self._location_path(location)
        if path is None:
            key: Key = ("ph-bg", location, size)
            surf = self._get(key)
            if surf is None:
                surf = self._remember(key, placeholder_location(size).convert())
            return surf, True
        key = ("bg", path, size)
        surf = self._get(key)
        if surf is None:
            self._request(key, lambda: rasterise_cover(path, size), priority)
            surf = self._get(key)  # drawn already when not threaded
            if surf is None and path in self._broken:
                return self.background(location, size, priority)
        return surf, self.art is None or path != self.art.locations.get(location)

    # -- characters ------------------------------------------------------------------
    def frames(self, character: str, mood: str | None, pose: str | None = None) -> tuple[Path, ...]:
        """The animation frames for a mood (in a pose, when one is given), falling back to the character's other pictures."""
        art = self.art
        if pose is not None:
            posed = art.poses.get(character, {}).get(pose) if art else None
            if posed:
                if mood and mood in posed:
                    return tuple(posed[mood])
                return tuple(next(iter(posed.values())))
            self._note(f"art: no `{pose}` pose for `{character}`; showing their mood's own picture")
        moods = art.moods.get(character, {}) if art else {}
        if mood and mood in moods:
            return tuple(moods[mood])
        if moods:
            self._note(f"art: no `{mood}` picture for `{character}`; showing another of their moods")
            return tuple(next(iter(moods.values())))
        shared = self.shared
        if art is not shared and shared is not None and character in shared.moods:
            self._note(f"art: the shared pictures of `{character}` were drawn for another case; showing a placeholder (add `{character}` to this case's art/art.yaml)")
        elif character not in self._undrawn:  # the cast's undrawn people were told as one note when the case opened
            self._note(f"art: no pictures for character `{character}` in this case's art or the shared art; showing a placeholder")
        return ()

    def figure(self, character: str, mood: str | None, height: int, frame: int = 0, priority: int | None = None, pose: str | None = None) -> tuple[pygame.Surface | None, bool]:
        """The character at ``height`` pixels in an animation frame (None while being drawn); True if a placeholder."""
        priority = self._asking if priority is None else priority
        height = max(8, height)
        paths = [p for p in self.frames(character, mood, pose) if p not in self._broken]
        if not paths:
            art = self.art
            ph = art.placeholder_character if art else None
            scale = self._stature.get(character, 1.0)  # a child's stand-in is a child's height, feet on the same floor
            if ph is None or ph in self._broken:
                key: Key = ("ph-fig", height, scale)
                surf = self._get(key)
                if surf is None:
                    surf = self._remember(key, shorter(placeholder_figure(height), scale).convert_alpha())
                return surf, True
            picture: Path = ph
            key = ("ph", picture, height, scale)
            surf = self._get(key)
            if surf is None:
                self._request(key, lambda: shorter(rasterise_fit(picture, (height * 2, height)), scale), priority)
                surf = self._get(key)
                if surf is None and picture in self._broken:
                    return self.figure(character, mood, height, frame, priority, pose)
            return surf, True
        path = paths[frame % len(paths)]
        key = ("fig", path, height)
        surf = self._get(key)
        if surf is None:
            self._request(key, lambda: rasterise_fit(path, (height * 2, height)), priority)
            surf = self._get(key)
            if surf is None and path in self._broken:
                return self.figure(character, mood, height, frame, priority, pose)
        return surf, path not in self._own(character)

    def _own(self, character: str) -> set[Path]:
        """Every picture drawn of this character (moods and poses): anything else shown for them is a stand-in."""
        art = self.art
        if art is None:
            return set()
        own = {p for frames in art.moods.get(character, {}).values() for p in frames}
        own |= {p for moods in art.poses.get(character, {}).values() for frames in moods.values() for p in frames}
        return own

    def prefetch(self, locations: list[tuple[str, tuple[int, int]]] | None = None, figures: list[tuple[str, str | None, int, str | None]] | None = None) -> None:
        """Ask ahead for pictures that will be needed soon, behind anything needed now: figures are (who, mood, height, pose)."""
        for location, size in locations or []:
            self.background(location, size, SOON)
        for character, mood, height, pose in figures or []:
            for frame in range(max(1, len(self.frames(character, mood, pose)))):
                self.figure(character, mood, height, frame, SOON, pose)


def _crop(surf: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    w, h = size
    x = max(0, (surf.get_width() - w) // 2)
    y = max(0, (surf.get_height() - h) // 2)
    return surf.subsurface(pygame.Rect(x, y, min(w, surf.get_width()), min(h, surf.get_height()))).copy()
