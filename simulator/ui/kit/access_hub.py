"""The window's accessibility, kept by the app: the tree of what is on screen, the screen reader's bridge, self-voicing.

After every frame that changed, :meth:`Access.refresh` asks the screen on
top to describe itself (:meth:`Scene.describe
<simulator.ui.kit.scene.Scene.describe>`), makes the :class:`~simulator.ui.kit.access_tree.Tree`,
and when it differs from the last one hands it to AccessKit (so a screen
reader hears what changed) and to self-voicing (which says what
:func:`~simulator.ui.kit.access_tree.speech` says is new). A screen reader's
requests come back as :data:`~simulator.ui.kit.access_kit.ACCESS_EVENT` and
move the same focus Tab moves, or press the same button Enter presses.

While AT-SPI's bridge is open with no screen reader connected (the usual
Linux desktop: the bridge opens on every window) and nothing else listens,
a changed frame does not build the tree: it is built once when the loop
next waits with nothing moving (:meth:`Access.rest`), so the bridge holds
the screen the trainee is reading, and built again the moment a screen
reader connects, before it is caught up (:meth:`Access.handle`). A fade or
the watch mode's beats build no tree until they stop.

Set ``DOORSTEP_ACCESSKIT=0`` to keep the platform adapter off (the tree is
still made for self-voicing), and ``DOORSTEP_ACCESS_TRACE=FILE`` to have the
bridge's life (opened, connected, disconnected) noted in FILE.
"""

from __future__ import annotations

import os
import sys
import warnings
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.settings import Settings
from simulator.ui.kit.access_kit import ACCESS_EVENT, trace

if TYPE_CHECKING:  # the tree, the bridge and self-voicing come in when someone listens: after the first frame unless voicing is on
    from simulator.services.voice import Engine, Speaker
    from simulator.ui.kit.access_describe import Handle
    from simulator.ui.kit.access_kit import Bridge
    from simulator.ui.kit.access_tree import Tree
    from simulator.ui.kit.app import App
    from simulator.ui.kit.scene import AnyScene

VOICE_KEY = pygame.K_v  # Ren'Py's key for self-voicing, pressed on any screen that is not taking typing
VOICE_ON = "Self-voicing on. Press V to turn it off."
VOICE_OFF = "Self-voicing off."


