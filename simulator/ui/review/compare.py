"""Compare: your path against the barrier and enabler paths over the case, decision by decision.

Months along the bottom with the statutory milestones, three tracks for
each score and each family member's trust (a page of panels at a time: Up
and Down show the others), and the first place you parted from each path
as a numbered band. A cursor walks your decisions (Left and Right, or 1
and 2 to jump to where you parted); Enter, or a click on the chart, opens
what each path chose there, what it changed and why, with "Replay from
here".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.report.html import long_date
from simulator.report.timeline import Series, month_position
from simulator.services.review import Review
from simulator.ui.kit.access_describe import Sketch
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Para, Span, para, wrap
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.review import marks
from simulator.ui.review.chart import Chart
from simulator.ui.review.moves import ReviewMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

PATHS = ("barrier", "enabler", "you")
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}


class CompareScene(Scene[ReviewMoves]):
    """The timeline with a cursor on one of your decisions."""

    name = "compare"

    def __init__(self, app: App, moves: ReviewMoves, review: Review) -> None:
        super().__init__(app, moves)
        self.review = review
        debrief = review.debrief
        self.timeline = debrief.timeline
        self.decisions = debrief.comparison.decisions
        self.chart = Chart(self.timeline)
        first = min((p.index for p in debrief.comparison.partings), default=None)
        self.cursor = next((i for i, dp in enumerate(self.decisions) if dp.index == first), 0)
        self.series_page = 0
        self.per_page = len(self.timeline.series)
        self.xs: list[float] = []
        self.group = ButtonGroup(arrows="both")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head_rect = pygame.Rect(0, 0, 1, 1)
        self.legend_rect = pygame.Rect(0, 0, 1, 1)
        self.showing_rect = pygame.Rect(0, 0, 1, 1)
        self.caption_rect = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []
        self._caption: list[Para] = []
        self._showing = ""

    # -- what is selected ---------------------------------------------------------------------
    @property
    def pages(self) -> int:
        return max(1, -(-len(self.timeline.series) // self.per_page))

    def shown_series(self) -> list[Series]:
        start = self.series_page * self.per_page
        return list(self.timeline.series[start : start + self.per_page])

    def select(self, index: int) -> bool:
        if not self.decisions:
            return False
        index = max(0, min(len(self.decisions) - 1, index))
        if index == self.cursor:
            return False
        self.cursor = index
        self._caption = self.caption(self.look)
        return True

    def turn_series(self, step: int) -> bool:
        target = (self.series_page + step) % self.pages
        if target == self.series_page:
            return False
        self.series_page = target
        self.layout(self.look)
        return True

    # -- layout ---------------------------------------------------------------------------------
    def _buttons(self) -> list[Button]:
        has = bool(self.decisions)
        out = [
            Button("What each path did here", self.open_detail, kind="primary", enabled=has, key="detail"),
            Button("Earlier", lambda: self.select(self.cursor - 1), enabled=has, key="prev"),
            Button("Later", lambda: self.select(self.cursor + 1), enabled=has, key="next"),
        ]
        if self.pages > 1:
            out.append(Button("Other tracks", lambda: self.turn_series(1), key="tracks"))
        out.append(Button("Back", lambda: self.moves.close(self), key="back"))
        return out

    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        self.card = pygame.Rect(m.margin, m.margin, w - 2 * m.margin, h - 2 * m.margin)
        inner = self.card.inflate(-2 * m.u(24), -2 * m.u(18))
        sub = "Your path against the barrier and enabler paths, " + (f"{self.chart.unit} by {self.chart.unit}." if self.chart.by_months else "episode by episode.")
        self._head = [Para((Span("Compare paths  ", "heading", "text"), Span(sub, "small", "muted")), space_after=0.1)]
        if len(wrap(self._head[0].spans, inner.width, look.typeset)) > 1:
            self._head = [para("Compare paths", "heading", "text", space_after=0.1)]  # the chart needs the line more
        head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
        self.head_rect = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        small = look.typeset.line_height("small")
        legend_w = marks.legend_width(look, PATHS)
        self.legend_rect = pygame.Rect(inner.x, self.head_rect.bottom + m.u(4), inner.width, small)
        keep = self.group.focused.key if self.group.focused is not None else "detail"
        # Decide how many panels fit, then lay the rest around them.
        for _ in range(2):
            self.group = ButtonGroup(self._buttons(), arrows="both")
            buttons_h = self.group.measure_row(look, inner.width)
            caption_h = self._caption_rows(look, inner.width) * look.typeset.line_height("body")
            showing_top = self.legend_rect.bottom + m.u(4)
            same_line = legend_w + m.u(24) + m.u(300) <= inner.width
            showing_h = 0 if same_line else small + m.u(4)
            chart_top = showing_top + showing_h + m.u(6)
            chart_bottom = inner.bottom - buttons_h - m.gap - caption_h - m.gap
            chart = pygame.Rect(inner.x, chart_top, inner.width, max(1, chart_bottom - chart_top))
            fixed = 3 * small + m.u(30)  # milestone labels and the month axis
            fits = max(1, (chart.height - fixed) // (self.chart.min_panel(look) + m.u(16)))
            per_page = max(1, min(len(self.timeline.series), fits))
            if per_page == self.per_page:
                break
            self.per_page = per_page
            self.series_page = min(self.series_page, self.pages - 1)
        if same_line:
            self.showing_rect = pygame.Rect(inner.x + legend_w + m.u(24), self.legend_rect.y, inner.width - legend_w - m.u(24), small)
        else:
            self.showing_rect = pygame.Rect(inner.x, showing_top, inner.width, small)
        self._showing = self._showing_text(look)
        self.group.focus_key(keep)
        self.group.place_row(look, inner.x, inner.bottom - buttons_h, inner.width)
        self.caption_rect = pygame.Rect(inner.x, inner.bottom - buttons_h - m.gap - caption_h, inner.width, caption_h)
        self.chart.layout(look, chart, self.shown_series())
        self.xs = self._decision_xs(look)
        self.chart.at_decision = {dp.index: x for dp, x in zip(self.decisions, self.xs, strict=True)}
        self._caption = self.caption(look)

    def _caption_rows(self, look: Look, width: int) -> int:
        """Two lines, or three when the decision under the cursor is where you parted from a path and the note needs its own."""
        if not self.decisions:
            return 1
        return 3 if any(dp.parted for dp in self.decisions) else 2

    def _showing_text(self, look: Look) -> str:
        names = ", ".join(s.label for s in self.shown_series())
        options = [f"Showing {names}"]
        if self.pages > 1:
            options = [f"Showing {names} ({self.series_page + 1} of {self.pages}): Up and Down show the others", f"Showing {names} ({self.series_page + 1} of {self.pages})", f"Tracks {self.series_page + 1} of {self.pages}"]
        font = look.typeset.font("small")
        return next((t for t in options if font.size(t)[0] <= self.showing_rect.width), "")

    def _decision_xs(self, look: Look) -> list[float]:
        """Where each decision sits: its episode's day on your path, spread a little within the episode."""
        scenario = self.review.scenario
        slots = {ep.id: i for i, ep in enumerate(scenario.episodes)}
        yours = self.review.trace
        counts: dict[str, int] = {}
        for dp in self.decisions:
            counts[dp.episode] = counts.get(dp.episode, 0) + 1
        seen: dict[str, int] = {}
        out = []
        for dp in self.decisions:
            snap = yours.episode(dp.episode)
            day = snap.day if snap is not None else dp.day
            base = self.chart.x_at(month_position(scenario, day), slots[dp.episode])
            k = seen.get(dp.episode, 0)
            seen[dp.episode] = k + 1
            step = min(look.m.u(4), look.m.u(24) / max(1, counts[dp.episode]))
            out.append(min(self.chart.plot.right, base + k * step))
        return out

    def caption(self, look: Look) -> list[Para]:
        """Two or three lines about the decision under the cursor, the choice cut to fit."""
        if not self.decisions:
            return [para("There are no decisions in this playthrough yet.", "body", "muted")]
        dp = self.decisions[self.cursor]
        scenario = self.review.scenario
        title = scenario.episode_by_id[dp.episode].title
        snap = self.review.trace.episode(dp.episode)
        date = long_date(scenario.calendar.date_of(snap.day if snap else dp.day).isoformat())
        first = Para((Span(f"Decision {dp.number} of {len(self.decisions)}: ", "bold", "text"), Span(f"{title}, {date}", "body", "text")), space_after=0)
        parted = list(dp.parted)
        note = [para(f"Here you first parted from the {' and the '.join(parted)} path{'s' if len(parted) > 1 else ''}.", "bold", "accent", space_after=0)] if parted else []
        width = self.caption_rect.width
        rows = self.caption_rect.height // look.typeset.line_height("body")
        rows_left = rows - len(wrap(first.spans, width, look.typeset)) - sum(len(wrap(n.spans, width, look.typeset)) for n in note)
        chosen = dp.yours.text
        out = [first]
        if rows_left >= 1:
            text = chosen
            while text and len(wrap((Span("You chose: ", "bold", "accent"), Span(text, "body", "text")), width, look.typeset)) > rows_left:
                text = text[: max(0, len(text) - max(1, len(text) // 10))].rstrip() + "\u2026" if len(text) > 2 else ""
            if text:
                out.append(Para((Span("You chose: ", "bold", "accent"), Span(text, "body", "text")), space_after=0))
        return out + note

    def describe(self, sketch: Sketch) -> None:
        """The decision under the cursor in full (the chart is for the eye; its numbers are in the decision's detail)."""
        sketch.heading("Compare paths")
        words = self._decision_words()
        sketch.text(words)
        sketch.text("Left and Right move between decisions; What each path did here opens the one under the cursor.")
        sketch.buttons(self.group)
        sketch.say(words)
        sketch.said_key = self.cursor

    def _decision_words(self) -> str:
        if not self.decisions:
            return "There are no decisions in this playthrough yet."
        dp = self.decisions[self.cursor]
        scenario = self.review.scenario
        snap = self.review.trace.episode(dp.episode)
        date = long_date(scenario.calendar.date_of(snap.day if snap else dp.day).isoformat())
        parted = list(dp.parted)
        note = f" Here you first parted from the {' and the '.join(parted)} path{'s' if len(parted) > 1 else ''}." if parted else ""
        return f"Decision {dp.number} of {len(self.decisions)}: {scenario.episode_by_id[dp.episode].title}, {date}. You chose: {dp.yours.text}{note}"

    # -- actions ----------------------------------------------------------------------------------
    def open_detail(self) -> None:
        if self.decisions:
            self.moves.decision(self.review, self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                self.moves.close(self)
                return True
            if key in (pygame.K_LEFT, pygame.K_RIGHT):
                return self.select(self.cursor + (1 if key == pygame.K_RIGHT else -1))
            if key in (pygame.K_HOME, pygame.K_END):
                return self.select(0 if key == pygame.K_HOME else len(self.decisions) - 1)
            if key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                return self.turn_series(-1 if key in (pygame.K_UP, pygame.K_PAGEUP) else 1)
            if key in NUMBER_KEYS:
                n = NUMBER_KEYS[key]
                partings = self.timeline.partings
                if n <= len(partings):
                    target = next((i for i, dp in enumerate(self.decisions) if dp.index == partings[n - 1].index), None)
                    return target is not None and self.select(target)
                return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.xs and self.chart.plot.collidepoint(event.pos):
            nearest = min(range(len(self.xs)), key=lambda i: abs(self.xs[i] - event.pos[0]))
            self.select(nearest)
            self.open_detail()
            return True
        return self.group.act(event)

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        surface.fill(look.palette.bg)
        look.panel(surface, self.card, alpha=255)
        look.draw_text(surface, self._head, self.head_rect)
        marks.legend(surface, look, PATHS, self.legend_rect.topleft, self.card)
        if self._showing:
            look.draw_text(surface, [para(self._showing, "small", "muted", space_after=0)], self.showing_rect)
        cursor = self.xs[self.cursor] if self.xs else None
        self.chart.draw(surface, look, cursor, self.card, self.xs)
        look.draw_text(surface, self._caption, self.caption_rect)
        self.group.draw(surface, look)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.cursor, self.series_page)
