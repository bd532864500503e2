"""Inline SVG for the report: the compare timeline and the score range bars.

Plain strings, no external resources, every piece of text escaped. Each
drawing carries a ``<title>`` and ``<desc>`` so a screen reader announces
what it shows; the paths are told apart by line style and marker shape as
well as colour, so the chart also reads in greyscale print.
"""

from __future__ import annotations

from html import escape

from simulator.analysis.bounds import Range
from simulator.palette import PATH_COLOURS, PATH_NAMES
from simulator.report.timeline import Series, Timeline, axis_title, period_number
from simulator.wording import signed

COLOURS = PATH_COLOURS
NAMES = PATH_NAMES
DASH = {"you": "", "enabler": "", "barrier": "7 5"}
WIDTH = {"you": 3.0, "enabler": 2.0, "barrier": 2.0}
GRID, RULE, MUTED, INK, HIGHLIGHT = "#e7e2d8", "#c9c2b4", "#52606d", "#1f2933", "#fcd34d"


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, fill: str = MUTED, weight: str = "normal") -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"{bold}>{escape(text)}</text>'


def _marker(path: str, x: float, y: float, label: str) -> str:
    """A point on a track: a filled circle for you, a ring for enabler, a diamond for barrier."""
    title = f"<title>{escape(label)}</title>"
    colour = COLOURS[path]
    if path == "you":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4" fill="{colour}" stroke="#fff" stroke-width="1.5">{title}</circle>'
    if path == "enabler":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="#fff" stroke="{colour}" stroke-width="2">{title}</circle>'
    d = 4.5
    pts = f"{_f(x)},{_f(y - d)} {_f(x + d)},{_f(y)} {_f(x)},{_f(y + d)} {_f(x - d)},{_f(y)}"
    return f'<polygon points="{pts}" fill="{colour}">{title}</polygon>'


class _Frame:
    """Geometry shared by every panel: the case's weeks or months across (or episodes, for a case inside its first)."""

    def __init__(self, timeline: Timeline, width: int = 960, left: int = 168, right: int = 24) -> None:
        self.by_months = timeline.axis in ("months", "weeks")  # by time: the case's own unit
        self.unit = timeline.unit
        self.columns = timeline.span + 1 if self.by_months else max(1, len(timeline.episodes))
        self.width = width
        self.left = left
        self.plot = width - left - right

    def column(self, i: float) -> float:
        return self.left + max(0.0, min(i, self.columns)) / self.columns * self.plot

    def at(self, position: float, slot: int) -> float:
        """Where a point goes: its week or month position, or the middle of its episode's column."""
        return self.column(position) if self.by_months else self.column(slot + 0.5)


def _label_rows(xs: list[tuple[float, str]], rows: int = 3) -> list[int]:
    """A row for each centred label so that none overlap (estimating text width), greedily."""
    ends = [-1e9] * rows
    out: list[int] = []
    for x, text in xs:
        half = len(text) * 3.4 + 6
        row = next((r for r in range(rows) if x - half > ends[r]), min(range(rows), key=lambda r: ends[r]))
        ends[row] = x + half
        out.append(row)
    return out


def _within(x: float, text: str, width: float, per_char: float = 6.8) -> float:
    """The centre for a label about ``x`` that keeps all of it inside the picture (a milestone at the last week)."""
    half = len(text) * per_char / 2 + 2
    return min(max(x, half), width - half)


