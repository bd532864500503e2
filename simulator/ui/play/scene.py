"""Play: the place and the people above, what is said below, then the choice.

The text panel pages through the moment's lines (one speaker per page, the
speaker's name on a tab); at a decision the choices follow as large numbered
buttons. Every action goes through the :class:`~simulator.services.run.Run`,
which saves it before anything else happens; the flow then puts up what
follows (in the coach setting a feedback card after each choice, a title
card for a new episode), and this screen shows the next moment when they
have been read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import pygame

from simulator.engine.actions import CONTINUE, Action, Choose, Skip
from simulator.scenario.model import Term
from simulator.services.glossary import terms_in
from simulator.services.moment import Moment, snapshot
from simulator.services.run import Run
from simulator.services.seem import how_people_seem
from simulator.ui.kit.access_describe import Sketch, sentence
from simulator.ui.kit.clockbar import ClockBar, clock_items
from simulator.ui.kit.layer import Layer
from simulator.ui.kit.look import Look
from simulator.ui.kit.reading import Leaf
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.stage import Stage
from simulator.ui.kit.text import words_in
from simulator.ui.kit.widgets import ButtonGroup
from simulator.ui.play import layout as play_layout
from simulator.ui.play import picture as play_picture
from simulator.ui.play.ahead import Ahead, adopt, prepare
from simulator.ui.play.moves import PlayMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot

ADVANCE_KEYS = (pygame.K_RIGHT, pygame.K_PAGEDOWN)
LOOK_FOR_SAVES_S = 1.0  # at most this often, on input, the case's files are looked at for saves (a few stat calls)
BACK_KEYS = (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_BACKSPACE)
Kind = Literal["read", "choose"]


class PlayScene(Scene[PlayMoves]):
    """One playthrough on screen."""

    name = "play"
    dims_ahead = True  # feedback, pause and the glossary open over it
    # Set by each layout (play/layout.py):
    pad: tuple[int, int]  # the text panel's padding
    reading: pygame.Rect  # the panel on a page of reading
    tab_h: int  # the speaker's tab above it
    max_top: int  # how high a panel of options may reach while the scene stays in sight
    page_box: pygame.Rect  # where this page's words are

    def __init__(self, app: App, moves: PlayMoves, run: Run, line: int = 0) -> None:
        super().__init__(app, moves)
        self.run = run
        self._open_at: int | None = line or None  # Continue: open the moment at this line, once it is laid out
        self.moment: Moment = snapshot(run.session)
        self.stage = Stage()
        self.bar = ClockBar()
        self.stages: list[tuple[Kind, Leaf | None]] = []
        self.index = 0
        self._reached = 0  # how many of this moment's lines have been on screen (paging back does not unread one)
        self.group = ButtonGroup(arrows="vertical")
        self.stale = False
        self.panel = pygame.Rect(0, 0, 1, 1)
        self.text_box = pygame.Rect(0, 0, 1, 1)
        self.hint_rect = pygame.Rect(0, 0, 1, 1)
        self.tab: tuple[pygame.Rect, str] | None = None
        self.hint = ""
        self.highlight: str | None = None
        self.heading = True  # "What do you do?" above options with no line of their own
        self._warmed = False
        self._last_look = time.monotonic()  # when the case's files were last looked at for saves
        self.still = Layer()  # the place, the people, their plates and the clock bar, kept between pages
        self._laid = 0  # this layout's number (the bar's words and every position may have changed)
        self._laid_for: tuple[object, ...] | None = None  # what it was laid out for (ahead.adopt compares)
        self.ahead = Ahead()  # the next page, drawn while this one is read (play/ahead.py)
        self.next_moment: PlayScene | None = None  # the next moment, laid out and drawn ahead (flow/play.py)
        self.preparing = False  # drawing a page ahead: nothing is scheduled, nothing shown
        self._top_drawn = pygame.Rect(0, 0, 0, 0)  # where the text panel and its buttons were last drawn on the window
        self._top_shown: object = None  # and what they showed
        self._covered = False  # just uncovered: the loop's next time step is the time under the card (update)

    # -- moving on --------------------------------------------------------------------
    def on_enter(self) -> None:
        """Pushed or uncovered: a saving problem first, then any card still to read, then the moment (afresh if it moved on)."""
        self._covered = True
        if self.moves.show_problems():
            return
        if self.moves.next_card(self):
            return
        if self.stale:
            self.refresh()
        elif self.index + 1 < len(self.stages) and self.ahead.page != (self._laid, self.index + 1):
            self.app.later(self._page_ahead, unseen=True)  # uncovered: the next page, while this one is read

    def refresh(self) -> None:
        """Show the session's current moment from its first page."""
        self.stale = False
        self.moment = snapshot(self.run.session)
        self.index = self._reached = 0
        self.highlight = None
        self._warmed = False
        shell, self.next_moment = self.next_moment, None
        if not adopt(self, shell):
            self.layout(self.look)
        self.app.dirty = True
        if self.moment.finished and not self.moment.lines:
            self.finish()

    def act(self, action: Action) -> None:
        """Choose, continue or skip: saved first, then whatever follows it, then the next moment."""
        session = self.run.session
        before = session.state.episode
        option = session.option(action.choice) if isinstance(action, Choose) else None
        step = self.run.act(action)
        self.stale = True
        self.moves.acted(self, option, step, skipped=isinstance(action, Skip), new_episode=self.run.session.state.episode != before)

    def advance(self) -> bool:
        """Next page; at the end of a moment, continue the story (or reach the ending)."""
        kind = self.stages[self.index][0] if self.stages else "read"
        if self.index < len(self.stages) - 1:
            self.index += 1
            self._buttons()
            return True
        if kind == "choose":
            return False
        if self.moment.finished:
            self.finish()
        elif self.moment.can_proceed:
            self.act(CONTINUE)
        return True

    def seem(self) -> list[str]:
        """How people seem, when the trainee switched it on, in the coach setting only (never in assessment)."""
        if not (self.app.settings.seem and self.run.coach) or self.stale:
            return []
        return how_people_seem(self.run.session)

    @property
    def glossary(self) -> tuple[Term, ...]:
        return self.run.session.scenario.glossary

    def page_terms(self) -> list[Term]:
        """The glossary's words on the page on screen (its line, and the options when they show)."""
        if not self.glossary or not self.stages:
            return []
        kind, leaf = self.stages[self.index]
        texts = [self.moment.lines[leaf.line].text] if leaf is not None and leaf.line is not None and leaf.line < len(self.moment.lines) else []
        if kind == "choose":
            texts += [text for _, text in self.moment.choices]
        return terms_in(texts, self.glossary)

    @property
    def line(self) -> int:
        """The line on screen now (its first, when a long line runs over pages); 0 at the options alone."""
        leaf = self.stages[self.index][1] if self.stages else None
        return leaf.line if leaf is not None and leaf.line is not None else 0

    def keep_place(self) -> None:
        """Remember where the trainee is reading, for Continue (nothing to keep while an older moment is on screen)."""
        if not self.stale:
            self.run.keep_place(self.line)

    def on_close(self) -> None:
        self.keep_place()

    @property
    def reached(self) -> int:
        """How many of the session's current lines have been on screen (none while the moment shown is an old one)."""
        return 0 if self.stale else self._reached

    def go_back(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        self._buttons()
        return True

    def finish(self) -> None:
        self.moves.ending(self.run)

    # -- layout --------------------------------------------------------------------
    def layout(self, look: Look) -> None:
        """The moment laid out and paged for this look (play/layout.py), or the layout made ahead taken over."""
        play_layout.lay_out(self, look)

    def _inputs(self, look: Look) -> tuple[object, ...]:
        return play_layout.inputs(self, look)

    def _buttons(self) -> None:
        """Buttons and panel size for the current page."""
        play_layout.lay_page(self)

    def choice_group(self) -> ButtonGroup:
        return play_layout.choice_group(self)

    def _still_here(self, node: str, prepare: Callable[[Run], None]) -> None:
        """Get what follows ``node`` ready, unless the trainee has already moved on from it (nothing would use it).

        Auto play at speed 0 reads nothing: it leaves each screen once drawn, so what follows is made when it is shown,
        once, instead of also ahead (every option's feedback card, the next moment drawn twice: 60% of its time on a long case).
        """
        if not self.stale and self.run.session.state.node == node and not (self.app.pilot is not None and self.app.pilot.fast):
            prepare(self.run)

    def _page_ahead(self) -> None:
        if self.app.top is self:  # under a card, the page beneath may not have been shown yet: its own picture drawn ahead is kept
            prepare(self, self.index + 1)

    def _moment_ahead(self) -> None:
        if self.next_moment is not None:
            prepare(self.next_moment, 0)

    # -- events ------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if self._look_for_saves(event):
            return True
        kind = self.stages[self.index][0]
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.moves.pause()
                return True
            if event.key == pygame.K_F5:
                self.moves.reload(self)
                return True
            if event.key in BACK_KEYS:
                return self.go_back()
            if event.key == pygame.K_g and self.glossary:
                self.moves.glossary(self.page_terms())
                return True
            if kind == "read" and event.key in ADVANCE_KEYS:
                return self.advance()
        return self.group.act(event)

    def update(self, dt: float) -> bool:
        if self.run.poll() and self.app.top is self:
            self.moves.show_problems()  # saving failed on the saver thread
            return True
        version = self.app.art.version
        if self.ahead.pending is not None and self.ahead.pending != version:  # pictures have arrived: draw ahead again
            self.ahead.pending = None
            self.app.later(self._page_ahead, unseen=True)
        shell = self.next_moment
        if shell is not None and shell.ahead.pending is not None and shell.ahead.pending != version:
            shell.ahead.pending = None
            self.app.later(self._moment_ahead, unseen=True)
        if self._covered:  # the time a card was read over it: the people stood still under it, and go on from there
            self._covered, dt = False, 0.0
        if not self.stage.update(dt, self.app.art):
            return False
        if self.ahead.page is not None and self.ahead.tick != self.stage.tick:
            self.app.later(self._page_again, unseen=True)  # the next page was drawn at the mood frame before
        if shell is not None and shell.ahead.page is not None and shell.ahead.tick != self.stage.tick:
            self.app.later(self._moment_again, unseen=True)  # and so was the next moment, while the last page is read
        return True

    def _moment_again(self) -> None:
        """The next moment's first page drawn again at the mood frame now on screen (it takes over this stage's beat as
        it is shown: drawn at the frame before, showing it repainted its people, and its panel and buttons, in that frame)."""
        shell = self.next_moment
        if self.app.top is self and shell is not None and shell.ahead.page is not None and shell.ahead.tick != self.stage.tick:
            shell.stage.clock, shell.stage.tick = self.stage.clock, self.stage.tick
            shell.ahead.forget()
            prepare(shell, 0)

    def _page_again(self) -> None:
        """The next page drawn again, its people at the mood frame now on screen (else turning to it repaints them, and
        its panel and buttons: most of that frame's work at 1920x1080)."""
        page = self.ahead.page
        if self.app.top is self and page is not None and page[0] == self._laid and self.ahead.tick != self.stage.tick:
            self.ahead.forget()
            prepare(self, page[1])

    def wake_in(self) -> float | None:
        return self.stage.wake_in(self.app.art)

    def _look_for_saves(self, event: pygame.event.Event) -> bool:
        """Coming back to the window (focus, the pointer entering it), or any input a second or more after the last look:
        reload if the case's files were saved meanwhile. Nothing wakes the loop to look, so a window left alone sleeps."""
        now = time.monotonic()
        returning = event.type in (pygame.WINDOWFOCUSGAINED, pygame.WINDOWENTER)
        if not returning and now - self._last_look < LOOK_FOR_SAVES_S:
            return False
        self._last_look = now
        return self.moves.saved_changes(self)

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        play_picture.draw(self, surface)

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """Only what changed since the last frame (play/picture.py)."""
        return play_picture.draw_changed(self, surface, whole)

    def _top_key(self) -> tuple[object, ...]:
        return play_picture.top_key(self)

    def _top_extent(self) -> pygame.Rect:
        return play_picture.top_extent(self)

    def _draw_still(self, surface: pygame.Surface) -> None:
        play_picture.draw_still(self, surface)

    def _draw_top(self, surface: pygame.Surface) -> None:
        play_picture.draw_top(self, surface)

    def describe(self, sketch: Sketch) -> None:
        """Where and when, who is speaking and what they say, then the options at a decision; each new line is announced."""
        moment = self.moment
        kind, leaf = self.stages[self.index]
        sketch.heading(moment.episode_title)
        bar = clock_items(moment.clock, "", episode=(moment.episode_number, moment.episodes_total), seem=self.seem())
        sketch.text(". ".join(item.text for item in bar if item.text), self.bar.rect)
        line = moment.lines[leaf.line] if leaf is not None and leaf.line is not None else None
        if line is not None:
            said = f"{line.name}, {line.cue}: {line.text}" if line.name and line.cue else f"{line.name}: {line.text}" if line.name else (f"{line.cue}. {line.text}" if line.cue else line.text)
            sketch.text(said, self.page_box)
            sketch.say(said)
        if kind == "choose":
            n = len(moment.choices)
            # Said as text too: a screen reader landing on the screen reads its text, but not always a list just added.
            sketch.text(f"What do you do? {n} option{'s' if n != 1 else ''}: Tab to hear each, or press {'a number' if n > 1 else '1'} to choose.")
            sketch.buttons(self.group, f"{n} option{'s' if n != 1 else ''}")
            sketch.say(f"What do you do? {n} option{'s' if n != 1 else ''}.", *(sentence(f"{i}: {text}") for i, (_, text) in enumerate(moment.choices, 1)))
            sketch.say("Press a number to choose." if n > 1 else "Press 1 to choose.")
        else:
            sketch.buttons(self.group)
        terms = [t.term for t in self.page_terms()]
        if terms:  # the marked words on screen, which G explains (the hint may have room for only three)
            sketch.text(f"G explains {', '.join(terms)}.", self.hint_rect)
        sketch.said_key = (moment.node, leaf.line if leaf is not None else None, kind)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.moment.node, self.index, self.stages[self.index][0])

    def settled(self) -> bool:
        return self.stage.ready

    def words(self) -> int:
        kind, leaf = self.stages[self.index]
        count = words_in(leaf.page) if leaf is not None else 0
        if kind == "choose":
            count += sum(len(text.split()) for _, text in self.moment.choices)
        return count

    def marking(self) -> bool:
        return bool(self.highlight)

    # -- auto play -----------------------------------------------------------------------
    def autoplay(self, pilot: Pilot) -> bool:
        kind = self.stages[self.index][0]
        if kind == "read":
            return self.advance()
        if pilot.tour_due():
            self.moves.pause()
            return True
        picked = pilot.choose(self.run.session.choices)
        if self.highlight != picked.id and not pilot.fast:
            # Show which option is being taken before taking it, so a room can follow.
            self.highlight = picked.id
            self.group.focus_key(picked.id)
            return True
        self.act(Choose(picked.id))
        return True
