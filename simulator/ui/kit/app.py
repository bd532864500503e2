"""The window: its settings, its look, what each event does to it, and each frame drawn.

:class:`App` owns the window and its state; how the loop passes, naps and
runs work while the trainee reads is :mod:`simulator.ui.kit.loop`, and the
stack of screens is :mod:`simulator.ui.kit.stack`. A frame draws only what
changed (:meth:`App.draw`): under an overlay the scenes beneath are frozen,
drawn and dimmed once.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.settings import Settings, save_settings
from simulator.ui.kit.access_hub import Access
from simulator.ui.kit.access_kit import ACCESS_EVENT
from simulator.ui.kit.dim import Dimmed
from simulator.ui.kit.fonts import Fonts
from simulator.ui.kit.icon import set_window_icon
from simulator.ui.kit.look import Look
from simulator.ui.kit.loop import Loop
from simulator.ui.kit.text import TextCache, TextLog
from simulator.ui.kit.theme import palette

if TYPE_CHECKING:  # made when first needed: the title screen draws no art, runs no pilot, takes no screenshots
    from simulator.ui.kit.art import ArtCache
    from simulator.ui.kit.pilot import Pilot
    from simulator.ui.kit.scene import AnyScene
    from simulator.ui.kit.shots import Shots

MIN_SIZE = (800, 480)
TEXT_BUDGET_WINDOWS = 8  # the text cache holds at most this many windows' worth of rendered lines (66 MB at 1920x1080)

ALLOWED_EVENTS = [
    pygame.QUIT,
    pygame.KEYDOWN,
    pygame.MOUSEMOTION,
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.MOUSEWHEEL,
    pygame.VIDEORESIZE,
    pygame.VIDEOEXPOSE,
    pygame.WINDOWSIZECHANGED,
    pygame.WINDOWEXPOSED,
    pygame.WINDOWRESTORED,
    pygame.WINDOWMAXIMIZED,
    pygame.WINDOWFOCUSGAINED,  # coming back from the editor: play looks for saved changes to the case
    pygame.WINDOWENTER,
    pygame.TEXTINPUT,  # the debrief's reflection answers
    pygame.DROPFILE,  # a cohort file dropped onto the window, for "how others chose"
    ACCESS_EVENT,  # a screen reader asks to focus or press a button (kit/access_kit.py)
    pygame.WINDOWFOCUSGAINED,  # the screen reader is told when the window has the focus
    pygame.WINDOWFOCUSLOST,
    pygame.WINDOWMOVED,  # and where it is, to place what it finds
]


class App(Loop):
    """Owns the window, the clock and the stack of scenes (the loop: kit/loop.py; the stack: kit/stack.py).

    Only the flow changes the stack (:meth:`push`, :meth:`pop`, :meth:`pop_to`,
    :meth:`replace`, :meth:`reset`); scenes ask the flow to move on.
    """

    def __init__(self, settings: Settings, *, size: tuple[int, int] | None = None, config_dir: Path | None = None, text_log: TextLog | None = None) -> None:
        self.settings = settings
        self.config_dir = config_dir
        self.persist = True  # False: settings changed in this run are not kept (a clean profile for handouts and tests)
        self._run_only: dict[str, Any] = {}  # settings given for this run only (--fullscreen), with the values to keep instead
        self.text_log = text_log
        self.notes: list[str] = []
        self.stack: list[AnyScene] = []
        self.running = True
        self.dirty = True
        self.exit_code = 0
        self.frames = 0
        self.pilot: Pilot | None = None
        self.shots: Shots | None = None
        self.drawn: tuple[int, tuple[Any, ...]] | None = None  # the top scene and its screen, once drawn settled
        self._under: tuple[object, pygame.Surface] | None = None
        self._over: tuple[int, pygame.Rect | None] = (0, None)
        self._scratch_surface: pygame.Surface | None = None  # App.scratch  # the overlay last drawn over it, and where it drew (App._draw_over)
        self.dimmed = Dimmed()  # the window's picture dimmed while the trainee reads, for a card opening over it
        self._dimming = False  # bringing it up to date is among the tasks
        self._shown: object = None  # which scenes the window shows right now, and in which look
        self.updated: list[pygame.Rect] | None = None  # what the last frame sent to the screen (None: the whole window)
        self.tasks: list[Callable[[], bool]] = [self._filter_task, self.warm]
        self._unseen: set[Callable[[], bool]] = set()  # tasks after which nothing need be drawn (App.later)
        self._on_pictures: list[tuple[int, Callable[[], None]]] = []  # (art version then, job): App.when_pictures
        self.closing: list[Callable[[], None]] = []  # run by close(), after the scenes have kept their work
        self.on_drop: Callable[[str], None] | None = None  # what a file dropped onto the window is for
        self._art: ArtCache | None = None
        self.make_art: Callable[[], ArtCache] | None = None
        pygame.display.init()
        set_window_icon()  # before the window opens: the door, not pygame's snake (and pygame's own is never loaded)
        self.fonts = Fonts()
        self._windowed = size or settings.window
        self._stood: tuple[int, int] | None = None  # where the window stood before going full screen (kit/displays.py)
        # AccessKit's Windows and macOS adapters must meet the window before it is first shown (kit/access_kit.py).
        hidden = sys.platform in ("win32", "darwin")
        self.surface = self._open_window(hidden=hidden)
        pygame.display.set_caption("Doorstep")
        self.cache = TextCache()
        self.look = self._make_look()
        self._last = time.perf_counter()
        self._meant = 0.0  # how long the last wait meant to sleep (0: it did not mean to)
        self._input_at = self._last  # when an event last arrived (the loop naps longer once the trainee is still)
        self.access = Access(self)  # what screen readers and self-voicing are told (kit/access_hub.py)
        self.access.start()
        if hidden:
            self._show()

    @property
    def art(self) -> ArtCache:
        """The art cache, made when first needed (the title screen needs none)."""
        if self._art is None:
            if self.make_art is None:
                from simulator.ui.kit.art import ArtCache

                self.make_art = lambda: ArtCache(None, notify=self.note)
            self._art = self.make_art()
        return self._art

    @property
    def art_made(self) -> bool:
        return self._art is not None

    # -- window ----------------------------------------------------------------
    def _open_window(self, hidden: bool = False) -> pygame.Surface:
        shown = pygame.HIDDEN if hidden else 0
        if self.settings.fullscreen:
            from simulator.ui.kit.displays import to_display_corner  # only for full screen: not before a window's first frame

            # To the corner of the window's own display first: without a window manager nobody else moves it (kit/displays.py).
            display, self._stood = to_display_corner()
            if display is None:  # no window yet (pygame takes the display the pointer is on), or its displays unknown
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN | shown)
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN | shown, display=display)
        surface = pygame.display.set_mode(self._windowed, pygame.RESIZABLE | shown)
        if self._stood is not None:  # back from full screen
            from simulator.ui.kit.displays import back_to

            back_to(self._stood)
        self._stood = None
        self._set_min_size()
        return surface

    def _show(self) -> None:
        """Show a window opened hidden (for the screen reader's adapter, on Windows and macOS)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().show()
        except (AttributeError, pygame.error):
            self.surface = self._open_window()

    def _set_min_size(self) -> None:
        # An older pygame-ce or a driver without windows cannot set it; the layout still copes.
        # from_display_module is the documented way to reach the display module's window in 2.5
        # (its deprecation note is about drawing through it, which we do not do).
        with contextlib.suppress(AttributeError, pygame.error), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE

    def _make_look(self) -> Look:
        s = self.settings
        w, h = self.surface.get_size()
        self.cache.budget = max(TEXT_BUDGET_WINDOWS * w * h * 4, 32 << 20)  # rendered lines: a few windows' worth (kit/text.py)
        return Look(self.fonts, self.surface.get_size(), s.text_size, palette(s.high_contrast), self.cache, self.text_log, high_contrast=s.high_contrast)

    def redraw_under(self) -> None:
        """The frozen picture under an overlay is stale: draw it again next frame (keeping the surface)."""
        if self._under is not None:
            self._under = (None, self._under[1])

    def relayout(self) -> None:
        """New sizes for every scene after a resize or a change of text size or theme."""
        self.redraw_under()
        self.surface = pygame.display.get_surface() or self.surface
        self.look = self._make_look()
        if self.warm not in self.tasks:
            self.tasks.append(self.warm)
        for scene in self.stack:
            scene.layout(self.look)
        self.dirty = True

    def for_this_run(self, **changes: Any) -> None:
        """Use these settings now without keeping them for next time (``--fullscreen``); the trainee's own changes are kept."""
        for name in changes:
            self._run_only.setdefault(name, getattr(self.settings, name))
        self.apply_settings(self.settings.with_changes(**changes), keep=False)

    def _to_keep(self, settings: Settings) -> Settings:
        return settings.with_changes(**self._run_only) if self._run_only else settings

    def apply_settings(self, settings: Settings, *, keep: bool = True) -> None:
        """Use new settings at once and keep them for next time."""
        old = self.settings
        self.settings = settings
        for name in [n for n in self._run_only if getattr(settings, n) != getattr(old, n)]:
            if keep:
                del self._run_only[name]  # the trainee changed it: theirs to keep
        if settings.fullscreen != old.fullscreen:
            self.surface = self._open_window()
        if settings.high_contrast != old.high_contrast:
            self.cache.clear()
        self.access.apply(settings)
        self.relayout()
        if keep and self.persist:
            problem = save_settings(self._to_keep(settings), self.config_dir)
            if problem:
                self.note(problem)

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.with_changes(fullscreen=not self.settings.fullscreen))

    def note(self, text: str) -> None:
        """A diagnostic for whoever runs Doorstep (missing art, a file that could not be saved)."""
        if text not in self.notes:
            self.notes.append(text)
            print(f"doorstep: {text}", file=sys.stderr)

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    # -- events and drawing ---------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if self.access.handle(event):  # a screen reader's request, V for self-voicing (a key also cuts speech short)
            self.dirty = True
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            current = pygame.display.get_surface()
            if current is not None and current.get_size() != self.look.size:
                if not self.settings.fullscreen:
                    self._windowed = current.get_size()
                self.relayout()
            return
        if event.type in (pygame.VIDEOEXPOSE, pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWMAXIMIZED):
            self.dirty = True
            self._shown = None  # the window's picture may be gone: send all of it again
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type == pygame.DROPFILE and self.on_drop is not None:
            self.on_drop(str(event.file))  # a file dropped onto the window (a cohort file, for the compare screen)
            self.dirty = True
            return
        if self.pilot is not None and self.pilot.handle(event):
            self.dirty = True
            return
        top = self.top
        if top is not None and top.handle(event):
            self.dirty = True

    def draw(self) -> None:
        visible = self._visible()
        if len(visible) > 1:
            # Under an overlay the scenes beneath are frozen: draw and dim them once, then reuse the picture.
            key = (id(visible[-1]), self.look, len(self.stack))
            if self._under is None or self._under[0] != key:
                beneath = (tuple(id(s) for s in visible[:-1]), self.look)
                dimmed = self.dimmed.take(self.surface, beneath, self.look, self._under[1] if self._under is not None else None)
                if dimmed is not None and self._shown == beneath:  # the window's picture, dimmed while the trainee read it
                    from simulator.ui.kit.layer import outside  # (imported with play by now; not before the title's first frame)
                    for part in outside(self.surface.get_rect(), [r for r in (visible[-1].opaque(),) if r is not None]):  # not under the card
                        self.surface.blit(dimmed, part, part)
                    keep = dimmed
                else:
                    if self._shown != beneath:  # else the window already shows them, from the frame before
                        for scene in visible[:-1]:
                            scene.draw(self.surface)
                    self.look.scrim(self.surface)
                    old = self._under[1] if self._under is not None and self._under[1].get_size() == self.surface.get_size() else None
                    keep = old if old is not None else pygame.Surface(self.surface.get_size()).convert()
                    keep.blit(self.surface, (0, 0))
                self._under = (key, keep)
                visible[-1].draw(self.surface)
                self._over = (id(visible[-1]), visible[-1].drawn_within() if self.look.log is None else None)
                rects = None
            else:
                rects = self._draw_over(visible)
        else:
            rects = self._draw_one(visible[0])
        self._shown = (tuple(id(s) for s in visible), self.look)
        self.updated = rects
        self.dimmed.sent(self._shown, rects)
        self._dim_later()
        if rects is None:
            pygame.display.flip()
        elif rects:
            pygame.display.update(rects)
        self.access.refresh()
        self.dirty = False
        self.frames += 1
        top = self.top
        settled = all(s.settled() for s in self._visible())
        if not settled and self._art is not None:
            self._art.hurry()  # it may show a page or beat drawn ahead, whose pictures were asked for ahead
        # The pilot acts only on a screen drawn settled, so every screen is seen (and photographed) whole.
        self.drawn = (id(top), top.screen_key()) if top is not None and settled else None
        if self.shots is not None and top is not None and settled:
            try:
                self.shots.capture(self.surface, top)
            except (OSError, pygame.error) as exc:
                self.note(f"screenshots stopped: cannot write to {self.shots.folder} ({exc})")
                self.shots = None

    def _draw_over(self, visible: list[AnyScene]) -> list[pygame.Rect] | None:
        """Draw an overlay again over the picture beneath, unchanged: only where it draws, when the window shows it already."""
        top, under = visible[-1], self._under[1] if self._under is not None else self.surface
        area = top.drawn_within() if self.look.log is None and self._shown == (tuple(id(s) for s in visible), self.look) else None
        kept, self._over = self._over, (id(top), area)
        if area is None or kept[0] != id(top) or kept[1] is None:
            self.surface.blit(under, (0, 0))
            top.draw(self.surface)
            return None
        area = area.union(kept[1]).clip(self.surface.get_rect())  # where it drew last frame is drawn over too (a card that grew or shrank)
        clip = self.surface.get_clip()
        self.surface.set_clip(area)
        from simulator.ui.kit.layer import outside  # (imported with play by now)

        for part in outside(area, [r for r in (top.opaque(),) if r is not None]):  # not under the card: it paints every pixel there
            self.surface.blit(under, part, part)
        top.draw(self.surface)
        self.surface.set_clip(clip)
        return [area]

    def _draw_one(self, scene: AnyScene) -> list[pygame.Rect] | None:
        """Draw a screen with nothing over it: only what changed when the window already shows its last frame."""
        if self.look.log is not None:  # tests reading every drawn line of text get every line, every frame
            scene.draw(self.surface)
            return None
        whole = self._shown != ((id(scene),), self.look)
        return scene.draw_changed(self.surface, whole)

    # -- the window dimmed ahead, for a card opening over it (kit/dim.py) ------------------------------------------
    def _dim_later(self) -> None:
        """Have the dimmed copy of the window brought up to date while the trainee reads, if the screen wants one."""
        top = self.top
        if top is not None and top.dims_ahead and not self._dimming and len(self._visible()) == 1 and not self.dimmed.current(self._shown):
            self._dimming = True
            self.later(self.dim_ahead, unseen=True)

    def dim_ahead(self) -> None:
        self._dimming = False
        top = self.top
        if top is not None and top.dims_ahead and len(self._visible()) == 1 and self._shown == ((id(top),), self.look):
            self.dimmed.refresh(self.surface, self._shown, self.look)

    def scratch(self) -> pygame.Surface:
        """A surface the size of the window to draw cards and pages ahead on, shared by all (kept: making one costs a frame's budget)."""
        size = self.surface.get_size()
        if self._scratch_surface is None or self._scratch_surface.get_size() != size:
            self._scratch_surface = pygame.Surface(size, 0, self.surface)  # the window's own pixel format: copying to it is a plain copy
        return self._scratch_surface

    def warm(self) -> bool:
        """Ready what the next frames will need (fonts, full-window surfaces) while the trainee reads."""
        self.look.warm()
        if self._under is None or self._under[1].get_size() != self.surface.get_size():
            self._under = (None, pygame.Surface(self.surface.get_size()).convert())
        return False

    def _filter_task(self) -> bool:
        """Let through only the events the window uses, so nothing else wakes the loop (done after the first frame)."""
        pygame.event.set_blocked(None)
        pygame.event.set_allowed(ALLOWED_EVENTS)
        return False

    def close(self) -> None:
        """Finish saving, remember the window size for next time, and close the window."""
        for scene in reversed(self.stack):
            scene.on_close()  # a screen with unsaved writing keeps it first
        for hook in self.closing:
            hook()
        self.access.close()
        if self._art is not None:
            self._art.close()  # its drawing thread ended and waited for: none may outlive the window into the interpreter's exit
        if not self.settings.fullscreen and tuple(self._windowed) != tuple(self.settings.window):
            self.settings = self.settings.with_changes(window=tuple(self._windowed))
            if self.persist:
                save_settings(self._to_keep(self.settings), self.config_dir)
        pygame.display.quit()
        # Loading a case froze everything alive then, this window's cycles included (scenario.loader.settle), and
        # frozen cycles are never collected: each closed window kept its fonts' files, surfaces and caches (60-90 MB)
        # for the rest of the process. Unfrozen, it is freed by the next collection; the next load freezes again.
        gc.unfreeze()
