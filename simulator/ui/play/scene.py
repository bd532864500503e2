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

import functools
import itertools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import pygame

from simulator.engine.actions import CONTINUE, Action, Choose, Skip
from simulator.scenario.model import Node, Term
from simulator.services.glossary import terms_in
from simulator.services.moment import Moment, snapshot
from simulator.services.run import Run
from simulator.services.seem import how_people_seem
from simulator.ui.kit.access_describe import Sketch, sentence
from simulator.ui.kit.clockbar import ClockBar, clock_items
from simulator.ui.kit.layer import Layer, around, merged, repaint, within
from simulator.ui.kit.look import Look
from simulator.ui.kit.reading import Leaf, choices_heading, draw_speaker_tab, reading_pages
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.stage import Stage, crowd_of
from simulator.ui.kit.text import Page, Span, para, words_in, wrap
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.play.ahead import Ahead, adopt, prepare, take, top_painter
from simulator.ui.play.moves import PlayMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot

ADVANCE_KEYS = (pygame.K_RIGHT, pygame.K_PAGEDOWN)
LOOK_FOR_SAVES_S = 1.0  # at most this often, on input, the case's files are looked at for saves (a few stat calls)
BACK_KEYS = (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_BACKSPACE)
Kind = Literal["read", "choose"]
LAYOUTS = itertools.count(1)  # every layout of every play screen has its own number (a layout made ahead is told apart)


