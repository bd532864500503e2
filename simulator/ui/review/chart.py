"""The compare timeline drawn in the window: the case's weeks or months along the bottom, three tracks per quantity.

The same data as the HTML report's timeline (:mod:`simulator.report.timeline`):
weeks or months from 0 to the last episode (or the episodes in order, for a case inside its first),
statutory milestones as dotted lines labelled along the top, one panel per
quantity with the barrier (dashed, diamonds), enabler (solid, rings) and
your (thick, filled circles) tracks, and the first place you parted from
each path as a numbered band. The compare scene adds its decision cursor.
"""

from __future__ import annotations

import pygame

from simulator.report.timeline import Series, Timeline, axis_title, period_number
from simulator.ui.kit.look import Look
from simulator.ui.review import marks
from simulator.wording import signed

MILESTONE_ROWS = 3


def shorten(look: Look, text: str, style: str, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels ("" if not even one letter fits)."""
    font = look.typeset.font(style)
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "\u2026")[0] > width:
        text = text[:-1]
    return (text.rstrip() + "\u2026") if text else ""


class Chart:
    """Lays out and draws some of a timeline's series in a rectangle."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.by_months = timeline.axis in ("months", "weeks")  # by the case's own time: weeks or months
        self.unit = timeline.unit
        self.columns = timeline.span + 1 if self.by_months else max(1, len(timeline.episodes))
        self.series: list[Series] = []
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.plot = pygame.Rect(0, 0, 1, 1)
        self.panels: list[pygame.Rect] = []
        self.labels: list[tuple[str, int, int, str]] = []  # milestone label, x, row, full label
        self.at_decision: dict[int, float] = {}  # step index -> x, set by the compare screen

    # -- geometry --------------------------------------------------------------------------
    def x_at(self, position: float, slot: int) -> float:
        column = position if self.by_months else slot + 0.5
        return self.plot.x + max(0.0, min(column, self.columns)) / self.columns * self.plot.width

    def layout(self, look: Look, rect: pygame.Rect, series: list[Series]) -> None:
        m = look.m
        self.rect = rect
        self.series = series
        small = look.typeset.line_height("small")
        label_font = look.typeset.font("small-bold")
        label_w = max((label_font.size(s.label)[0] for s in series), default=0) + m.u(14)
        label_w = min(label_w, int(rect.width * 0.24))
        value_w = look.typeset.font("small").size("\u2212100")[0] + m.u(6)
        # Room left of month 0 for a parting's numbered badge, so it never covers the scale's numbers.
        self.badge_r = look.typeset.font("small-bold").get_height() // 2 + m.u(3)
        left = rect.x + label_w + value_w + self.badge_r + m.u(4)
        right = rect.right - m.u(10)
        self.plot = pygame.Rect(left, rect.y, max(1, right - left), rect.height)  # provisional, for x_at
        bottom = rect.bottom - 2 * small - m.u(14)
        for rows_allowed in (MILESTONE_ROWS, 1):
            # Milestone names in up to three rows along the top; on a short screen one row, and a name
            # that does not fit there keeps its dotted line (the case clock section lists every milestone).
            self._place_milestones(look, rows_allowed)
            rows = 1 + max((row for _, _, row, _ in self.labels), default=-1)
            top = rect.y + rows * small + (m.u(6) if rows else 0)
            if bottom - top >= self.min_panel(look) * max(1, len(series)):
                break
        self.plot = pygame.Rect(left, top, self.plot.width, max(1, bottom - top))
        n = max(1, len(series))
        gap = m.u(16)
        each = max(1, (self.plot.height - gap * (n - 1)) // n)
        self.panels = [pygame.Rect(left, top + i * (each + gap), self.plot.width, each) for i in range(n)]
        self.label_w = label_w

    def _place_milestones(self, look: Look, rows: int) -> None:
        font = look.typeset.font("small-bold")
        gap = look.m.u(10)
        ends = [-(1 << 30)] * rows
        self.labels = []
        for ms in self.timeline.milestones:
            x = round(self.x_at(ms.position, ms.slot))
            text = ms.short or ms.label
            w = font.size(text)[0]
            lo = max(self.rect.x, min(x - w // 2, self.rect.right - w))
            row = next((r for r in range(rows) if lo > ends[r] + gap), None)
            if row is not None:
                ends[row] = lo + w
                self.labels.append((text, lo, row, ms.label))

    def min_panel(self, look: Look) -> int:
        return max(look.m.u(56), round(2.4 * look.typeset.line_height("small")))

    # -- drawing ---------------------------------------------------------------------------------
    def parting_x(self, i: int) -> float:
        """Where parting ``i`` (0-based) is drawn: at its decision when the host has placed decisions, else its episode."""
        h = self.timeline.partings[i]
        return self.at_decision.get(h.index, self.x_at(h.position, h.slot))

    def draw(self, surface: pygame.Surface, look: Look, cursor: float | None, box: pygame.Rect, ticks: list[float] | None = None) -> None:
        p = look.palette
        m = look.m
        small = look.typeset.line_height("small")
        high_contrast = look.high_contrast
        # Alternate columns shaded, so a month can be followed down through every panel.
        for c in range(self.columns):
            x0 = self.plot.x + c / self.columns * self.plot.width
            x1 = self.plot.x + (c + 1) / self.columns * self.plot.width
            if c % 2 == 0 and not high_contrast:
                pygame.draw.rect(surface, p.bg, pygame.Rect(round(x0), self.plot.y, round(x1 - x0), self.plot.height))
            elif high_contrast:
                pygame.draw.line(surface, (90, 90, 90), (round(x0), self.plot.y), (round(x0), self.plot.bottom), 1)
            label = period_number(c) if self.by_months else shorten(look, self.timeline.episodes[c].label, "small", int(x1 - x0) - m.u(4))
            if label:
                marks.label(surface, look, label, "small", "text", (round((x0 + x1) / 2), self.plot.bottom + m.u(6)), box, anchor="midtop")
        axis = axis_title(self.unit) if self.by_months else "Episodes in order"
        marks.label(surface, look, axis, "small-italic", "muted", (self.plot.centerx, self.plot.bottom + m.u(8) + small), box, anchor="midtop")
        # The first partings behind everything else, numbered on the axis.
        for i in range(len(self.timeline.partings)):
            x = round(self.parting_x(i))
            band = pygame.Rect(x - m.u(8), self.plot.y, m.u(16), self.plot.height)
            if high_contrast:
                marks.dashed(surface, p.accent, [(x, self.plot.y), (x, self.plot.bottom)], max(2, m.u(2)), m.u(6), m.u(5))
            else:
                pygame.draw.rect(surface, (252, 226, 140), band)
        # Milestones: a dotted line through the panels, labelled along the top.
        for ms in self.timeline.milestones:
            x = round(self.x_at(ms.position, ms.slot))
            marks.dashed(surface, p.muted, [(x, self.plot.y - m.u(4)), (x, self.plot.bottom)], 1 if not high_contrast else 2, m.u(3), m.u(4))
        for text, x, row, _ in self.labels:
            marks.label(surface, look, text, "small-bold", "text", (x, self.rect.y + row * small), box)
        for series, panel in zip(self.series, self.panels, strict=False):
            self._panel(surface, look, series, panel, box)
        for t in ticks or []:
            # Each of your decisions, as a short tick on the axis: the cursor walks these.
            pygame.draw.line(surface, p.text, (round(t), self.plot.bottom - m.u(7)), (round(t), self.plot.bottom), max(1, m.u(1.5)))
        if cursor is not None:
            x = round(cursor)
            width = max(3, m.u(3))
            pygame.draw.line(surface, p.focus, (x, self.plot.y - m.u(6)), (x, self.plot.bottom), width)
            tip = [(x - m.u(8), self.plot.y - m.u(14)), (x + m.u(8), self.plot.y - m.u(14)), (x, self.plot.y - m.u(4))]
            pygame.draw.polygon(surface, p.focus, tip)
        # The partings' numbered badges last, so the cursor never hides a number.
        edge = -(1 << 30)
        for i in sorted(range(1, len(self.timeline.partings) + 1), key=lambda n: self.parting_x(n - 1)):
            r = self.badge_r
            # Badges of partings close together sit side by side rather than on top of each other.
            x = max(round(self.parting_x(i - 1)), edge + r + m.u(2))
            edge = x + r
            centre = (x, self.plot.bottom)
            pygame.draw.circle(surface, p.accent if high_contrast else (252, 211, 77), centre, r)
            pygame.draw.circle(surface, p.text if not high_contrast else p.bg, centre, r, max(1, m.u(1.5)))
            marks.label(surface, look, str(i), "small-bold", "text" if not high_contrast else "on_accent", centre, pygame.Rect(centre[0] - r, centre[1] - r, 2 * r, 2 * r), anchor="center")

    def _panel(self, surface: pygame.Surface, look: Look, series: Series, panel: pygame.Rect, box: pygame.Rect) -> None:
        p = look.palette
        m = look.m
        span = series.high - series.low or 1

        def y(value: int) -> float:
            return panel.bottom - (value - series.low) / span * panel.height

        rule = p.button_border if not look.high_contrast else (140, 140, 140)
        pygame.draw.line(surface, rule, panel.topleft, panel.topright, 1)
        pygame.draw.line(surface, p.muted, panel.bottomleft, panel.bottomright, max(1, m.u(1)))
        if series.kind == "score" and series.low < 0 < series.high:
            marks.dashed(surface, rule, [(panel.x, y(0)), (panel.right, y(0))], 1, m.u(3), m.u(4))
        text = shorten(look, series.label, "small-bold", self.label_w - m.u(10))
        marks.label(surface, look, text, "small-bold", "text", (self.rect.x, panel.centery), box, anchor="midleft")
        high = signed(series.high) if series.kind == "score" else str(series.high)
        low = signed(series.low) if series.kind == "score" else str(series.low)
        scale_x = panel.x - self.badge_r - m.u(8)
        marks.label(surface, look, high, "small", "muted", (scale_x, panel.y), box, anchor="topright")
        marks.label(surface, look, low, "small", "muted", (scale_x, panel.bottom), box, anchor="bottomright")
        clip = surface.get_clip()
        surface.set_clip(panel.inflate(m.u(24), m.u(24)))
        tracks = sorted(series.tracks, key=lambda t: marks.ORDER.index(t.path) if t.path in marks.ORDER else 9)
        for track in tracks:
            points = [(float(panel.x), y(track.start))] + [(self.x_at(pt.position, pt.slot), y(pt.value)) for pt in track.points]
            marks.track(surface, look, track.path, points)
        # Markers: your dot, the barrier diamond over it, and the enabler ring around both where they meet.
        sizes = {"you": m.u(6), "barrier": m.u(5), "enabler": m.u(9)}
        for path in ("you", "barrier", "enabler"):
            for track in (t for t in series.tracks if t.path == path):
                for pt in track.points:
                    marks.marker(surface, look, path, (self.x_at(pt.position, pt.slot), y(pt.value)), sizes[path])
        surface.set_clip(clip)