class Access:
    """What the screen reader and self-voicing are told, and what they ask back."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.tree: Tree | None = None
        self.handles: dict[str, Handle] = {}
        self.bridge: Bridge | None = None
        self.speaker: Speaker | None = None
        self.engine: Engine | None = None
        self.listeners: list[Callable[[Tree | None, Tree], None]] = []  # e.g. a test reading every tree as it is made
        self._tokens: weakref.WeakKeyDictionary[AnyScene, int] = weakref.WeakKeyDictionary()
        self._said: tuple[Any, ...] | None = None
        self._said_n = 0
        self._next_token = 1
        self._left: dict[int, str] = {}  # the focus each covered screen had when it was last on top
        self._spare: Speaker | None = None  # self-voicing, switched off: kept to say so, and for when it is switched on again
        self._stale = False  # a frame changed the screen and the tree was left for the loop's rest (only the unconnected bridge listens)

    # -- starting and stopping ---------------------------------------------------------------
    def start(self) -> None:
        """Self-voicing if the trainee has it on, and the platform's bridge (quietly absent where it cannot be).

        AccessKit's Windows and macOS adapters must meet the window before it
        is shown, so they open now; AT-SPI's (Linux) opens as the first piece
        of work after the first frame, which need not wait for the bus, and is
        handed the screen already drawn at once.
        """
        if os.environ.get("DOORSTEP_ACCESSKIT", "1") != "0":
            if sys.platform in ("win32", "darwin"):
                self._open_bridge()
            else:
                self.app.tasks.insert(0, self._bridge_after_first_frame)
                trace("bridge to open after the first frame")
        self.apply(self.app.settings)

    def _open_bridge(self) -> None:
        from simulator.ui.kit.access_kit import Bridge

        try:
            self.bridge = Bridge()
            self.bridge.window_focused(True)
            self._place()
            trace("bridge opened")
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # an adapter that cannot start (a Rust panic included) must never stop the window
            self.bridge = None
            trace(f"bridge failed: {type(exc).__name__}: {exc}")
            self.app.note(f"screen readers cannot reach this window here ({type(exc).__name__}: {exc})")

    def _bridge_after_first_frame(self) -> bool:
        self._open_bridge()
        if self.bridge is not None and self.app.stack:
            if self.tree is None:
                self._refresh_now()  # nobody was listening at the first frame: the tree is made now
            else:
                self._tell_bridge(self.tree)  # self-voicing already said it: the screen reader is only told
            trace(f"tree handed to the bridge (frames drawn: {self.app.frames})")
        return False

    def apply(self, settings: Settings) -> None:
        """Self-voicing on or off, at the trainee's rate and voice."""
        if not settings.self_voicing:
            if self.speaker is not None:
                self._spare, self.speaker = self.speaker, None
            return
        if self.speaker is None and self._spare is not None:
            self.speaker, self._spare = self._spare, None
            self.tree = None
        if self.speaker is None:
            from simulator.services.voice import Speaker, find_engine

            self.engine = self.engine or find_engine()
            if self.engine is None:
                self.app.note("self-voicing needs a speech engine: speech-dispatcher or espeak-ng on Linux, say on macOS, SAPI on Windows")
                return
            self.speaker = Speaker(self.engine, settings.speech_rate, settings.voice)
            self.tree = None  # say what is on screen now
        self.speaker.rate, self.speaker.voice = settings.speech_rate, settings.voice

    def use_speaker(self, speaker: Speaker | None) -> None:
        """Speak through this speaker (a test's recording engine, a chosen engine), or not at all."""
        if self.speaker is not None and self.speaker is not speaker:
            self.speaker.close()
        self.speaker = speaker
        self.tree = None

    def close(self) -> None:
        for speaker in (self.speaker, self._spare):
            if speaker is not None:
                speaker.close()
        self.speaker = self._spare = None

    @property
    def unhurried(self) -> bool:
        """Someone is listening rather than looking (self-voicing on, or a screen reader connected): nothing moves on by itself."""
        return self.speaker is not None or (self.bridge is not None and self.bridge.active)

    @property
    def listening(self) -> bool:
        return self.bridge is not None or self.speaker is not None or bool(self.listeners)

    @property
    def unheard(self) -> bool:
        """Only AT-SPI's bridge listens, and no screen reader has connected to it: nobody hears a tree until one does."""
        bridge = self.bridge
        return bridge is not None and bridge.threaded and not bridge.active and self.speaker is None and not self.listeners

    # -- each frame that changed ---------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.listening or not self.app.stack:
            return
        if self.unheard:  # built once as the loop rests after the frames that changed it, not in each of them
            self._stale = True
            self.handles = {}  # (they reach the buttons, and so the screen, they were made for: let a closed screen go)
            return
        self._refresh_now()

    def rest(self) -> None:
        """The loop is about to wait for the trainee (nothing moving): build the tree the frames since left, if they left one."""
        if self._stale and self.app.stack:
            self._refresh_now()

    def _refresh_now(self) -> None:
        self._stale = False
        tree = self.build()
        before = self.tree
        if tree == before:
            return
        self.tree = tree
        self._tell_bridge(tree)
        if self.speaker is not None:
            from simulator.ui.kit.access_tree import speech

            words = speech(before, tree, self._left.get(self._token_of(tree)))
            if words:
                self.speaker.say(words)
            if self.speaker.problem:
                self.app.note(self.speaker.problem)
        for listener in self.listeners:
            listener(before, tree)

    def _tell_bridge(self, tree: Tree) -> None:
        if self.bridge is None:
            return
        if self.bridge.problem:
            self.app.note(f"screen readers: {self.bridge.problem}")
        try:
            self.bridge.update(tree)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # AccessKit's panics are BaseExceptions: the window plays on without it
            self.bridge = None
            self.app.note(f"screen readers stopped hearing this window ({type(exc).__name__}: {exc})")

    def build(self) -> Tree:
        """The tree of the screen on top (an overlay is a modal dialog: what is under it cannot be reached)."""
        from simulator.ui.kit.access_describe import Sketch, sentence
        from simulator.ui.kit.access_tree import Node, window

        top = self.app.stack[-1]
        token = self._tokens.get(top)
        if token is None:
            token = self._tokens[top] = self._next_token
            self._next_token += 1
        sketch = Sketch(top, prefix=f"s{token}:")
        top.describe(sketch)
        screen = sketch.node(f"s{token}", modal=top.overlay)
        said = " ".join(sketch.said) or sentence(screen.label)  # a new screen is at least said by name
        ident = (token, sketch.said_key, said)
        if ident != self._said:
            self._said = ident
            self._said_n += 1
        self.handles = sketch.handles
        if self.tree is not None and self.tree.screen is not None and self.tree.screen.key != f"s{token}":
            self._left[self._token_of(self.tree)] = self.tree.focus
        announcement = Node(f"say{self._said_n}", "announcement", said, live="polite") if said else None
        return window(screen, announcement, sketch.focus)

    @staticmethod
    def _token_of(tree: Tree) -> int:
        screen = tree.screen
        return int(screen.key[1:]) if screen is not None else 0

    # -- what comes back -----------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """A screen reader's request, a key that cuts speech short, or V for self-voicing; True if the event was used up."""
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.speaker is not None:
            self.speaker.stop()
        if event.type == ACCESS_EVENT:
            action = str(getattr(event, "action", ""))
            if action == "connected":  # a screen reader took the tree (kit/access_kit.py): tell it what it missed
                if self._stale and self.app.stack:
                    self._refresh_now()  # frames it may have been handed a tree from before (the newest is built now)
                if self.bridge is not None and not self.bridge.sync():
                    pygame.event.post(event)  # its adapter is still taking the tree: look again next pass
                return True
            return self.perform(action, str(getattr(event, "key", "")))
        if event.type in (pygame.WINDOWFOCUSGAINED, pygame.WINDOWFOCUSLOST) and self.bridge is not None:
            self.bridge.window_focused(event.type == pygame.WINDOWFOCUSGAINED)
            return False
        if event.type in (pygame.WINDOWMOVED, pygame.WINDOWSIZECHANGED):
            self._place()
            return False
        if event.type == pygame.KEYDOWN and event.key == VOICE_KEY and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            top = self.app.top
            if top is not None and not top.typing:
                self.toggle_voice()
                return True
        return False

    def perform(self, action: str, key: str) -> bool:
        """Focus or press the button a screen reader asked for, exactly as the keyboard would."""
        self.rest()  # the buttons as they are now, if frames since left the tree for later
        handle = self.handles.get(key)
        if handle is None:
            return False
        button = handle.button
        if button.enabled:
            handle.group.focus = handle.index
        if action == "click" and button.enabled and button.action is not None:
            button.action()
        self.app.dirty = True
        return True

    def toggle_voice(self) -> None:
        on = not self.app.settings.self_voicing
        self.app.apply_settings(self.app.settings.with_changes(self_voicing=on))
        if on and self.speaker is not None and self.app.stack:
            from simulator.ui.kit.access_tree import speech

            self.tree = self.build()
            self.speaker.say([VOICE_ON, *speech(None, self.tree)])
        elif not on and self._spare is not None:
            self._spare.say([VOICE_OFF])

    def _place(self) -> None:
        if self.bridge is None:
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                position = pygame.Window.from_display_module().position
        except (AttributeError, pygame.error):
            position = (0, 0)
        self.bridge.window_bounds((int(position[0]), int(position[1])), self.app.surface.get_size())