class PlayScene(Scene[PlayMoves]):
    """One playthrough on screen."""

    name = "play"
    dims_ahead = True  # feedback, pause and the glossary open over it

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

    # -- moving on --------------------------------------------------------------------
    def on_enter(self) -> None:
        """Pushed or uncovered: a saving problem first, then any card still to read, then the moment (afresh if it moved on)."""
        if self.moves.show_problems():
            return
        if self.moves.next_card(self):
            return
        if self.stale:
            self.refresh()

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
    def _inputs(self, look: Look) -> tuple[object, ...]:
        """Everything a layout depends on beyond the window's look."""
        return (look, self.moment, tuple(self.seem()), self.app.settings.reduced_motion, self.glossary)

    def layout(self, look: Look) -> None:
        shell, self.next_moment = (self.next_moment, None) if self._laid == 0 else (None, self.next_moment)
        if shell is not None and self._open_at is None and adopt(self, shell):
            return  # the first layout of a new playthrough, made while the prebrief was read
        self._laid = next(LAYOUTS)
        self._laid_for = self._inputs(look)
        m = look.m
        w, h = look.size
        moment = self.moment
        bar_h = self.bar.layout(look, clock_items(moment.clock, moment.episode_title, episode=(moment.episode_number, moment.episodes_total), seem=self.seem()), w)
        pad_x, pad_y = m.u(28), m.u(18)
        self.pad = (pad_x, pad_y)
        button_h = Button("Continue", kind="primary").measure(look, w)
        hint_h = look.typeset.line_height("small")
        footer = max(button_h, hint_h)
        body_line = look.typeset.line_height("body")
        # At least four lines of text per page; large text takes more of the screen from the scene, not fewer lines.
        panel_h = max(int(h * 0.34), 4 * body_line + footer + 2 * pad_y + m.gap)
        panel_h = min(panel_h, int((h - bar_h) * 0.6))
        reading = pygame.Rect(m.margin, h - m.margin - panel_h, w - 2 * m.margin, panel_h)
        self.reading = reading
        self.text_box = pygame.Rect(reading.x + pad_x, reading.y + pad_y, reading.width - 2 * pad_x, panel_h - 2 * pad_y - footer - m.gap)
        tab_h = look.typeset.line_height("bold") + m.u(8)
        self.tab_h = tab_h
        self.stage.animate = not self.app.settings.reduced_motion
        self.stage.set(moment.view_at(0 if moment.views else None), None, crowd_of((*moment.views, moment.view)))
        self.stage.layout(look, pygame.Rect(0, bar_h, w, reading.y - tab_h - bar_h))
        back_row = any(p.at == "back" for view in (*moment.views, moment.view) for p in view.people)
        self.stage.prefetch(look, self.app.art, self._people(), self._places_ahead(), back_row)
        leaves = reading_pages(look, moment, self.text_box.width, self.text_box.height, self.glossary)
        self.stages = [("read", leaf) for leaf in leaves]
        if moment.choices:
            self.max_top = bar_h + max(m.margin, int(h * 0.1))
            choices_h = self.choice_group().measure_column(look, self.text_box.width)
            last = leaves[-1] if leaves else None
            if last is not None and self._choose_height(look, last.page, choices_h) <= h - m.margin - self.max_top:
                self.stages[-1] = ("choose", last)
            else:
                self.stages.append(("choose", None))
        if not self.stages:
            self.stages = [("read", None)]
        if self._open_at is not None:  # the first stage showing the line the trainee was reading (or the last before it)
            at = self._open_at
            self._open_at = None
            lines = [leaf.line if leaf is not None and leaf.line is not None else -1 for _, leaf in self.stages]
            self.index = lines.index(at) if at in lines else max((i for i, n in enumerate(lines) if 0 <= n < at), default=0)
            self._reached = max(self._reached, at)  # what came before was read before stepping out
        self.index = max(0, min(self.index, len(self.stages) - 1))
        self._buttons()

    def _people(self) -> list[tuple[str, str | None, str | None]]:
        """Every (person, mood, pose) this moment shows, so their pictures are ready before they are needed."""
        out = {(f.id, f.mood, f.pose) for view in (*self.moment.views, self.moment.view) for f in view.people}
        return sorted(out, key=str)

    def _places_ahead(self) -> list[str]:
        """Locations this episode may still move to, then the next episode's."""
        scenario = self.run.session.scenario
        episode = scenario.episode_by_id[self.moment.episode]
        places = [view.location for view in self.moment.views]
        places += [loc for n in episode.nodes if (node := scenario.nodes.get(n)) is not None for loc in _locations(node)]
        order = list(scenario.episodes)
        at = order.index(episode)
        if at + 1 < len(order):
            places.append(order[at + 1].location)
        return [p for p in dict.fromkeys(places) if p != self.moment.location]

    def choice_group(self) -> ButtonGroup:
        buttons = [Button(text, functools.partial(self.act, Choose(cid)), number=i + 1, kind="choice", key=cid) for i, (cid, text) in enumerate(self.moment.choices)]
        return ButtonGroup(buttons, arrows="vertical")

    def _choose_height(self, look: Look, page: Page | None, choices_h: int) -> int:
        m = look.m
        text_h = page.height if page is not None else look.pages([choices_heading()], self.text_box.width, 1 << 30)[0].height
        return 2 * self.pad[1] + text_h + m.gap + choices_h + m.gap + look.typeset.line_height("small")

    def _buttons(self) -> None:
        """Buttons and panel size for the current page."""
        look = self.look
        m = look.m
        h = look.size[1]
        kind, leaf = self.stages[self.index]
        if leaf is not None and leaf.line is not None:
            self._reached = max(self._reached, leaf.line + 1)
        pad_x, pad_y = self.pad
        if kind == "choose":
            keep = self.group.focused.key if self.group.focused is not None and self.group.focused.kind == "choice" else None
            self.group = self.choice_group()
            self.group.focus = None  # an Enter meant for "Continue" must never pick an option
            choices_h = self.group.measure_column(look, self.text_box.width)
            need = self._choose_height(look, leaf.page if leaf else None, choices_h)
            # Options get the room they need, up to the whole height under the clock bar: the scene can wait.
            top = max(self.max_top if h - m.margin - need >= self.max_top else self.bar.rect.bottom + m.gap, h - m.margin - need)
            self.panel = pygame.Rect(self.reading.x, top, self.reading.width, h - m.margin - top)
            self.heading = leaf is None
            hint_h = look.typeset.line_height("small") + m.gap
            if need > self.panel.height:
                # Short of room: "What do you do?" goes first, then the key hint (the numbers are on the buttons).
                heading_h = look.pages([choices_heading()], self.text_box.width, 1 << 30)[0].height + m.gap if leaf is None else 0
                self.heading = False if leaf is None else self.heading
                if need - heading_h > self.panel.height:
                    hint_h = 0
            text_h = leaf.page.height if leaf else (look.pages([choices_heading()], self.text_box.width, 1 << 30)[0].height if self.heading else 0)
            self.page_box = pygame.Rect(self.panel.x + pad_x, top + pad_y, self.text_box.width, text_h)
            col_top = self.page_box.bottom + (m.gap if text_h else 0)
            self.group.place_column(look, self.page_box.x, col_top, self.page_box.width, self.panel.bottom - pad_y - hint_h - col_top)
            n = len(self.moment.choices)
            if not hint_h:
                self.hint = ""
            else:
                self.hint = f"Press 1 to {n}, or use the arrow keys and Enter.  Esc pauses." if n > 1 else "Press 1, or Enter on the option.  Esc pauses."
            if self.highlight or keep:
                self.group.focus_key(self.highlight or keep or "")
            if self.run.coach and not self._warmed and self is self.app.top and not self.preparing:
                self._warmed = True
                self.app.later(functools.partial(self._still_here, self.moment.node, lambda run: self.moves.prepare_feedback(run.session)))
        else:
            self.panel = self.reading
            self.page_box = self.text_box
            buttons = [Button("Continue", self.advance, kind="primary", key="continue")]
            if self.index > 0:
                buttons.insert(0, Button("Previous", self.go_back, key="previous"))
            self.group = ButtonGroup(buttons, arrows="horizontal")
            self.group.focus_key("continue")
            if self.index == len(self.stages) - 1 and self.moment.can_proceed and not self._warmed and self is self.app.top and not self.preparing:
                self._warmed = True
                self.app.later(functools.partial(self._still_here, self.moment.node, self.moves.prepare_next))  # while the last page is read
            row_h = self.group.measure_row(look, self.panel.width // 2)
            self.group.place_row(look, self.panel.centerx, self.panel.bottom - pad_y - row_h, self.panel.width // 2 - pad_x)
            self.hint = "Enter continues.  Esc pauses."
        hint_w = (self.panel.width - 2 * pad_x) if kind == "choose" else (self.panel.width // 2 - pad_x - m.gap)
        # A glossary word on the page is named in the hint (it is also marked in colour), then the keys, as far as one line holds.
        terms = [t.term for t in self.page_terms()]
        wants = [self.hint] if self.hint else []
        if terms:
            named = f"G explains {', '.join(terms[:3])}{' and more' if len(terms) > 3 else ''}."
            first_key = self.hint.split("  ")[0] if self.hint else ""
            wants = [f"{named}  {self.hint}", f"{named}  {first_key}", named, f"G: glossary.  {first_key}", *wants]
        self.hint = next((w.strip() for w in wants if len(wrap((Span(w.strip(), "small", "muted"),), hint_w, look.typeset)) == 1), "")
        # (the keys are also on the buttons; never squeeze the hint)
        self.hint_rect = pygame.Rect(self.panel.x + pad_x, self.panel.bottom - pad_y - look.typeset.line_height("small"), hint_w, look.typeset.line_height("small"))
        self.tab = None
        if leaf is not None and leaf.name:
            font = look.typeset.font("bold")
            tw = font.size(leaf.name)[0] + 2 * m.u(16)
            self.tab = (pygame.Rect(self.panel.x + pad_x, self.panel.y - self.tab_h, min(tw, self.panel.width - 2 * pad_x), self.tab_h), leaf.name)
        self.stage.set(self.moment.view_at(leaf.line if leaf else None), leaf.speaker if leaf else None)
        self.app.dirty = True
        if not self.preparing and self.index + 1 < len(self.stages) and self is self.app.top:
            self.app.later(self._page_ahead, unseen=True)  # the next page, while this one is read

    def _still_here(self, node: str, prepare: Callable[[Run], None]) -> None:
        """Get what follows ``node`` ready, unless the trainee has already moved on from it (nothing would use it)."""
        if not self.stale and self.run.session.state.node == node:
            prepare(self.run)

    def _page_ahead(self) -> None:
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
        return self.stage.update(dt, self.app.art)

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
        self._draw_still(surface)
        self._draw_top(surface)

    def draw_changed(self, surface: pygame.Surface, whole: bool) -> list[pygame.Rect] | None:
        """Turning a page redraws the text panel and the speaker's tab; a new speaker, their plate too; a mood frame, the people."""
        look = self.look
        shown_ahead, taken = take(self)  # the still part of a page drawn ahead, if this is one
        was = self.stage.regions()
        key = self._still_key()
        kept = self.still.key
        # A new speaker or mood frame changes only plates or people: paint just those into the kept picture.
        guess = self.stage.changes(kept[2], key[2], was, was) if isinstance(kept, tuple) and kept[:2] == key[:2] else None
        only = merged(guess) if guess is not None else None
        repainted, before = self.still.refresh(look.size, key, self._draw_still, only)
        changed: list[pygame.Rect] | None = taken
        if repainted:
            self.still.key = key = self._still_key()  # drawn whole: pictures arriving later for other places change nothing
            same_layout = isinstance(before, tuple) and before[:2] == key[:2]
            moved = self.stage.changes(before[2], key[2], was, self.stage.regions()) if same_layout and isinstance(before, tuple) else None
            changed = None if moved is None or changed is None else [*changed, *moved]
            if only is not None and (moved is None or not within(moved, only)):
                self.still.refresh(look.size, (), self._draw_still)  # it moved more than the kept picture allows for
                self.still.key = key
                changed = None
        layer = self.still.surface
        assert layer is not None
        top = self._top_extent()
        top_key = self._top_key()
        if top_key != self._top_shown:
            changed = None if changed is None else [*changed, top, self._top_drawn]
        self._top_shown = top_key
        paint = (top_painter(self, top_key) if shown_ahead else None) or self._draw_top
        if whole or changed is None:
            for rect in around(self.panel, look.m.radius, surface.get_rect()):  # the opaque panel covers the rest
                surface.blit(layer, rect, rect)
            paint(surface)
            self._top_drawn = top
            return None
        rects = merged(changed)
        repaint(surface, layer, rects, paint, top)
        self._top_drawn = top
        return rects

    def _still_key(self) -> tuple[object, ...]:
        """What the still part shows: the layout, the stage, and (while a picture is still being drawn) which pictures have arrived."""
        return (self._laid, None if self.stage.ready else self.app.art.version, self.stage.key(self.look))

    def _top_key(self) -> tuple[object, ...]:
        """Everything the text panel and what is over it show (equal keys draw the same pixels)."""
        kind, leaf = self.stages[self.index]
        tab = (tuple(self.tab[0]), self.tab[1]) if self.tab is not None else None
        return (self.look, self._laid, self.index, kind, id(leaf), tuple(self.panel), tuple(self.page_box), tab, self.heading, self.hint, tuple(self.hint_rect), self.group.state())

    def _top_extent(self) -> pygame.Rect:
        """Everything drawn over the still part: the panel, the tab, the buttons with their focus rings, the hint."""
        rects = [self.panel, self.hint_rect, *self.group.extent(self.look)]
        if self.tab is not None:
            rects.append(self.tab[0])
        return rects[0].unionall(rects[1:])

    def _draw_still(self, surface: pygame.Surface) -> None:
        self.stage.draw(surface, self.look, self.app.art)
        self.bar.draw(surface, self.look)

    def _draw_top(self, surface: pygame.Surface) -> None:
        look = self.look
        p = look.palette
        look.panel(surface, self.panel, alpha=255, border=p.button_border)
        draw_speaker_tab(surface, look, self.tab)
        kind, leaf = self.stages[self.index]
        if leaf is not None:
            look.draw_page(surface, leaf.page, self.page_box)
        elif kind == "choose" and self.heading:
            look.draw_text(surface, [choices_heading()], self.page_box)
        self.group.draw(surface, look)
        if self.hint:
            look.draw_text(surface, [para(self.hint, "small", "muted", space_after=0)], self.hint_rect)

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


def _locations(node: Node) -> list[str]:
    """The places a node's stage directions name (itself and its lines)."""
    out = [node.stage.location] if node.stage.location else []
    return out + [line.stage.location for line in node.lines if line.stage.location]