def _label_lines(label: str, limit: int = 20) -> list[str]:
    """A series label in at most two lines of about ``limit`` characters (the margin is narrow); cut short only beyond that."""
    if len(label) <= limit:
        return [label]
    words = label.split()
    first = ""
    while words and len(f"{first} {words[0]}".strip()) <= limit:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word
        return [_short(label, limit)]
    return [first, _short(" ".join(words), limit)]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def timeline_svg(timeline: Timeline, episode_titles: dict[str, str]) -> str:
    """The compare timeline: one panel per series, the case's weeks or months along the bottom, milestones and partings marked."""
    frame = _Frame(timeline)
    labels = [(frame.at(ms.position, ms.slot), ms.short or ms.label) for ms in timeline.milestones]
    rows = _label_rows(labels)
    panel_h, gap = 78, 22
    top = 30 + 15 * (max(rows, default=0) + 1)
    n = len(timeline.series)
    plot_bottom = top + n * panel_h + (n - 1) * gap
    height = plot_bottom + 74
    parts: list[str] = []
    # Columns shaded alternately so a reader can follow a month (or an episode) down through every panel.
    for c in range(frame.columns):
        x0, x1 = frame.column(c), frame.column(c + 1)
        if c % 2 == 0:
            parts.append(f'<rect x="{_f(x0)}" y="{top - 6}" width="{_f(x1 - x0)}" height="{plot_bottom - top + 12}" fill="#f6f3ec"/>')
        if frame.by_months:
            label = period_number(c)
        else:
            mark = timeline.episodes[c]
            label = _short(mark.label, max(4, int((x1 - x0) / 7)))
        parts.append(_text((x0 + x1) / 2, plot_bottom + 24, label, anchor="middle", size=12, fill=INK))
    axis = axis_title(frame.unit) if frame.by_months else f"Episodes in order (the whole case falls within its first {frame.unit})"
    parts.append(_text(frame.left + frame.plot / 2, plot_bottom + 46, axis, anchor="middle", size=12))
    # Partings first, so the tracks draw over the highlight.
    for i, h in enumerate(timeline.partings, 1):
        x = frame.at(h.position, h.slot)
        label = f"{i}: you parted from the {h.path} path ({episode_titles.get(h.episode, h.episode)})"
        parts.append(
            f'<g><title>{escape(label)}</title>'
            f'<rect x="{_f(x - 7)}" y="{top - 6}" width="14" height="{plot_bottom - top + 12}" fill="{HIGHLIGHT}" fill-opacity="0.45"/>'
            f'<circle cx="{_f(x)}" cy="{plot_bottom + 8}" r="8" fill="{HIGHLIGHT}" stroke="{INK}" stroke-width="1"/>'
            f"{_text(x, plot_bottom + 12, str(i), anchor='middle', size=11, fill=INK, weight='bold')}</g>"
        )
    # Milestones: a line through every panel and a short label above, in rows so that labels never collide.
    for ms, (x, text), row in zip(timeline.milestones, labels, rows, strict=True):
        y = 18 + row * 15
        tip = f"{ms.label}: {'held' if ms.held else 'scheduled'} in {timeline.unit} {period_number(int(ms.position))}"
        if ms.overdue:
            tip += f", {ms.overdue} working day{'' if ms.overdue == 1 else 's'} after it was due"
        parts.append(
            f'<g><title>{escape(tip)}</title>'
            f'<line x1="{_f(x)}" y1="{y + 4}" x2="{_f(x)}" y2="{plot_bottom + 4}" stroke="#7b8794" stroke-width="1" stroke-dasharray="3 3"/>'
            f"{_text(_within(x, text, frame.width), y, text, anchor='middle', size=11, fill=INK, weight='bold')}</g>"
        )
        if ms.overdue and ms.due_position is not None and frame.by_months:
            xd = frame.column(ms.due_position)
            parts.append(f'<path d="M{_f(xd - 5)},{top - 12} h10 l-5,7 z" fill="#9f1239"><title>{escape(ms.label)} was due here</title></path>')
    for i, series in enumerate(timeline.series):
        parts.append(_panel(frame, series, top + i * (panel_h + gap), panel_h, episode_titles))
    title = "Timeline: your path against the enabler and barrier paths" + (f", {frame.unit} by {frame.unit}" if frame.by_months else ", episode by episode")
    desc = _describe(timeline, episode_titles)
    return (
        f'<svg class="timeline" viewBox="0 0 {frame.width} {height}" role="img" aria-labelledby="tl-title tl-desc">'
        f'<title id="tl-title">{escape(title)}</title><desc id="tl-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def _panel(frame: _Frame, series: Series, y0: float, h: float, titles: dict[str, str]) -> str:
    span = series.high - series.low or 1

    def y(value: int) -> float:
        return y0 + h - (value - series.low) / span * h

    right = frame.left + frame.plot
    out = [
        f'<line x1="{frame.left}" y1="{_f(y0)}" x2="{right}" y2="{_f(y0)}" stroke="{GRID}"/>',
        f'<line x1="{frame.left}" y1="{_f(y0 + h)}" x2="{right}" y2="{_f(y0 + h)}" stroke="{RULE}"/>',
        *(
            _text(frame.left - 14, y0 + h / 2 + 4 + (i - (len(lines) - 1) / 2) * 15, line, anchor="end", size=13, fill=INK, weight="bold")
            for lines in [_label_lines(series.label)]
            for i, line in enumerate(lines)
        ),
        _text(frame.left - 4, y0 + 9, signed(series.high) if series.kind == "score" else str(series.high), anchor="end", size=10),
        _text(frame.left - 4, y0 + h, signed(series.low) if series.kind == "score" else str(series.low), anchor="end", size=10),
    ]
    if series.kind == "score" and series.low < 0 < series.high:
        out.append(f'<line x1="{frame.left}" y1="{_f(y(0))}" x2="{right}" y2="{_f(y(0))}" stroke="{RULE}" stroke-dasharray="2 3"/>')
    markers: list[str] = []
    for track in series.tracks:
        coords = [(frame.left + 0.0, y(track.start))] + [(frame.at(p.position, p.slot), y(p.value)) for p in track.points]
        dash = f' stroke-dasharray="{DASH[track.path]}"' if DASH.get(track.path) else ""
        pts = " ".join(f"{_f(a)},{_f(b)}" for a, b in coords)
        out.append(
            f'<polyline points="{pts}" fill="none" stroke="{COLOURS.get(track.path, INK)}" stroke-width="{WIDTH.get(track.path, 2)}"'
            f' stroke-linejoin="round" stroke-linecap="round"{dash}/>'
        )
        for p in track.points:
            label = f"{NAMES.get(track.path, track.path)}, after {titles.get(p.episode, p.episode)}: {series.label} {p.value}"
            markers.append(_marker(track.path if track.path in COLOURS else "you", frame.at(p.position, p.slot), y(p.value), label))
    return "<g>" + "".join(out) + "".join(markers) + "</g>"


def _describe(timeline: Timeline, titles: dict[str, str]) -> str:
    """A plain-words summary of the chart for screen readers and the SVG's description."""
    unit = timeline.unit
    if timeline.axis == "episodes":
        bits = ["Episodes in order along the bottom."]
    else:
        bits = [f"{unit.capitalize()}s {period_number(0)} to {period_number(timeline.span)} along the bottom."]
    if timeline.milestones:
        bits.append("Milestones: " + "; ".join(f"{m.label} in {unit} {period_number(int(m.position))}" for m in timeline.milestones) + ".")
    for s in timeline.series:
        ends = []
        for t in s.tracks:
            last = t.points[-1].value if t.points else t.start
            ends.append(f"{NAMES.get(t.path, t.path).lower()} {t.start} to {last}")
        bits.append(f"{s.label}: " + ", ".join(ends) + ".")
    for h in timeline.partings:
        bits.append(f"You parted from the {h.path} path at {titles.get(h.episode, h.episode)}.")
    return " ".join(bits)


def range_svg(label: str, score: int, achievable: Range, enabler: int, barrier: int) -> str:
    """A dimension's achievable range as a bar, with where you, the enabler and the barrier paths finished."""
    w, h, pad = 520, 70, 30
    low = min(achievable.low, score, enabler, barrier)
    high = max(achievable.high, score, enabler, barrier)
    if low == high:
        title = f"{label}: {signed(score)}. No route through this scenario changes this score."
        return (
            f'<svg class="range" viewBox="0 0 {w} {h}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<rect x="{pad}" y="35" width="{w - 2 * pad}" height="10" rx="5" fill="#eeebe4"/>'
            f"{_text(w / 2, 24, 'No route through this scenario changes this score', anchor='middle', size=12)}</svg>"
        )
    span = high - low

    def x(v: int) -> float:
        return pad + (v - low) / span * (w - 2 * pad)

    def anchor(v: int) -> str:
        return "start" if x(v) < pad + 40 else "end" if x(v) > w - pad - 40 else "middle"

    track_y = 40
    parts = [
        f'<rect x="{_f(x(achievable.low) - 6)}" y="{track_y - 5}" width="{_f(x(achievable.high) - x(achievable.low) + 12)}" height="10" rx="5" fill="#e7e2d8"/>',
    ]
    if low < 0 < high:
        parts.append(f'<line x1="{_f(x(0))}" y1="{track_y - 9}" x2="{_f(x(0))}" y2="{track_y + 9}" stroke="#9aa5b1" stroke-width="1"/>')
    parts.append(_text(x(achievable.low), h - 4, f"lowest {signed(achievable.low)}", anchor=anchor(achievable.low), size=11))
    parts.append(_text(x(achievable.high), h - 4, f"highest {signed(achievable.high)}", anchor=anchor(achievable.high), size=11))
    for path, value, row in (("enabler", enabler, 11), ("barrier", barrier, 24)):
        xv = x(value)
        dash = ' stroke-dasharray="3 2"' if path == "barrier" else ""
        parts.append(f'<line x1="{_f(xv)}" y1="{row + 3}" x2="{_f(xv)}" y2="{track_y}" stroke="{COLOURS[path]}" stroke-width="1.5"{dash}/>')
        parts.append(_text(xv, row, f"{NAMES[path]} {signed(value)}", anchor=anchor(value), size=11, fill=COLOURS[path]))
        parts.append(_marker(path, xv, track_y, f"{NAMES[path]}: {signed(value)}"))
    parts.append(_marker("you", x(score), track_y, f"You: {signed(score)}").replace('r="4"', 'r="7"', 1))
    title = (
        f"{label}: you scored {signed(score)}. This scenario allowed {signed(achievable.low)} to {signed(achievable.high)}; "
        f"the enabler path scored {signed(enabler)} and the barrier path {signed(barrier)}."
    )
    return f'<svg class="range" viewBox="0 0 {w} {h}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>' + "".join(parts) + "</svg>"
