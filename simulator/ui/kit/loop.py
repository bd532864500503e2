"""The loop: one pass at a time, the waiting between passes, and the work done while waiting.

The loop draws only when something changed, and when nothing animates it
waits for input in 20 ms naps (or until the moment a scene has asked to be
woken, such as a mood frame due in 0.9 s), so a laptop on battery in a
workshop stays cool. :meth:`Loop.step` runs one pass of the loop with given
events: tests and the benchmark drive the window through it. While the
trainee reads, the loop runs deferred work one piece per idle pass
(:meth:`Loop.later`), such as the next page drawn ahead.

Time is the wall clock's. Each pass hands the scenes the seconds really gone
since the last, so a line meant to stay five seconds stays five seconds
however long the loop slept. Only a hitch nobody asked for (a stalled disk,
a laptop lid closed) is capped: a pass counts at most the sleep it meant to
take plus :data:`MAX_STEP_S`, so a timer never jumps past what it asked for.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

import pygame

from simulator.ui.kit.stack import Stack

if TYPE_CHECKING:
    from simulator.ui.kit.access_hub import Access
    from simulator.ui.kit.app import App
    from simulator.ui.kit.art import ArtCache
    from simulator.ui.kit.pilot import Pilot

NAP_S = 0.02
LONG_NAP_S = 0.05  # once nobody has touched a key or the mouse for QUIET_S: a key is still answered within 0.05 s
QUIET_S = 2.0
MAX_STEP_S = 0.25  # the most a pass counts beyond the sleep the loop meant to take
SKIM_S = 0.05  # auto play at speed 0 draws a frame at most this often: enough to watch it go, none spent on screens nobody could read


class Loop(Stack):
    """The app's passes, naps and idle work (:class:`~simulator.ui.kit.app.App` is the window they draw)."""

    tasks: list[Callable[[], bool]]  # the work waiting for an idle pass, first first
    _unseen: set[Callable[[], bool]]  # tasks after which nothing need be drawn (later(..., unseen=True))
    _on_pictures: list[tuple[int, Callable[[], None]]]  # (art version then, job): when_pictures
    _art: ArtCache | None
    pilot: Pilot | None
    access: Access
    exit_code: int
    _last: float  # when the last pass began
    _meant: float  # how long the last wait meant to sleep (0: it did not mean to)
    _input_at: float  # when an event last arrived (the loop naps longer once the trainee is still)
    _drawn_at: float = float("-inf")  # when the last frame was drawn
    skipped: tuple[int, object] | None = None  # the screen whose frame was not drawn, skimming (see :meth:`skims`)

    if TYPE_CHECKING:  # the window's own (kit/app.py)

        @property
        def art(self) -> ArtCache: ...

        def handle(self, event: pygame.event.Event) -> None: ...

        def draw(self) -> None: ...

        def redraw_under(self) -> None: ...

        def close(self) -> None: ...

    def wake_in(self) -> float | None:
        """Seconds until something will change without input (None: wait for the trainee)."""
        top = self.top
        waits = [w for w in ([top.wake_in()] if top is not None else []) if w is not None]
        if self._art is not None and self._art.busy:
            waits.append(0.02)  # poll for pictures being drawn on the art thread
        if self.pilot is not None:
            pw = self.pilot.wake_in()
            if pw is not None:
                waits.append(pw)
        if self.skipped is not None and self.dirty:  # a frame left undrawn, skimming: drawn when its time comes (the pause Esc opened)
            waits.append(max(0.0, self._drawn_at + SKIM_S - time.perf_counter()))
        return min(waits) if waits else None

    def step(self, events: Iterable[pygame.event.Event] | None = None, dt: float | None = None) -> bool:
        """One pass: handle events, update, draw if anything changed. Returns False once quitting."""
        now = time.perf_counter()
        if dt is None:
            dt = min(now - self._last, self._meant + MAX_STEP_S)
        self._last = now
        self._meant = 0.0
        for event in pygame.event.get() if events is None else events:
            self.handle(event)
            if not self.running:
                return False
        if self._art is not None and self._art.poll():
            self.dirty = True  # a picture finished drawing on the art thread
            self.redraw_under()
        if self._on_pictures and self._art is not None and self._art.version != self._on_pictures[0][0]:
            jobs, self._on_pictures = self._on_pictures, []
            for _, job in jobs:
                self.later(job, unseen=True)  # what waited for pictures, now they have come
        top = self.top
        if top is not None and top.update(dt):  # scenes under an overlay stay still until it closes
            self.dirty = True
        if self.pilot is not None and self.pilot.tick(dt, cast("App", self)):
            self.dirty = True
        if not self.running:
            return False
        if self.dirty and self.stack:
            if self.skims() and now - self._drawn_at < SKIM_S and self.top is not None:
                self.skipped = (id(self.top), self.top.screen_key())  # left dirty: drawn once SKIM_S is up, if still there
            else:
                self.draw()
                self._drawn_at, self.skipped = now, None
        return self.running

    def skims(self) -> bool:
        """Auto play at speed 0 with no screenshots: screens come and go faster than anyone can read them, so most are
        left undrawn (a 1,000-decision case drew 2,000 frames), a frame every SKIM_S still showing how far it has got;
        each pass still reads the keys, so Esc pauses at once."""
        return self.pilot is not None and self.pilot.fast and getattr(self, "shots", None) is None

    def later(self, job: Callable[[], None], *, unseen: bool = False, soon: bool = False) -> None:
        """Run ``job`` once, when the loop is next idle (while the trainee reads): work that gets the next screen ready.

        ``unseen``: it changes nothing on the screen now (a page drawn ahead), so the screen need not be drawn after it,
        and the pictures it asks for are drawn by the niced lane, not the one for the screen on show (kit/art_worker.py).
        ``soon``: the very next frame needs it (a fade's next step): it goes before the work already waiting.
        """

        def task() -> bool:
            if self.top is not None:
                with self._art.asking_ahead() if unseen and self._art is not None else contextlib.nullcontext():
                    job()
            return False

        if unseen:
            self._unseen.add(task)
        if soon:
            self.tasks.insert(0, task)
        else:
            self.tasks.append(task)

    def let_go(self, *things: object) -> None:
        """Keep ``things`` until the loop is next idle, then drop them: freeing a picture the size of the window costs up to a
        millisecond (its memory handed back to the system), which a frame that stops using one should not pay."""
        held = list(things)
        self.later(held.clear, unseen=True)

    def when_pictures(self, job: Callable[[], None]) -> None:
        """Run ``job`` when the loop is next idle after more pictures arrive from the art thread (work ahead that waited on them)."""
        self._on_pictures.append((self.art.version, job))

    def run_task(self) -> bool:
        """Do one piece of deferred work (loading the cases after the first frame); True if one ran."""
        if not self.tasks:
            return False
        task = self.tasks[0]
        if not task():
            self.tasks.remove(task)  # (by itself: it may have put work before it)
            if task in self._unseen:
                self._unseen.discard(task)
            elif not self.tasks:
                self.dirty = True  # a screen waiting on this work is now whole: draw it so it counts as seen
        return True

    def wait(self) -> list[pygame.event.Event]:
        """Block until an event arrives or a scene asks to be woken; return the events."""
        if self.tasks and not pygame.event.peek():
            self.run_task()
            return pygame.event.get()
        wake = self.wake_in()
        if wake is not None and wake <= 0:
            return pygame.event.get()
        self.access.rest()  # the accessibility tree the frames since left to this moment (kit/access_hub.py), if any
        # pygame.event.wait polls the queue every millisecond under the hood (5% of a core measured under X11),
        # so the loop naps instead: 20 ms between looks while someone is busy at the keys, 50 ms once they have
        # stopped to read or think (too short for a person to notice either way; each look costs about 0.05 ms).
        self._meant = wake if wake is not None else 3600.0
        deadline = time.perf_counter() + self._meant
        while True:
            events = pygame.event.get()
            now = time.perf_counter()
            if events:
                self._input_at = now
                return events
            if now >= deadline:
                return events
            nap = NAP_S if now - self._input_at < QUIET_S else LONG_NAP_S
            time.sleep(min(nap, max(0.0, deadline - now)))

    def run(self) -> int:
        """The main loop, until the trainee quits or auto play ends; returns the exit code."""
        clock = pygame.time.Clock()
        self.step([])
        while self.running:
            events = self.wait()
            wake = self.wake_in()
            animating = wake is not None and wake <= 0
            self.step(events)
            if animating and not (self.pilot is not None and self.pilot.fast):
                clock.tick(60)
        self.close()
        return self.exit_code
