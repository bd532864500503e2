"""One version of an episode on screen: the place and people, its own case clock, what is said and chosen.

The watch screen shows one pane (the versions one after the other) or two
side by side. A pane turns its version's frames into *beats*, one screen
each: a page of what someone says, the options at a decision, the same
options with the one taken marked, and the ending's pages. Panes draw into
their own part of the window as if it were a small window of their own (a
subsurface), with the window's type sizes, so text stays as large side by
side as it is full width.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal

import pygame

from simulator.palette import PATH_COLOURS, rgb
from simulator.scenario.model import Term
from simulator.services.reels import Frame, Segment, Take
from simulator.services.words import WHERE
from simulator.ui.kit.art import ArtCache
from simulator.ui.kit.clockbar import ClockBar, Item, clock_items
from simulator.ui.kit.layer import Layer
from simulator.ui.kit.look import Look
from simulator.ui.kit.reading import Leaf, reading_pages
from simulator.ui.kit.stage import Stage, crowd_of
from simulator.ui.kit.text import Page, Para, para, words_in
from simulator.ui.kit.widgets import Button
from simulator.ui.watch import pane_picture
from simulator.ui.watch.ahead import PaneAhead, adopt

BeatKind = Literal["read", "options", "taken", "ending"]
READ_S_PER_WORD = 0.28  # the pilot's reading pace: a room can follow at 1x
BASE_S = 1.6
TAKEN_S = 2.4


@dataclass(frozen=True, slots=True)
class Beat:
    """One screen of a version: which frame, what kind, and its laid-out text."""

    frame: int
    kind: BeatKind
    leaf: Leaf | None = None
    page: Page | None = None


def pane_look(look: Look, size: tuple[int, int]) -> Look:
    """The window's look (same type sizes) for a part of the window of ``size``."""
    sub = copy.copy(look)
    sub.size = size
    return sub


class Pane:
    """Lays out and draws one version; the watch scene says which beat to show."""

    def __init__(self, take: Take, frames: list[Frame], label: str, glossary: tuple[Term, ...] = ()) -> None:
        self.take = take
        self.frames = frames
        self.label = label
        self.glossary = glossary  # the case's words, marked as in play (the room sees which ones the glossary explains)
        self.colour = rgb(PATH_COLOURS.get(take.path, "#1e3a8a"))  # the path's own colour, as in the report
        self.header = pygame.Rect(0, 0, 1, 1)  # the version's name, always in sight
        self.stage = Stage()
        self.bar = ClockBar()
        self.beats: list[Beat] = []
        self.segments: list[Segment] = []
        self.keys: list[str] = []  # the decision each segment ends at (its node), "end" for the last
        self.index = 0
        self.waiting = False
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.look: Look | None = None
        self.panel = pygame.Rect(0, 0, 1, 1)
        self.box = pygame.Rect(0, 0, 1, 1)
        self.hint_rect = pygame.Rect(0, 0, 1, 1)
        self.tab: tuple[pygame.Rect, str] | None = None
        self.note: tuple[pygame.Rect, str] | None = None
        self.options: list[Button] = []
        self.heading: list[Para] = []
        self.hint = ""
        self._frame = -1
        self._laid: tuple[int, tuple[int, ...]] | None = None
        self._bar_h = 0
        self._only_taken = False
        self.covers_bar = False
        self.still = Layer()  # the place, people, plates, clock bar and version band, kept between beats
        self.top_drawn = pygame.Rect(0, 0, 0, 0)  # where the panel and what is over it were last drawn (in the pane)
        self.top_shown: object = None  # and what they showed
        self.ahead = PaneAhead()  # the next beat, drawn while this one is read (watch/ahead.py)

    # -- layout ---------------------------------------------------------------------
    def layout(self, look: Look, rect: pygame.Rect) -> None:
        """Split every frame into beats for a pane of this size (once per look and size: the watch tour lays the
        next version out while a card is read, and the app lays it out again as it goes up)."""
        key = (id(look), tuple(rect))
        if key == self._laid and self.beats:
            return
        self._laid = key
        self.rect = rect
        self.look = sub = pane_look(look, rect.size)
        m = sub.m
        w, h = rect.size
        self.margin = m.u(16)
        self.pad = (m.u(24), m.u(14))
        pad_x, pad_y = self.pad
        self.header = pygame.Rect(0, 0, w, sub.typeset.line_height("small-bold") + 2 * m.u(6))
        self._bar_h = self.header.height + max((self.bar.layout(sub, self._items(f), w, self.header.height) for f in self.frames), default=0)
        hint_h = sub.typeset.line_height("small")
        body = sub.typeset.line_height("body")
        self.tab_h = sub.typeset.line_height("bold") + m.u(8)
        panel_h = max(int(h * 0.34), 4 * body + 2 * pad_y)
        panel_h = min(panel_h, int((h - self._bar_h) * 0.6))
        self.reading = pygame.Rect(self.margin, h - self.margin - panel_h, w - 2 * self.margin, panel_h)
        # Reading pages use the whole panel: a note while waiting goes on a tab above it, not inside.
        self.text_box = pygame.Rect(self.reading.x + pad_x, self.reading.y + pad_y, self.reading.width - 2 * pad_x, max(body, panel_h - 2 * pad_y))
        self.tall = pygame.Rect(self.margin, self._bar_h + m.gap + self.tab_h, w - 2 * self.margin, h - self.margin - self._bar_h - m.gap - self.tab_h)
        self.beats = []
        self.segments = []
        self.keys = []
        reads = 0
        for i, frame in enumerate(self.frames):
            leaves = reading_pages(sub, frame.moment, self.text_box.width, self.text_box.height, self.glossary)
            self.beats.extend(Beat(i, "read", leaf) for leaf in leaves)
            reads += len(leaves)
            if frame.decision:
                # When the options cannot all be shown, there is no "options" beat: only what was chosen.
                decision = [Beat(i, "taken")] if self.fit(frame) == "taken" else [Beat(i, "options"), Beat(i, "taken")]
                self.beats += decision
                self.segments.append((reads, len(decision)))
                self.keys.append(frame.moment.node)
                reads = 0
            if frame.ending is not None:
                inner_w = self.tall.width - 2 * pad_x
                inner_h = self.tall.height - 2 * pad_y - hint_h - m.gap
                pages = sub.pages(self._ending_paras(frame), inner_w, inner_h)
                self.beats.extend(Beat(i, "ending", page=p) for p in pages)
                reads += len(pages)
        if reads:
            self.segments.append((reads, 0))
            self.keys.append("end")
        self._frame = -1
        if self.beats:
            self.show(min(self.index, len(self.beats) - 1), self.waiting)

    def _items(self, frame: Frame) -> list[Item]:
        """The clock bar's items; in a narrow pane the next milestone goes by its short name rather than wrapping."""
        items = clock_items(frame.moment.clock, frame.moment.episode_title, episode=(frame.moment.episode_number, frame.moment.episodes_total))
        nm = frame.moment.clock.next_milestone
        if nm is None or self.look is None:
            return items
        font = self.look.typeset.font("small")
        room = self.rect.width - 2 * self.look.m.u(20)
        out = []
        for item in items:
            if item.text.startswith("Next: ") and font.size(item.text)[0] > room:
                short = item.text.replace(f"Next: {nm.label}", f"Next: {nm.short or nm.label}", 1)
                bare = short.split(" (")[0]
                item = Item(short if font.size(short)[0] <= room else bare, item.style, item.role)
            out.append(item)
        return out

    def _ending_paras(self, frame: Frame) -> list[Para]:
        ending = frame.ending
        assert ending is not None
        out = [para(ending.title, "heading", "text", space_after=0.15)]
        if ending.outcome:
            out.append(para(ending.outcome, "small-bold", "muted", space_after=0.4))
        out.append(para(ending.text, "body", "text", space_after=0.4))
        if WHERE.get(ending.kind):
            out.append(para(WHERE[ending.kind], "small", "muted", space_after=0))
        return out

    def words(self) -> str:
        """What this pane shows now, said in words (for a screen reader and self-voicing): the line, the options, the choice, the ending."""
        if not self.beats:
            return ""
        beat = self.beats[self.index]
        frame = self.frames[beat.frame]
        moment = frame.moment
        if beat.kind == "read":
            leaf = beat.leaf
            line = moment.lines[leaf.line] if leaf is not None and leaf.line is not None and leaf.line < len(moment.lines) else None
            if line is None:
                return ""
            who = f"{line.name}, {line.cue}: " if line.name and line.cue else f"{line.name}: " if line.name else f"{line.cue}. " if line.cue else ""
            return who + line.text
        if beat.kind == "options":
            return f"The options: {'; '.join(f'{i}, {text}' for i, (_, text) in enumerate(moment.choices, 1))}."
        if beat.kind == "taken":
            taken = next((text for cid, text in moment.choices if cid == frame.chosen), "")
            return f"The worker chose: {taken}" if taken else ""
        if beat.kind == "ending" and frame.ending is not None:
            return " ".join(" ".join(span.text for span in p.spans) for p in self._ending_paras(frame))
        return ""

    # -- showing a beat ---------------------------------------------------------------
    def show(self, index: int, waiting: bool = False) -> None:
        """Put beat ``index`` on the pane (held and marked as waiting while the other version catches up)."""
        if not self.beats or self.look is None:
            return
        sub = self.look
        m = sub.m
        index = max(0, min(index, len(self.beats) - 1))
        if adopt(self, index, waiting):
            return
        self.index = index
        self.waiting = waiting
        beat = self.beats[self.index]
        frame = self.frames[beat.frame]
        moment = frame.moment
        w = self.rect.width
        if beat.frame != self._frame:
            self._frame = beat.frame
            self.bar.layout(sub, self._items(frame), w, self.header.height)
            self.stage.set(moment.view_at(0 if moment.views else None), None, crowd_of((*moment.views, moment.view)))
            self.stage.layout(sub, pygame.Rect(0, self.bar.rect.bottom, w, self.reading.y - self.tab_h - self.bar.rect.bottom))
        pad_x, pad_y = self.pad
        hint_h = sub.typeset.line_height("small")
        self.tab = None
        self.heading = []
        self.options = []
        self.covers_bar = False
        if beat.kind in ("options", "taken"):
            self._lay_options(frame, beat.kind == "taken")
        elif beat.kind == "ending":
            self.panel = self.tall
            self.box = pygame.Rect(self.panel.x + pad_x, self.panel.y + pad_y, self.panel.width - 2 * pad_x, self.panel.height - 2 * pad_y - hint_h - m.gap)
        else:
            self.panel = self.reading
            self.box = self.text_box
        leaf = beat.leaf
        if leaf is not None and leaf.name:
            tw = sub.typeset.font("bold").size(leaf.name)[0] + 2 * m.u(16)
            self.tab = (pygame.Rect(self.panel.x + pad_x, self.panel.y - self.tab_h, min(tw, self.panel.width - 2 * pad_x), self.tab_h), leaf.name)
        self.stage.set(moment.view_at(leaf.line if leaf else None), leaf.speaker if leaf else None)
        self.note = None
        if waiting:
            font = sub.typeset.font("small-italic")
            room = self.panel.width - 2 * pad_x - (self.tab[0].width + m.gap if self.tab else 0) - 2 * m.u(14)
            text = next((t for t in ("Waiting for the other version", "Waiting") if font.size(t)[0] <= room), "")
            above = self.bar.rect.bottom if not self.covers_bar else self.header.bottom
            if text and self.panel.y - self.tab_h >= above:
                tw = font.size(text)[0] + 2 * m.u(14)
                self.note = (pygame.Rect(self.panel.right - pad_x - tw, self.panel.y - self.tab_h, tw, self.tab_h), text)
        if beat.kind == "taken":
            number = next((i + 1 for i, b in enumerate(self.options) if b.key == frame.chosen), 0)
            self.hint = "" if self._only_taken else f"The worker chose option {number}."
        else:
            self.hint = ""
        if waiting and self.note is None and beat.kind in ("options", "taken", "ending"):
            self.hint = f"{self.hint} Waiting for the other version.".strip()
        font = sub.typeset.font("small-bold")
        if font.size(self.hint)[0] > self.panel.width - 2 * pad_x:
            # One line only: the shortest words that still say it.
            shorter = [self.hint.replace("The worker chose option", "Option"), self.hint.split(".")[0] + "."]
            self.hint = next((t for t in shorter if font.size(t)[0] <= self.panel.width - 2 * pad_x), "")
        self.hint_rect = pygame.Rect(self.panel.x + pad_x, self.panel.bottom - pad_y - hint_h, self.panel.width - 2 * pad_x, hint_h)

    def _options_need(self, frame: Frame, only_taken: bool) -> tuple[list[Button], list[Para], int, int]:
        """The option buttons, heading, heading height and the panel height they need."""
        assert self.look is not None
        sub = self.look
        m = sub.m
        width = self.text_box.width
        buttons = [Button(text, number=i + 1, kind="choice", key=cid) for i, (cid, text) in enumerate(frame.moment.choices)]
        if only_taken:
            buttons = [b for b in buttons if b.key == frame.chosen]
            heading = [para(f"The worker chose (one of {len(frame.moment.choices)} options):", "bold", "text", space_after=0.3)]
        else:
            heading = [para("What does the worker do?", "bold", "text", space_after=0.3)]
        heading_h = sub.pages(heading, width, 1 << 30)[0].height
        column = sum(b.measure(sub, width) for b in buttons) + m.gap * (len(buttons) - 1)
        need = 2 * self.pad[1] + heading_h + m.gap + column + m.gap + sub.typeset.line_height("small") + m.focus_width
        return buttons, heading, heading_h, need

    def fit(self, frame: Frame) -> str:
        """How a decision fits the pane: "below" the clock bar, "over" it, or "taken" (only the option taken)."""
        need = self._options_need(frame, False)[3]
        h = self.rect.height
        if need <= h - self.margin - (self._bar_h + self.look.m.gap if self.look else 0):
            return "below"
        if need <= h - self.margin - self.header.height - (self.look.m.gap if self.look else 0):
            return "over"  # the options matter more than the clock for the moment they are up
        return "taken"

    def _lay_options(self, frame: Frame, taken: bool) -> None:
        """The options as the trainee would see them (numbered, in the order shown); the one taken ringed."""
        assert self.look is not None
        m = self.look.m
        pad_x, pad_y = self.pad
        h = self.rect.height
        fit = self.fit(frame)
        self._only_taken = fit == "taken"
        buttons, heading, heading_h, need = self._options_need(frame, self._only_taken)
        top_limit = self.bar.rect.bottom + m.gap if fit == "below" else self.header.bottom + m.gap
        top = max(top_limit, h - self.margin - need)
        self.panel = pygame.Rect(self.reading.x, top, self.reading.width, h - self.margin - top)
        self.box = pygame.Rect(self.panel.x + pad_x, top + pad_y, self.text_box.width, heading_h)
        self.heading = heading
        y = self.box.bottom + m.gap
        for b in buttons:
            bh = b.measure(self.look, self.text_box.width)
            b.rect = pygame.Rect(self.box.x, y, self.text_box.width, bh)
            b.enabled = not taken or b.key == frame.chosen
            y += bh + m.gap
        self.options = buttons
        self.covers_bar = fit != "below"

    # -- time -----------------------------------------------------------------------------
    def seconds(self, index: int) -> float:
        """How long beat ``index`` needs on screen at 1x for a room to read it."""
        if not self.beats:
            return 0.0
        beat = self.beats[max(0, min(index, len(self.beats) - 1))]
        if beat.kind == "taken":
            return TAKEN_S
        if beat.kind == "options":
            words = sum(len(text.split()) for _, text in self.frames[beat.frame].moment.choices)
        else:
            page = beat.leaf.page if beat.leaf else beat.page
            words = words_in(page) if page is not None else 0
        return BASE_S + READ_S_PER_WORD * min(words, 120)

    @property
    def ready(self) -> bool:
        return not self.take.reached or self.stage.ready

    @property
    def paints(self) -> bool:
        """:meth:`paint` covers every pixel of the pane (its still part is drawn): nothing under it need be filled first."""
        return self.still.surface is not None and self.look is not None

    def prerender(self, index: int) -> None:
        """Render beat ``index``'s words now (while the beat before is read), so showing it is only blits."""
        if not self.beats or self.look is None or not 0 <= index < len(self.beats):
            return
        beat = self.beats[index]
        page = beat.leaf.page if beat.leaf is not None else beat.page
        if page is not None:
            self.look.prerender([page])
        if beat.leaf is not None and beat.leaf.name:
            self.look.cache.render(self.look.typeset.font("bold"), beat.leaf.name, self.look.palette.on_accent)

    # -- drawing only what changed (watch/pane_picture.py) -------------------------------------------
    def refresh_still(self, art: ArtCache) -> list[pygame.Rect] | None:
        """Bring the still part up to date; what changed in it, in the pane (None: all of it)."""
        return pane_picture.refresh_still(self, art)

    def _still_key(self, art: ArtCache, look: Look) -> tuple[object, ...]:
        return pane_picture.still_key(self, art, look)

    def top_key(self) -> tuple[object, ...]:
        """Everything the panel and what is over it show (equal keys draw the same pixels)."""
        return pane_picture.top_key(self)

    def top_extent(self) -> pygame.Rect:
        """Everything drawn over the still part, in the pane: panel, tab, waiting note, options with their rings, hint."""
        return pane_picture.top_extent(self)

    def paint(self, surface: pygame.Surface, clip: pygame.Rect) -> None:
        """Draw the pane from its still part within ``clip`` (a rectangle of the window)."""
        pane_picture.paint(self, surface, clip)

    def _draw_still(self, surface: pygame.Surface, look: Look, art: ArtCache) -> None:
        pane_picture.draw_still(self, surface, look, art)

    def draw(self, surface: pygame.Surface, art: ArtCache) -> None:
        pane_picture.draw(self, surface, art)

    def _draw_top(self, sub_surface: pygame.Surface, look: Look) -> None:
        pane_picture.draw_top(self, sub_surface, look)
